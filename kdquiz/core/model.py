"""Decks, cards and the items the scheduler sees: frozen records, no behaviour that needs I/O.

A *card* is what a teacher writes. An *item* is what gets scheduled: most cards are one item, a
cloze card is one item per gap (Anki's c1, c2 ...) and a flashcard with `reverse: true` is two.
Progress is keyed by (deck id, card id, item sub-key), so it survives reordering and edits.

Every class behaves as a `@dataclass(frozen=True, slots=True)` one (same fields, `__init__`,
equality, hash, repr, match arguments, pickling, `dataclasses.fields`/`replace`) but is written
out by hand: creating 15 dataclasses took ~8 ms and importing `dataclasses` (inspect, ast...) ~5 ms
more, on every start of the game and every `kdquiz check`. `_Record` says what is shared.
"""

# ruff: noqa: RUF023 - a record's __slots__ list its fields in their order, as dataclasses' do

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from operator import attrgetter

TYPE_CHECKING = False  # typing itself is not imported at run time: `kdquiz check` never needs it
if TYPE_CHECKING:
    from dataclasses import Field
    from typing import Any, ClassVar

_set = object.__setattr__  # the only way to fill a frozen record's slots, as dataclasses do


class _LazyDataclassInfo:
    """`__dataclass_fields__` / `__dataclass_params__`, built by `dataclasses` itself on first use.

    `dataclasses.fields()`, `replace()` and `asdict()` read them; building them needs the module, so
    it is done only when someone asks. The fields come from the class's `__slots__` (its order),
    annotations and `__init__` defaults, so nothing is written twice.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, cls: type[_Record]) -> Any:
        import dataclasses

        annotations: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            annotations.update(getattr(klass, "__annotations__", {}) if "__annotations__" in vars(klass)
                               else {})
        init = cls.__init__
        code = init.__code__
        positional = code.co_varnames[1:code.co_argcount]
        defaults = dict(zip(positional[len(positional) - len(init.__defaults__ or ()):],
                            init.__defaults__ or ()))
        defaults.update(init.__kwdefaults__ or {})
        namespace: dict[str, Any] = {"__module__": cls.__module__, "__qualname__": cls.__qualname__,
                                     "__annotations__": {n: annotations[n] for n in cls._fields}}
        for name in cls._fields:
            if name in cls._field_options:
                namespace[name] = dataclasses.field(**cls._field_options[name])
            elif name in defaults:
                namespace[name] = defaults[name]
        shadow: type = dataclasses.dataclass(frozen=True, kw_only=cls._kw_only)(
            type(cls.__name__, (), namespace))
        for attr in ("__dataclass_fields__", "__dataclass_params__"):
            type.__setattr__(cls, attr, getattr(shadow, attr))
        return getattr(cls, self.name)


class _Record:
    """The methods `@dataclass(frozen=True, slots=True)` would generate, shared by every record.

    A subclass lists its own fields in `__slots__` (in order, after its bases' fields) and writes
    `__init__`; `kw_only=True` in the class line makes its fields keyword-only, as for dataclasses.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    #: Fields left out of ==, hash and repr, with their dataclasses.field() options.
    _field_options: ClassVar[dict[str, dict[str, Any]]] = {}
    _kw_only: ClassVar[bool] = False
    _values: ClassVar[attrgetter[Any]]
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]  # see _LazyDataclassInfo
    _shown: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, kw_only: bool | None = None) -> None:
        super().__init_subclass__()
        cls._kw_only = cls._kw_only if kw_only is None else kw_only
        cls._fields = (*cls._fields, *cls.__dict__.get("__slots__", ()))
        cls._shown = tuple(n for n in cls._fields if n not in cls._field_options)
        cls._values = attrgetter(*cls._shown)
        type.__setattr__(cls, "__match_args__", () if cls._kw_only else cls._fields)
        for attr in ("__dataclass_fields__", "__dataclass_params__"):
            lazy = _LazyDataclassInfo()
            lazy.__set_name__(cls, attr)
            type.__setattr__(cls, attr, lazy)  # each class its own: a base's built info is not ours

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._values(self) == other._values(other))  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self._fields]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._fields, state):
            _set(self, name, value)

    def __replace__(self, /, **changes: Any) -> Any:  # copy.replace (Python 3.13)
        import dataclasses

        return dataclasses.replace(self, **changes)


def field_names(cls: type[_Record]) -> tuple[str, ...]:
    """A record's field names in order: `dataclasses.fields()` without building its metadata."""
    return cls._fields


