"""The class game's messages: versioned JSON objects, checked where they enter.

Every message is a JSON object with `"v": VERSION` and a `"type"`. What a client sends is parsed
by `parse_client` into one of three requests, or refused with `ProtocolError`, whose text the
server sends back before it closes that client's connection. Nothing a client sends is ever run:
it is parsed into these plain values and compared.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

VERSION = 1
#: The most one message may hold, in bytes: an answer is a few dozen.
MAX_MESSAGE_BYTES = 4096
MAX_NAME_CHARS = 24
#: The most characters a typed answer may have.
MAX_TEXT_CHARS = 200
#: The most numbers in a list answer (select-all, ordering, matching).
MAX_LIST = 32
CODE_DIGITS = 6
TOKEN_CHARS = 32


class ProtocolError(ValueError):
    """A message that breaks the protocol; its text says what was wrong, for the client."""


@dataclass(frozen=True)
class Join:
    code: str
    name: str


@dataclass(frozen=True)
class Rejoin:
    code: str
    token: str


@dataclass(frozen=True)
class Answer:
    question: int  # the question's number, from the "question" message
    response: object  # a JSON value: checked against the question's kind by `questions`


Request = Join | Rejoin | Answer


def encode(kind: str, **fields: object) -> str:
    """A server message: {"v": 1, "type": kind, ...fields}."""
    return json.dumps({"v": VERSION, "type": kind, **fields}, ensure_ascii=False)


def decode(raw: str | bytes) -> dict[str, object]:
    """The JSON object of one message of either side, its size and version checked."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message too large ({size} bytes; at most {MAX_MESSAGE_BYTES})")
    try:
        message = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ProtocolError("a message must be one JSON object") from None
    if not isinstance(message, dict):
        raise ProtocolError("a message must be one JSON object")
    version = message.get("v")
    if type(version) is not int or version != VERSION:  # not true, nor 1.0: they equal 1
        raise ProtocolError(
            f"protocol version {VERSION} only; this message says {message.get('v')!r}"
        )
    if not isinstance(message.get("type"), str):
        raise ProtocolError('a message needs a "type"')
    return message


def parse_client(raw: str | bytes) -> Request:
    """What a player's message asks for; raises ProtocolError for anything else."""
    message = decode(raw)
    kind = message["type"]
    if kind == "join":
        return Join(_code(message), clean_name(message.get("name")))
    if kind == "rejoin":
        token = message.get("token")
        if not isinstance(token, str) or not (0 < len(token) <= 2 * TOKEN_CHARS):
            raise ProtocolError('"token" must be the token the host gave at join')
        return Rejoin(_code(message), token)
    if kind == "answer":
        question = message.get("question")
        if not isinstance(question, int) or isinstance(question, bool) or question < 1:
            raise ProtocolError('"question" must be the number of the question answered')
        return Answer(question, _response(message.get("response")))
    raise ProtocolError(f"unknown message type {str(kind)[:20]!r}: join, rejoin or answer")


def clean_name(name: object) -> str:
    """A player's name: NFC, spaces collapsed, 1-24 characters, no control or format characters."""
    if not isinstance(name, str):
        raise ProtocolError('"name" must be text')
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise ProtocolError("a name cannot be empty")
    if len(text) > MAX_NAME_CHARS:
        raise ProtocolError(f"a name has at most {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in text):
        raise ProtocolError("a name cannot hold control or invisible characters")
    for word in text.split():
        if len({_ALPHABETS.get(_script(c)) for c in word if c.isalpha()} - {None}) > 1:
            raise ProtocolError(
                "a word of a name is written in one alphabet: mixing Latin, Greek and Cyrillic "
                "letters makes names that look like another player's"
            )
    return text


#: Alphabets with letters that look alike (Latin a, Cyrillic а, Greek α): a word mixing them is a
#: look-alike of another name. Hangul, kana, Han and the rest may sit beside any of them.
_ALPHABETS = {"LATIN": "Latin", "CYRILLIC": "Cyrillic", "GREEK": "Greek"}


def _script(char: str) -> str:
    return unicodedata.name(char, "").partition(" ")[0]


def _code(message: dict[str, object]) -> str:
    code = message.get("code")
    if (
        not isinstance(code, str)
        or len(code) != CODE_DIGITS
        or not code.isascii()
        or not code.isdigit()
    ):
        raise ProtocolError(f'"code" must be the {CODE_DIGITS}-digit join code the host shows')
    return code


def _response(value: object) -> object:
    """An answer's value, if it is one of the shapes any kind takes: a bool, an int, text, or a
    short list of ints."""
    if isinstance(value, bool | int):
        if not isinstance(value, bool) and abs(value) > 1_000_000:
            raise ProtocolError("an answer number is out of range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ProtocolError("an answer number must be finite")
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            raise ProtocolError(f"a typed answer has at most {MAX_TEXT_CHARS} characters")
        # No answer box can type one; in the results file one could drive a terminal. (Format
        # characters stay: a zero-width non-joiner is part of a Persian word.)
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise ProtocolError("a typed answer cannot hold control characters")
        return value
    if isinstance(value, list):
        if len(value) > MAX_LIST or not all(
            isinstance(v, int) and not isinstance(v, bool) and -1 <= v <= MAX_LIST for v in value
        ):
            raise ProtocolError(f"a list answer holds at most {MAX_LIST} choice numbers")
        return tuple(value)
    raise ProtocolError('"response" must be a number, true/false, text or a list of numbers')


def _no_constant(word: str) -> object:
    raise ValueError(f"{word} is not JSON")


class RateLimit:
    """A token bucket: `burst` messages at once, refilled at `per_second`. A client that runs it
    dry is flooding and is closed."""

    def __init__(self, clock: Callable[[], float], burst: int = 10, per_second: float = 5.0):
        self._clock = clock
        self._burst = float(burst)
        self._rate = per_second
        self._tokens = float(burst)
        self._last = clock()

    def allow(self) -> bool:
        if not self.ready():
            return False
        self._tokens -= 1
        return True

    def ready(self) -> bool:
        """Whether one more would be allowed now, without counting it."""
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        return self._tokens >= 1
