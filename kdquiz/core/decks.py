"""Load and validate deck files. Deck files come from strangers: every check here assumes malice.

`load_deck` returns a Deck or raises DeckError listing *every* problem found, each with file, line
and column and a sentence saying how to fix it. Nothing else ever escapes: a bug in a check is
reported as a problem in the file rather than a traceback (see `load_deck_bytes`).
"""

from __future__ import annotations

from pathlib import Path
from sys import intern

from kdquiz.core import yamlsafe
from kdquiz.core.cards import CLOZE_GAP
from kdquiz.core.deck_checks import (
    FORBIDDEN_CHARS,
    MAX_TEXT_CHARS,
    SLUG,  # noqa: F401 - the id pattern, read from here by the importers and tests
    IdAllocator,
    absent,
    close_match,
    describe_char,
    slugify,
)
from kdquiz.core.deck_checks import Checker as _Checker
from kdquiz.core.deck_files import (  # noqa: F401 - read from here too
    DECK_ENDINGS,
    MAX_FILE_BYTES,
    deck_file_errors,
    deck_files,
    too_big,
)
from kdquiz.core.files import read_capped
from kdquiz.core.kinds import KINDS, kind_called
from kdquiz.core.model import Card, Deck, Source, SourceRef
from kdquiz.core.yamlsafe import Mapping, Node, Scalar, Sequence
from kdquiz.errors import DeckError, Problem

FORMAT_VERSION = 1
MAX_LINE_CHARS = 20_000
MAX_CARDS = 100_000
MAX_TIME_LIMIT = 600
MAX_POINTS = 100_000

DECK_KEYS = (
    "format",
    "id",
    "title",
    "description",
    "author",
    "language",
    "tags",
    "sources",
    "cards",
)
SOURCE_KEYS = ("id", "title", "author", "url")
COMMON_KEYS = tuple("id type prompt explain source tags time_limit points anki".split())
#: An Anki note type has a handful of fields; more is not a note kdquiz imported.
MAX_ANKI_FIELDS = 32


def scan_text(text: str, path: str) -> list[Problem]:
    """Checks on the raw text, before YAML sees it: line length and forbidden characters."""
    problems = []
    for match in FORBIDDEN_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(
            Problem(
                path,
                line,
                column,
                f"the invisible character {describe_char(match.group())} is not allowed "
                "in a deck: delete it",
            )
        )
        if len(problems) >= 20:
            break
    if len(text) > MAX_LINE_CHARS:
        for number, line_text in enumerate(text.split("\n"), start=1):
            if len(line_text) > MAX_LINE_CHARS:
                problems.append(
                    Problem(
                        path,
                        number,
                        1,
                        f"line is {len(line_text):,} characters long; the limit is "
                        f"{MAX_LINE_CHARS:,}: break it up",
                    )
                )
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
        guess = (
            " (it looks like UTF-16)"
            if b"\x00" in data[:200]
            else " (perhaps Latin-1 or Windows-1252)"
        )
        raise DeckError.single(
            path, f"the file is not UTF-8{guess}: save it as UTF-8", line, column
        ) from None


def load_deck(path: str | Path) -> Deck:
    """Read, parse and validate one deck file."""
    with deck_file_errors(path):
        data = read_capped(path, "a deck", limit=MAX_FILE_BYTES, link_endings=DECK_ENDINGS)
    return load_deck_bytes(data, str(path))


def load_deck_bytes(data: bytes, path: str) -> Deck:
    return load_deck_text(deck_text(data, path), path)


