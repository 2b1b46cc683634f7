"""Load and validate deck files. Deck files come from strangers: every check here assumes malice.

`load_deck` returns a Deck or raises DeckError listing *every* problem found, each with file, line
and column and a sentence saying how to fix it. Nothing else ever escapes: a bug in a check is
reported as a problem in the file rather than a traceback (see `load_deck_bytes`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from sys import intern

from kdquiz.core import yamlsafe
from kdquiz.core.files import InputFileError, read_capped
from kdquiz.core.model import (
    Card,
    Choice,
    Cloze,
    Deck,
    Flashcard,
    Kind,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    Source,
    SourceRef,
    TrueFalse,
    Typed,
    parse_gaps,
)
from kdquiz.core.yamlsafe import Mapping, Node, Scalar, Sequence
from kdquiz.errors import DeckError, Problem

FORMAT_VERSION = 1
MAX_FILE_BYTES = 32 * 1024 * 1024
#: A deck reached through a symbolic link must lead to a file with one of these endings.
DECK_ENDINGS = (".yaml", ".yml")
MAX_LINE_CHARS = 20_000
MAX_TEXT_CHARS = 10_000
MAX_CARDS = 100_000
MAX_CHOICES = 26
MAX_TIME_LIMIT = 600
MAX_POINTS = 100_000

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,78}[a-z0-9])?\Z")
NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
INTEGER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)\Z")
# C0 controls other than tab/newline/carriage return, DEL, C1 controls, and bidi overrides/isolates
# (which can make text display differently from what it says).
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CHAR_NAMES = {"\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
              "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI"}

DECK_KEYS = ("format", "id", "title", "description", "author", "language", "tags", "sources", "cards")
SOURCE_KEYS = ("id", "title", "author", "url")
COMMON_KEYS = ("id", "type", "prompt", "explain", "source", "tags", "time_limit", "points")
KIND_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.FLASHCARD: ("front", "back", "reverse"),
    Kind.CLOZE: ("text",),
    Kind.MCQ: ("choices", "answer"),
    Kind.MULTI: ("choices", "answers"),
    Kind.TRUEFALSE: ("statement", "answer"),
    Kind.TYPED: ("answer", "accept", "case_sensitive", "accent_sensitive"),
    Kind.NUMERIC: ("answer", "tolerance", "unit"),
    Kind.ORDER: ("items",),
}
PROMPT_REQUIRED = {Kind.MCQ, Kind.MULTI, Kind.TYPED, Kind.NUMERIC, Kind.ORDER}
TRUE_WORDS = {"true", "yes", "on", "y"}
FALSE_WORDS = {"false", "no", "off", "n"}


def close_match(word: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The allowed word `word` was probably meant to be, for "did you mean" hints."""
    import difflib  # only a broken deck needs it; a valid one loads without it

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def describe_char(ch: str) -> str:
    name = CHAR_NAMES.get(ch) or unicodedata.name(ch, "") or "control character"
    return f"U+{ord(ch):04X} ({name})"


