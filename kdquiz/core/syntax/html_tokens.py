"""HTML split into tags and text in one pass, whatever the field holds.

Python's `html.parser` scans to the end of the input again for each construct it cannot close
(thousands of `<b ` or `<!--` in one Anki field took seconds, growing with the square). This
tokenizer reads the same tags, text and entities as `html.parser` does for the HTML people write,
but never looks at a character twice: a tag ends at the first `>` outside a quoted value, a
comment at the first `-->`, and markup that is never closed is the text written, to the end of
the field. A search that found no closer once is not made again.
"""

from __future__ import annotations

import html
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass

#: A tag's name as `html.parser` reads it (anything up to a space, `/` or `>`).
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
#: A start tag's attributes, up to its closing `>`: a quote opens a value only after `=`, and a
#: quoted value may hold `>`. Possessive, so a tag that does not close costs one scan.
_ATTRIBUTES = re.compile(r"""(?:[^>"'=]++|=\s*+(?:"[^"]*+"|'[^']*+'|(?!["']))|["'])*+""")
#: One attribute as `html.parser` reads it (name, then an optional value, quoted or bare).
_ATTRIBUTE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
#: Elements whose content is text up to their end tag (tags inside a script are not tags).
_RAW_TEXT = ("script", "style")
#: What closes each kind of markup that is not a tag.
_COMMENT_END = re.compile(r"--\s*>")
_CDATA_END = re.compile(r"]\s*]\s*>")
_SECTION_END = re.compile(r"]\s*>")
_GT = re.compile(">")


@dataclass(frozen=True, slots=True)
class Token:
    """`kind` is "start", "startend" (`<br/>`), "end" or "data"; `attrs` only on start tags."""

    kind: str
    text: str  # a tag's lower-case name, or the data's text with entities decoded
    attrs: tuple[tuple[str, str | None], ...] = ()


class _Closers:
    """Searches for the markup closers, remembering where one is known to be absent."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.none_after: dict[re.Pattern[str], int] = {}

    def find(self, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        absent = self.none_after.get(pattern)
        if absent is not None and start >= absent:
            return None
        match = pattern.search(self.markup, start)
        if match is None:
            self.none_after[pattern] = start
        return match


def tokens(markup: str) -> Iterator[Token]:
    """The tags and text of `markup`, in order, in time linear in its length."""
    closers = _Closers(markup)
    n = len(markup)
    i = 0
    while i < n:
        j = markup.find("<", i)
        if j < 0:
            j = n
        if j > i:
            yield Token("data", html.unescape(markup[i:j]))
        if j >= n:
            return
        end, found = _markup_at(markup, j, closers)
        if end < 0:  # never closed: the rest is text, as written
            yield Token("data", html.unescape(markup[j:]))
            return
        yield from found
        i = end
        if found and found[-1].kind == "start" and found[-1].text in _RAW_TEXT:
            i = yield from _raw_text(markup, i, found[-1].text)


def _raw_text(markup: str, start: int, name: str) -> Generator[Token, None, int]:
    """A script or style element's text up to its end tag (all of it when there is none)."""
    close = re.compile(rf"</\s*{name}\s*>", re.IGNORECASE).search(markup, start)
    if close is None:
        return len(markup)  # html.parser keeps an unclosed script's text back: nothing shown
    if close.start() > start:
        yield Token("data", markup[start : close.start()])
    yield Token("end", name)
    return close.end()


def _markup_at(markup: str, at: int, closers: _Closers) -> tuple[int, list[Token]]:
    """(where the markup at `at` ends, its tokens); -1 when it is never closed."""
    if _TAG_NAME.match(markup, at + 1):
        return _start_tag(markup, at, closers)
    if markup.startswith("</", at):
        return _end_tag(markup, at, closers)
    if markup.startswith("<!--", at):
        return _skip(closers, _COMMENT_END, at + 4)
    if markup.startswith("<![", at):
        cdata = markup[at + 3 : at + 9].upper() == "CDATA["
        return _skip(closers, _CDATA_END if cdata else _SECTION_END, at + 3)
    if markup.startswith(("<?", "<!"), at):
        return _skip(closers, _GT, at + 2)
    return at + 1, [Token("data", "<")]  # a "<" that starts no markup ("1 < 2", "<3")


def _skip(closers: _Closers, closer: re.Pattern[str], start: int) -> tuple[int, list[Token]]:
    """Comments, declarations and processing instructions: read past, nothing shown."""
    match = closers.find(closer, start)
    return (match.end(), []) if match else (-1, [])


def _start_tag(markup: str, at: int, closers: _Closers) -> tuple[int, list[Token]]:
    if closers.find(_GT, at) is None:
        return -1, []
    name = _TAG_NAME.match(markup, at + 1)
    assert name is not None  # checked by the caller
    body = _ATTRIBUTES.match(markup, name.end())
    assert body is not None  # the pattern matches the empty string
    close = body.end()
    if markup[close : close + 1] != ">":  # a quoted value never closed
        return -1, []
    tag = name.group().lower()
    attrs = _attributes(markup, name.end(), close)
    kind = "startend" if markup[close - 1] == "/" and close > name.end() else "start"
    return close + 1, [Token(kind, tag, attrs)]


def _attributes(markup: str, start: int, close: int) -> tuple[tuple[str, str | None], ...]:
    """Each attribute's lower-case name and decoded value, as `html.parser` gives them."""
    attrs: list[tuple[str, str | None]] = []
    at = start
    while True:
        while at < close and markup[at] in " \t\n\r\f/":
            at += 1
        match = _ATTRIBUTE.match(markup, at, close)
        if match is None or match.end() == at:
            break
        name, rest, value = match.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] in "'\"" and value[:1] == value[-1:] and len(value) > 1:
            value = value[1:-1]
        attrs.append((name.lower(), html.unescape(value) if value else value))
        at = match.end()
    return tuple(attrs)


def _end_tag(markup: str, at: int, closers: _Closers) -> tuple[int, list[Token]]:
    gt = closers.find(_GT, at + 2)
    if gt is None:
        return -1, []
    whole = _END_TAG.match(markup, at, gt.end())
    if whole is not None:
        return gt.end(), [Token("end", whole.group(1).lower())]
    name = _TAG_NAME.match(markup, at + 2, gt.start())
    return gt.end(), [Token("end", name.group().lower())] if name else []
