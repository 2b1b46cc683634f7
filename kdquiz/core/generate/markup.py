"""What text copied from the web or a static site brings beside its words: a front-matter block,
HTML tags and entities, comments, footnotes.

Teachers paste articles from web pages and Markdown from site generators; none of this is part of
a sentence a question could quote. Lines hidden here still count as paragraphs, because a card's
`source.paragraph` counts the non-empty lines of the file as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

#: Tags that end a block of text: taken out with a space, so the words on each side stay apart.
_BLOCK_TAGS = frozenset(
    "p div br hr li ul ol dl dt dd tr td th table thead tbody tfoot caption h1 h2 h3 h4 h5 h6 "
    "blockquote pre section article header footer nav aside main figure figcaption".split()
)
#: Tags inside a sentence: taken out with nothing, so "<b>Busan</b>," stays "Busan,".
_INLINE_TAGS = frozenset(
    "a abbr b big cite code del dfn em font i ins kbd mark q s samp small span strike strong sub "
    "sup tt u var time center".split()
)
#: Tags that have no closing tag: taken out wherever they are written the HTML way.
_VOID_TAGS = frozenset({"br", "hr", "img", "wbr"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,10})(\s[^<>]{0,500})?\s*/?>")
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9]{0,10})\s*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_COMMENT = re.compile(r"<!--.*?-->")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]{1,500}|mailto:[^\s<>]{1,200})>")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]{1,40}\]")
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^[^\]\s]{1,40}\]:")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z][\w-]{0,40}):(?:\s|$)")
_FRONT_MATTER_LIMIT = 80  # lines: a front-matter block longer than this is not one


@dataclass(frozen=True)
class WebMarkup:
    """How to read one document's lines: which to hide, which tags to take out, its own title."""

    hidden: frozenset[int]  # line indexes that are markup, not text
    closed_tags: frozenset[str]  # tag names the document closes somewhere: it is HTML, not prose
    title: str = ""  # the front matter's `title:`

    def clean(self, line: str) -> str:
        """The line without the document's HTML tags, comments, footnote marks and entities; a
        tag the document never closes ("run git add <file>") is text and stays."""
        if "<" in line:
            line = _COMMENT.sub("", line)
            line = _AUTOLINK.sub(r"\1", line)
            line = _TAG.sub(self._tag, line)
        if "[^" in line:
            line = _FOOTNOTE_REFERENCE.sub("", line)
        if "&" in line:
            line = _ENTITY.sub(lambda found: html.unescape(found.group()), line)
        return line

    def _tag(self, found: re.Match[str]) -> str:
        name = found.group(2).casefold()
        if name not in _VOID_TAGS and name not in self.closed_tags:
            return found.group()
        return " " if name in _BLOCK_TAGS else ""


def web_markup(lines: list[str]) -> WebMarkup:
    """Read the whole document once: its front matter, its comment blocks, its footnotes and
    the HTML tags it closes (only those are markup: a tutorial's "<file>" is a placeholder)."""
    hidden: set[int] = set()
    end, title = _front_matter(lines)
    hidden.update(range(end))
    in_comment = False
    closed: set[str] = set()
    for number in range(end, len(lines)):
        line = lines[number]
        if in_comment:
            hidden.add(number)
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            hidden.add(number)
            in_comment = True
            continue
        if _FOOTNOTE_DEFINITION.match(line):
            hidden.add(number)  # a note's source or aside, not the article's text
            continue
        if "</" in line:
            closed.update(
                name.casefold()
                for name in _CLOSING.findall(line)
                if name.casefold() in _BLOCK_TAGS | _INLINE_TAGS
            )
    return WebMarkup(frozenset(hidden), frozenset(closed), title)


def _front_matter(lines: list[str]) -> tuple[int, str]:
    """The number of lines a YAML front-matter block takes at the top (`---` … `---`), and its
    title; (0, "") when the document has none."""
    if not lines or lines[0].strip() != "---":
        return 0, ""
    title = ""
    keys = 0
    for number, line in enumerate(lines[1:_FRONT_MATTER_LIMIT], start=1):
        if line.strip() in ("---", "...") and keys:
            return number + 1, title
        key = _FRONT_MATTER_KEY.match(line)
        if key:
            keys += 1
            if key.group(1).casefold() == "title" and not title:
                title = line[key.end() :].strip().strip("\"'").strip()
        elif line.strip() and not line.startswith((" ", "\t", "-")):
            return 0, ""  # not YAML keys: a horizontal rule over prose
    return 0, ""
