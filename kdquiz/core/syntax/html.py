"""HTML fields (Anki, Moodle `[html]`) reduced to the plain text kdquiz shows, and back.

Block elements and <br> become line breaks, list items start with "• " (or their number in a
numbered list), a table row's cells are kept apart by " | ", a ruby reading follows its word in
brackets, everything else (tags, scripts, styles, images,
`[sound:...]` references) is dropped, entities are decoded. Good enough for flashcard text;
it is not a renderer.
"""

from __future__ import annotations

import html
import re

from kdquiz.core.closed_pattern import ClosedPattern
from kdquiz.core.syntax.html_tokens import tokens

_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "hr",
}
#: `rp` holds the brackets a browser without ruby support shows; the `rt` gets its own below.
_SKIP = {"script", "style", "head", "title", "rp"}
_SOUND = ClosedPattern(r"\[sound:[^\]]*\]", "]")
_LOOKS_LIKE_HTML = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"
)


#: What separates a table row's cells, which would otherwise run together ("ab" for a | b).
CELL_SEPARATOR = " | "
BULLET = "\u2022 "


class _TextCollector:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping = 0
        self.lists: list[int] = []  # per open list: 0 for bullets, else the next item's number
        self.cells = 0  # cells started in the current table row

    def feed(self, markup: str) -> None:
        for token in tokens(markup):
            if token.kind == "data":
                self.handle_data(token.text)
            elif token.kind == "end":
                self.handle_endtag(token.text)
            elif token.kind == "startend":
                self.handle_startendtag(token.text, list(token.attrs))
            else:
                self.handle_starttag(token.text, list(token.attrs))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "rt":  # a ruby reading (furigana) follows its word in brackets: 漢字(かんじ)
            self.parts.append("(")
        elif tag in ("td", "th"):
            if self.cells:
                self.parts.append(CELL_SEPARATOR)
            self.cells += 1
        elif tag in _BLOCK:
            self._block_break()
            self._open_block(tag, attrs)

    def _open_block(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.cells = 0
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self.lists.append((int(start) if start.isdigit() else 1) if tag == "ol" else 0)
        elif tag == "li":
            number = self.lists[-1] if self.lists else 0
            self.parts.append(f"{number}. " if number else BULLET)
            if number:
                self.lists[-1] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._block_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "rt":
            self.parts.append(")")
        elif tag in _BLOCK:
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self._block_break()

    def _block_break(self) -> None:
        """A block starts or ends a line, but `<div>a</div><div>b</div>` is two lines, not three."""
        tail = "".join(self.parts[-3:]).rstrip(" ")
        if tail and not tail.endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # Source line breaks and runs of spaces mean nothing in HTML; &nbsp; (\xa0) is kept.
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n\f\v]+", " ", data))


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: line breaks kept, runs of spaces and blank lines collapsed."""
    markup = _SOUND.sub("", markup)
    if "<" not in markup and "&" not in markup:
        flat = re.sub(r"[ \t\r\n\f\v]+", " ", markup)  # the common case: no parser needed
    else:
        collector = _TextCollector()
        collector.feed(markup)
        flat = "".join(collector.parts)
    lines = [line.strip(" ").replace("\xa0", " ") for line in flat.split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    return "\n".join(out).strip()


def text_to_html(text: str) -> str:
    """Escape text for an HTML field; line breaks become <br>, spaces HTML would collapse &nbsp;."""
    lines = html.escape(text, quote=False).replace("\r\n", "\n").split("\n")
    return "<br>".join(re.sub(r"(?:(?<=^)|(?<= )) ", "&nbsp;", line) for line in lines)
