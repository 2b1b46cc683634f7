"""What text copied from the web or a static site brings beside its words: a front-matter block,
HTML tags and entities, comments, footnotes.

Teachers paste articles from web pages and Markdown from site generators; none of this is part of
a sentence a question could quote. Lines hidden here still count as paragraphs, because a card's
`source.paragraph` counts the non-empty lines of the file as it is.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from kdquiz.core.generate.tables import table_lines

#: Tags that end a block of text: taken out with a space, so the words on each side stay apart.
_BLOCK_TAGS = frozenset(
    "p div br hr li ul ol dl dt dd tr td th table thead tbody tfoot caption h1 h2 h3 h4 h5 h6 "
    "blockquote pre section article header footer nav aside main figure figcaption html body".split()
)
#: Tags inside a sentence: taken out with nothing, so "<b>Busan</b>," stays "Busan,".
_INLINE_TAGS = frozenset(
    "a abbr b big cite code del dfn em font i ins kbd mark q s samp small span strike strong sub "
    "sup tt u var time center".split()
)
#: Tags that have no closing tag: taken out wherever they are written the HTML way.
_VOID_TAGS = frozenset({"br", "hr", "img", "wbr"})
#: A page head's tags without a closing tag: taken out when they carry attributes, as they do.
_HEAD_TAGS = frozenset({"meta", "link", "base"})
#: Elements whose content is no part of the article: code, styles, a page's head, menus and
#: footers. Their lines are hidden, and on a line with text only the element goes.
_UNREAD = ("script", "style", "head", "nav", "footer", "noscript", "template", "svg")
_UNREAD_OPENING = re.compile(rf"<({'|'.join(_UNREAD)})\b[^<>]{{0,500}}>", re.IGNORECASE)
_DECLARATION = re.compile(r"<![A-Za-z][^<>]{0,500}>")
_LINE_TAG = re.compile(r"\s*<([A-Za-z][A-Za-z0-9]{0,10})[\s/>]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_TITLE = re.compile(r"<title\b[^<>]{0,200}>([^<>]{1,300})</title\s*>", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,10})(\s[^<>]{0,500})?\s*/?>")
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9]{0,10})\s*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]{1,500}|mailto:[^\s<>]{1,200})>")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]{1,40}\]")
#: An encyclopedia's editorial marks, copied with its text: "[edit]" after a heading,
#: "[citation needed]" after a claim.
_EDITORIAL_MARK = re.compile(
    r"\[(?:edit|citation needed|clarification needed|better source needed|failed verification|"
    r"page needed|dubious(?: [–-] discuss)?|according to whom\?|by whom\?|when\?|who\?|which\?|"
    r"original research\?|unreliable source\?|not in citation given|needs update)\]",
    re.IGNORECASE,
)
#: A numbered reference mark after a word or a full stop ("Busan.[1]", "Japan.[2][3]"), read as
#: one only in a text that puts them after full stops (in code "array[1]" is an index).
_NUMBERED_MARK = re.compile(r"(?<=\S)(?:\[(?:\d{1,3}|[a-z]|note \d{1,3}|nb \d{1,3})\])+")
_MARK_AFTER_STOP = re.compile(r"[.,;:\"”)](?:\[\d{1,3}\])+(?:\s|$)")
#: A news story's dateline: the place in capitals, a region, the agency, a dash
#: ("BUSAN, South Korea (AP) — ", "WASHINGTON — ").
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,2}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})?"
    r"(?: \([A-Za-z. ]{1,20}\))?\s*(?:—|–|--?)\s+(?=[A-Z\"“])"
)
#: A line of an encyclopedia's list of references: "^ Kim, Min-ji (2015). Markets of Busan."
_REFERENCE_LINE = re.compile(r"^\s*\^\s")
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^[^\]\s]{1,40}\]:")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z][\w-]{0,40}):(?:\s|$)")
_FRONT_MATTER_LIMIT = 80  # lines: a front-matter block longer than this is not one


@dataclass(frozen=True)
class WebMarkup:
    """How to read one document's lines: which to hide, which tags to take out, its own title."""

    hidden: frozenset[int]  # line indexes that are markup, not text
    closed_tags: frozenset[str]  # tag names the document closes somewhere: it is HTML, not prose
    rows: dict[int, str] = field(default_factory=dict)  # a table row's line: what it says
    numbered_marks: bool = False  # "Busan.[1]": the text cites by numbered marks
    title: str = ""  # the front matter's `title:`
    page_title: str = ""  # an HTML page's <title>, which often ends in the site's name

    def starts_block(self, raw: str) -> bool:
        """Whether the line opens a block of the page (`<p>`, `<h2>`, `<li>` …): HTML runs its
        paragraphs on without blank lines between them."""
        opening = _LINE_TAG.match(raw)
        return opening is not None and opening[1].casefold() in self.closed_tags

    def heading(self, raw: str) -> bool:
        opening = _LINE_TAG.match(raw)
        return opening is not None and opening[1].casefold() in _HEADINGS & self.closed_tags

    def clean(self, line: str) -> str:
        """The line without the document's HTML tags, comments, footnote marks and entities; a
        tag the document never closes ("run git add <file>") is text and stays."""
        if "<" in line:
            line = _without_comments(line)
            line = _without_unread(line)
            line = _DECLARATION.sub("", line)
            line = _AUTOLINK.sub(r"\1", line)
            line = _TAG.sub(self._tag, line)
        if "[" in line:
            line = _FOOTNOTE_REFERENCE.sub("", line)
            line = _EDITORIAL_MARK.sub("", line)
            if self.numbered_marks:
                line = _NUMBERED_MARK.sub("", line)
        if line[:1].isupper() or line[:1].isspace():
            line = _DATELINE.sub("", line, count=1)
        if "&" in line:
            line = _ENTITY.sub(lambda found: html.unescape(found.group()), line)
        return line

    def _tag(self, found: re.Match[str]) -> str:
        name = found.group(2).casefold()
        attributes = bool(found.group(3)) and name in _HEAD_TAGS
        if name not in _VOID_TAGS and name not in self.closed_tags and not attributes:
            return found.group()
        return " " if name in _BLOCK_TAGS else ""


