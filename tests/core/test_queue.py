"""The daily queue: order, limits, siblings, and local days across DST and time-zone changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating, State
from store_support import FakeClock, cloze, deck, flash, flash_deck, open_store

from kdquiz.core.queue import LEARN_AHEAD, build_queue, deck_counts, study_day
from kdquiz.core.scheduling import DeckScheduler, ItemState
from kdquiz.core.settings import DeckSettings, Settings

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SCHED = DeckScheduler(DeckSettings(), fuzz=False)


def put(store, key, state: ItemState):
    store.record_review(
        key, lambda _before: state, rating=3, when=state.last_review or state.due, response_ms=1000
    )


def review_state(due: datetime, last: datetime, stability: float = 10.0) -> ItemState:
    return ItemState(State.Review, None, stability, 5.0, due, last, reps=3)


def answer_new(store, key, when):
    store.record_review(
        key,
        lambda before: SCHED.review(before, Rating.Good, when, key),
        rating=3,
        when=when,
        response_ms=1000,
    )


@pytest.mark.parametrize(
    ("tz", "inside", "hours"),
    [
        (BERLIN, datetime(2026, 3, 28, 12, 0, tzinfo=UTC), 23),  # spring forward 29 March
        (BERLIN, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), 25),  # fall back 25 October
        (NEW_YORK, datetime(2026, 3, 7, 18, 0, tzinfo=UTC), 23),  # spring forward 8 March
        (NEW_YORK, datetime(2026, 10, 31, 18, 0, tzinfo=UTC), 25),  # fall back 1 November
        (BERLIN, datetime(2026, 6, 1, 12, 0, tzinfo=UTC), 24),
    ],
)
def test_study_days_are_23_or_25_hours_on_change_days(tz, inside, hours):
    day = study_day(inside, tz, 4)
    assert day.end - day.start == timedelta(hours=hours)
    assert day.start.astimezone(tz).hour == 4 and day.end.astimezone(tz).hour == 4
    assert day.start <= inside < day.end


def test_before_the_rollover_hour_is_still_yesterday():
    late = datetime(2026, 6, 2, 1, 30, tzinfo=UTC)  # 03:30 in Berlin (CEST)
    day = study_day(late, BERLIN, 4)
    assert day.start == datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
    assert study_day(late + timedelta(hours=1), BERLIN, 4).start == day.end


def test_fall_back_day_keeps_counting_until_4am_local(tmp_path):
    """25 Oct 2026: 04:00 CET is 03:00 UTC; a fixed CEST offset would roll over at 02:00 UTC."""
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    d = flash_deck(n=10)
    settings = Settings(DeckSettings(new_per_day=2))
    for n in range(2):
        answer_new(store, ("d", f"c{n:05d}", ""), datetime(2026, 10, 24, 18, 0, tzinfo=UTC))
    assert (
        build_queue(store, [d], settings, datetime(2026, 10, 25, 2, 30, tzinfo=UTC), BERLIN).new
        == []
    )
    after = build_queue(store, [d], settings, datetime(2026, 10, 25, 3, 0, tzinfo=UTC), BERLIN)
    assert [i.card.id for i in after.new] == ["c00002", "c00003"]


def test_review_due_just_before_the_late_rollover_counts_as_due_today(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    d = flash_deck(n=1)
    last = datetime(2026, 10, 10, 12, 0, tzinfo=UTC)
    put(store, ("d", "c00000", ""), review_state(datetime(2026, 10, 25, 2, 30, tzinfo=UTC), last))
    counts = deck_counts(store, d, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), Settings(), BERLIN)
    assert counts.due == 1
    counts = deck_counts(store, d, datetime(2026, 10, 24, 12, 0, tzinfo=UTC), Settings(), NEW_YORK)
    assert counts.due == 1  # NY day ends 25 Oct 08:00 UTC
    early = deck_counts(store, d, datetime(2026, 10, 23, 12, 0, tzinfo=UTC), Settings(), BERLIN)
    assert early.due == 0


def test_spring_forward_new_york_limit_resets_at_4am_edt(tmp_path):
    """8 Mar 2026: 04:00 EDT is 08:00 UTC, an hour earlier than 04:00 EST (09:00 UTC)."""
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    d = flash_deck(n=5)
    settings = Settings(DeckSettings(new_per_day=1))
    answer_new(store, ("d", "c00000", ""), datetime(2026, 3, 8, 6, 0, tzinfo=UTC))  # 01:00 EST
    assert (
        build_queue(store, [d], settings, datetime(2026, 3, 8, 7, 59, tzinfo=UTC), NEW_YORK).new
        == []
    )
    assert (
        len(build_queue(store, [d], settings, datetime(2026, 3, 8, 8, 0, tzinfo=UTC), NEW_YORK).new)
        == 1
    )


def test_changing_time_zone_moves_the_day_boundary(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    d = flash_deck(n=5)
    settings = Settings(DeckSettings(new_per_day=2))
    for n in range(2):  # 20:00 in Berlin
        answer_new(store, ("d", f"c{n:05d}", ""), datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
    later = datetime(2026, 3, 3, 5, 0, tzinfo=UTC)  # 06:00 Berlin (new day), 00:00 New York
    assert len(build_queue(store, [d], settings, later, BERLIN).new) == 2
    assert build_queue(store, [d], settings, later, NEW_YORK).new == []


def test_order_reviews_by_lowest_retrievability_then_new_up_to_limit(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    d = deck("d", [flash(f"c{i}") for i in range(8)])
    now = clock()
    # c1: 30 days since review with stability 10 (ratio 3); c2: 5 days, stability 1 (ratio 5);
    # c3: 2 days, stability 10 (ratio 0.2); c4: due tomorrow-after-rollover, not today.
    put(
        store, ("d", "c1", ""), review_state(now - timedelta(days=20), now - timedelta(days=30), 10)
    )
    put(store, ("d", "c2", ""), review_state(now - timedelta(days=1), now - timedelta(days=5), 1))
    put(store, ("d", "c3", ""), review_state(now - timedelta(hours=1), now - timedelta(days=2), 10))
    put(store, ("d", "c4", ""), review_state(now + timedelta(days=2), now - timedelta(days=2), 10))
    settings = Settings(DeckSettings(new_per_day=3))
    queue = build_queue(store, [d], settings, now, UTC)
    assert [i.card.id for i in queue.reviews] == ["c2", "c1", "c3"]
    assert [i.card.id for i in queue.new] == ["c0", "c5", "c6"]
    order = []
    while (popped := queue.pop(now)) is not None:
        order.append((popped[1], popped[0].card.id))
    assert order == [
        ("review", "c2"),
        ("review", "c1"),
        ("review", "c3"),
        ("new", "c0"),
        ("new", "c5"),
        ("new", "c6"),
    ]


def test_review_limit_counts_todays_reviews(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    now = clock()
    d = deck("d", [flash(f"c{i}") for i in range(5)])
    for i in range(5):
        put(
            store,
            ("d", f"c{i}", ""),
            review_state(now - timedelta(days=1), now - timedelta(days=9)),
        )
    settings = Settings(DeckSettings(reviews_per_day=3))
    assert len(build_queue(store, [d], settings, now, UTC).reviews) == 3
    key = ("d", "c0", "")
    store.record_review(
        key,
        lambda before: SCHED.review(before, Rating.Good, now, key),
        rating=3,
        when=now,
        response_ms=900,
    )
    assert len(build_queue(store, [d], settings, now, UTC).reviews) == 2


def test_learning_cards_come_when_due_and_within_learn_ahead(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    now = clock()
    d = deck("d", [flash("soon"), flash("later"), flash("new")])
    for card, minutes in (("soon", -1), ("later", 60)):
        state = ItemState(State.Learning, 1, 2.0, 5.0, now + timedelta(minutes=minutes), now, 1)
        put(store, ("d", card, ""), state)
    queue = build_queue(store, [d], Settings(), now, UTC)
    assert [i.card.id for _, i in queue.learning] == ["soon", "later"]
    assert [(k, i.card.id) for i, k in [queue.pop(now), queue.pop(now)]] == [
        ("learning", "soon"),
        ("new", "new"),
    ]
    assert queue.pop(now) is None  # "later" is an hour away, beyond the learn-ahead limit
    assert queue.pop(now + timedelta(minutes=60) - LEARN_AHEAD)[0].card.id == "later"


def test_siblings_are_buried_for_the_day(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    now = clock()
    d = deck("d", [cloze("gaps", "a", "b", "c"), flash("both", reverse=True), flash("plain")])
    queue = build_queue(store, [d], Settings(), now, UTC)
    assert [i.key for i in queue.new] == [
        ("d", "gaps", "c1"),
        ("d", "both", ""),
        ("d", "plain", ""),
    ]
    answer_new(store, ("d", "gaps", "c1"), now)
    queue = build_queue(store, [d], Settings(), now, UTC)
    assert [i.key for i in queue.new] == [("d", "both", ""), ("d", "plain", "")]
    tomorrow = build_queue(store, [d], Settings(), now + timedelta(days=1), UTC)
    assert ("d", "gaps", "c2") in [i.key for i in tomorrow.new]
    unburied = build_queue(store, [d], Settings(DeckSettings(bury_siblings=False)), now, UTC)
    assert [i.key for i in unburied.new][:3] == [
        ("d", "gaps", "c2"),
        ("d", "gaps", "c3"),
        ("d", "both", ""),
    ]


def test_orphaned_and_unknown_items_never_enter_the_queue(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    now = clock()
    put(store, ("d", "gone", ""), review_state(now - timedelta(days=1), now - timedelta(days=9)))
    put(store, ("d", "kept", "c7"), review_state(now - timedelta(days=1), now - timedelta(days=9)))
    d = deck("d", [flash("kept")])
    queue = build_queue(store, [d], Settings(), now, UTC)
    assert queue.reviews == [] and [i.card.id for i in queue.new] == ["kept"]
    assert deck_counts(store, d, now, Settings(), UTC).learned == 0


def test_per_deck_overrides_apply_per_deck(tmp_path):
    clock = FakeClock(datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    a, b = flash_deck("a", 10), flash_deck("b", 10)
    settings = Settings(DeckSettings(new_per_day=4), {"b": DeckSettings(new_per_day=1)})
    queue = build_queue(store, [a, b], settings, clock(), UTC)
    assert [i.deck_id for i in queue.new] == ["a"] * 4 + ["b"]
    counts = deck_counts(store, b, clock(), settings)
    assert (counts.new, counts.due, counts.learned) == (1, 0, 0)
