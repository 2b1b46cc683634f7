"""A deck with every kind a class can play (and one it cannot), and a player that
speaks the protocol over a real websocket."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from kdquiz.core.kinds.matching import Matching
from kdquiz.core.model import (
    Choice,
    Cloze,
    Deck,
    Flashcard,
    Kind,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
    parse_gaps,
)


def mcq(card_id: str = "capital") -> MultipleChoice:
    return MultipleChoice(
        id=card_id, kind=Kind.MCQ, prompt="Capital of Korea?", explain="Seoul since 1394.",
        choices=(Choice("Busan"), Choice("Seoul"), Choice("Incheon")), answer=1,
    )  # fmt: skip


#: A cloze of two gaps: two questions, each typed as a typed card's answer is.
CLOZE_TEXT = "King {{Sejong}} had {{Hangul::an alphabet}} made in 1443."


def every_kind_deck() -> Deck:
    """One card of each kind a phone can answer, and a flashcard hosting must skip."""
    cards = (
        mcq(),
        TrueFalse(id="tf", kind=Kind.TRUEFALSE, statement="Kimchi is fermented.", answer=True),
        MultiSelect(
            id="multi",
            kind=Kind.MULTI,
            prompt="Which are K-dramas?",
            choices=(Choice("Goblin"), Choice("Friends"), Choice("Crash Landing on You")),
            answers=frozenset({0, 2}),
        ),  # fmt: skip
        Typed(id="typed", kind=Kind.TYPED, prompt="Thank you in Korean?", answer="gamsahamnida"),
        Numeric(
            id="num", kind=Kind.NUMERIC, prompt="Hangul letters?", answer=24.0, answer_text="24"
        ),  # fmt: skip
        Order(id="order", kind=Kind.ORDER, prompt="Oldest first", items=("Goryeo", "Joseon")),
        Matching(
            id="match",
            kind=Kind.MATCHING,
            prompt="Match",
            pairs=(("PD", "Producer"), ("OST", "Soundtrack")),
            distractors=("Actor",),
        ),  # fmt: skip
        Cloze(id="cloze", kind=Kind.CLOZE, text=CLOZE_TEXT, gaps=tuple(parse_gaps(CLOZE_TEXT))),
        Flashcard(id="flash", kind=Kind.FLASHCARD, front="Annyeong", back="Hello"),
    )
    return Deck(id="korea", title="Korea", cards=cards)


def one_question_deck() -> Deck:
    return Deck(id="korea", title="Korea", cards=(mcq(),))


class Player:
    """A protocol-level player: sends JSON, reads JSON, nothing else."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    @classmethod
    async def connect(cls, session: aiohttp.ClientSession, url: str) -> Player:
        return cls(await session.ws_connect(url.replace("http", "ws", 1) + "/ws"))

    async def send(self, **message: Any) -> None:
        await self.ws.send_str(json.dumps({"v": 1, **message}))

    async def receive(self, kind: str | None = None) -> dict[str, Any]:
        """The next message (of type `kind`, skipping others); fails if the server closed."""
        while True:
            message = await self.ws.receive(timeout=10)
            assert message.type is aiohttp.WSMsgType.TEXT, message
            data = json.loads(message.data)
            assert data["v"] == 1
            if kind is None or data["type"] == kind:
                return data

    async def closed(self) -> tuple[dict[str, Any] | None, int | None]:
        """(the error message the server gave, the close code) once it has closed us."""
        error = None
        while True:
            message = await self.ws.receive(timeout=10)
            if message.type is aiohttp.WSMsgType.TEXT:
                data = json.loads(message.data)
                if data["type"] == "error":
                    error = data
                continue
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                aiohttp.WSMsgType.CLOSING):  # fmt: skip
                return error, self.ws.close_code
            if message.type is aiohttp.WSMsgType.ERROR:
                return error, self.ws.close_code
