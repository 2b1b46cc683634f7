"""Decks, cards and the items the scheduler sees: frozen dataclasses, no behaviour that needs I/O.

A *card* is what a teacher writes. An *item* is what gets scheduled: most cards are one item, a
cloze card is one item per gap (Anki's c1, c2 ...) and a flashcard with `reverse: true` is two.
Progress is keyed by (deck id, card id, item sub-key), so it survives reordering and edits.
What each kind means (reading, grading, formats) lives in its module in `kdquiz.core.kinds`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from threading import Lock
from typing import Any


def field_names(cls: type) -> tuple[str, ...]:
    """A record's field names in order (the deck cache writes its rows in this order)."""
    return tuple(f.name for f in fields(cls))


class Kind(StrEnum):
    FLASHCARD = "flashcard"
    CLOZE = "cloze"
    MCQ = "mcq"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    TYPED = "typed"
    NUMERIC = "numeric"
    ORDER = "order"
    MATCHING = "matching"


@dataclass(frozen=True, slots=True)
class Source:
    """A document a deck was written from."""

    id: str
    title: str
    author: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where in a source document a card's fact comes from (paragraphs count non-empty lines from 1)."""

    doc: str
    paragraph: int
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """One `{{answer}}` or `{{answer::hint}}` in a cloze text."""

    answer: str
    hint: str = ""


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    """Fields every kind shares. `line` is where the card starts in its file, for errors and $EDITOR."""

    id: str
    kind: Kind
    prompt: str = ""
    explain: str = ""
    source: SourceRef | None = None
    tags: tuple[str, ...] = ()
    time_limit: float | None = None
    points: int | None = None
    line: int = 0

    def subkeys(self) -> tuple[str, ...]:
        """Item sub-keys of this card: "" for a single item."""
        return ("",)

    def searchable_text(self) -> str:
        """Every piece of text a learner sees, for length-based timing and edit detection."""
        return self.prompt


@dataclass(frozen=True, slots=True, kw_only=True)
class Flashcard(Card):
    front: str
    back: str
    reverse: bool = False

    def subkeys(self) -> tuple[str, ...]:
        return ("", "reverse") if self.reverse else ("",)

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.front}\n{self.back}"


_GAP_SUBKEYS = tuple(f"c{i + 1}" for i in range(64))


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(Card):
    text: str
    gaps: tuple[Gap, ...]

    def subkeys(self) -> tuple[str, ...]:
        count = len(self.gaps)
        if count <= len(_GAP_SUBKEYS):  # a slice of ready strings: the queue asks every cloze card
            return _GAP_SUBKEYS[:count]
        return tuple(f"c{i + 1}" for i in range(count))

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(Card):
    choices: tuple[Choice, ...]
    answer: int  # index into choices

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


@dataclass(frozen=True, slots=True, kw_only=True)
class MultiSelect(Card):
    choices: tuple[Choice, ...]
    answers: frozenset[int]  # indices into choices

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *(c.text for c in self.choices)])


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(Card):
    statement: str
    answer: bool

    def searchable_text(self) -> str:
        return f"{self.prompt}\n{self.statement}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Typed(Card):
    answer: str
    accept: tuple[str, ...] = ()
    case_sensitive: bool = False
    accent_sensitive: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Numeric(Card):
    answer: float
    answer_text: str  # as the teacher wrote it, e.g. "1.10"
    tolerance: float = 0.0
    tolerance_percent: bool = False
    unit: str = ""

    def bounds(self) -> tuple[float, float]:
        slack = (
            abs(self.answer) * self.tolerance / 100 if self.tolerance_percent else self.tolerance
        )
        return self.answer - slack, self.answer + slack


@dataclass(frozen=True, slots=True, kw_only=True)
class Order(Card):
    items: tuple[str, ...]  # in their correct order

    def searchable_text(self) -> str:
        return "\n".join([self.prompt, *self.items])


@dataclass(frozen=True, slots=True)
class Item:
    """One schedulable thing: a card, one gap of a cloze card, or the reverse side of a flashcard."""

    deck_id: str
    card: Card
    sub: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.deck_id, self.card.id, self.sub)

    @property
    def gap_index(self) -> int | None:
        """0-based gap for cloze items, else None."""
        return int(self.sub[1:]) - 1 if self.sub.startswith("c") else None


@dataclass(frozen=True, slots=True)
class ItemIndex:
    """A deck's items as the store spells their keys, for finding the unstudied ones with set
    lookups alone (kdquiz.core.queue) instead of asking every card for its items.

    `plain[n]` is 1 when card n is exactly one item with sub-key "" (its key is its id); the items
    of every other card are listed in deck order: `keys[j]` (the id, then "\x1f" and the sub-key
    unless that is "") belongs to card `cards[j]`. Plain values only, so the deck cache keeps it.
    """

    plain: bytes
    keys: tuple[str, ...]
    cards: tuple[int, ...]

    @classmethod
    def of(cls, cards: Sequence[Card]) -> ItemIndex:
        plain = bytearray(len(cards))
        keys: list[str] = []
        owners: list[int] = []
        for n, card in enumerate(cards):
            subs = card.subkeys()
            if subs == ("",):
                plain[n] = 1
                continue
            card_id = card.id
            keys.extend(card_id + "\x1f" + sub if sub else card_id for sub in subs)
            owners.extend([n] * len(subs))
        return cls(bytes(plain), tuple(keys), tuple(owners))


