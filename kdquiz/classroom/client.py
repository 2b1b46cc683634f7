"""The terminal player of a class game (`kdquiz join`): the protocol over aiohttp's websocket
client, and the plain line-by-line front-end.

Everything the host sends is outside text (names, deck text) and is printed through the safe-text
helper. Answers are typed as in plain mode: a choice's number, "1 3" for several, "t"/"f", the
text itself, or "1B 2A" for matching pairs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from typing import Any, TextIO

import aiohttp

from kdquiz.classroom.protocol import VERSION, ProtocolError, decode
from kdquiz.core.kinds.base import numbers_in
from kdquiz.core.kinds.matching import LETTERS, read_matches
from kdquiz.core.kinds.truefalse import true_or_false
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import lives_text

OUT = "You are out of lives: watch the answers and the leaderboard until the game ends."
REFUSED_ADDRESS = (
    "kdquiz: the host refused this address; join at the address the host shows "
    "(e.g. 192.168.1.20:8470)"
)
UNREADABLE = "The host sent a message this kdquiz cannot read; it was skipped."

#: How often a dropped player tries to rejoin before giving up.
REJOIN_TRIES = 5


def websocket_url(address: str) -> str:
    """`ws://host:port/ws` from "host:port", "http://host:port" or "http://host:port/"."""
    text = address.strip().rstrip("/")
    if text.startswith(("http://", "https://")):
        text = "ws" + text[4:]
    elif not text.startswith(("ws://", "wss://")):
        text = "ws://" + text
    return text if text.endswith("/ws") else text + "/ws"


def response_from(question: dict[str, Any], line: str) -> object | None:
    """The protocol answer for what the player typed, or None when it does not fit."""
    kind, text = question.get("answer"), line.strip()
    if kind in ("text", "number"):
        return text
    if kind == "truefalse":
        return true_or_false(text)
    if kind in ("choice", "multi", "order"):
        shown = question["choices"] if kind != "order" else question["items"]
        numbers = numbers_in(text, len(shown))
        if not numbers:
            return None
        ids = [shown[n - 1]["id"] for n in numbers]
        if kind == "choice":
            return ids[0] if len(ids) == 1 else None
        if kind == "order" and len(set(ids)) != len(shown):
            return None
        return ids
    if kind == "matching":
        picks = read_matches(text, len(question["left"]), len(question["right"]))
        if picks is None:
            return None
        response = [-1] * len(question["left"])
        for left, right in picks.items():
            response[question["left"][left]["id"]] = question["right"][right]["id"]
        return response
    return None


def question_lines(question: dict[str, Any]) -> list[str]:
    """The question and how to answer it, as safe plain lines."""
    left = question.get("seconds_left")
    head = f"Question {question['number']} of {question['total']}"
    lines = [
        head + (f" · {left:.0f} s" if isinstance(left, int | float) else "") + _lives(question)
    ]
    lines.append(safe_text(question["text"], multiline=True))
    if question.get("out"):
        return [*lines, OUT]
    kind = question["answer"]
    if kind in ("choice", "multi", "order"):
        shown = question["choices"] if kind != "order" else question["items"]
        lines += [f"  {n}. {safe_text(c['text'])}" for n, c in enumerate(shown, 1)]
        lines.append(
            {
                "choice": "Your answer (a number):",
                "multi": "Every right one, e.g. 1 3:",
                "order": "Their order, e.g. 2 1 3:",
            }[kind]  # fmt: skip
        )
    elif kind == "matching":
        lines += [f"  {n}. {safe_text(i['text'])}" for n, i in enumerate(question["left"], 1)]
        lines += [
            f"  {LETTERS[n]}. {safe_text(i['text'])}" for n, i in enumerate(question["right"])
        ]
        lines.append("Your pairs, e.g. 1B 2A:")
    elif kind == "truefalse":
        lines.append("True or false (t/f):")
    else:
        unit = f" ({safe_text(question['unit'])})" if question.get("unit") else ""
        lines.append(f"Your answer{unit}:")
    return lines


def message_lines(message: dict[str, Any]) -> list[str]:
    """What the plain client prints for a message from the host (never the question: see
    `question_lines`)."""
    kind = message["type"]
    if kind == "welcome":
        return [f"Joined as {safe_text(message['name'])}. Waiting for the host to start."]
    if kind == "lobby":
        return ["Players: " + ", ".join(safe_text(n) for n in message["players"])]
    if kind == "ack":
        return ["Answer in. Waiting for the others…"]
    if kind == "refused":
        return [safe_text(message["reason"])]
    if kind == "reveal":
        lines = [safe_text(line["text"], multiline=True) for line in message["lines"]]
        for bar in message["distribution"]:
            mark = "✓" if bar["right"] else " "
            lines.append(f"  {mark} {safe_text(bar['label'])}: {bar['count']}")
        return lines + _you(message)
    if kind in ("leaderboard", "podium"):
        title = "Leaderboard" if kind == "leaderboard" else "Podium: the game is over"
        rows = [
            f"  {n}. {safe_text(r['name'])} · {r['score']}{_lives(r, message)}"
            for n, r in enumerate(message["top"], 1)
        ]
        return [title, *rows, *_you(message)]
    if kind == "error":
        return [f"The host closed the connection: {safe_text(message['reason'])}"]
    return []


def _you(message: dict[str, Any]) -> list[str]:
    you = message.get("you")
    if not you:
        return []
    return [f"You: {you['score']} points, #{you['rank']}{_lives(you, message)}"]


def _lives(holder: dict[str, Any], message: dict[str, Any] | None = None) -> str:
    """' · Lives ♥♥♡' (or ' · out') in survival, where a message carries lives; '' otherwise."""
    lives, total = holder.get("lives"), (message or holder).get("lives_total")
    if not isinstance(lives, int) or not isinstance(total, int):
        return ""
    return " · out" if lives <= 0 else f" · Lives {lives_text(lives, total)}"


class PlainPlayer:
    """Plays a class game line by line: prints what the host sends, sends what the player types."""

    def __init__(self, url: str, code: str, name: str, say: Callable[[str], None]) -> None:
        self.url, self.code, self.name, self.say = url, code, name, say
        self.token = ""
        self.question: dict[str, Any] | None = None
        self.over = False

    async def play(self, lines: asyncio.Queue[str | None]) -> int:
        """Play until the podium, a refusal, or the end of input; 0 when the game was played."""
        hello: dict[str, object] = {"type": "join", "code": self.code, "name": self.name}
        tries = 0
        async with aiohttp.ClientSession() as session:
            while not self.over:
                try:
                    async with session.ws_connect(self.url, heartbeat=20.0) as ws:
                        tries = 0
                        await ws.send_str(json.dumps({"v": VERSION, **hello}))
                        await self._session(ws, lines)
                except (aiohttp.ClientError, OSError) as exc:
                    if isinstance(exc, aiohttp.WSServerHandshakeError) and exc.status == 403:
                        self.say(REFUSED_ADDRESS)  # a name the host does not know as its own
                        return 1
                    if isinstance(exc, aiohttp.WSServerHandshakeError) and exc.status == 503:
                        self.say("kdquiz: the game has all the players it can take.")
                        return 1
                    if not self.token or tries >= REJOIN_TRIES:
                        self.say(
                            f"kdquiz: cannot reach the host at {safe_text(self.url)} "
                            f"({safe_text(exc)})"
                        )
                        return 1
                if self.over or not self.token or tries >= REJOIN_TRIES:
                    break
                tries += 1
                self.say("Connection lost; rejoining…")
                hello = {"type": "rejoin", "code": self.code, "token": self.token}
                await asyncio.sleep(1.0)
        return 0 if self.over and self.token else 1

    async def _session(
        self, ws: aiohttp.ClientWebSocketResponse, lines: asyncio.Queue[str | None]
    ) -> None:
        typed: asyncio.Task[str | None] = asyncio.ensure_future(lines.get())
        try:
            while not self.over:
                received = asyncio.ensure_future(ws.receive())
                done, _ = await asyncio.wait({received, typed}, return_when=asyncio.FIRST_COMPLETED)
                if typed in done:
                    line = typed.result()
                    if line is None:
                        self.over = True
                        break
                    await self._typed(ws, line)
                    typed = asyncio.ensure_future(lines.get())
                if received not in done:
                    received.cancel()
                    continue
                message = received.result()
                if message.type is not aiohttp.WSMsgType.TEXT:
                    return  # closed: the caller rejoins
                self.receive(message.data)
        finally:
            typed.cancel()

    def receive(self, raw: str) -> None:
        """Print one message from the host and note the question it opens, if any. A message
        without the fields its type has (a host of another version, or a program pretending to
        be a host) is skipped with a line saying so: it cannot stop the game."""
        try:
            message = decode(raw)
        except ProtocolError:
            return
        try:
            self._show(message)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            self.say(UNREADABLE)

    def _show(self, message: dict[str, Any]) -> None:
        """Every line is made before anything changes: a message that cannot be shown whole
        changes nothing."""
        kind = message["type"]
        if kind == "question":
            out = bool(message.get("out"))
            open_ = not (message.get("answered") or out)
            lines = question_lines(message)
            self.question = message if open_ else None
            self.say("")
            for line in lines if open_ or out else ["Answer in. Waiting for the others…"]:
                self.say(line)
            return
        lines = message_lines(message)
        if kind == "welcome":
            if not isinstance(message["token"], str):
                raise TypeError("a rejoin token is text")
            self.token = message["token"]
        if kind in ("reveal", "leaderboard", "podium"):
            self.question = None
        if kind in ("podium", "error"):
            self.over = True
        for line in lines:
            self.say(line)

    async def _typed(self, ws: aiohttp.ClientWebSocketResponse, line: str) -> None:
        if self.question is None:
            return
        try:
            response = response_from(self.question, line)
        except (KeyError, TypeError, IndexError):  # a choice the host sent without its id
            response = None
        if response is None:
            self.say("That does not fit this question; try again.")
            return
        number = self.question["number"]
        await ws.send_str(
            json.dumps({"v": VERSION, "type": "answer", "question": number, "response": response})
        )
        self.question = None


def _read_lines(stdin: TextIO, queue: asyncio.Queue[str | None]) -> None:
    """Feed typed lines to `queue` from a daemon thread (None at the end of input), so a game
    that ends while the player is typing exits without waiting for Enter."""
    loop = asyncio.get_running_loop()

    def read() -> None:
        try:
            for line in iter(stdin.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, line)
        except (OSError, ValueError):  # input closed or unreadable: the same as its end
            pass
        with contextlib.suppress(RuntimeError):  # the game may have ended first
            loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=read, name="kdquiz-join-input", daemon=True).start()


def run_plain(address: str, code: str, name: str, stdin: TextIO, stdout: TextIO) -> int:
    def say(text: str) -> None:
        print(text, file=stdout, flush=True)

    async def main() -> int:
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        _read_lines(stdin, lines)
        return await PlainPlayer(websocket_url(address), code, name, say).play(lines)

    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(main())
    return 130
