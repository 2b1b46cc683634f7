"""Statistics computed in SQL equal a straightforward Python recomputation from the whole log and
every state, on random logs across daylight-saving changes and time zones."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, deck, flash, mcq, open_store, review
from test_deck_loader import EVERY_KIND, HEADER

from kdquiz.core import catalog as catalog_module
from kdquiz.core import stats
from kdquiz.core.catalog import DeckCache
from kdquiz.core.queue import study_day
from kdquiz.core.scheduling import DeckScheduler, ItemState
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import LogEntry
from kdquiz.core.store.study_days import DayScale

START = datetime(2025, 2, 20, 6, tzinfo=UTC)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")
DECKS = [
    deck("a", [flash("f1", "q", "x"), flash("f2", "q", "y"), mcq("m1")]),
    deck("b", [flash("g1", "q", "z"), mcq("m2")]),
]
KEYS = [
    ("a", "f1", ""),
    ("a", "f2", ""),
    ("a", "m1", ""),
    ("b", "g1", ""),
    ("b", "m2", ""),
    ("gone", "x", ""),
]

step = st.tuples(
    st.sampled_from(["review", "review", "long", "practice", "quiz", "history", "import"]),
    st.integers(0, len(KEYS) - 1),
    st.integers(1, 4),
    st.one_of(st.integers(0, 20), st.integers(0, 23 * 60)),  # minutes to wait before it
    st.sampled_from([0, 0, 0, 1, 3, 30]),  # extra days to wait
)


def python_stats(store, decks, now, tz, rollover, deck_id, show_streak):
    """The statistics as the plain functions give them from every log entry and state."""
    if deck_id is not None:
        decks = [d for d in decks if d.id == deck_id]
    wanted = {d.id for d in decks}
    log = [e for e in store.log_entries() if deck_id is None or e.key[0] == deck_id]
    states = {key: state for key, state, _ in store.states() if key[0] in wanted}
    current = study_day(now, tz, rollover)
    today = current.start.astimezone(tz).date()
    per_day = stats.answers_per_day(log, tz, rollover)
    return (
        stats.today_summary(log, today, tz, rollover),
        stats.state_counts(decks, states, current.end),
        stats.forecast(states.values(), today, tz, rollover),
        stats.calendar(per_day, today),
        stats.true_retention(log, tz, rollover),
        stats.accuracy_by_kind(log, decks),
        stats.streak(per_day, today) if show_streak else None,
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(step, min_size=1, max_size=60),
    zone=st.sampled_from(ZONES),
    rollover=st.integers(0, 23),
    deck_id=st.sampled_from([None, "a", "b"]),
)
def test_sql_statistics_equal_a_python_recomputation(
    tmp_path_factory, steps, zone, rollover, deck_id
):
    tz = ZoneInfo(zone)
    clock = FakeClock(START)
    store = open_store(tmp_path_factory.mktemp("stats"), clock)
    scheduler = DeckScheduler(DeckSettings(), fuzz=True, salt=7)
    for mode, k, rating, minutes, days in steps:
        clock.advance(days=days, minutes=minutes)
        key = KEYS[k]
        when = clock()
        if mode == "review":
            store.record_review(
                key,
                lambda before, key=key, when=when, rating=rating: scheduler.review(
                    before, rating, when, key
                ),
                rating=rating,
                when=when,
                response_ms=rating * 1700,
                correct=None if k % 2 else rating > 1,
            )
        elif mode == "long":  # a review that schedules weeks ahead: the next one is mature
            store.record_review(
                key,
                lambda before, when=when, rating=rating: ItemState(
                    stats.State.Review, None, 40.0, 5.0, when + timedelta(days=19 + rating), when
                ),
                rating=rating,
                when=when,
                response_ms=1000,
            )
        elif mode == "import":  # a review from elsewhere, earlier, with its own states
            early = when - timedelta(days=minutes % 40, hours=rating)
            before = ItemState(
                stats.State.Review, None, 9.0, 4.0, early, early - timedelta(days=days * 10 + 1)
            )
            after = scheduler.review(before, rating, early, key)
            store.import_rows(
                [], [LogEntry(0, key, early, rating, rating > 1, 900, "review", "", before, after)]
            )
        elif mode == "history":  # two imported answers, often on one study day
            past = when - timedelta(days=days)
            store.import_rows(
                [],
                [
                    LogEntry(0, key, t, rating, rating > 1, 500, "history", "", None, None)
                    for t in (past, past + timedelta(minutes=7 * rating))
                ],
            )
        else:
            store.log_answer(
                key,
                mode=mode,
                rating=None if mode == "quiz" else rating,
                correct=rating > 2,
                response_ms=800 * rating,
                when=when,
            )
    now = clock() + timedelta(hours=minutes % 30)
    got = stats.collect(
        store, DECKS, now=now, tz=tz, rollover_hour=rollover, deck_id=deck_id, show_streak=True
    )
    want = python_stats(store, DECKS, now, tz, rollover, deck_id, True)
    assert (
        got.today,
        got.decks,
        got.forecast,
        got.calendar,
        got.retention,
        got.accuracy,
        got.streak,
    ) == want
    # Both ways of counting answers per day: by spans of the time index and by day arithmetic.
    log = [e for e in store.log_entries() if deck_id is None or e.key[0] == deck_id]
    by_arithmetic = store.answers_by_day(store.day_scale(tz, rollover), deck_id)
    assert by_arithmetic == stats.answers_per_day(log, tz, rollover)
    store.close()


@settings(max_examples=60, deadline=None)
@given(
    moments=st.lists(st.integers(0, 4 * 365 * 86_400), min_size=1, max_size=20),
    zone=st.sampled_from(ZONES),
    rollover=st.integers(0, 23),
)
def test_a_study_day_by_arithmetic_is_the_queue_s_study_day(moments, zone, rollover):
    tz = ZoneInfo(zone)
    base = int(START.timestamp()) * 1_000_000
    times = [base + s * 1_000_000 + 123 for s in moments]
    scale = DayScale(tz, rollover, min(times), max(times))
    for t in times:
        when = START + timedelta(microseconds=t - base)
        assert scale.day(t) == stats.day_of(when, tz, rollover)


def test_one_review_counts_today_and_in_the_forecast(tmp_path) -> None:
    clock = FakeClock(START)
    store = open_store(tmp_path, clock)
    review(store, ("a", "f1", ""), clock())
    got = stats.collect(store, DECKS, now=clock(), tz=UTC, rollover_hour=4)
    assert got.today.reviewed == 1 and sum(got.forecast.due) == 1
    assert got.decks[0].learning == 1 and got.decks[0].new == 2
    store.close()


def test_a_deck_read_lazily_has_the_same_statistics_and_builds_no_card(
    tmp_path, monkeypatch
) -> None:
    """Counting new items and grouping answers by kind read the deck's item index, ids and kinds
    from its cache entry: no card is built, and a state of an item the deck no longer has (a card
    removed, a gap taken out of a cloze) is left out as it is from the parsed deck's counts."""
    path = tmp_path / "every.yaml"
    path.write_text(HEADER + textwrap.indent(EVERY_KIND, "  "), encoding="utf-8")
    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(path)
    lazy = cache.load(path, lazy=True)
    built: list[int] = []
    real_rows = catalog_module._read_rows
    monkeypatch.setattr(catalog_module, "_read_rows", lambda *a: built.append(1) or real_rows(*a))
    clock = FakeClock(START)
    store = open_store(tmp_path, clock)
    items = [item.key for item in parsed.items()]
    gone = [(parsed.id, "no-such-card", ""), (parsed.id, "c", "c9")]
    for n, key in enumerate(items[::2] + gone):
        review(store, key, clock(), rating=1 + n % 4)
        clock.advance(minutes=30)
    store.log_answer(
        items[1], mode="quiz", rating=None, correct=False, response_ms=900, when=clock()
    )
    now = clock() + timedelta(days=2)
    got = stats.collect(store, [lazy], now=now, tz=UTC, rollover_hour=4)
    assert built == [] and not lazy.loaded
    want = stats.collect(store, [parsed], now=now, tz=UTC, rollover_hour=4)
    assert got.to_dict() == want.to_dict()
    states = {key: state for key, state, _ in store.states()}
    assert got.decks == [stats.state_counts([parsed], states, study_day(now, UTC, 4).end)[0]]
    assert got.decks[0].new == len(items) - len(items[::2])
    assert got.accuracy == stats.accuracy_by_kind(store.log_entries(), [parsed])
    assert {row.kind for row in got.accuracy} >= {"flashcard", "cloze"}
    store.close()