class Kind(StrEnum):
    FLASHCARD = "flashcard"
    CLOZE = "cloze"
    MCQ = "mcq"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    TYPED = "typed"
    NUMERIC = "numeric"
    ORDER = "order"


class Source(_Record):
    """A document a deck was written from."""

    __slots__ = ("id", "title", "author", "url")
    id: str
    title: str
    author: str
    url: str

    def __init__(self, id: str, title: str, author: str = "", url: str = "") -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "author", author)
        _set(self, "url", url)


class SourceRef(_Record):
    """Where in a source document a card's fact comes from (paragraphs count non-empty lines from 1)."""

    __slots__ = ("doc", "paragraph", "hint")
    doc: str
    paragraph: int
    hint: str

    def __init__(self, doc: str, paragraph: int, hint: str = "") -> None:
        _set(self, "doc", doc)
        _set(self, "paragraph", paragraph)
        _set(self, "hint", hint)


class Choice(_Record):
    __slots__ = ("text", "feedback")
    text: str
    feedback: str

    def __init__(self, text: str, feedback: str = "") -> None:
        _set(self, "text", text)
        _set(self, "feedback", feedback)


class Gap(_Record):
    """One `{{answer}}` or `{{answer::hint}}` in a cloze text."""

    __slots__ = ("answer", "hint")
    answer: str
    hint: str

    def __init__(self, answer: str, hint: str = "") -> None:
        _set(self, "answer", answer)
        _set(self, "hint", hint)


CLOZE_GAP = re.compile(r"\{\{(.+?)\}\}", re.DOTALL)


def parse_gaps(text: str) -> list[Gap]:
    gaps = []
    for match in CLOZE_GAP.finditer(text):
        answer, _, hint = match.group(1).partition("::")
        gaps.append(Gap(answer.strip(), hint.strip()))
    return gaps


def render_cloze(text: str, hide: int | None, blank: str = "[...]") -> str:
    """The cloze text with gap number `hide` (0-based) blanked and every other gap filled in.

    `hide=None` fills every gap (the answer side).
    """
    index = -1

    def replace(match: re.Match[str]) -> str:
        nonlocal index
        index += 1
        answer, _, hint = match.group(1).partition("::")
        if index == hide:
            return f"[{hint.strip()}]" if hint.strip() else blank
        return answer.strip()

    return CLOZE_GAP.sub(replace, text)


class Card(_Record, kw_only=True):
    """Fields every kind shares. `line` is where the card starts in its file, for errors and $EDITOR."""

    __slots__ = ("id", "kind", "prompt", "explain", "source", "tags", "time_limit", "points", "line")
    id: str
    kind: Kind
    prompt: str
    explain: str
    source: SourceRef | None
    tags: tuple[str, ...]
    time_limit: float | None
    points: int | None
    line: int

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)

    def subkeys(self) -> tuple[str, ...]:
        """Item sub-keys of this card: "" for a single item."""
        return ("",)

    def searchable_text(self) -> str:
        """Every piece of text a learner sees, for length-based timing and edit detection."""
        return self.prompt


def _card(card: Card, id: str, kind: Kind, prompt: str, explain: str, source: SourceRef | None,
          tags: tuple[str, ...], time_limit: float | None, points: int | None, line: int) -> None:
    """Fill the fields every kind shares (each kind's `__init__` then fills its own)."""
    _set(card, "id", id)
    _set(card, "kind", kind)
    _set(card, "prompt", prompt)
    _set(card, "explain", explain)
    _set(card, "source", source)
    _set(card, "tags", tags)
    _set(card, "time_limit", time_limit)
    _set(card, "points", points)
    _set(card, "line", line)


class Flashcard(Card):
    __slots__ = ("front", "back", "reverse")
    front: str
    back: str
    reverse: bool

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 front: str, back: str, reverse: bool = False) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "front", front)
        _set(self, "back", back)
        _set(self, "reverse", reverse)

    def subkeys(self) -> tuple[str, ...]:
        return ("", "reverse") if self.reverse else ("",)

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.front}\n{self.back}"


class Cloze(Card):
    __slots__ = ("text", "gaps")
    text: str
    gaps: tuple[Gap, ...]

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 text: str, gaps: tuple[Gap, ...]) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "text", text)
        _set(self, "gaps", gaps)

    def subkeys(self) -> tuple[str, ...]:
        return tuple(f"c{i + 1}" for i in range(len(self.gaps)))

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.text}"


class MultipleChoice(Card):
    __slots__ = ("choices", "answer")
    choices: tuple[Choice, ...]
    answer: int  # index into choices

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 choices: tuple[Choice, ...], answer: int) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "choices", choices)
        _set(self, "answer", answer)

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


