"""A study session: review (today's FSRS queue) or practice (shuffled, never changes the schedule).

The UI asks `next_item()`, shows it, calls `grade()` (checked kinds) or `previews()` (flashcards),
lets the learner accept or override the rating, and calls `commit()`, which writes the answer in
one durable transaction before it returns. `undo()` takes back the last answers, newest first.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING

from fsrs import Rating

from kdquiz.core import grading
from kdquiz.core import rating as rating_rules
from kdquiz.core.model import Card, Deck, Item
from kdquiz.core.queue import DailyQueue, QueueCounts, build_queue, study_date, study_day
from kdquiz.core.scheduling import ItemState, Key, Schedulers
from kdquiz.core.store import text_hash

if TYPE_CHECKING:
    from kdquiz.core.grading import Outcome
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import Clock, ProgressStore

#: Builds a review's queue at a time (today's, or a custom study's).
QueueBuilder = Callable[[datetime], DailyQueue]

UNDO_DEPTH = 20
PRACTICE_RETRY_GAP = 3  # a missed practice item comes back after this many others


class Mode(StrEnum):
    REVIEW = "review"
    PRACTICE = "practice"
    QUIZ = "quiz"


@dataclass(frozen=True)
class Graded:
    outcome: Outcome
    suggested: Rating
    previews: dict[Rating, timedelta]


@dataclass(frozen=True)
class Committed:
    item: Item
    rating: int
    due: datetime | None  # None in practice
    interval: timedelta | None


@dataclass(frozen=True)
class SessionSummary:
    cards: int
    correct: int
    accuracy: float  # 0.0..1.0; 0.0 when nothing was answered
    seconds: float  # time spent answering (sum of response times)
    due_tomorrow: int  # items falling due during the next study day (review mode; 0 in practice)
    #: Items still waiting when the summary was taken (the one on screen included): more than 0
    #: means the learner stopped before the session was done.
    left: int = 0


@dataclass(frozen=True)
class _Undo:
    item: Item
    kind: str  # which list it came from: "new", "learning", "review" or "practice"
    log_id: int
    before: ItemState | None
    after: ItemState | None
    queue: DailyQueue | None
    practice: list[Item]
    stats: tuple[int, int, int]
    #: A batch of mark changes (suspend, bury, flag) to take back instead of an answer.
    marks: int = 0


class StudySession:
    """Review (the FSRS daily queue) or practice (shuffled, never changes the schedule).

    Additions to the agreed interface: `tz` (defaults to the settings' zone), `current`,
    `next_learning_due` and `pace`.
    """

    def __init__(
        self,
        *,
        store: ProgressStore,
        settings: Settings,
        decks: Sequence[Deck],
        mode: Mode,
        clock: Clock,
        rng: random.Random,
        fuzz: bool = True,
        tz: tzinfo | None = None,
        queue: QueueBuilder | None = None,
        items: Sequence[Item] | None = None,
    ) -> None:
        """`queue` builds a review's queue at a time instead of today's (custom study: ahead,
        extra new cards); `items` are what a practice shows instead of every item of `decks`."""
        if mode == Mode.QUIZ:
            raise ValueError("quiz rounds are run by kdquiz.core.game.QuizRound, not StudySession")
        self.store = store
        self.settings = settings
        self.decks = tuple(decks)
        self.mode = mode
        self.clock = clock
        self.rng = rng
        self.tz = tz or settings.zone()
        self._schedulers = Schedulers(settings, fuzz=fuzz, rng=rng)
        self._undo: deque[_Undo] = deque(maxlen=UNDO_DEPTH)
        self._current: tuple[Item, str] | None = None
        #: The card last handed out and its fingerprint (`text_hash`), worked out as it was shown.
        self._fingerprint: tuple[Card, str] | None = None
        self._cards = self._correct = self._ms = 0
        self._queue: DailyQueue | None = None
        self._practice: list[Item] = []
        self._build: QueueBuilder = queue or (
            lambda now: build_queue(self.store, self.decks, self.settings, now, self.tz)
        )
        if mode == Mode.REVIEW:
            self._queue = self._build(clock())
        else:
            found = items if items is not None else (i for deck in self.decks for i in deck.items())
            self._practice = list(found)
            rng.shuffle(self._practice)
        self.pace = rating_rules.learner_pace(self._known_items(store.recent_correct()))

    def _known_items(self, answers: list[tuple[Key, int]]) -> list[tuple[Item, int]]:
        """Recent answers whose items are in this session's decks (for the learner's pace)."""
        decks = {deck.id: deck for deck in self.decks}
        found = []
        for (deck_id, card_id, sub), ms in answers:
            card = decks[deck_id].card(card_id) if deck_id in decks else None
            if card is not None and sub in card.subkeys():
                found.append((Item(deck_id, card, sub), ms))
        return found

    # -- what to show ------------------------------------------------------------------------

    def next_item(self) -> Item | None:
        """The item to show now; the same one until it is committed. None: nothing left for now.

        A scheduled item is handed out with the interval each rating would give worked out, and
        its card's fingerprint, so that answering it finds them ready."""
        if self._current is None:
            self._current = self._pop()
            if self._current is not None and self._queue is not None:
                item = self._current[0]
                self.previews(item)
                self._fingerprint = (item.card, text_hash(item.card))
        return self._current[0] if self._current else None

    def _card_hash(self, card: Card) -> str:
        found = self._fingerprint
        return found[1] if found is not None and found[0] is card else text_hash(card)

    @property
    def current(self) -> Item | None:
        return self._current[0] if self._current else None

    def _pop(self) -> tuple[Item, str] | None:
        if self._queue is None:
            return (self._practice.pop(0), "practice") if self._practice else None
        now = self.clock()
        if now >= self._queue.ends:  # the study day rolled over during the session
            self._queue = self._build(now)
        return self._queue.pop(now)

    @property
    def counts(self) -> QueueCounts:
        """Remaining new, learning and review items, including the one being shown."""
        if self._queue is None:
            extra = 1 if self._current else 0
            return QueueCounts(new=0, learning=0, review=len(self._practice) + extra)
        counts = self._queue.counts()
        kind = self._current[1] if self._current else ""
        return QueueCounts(
            counts.new + (kind == "new"),
            counts.learning + (kind == "learning"),
            counts.review + (kind == "review"),
        )

    def _left_now(self) -> int:
        """Items that could be shown now (the one on screen included); learning items due later
        today are not: the summary says when they come back."""
        current = 1 if self._current else 0
        if self._queue is None:
            return len(self._practice) + current
        now = self.clock()
        queue = self._queue
        return len(queue.new) + len(queue.reviews) + queue.waiting_learning(now) + current

    @property
    def next_learning_due(self) -> datetime | None:
        """When the next learning item falls due, if `next_item()` returned None before it."""
        return self._queue.next_learning_due() if self._queue else None

    def replace_deck(self, deck: Deck) -> None:
        """Use an edited version of one of the session's decks from now on.

        Items still to come (and those in the undo history) are re-pointed at the new cards, so
        every later card shows the text as it is now; items whose card or gap was removed are
        dropped. The session keeps its cards (a tag filter stays applied): cards the edit added
        wait for the next session. Nothing committed changes: progress is keyed by ids, not text.
        """
        old = next((d for d in self.decks if d.id == deck.id), None)
        if old is None:
            raise ValueError(f"deck {deck.id!r} is not part of this session")
        ids = {card.id for card in old.cards}
        if any(card.id not in ids for card in deck.cards):
            deck = replace(deck, cards=tuple(c for c in deck.cards if c.id in ids), _by_id={})
        self.decks = tuple(deck if d.id == deck.id else d for d in self.decks)

        def fresh(item: Item) -> Item | None:
            if item.deck_id != deck.id:
                return item
            card = deck.card(item.card.id)
            return (
                Item(deck.id, card, item.sub)
                if card is not None and item.sub in card.subkeys()
                else None
            )

        def items(found: list[Item]) -> list[Item]:
            return [new for old in found if (new := fresh(old)) is not None]

        def queue(old: DailyQueue | None) -> DailyQueue | None:
            if old is None:
                return None
            learning = [(due, new) for due, it in old.learning if (new := fresh(it)) is not None]
            return DailyQueue(old.ends, items(old.reviews), learning, items(old.new), old.bury)

        self._queue = queue(self._queue)
        self._practice = items(self._practice)
        if self._current is not None:
            current = fresh(self._current[0])
            self._current = (current, self._current[1]) if current is not None else None
        for n, entry in enumerate(self._undo):
            item = fresh(entry.item) or entry.item  # undo must still find a removed card's log row
            self._undo[n] = replace(
                entry, item=item, queue=queue(entry.queue), practice=items(entry.practice)
            )

    # -- answering ---------------------------------------------------------------------------

    def grade(
        self, item: Item, response: object, elapsed_ms: int, *, hinted: bool = False
    ) -> Graded:
        """Check the answer and suggest a rating (ValueError for flashcards: use `previews`)."""
        outcome = grading.grade(item, response, hinted=hinted)
        typical = rating_rules.typical_ms(item, self.pace) if self.pace is not None else None
        state = self.store.get_state(item.key)
        suggested = rating_rules.infer_rating(outcome, elapsed_ms, item, typical, state=state)
        return Graded(outcome, suggested, self._previews(item, state))

    def previews(self, item: Item) -> dict[Rating, timedelta]:
        """The interval each rating would give now (exact, fuzz included); empty in practice."""
        return self._previews(item, self.store.get_state(item.key))

    def _previews(self, item: Item, state: ItemState | None) -> dict[Rating, timedelta]:
        if self._queue is None:
            return {}
        return self._schedulers[item.deck_id].preview(state, self.clock(), item.key)

    def commit(
        self, item: Item, rating: int, *, outcome: Outcome | None, response_ms: int
    ) -> Committed:
        """Record the answer durably (one transaction, committed before returning)."""
        rating = Rating(int(rating))
        now = self.clock()
        correct = outcome.correct if outcome is not None else rating != Rating.Again
        given = outcome.given if outcome is not None else ""
        score = outcome.score if outcome is not None else None
        snapshot = (
            self._queue.copy() if self._queue else None,
            list(self._practice),
            (self._cards, self._correct, self._ms),
        )
        if self._queue is None:
            log_id = self.store.log_answer(
                item.key,
                mode=str(self.mode),
                rating=int(rating),
                correct=correct,
                response_ms=response_ms,
                when=now,
                answer_text=given,
                score=score,
            )
            before = after = None
            if rating == Rating.Again:
                self._practice.insert(min(PRACTICE_RETRY_GAP, len(self._practice)), item)
            result = Committed(item, int(rating), None, None)
        else:
            scheduler = self._schedulers[item.deck_id]
            written = self.store.record_review(
                item.key,
                lambda state: scheduler.review(state, rating, now, item.key, response_ms),
                rating=int(rating),
                when=now,
                response_ms=response_ms,
                correct=correct,
                answer_text=given,
                card_hash=self._card_hash(item.card),
                score=score,
            )
            before, after = written.before, written.after
            self._queue.answered(item, after.state, after.due)
            log_id = written.log_id
            result = Committed(item, int(rating), after.due, after.due - now)
        kind = "review"
        if self._current and self._current[0].key == item.key:
            kind = self._current[1]
            self._current = None
        self._undo.append(_Undo(item, kind, log_id, before, after, *snapshot))
        self._cards += 1
        self._correct += int(correct)
        self._ms += max(0, int(response_ms))
        return result

    def mark(self, item: Item, field: str, value: int) -> bool:
        """Suspend, bury or flag `item`'s card (`store.set_marks`): a suspended or buried card
        leaves the session at once. Undone by `undo` like an answer; False: nothing changed."""
        snapshot = (
            self._queue.copy() if self._queue else None,
            list(self._practice),
            (self._cards, self._correct, self._ms),
        )
        card = (item.deck_id, item.card.id)
        batch = self.store.set_marks([card], field, value)
        if not batch:
            return False
        kind = self._current[1] if self._current else "review"
        if field != "flag" and value:
            if self._queue is not None:
                self._queue.hold(*card)
            self._practice = [i for i in self._practice if (i.deck_id, i.card.id) != card]
            if self._current and (self._current[0].deck_id, self._current[0].card.id) == card:
                self._current = None
        self._undo.append(_Undo(item, kind, 0, None, None, *snapshot, marks=batch))
        return True

    def flag_of(self, item: Item) -> int:
        """The flag on `item`'s card now (0: none)."""
        marks = self.store.marks_of([(item.deck_id, item.card.id)])
        return next(iter(marks.values())).flag if marks else 0

    def today(self, deck_id: str) -> int:
        """The ordinal of the deck's study day now: what `mark(item, "buried", ...)` takes."""
        rollover = self.settings.for_deck(deck_id).rollover_hour
        return study_date(self.clock(), self.tz, rollover).toordinal()

    def undo(self) -> Item | None:
        """Take back the newest answer or mark still on the stack; returns the item to ask again."""
        if not self._undo:
            return None
        entry = self._undo.pop()
        if entry.marks:
            self.store.undo_marks(entry.marks)
        else:
            self.store.undo_review(entry.log_id, entry.item.key, entry.before, entry.after)
        self._queue, self._practice = entry.queue, entry.practice
        self._cards, self._correct, self._ms = entry.stats
        self._current = (entry.item, entry.kind)
        return entry.item

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def summary(self) -> SessionSummary:
        due_tomorrow = 0
        if self._queue is not None:
            now = self.clock()
            for deck in self.decks:
                today = study_day(now, self.tz, self.settings.for_deck(deck.id).rollover_hour)
                tomorrow = study_day(
                    today.end, self.tz, self.settings.for_deck(deck.id).rollover_hour
                )
                due_tomorrow += self.store.count_due(deck.id, tomorrow.start, tomorrow.end)
        accuracy = self._correct / self._cards if self._cards else 0.0
        left = self._left_now()
        return SessionSummary(
            self._cards, self._correct, accuracy, self._ms / 1000, due_tomorrow, left
        )
