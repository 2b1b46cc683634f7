"""The daily queue, as Anki builds it: due reviews, then learning cards as they fall due, then new.

A study day runs from the rollover hour (default 04:00) in the learner's time zone to the same
hour on the next calendar day, so it is 23 or 25 hours long across a daylight-saving change and
follows the learner when their time zone changes. Daily limits count the review-mode answers
logged since the day started. Siblings (the gaps of one cloze card, a flashcard's two directions)
are buried for the day once one of them has been answered or queued, unless `bury_siblings` is off.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import filterfalse
from typing import TYPE_CHECKING

from fsrs import State

from kdquiz.core.model import Deck, Item
from kdquiz.core.store import item_key

if TYPE_CHECKING:
    from kdquiz.core.settings import DeckSettings, Settings
    from kdquiz.core.store import ProgressStore

#: Learning cards due this soon are shown early when nothing else is left (Anki's learn-ahead limit).
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class StudyDay:
    """[start, end) in UTC."""

    start: datetime
    end: datetime


def study_day(now: datetime, tz: tzinfo, rollover_hour: int) -> StudyDay:
    """The local study day containing `now` (aware datetimes in `tz`)."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=1 if local.hour < rollover_hour else 0)
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
    """Today's remaining work. Lists are in the order items will be shown."""

    ends: datetime
    reviews: list[Item] = field(default_factory=list)
    learning: list[tuple[datetime, Item]] = field(default_factory=list)  # sorted by due
    new: list[Item] = field(default_factory=list)
    bury: dict[str, bool] = field(default_factory=dict)  # deck id -> bury siblings

    def counts(self) -> QueueCounts:
        return QueueCounts(len(self.new), len(self.learning), len(self.reviews))

    def copy(self) -> DailyQueue:
        return DailyQueue(self.ends, list(self.reviews), list(self.learning), list(self.new),
                          self.bury)

    def pop(self, now: datetime) -> tuple[Item, str] | None:
        """The next item and which list it came from ("learning", "review", "new")."""
        if self.learning and self.learning[0][0] <= now:
            return self.learning.pop(0)[1], "learning"
        if self.reviews:
            return self.reviews.pop(0), "review"
        if self.new:
            return self.new.pop(0), "new"
        if self.learning and self.learning[0][0] <= now + LEARN_AHEAD:
            return self.learning.pop(0)[1], "learning"
        return None

    def next_learning_due(self) -> datetime | None:
        return self.learning[0][0] if self.learning else None

    def answered(self, item: Item, state: State, due: datetime) -> None:
        """Update after an answer: learning items come back today; siblings are buried."""
        self.learning = [(d, i) for d, i in self.learning if i.key != item.key]
        if self.bury.get(item.deck_id, True):
            same_card = (item.deck_id, item.card.id)
            self.reviews = [i for i in self.reviews if (i.deck_id, i.card.id) != same_card]
            self.new = [i for i in self.new if (i.deck_id, i.card.id) != same_card]
        if state in (State.Learning, State.Relearning) and due < self.ends:
            entry = (due, item)
            position = next((n for n, (d, _) in enumerate(self.learning) if d > due), len(self.learning))
            self.learning.insert(position, entry)


@dataclass
class _DeckQueue:
    reviews: list[tuple[float, Item]]
    learning: list[tuple[datetime, Item]]
    new: list[Item]
    learned: int
    day: StudyDay


def _deck_queue(store: ProgressStore, deck: Deck, ds: DeckSettings, now: datetime,
                tz: tzinfo) -> _DeckQueue:
    day = study_day(now, tz, ds.rollover_hour)
    answered = store.answered_since(deck.id, day.start)
    new_left = max(0, ds.new_per_day - sum(1 for _, _, before in answered if before is None))
    reviews_left = max(0, ds.reviews_per_day -
                       sum(1 for _, _, before in answered if before == State.Review))
    buried: set[str] = {card for card, _, _ in answered} if ds.bury_siblings else set()

    def item(card_id: str, sub: str) -> Item | None:
        card = deck.card(card_id)
        return Item(deck.id, card, sub) if card is not None and sub in card.subkeys() else None

    learning = [(due, it) for due, card_id, sub in store.learning(deck.id, day.end)
                if (it := item(card_id, sub)) is not None]
    reviews: list[tuple[float, Item]] = []
    if reviews_left:
        for card_id, sub, overdue in store.due_reviews(deck.id, day.end, now, reviews_left * 2 + 16):
            found = item(card_id, sub)
            if found is None or card_id in buried:
                continue
            reviews.append((overdue, found))
            if ds.bury_siblings:
                buried.add(card_id)
            if len(reviews) == reviews_left:
                break
    known = store.known_keys(deck.id)
    keys, items = _deck_keys(deck)
    learned = sum(map(known.__contains__, keys.ordered))  # C-level loop, no set built
    new: list[Item] = []
    if new_left:
        # filterfalse runs in C: it skips the (often long) run of already seen items quickly.
        for index in (keys.index[k] for k in filterfalse(known.__contains__, keys.ordered)):
            candidate = items(index)
            if candidate.card.id in buried:
                continue
            new.append(candidate)
            if ds.bury_siblings:
                buried.add(candidate.card.id)
            if len(new) == new_left:
                break
    return _DeckQueue(reviews, learning, new, learned, day)


@dataclass(frozen=True)
class _DeckKeys:
    ordered: list[str]  # item_key of every item, in deck order
    index: dict[str, int]  # item_key -> position in `ordered` and `subs`
    subs: list[tuple[int, str]]  # (card index, sub) by position


#: Item keys of recently used decks, by id(deck); the deck is kept so its id cannot be reused.
_KEYS_CACHE: dict[int, tuple[Deck, _DeckKeys]] = {}
_KEYS_CACHE_SIZE = 32


def _deck_keys(deck: Deck) -> tuple[_DeckKeys, Callable[[int], Item]]:
    """A deck's item keys, computed once per deck object (decks are immutable)."""
    cached = _KEYS_CACHE.get(id(deck))
    if cached is None or cached[0] is not deck:
        subs = [(n, sub) for n, card in enumerate(deck.cards) for sub in card.subkeys()]
        ordered = [item_key(deck.cards[n].id, sub) for n, sub in subs]
        keys = _DeckKeys(ordered, {k: i for i, k in enumerate(ordered)}, subs)
        if len(_KEYS_CACHE) >= _KEYS_CACHE_SIZE:
            _KEYS_CACHE.pop(next(iter(_KEYS_CACHE)))
        cached = _KEYS_CACHE[id(deck)] = (deck, keys)
    keys = cached[1]

    def item(position: int) -> Item:
        card_index, sub = keys.subs[position]
        return Item(deck.id, deck.cards[card_index], sub)

    return keys, item


def build_queue(store: ProgressStore, decks: Sequence[Deck], settings: Settings, now: datetime,
                tz: tzinfo | None = None) -> DailyQueue:
    """Today's queue over `decks`: reviews by lowest retrievability, new cards in deck order."""
    zone = tz or settings.zone()
    parts = [(deck, _deck_queue(store, deck, settings.for_deck(deck.id), now, zone)) for deck in decks]
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


def deck_counts(store: ProgressStore, deck: Deck, now: datetime, settings: Settings,
                tz: tzinfo | None = None) -> DeckCounts:
    part = _deck_queue(store, deck, settings.for_deck(deck.id), now, tz or settings.zone())
    due_today = sum(1 for _ in part.learning)
    return DeckCounts(new=len(part.new), due=len(part.reviews) + due_today, learned=part.learned)
