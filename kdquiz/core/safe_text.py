"""Text from outside kdquiz made safe to show: one helper for every front-end and command.

Player names, deck text, file names, tags and whatever is read back from the store or a progress
file may hold terminal control sequences (an OSC 52 sets the clipboard, an OSC 0 the window title),
a newline that forges a line of output, or bidi overrides that make text read differently from
what it says. `safe_text` turns every such character into a visible escape (`\\x1b`, `\\n`,
`\\u202e`) so nothing reaches the terminal but text, and the reader can still see that something
was there. Markup is the renderer's side: the TUI shows the result as plain text (`Content`,
`Text`, `markup=False`), never inside a markup string.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import cache

TYPE_CHECKING = False  # typing is not imported at run time: every command's output passes here
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

# Every character that is not plain visible text: C0 controls, DEL and C1 controls; the bidi
# marks, embeddings, overrides and isolates; line and paragraph separators; invisible format
# characters (zero-width space, word joiner, invisible operators, byte order mark, interlinear
# annotation, tag characters); and lone surrogates (undecodable bytes of a file name). Zero-width
# joiner and non-joiner stay: scripts and emoji need them, and they move nothing.
_UNSAFE = (
    "\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U00013430-\U0001343f"
)


@cache
def _unsafe(multiline: bool = False) -> re.Pattern[str]:
    """The unsafe characters (and CRLF, with `multiline`), compiled on first use: most text is
    plain, and compiling these classes is most of what importing this module would cost."""
    return re.compile(f"\r\n|[{_UNSAFE}]" if multiline else f"[{_UNSAFE}]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the surrogateescape handler
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _escape_match(match: re.Match[str]) -> str:
    return _escape(match.group())


def _keep_lines(match: re.Match[str]) -> str:
    found = match.group()
    return "\n" if found in ("\n", "\r\n") else "\t" if found == "\t" else _escape(found)


def safe_text(text: object, *, multiline: bool = False) -> str:
    """`text` with every control, bidi and invisible format character shown as an escape.

    With `multiline`, newlines (and CRLF, as one newline) and tabs stay: for fields where several
    lines are legitimate, such as an explanation. Plain text comes back unchanged.
    """
    value = text if isinstance(text, str) else str(text)
    if value.isprintable():  # every unsafe character is unprintable (a test holds this)
        return value
    if multiline:
        return _unsafe(True).sub(_keep_lines, value)
    return _unsafe().sub(_escape_match, value)


def shows_as_is(text: str) -> bool:
    """Whether `text` holds nothing `safe_text` would escape: the test for outside text that is
    stored and written again (ids), where an escape is not enough."""
    return text.isprintable() or not _unsafe().search(text)


def without_unsafe(text: str) -> str:
    """`text` with every character `safe_text` would escape taken out (a line break or tab
    becomes a space): for text kdquiz makes up from an outside name, such as a deck title from a
    file name, which is stored in a deck, where an escape would be read as typed."""
    if text.isprintable():
        return text
    return _unsafe().sub(_space_or_nothing, text)


def _space_or_nothing(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else ""


def shell_word(text: str) -> str:
    """`text` as one word a POSIX shell reads back exactly, for commands kdquiz suggests.

    Plain words are quoted by `shlex.quote`; a word holding unsafe characters is written as bash's
    `$'...'` with escapes, so the suggestion stays on one line and still names the real value.
    """
    if text.isprintable() or not _unsafe().search(text):
        import shlex

        return shlex.quote(text)
    body = text.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + _unsafe().sub(_shell_escape, body) + "'"


def _shell_escape(match: re.Match[str]) -> str:
    """Like `_escape`, but a C1 control is the character (`\\u0080`), not the byte `\\x80`."""
    code = ord(match.group())
    return f"\\u{code:04x}" if 0x80 <= code <= 0xFF else _escape(match.group())


@contextmanager
def data_output(stream: TextIO, *, table: bool = False) -> Iterator[TextIO]:
    """Where a command writes data (JSON, YAML, CSV): `stream` itself when it is a file or a pipe;
    for a terminal a buffer, shown through `safe_text` at the end so a stored value cannot drive
    the terminal. With `table` the data is CSV and each cell stays on its record's line."""
    if not _is_terminal(stream):
        yield stream
        return
    import io

    buffer = io.StringIO()
    yield buffer
    text = buffer.getvalue()
    stream.write(_safe_table(text) if table else safe_text(text, multiline=True))
    stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or closed
        return False


def _safe_table(text: str) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([safe_text(cell) for cell in row])
    return out.getvalue()