def web_markup(lines: list[str]) -> WebMarkup:
    """Read the whole document once: its front matter, its comment blocks, its footnotes and
    the HTML tags it closes (only those are markup: a tutorial's "<file>" is a placeholder)."""
    hidden: set[int] = set()
    end, title = _front_matter(lines)
    hidden.update(range(end))
    in_comment = False
    unread = ""  # the element whose lines are being hidden, until it closes
    page_title = ""
    closed: set[str] = set()
    for number in range(end, len(lines)):
        line = lines[number]
        if in_comment:
            hidden.add(number)
            in_comment = "-->" not in line
            continue
        if unread:
            hidden.add(number)
            page_title = page_title or _title_in(line)
            if f"</{unread}" in line.casefold():
                unread = ""
            continue
        opening = _UNREAD_OPENING.search(line) if "<" in line else None
        if opening and f"</{opening[1].casefold()}" not in line[opening.end() :].casefold():
            hidden.add(number)  # the element runs over the lines below: hide them all
            unread = opening[1].casefold()
            page_title = page_title or _title_in(line)
            continue
        page_title = page_title or _title_in(line)
        if line.lstrip().startswith("<!--") and "-->" not in line:
            hidden.add(number)
            in_comment = True
            continue
        if _FOOTNOTE_DEFINITION.match(line) or _REFERENCE_LINE.match(line):
            hidden.add(number)  # a note's source or aside, not the article's text
            continue
        if "</" in line:
            closed.update(
                name.casefold()
                for name in _CLOSING.findall(line)
                if name.casefold() in _BLOCK_TAGS | _INLINE_TAGS
            )
    rows: dict[int, str] = {}
    if any("|" in line and "---" in line for line in lines):
        rows, table_frames = table_lines(lines)
        hidden.update(table_frames)
    marks = sum(len(_MARK_AFTER_STOP.findall(line)) for line in lines if "[" in line)
    return WebMarkup(frozenset(hidden), frozenset(closed), rows, marks >= 2, title, page_title)


def _without_comments(line: str) -> str:
    """The line without its `<!-- … -->` comments, read in one pass (an unclosed one stays)."""
    out: list[str] = []
    done = 0
    while (start := line.find("<!--", done)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            break
        out.append(line[done:start])
        done = end + 3
    return "".join(out) + line[done:] if out else line


def _without_unread(line: str) -> str:
    """The line without the unread elements that open and close on it. Each closing tag is
    looked for once per element name, not once per opening: a line of thousands of unclosed
    `<script>` is read in one pass."""
    out: list[str] = []
    done = 0
    folded = line.casefold()
    closing_at: dict[str, int] = {}
    for opening in _UNREAD_OPENING.finditer(line):
        if opening.start() < done:
            continue
        name = opening[1].casefold()
        closing = closing_at.get(name, -2)
        if closing != -1 and closing < opening.end():
            closing = closing_at[name] = folded.find(f"</{name}", opening.end())
        if closing == -1:
            continue
        end = line.find(">", closing)
        if end == -1:
            continue
        out.append(line[done : opening.start()])
        done = end + 1
    return "".join(out) + line[done:] if out else line


def _title_in(line: str) -> str:
    found = _HTML_TITLE.search(line) if "<" in line else None
    return html.unescape(found[1]).strip() if found else ""


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
