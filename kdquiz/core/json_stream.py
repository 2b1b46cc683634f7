"""Read the records of a big JSON object one at a time, never the whole file at once.

A progress export is `{"kdquiz_progress": 1, "states": [...], "log": [...]}` and may hold millions of
records; `json.loads` would hold the text and every record together (gigabytes). Here the object is
walked by hand and each array element decoded on its own with `JSONDecoder.raw_decode`, with a cap on
one element's size; nesting too deep for the decoder is a clear error, never a RecursionError.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from typing import IO, Any

CHUNK = 1 << 20
#: No single record of a progress export comes near this; a bigger one is an error, not a wait.
MAX_ELEMENT_CHARS = 1 << 20
_SPACE = " \t\r\n"


class JsonStreamError(ValueError):
    """The text is not the JSON expected; `line` is where reading stopped."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class _Cursor:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self.decoder = json.JSONDecoder()

    def fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), left unread."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _SPACE:
                if self.buf[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buf) or not self.fill():
                return self.buf[self.pos : self.pos + 1]

    def take(self, expected: str, what: str) -> None:
        found = self.peek()
        if found != expected:
            raise JsonStreamError(
                self.line, f"expected {what}, found {found or 'the end of the file'!r}"
            )
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos <= MAX_ELEMENT_CHARS and self.fill():
                    continue  # the value may only be cut off at the end of what was read so far
                if len(self.buf) - self.pos > MAX_ELEMENT_CHARS:
                    raise JsonStreamError(
                        self.line,
                        f"a value longer than {MAX_ELEMENT_CHARS:,} characters, or not valid JSON",
                    ) from None
                line = self.line + self.buf.count("\n", self.pos, exc.pos)
                raise JsonStreamError(line, f"not valid JSON ({exc.msg})") from None
            except RecursionError:
                raise JsonStreamError(self.line, "nested too deeply") from None
            if end == len(self.buf) and self.fill():
                continue  # a number or literal may go on in the next chunk
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            return value


def object_members(stream: IO[str], arrays: Collection[str]) -> Iterator[tuple[str, int, int, Any]]:
    """(name, index, line, value) for each element of the top-level members named in `arrays`,
    and (name, -1, line, value) for every other member; JsonStreamError when the shape is wrong."""
    cursor = _Cursor(stream)
    cursor.take("{", "a JSON object ('{')")
    if cursor.peek() == "}":
        cursor.pos += 1
    else:
        while True:
            line = cursor.line
            name = cursor.value()
            if not isinstance(name, str):
                raise JsonStreamError(line, "expected a member name in double quotes")
            cursor.take(":", "':'")
            if name in arrays:
                yield from _elements(cursor, name)
            else:
                line = cursor.line
                yield name, -1, line, cursor.value()
            if cursor.peek() == ",":
                cursor.pos += 1
                continue
            cursor.take("}", "',' or '}'")
            break
    if cursor.peek():
        raise JsonStreamError(cursor.line, "extra text after the JSON object")


def _elements(cursor: _Cursor, name: str) -> Iterator[tuple[str, int, int, Any]]:
    cursor.take("[", f"a list for {name!r}")
    if cursor.peek() == "]":
        cursor.pos += 1
        return
    index = 0
    while True:
        cursor.peek()
        line = cursor.line
        yield name, index, line, cursor.value()
        index += 1
        if cursor.peek() == ",":
            cursor.pos += 1
            continue
        cursor.take("]", "',' or ']'")
        return