@dataclass(frozen=True, slots=True)
class Deck:
    id: str
    title: str
    cards: tuple[Card, ...]
    description: str = ""
    author: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    path: str = ""
    format: int = 1
    _by_id: dict[str, Card] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.cards})

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

    def item_index(self) -> ItemIndex:
        """See ItemIndex; built on each call here (a pass over every card): callers keep it."""
        return ItemIndex.of(self.cards)

    def item_count(self, tag: str = "") -> int:
        """Items of the deck, or of its cards tagged `tag` (the deck's own tags not considered)."""
        return sum(len(c.subkeys()) for c in self.cards if not tag or tag in c.tags)

    def card_tags(self) -> dict[str, int]:
        """Every tag of a card, with the number of items of the cards that have it."""
        counts: dict[str, int] = {}
        for card in self.cards:
            if card.tags:
                items = len(card.subkeys())
                for tag in card.tags:
                    counts[tag] = counts.get(tag, 0) + items
        return counts


# The slots of Deck's own fields, which LazyDeck fills behind its properties.
_CARDS_SLOT = Deck.__dict__["cards"]
_BY_ID_SLOT = Deck.__dict__["_by_id"]


class LazyDeck(Deck):
    """A deck whose cards are read only when first used; its title, tags and item counts are known
    from the start, which is all the home screen shows. A big deck's cards then cost nothing
    before the first paint, only when a session (or a count) needs them.

    It equals, and hashes like, the Deck with the same fields; `dataclasses.replace` on it gives a
    deck with the cards given. Loading is thread-safe: the home screen counts in a worker thread.
    """

    __slots__ = ("_load", "_items", "_tag_items", "_lock", "_index")
    _load: Callable[[], tuple[tuple[Card, ...], ItemIndex | None]] | None
    _index: ItemIndex | None
    _items: int
    _tag_items: dict[str, int]
    _lock: Lock

    @classmethod
    def create(
        cls,
        load: Callable[[], tuple[tuple[Card, ...], ItemIndex | None]],
        items: int,
        tag_items: dict[str, int],
        **fields: Any,
    ) -> LazyDeck:
        deck = object.__new__(cls)
        for name, value in fields.items():
            Deck.__dict__[name].__set__(deck, value)
        _BY_ID_SLOT.__set__(deck, {})
        set_slot = object.__setattr__
        set_slot(deck, "_load", load)
        set_slot(deck, "_items", items)
        set_slot(deck, "_tag_items", tag_items)
        set_slot(deck, "_lock", Lock())
        set_slot(deck, "_index", None)
        return deck

    @property
    def loaded(self) -> bool:
        try:
            _CARDS_SLOT.__get__(self, Deck)
        except AttributeError:
            return False
        return True

    @property
    def cards(self) -> tuple[Card, ...]:
        try:
            return _CARDS_SLOT.__get__(self, Deck)
        except AttributeError:
            pass
        with self._lock:
            if not self.loaded:
                assert self._load is not None
                cards, index = self._load()
                object.__setattr__(self, "_index", index)
                _BY_ID_SLOT.__get__(self, Deck).update({c.id: c for c in cards})
                _CARDS_SLOT.__set__(self, cards)
                object.__setattr__(self, "_load", None)  # let go of the cached bytes
        return _CARDS_SLOT.__get__(self, Deck)

    @cards.setter
    def cards(self, value: tuple[Card, ...]) -> None:  # Deck.__init__, for dataclasses.replace
        _CARDS_SLOT.__set__(self, value)

    @property
    def _by_id(self) -> dict[str, Card]:
        self.cards  # noqa: B018 - loads them, and fills the index
        return _BY_ID_SLOT.__get__(self, Deck)

    @_by_id.setter
    def _by_id(self, value: dict[str, Card]) -> None:
        _BY_ID_SLOT.__set__(self, value)

    def item_index(self) -> ItemIndex:
        """The index read from the deck cache with the cards (no pass over them), if it had one."""
        self.cards  # noqa: B018 - loads them, and the index with them
        index = getattr(self, "_index", None)  # unset on a copy made by dataclasses.replace
        return index if index is not None else super().item_index()

    def item_count(self, tag: str = "") -> int:
        if self.loaded:
            return super().item_count(tag)
        return self._tag_items.get(tag, 0) if tag else self._items

    def card_tags(self) -> dict[str, int]:
        return super().card_tags() if self.loaded else dict(self._tag_items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deck):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in _COMPARED)

    __hash__ = Deck.__hash__


_COMPARED = tuple(f for f in fields(Deck) if f.compare)