class MultiSelect(Card):
    __slots__ = ("choices", "answers")
    choices: tuple[Choice, ...]
    answers: frozenset[int]  # indices into choices

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 choices: tuple[Choice, ...], answers: frozenset[int]) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "choices", choices)
        _set(self, "answers", answers)

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


class TrueFalse(Card):
    __slots__ = ("statement", "answer")
    statement: str
    answer: bool

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 statement: str, answer: bool) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "statement", statement)
        _set(self, "answer", answer)

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.statement}"


class Typed(Card):
    __slots__ = ("answer", "accept", "case_sensitive", "accent_sensitive")
    answer: str
    accept: tuple[str, ...]
    case_sensitive: bool
    accent_sensitive: bool

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 answer: str, accept: tuple[str, ...] = (), case_sensitive: bool = False,
                 accent_sensitive: bool = False) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "answer", answer)
        _set(self, "accept", accept)
        _set(self, "case_sensitive", case_sensitive)
        _set(self, "accent_sensitive", accent_sensitive)


class Numeric(Card):
    __slots__ = ("answer", "answer_text", "tolerance", "tolerance_percent", "unit")
    answer: float
    answer_text: str  # as the teacher wrote it, e.g. "1.10"
    tolerance: float
    tolerance_percent: bool
    unit: str

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 answer: float, answer_text: str, tolerance: float = 0.0,
                 tolerance_percent: bool = False, unit: str = "") -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "answer", answer)
        _set(self, "answer_text", answer_text)
        _set(self, "tolerance", tolerance)
        _set(self, "tolerance_percent", tolerance_percent)
        _set(self, "unit", unit)

    def bounds(self) -> tuple[float, float]:
        slack = abs(self.answer) * self.tolerance / 100 if self.tolerance_percent else self.tolerance
        return self.answer - slack, self.answer + slack


class Order(Card):
    __slots__ = ("items",)
    items: tuple[str, ...]  # in their correct order

    def __init__(self, *, id: str, kind: Kind, prompt: str = "", explain: str = "",
                 source: SourceRef | None = None, tags: tuple[str, ...] = (),
                 time_limit: float | None = None, points: int | None = None, line: int = 0,
                 items: tuple[str, ...]) -> None:
        _card(self, id, kind, prompt, explain, source, tags, time_limit, points, line)
        _set(self, "items", items)

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *self.items])


class Item(_Record):
    """One schedulable thing: a card, one gap of a cloze card, or the reverse side of a flashcard."""

    __slots__ = ("deck_id", "card", "sub")
    deck_id: str
    card: Card
    sub: str

    def __init__(self, deck_id: str, card: Card, sub: str = "") -> None:
        _set(self, "deck_id", deck_id)
        _set(self, "card", card)
        _set(self, "sub", sub)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.deck_id, self.card.id, self.sub)

    @property
    def gap_index(self) -> int | None:
        """0-based gap for cloze items, else None."""
        return int(self.sub[1:]) - 1 if self.sub.startswith("c") else None


class Deck(_Record):
    __slots__ = ("id", "title", "cards", "description", "author", "language", "tags", "sources",
                 "path", "format", "_by_id")
    _field_options: ClassVar[dict[str, dict[str, Any]]] = {
        "_by_id": {"default_factory": dict, "compare": False, "repr": False}}
    id: str
    title: str
    cards: tuple[Card, ...]
    description: str
    author: str
    language: str
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    path: str
    format: int
    _by_id: dict[str, Card]

    def __init__(self, id: str, title: str, cards: tuple[Card, ...], description: str = "",
                 author: str = "", language: str = "", tags: tuple[str, ...] = (),
                 sources: tuple[Source, ...] = (), path: str = "", format: int = 1,
                 _by_id: dict[str, Card] | None = None) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "cards", cards)
        _set(self, "description", description)
        _set(self, "author", author)
        _set(self, "language", language)
        _set(self, "tags", tags)
        _set(self, "sources", sources)
        _set(self, "path", path)
        _set(self, "format", format)
        by_id = {} if _by_id is None else _by_id
        _set(self, "_by_id", by_id)
        by_id.update({c.id: c for c in cards})

    def card(self, card_id: str) -> Card | None:
        return self._by_id.get(card_id)

    def source(self, doc_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == doc_id), None)

    def items(self) -> Iterator[Item]:
        for card in self.cards:
            for sub in card.subkeys():
                yield Item(self.id, card, sub)

    def kind_counts(self) -> dict[Kind, int]:
        counts: dict[Kind, int] = {}
        for card in self.cards:
            counts[card.kind] = counts.get(card.kind, 0) + 1
        return counts
