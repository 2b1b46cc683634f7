"""py-fsrs's reference vectors replayed through kdquiz's wrapper and the SQLite store."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Card, Rating, Scheduler, State
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import FakeClock

from kdquiz.core.scheduling import DeckScheduler, ItemState, Schedulers
from kdquiz.core.settings import DeckSettings, Settings
from kdquiz.core.store import ProgressStore
from kdquiz.core.store.values import scaled, unscaled

G, A = Rating.Good, Rating.Again
# From py-fsrs tests/test_basic.py::test_review_card (fsrs 6.3.2).
REFERENCE_RATINGS = (G, G, G, G, G, G, A, A, G, G, G, G, G)
REFERENCE_INTERVALS = [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
FIRST_REVIEW = datetime(2022, 11, 29, 12, 30, 0, 0, UTC)
KEY = ("deck", "card", "")
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def test_reference_vector_through_wrapper_and_store(tmp_path):
    clock = FakeClock(FIRST_REVIEW)
    path = tmp_path / "progress.sqlite3"
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    intervals = []
    when = FIRST_REVIEW
    for rating in REFERENCE_RATINGS:
        clock.now = when
        # A fresh store object every review: the state must survive saving and reloading exactly.
        with ProgressStore(path, clock=clock, backup=False) as store:
            result = store.record_review(
                KEY,
                lambda before, rating=rating, when=when: scheduler.review(
                    before, rating, when, KEY
                ),
                rating=int(rating),
                when=when,
                response_ms=1000,
            )
        with ProgressStore(path, clock=clock, backup=False) as store:
            state = store.get_state(KEY)
        assert state == result.after
        intervals.append((state.due - state.last_review).days)
        when = state.due
    assert intervals == REFERENCE_INTERVALS


def test_wrapper_matches_plain_py_fsrs_state_for_state():
    """kdquiz is py-fsrs with stability and difficulty kept to 4 decimal places at each step,
    which the review log stores exactly as small integers."""
    plain = Scheduler(enable_fuzzing=False)
    card = Card(card_id=1, due=FIRST_REVIEW)
    ours = DeckScheduler(DeckSettings(), fuzz=False)
    state = None
    when = FIRST_REVIEW
    for rating in REFERENCE_RATINGS:
        card, _ = plain.review_card(card, rating, when)
        exact = (card.stability, card.difficulty)
        card.stability = None if exact[0] is None else round(exact[0], 4)
        card.difficulty = None if exact[1] is None else round(exact[1], 4)
        state = ours.review(state, rating, when, KEY)
        assert (
            state.state,
            state.step,
            state.stability,
            state.difficulty,
            state.due,
            state.last_review,
        ) == (card.state, card.step, card.stability, card.difficulty, card.due, card.last_review)
        assert abs(state.stability - exact[0]) <= 0.00005
        for value in (state.stability, state.difficulty):  # so the log stores small integers
            assert isinstance(scaled(value), int)
            assert unscaled(scaled(value)) == value
        when = card.due


def test_lapses_and_reps_are_counted():
    ours = DeckScheduler(DeckSettings(), fuzz=False)
    state = None
    when = FIRST_REVIEW
    for rating in REFERENCE_RATINGS:
        state = ours.review(state, rating, when, KEY)
        when = state.due
    assert state.reps == len(REFERENCE_RATINGS)
    assert state.lapses == 1  # the first Again lapses a review card; the second is in relearning


def test_non_utc_times_are_accepted_and_stored_as_utc():
    ours = DeckScheduler(DeckSettings(), fuzz=False)
    berlin = FIRST_REVIEW.astimezone(ZoneInfo("Europe/Berlin"))
    state = ours.review(None, Rating.Good, berlin, KEY)
    assert state.last_review == FIRST_REVIEW and state.last_review.tzinfo is UTC
    with pytest.raises(ValueError):
        ours.review(None, Rating.Good, datetime(2022, 1, 1), KEY)


def _reviewed_to_long_interval(scheduler: DeckScheduler, key=KEY) -> ItemState:
    state, when = None, FIRST_REVIEW
    for rating in (G, G, G, G):
        state = scheduler.review(state, rating, when, key)
        when = state.due
    return state


def test_fuzz_is_reproducible_with_a_seeded_random_source_and_varies_between_items():
    settings = Settings()
    first = Schedulers(settings, fuzz=True, rng=random.Random(7))["deck"]
    again = Schedulers(settings, fuzz=True, rng=random.Random(7))["deck"]
    unfuzzed = DeckScheduler(DeckSettings(), fuzz=False)
    keys = [("deck", f"card{i}", "") for i in range(30)]
    start = _reviewed_to_long_interval(unfuzzed)  # due ~46 days after its last review
    when = start.due
    a = [first.review(start, G, when, k).due for k in keys]
    b = [again.review(start, G, when, k).due for k in keys]
    plain = unfuzzed.review(start, G, when, KEY).due
    assert a == b
    assert len(set(a)) > 1
    # py-fsrs's fuzz range at ~160 days is about +-9 days around the unfuzzed interval.
    assert all(abs((d - plain).days) <= 10 for d in a)


def test_preview_is_exactly_what_review_gives_even_with_fuzz():
    scheduler = Schedulers(Settings(), fuzz=True, rng=random.Random(3))["deck"]
    state = _reviewed_to_long_interval(scheduler)
    when = state.due + timedelta(days=2)
    preview = scheduler.preview(state, when, KEY)
    for rating, interval in preview.items():
        assert scheduler.review(state, rating, when, KEY).due - when == interval
    assert (
        preview[Rating.Again] < preview[Rating.Hard] < preview[Rating.Good] < preview[Rating.Easy]
    )


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(st.sampled_from([1, 2, 3, 4]), min_size=0, max_size=6),
    later=st.lists(st.integers(0, 3 * 86_400), min_size=1, max_size=5),
)
def test_previews_handed_out_with_a_card_are_what_the_answer_time_gives(steps, later):
    """The next states are kept from the moment a card is handed out; whenever the learner
    answers (the same day since the last review or not), the previews and the state committed
    are what a scheduler working them out afresh at that moment gives."""
    seed = random.Random(5).getrandbits(64)
    kept = DeckScheduler(DeckSettings(), fuzz=True, salt=seed)
    state: ItemState | None = None
    when = T0
    for rating in steps:
        state = kept.review(state, rating, when, KEY)
        when = state.due
    shown = when
    kept.preview(state, shown, KEY)  # handed out
    for seconds in sorted(later):
        answered = shown + timedelta(seconds=seconds)
        fresh = DeckScheduler(DeckSettings(), fuzz=True, salt=seed)
        previews = kept.preview(state, answered, KEY)
        assert previews == fresh.preview(state, answered, KEY)
        for rating, interval in previews.items():
            committed = kept.review(state, rating, answered, KEY)
            assert committed == fresh.review(state, rating, answered, KEY)
            assert committed.due - answered == interval


def test_item_state_dict_round_trip_is_exact():
    state = _reviewed_to_long_interval(DeckScheduler(DeckSettings(), fuzz=False))
    assert ItemState.from_dict(state.to_dict()) == state


def test_deck_settings_change_the_schedule():
    strict = DeckScheduler(DeckSettings(desired_retention=0.97, maximum_interval=30), fuzz=False)
    normal = DeckScheduler(DeckSettings(), fuzz=False)
    assert _reviewed_to_long_interval(strict).due < _reviewed_to_long_interval(normal).due
    state = _reviewed_to_long_interval(strict)
    assert state.state == State.Review
    assert (state.due - state.last_review).days <= 30
