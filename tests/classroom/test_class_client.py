"""The line-by-line player (`kdquiz join --plain`): what it prints is safe text, what it types
becomes the protocol's answer, and a dropped connection rejoins with the token."""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp import web
from class_support import every_kind_deck, one_question_deck
from ui_support import FakeClock

from kdquiz.classroom.client import (
    OUT,
    REFUSED_ADDRESS,
    PlainPlayer,
    response_from,
    websocket_url,
)
from kdquiz.classroom.game import ClassGame, Phase
from kdquiz.classroom.server import ClassServer, cross_site
from kdquiz.cli import main
from kdquiz.core.game import QuizConfig
from kdquiz.core.model import Deck
from kdquiz.core.store import ProgressStore, store_path


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("127.0.0.1:8470", "ws://127.0.0.1:8470/ws"),
        ("http://192.168.1.20:8470/", "ws://192.168.1.20:8470/ws"),
        ("https://quiz.example/", "wss://quiz.example/ws"),
    ],
)
def test_the_address_the_host_shows_becomes_its_websocket(address: str, url: str) -> None:
    assert websocket_url(address) == url


def test_typed_answers_become_the_protocols_answers() -> None:
    choices = {"answer": "choice", "choices": [{"id": 2, "text": "a"}, {"id": 0, "text": "b"}]}
    assert response_from(choices, "2") == 0 and response_from(choices, "3") is None
    assert response_from(choices, "1 2") is None
    multi = {**choices, "answer": "multi"}
    assert response_from(multi, "1, 2") == [2, 0]
    order = {"answer": "order", "items": [{"id": 1, "text": "x"}, {"id": 0, "text": "y"}]}
    assert response_from(order, "2 1") == [0, 1] and response_from(order, "1 1") is None
    assert response_from({"answer": "truefalse"}, " T ") is True
    assert response_from({"answer": "truefalse"}, "maybe") is None
    matching = {
        "answer": "matching",
        "left": [{"id": 1, "text": "OST"}, {"id": 0, "text": "PD"}],
        "right": [{"id": 2, "text": "Actor"}, {"id": 0, "text": "Producer"},
                  {"id": 1, "text": "Soundtrack"}],
    }  # fmt: skip
    assert response_from(matching, "1C 2B") == [0, 1]
    assert response_from({"answer": "number"}, " 24 \n") == "24"


def play_plain(
    tmp_path: Path, deck: Deck, typed: list[str], name: str, config: QuizConfig | None = None
) -> tuple[list[str], int]:
    """A server with one plain player who types `typed` one line per question; the host walks
    the round once the player has joined. (What it printed, its exit code.)"""
    clock = FakeClock()
    store = ProgressStore(store_path(tmp_path), clock=clock, backup=False)
    game = ClassGame([deck], config or QuizConfig(questions=1), code="123456",
                     rng=random.Random(2), new_token=lambda: "tok")  # fmt: skip
    server = ClassServer(game, store, ["korea"], clock=clock)
    printed: list[str] = []

    async def run() -> int:
        (url,) = await server.start("127.0.0.1", 0)
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        player = PlainPlayer(websocket_url(url), "123456", name, printed.append)
        playing = asyncio.create_task(player.play(lines))
        while not game.players:
            await asyncio.sleep(0.01)
        await server.advance()
        while not any(line.startswith("Question 1") for line in printed):
            await asyncio.sleep(0.01)
        for line in typed:
            await lines.put(line)
        while game.phase is Phase.QUESTION:
            await asyncio.sleep(0.01)
        await server.advance()
        await server.advance()
        code = await asyncio.wait_for(playing, 10)
        await server.stop()
        return code

    code = asyncio.run(run())
    store.close()
    return printed, code


def test_a_refused_name_is_told_and_the_player_exits(tmp_path: Path) -> None:
    store = ProgressStore(store_path(tmp_path), clock=FakeClock(), backup=False)
    game = ClassGame([one_question_deck()], QuizConfig(), code="123456", rng=random.Random(2),
                     new_token=lambda: "tok")  # fmt: skip
    server = ClassServer(game, store, ["korea"], clock=FakeClock())
    printed: list[str] = []

    async def run() -> int:
        (url,) = await server.start("127.0.0.1", 0)
        try:
            player = PlainPlayer(websocket_url(url), "123456", "Eve\u202e", printed.append)
            return await asyncio.wait_for(player.play(asyncio.Queue()), 10)
        finally:
            await server.stop()

    assert asyncio.run(run()) == 1
    store.close()
    assert printed == [
        "The host closed the connection: a name cannot hold control or invisible characters"
    ]