class _Checker:
    """Collects problems for one file; each `problem` call records one and never raises."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.card_id = ""

    def problem(self, node: Node | Scalar | None, message: str, line: int = 0) -> None:
        if node is not None:
            line, column = node.line, node.column
        else:
            column = 1
        self.problems.append(Problem(self.path, line or 1, column, message, self.card_id))

    # -- typed readers: return None (after recording a problem) when the value is unusable ----

    def text(self, node: Node | None, field: str, *, required: bool = False,
             parent: Mapping | None = None) -> str | None:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add {field}: <text>")
            return None
        if not isinstance(node, Scalar):
            kind = "a list" if isinstance(node, Sequence) else "a mapping"
            self.problem(node, f"'{field}' must be text, not {kind}")
            return None
        value = unicodedata.normalize("NFC", node.value)
        bad = FORBIDDEN_CHARS.search(value)
        if bad:
            self.problem(node, f"'{field}' contains the invisible character {describe_char(bad.group())}: "
                               "remove it (control and bidi-override characters are not allowed)")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(node, f"'{field}' is {len(value):,} characters long; the limit is "
                               f"{MAX_TEXT_CHARS:,}: shorten it or split the card")
            return None
        if not value.strip():
            self.problem(node, f"'{field}' is empty: write some text or remove the key")
            return None
        return value.strip()

    def slug(self, node: Node | None, field: str, *, parent: Mapping | None = None) -> str | None:
        value = self.text(node, field, required=True, parent=parent)
        if value is None:
            return None
        if not SLUG.match(value):
            self.problem(node, f"'{field}' must be a slug of lowercase letters, digits, '-', '_' or '.' "
                               f"(like 'seoul-hub'), not {value!r}")
            return None
        return value

    def number(self, node: Node | None, field: str, *, integer: bool = False,
               required: bool = False, parent: Mapping | None = None) -> float | None:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add {field}: <number>")
            return None
        if not isinstance(node, Scalar):
            self.problem(node, f"'{field}' must be a number")
            return None
        raw = node.value.strip()
        pattern = INTEGER if integer else NUMBER
        if not pattern.match(raw):
            hint = ""
            if re.fullmatch(r"[+-]?0[0-9]+", raw):
                hint = f" (leading zeros are ambiguous in YAML: write {int(raw)})"
            elif "," in raw or "_" in raw:
                hint = " (write it without thousands separators)"
            what = "a whole number" if integer else "a number"
            self.problem(node, f"'{field}' must be {what}, not {raw!r}{hint}")
            return None
        value = float(raw)
        if not math.isfinite(value):
            self.problem(node, f"'{field}' is too large")
            return None
        return value

    def boolean(self, node: Node | None, field: str, *, required: bool = False,
                parent: Mapping | None = None) -> bool | None:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add {field}: true or {field}: false")
            return None
        if isinstance(node, Scalar):
            word = node.value.strip().lower()
            if word in ("true", "false"):
                return word == "true"
            if word in TRUE_WORDS | FALSE_WORDS:
                self.problem(node, f"'{field}' is {node.value!r}, which YAML tools read differently: "
                                   f"write true or false")
                return None
        self.problem(node, f"'{field}' must be true or false")
        return None

    def text_list(self, node: Node | None, field: str, *, required: bool = False,
                  parent: Mapping | None = None) -> list[tuple[str, Scalar]] | None:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.problem(node or parent, f"'{field}' is missing: add a list, e.g. {field}: [a, b]")
            return None
        if not isinstance(node, Sequence):
            self.problem(node, f"'{field}' must be a list, e.g. {field}: [a, b]")
            return None
        out = []
        for child in node.items:
            value = self.text(child, field)
            if value is not None and isinstance(child, Scalar):
                out.append((value, child))
        return out

    def mapping(self, node: Node | None, what: str, allowed: tuple[str, ...]) -> Mapping | None:
        if not isinstance(node, Mapping):
            found = "a list" if isinstance(node, Sequence) else "plain text" if node else "nothing"
            self.problem(node, f"{what} must be a mapping of keys to values, found {found}")
            return None
        for key, (key_node, _) in node.pairs.items():
            if key not in allowed:
                guess = close_match(key, allowed, 0.6)
                hint = f": did you mean '{guess}'?" if guess else f" (allowed: {', '.join(allowed)})"
                self.problem(key_node, f"unknown key '{key}' in {what}{hint}")
        return node


def scan_text(text: str, path: str) -> list[Problem]:
    """Checks on the raw text, before YAML sees it: line length and forbidden characters."""
    problems = []
    for match in FORBIDDEN_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(path, line, column,
                                f"the invisible character {describe_char(match.group())} is not allowed "
                                "in a deck: delete it"))
        if len(problems) >= 20:
            break
    if len(text) > MAX_LINE_CHARS:
        for number, line_text in enumerate(text.split("\n"), start=1):
            if len(line_text) > MAX_LINE_CHARS:
                problems.append(Problem(path, number, 1,
                                        f"line is {len(line_text):,} characters long; the limit is "
                                        f"{MAX_LINE_CHARS:,}: break it up"))
                break
    return problems


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is allowed); anything else is refused with a message saying what it looks like."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DeckError.single(path, "the file is UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = " (it looks like UTF-16)" if b"\x00" in data[:200] else " (perhaps Latin-1 or Windows-1252)"
        raise DeckError.single(path, f"the file is not UTF-8{guess}: save it as UTF-8",
                               line, column) from None


def load_deck(path: str | Path) -> Deck:
    """Read, parse and validate one deck file."""
    with deck_file_errors(path):
        data = read_capped(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
    return load_deck_bytes(data, str(path))


@contextmanager
def deck_file_errors(path: str | Path) -> Iterator[None]:
    """A deck file that cannot be read safely (see `kdquiz.core.files`) as a DeckError."""
    try:
        yield
    except InputFileError as exc:
        if exc.too_big:
            raise DeckError.single(str(path), f"the file is over {MAX_FILE_BYTES // 2**20} MiB; decks "
                                              f"are limited to {MAX_FILE_BYTES // 2**20} MiB: split "
                                              "it into several decks") from None
        raise DeckError.single(str(path), exc.reason) from None


def load_deck_bytes(data: bytes, path: str) -> Deck:
    return load_deck_text(deck_text(data, path), path)


def deck_text(data: bytes, path: str) -> str:
    """The text of a deck file's bytes, or DeckError if they are too many, binary or not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise DeckError.single(path, f"the file is {len(data) / 1e6:.1f} MB; decks are limited to "
                                     f"{MAX_FILE_BYTES // 2**20} MiB: split it into several decks")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:400]
        if head.count(b"\x00") * 3 >= len(head):
            raise DeckError.single(path, "the file looks like UTF-16 (without a byte-order mark): "
                                         "save it as UTF-8")
        raise DeckError.single(path, "the file contains NUL bytes: it is binary or not UTF-8 text")
    return decode(data, path)


