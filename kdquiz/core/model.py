"""Decks, cards and the items the scheduler sees: frozen dataclasses, no behaviour that needs I/O.

A *card* is what a teacher writes. An *item* is what gets scheduled: most cards are one item, a
cloze card is one item per gap (Anki's c1, c2 ...) and a flashcard with `reverse: true` is two.
Progress is keyed by (deck id, card id, item sub-key), so it survives reordering and edits.
The card classes are in `kdquiz.core.cards` and can be imported from here too. What each kind
means (reading, grading, formats) lives in its module in `kdquiz.core.kinds`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, fields
from threading import Lock
from typing import TYPE_CHECKING, Any, Protocol

from kdquiz.core.kind import Kind as Kind

if TYPE_CHECKING:  # the same names for the type checker; at run time, `__getattr__` below
    from kdquiz.core.cards import (  # noqa: F401 - offered from here
        CLOZE_GAP,
        Card,
        Choice,
        Cloze,
        Flashcard,
        Gap,
        MultipleChoice,
        MultiSelect,
        Numeric,
        Order,
        SourceRef,
        TrueFalse,
        Typed,
        parse_gaps,
        render_cloze,
    )

#: Names defined in kdquiz.core.cards and read from here; imported on first use (see there why).
_CARD_NAMES = frozenset(
    (
        "SourceRef",
        "Choice",
        "Gap",
        "CLOZE_GAP",
        "parse_gaps",
        "render_cloze",
        "Card",
        "Flashcard",
        "Cloze",
        "MultipleChoice",
        "MultiSelect",
        "TrueFalse",
        "Typed",
        "Numeric",
        "Order",
    )
)

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in ("Card", "SourceRef"):  # without the kinds' classes: the store names only Card
            from kdquiz.core import card_base

            return getattr(card_base, name)
        if name in _CARD_NAMES:
            from kdquiz.core import cards

            return getattr(cards, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def field_names(cls: type) -> tuple[str, ...]:
    """A record's field names in order (the deck cache writes its rows in this order)."""
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Source:
    """A document a deck was written from."""

    id: str
    title: str
    author: str = ""
    url: str = ""


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

    `plain[n]` is 1 when card n is exactly one item with sub-key "" (its key is its id), and
    `plain_at` lists those n; the items of every other card are listed in deck order: `keys[j]`
    (the id, then "\x1f" and the sub-key unless that is "") belongs to card `owners[j]`. The
    numbers are kept packed (unsigned 32-bit, this machine's order) so that the deck cache stores
    them as they are and reading them back creates no objects.
    """

    plain: bytes
    packed_plain_at: bytes
    keys: tuple[str, ...]
    packed_owners: bytes

    @property
    def plain_at(self) -> Sequence[int]:
        return memoryview(self.packed_plain_at).cast("I")

    @property
    def owners(self) -> Sequence[int]:
        return memoryview(self.packed_owners).cast("I")

    @classmethod
    def of(cls, cards: Sequence[Card]) -> ItemIndex:
        from array import array

        plain = bytearray(len(cards))
        plain_at, owners = array("I"), array("I")
        keys: list[str] = []
        for n, card in enumerate(cards):
            subs = card.subkeys()
            if subs == ("",):
                plain[n] = 1
                plain_at.append(n)
                continue
            card_id = card.id
            keys.extend(card_id + "\x1f" + sub if sub else card_id for sub in subs)
            owners.extend([n] * len(subs))
        return cls(bytes(plain), plain_at.tobytes(), tuple(keys), owners.tobytes())


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

    def card_ids(self) -> Collection[str]:
        """The cards' ids in deck order."""
        by_id = self._by_id  # lists the cards in order unless ids repeat: no card is touched
        return by_id.keys() if len(by_id) == len(self.cards) else [c.id for c in self.cards]

    def card_count(self) -> int:
        return len(self.cards)

    def card_kinds(self) -> Sequence[Kind]:
        """Each card's kind, in deck order (beside `card_ids`)."""
        return [card.kind for card in self.cards]

    def content_key(self) -> str | None:
        """What names this deck's cards, in order, across processes (the deck cache's digest of
        its file), or None where that is not known."""
        return None

    def card_at(self, n: int) -> Card:
        """The card at position `n` of the deck."""
        return self.cards[n]

    def cards_between(self, start: int, end: int) -> Sequence[Card]:
        """The cards at positions `start` to `end` (excluded)."""
        return self.cards[start:end]

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


class CardSource(Protocol):
    """Where a LazyDeck's cards come from (the deck cache): any one card without the others, or
    all of them. A source that cannot read its entry any more reads the deck file instead, so
    these never fail for a deck that loaded."""

    def ids(self) -> Sequence[str]: ...
    def index(self) -> ItemIndex: ...
    def kinds(self) -> Sequence[Kind]: ...
    def card(self, card_id: str) -> Card | None: ...
    def card_at(self, n: int) -> Card: ...
    def cards_between(self, start: int, end: int) -> Sequence[Card]: ...
    def all(self) -> tuple[tuple[Card, ...], ItemIndex | None]: ...


class LazyDeck(Deck):
    """A deck whose cards are read only when used; its title, tags and item counts are known
    from the start, which is all the home screen shows. A big deck's cards then cost nothing
    before the first paint, and the first queue builds only the cards it holds (`card`,
    `card_at`, `card_ids` and `item_index` read no other card); `cards` reads them all.

    It equals, and hashes like, the Deck with the same fields; `dataclasses.replace` on it gives a
    deck with the cards given. Loading is thread-safe: the home screen counts in a worker thread.
    """

    __slots__ = ("_source", "_items", "_tag_items", "_lock", "_index", "_content")
    _source: CardSource | None
    _index: ItemIndex | None
    _items: int
    _tag_items: dict[str, int]
    _lock: Lock
    _content: str | None

    @classmethod
    def create(
        cls,
        source: CardSource,
        items: int,
        tag_items: dict[str, int],
        content: str | None = None,
        **fields: Any,
    ) -> LazyDeck:
        deck = object.__new__(cls)
        for name, value in fields.items():
            Deck.__dict__[name].__set__(deck, value)
        _BY_ID_SLOT.__set__(deck, {})
        set_slot = object.__setattr__
        set_slot(deck, "_source", source)
        set_slot(deck, "_items", items)
        set_slot(deck, "_tag_items", tag_items)
        set_slot(deck, "_lock", Lock())
        set_slot(deck, "_index", None)
        set_slot(deck, "_content", content)
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
                assert self._source is not None
                cards, index = self._source.all()
                object.__setattr__(self, "_index", index)
                _BY_ID_SLOT.__get__(self, Deck).update({c.id: c for c in cards})
                _CARDS_SLOT.__set__(self, cards)
                object.__setattr__(self, "_source", None)  # needed no more (nor its file)
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

    def _unread(self) -> CardSource | None:
        """The source, while the cards are not all read (never on a copy: it has its cards)."""
        source: CardSource | None = getattr(self, "_source", None)
        return None if source is None or self.loaded else source

    # Once the cards are read (or on a copy), straight from Deck's own slots: the queue asks for
    # cards one by one.

    def card(self, card_id: str) -> Card | None:
        source = self._unread()
        if source is None:
            return _BY_ID_SLOT.__get__(self, Deck).get(card_id)
        return source.card(card_id)

    def card_at(self, n: int) -> Card:
        source = self._unread()
        return _CARDS_SLOT.__get__(self, Deck)[n] if source is None else source.card_at(n)

    def cards_between(self, start: int, end: int) -> Sequence[Card]:
        source = self._unread()
        if source is None:
            return _CARDS_SLOT.__get__(self, Deck)[start:end]
        return source.cards_between(start, end)

    def card_ids(self) -> Collection[str]:
        source = self._unread()
        return super().card_ids() if source is None else source.ids()

    def card_count(self) -> int:
        source = self._unread()
        return super().card_count() if source is None else len(source.ids())

    def content_key(self) -> str | None:
        """The deck cache's name for the content it was read from (none on a copy)."""
        return getattr(self, "_content", None)

    def card_kinds(self) -> Sequence[Kind]:
        """Read from the deck cache (no card built) while the cards are not all read."""
        source = self._unread()
        return super().card_kinds() if source is None else source.kinds()

    def item_index(self) -> ItemIndex:
        """The index read from the deck cache (no pass over the cards), if it had one."""
        source = self._unread()
        if source is not None:
            return source.index()
        index = getattr(self, "_index", None)  # unset on a copy made by dataclasses.replace
        return index if index is not None else super().item_index()

    # The counts read with the deck hold for its cards, loaded or not; a copy made by
    # dataclasses.replace (other cards) has none and counts its own.

    def item_count(self, tag: str = "") -> int:
        tag_items: dict[str, int] | None = getattr(self, "_tag_items", None)
        if tag_items is None:
            return super().item_count(tag)
        return tag_items.get(tag, 0) if tag else self._items

    def card_tags(self) -> dict[str, int]:
        tag_items: dict[str, int] | None = getattr(self, "_tag_items", None)
        return super().card_tags() if tag_items is None else dict(tag_items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Deck):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in _COMPARED)

    __hash__ = Deck.__hash__


_COMPARED = tuple(f for f in fields(Deck) if f.compare)
