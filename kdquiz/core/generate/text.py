"""Reading a plain-text or Markdown document into paragraphs and sentences.

A card's `source.paragraph` counts non-empty lines from 1 (the deck format's rule), so every
sentence remembers the number of the non-empty line it starts on, even when a Markdown paragraph
is hard-wrapped over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from kdquiz.core.closed_pattern import StopPattern
from kdquiz.core.generate import language
from kdquiz.core.generate.citations import without_citations
from kdquiz.core.generate.markup import WebMarkup, web_markup
from kdquiz.core.interchange.ids import slugify
from kdquiz.core.safe_text import without_unsafe
from kdquiz.errors import KdquizError

#: Larger documents are refused: generation is roughly linear, and 1 MB (about 150,000 words)
#: already takes a minute or more. Split bigger texts into chapters.
MAX_DOCUMENT_BYTES = 1_000_000


class GenerateError(KdquizError):
    """A document cannot be turned into cards; the message names the file and what to do."""

    def __init__(self, message: str, title: str = "Generate") -> None:
        super().__init__(message, title)


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int  # non-empty line number, from 1
    index: int  # position in the document, from 0
    heading: str = ""  # the section heading it sits under
    #: A one-line code block right after the paragraph this sentence ends, the sentence ending
    #: in a colon: the command it introduces ("... to list all curves:" "tool -list").
    code_after: str = ""
    #: The number of the numbered list item this sentence opens ("2. Add the leaves."), or 0.
    step: int = 0


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    name: str  # the file name, for messages
    sentences: tuple[Sentence, ...]
    word_count: int
    headings: tuple[str, ...] = field(default=())


def latin_share(document: Document) -> float:
    """The share of the document's letters that are Latin (1.0 for a text with no letters): the
    generator's cues and word lists are English, so a text mostly in Hangul or another script
    gives few cards, and the command says so."""
    letters = latin = 0
    for sentence in document.sentences:
        for char in sentence.text:
            if char.isalpha():
                letters += 1
                latin += ord(char) < 0x250
    return latin / letters if letters else 1.0


def read_document(path: Path) -> Document:
    """Read one file, refusing empty, binary, non-UTF-8 and enormous ones with a clear message."""
    from kdquiz.core.files import InputFileError, read_capped

    try:
        data = read_capped(path, "a text to generate from", limit=MAX_DOCUMENT_BYTES)
    except InputFileError as exc:
        if exc.too_big:
            raise GenerateError(
                f"{path}: the file is over {MAX_DOCUMENT_BYTES:,} bytes, the limit "
                "(about 150,000 words). Split it into smaller files and generate from those."
            ) from None
        raise GenerateError(f"{exc.message}.") from None
    return document_from_bytes(data, path.name)


#: Document formats whose text is not readable as it is stored, told apart by how they start.
_DOCUMENT_FILES = (
    (b"%pdf-", "a PDF document"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
    (b"pk\x03\x04", "a compressed archive or office document (.docx, .odt, .epub, .zip)"),
)


def document_from_bytes(data: bytes, name: str) -> Document:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise GenerateError(
            f"{name}: the text is {len(data):,} bytes; the limit is {MAX_DOCUMENT_BYTES:,} bytes. "
            "Split it into smaller files and generate from those."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GenerateError(
            f"{name}: the file is UTF-16 text, not UTF-8. Re-save it as UTF-8 in your editor."
        )
    for magic, what in _DOCUMENT_FILES:
        if data.lstrip()[: len(magic)].lower() == magic:
            raise GenerateError(
                f"{name}: this is {what}, not text. Copy its text into a plain text (.txt) or "
                "Markdown (.md) file, or save it as plain text from the program that made it, "
                "and generate from that."
            )
    if b"\x00" in data[:65536]:
        raise GenerateError(
            f"{name}: this looks like a binary file, not text. "
            "Save the article as plain text (.txt) or Markdown (.md) first."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GenerateError(
            f"{name}:{line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
            "cannot be read). Re-save it as UTF-8 in your editor."
        ) from exc
    return document_from_text(text, name)


#: Longer than any word, name or number a question could ask about (hashes have 64 characters):
#: a sentence holding such a run is left out, and the generator's patterns, which look at a
#: word's letters from each of its letters, never meet one.
MAX_WORD_CHARS = 100
_OVERLONG_WORD = re.compile(rf"[\w.+’'-]{{{MAX_WORD_CHARS + 1}}}")


def document_from_text(text: str, name: str) -> Document:
    lines = [_visible(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    markup = web_markup(lines)
    blocks = _blocks(lines, markup)
    if not blocks:
        raise GenerateError(f"{name}: the file is empty; there is no text to make questions from.")
    sentences: list[Sentence] = []
    headings: list[str] = []
    title = ""
    heading = ""
    words = 0
    for number, block in enumerate(blocks):
        words += len(block.text.split())
        if block is blocks[0] and len(block.text) <= 160:
            title = block.text
        if block.heading:
            heading = block.text
            headings.append(block.text)
            continue
        if block.code:
            continue
        first = len(sentences)
        for offset, spoken in sentence_spans(block.text):
            sentence = without_citations(spoken)
            if _OVERLONG_WORD.search(sentence):
                continue  # no fact is told in a "word" of hundreds of letters (a hash, a blob)
            line = next(n for start, n in reversed(block.lines) if start <= offset)
            step = block.step if len(sentences) == first else 0
            sentences.append(Sentence(sentence, line, len(sentences), heading, step=step))
        command = _command_after(blocks, number)
        if command and len(sentences) > first and sentences[-1].text.endswith(":"):
            sentences[-1] = replace(sentences[-1], code_after=command)
    stem = Path(name).stem
    doc_id = slugify(stem, max_len=60) or "document"
    fallback = re.sub(r"[-_]+", " ", stem).strip().capitalize() or name
    title = without_unsafe(markup.title or title or markup.page_title)[:160] or fallback
    return Document(doc_id, title, name, tuple(sentences), words, tuple(headings))


def _visible(line: str) -> str:
    """`line` without control, bidi and invisible format characters (tabs kept, for indented
    code): a draft deck must pass `kdquiz check`, which refuses them, and a deck printed to the
    terminal must not carry an escape sequence from the article into it."""
    if line.isprintable():
        return line
    line = _ESCAPE_SEQUENCE.sub("", line)  # a colour or title sequence goes whole, not as "[31m"
    return "\t".join(without_unsafe(part) for part in line.split("\t"))


#: Terminal escape sequences, as captured terminal output holds them: CSI (colours, cursor),
#: OSC (titles, clipboard) up to its terminator (an unterminated one loses only its opening, not the
#: rest of the line), and two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\x9d]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[@-Z\\-_]"
)


def _command_after(blocks: list[_Block], number: int) -> str:
    """The one line of a code block right after block `number`, or "" (no code block there, or
    one of several lines: a listing, not a command)."""
    after = blocks[number + 1 : number + 3]
    if not after or not after[0].code or len(after) > 1 and after[1].code:
        return ""
    return after[0].text


@dataclass
class _Block:
    text: str
    paragraph: int
    heading: bool = False
    code: bool = False
    step: int = 0  # the number of a numbered list item
    lines: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines.append((0, self.paragraph))


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_STEP = re.compile(r"^\s*(\d{1,3})[.)]\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_LINK = StopPattern(r"!?\[", r"!?\[([^\]]*)\]\([^)]*\)", "]", ")")
#: Emphasis and code marks; a lone `__name__` is kept whole: in technical text it is a name from
#: code ("the __pycache__ directory"), not bold type.
_MD_EMPHASIS_OPENING = re.compile(r"\*\*|(?<!\w)__(?![a-z][a-z0-9_]*__(?!\w))|\*|`")
#: Each mark's emphasis: the mark, text that neither starts nor ends with a space, the mark again.
_MD_EMPHASIS = {
    mark: re.compile(rf"{re.escape(mark)}(?=\S)(.+?)(?<=\S){re.escape(mark)}")
    for mark in ("**", "__", "*", "`")
}
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")


def _clean(line: str) -> str:
    """Markdown markup off, leaving the words a reader sees."""
    line = _MD_QUOTE.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _without_emphasis(line)
    return re.sub(r"\s+", " ", line).strip().rstrip("#").strip()


def _without_emphasis(line: str) -> str:
    """The line with each emphasis mark pair taken off its text (`**a**` -> `a`).

    Read once: an opening mark with no closing one after it is looked for once per mark, not
    once per opening (a line of thousands of `*a ` took seconds). Where a mark's emphasis does
    not close after one opening, it closes after no later one either.
    """
    out: list[str] = []
    done = at = 0
    unclosed = dict.fromkeys(_MD_EMPHASIS, len(line))  # each mark: no closing one from here
    while (opening := _MD_EMPHASIS_OPENING.search(line, at)) is not None:
        start = opening.start()
        marks = ["**", "*"] if opening.group() == "**" else [opening.group()]
        for mark in marks:
            if start >= unclosed[mark]:
                continue
            found = _MD_EMPHASIS[mark].match(line, start)
            if found is not None:
                out += [line[done:start], found.group(1)]
                done = at = found.end()
                break
            after = start + len(mark)
            if line[after : after + 1].strip():  # it opened, and nothing closed it
                unclosed[mark] = start
        else:
            at = start + 1
    return "".join(out) + line[done:]


def _is_heading(raw: str, clean: str) -> bool:
    if _MD_HEADING.match(raw):
        return True
    words = clean.split()
    if _DATED_EVENT.search(clean):
        return False  # "1.1 Buzz released June 1996 (474 packages)": a list of events, not a title
    # A short line with no closing punctuation is a heading in plain-text articles.
    return 0 < len(words) <= 25 and not _TERMINAL.search(clean) and not clean.endswith(",")


#: A line that tells what happened when: a name, a verb of an event, then its date.
_DATED_EVENT = re.compile(
    r"^\S+(?: \S+){0,3} (?:was |were )?(?:released|founded|published|launched|announced|"
    r"born|died|elected|appointed)\b[^.]{0,30}?\b(?:1[5-9]\d\d|20\d\d)\b"
)


def _blocks(lines: list[str], markup: WebMarkup) -> list[_Block]:
    """One block per paragraph: a non-empty line, or a hard-wrapped run of lines joined together."""
    numbered: list[tuple[int, str] | None] = []
    paragraph = 0
    for index, line in enumerate(lines):
        if line.strip():
            paragraph += 1  # a hidden line still counts: `source.paragraph` counts the file's lines
            row = markup.rows.get(index)
            numbered.append(
                None if index in markup.hidden or row == "" else (paragraph, row or line)
            )
            if row:
                numbered.append(None)  # a table's row is a paragraph of its own
        else:
            numbered.append(None)
    runs: list[list[tuple[int, str]]] = [[]]
    for entry in numbered:
        if entry is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(entry)
    blocks: list[_Block] = []
    in_code = False
    for run in runs:
        wrapped = _is_wrapped(run)
        for number, raw in run:
            if raw.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
                continue
            if in_code or raw.startswith("    ") and not wrapped:
                blocks.append(_Block(raw.strip(), number, code=True))
                continue
            clean = _clean(_MD_LIST.sub("", markup.clean(raw)))
            if not clean:
                continue
            starts_new = (
                not wrapped
                or not blocks
                or blocks[-1].heading
                or blocks[-1].code
                or _MD_LIST.match(raw)
                or _MD_HEADING.match(raw)
                or blocks[-1].paragraph < run[0][0]
                or markup.starts_block(raw)
            )
            if starts_new:
                # Inside a hard-wrapped run a short open line is a wrapped line, not a heading.
                heading = markup.heading(raw) or (
                    bool(_MD_HEADING.match(raw)) if wrapped else _is_heading(raw, clean)
                )
                item = _MD_STEP.match(raw)
                step = int(item[1]) if item and not heading else 0
                blocks.append(_Block(clean, number, heading=heading, step=step))
            else:
                blocks[-1].text = _joined(blocks[-1].text, clean)
                blocks[-1].lines.append((len(blocks[-1].text), number))
                blocks[-1].text += clean
    return blocks


_BROKEN_WORD = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"[^\W\d_]+")


def _joined(text: str, following: str) -> str:
    """`text` ready for the next wrapped line: a space after it, or, where a word was broken at
    the line's end ("rail-" + "way", as text from a PDF is), nothing; the hyphen goes when the
    two halves make a word ("railway", "passengers") and stays when they do not ("well-known")."""
    broken = _BROKEN_WORD.search(text)
    start = _WORD_START.match(following)
    if broken is None or start is None or not following[0].islower():
        return text + " "
    if language.zipf(broken.group(1) + start.group()) > 0:
        return text[:-1]
    return text


def _is_wrapped(run: list[tuple[int, str]]) -> bool:
    """A run of lines hard-wrapped at a fixed width (Markdown style) rather than one line each."""
    if len(run) < 2:
        return False
    lengths = [len(line) for _, line in run]
    # Wrapped lines are long and stop mid-sentence; short open lines are headings.
    open_ends = sum(1 for _, line in run[:-1] if not _TERMINAL.search(line) and len(line) >= 40)
    return max(lengths) <= 110 and open_ends * 2 >= len(run) - 1


ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc e.g i.e inc ltd co corp no nos vol fig approx dept est "
    "gen gov col lt sgt capt rev u.s u.k a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec "
    "mt ft pp ed eds ch chap sec cf ibid trans repr vols".split()
)

#: A sentence ends at . ! ? or … before a space and a letter or digit of any script (Hangul has
#: no case: "제작된다. 작가는" is two sentences); a lower-case Latin start is checked below.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?([^\W_]))")


#: A sentence may open with a lower-case name from code ("diff outputs ...", "gzip keeps ..."):
#: a word of letters and digits followed by a verb-like lower-case word, never a bare word like
#: "and" or "the" (then the full stop belonged to an abbreviation).
_LOWER_START = re.compile(
    r"(?!(?:and|or|the|a|an|of|to|in|for|but|with|as|is|are|was)\b)"
    r"[a-z][a-z0-9_+-]*\s(?:[a-z]+s|can|could|will|would|may|might|must|"
    r"should|also|only|normally|usually|never|always)\b"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph; abbreviations (Mr., e.g.) and initials (J. R.) do not end one."""
    return [sentence for _, sentence in sentence_spans(text)]