def load_deck_text(text: str, path: str = "<deck>") -> Deck:
    try:
        return _load(text, path)
    except DeckError:
        raise
    except RecursionError:
        raise DeckError.single(path, "the file is nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - the promise is: only DeckError escapes
        raise DeckError.single(path, f"the deck could not be read ({type(exc).__name__}: {exc}); "
                                     "please report this with the file") from None


def _load(text: str, path: str) -> Deck:
    if not text.strip():
        raise DeckError.single(path, "the file is empty: a deck needs format, id, title and cards")
    problems = scan_text(text, path)
    if problems:
        raise DeckError(problems)
    deck = _compose_and_check(text, path, _CardStream(path))
    if deck is None:
        # The cards were checked before the sources they may cite were read: check them again
        # from the whole tree (slower, and the tree is held; kdquiz never writes decks so).
        deck = _compose_and_check(text, path, None)
    assert deck is not None
    return deck


def _compose_and_check(text: str, path: str, stream: _CardStream | None) -> Deck | None:
    """The checked deck (or DeckError); None when `stream` found the sources after the cards."""
    try:
        root, soft = yamlsafe.compose(text, stream)
    except yamlsafe.YamlProblem as exc:
        raise DeckError([Problem(path, exc.line, exc.column, exc.message)]) from None
    if stream is not None and stream.begun:
        if "sources" in stream.keys_after(root):
            return None
        if stream.failure is not None and stream.count <= MAX_CARDS:
            raise stream.failure  # a bug in a check: load_deck_text reports it
    check = _Checker(path)
    for p in soft:
        check.problems.append(Problem(path, p.line, p.column, p.message))
    if root is None:
        raise DeckError.single(path, "the file is empty: a deck needs format, id, title and cards")
    deck = _deck(check, root, stream)
    if check.problems or deck is None:
        raise DeckError(check.problems or [Problem(path, 1, 1, "the deck is not valid")])
    return deck


def _deck(check: _Checker, root: Node, stream: _CardStream | None = None) -> Deck | None:
    top = check.mapping(root, "the deck", DECK_KEYS)
    if top is None:
        return None
    fmt = check.number(top.get("format"), "format", integer=True, required=True, parent=top)
    if fmt is not None and fmt != FORMAT_VERSION:
        if fmt > FORMAT_VERSION:
            check.problem(top.get("format"), f"this deck uses format {int(fmt)}; this kdquiz reads "
                                             f"format {FORMAT_VERSION}: update kdquiz")
        else:
            check.problem(top.get("format"), f"format must be {FORMAT_VERSION}")
    deck_id = check.slug(top.get("id"), "id", parent=top)
    title = check.text(top.get("title"), "title", required=True, parent=top)
    description = check.text(top.get("description"), "description") or ""
    author = check.text(top.get("author"), "author") or ""
    language = check.text(top.get("language"), "language") or ""
    tags = [intern(t) for t, _ in check.text_list(top.get("tags"), "tags") or []]
    sources = _sources(check, top.get("sources"))
    cards = _cards(check, top, {s.id for s in sources}, stream)
    if deck_id is None or title is None:
        return None
    return Deck(id=deck_id, title=title, cards=tuple(cards), description=description, author=author,
                language=language, tags=tuple(tags), sources=tuple(sources), path=check.path)


def _sources(check: _Checker, node: Node | None) -> list[Source]:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return []
    if not isinstance(node, Sequence):
        check.problem(node, "'sources' must be a list of {id, title} mappings")
        return []
    out: list[Source] = []
    seen: dict[str, int] = {}
    for child in node.items:
        entry = check.mapping(child, "a source", SOURCE_KEYS)
        if entry is None:
            continue
        sid = check.slug(entry.get("id"), "id", parent=entry)
        title = check.text(entry.get("title"), "title", required=True, parent=entry)
        author = check.text(entry.get("author"), "author") or ""
        url = check.text(entry.get("url"), "url") or ""
        if sid is None or title is None:
            continue
        if sid in seen:
            check.problem(entry.get("id"), f"source id '{sid}' is used twice (first at line {seen[sid]})")
            continue
        seen[sid] = entry.line
        out.append(Source(sid, title, author, url))
    return out


class _CardStream(yamlsafe.ItemSink):
    """Checks each card as soon as the YAML reader has read it, so that a big deck's tree never
    exists whole: only the cards (and any problems) are kept, to be reported by `_cards`."""

    key = "cards"

    def __init__(self, path: str) -> None:
        self.check = _Checker(path)
        self.cards: list[Card] = []
        self.count = 0
        self.items: Sequence | None = None
        self.source_ids: set[str] = set()
        self.seen: dict[str, int] = {}
        self.failure: Exception | None = None

    @property
    def begun(self) -> bool:
        return self.items is not None

    def begin(self, top: Mapping, items: Sequence) -> None:
        self.items = items
        # The sources come before the cards in every deck kdquiz writes; their problems are
        # reported by _deck, so a scratch checker only finds their ids here.
        self.source_ids = {s.id for s in _sources(_Checker(self.check.path), top.get("sources"))}

    def keys_after(self, root: Node | None) -> list[str]:
        keys = list(root.pairs) if isinstance(root, Mapping) else []
        return keys[keys.index(self.key) + 1:] if self.key in keys else []

    def item(self, node: Node) -> None:
        self.count += 1
        if self.failure is not None or self.count > MAX_CARDS:
            self.cards.clear()  # only the count is reported then
            self.check.problems.clear()
            return
        try:
            self.take(node)
        except Exception as exc:  # noqa: BLE001 - re-raised once the reader is done, as before
            self.failure = exc

    def take(self, child: Node) -> None:
        check, seen = self.check, self.seen
        check.card_id = ""
        id_node = child.get("id") if isinstance(child, Mapping) else None
        raw_id = id_node.value if isinstance(id_node, Scalar) else None
        if raw_id is not None and raw_id in seen:
            check.card_id = raw_id[:80]
            check.problem(id_node, f"card id '{raw_id}' is used twice (first at line {seen[raw_id]}): "
                                   "give each card its own id")
            check.card_id = ""
            return
        if raw_id is not None:
            seen[raw_id] = child.line
        card = _card(check, child, self.source_ids)
        check.card_id = ""
        if card is not None:
            self.cards.append(card)


def _cards(check: _Checker, top: Mapping, source_ids: set[str], stream: _CardStream | None) -> list[Card]:
    node = top.get("cards")
    if node is None or (isinstance(node, Scalar) and node.is_null):
        check.problem(node or top, "'cards' is missing: add a list of cards (see docs/deck-format.md)")
        return []
    if not isinstance(node, Sequence):
        check.problem(node, "'cards' must be a list of cards, each starting with '- id:'")
        return []
    streamed = stream is not None and stream.items is node
    count = stream.count if stream is not None and streamed else len(node.items)
    if not count:
        check.problem(node, "'cards' is empty: add at least one card")
    if count > MAX_CARDS:
        check.problem(node, f"the deck has {count:,} cards; the limit is {MAX_CARDS:,}")
        return []
    if stream is None or not streamed:
        stream = _CardStream(check.path)
        stream.source_ids = source_ids
        for child in node.items:
            stream.take(child)
    check.problems.extend(stream.check.problems)
    return stream.cards


def _card(check: _Checker, node: Node, source_ids: set[str]) -> Card | None:
    if not isinstance(node, Mapping):
        check.problem(node, "each card must be a mapping starting with '- id:'")
        return None
    id_node = node.get("id")
    if isinstance(id_node, Scalar):
        check.card_id = id_node.value[:80]
    card_id = check.slug(id_node, "id", parent=node)
    type_node = node.get("type")
    kind = None
    if type_node is None:
        check.problem(node, f"'type' is missing: add type: one of {', '.join(Kind)}")
    elif not isinstance(type_node, Scalar) or type_node.value not in set(Kind):
        value = type_node.value if isinstance(type_node, Scalar) else "?"
        guess = close_match(value, Kind, 0.5)
        hint = f": did you mean '{guess}'?" if guess else f" (one of {', '.join(Kind)})"
        check.problem(type_node, f"unknown card type '{value}'{hint}")
    else:
        kind = Kind(type_node.value)
    allowed = COMMON_KEYS + (KIND_KEYS[kind] if kind else tuple(k for ks in KIND_KEYS.values() for k in ks))
    check.mapping(node, "a card" if kind is None else f"a {kind} card", allowed)

    prompt = check.text(node.get("prompt"), "prompt", required=kind in PROMPT_REQUIRED, parent=node)
    common = {
        "prompt": prompt or "",
        "explain": check.text(node.get("explain"), "explain") or "",
        "source": _source_ref(check, node.get("source"), source_ids),
        "tags": tuple(intern(t) for t, _ in check.text_list(node.get("tags"), "tags") or []),
        "time_limit": _bounded(check, node.get("time_limit"), "time_limit", 1, MAX_TIME_LIMIT),
        "points": _points(check, node.get("points")),
        "line": node.line,
    }
    if kind is None or card_id is None:
        return None
    builder = _BUILDERS[kind]
    return builder(check, node, card_id, common)


def _bounded(check: _Checker, node: Node | None, field: str, low: float, high: float) -> float | None:
    value = check.number(node, field)
    if value is not None and not low <= value <= high:
        check.problem(node, f"'{field}' must be between {low:g} and {high:g}")
        return None
    return value


def _points(check: _Checker, node: Node | None) -> int | None:
    value = check.number(node, "points", integer=True)
    if value is not None and not 1 <= value <= MAX_POINTS:
        check.problem(node, f"'points' must be between 1 and {MAX_POINTS}")
        return None
    return int(value) if value is not None else None


def _source_ref(check: _Checker, node: Node | None, source_ids: set[str]) -> SourceRef | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None
    entry = check.mapping(node, "'source'", ("doc", "paragraph", "hint"))
    if entry is None:
        return None
    doc = check.slug(entry.get("doc"), "doc", parent=entry)
    paragraph = check.number(entry.get("paragraph"), "paragraph", integer=True, required=True,
                             parent=entry)
    hint = check.text(entry.get("hint"), "hint") or ""
    if doc is not None and doc not in source_ids:
        listed = ", ".join(sorted(source_ids)) or "none are listed"
        check.problem(entry.get("doc"), f"source document '{doc}' is not listed in the deck's "
                                        f"'sources' ({listed}): add it there or fix the id")
        return None
    if paragraph is not None and paragraph < 1:
        check.problem(entry.get("paragraph"), "'paragraph' counts from 1")
        return None
    if doc is None or paragraph is None:
        return None
    return SourceRef(doc, int(paragraph), hint)


def _flashcard(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    front = check.text(node.get("front"), "front", required=True, parent=node)
    back = check.text(node.get("back"), "back", required=True, parent=node)
    reverse = check.boolean(node.get("reverse"), "reverse")
    if front is None or back is None:
        return None
    return Flashcard(id=card_id, kind=Kind.FLASHCARD, front=front, back=back,
                     reverse=bool(reverse), **common)


def _cloze(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    text = check.text(node.get("text"), "text", required=True, parent=node)
    if text is None:
        return None
    gaps = parse_gaps(text)
    where = node.get("text")
    if not gaps:
        check.problem(where, "a cloze text needs at least one gap, written {{answer}} or {{answer::hint}}")
        return None
    if any(not g.answer for g in gaps):
        check.problem(where, "a cloze gap is empty: write the hidden answer inside {{ }}")
        return None
    if "{{" in re.sub(r"\{\{.+?\}\}", "", text, flags=re.DOTALL) or "}}" in re.sub(
            r"\{\{.+?\}\}", "", text, flags=re.DOTALL):
        check.problem(where, "a cloze gap is not closed: each {{ needs a matching }}")
        return None
    return Cloze(id=card_id, kind=Kind.CLOZE, text=text, gaps=tuple(gaps), **common)


def _choices(check: _Checker, node: Mapping) -> list[tuple[Choice, Node]] | None:
    raw = node.get("choices")
    if raw is None or (isinstance(raw, Scalar) and raw.is_null):
        check.problem(raw or node, "'choices' is missing: add a list of at least two choices")
        return None
    if not isinstance(raw, Sequence):
        check.problem(raw, "'choices' must be a list, e.g. choices: [Seoul, Busan, Incheon]")
        return None
    out: list[tuple[Choice, Node]] = []
    ok = True
    for child in raw.items:
        if isinstance(child, Mapping):
            entry = check.mapping(child, "a choice", ("text", "feedback"))
            text = check.text(child.get("text"), "text", required=True, parent=child)
            feedback = check.text(child.get("feedback"), "feedback") or ""
            if entry is None or text is None:
                ok = False
                continue
            out.append((Choice(text, feedback), child))
        else:
            text = check.text(child, "choices")
            if text is None:
                ok = False
                continue
            out.append((Choice(text), child))
    if not ok:
        return None
    if len(out) < 2:
        check.problem(raw, "a question needs at least two choices")
        return None
    if len(out) > MAX_CHOICES:
        check.problem(raw, f"at most {MAX_CHOICES} choices are allowed")
        return None
    seen: dict[str, Node] = {}
    for choice, where in out:
        key = choice.text.casefold()
        if key in seen:
            check.problem(where, f"the choice {choice.text!r} appears twice (first at line "
                                 f"{seen[key].line}): each choice must be different")
            return None
        seen[key] = where
    return out


def _find_choice(check: _Checker, choices: list[tuple[Choice, Node]], answer: str,
                 where: Node | None) -> int | None:
    for index, (choice, _) in enumerate(choices):
        if choice.text == answer:
            return index
    near = [i for i, (c, _) in enumerate(choices) if c.text.casefold() == answer.casefold()]
    listed = ", ".join(repr(c.text) for c, _ in choices)
    if near:
        check.problem(where, f"the answer {answer!r} is written differently from the choice "
                             f"{choices[near[0]][0].text!r}: write it exactly the same")
    else:
        check.problem(where, f"the answer {answer!r} is not one of the choices ({listed}): "
                             "copy it from the choices")
    return None


def _mcq(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    choices = _choices(check, node)
    answer = check.text(node.get("answer"), "answer", required=True, parent=node)
    if choices is None or answer is None:
        return None
    index = _find_choice(check, choices, answer, node.get("answer"))
    if index is None:
        return None
    return MultipleChoice(id=card_id, kind=Kind.MCQ, choices=tuple(c for c, _ in choices),
                          answer=index, **common)


def _multi(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    choices = _choices(check, node)
    answers = check.text_list(node.get("answers"), "answers", required=True, parent=node)
    if choices is None or answers is None:
        return None
    if not answers:
        check.problem(node.get("answers"), "'answers' is empty: list at least one right choice")
        return None
    indices: set[int] = set()
    for answer, where in answers:
        index = _find_choice(check, choices, answer, where)
        if index is None:
            return None
        if index in indices:
            check.problem(where, f"the answer {answer!r} is listed twice")
            return None
        indices.add(index)
    return MultiSelect(id=card_id, kind=Kind.MULTI, choices=tuple(c for c, _ in choices),
                       answers=frozenset(indices), **common)


def _truefalse(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    statement = check.text(node.get("statement"), "statement", required=True, parent=node)
    answer = check.boolean(node.get("answer"), "answer", required=True, parent=node)
    if statement is None or answer is None:
        return None
    return TrueFalse(id=card_id, kind=Kind.TRUEFALSE, statement=statement, answer=answer, **common)


def _typed(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    answer = check.text(node.get("answer"), "answer", required=True, parent=node)
    accept = check.text_list(node.get("accept"), "accept") or []
    case = check.boolean(node.get("case_sensitive"), "case_sensitive")
    accent = check.boolean(node.get("accent_sensitive"), "accent_sensitive")
    if answer is None:
        return None
    return Typed(id=card_id, kind=Kind.TYPED, answer=answer, accept=tuple(a for a, _ in accept),
                 case_sensitive=bool(case), accent_sensitive=bool(accent), **common)


def _numeric(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    answer_node = node.get("answer")
    answer = check.number(answer_node, "answer", required=True, parent=node)
    unit = intern(check.text(node.get("unit"), "unit") or "")
    tolerance, percent = 0.0, False
    tol_node = node.get("tolerance")
    if isinstance(tol_node, Scalar) and tol_node.value.strip().endswith("%"):
        raw = tol_node.value.strip()[:-1].strip()
        if NUMBER.match(raw) and float(raw) >= 0:
            tolerance, percent = float(raw), True
        else:
            check.problem(tol_node, f"'tolerance' must be a number or a percentage like 10%, "
                                    f"not {tol_node.value!r}")
            return None
    elif tol_node is not None:
        value = check.number(tol_node, "tolerance")
        if value is None:
            return None
        if value < 0:
            check.problem(tol_node, "'tolerance' cannot be negative")
            return None
        tolerance = value
    if answer is None or not isinstance(answer_node, Scalar):
        return None
    return Numeric(id=card_id, kind=Kind.NUMERIC, answer=answer, answer_text=answer_node.value.strip(),
                   tolerance=tolerance, tolerance_percent=percent, unit=unit, **common)


def _order(check: _Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
    items = check.text_list(node.get("items"), "items", required=True, parent=node)
    if items is None:
        return None
    if len(items) < 2:
        check.problem(node.get("items"), "an order card needs at least 2 items, listed in the right order")
        return None
    seen: dict[str, Scalar] = {}
    for text, where in items:
        if text.casefold() in seen:
            check.problem(where, f"the item {text!r} appears twice: each item must be different")
            return None
        seen[text.casefold()] = where
    return Order(id=card_id, kind=Kind.ORDER, items=tuple(t for t, _ in items), **common)


_BUILDERS: dict[Kind, Callable[[_Checker, Mapping, str, dict], Card | None]] = {
    Kind.FLASHCARD: _flashcard,
    Kind.CLOZE: _cloze,
    Kind.MCQ: _mcq,
    Kind.MULTI: _multi,
    Kind.TRUEFALSE: _truefalse,
    Kind.TYPED: _typed,
    Kind.NUMERIC: _numeric,
    Kind.ORDER: _order,
}


def deck_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the .yaml/.yml files inside them (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                              and not p.name.startswith(".")))
        else:
            out.append(path)
    return out
