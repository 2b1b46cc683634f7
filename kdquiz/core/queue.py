"""The daily queue, as Anki builds it: due reviews, then learning cards as they fall due, then new.

A study day runs from the rollover hour (default 04:00) in the learner's time zone to the same
hour on the next calendar day, so it is 23 or 25 hours long across a daylight-saving change and
follows the learner when their time zone changes. Daily limits count the review-mode answers
logged since the day started. Siblings (the gaps of one cloze card, a flashcard's two directions)
are buried for the day once one of them has been answered or queued, unless `bury_siblings` is off.
Cards the learner suspended, or buried for the day, are left out (see `store.marks`).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from fsrs import State

from kdquiz.core.model import Deck, Item, ItemIndex
from kdquiz.core.store import item_key

if TYPE_CHECKING:
    from kdquiz.core.settings import DeckSettings, Settings
    from kdquiz.core.store import ProgressStore

_K = TypeVar("_K")

#: Learning cards due this soon are shown early when nothing else is left (Anki's learn-ahead limit).
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class StudyDay:
    """[start, end) in UTC."""

    start: datetime
    end: datetime


def study_date(now: datetime, tz: tzinfo, rollover_hour: int) -> date:
    """The calendar date that names the study day containing `now` (a bury lasts through it)."""
    local = now.astimezone(tz)
    return local.date() - timedelta(days=1 if local.hour < rollover_hour else 0)


def study_day(now: datetime, tz: tzinfo, rollover_hour: int) -> StudyDay:
    """The local study day containing `now` (aware datetimes in `tz`)."""
    day = study_date(now, tz, rollover_hour)
    return StudyDay(_at(day, rollover_hour, tz), _at(day + timedelta(days=1), rollover_hour, tz))


def _at(day: date, hour: int, tz: tzinfo) -> datetime:
    # In UTC: Python compares and subtracts datetimes sharing one tzinfo by wall time, which is
    # wrong across a DST change; UTC instants are unambiguous.
    return datetime.combine(day, time(hour), tz).astimezone(UTC)


@dataclass(frozen=True)
class QueueCounts:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class DeckCounts:
    """For the home screen: new items available today, items due today, items ever studied."""

    new: int
    due: int
    learned: int


@dataclass
class DailyQueue:
    """Today's remaining work. Lists are in the order items will be shown.

    Change the lists through the methods only: two small counts kept beside them (items of each
    card waiting in `reviews` and `new`, each key waiting in `learning`) let an answer skip
    scanning lists that hold tens of thousands of items at 100,000 cards when nothing in them
    is its own or its siblings'."""

    ends: datetime
    reviews: list[Item] = field(default_factory=list)
    learning: list[tuple[datetime, Item]] = field(default_factory=list)  # sorted by due
    new: list[Item] = field(default_factory=list)
    bury: dict[str, bool] = field(default_factory=dict)  # deck id -> bury siblings
    _cards: dict[tuple[str, str], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _learning_keys: dict[tuple[str, str, str], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._cards = dict(Counter((it.deck_id, it.card.id) for it in (*self.reviews, *self.new)))
        self._count_learning()

    def _count_learning(self) -> None:
        self._learning_keys = dict(Counter(it.key for _, it in self.learning))

    def counts(self) -> QueueCounts:
        return QueueCounts(len(self.new), len(self.learning), len(self.reviews))

    def waiting_learning(self, now: datetime) -> int:
        """Learning items due by `now`."""
        return bisect_right(self.learning, now, key=itemgetter(0))

    def copy(self) -> DailyQueue:
        # Field by field, counts copied: the constructor would count the lists again (an undo
        # snapshot is taken at every answer).
        other = DailyQueue.__new__(DailyQueue)
        other.ends, other.bury = self.ends, self.bury
        other.reviews, other.learning, other.new = (
            list(self.reviews),
            list(self.learning),
            list(self.new),
        )
        other._cards, other._learning_keys = dict(self._cards), dict(self._learning_keys)
        return other

    def pop(self, now: datetime) -> tuple[Item, str] | None:
        """The next item and which list it came from ("learning", "review", "new")."""
        if self.learning and self.learning[0][0] <= now:
            return self._pop_learning(), "learning"
        if self.reviews:
            return self._uncount(self.reviews.pop(0)), "review"
        if self.new:
            return self._uncount(self.new.pop(0)), "new"
        if self.learning and self.learning[0][0] <= now + LEARN_AHEAD:
            return self._pop_learning(), "learning"
        return None

    def _pop_learning(self) -> Item:
        item = self.learning.pop(0)[1]
        _take_one(self._learning_keys, item.key)
        return item

    def _uncount(self, item: Item) -> Item:
        _take_one(self._cards, (item.deck_id, item.card.id))
        return item

    def hold(self, deck_id: str, card_id: str) -> None:
        """Leave out every item of a card the learner suspended or buried during the session."""
        self._drop(deck_id, card_id, learning=True)

    def _drop(self, deck_id: str, card_id: str, *, learning: bool) -> None:
        card = (deck_id, card_id)
        if card in self._cards:
            self.reviews = [i for i in self.reviews if (i.deck_id, i.card.id) != card]
            self.new = [i for i in self.new if (i.deck_id, i.card.id) != card]
            del self._cards[card]
        if learning:
            kept = [(d, i) for d, i in self.learning if (i.deck_id, i.card.id) != card]
            if len(kept) != len(self.learning):
                self.learning = kept
                self._count_learning()

    def next_learning_due(self) -> datetime | None:
        return self.learning[0][0] if self.learning else None

    def answered(self, item: Item, state: State, due: datetime) -> None:
        """Update after an answer: learning items come back today; siblings are buried."""
        key = item.key
        if key in self._learning_keys:
            self.learning = [(d, i) for d, i in self.learning if i.key != key]
            del self._learning_keys[key]
        if self.bury.get(item.deck_id, True):
            self._drop(item.deck_id, item.card.id, learning=False)
        if state in (State.Learning, State.Relearning) and due < self.ends:
            self.learning.insert(bisect_right(self.learning, due, key=itemgetter(0)), (due, item))
            self._learning_keys[key] = self._learning_keys.get(key, 0) + 1


def _take_one(counts: dict[_K, int], key: _K) -> None:
    left = counts[key] - 1
    if left:
        counts[key] = left
    else:
        del counts[key]


@dataclass
class _DeckQueue:
    reviews: list[tuple[float, Item]]
    learning: list[tuple[datetime, Item]]
    new: list[Item]
    day: StudyDay


def _deck_queue(
    store: ProgressStore,
    deck: Deck,
    ds: DeckSettings,
    now: datetime,
    tz: tzinfo,
    extra_new: int = 0,
) -> _DeckQueue:
    day = study_day(now, tz, ds.rollover_hour)
    answered = store.answered_since(deck.id, day.start)
    new_today = ds.new_per_day + extra_new
    new_left = max(0, new_today - sum(1 for _, _, before in answered if before is None))
    reviews_left = max(
        0, ds.reviews_per_day - sum(1 for _, _, before in answered if before == State.Review)
    )
    buried: set[str] = {card for card, _, _ in answered} if ds.bury_siblings else set()
    # Suspended cards and those the learner buried today are left out of every list.
    today = study_date(now, tz, ds.rollover_hour).toordinal()
    held = store.held_cards(deck.id, today)
    buried |= held

    def item(card_id: str, sub: str) -> Item | None:
        card = deck.card(card_id)
        return Item(deck.id, card, sub) if card is not None and sub in card.subkeys() else None

    learning = [
        (due, it)
        for due, card_id, sub in store.learning(deck.id, day.end)
        if card_id not in held and (it := item(card_id, sub)) is not None
    ]
    reviews: list[tuple[float, Item]] = []
    if reviews_left:
        for card_id, sub, overdue in store.due_reviews(
            deck.id, day.end, now, reviews_left * 2 + 16, held_day=today
        ):
            found = item(card_id, sub)
            if found is None or card_id in buried:
                continue
            reviews.append((overdue, found))
            if ds.bury_siblings:
                buried.add(card_id)
            if len(reviews) == reviews_left:
                break
    new = _new_items(store, deck, new_left, buried, ds.bury_siblings) if new_left else []
    return _DeckQueue(reviews, learning, new, day)


#: Cards whose states one query fetches when looking for new items: few at first (in a deck
#: learned at random the next new item is near), doubling while a long run of the deck is known.
_FIRST_BATCH = 64
_MAX_BATCH = 4096
#: After this many cards without finding enough new items, reading every state of the deck at once
#: is cheaper than looking them up card by card ...
_WALK_LIMIT = 8192
#: ... and already after this many known cards in a row from the walk's start: the deck is being
#: learned in order (the commonest pattern), so the new items lie after everything studied.
_KNOWN_RUN = 256


def _new_items(
    store: ProgressStore, deck: Deck, wanted: int, buried: set[str], bury: bool
) -> list[Item]:
    """The first `wanted` items of the deck without a state, in deck order, skipping buried cards.

    Cards are looked up in growing batches (indexed), so only the deck up to the last item taken is
    looked at, not every state of it; where the walk met its first unstudied item is remembered,
    and the next walk over this deck object starts there while no item can have lost its state.
    """
    cache = _cache(deck)
    token = store.known_token()
    count = deck.card_count()
    content = deck.content_key()
    if cache.frontier[0] == token:
        start = cache.frontier[1]
    else:  # the store's, for a deck it knows by content: a new process starts where the last left
        saved = store.saved_frontier(deck.id, content) if content is not None else None
        start = saved if saved is not None and saved <= count else 0
    position = start
    frontier: int | None = None
    new: list[Item] = []
    size = _FIRST_BATCH
    while position < count and len(new) < wanted:
        walked = position - start
        if walked >= _WALK_LIMIT or (frontier is None and walked >= _KNOWN_RUN):
            found = _unstudied_after(store, deck, position)
            position = count
        else:
            batch = deck.cards_between(position, position + size)
            known = store.known_items(deck.id, [card.id for card in batch])
            found = (
                (n, sub)
                for n, card in enumerate(batch, position)
                for sub in card.subkeys()
                if item_key(card.id, sub) not in known
            )
            position += len(batch)
            size = min(size * 2, _MAX_BATCH)
        for n, sub in found:
            if frontier is None:
                frontier = n
            card = deck.card_at(n)
            if card.id in buried:
                continue
            new.append(Item(deck.id, card, sub))
            if bury:
                buried.add(card.id)
            if len(new) == wanted:
                break
    # one assignment, so no thread ever pairs another walk's position with this token
    cache.frontier = (token, position if frontier is None else frontier)
    if content is not None and cache.frontier[1] != start:
        store.keep_frontier(deck.id, content, cache.frontier[1], token)
    return new


def _unstudied_after(store: ProgressStore, deck: Deck, position: int) -> Iterator[tuple[int, str]]:
    """(position in the deck, sub) of every item from `position` on without a state, in deck order.

    Reads the deck's states in one query (`state_keys`: a plain item's state is its card id as is)
    and looks the items up in C, through the deck's item index (`ItemIndex`): the cards that are
    one plain item by their ids, every other item by its key. A run of items the states hold whole
    (the bulk of a deck learned in order) is passed over by one `set.issuperset`; only the runs
    with an unstudied item are looked at item by item.
    """
    keys = set(store.state_keys(deck.id))
    plain_ids, index = _cache(deck).lookups()
    plain_at, owners, item_keys = index.plain_at, index.owners, index.keys
    yield from heapq.merge(
        ((plain_at[j], "") for j in _missing(keys, plain_ids, bisect_left(plain_at, position))),
        (
            (owners[j], item_keys[j].partition("\x1f")[2])
            for j in _missing(keys, item_keys, bisect_left(owners, position))
        ),
        key=itemgetter(0),
    )


#: Items `_missing` checks at once: a run that is all studied costs one call.
_RUN = 2048


def _missing(keys: set[str], names: Sequence[str], start: int) -> Iterator[int]:
    """Every index from `start` on of a name that `keys` lacks, in order, a run at a time."""
    for at in range(start, len(names), _RUN):
        run = names[at : at + _RUN]
        if keys.issuperset(run):
            continue
        flags = bytes(map(keys.__contains__, run))  # one byte per name: found in C
        found = flags.find(0)
        while found >= 0:
            yield at + found
            found = flags.find(0, found + 1)


@dataclass
class _DeckCache:
    """What the queue remembers about one deck object (decks are immutable)."""

    deck: Deck  # kept so that its id() cannot be reused while the entry lives
    #: (store.known_token(), n): every item of deck.cards[:n] had a state when the token was read
    frontier: tuple[object, int] = (None, 0)
    #: (store.added_since mark, n): n states of the deck's id were no item of this deck at the mark
    strays: tuple[object, int] = (None, 0)
    #: (ids of the cards that are one plain item, in deck order; the item index)
    found: tuple[list[str], ItemIndex] | None = None

    def lookups(self) -> tuple[list[str], ItemIndex]:
        """What `_unstudied_after` looks items up by, made once per deck object (all in C, and
        without reading the cards of a deck that is read lazily)."""
        if self.found is None:
            index = self.deck.item_index()
            self.found = (list(compress(self.deck.card_ids(), index.plain)), index)
        return self.found


#: By id(deck), for recently used decks.
_KEYS_CACHE: dict[int, _DeckCache] = {}
_KEYS_CACHE_SIZE = 32


def _cache(deck: Deck) -> _DeckCache:
    cached = _KEYS_CACHE.get(id(deck))
    if cached is None or cached.deck is not deck:
        if len(_KEYS_CACHE) >= _KEYS_CACHE_SIZE:
            _KEYS_CACHE.pop(next(iter(_KEYS_CACHE)))
        cached = _KEYS_CACHE[id(deck)] = _DeckCache(deck)
    return cached


def _learned(store: ProgressStore, deck: Deck) -> int:
    """Items of the deck that have a state (states of cards or gaps no longer in the deck excluded).

    Counted in SQL, less the "strays" (states that are no item of this deck object). Strays are found
    by one pass over the deck's states the first time, then kept current from the items this
    connection gave a first state since, so a recount is one indexed COUNT: no per-item string is
    built or kept.
    """
    cache = _cache(deck)
    with store.reading():  # no own write between the count and the mark
        count = store.count_states(deck.id) if cache.strays[0] is not None else 0
        mark, added = store.added_since(cache.strays[0])  # read after the count it vouches for
        if added is None:
            keys = store.state_keys(deck.id)  # read after the mark, so a later commit shows in it
            count, strays = len(keys), _strays(deck, keys)
        else:
            strays = cache.strays[1] + sum(
                1 for key in added if key[0] == deck.id and not _is_item(deck, key[1], key[2])
            )
        cache.strays = (mark, strays)
    return count - strays


def _is_item(deck: Deck, card_id: str, sub: str) -> bool:
    card = deck.card(card_id)
    return card is not None and sub in card.subkeys()


def _strays(deck: Deck, keys: list[str]) -> int:
    """How many of the states `keys` (as `ProgressStore.state_keys` gives them) are no item of `deck`.

    The deck's items, spelled as those keys, come from its item index: no card is read or asked
    for its items. Nothing built here outlives the call but strings and one set: thousands of kept
    containers would start a garbage collection over a freshly loaded deck in the middle of it.
    """
    plain_ids, index = _cache(deck).lookups()
    items = set(plain_ids)
    items.update(index.keys)
    return len(keys) - len(items.intersection(keys))


def build_queue(
    store: ProgressStore,
    decks: Sequence[Deck],
    settings: Settings,
    now: datetime,
    tz: tzinfo | None = None,
    *,
    extra_new: int = 0,
) -> DailyQueue:
    """Today's queue over `decks`: reviews by lowest retrievability, new cards in deck order.
    `extra_new` raises today's new-card limit of each deck (custom study)."""
    zone = tz or settings.zone()
    parts = [
        (deck, _deck_queue(store, deck, settings.for_deck(deck.id), now, zone, extra_new))
        for deck in decks
    ]
    if not parts:
        return DailyQueue(study_day(now, zone, settings.defaults.rollover_hour).end)
    reviews = [entry for _, part in parts for entry in part.reviews]
    reviews.sort(key=lambda entry: -entry[0])
    learning = list(heapq.merge(*(part.learning for _, part in parts), key=lambda entry: entry[0]))
    return DailyQueue(
        ends=min(part.day.end for _, part in parts),
        reviews=[it for _, it in reviews],
        learning=learning,
        new=[it for _, part in parts for it in part.new],
        bury={deck.id: settings.for_deck(deck.id).bury_siblings for deck, _ in parts},
    )


def deck_counts(
    store: ProgressStore, deck: Deck, now: datetime, settings: Settings, tz: tzinfo | None = None
) -> DeckCounts:
    part = _deck_queue(store, deck, settings.for_deck(deck.id), now, tz or settings.zone())
    return DeckCounts(
        new=len(part.new), due=len(part.reviews) + len(part.learning), learned=_learned(store, deck)
    )