def deck_text(data: bytes, path: str) -> str:
    """The text of a deck file's bytes, or DeckError if they are too many, binary or not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise DeckError.single(path, too_big(len(data)))
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:400]
        if head.count(b"\x00") * 3 >= len(head):
            raise DeckError.single(
                path, "the file looks like UTF-16 (without a byte-order mark): save it as UTF-8"
            )
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
        raise DeckError.single(
            path,
            f"the deck could not be read ({type(exc).__name__}: {exc}); "
            "please report this with the file",
        ) from None


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


#: The fields that say what a card asks, for an example id taken from its words.
_ASKED = ("prompt", "front", "statement", "text")


def _deck(check: _Checker, root: Node, stream: _CardStream | None = None) -> Deck | None:
    top = check.mapping(root, "the deck", DECK_KEYS)
    if top is None:
        return None
    if absent(top.get("format")):
        check.problem(
            top,
            f"'format' is missing: add the line format: {FORMAT_VERSION} at the top "
            "(the version of the deck format this file is written in)",
        )
    fmt = check.number(top.get("format"), "format", integer=True, parent=top)
    if fmt is not None and fmt != FORMAT_VERSION:
        if fmt > FORMAT_VERSION:
            check.problem(
                top.get("format"),
                f"this deck uses format {int(fmt)}; this kdquiz reads "
                f"format {FORMAT_VERSION}: update kdquiz",
            )
        else:
            check.problem(top.get("format"), f"format must be {FORMAT_VERSION}")
    deck_id = None
    if absent(top.get("id")):
        example = slugify(Path(check.path).stem) or "week-3-quiz"
        check.problem(
            top,
            f"the deck's 'id' is missing: add a line such as id: {example} (a short name of "
            f"letters, digits and dashes that commands use, as in kdquiz review {example})",
        )
    else:
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
    return Deck(
        id=deck_id,
        title=title,
        cards=tuple(cards),
        description=description,
        author=author,
        language=language,
        tags=tuple(tags),
        sources=tuple(sources),
        path=check.path,
    )


def _sources(check: _Checker, node: Node | None) -> list[Source]:
    if absent(node):
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
            check.problem(
                entry.get("id"), f"source id '{sid}' is used twice (first at line {seen[sid]})"
            )
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
        #: Ids offered to cards that have none: none the same, nor one a card has.
        self.offered = IdAllocator()
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
        return keys[keys.index(self.key) + 1 :] if self.key in keys else []

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
        duplicate = raw_id is not None and raw_id in seen
        if duplicate:
            check.card_id = str(raw_id)[:80]
            check.problem(
                id_node,
                f"card id '{raw_id}' is used twice (first at line {seen[str(raw_id)]}): "
                "give each card its own id",
            )
        elif raw_id is not None:
            seen[raw_id] = child.line
            self.offered.used.add(raw_id)
        # A repeated card is still checked, so every problem it has is said in the same run.
        card = _card(check, child, self.source_ids, self.offered)
        check.card_id = ""
        if card is not None and not duplicate:
            self.cards.append(card)


def _cards(
    check: _Checker, top: Mapping, source_ids: set[str], stream: _CardStream | None
) -> list[Card]:
    node = top.get("cards")
    if absent(node):
        check.problem(
            node or top, "'cards' is missing: add a list of cards (see docs/deck-format.md)"
        )
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


def _card(
    check: _Checker,
    node: Node,
    source_ids: set[str],
    offered: IdAllocator | None = None,
) -> Card | None:
    if not isinstance(node, Mapping):
        check.problem(node, "each card must be a mapping starting with '- id:'")
        return None
    id_node = node.get("id")
    if isinstance(id_node, Scalar):
        check.card_id = id_node.value[:80]
    card_id = None
    if absent(id_node):
        asked = next((v.value for k in _ASKED if isinstance(v := node.get(k), Scalar)), "")
        wanted = slugify(CLOZE_GAP.sub(" ", asked), max_len=24) or "q1"
        example = (offered or IdAllocator()).take(wanted)
        check.problem(
            node,
            f"this card has no 'id': add a line such as id: {example} (a short name, its own "
            "in the deck, by which kdquiz keeps the card's progress when its text changes)",
        )
    else:
        card_id = check.slug(id_node, "id", parent=node)
    type_node = node.get("type")
    spec = None
    meant = None  # the kind an unknown type's name means: its keys give the key hints
    if type_node is None:
        check.problem(node, f"'type' is missing: add type: one of {', '.join(KINDS)}")
    elif not isinstance(type_node, Scalar) or type_node.value not in KINDS:
        value = type_node.value if isinstance(type_node, Scalar) else "?"
        meant = kind_called(value)
        guess = close_match(value, KINDS, 0.5)
        if meant is not None and meant == value.strip().lower():
            hint = f": type names are lower case: write type: {meant}"
        elif meant is not None:
            hint = f": kdquiz calls this kind '{meant}': write type: {meant}"
        elif guess:
            hint = f": did you mean '{guess}'?"
        else:
            hint = f" (one of {', '.join(KINDS)})"
        check.problem(type_node, f"unknown card type '{value}'{hint}")
    else:
        spec = KINDS[type_node.value]
    known = spec or (KINDS[meant] if meant else None)
    allowed = COMMON_KEYS + (
        known.keys if known else tuple(k for s in KINDS.values() for k in s.keys)
    )
    check.mapping(node, "a card" if spec is None else f"a {spec.name} card", allowed)

    required = spec is not None and spec.prompt_required
    prompt = check.text(node.get("prompt"), "prompt", required=required, parent=node)
    common = {
        "prompt": prompt or "",
        "explain": check.text(node.get("explain"), "explain") or "",
        "source": _source_ref(check, node.get("source"), source_ids),
        "tags": tuple(intern(t) for t, _ in check.text_list(node.get("tags"), "tags") or []),
        "time_limit": _bounded(check, node.get("time_limit"), "time_limit", 1, MAX_TIME_LIMIT),
        "points": _points(check, node.get("points")),
        "line": node.line,
        "anki": _anki_note(check, node.get("anki")),
    }
    if spec is None:
        return None
    # A bad id is one problem among others: the card's own fields are still checked.
    card = spec.parse(check, node, card_id or "", common)
    return card if card_id is not None else None


def _anki_note(check: _Checker, node: Node | None) -> tuple[str, ...]:
    """`anki: {notetype: Basic, fields: [...]}`: the fields are Anki's HTML, kept exactly as
    written (empty fields and spaces included), only checked for invisible characters and size."""
    if node is None:
        return ()
    entry = check.mapping(node, "'anki'", ("notetype", "fields"))
    if entry is None:
        return ()
    notetype = check.text(entry.get("notetype"), "notetype", required=True, parent=entry)
    fields = entry.get("fields")
    if not isinstance(fields, Sequence) or not 1 <= len(fields.items) <= MAX_ANKI_FIELDS:
        check.problem(
            fields or entry,
            f"'fields' must be a list of 1 to {MAX_ANKI_FIELDS} texts (the note's fields in order)",
        )
        return ()
    values = []
    for child in fields.items:
        if not isinstance(child, Scalar):
            check.problem(child, "each Anki field must be text")
            return ()
        value = "" if child.is_null else child.value
        bad = FORBIDDEN_CHARS.search(value)
        if bad or len(value) > MAX_TEXT_CHARS:
            what = f"the invisible character {describe_char(bad.group())}" if bad else "too much"
            check.problem(child, f"an Anki field holds {what}: re-import the note")
            return ()
        values.append(value)
    return (notetype, *values) if notetype else ()


def _bounded(
    check: _Checker, node: Node | None, field: str, low: float, high: float
) -> float | None:
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
    if absent(node):
        return None
    entry = check.mapping(node, "'source'", ("doc", "paragraph", "hint"))
    if entry is None:
        return None
    doc = check.slug(entry.get("doc"), "doc", parent=entry)
    paragraph = check.number(
        entry.get("paragraph"), "paragraph", integer=True, required=True, parent=entry
    )
    hint = check.text(entry.get("hint"), "hint") or ""
    if doc is not None and doc not in source_ids:
        listed = ", ".join(sorted(source_ids)) or "none are listed"
        check.problem(
            entry.get("doc"),
            f"source document '{doc}' is not listed in the deck's "
            f"'sources' ({listed}): add it there or fix the id",
        )
        return None
    if paragraph is not None and paragraph < 1:
        check.problem(entry.get("paragraph"), "'paragraph' counts from 1")
        return None
    if doc is None or paragraph is None:
        return None
    return SourceRef(doc, int(paragraph), hint)
