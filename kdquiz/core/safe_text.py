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

TYPE_CHECKING = False  # typing is not imported at run time: every command's output passes here
if TYPE_CHECKING:
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
_ONE_LINE = re.compile(f"[{_UNSAFE}]")
_ANY = re.compile(f"\r\n|[{_UNSAFE}]")
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
    if multiline:
        return _ANY.sub(_keep_lines, value)
    return _ONE_LINE.sub(_escape_match, value)


def shell_word(text: str) -> str:
    """`text` as one word a POSIX shell reads back exactly, for commands kdquiz suggests.

    Plain words are quoted by `shlex.quote`; a word holding unsafe characters is written as bash's
    `$'...'` with escapes, so the suggestion stays on one line and still names the real value.
    """
    if not _ONE_LINE.search(text):
        import shlex

        return shlex.quote(text)
    body = text.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + _ONE_LINE.sub(_shell_escape, body) + "'"


def _shell_escape(match: re.Match[str]) -> str:
    """Like `_escape`, but a C1 control is the character (`\\u0080`), not the byte `\\x80`."""
    code = ord(match.group())
    return f"\\u{code:04x}" if 0x80 <= code <= 0xFF else _escape(match.group())


class TerminalWriter:
    """A text stream that passes everything written through `safe_text` (lines kept).

    For data a command writes to standard output (JSON, CSV): to a file or a pipe it goes as it is,
    to a terminal through this, so a stored value cannot drive the terminal.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe_text(text, multiline=True))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def for_terminal(stream: TextIO) -> TextIO:
    """`stream` itself unless it is a terminal; then a `TerminalWriter` around it."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return TerminalWriter(stream) if tty else stream  # type: ignore[return-value]
