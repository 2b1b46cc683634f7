"""Statistics on a small synthetic history whose answers were worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import State
from store_support import FakeClock, deck, flash, mcq, open_store

from kdquiz.core import stats
from kdquiz.core.scheduling import DeckScheduler, ItemState
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import GameRecord, LogEntry

UTC = UTC
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)
ROLLOVER = 4


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def review_state(last: str, due: str, state: State = State.Review) -> ItemState:
    return ItemState(state, None if state == State.Review else 0, 5.0, 5.0, at(due), at(last))


def entry(
    key: str,
    when: str,
    rating: int | None,
    *,
    mode: str = "review",
    before: ItemState | None = None,
    correct: bool | None = None,
    ms: int = 1000,
) -> LogEntry:
    return LogEntry(0, ("d", key, ""), at(when), rating, correct, ms, mode, "", before, None)


# The deck: six flashcards and one multiple-choice card.
DECK = deck("d", [*(flash(f"c{i}") for i in range(6)), mcq("m0")])
STATES = {
    ("d", "c0", ""): review_state("2026-03-05T12:00", "2026-03-08T12:00"),  # overdue: today
    ("d", "c1", ""): review_state("2026-03-10T10:00", "2026-03-20T10:00"),  # in 10 days
    ("d", "c2", ""): review_state("2026-03-10T11:00", "2026-03-10T11:10", State.Learning),  # today
    ("d", "c3", ""): review_state("2026-03-01T12:00", "2026-04-20T12:00"),  # beyond 30 days
    ("d", "c5", ""): review_state("2026-03-01T03:00", "2026-03-11T03:00"),  # before 04:00: today
}


def test_forecast_counts_overdue_today_and_skips_beyond_the_window() -> None:
    result = stats.forecast(STATES.values(), TODAY, UTC, ROLLOVER)
    assert result.due[0] == 3  # c0 (overdue), c2 (learning), c5 (due before the rollover)
    assert result.due[10] == 1  # c1
    assert sum(result.due) == 4 and len(result.due) == 30
    assert result.day(10) == date(2026, 3, 20)


def test_daily_load_is_the_sum_of_one_over_interval() -> None:
    # intervals: c0 3 days, c1 10, c2 learning (counts as 1), c3 50, c5 10
    expected = 1 / 3 + 1 / 10 + 1 + 1 / 50 + 1 / 10
    assert stats.forecast(STATES.values(), TODAY, UTC, ROLLOVER).daily_load == pytest.approx(
        expected
    )


def test_state_counts_per_deck() -> None:
    end = datetime(2026, 3, 11, 4, 0, tzinfo=UTC)
    (row,) = stats.state_counts([DECK], STATES, end)
    assert (row.new, row.learning, row.review, row.relearning) == (2, 1, 4, 0)  # c4 and m0 are new
    assert row.due_today == 3
    assert row.total == 7


RETENTION_LOG = [
    # young pass, then a second review the same day that must not count
    entry("a", "2026-03-05T10:00", 3, before=review_state("2026-02-28T10:00", "2026-03-05T10:00")),
    entry("a", "2026-03-05T15:00", 1, before=review_state("2026-03-05T10:00", "2026-03-06T10:00")),
    # young fail (2-day interval)
    entry("i", "2026-03-05T10:00", 1, before=review_state("2026-03-03T10:00", "2026-03-05T10:00")),
    # mature fail and mature pass (30-day intervals)
    entry("b", "2026-03-06T10:00", 1, before=review_state("2026-02-04T10:00", "2026-03-06T10:00")),
    entry("c", "2026-03-06T10:00", 4, before=review_state("2026-02-04T10:00", "2026-03-06T10:00")),
    # learning steps and new cards are not retention
    entry(
        "d",
        "2026-03-06T10:00",
        3,
        before=review_state("2026-03-06T09:50", "2026-03-06T10:00", State.Learning),
    ),
    entry("e", "2026-03-06T10:00", 3),
    # imported history: the first review has no interval; then 45 days (mature fail), 5 (young pass)
    entry("f", "2026-01-01T10:00", 3, mode="history"),
    entry("f", "2026-02-15T10:00", 1, mode="history"),
    entry("f", "2026-02-20T10:00", 3, mode="history"),
    # practice answers never count
    entry(
        "g",
        "2026-03-06T10:00",
        1,
        mode="practice",
        before=review_state("2026-02-04T10:00", "2026-03-06T10:00"),
    ),
    # 23:00 and 02:00 are the same study day with a 04:00 rollover: only the first counts
    entry("h", "2026-03-07T23:00", 3, before=review_state("2026-03-02T23:00", "2026-03-07T23:00")),
    entry("h", "2026-03-08T02:00", 1, before=review_state("2026-03-07T23:00", "2026-03-08T23:00")),
]


def test_true_retention_young_and_mature() -> None:
    result = stats.true_retention(RETENTION_LOG, UTC, ROLLOVER)
    assert (result.young.passed, result.young.failed) == (3, 1)  # a, f (5 days), h; i failed
    assert (result.mature.passed, result.mature.failed) == (1, 2)  # c; b and f (45 days) failed
    assert result.young.rate == pytest.approx(0.75)
    assert result.mature.rate == pytest.approx(1 / 3)


def test_true_retention_with_no_reviews_has_no_rate() -> None:
    assert stats.true_retention([], UTC, ROLLOVER).young.rate is None


def test_streak_counts_back_from_today_or_yesterday() -> None:
    studied = [date(2026, 3, d) for d in (2, 3, 4, 5, 8, 9, 10)]
    assert stats.streak(studied, TODAY) == stats.Streak(current=3, longest=4, studied_today=True)
    morning = stats.streak(studied, date(2026, 3, 11))  # nothing yet today: still 3
    assert (morning.current, morning.studied_today) == (3, False)
    assert stats.streak(studied, date(2026, 3, 12)).current == 0
    assert stats.streak([], TODAY) == stats.Streak(0, 0, False)


def test_days_follow_the_rollover_hour_and_time_zone() -> None:
    log = [entry("a", "2026-03-10T02:00", 3), entry("a", "2026-03-10T05:00", 3)]
    assert stats.answers_per_day(log, UTC, ROLLOVER) == {date(2026, 3, 9): 1, date(2026, 3, 10): 1}
    from zoneinfo import ZoneInfo

    seoul = ZoneInfo("Asia/Seoul")  # 02:00 UTC is 11:00 in Seoul: both on the 10th there
    assert stats.answers_per_day(log, seoul, ROLLOVER) == {date(2026, 3, 10): 2}


def test_today_summary() -> None:
    log = [
        entry("a", "2026-03-10T09:00", 1, ms=4000),
        entry("b", "2026-03-10T09:01", 3, ms=6000),
        entry("c", "2026-03-10T09:02", 3, mode="practice", ms=2000),
        entry("m0", "2026-03-10T09:03", None, mode="quiz", correct=True, ms=3000),
        entry("a", "2026-03-09T09:00", 1, ms=9000),  # yesterday
    ]
    assert stats.today_summary(log, TODAY, UTC, ROLLOVER) == stats.Today(
        reviewed=2, again=1, practised=2, seconds=15.0
    )


def test_accuracy_by_kind() -> None:
    log = [
        entry("c0", "2026-03-10T09:00", 1, correct=False),
        entry("c1", "2026-03-10T09:00", 3),  # flashcard without `correct`: the rating decides
        entry("m0", "2026-03-10T09:00", None, mode="quiz", correct=True),
        entry("m0", "2026-03-10T09:05", None, mode="quiz", correct=False),
        entry("m0", "2026-03-10T09:06", 3, mode="practice", correct=True),
        entry("gone", "2026-03-10T09:00", 3, correct=True),  # card no longer in the deck
    ]
    result = {a.kind: (a.correct, a.answered) for a in stats.accuracy_by_kind(log, [DECK])}
    assert result == {"flashcard": (1, 2), "mcq": (2, 3)}


def game(
    score: int, day: int, mode: str = "classic", decks: tuple[str, ...] = ("d",)
) -> GameRecord:
    when = datetime(2026, 3, day, 12, tzinfo=UTC)
    return GameRecord(decks, mode, "Mina", when, when, score, score // 100, 10, 2)


def test_personal_bests_per_deck_set_and_mode() -> None:
    games = [
        game(300, 1),
        game(700, 2),
        game(700, 3),
        game(200, 4, "survival"),
        game(900, 5, decks=("e", "d")),
    ]
    bests = {
        (b.deck_ids, b.mode): (b.score, b.when.day, b.games) for b in stats.personal_bests(games)
    }
    assert bests == {
        (("d",), "classic"): (700, 2, 3),  # the earlier of two equal scores
        (("d",), "survival"): (200, 4, 1),
        (("d", "e"), "classic"): (900, 5, 1),
    }


def test_collect_from_a_store(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = open_store(tmp_path, clock)
    try:
        store.import_rows(
            [(key, state, "") for key, state in STATES.items()],
            [
                entry("c0", "2026-03-10T09:00", 1, before=STATES[("d", "c0", "")], correct=False),
                entry("c1", "2026-03-09T09:00", 3, correct=True),
                entry("c1", "2026-03-08T09:00", 3, correct=True),
            ],
        )
        store.save_game_result(game(500, 1))
        result = stats.collect(store, [DECK], now=NOW, tz=UTC, rollover_hour=ROLLOVER)
        assert result.streak is None  # off unless the learner turns it on
        assert result.today.reviewed == 1 and result.today.again == 1
        assert result.forecast.due[0] == 3 and result.decks[0].review == 4
        assert result.calendar.counts == {date(2026, 3, 8): 1, date(2026, 3, 9): 1, TODAY: 1}
        assert result.retention.young.failed == 1
        assert [b.score for b in result.bests] == [500]
        store.set_pref(stats.STREAK_PREF, "on")
        on = stats.collect(store, [DECK], now=NOW, tz=UTC, rollover_hour=ROLLOVER)
        assert on.streak == stats.Streak(current=3, longest=3, studied_today=True)
        data = on.to_dict()
        assert data["forecast"]["days"][0] == {"date": "2026-03-10", "due": 3}
        assert data["calendar"]["counts"]["2026-03-08"] == 1
        other = stats.collect(store, [DECK], now=NOW, tz=UTC, rollover_hour=ROLLOVER, deck_id="x")
        assert other.decks == [] and other.calendar.counts == {} and other.bests == []
    finally:
        store.close()


def test_card_history_lists_answers_and_recall_now(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    store = open_store(tmp_path, clock)
    key = ("d", "c0", "")
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    try:
        first = store.record_review(
            key, lambda s: scheduler.review(s, 4, NOW, key), rating=4, when=NOW, response_ms=1200
        )
        due = first.after.due
        assert first.after.state == State.Review
        store.log_answer(
            key,
            mode="practice",
            rating=1,
            correct=False,
            response_ms=900,
            when=NOW + timedelta(hours=1),
        )
        history = stats.card_history(store, key, NOW)
        assert [(r.mode, r.rating) for r in history.rows] == [("review", 4), ("practice", 1)]
        assert history.rows[0].interval == due - NOW and history.rows[1].interval is None
        assert history.retrievability == pytest.approx(1.0)
        at_due = stats.card_history(store, key, due).retrievability
        assert at_due is not None and 0.85 < at_due < 0.95  # scheduled for 90% recall
        assert stats.card_history(store, ("d", "c9", ""), NOW).retrievability is None
    finally:
        store.close()