def last_words(
    text: str,
    end: int,
    count: int,
    *,
    start: int = 0,
    word: re.Pattern[str] | None = None,
    casefold: bool = False,
) -> list[str]:
    """The last `count` words of `text[start:end]` (fewer if it has fewer): runs of `word`, or
    of what is not white space, in the text case-folded if asked. Read from a window before
    `end` that widens until it holds them, so a run of initials ("A. B. C. ...") or a sentence
    of thousands of names is not read again from its start for each of its words."""
    width = 64
    while True:
        low = max(start, end - width)
        window = text[low:end].casefold() if casefold else text[low:end]
        found = word.findall(window) if word else window.split()
        # The window's first word may be cut; with one more word than needed it is not used.
        if low == start or len(found) > count:
            return found[-count:]
        width *= 4


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a paragraph."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(3).islower() and not _LOWER_START.match(text, match.end()):
            continue  # "... in two directories. diff outputs ...": only a name from code
        if match.group(1) == ".":
            before = last_words(text, match.start(), 2, start=start)
            last = before[-1].lower().strip("([\"'“‘") if before else ""
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue  # "pp. 251", "J. R. R. Tolkien", "(ed.)"
            if last == "al" and len(before) > 1 and before[-2].lower() == "et":
                continue  # "Myers et al. (1986)"
        piece = text[start : match.end(2)]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = match.end()
    tail = text[start:]
    if tail.strip():
        out.append((start + len(tail) - len(tail.lstrip()), tail.strip()))
    return out
