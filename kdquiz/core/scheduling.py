"""FSRS (py-fsrs) behind a small interface: the clock and the random source come in from outside.

py-fsrs fuzzes intervals with the module-global `random()`. kdquiz instead derives each review's fuzz
from a per-session salt (drawn from the random source passed in) and the item's key and last review:
the same review always gets the same fuzz, so the interval shown before rating (`preview`) is exactly
the interval the commit gives, and tests with a seeded random source are reproducible.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS, FUZZ_RANGES

from kdquiz.core.settings import DeckSettings, Settings
from kdquiz.core.state_precision import quantize

Key = tuple[str, str, str]
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


@dataclass(frozen=True)
class ItemState:
    """One item's FSRS memory state plus the counters kdquiz keeps beside it."""

    state: State
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    def to_card(self) -> Card:
        return Card(
            card_id=0,
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "state": int(self.state),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ItemState:
        last = data.get("last_review")
        return cls(
            state=State(int(data["state"])),  # type: ignore[call-overload]
            step=None if data.get("step") is None else int(data["step"]),  # type: ignore[call-overload]
            stability=None if data.get("stability") is None else float(data["stability"]),  # type: ignore[arg-type]
            difficulty=None if data.get("difficulty") is None else float(data["difficulty"]),  # type: ignore[arg-type]
            due=_utc(datetime.fromisoformat(str(data["due"]))),
            last_review=_utc(datetime.fromisoformat(str(last))) if last else None,
            reps=int(data.get("reps", 0)),  # type: ignore[call-overload]
            lapses=int(data.get("lapses", 0)),  # type: ignore[call-overload]
        )


def _utc(when: datetime) -> datetime:
    """py-fsrs insists on `tzinfo is timezone.utc`; ZoneInfo("UTC") or an offset would be refused."""
    if when.tzinfo is None:
        raise ValueError(f"{when!r} has no time zone; kdquiz passes aware datetimes only")
    return when.astimezone(UTC)


def _elapsed_days(state: ItemState | None, when: datetime) -> int | None:
    """Whole days since the state's last review: all py-fsrs reads of a review's time."""
    return (when - state.last_review).days if state and state.last_review else None


class _KdquizScheduler(Scheduler):
    """py-fsrs's scheduler with the fuzz draw supplied by the caller instead of global random()."""

    fuzz_draw: float = 0.5

    def _get_fuzzed_interval(self, *, interval: timedelta) -> timedelta:
        # Same ranges and rounding as py-fsrs 6.3.2's _get_fuzzed_interval; only the draw differs.
        days = interval.days
        if days < 2.5:
            return interval
        delta = 1.0
        for fuzz_range in FUZZ_RANGES:
            delta += fuzz_range["factor"] * max(
                min(float(days), fuzz_range["end"]) - fuzz_range["start"], 0.0
            )
        min_ivl = max(2, round(days - delta))
        max_ivl = min(round(days + delta), self.maximum_interval)
        min_ivl = min(min_ivl, max_ivl)
        fuzzed = self.fuzz_draw * (max_ivl - min_ivl + 1) + min_ivl
        return timedelta(days=min(round(fuzzed), self.maximum_interval))


class DeckScheduler:
    """FSRS for one deck's settings. `fuzz=False` gives py-fsrs's exact published intervals."""

    def __init__(
        self,
        settings: DeckSettings,
        *,
        fuzz: bool,
        salt: int = 0,
        parameters: tuple[float, ...] | None = None,
    ) -> None:
        self._fsrs = _KdquizScheduler(
            parameters=parameters or DEFAULT_PARAMETERS,
            desired_retention=settings.desired_retention,
            learning_steps=settings.learning_steps,
            relearning_steps=settings.relearning_steps,
            maximum_interval=settings.maximum_interval,
            enable_fuzzing=fuzz,
        )
        self._salt = salt
        #: The last fuzz draw and what it was drawn for: the four previews and the commit of one
        #: answer draw for the same review, and seeding the generator is a quarter of a review.
        self._last_draw: tuple[Key, str, float] | None = None
        #: The last next states worked out (`preview`): for which key, whole days since the last
        #: review and state, at what time, and the state after each rating.
        self._last_preview: (
            tuple[Key, int | None, ItemState | None, datetime, dict[Rating, ItemState]] | None
        ) = None

    @staticmethod
    def new_state(when: datetime) -> ItemState:
        return ItemState(State.Learning, 0, None, None, _utc(when), None)

    def review(
        self,
        state: ItemState | None,
        rating: Rating | int,
        when: datetime,
        key: Key,
        duration_ms: int | None = None,
    ) -> ItemState:
        """The state after answering with `rating` at `when`; `None` means a new item.

        Stability and difficulty are kept to 4 decimal places (`quantize`; an interval changes by
        far less than a second), so the review log stores them as small integers, exactly.

        When the next states of this very state were worked out as the card was handed out
        (`preview`) and the whole days since its last review are still the same, the one asked
        for is taken from them and moved to `when`: py-fsrs reads the time of a review only as
        those whole days (and sets the due date from it), so this is the state it gives at `when`
        (tests/core/test_scheduling.py holds the two equal)."""
        when = _utc(when)
        rating = Rating(int(rating))
        kept = self._kept(state, when, key)
        if kept is not None:
            at, afters = kept
            after = afters[rating]
            return replace(after, due=when + (after.due - at), last_review=when)
        return self._review(state, rating, when, key, duration_ms)

    def _review(
        self,
        state: ItemState | None,
        rating: Rating,
        when: datetime,
        key: Key,
        duration_ms: int | None = None,
    ) -> ItemState:
        before = state or self.new_state(when)
        self._fsrs.fuzz_draw = self._draw(key, before)
        card, _log = self._fsrs.review_card(before.to_card(), rating, when, duration_ms)
        lapsed = before.state == State.Review and rating == Rating.Again
        return ItemState(
            card.state,
            card.step,
            quantize(card.stability),
            quantize(card.difficulty),
            card.due,
            card.last_review,
            before.reps + 1,
            before.lapses + int(lapsed),
        )

    def preview(self, state: ItemState | None, when: datetime, key: Key) -> dict[Rating, timedelta]:
        """The interval each rating would give now; identical to what `review` then gives.

        The four next states are kept (see `review`): worked out when a card is handed out, they
        are ready when the learner answers, as Anki's answer finds the next states it handed out
        with the card."""
        when = _utc(when)
        kept = self._kept(state, when, key)
        if kept is None:
            afters = {r: self._review(state, r, when, key) for r in RATINGS}
            self._last_preview = (key, _elapsed_days(state, when), state, when, afters)
            kept = when, afters
        at, afters = kept
        return {r: after.due - at for r, after in afters.items()}

    def _kept(
        self, state: ItemState | None, when: datetime, key: Key
    ) -> tuple[datetime, dict[Rating, ItemState]] | None:
        """(when they were worked out, the next states) kept for `state` of `key` at `when`."""
        kept = self._last_preview
        if (
            kept is None
            or kept[0] != key
            or kept[1] != _elapsed_days(state, when)
            or kept[2] != state
        ):
            return None
        return kept[3], kept[4]

    def retrievability(self, state: ItemState | None, when: datetime) -> float:
        if state is None:
            return 0.0
        return float(self._fsrs.get_card_retrievability(state.to_card(), _utc(when)))

    def _draw(self, key: Key, before: ItemState) -> float:
        last = before.last_review.isoformat() if before.last_review else "new"
        found = self._last_draw
        if found is not None and found[0] == key and found[1] == last:
            return found[2]
        draw = random.Random(f"{self._salt}|{'|'.join(key)}|{last}").random()
        self._last_draw = (key, last, draw)
        return draw


class Schedulers:
    """One DeckScheduler per deck (decks may override retention, steps and maximum interval)."""

    def __init__(self, settings: Settings, *, fuzz: bool, rng: random.Random) -> None:
        self._settings = settings
        self._fuzz = fuzz
        self._salt = rng.getrandbits(64)
        self._by_deck: dict[str, DeckScheduler] = {}

    def __getitem__(self, deck_id: str) -> DeckScheduler:
        found = self._by_deck.get(deck_id)
        if found is None:
            found = DeckScheduler(
                self._settings.for_deck(deck_id),
                fuzz=self._fuzz,
                salt=self._salt,
                parameters=self._settings.parameters,
            )
            self._by_deck[deck_id] = found
        return found


def interval_days(delta: timedelta) -> int:
    """Whole days, as py-fsrs's tests count them."""
    return math.floor(delta.total_seconds() / 86400)