def test_the_plain_player_prints_escapes_and_plays_to_the_podium(tmp_path: Path) -> None:
    card = replace(every_kind_deck().cards[0], prompt="Capital of Korea?\x1b]0;owned\x07")
    printed, code = play_plain(tmp_path, Deck(id="korea", title="Korea", cards=(card,)),
                               ["9\n", "2\n"], "Min")  # fmt: skip
    text = "\n".join(printed)
    assert code == 0
    assert "Capital of Korea?\\x1b]0;owned\\x07" in text and "\x1b" not in text
    assert "  2. " in text
    assert "That does not fit this question" in text  # "9" is not a choice
    assert "Podium: the game is over" in text and "1. Min" in text
    assert main(["results", "--class", "--data-dir", str(tmp_path)]) == 0


def test_the_plain_player_shows_survival_lives_and_being_out(tmp_path: Path) -> None:
    config = QuizConfig(mode="survival", lives=2, questions=1)  # type: ignore[arg-type]
    printed, code = play_plain(tmp_path, one_question_deck(), ["3\n"], "Min", config)
    assert code == 0 and "  3. Busan" in printed  # (the seeded order): a wrong answer
    head = next(line for line in printed if line.startswith("Question 1 of 1"))
    assert head.endswith(" · Lives ♥♥")
    assert any("Lives ♥♡" in line for line in printed)  # the reveal: one life lost
    assert "  1. Min · 0 · Lives ♥♡" in printed and "You: 0 points, #1 · Lives ♥♡" in printed


def test_a_player_who_is_out_sees_the_question_but_cannot_answer_it() -> None:
    printed: list[str] = []
    player = PlainPlayer("ws://127.0.0.1:9/ws", "123456", "Min", printed.append)
    question = {
        "v": 1, "type": "question", "number": 3, "total": 5, "text": "Capital?", "answer": "choice",
        "choices": [{"id": 0, "text": "Seoul"}], "answered": False, "mode": "survival",
        "lives_total": 3, "lives": 0, "out": True,
    }  # fmt: skip
    player.receive(json.dumps(question))
    assert player.question is None  # nothing typed is sent
    assert printed[1:] == ["Question 3 of 5 · out", "Capital?", OUT]


@pytest.mark.parametrize(
    "message",
    [
        {"type": "lobby"},
        {"type": "question", "text": "Capital?"},
        {"type": "question", "number": 1, "total": 1, "text": "Capital?", "answer": "choice"},
        {"type": "reveal", "lines": 5, "distribution": []},
        {"type": "leaderboard", "top": [{}]},
        {"type": "podium", "top": [{"name": "Ana", "score": 1}], "you": "first"},
        {"type": "welcome", "name": "Ana", "token": ["not", "text"]},
    ],
)
def test_a_message_the_player_cannot_read_is_skipped_and_the_game_goes_on(
    message: dict[str, object],
) -> None:
    """A host of another version, or a program pretending to be one, cannot crash the player."""
    printed: list[str] = []
    player = PlainPlayer("ws://127.0.0.1:9/ws", "123456", "Min", printed.append)
    player.receive(json.dumps({"v": 1, **message}))
    assert printed[-1] == "The host sent a message this kdquiz cannot read; it was skipped."
    question = {"v": 1, "type": "question", "number": 1, "total": 1, "text": "Capital?",
                "answer": "choice", "choices": [{"id": 0, "text": "Seoul"}]}  # fmt: skip
    player.receive(json.dumps(question))
    assert printed[-3:-1] == ["Capital?", "  1. Seoul"] and player.question == question
    assert response_from(player.question, "1") == 0


def test_a_host_that_refuses_the_address_joined_says_which_address_to_use() -> None:
    """The game answers 403 to a name it does not know as this computer's (DNS rebinding):
    the player is told to use the address the host shows, not an HTTP status."""

    async def refuse(request: web.Request) -> web.Response:
        why = cross_site("rebound.example:8470", None)
        assert why is not None
        return web.Response(status=403, text=why)

    printed: list[str] = []

    async def run() -> int:
        app = web.Application()
        app.router.add_get("/ws", refuse)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        try:
            url = f"ws://127.0.0.1:{runner.addresses[0][1]}/ws"
            player = PlainPlayer(url, "123456", "Min", printed.append)
            return await asyncio.wait_for(player.play(asyncio.Queue()), 10)
        finally:
            await runner.cleanup()

    assert asyncio.run(run()) == 1
    assert printed == [REFUSED_ADDRESS] and "the address the host shows" in REFUSED_ADDRESS
