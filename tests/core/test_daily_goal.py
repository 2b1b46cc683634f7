"""The home screen's daily goal, streak and tomorrow's forecast: opt-in and truthful."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import State
from store_support import FakeClock, flash_deck, open_store

from kdquiz.core.daily_goal import DailyProgress, daily_progress
from kdquiz.core.scheduling import ItemState
from kdquiz.core.settings import Settings, SettingsError, load_settings, save_settings
from kdquiz.core.stats import STREAK_PREF

NOON = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def practise(store, when: datetime, card: str = "c00000") -> None:
    store.log_answer(
        ("d", card, ""), mode="practice", rating=3, correct=True, response_ms=800, when=when
    )


def test_nothing_is_shown_unless_asked_for(tmp_path):
    store = open_store(tmp_path, FakeClock(NOON))
    assert daily_progress(store, [flash_deck()], Settings(), NOON, UTC) is None
    store.close()


def test_goal_streak_and_tomorrow_count_what_happened(tmp_path):
    store = open_store(tmp_path, FakeClock(NOON))
    decks = [flash_deck(n=4)]
    for days_ago in (1, 2, 3, 5):  # a gap four days ago ends the streak there
        practise(store, NOON - timedelta(days=days_ago))
    state = ItemState(State.Review, None, 3.0, 5.0, NOON + timedelta(days=1), NOON, reps=1)
    store.record_review(("d", "c00001", ""), lambda _: state, rating=3, when=NOON, response_ms=9)
    later = ItemState(State.Review, None, 9.0, 5.0, NOON + timedelta(days=5), NOON, reps=1)
    store.record_review(("d", "c00002", ""), lambda _: later, rating=3, when=NOON, response_ms=9)
    store.set_pref(STREAK_PREF, "on")
    progress = daily_progress(store, decks, Settings(daily_goal=5), NOON, UTC)
    assert progress == DailyProgress(2, 5, 4, True, 1)
    assert progress.text() == "Today 2 of 5 cards, 3 to go · streak 4 days · tomorrow 1 due"
    for n in range(3):
        practise(store, NOON + timedelta(minutes=n + 1))
    assert (
        daily_progress(store, decks, Settings(daily_goal=5), NOON, UTC)
        .text()
        .startswith("Goal met: 5 of 5 cards today")
    )
    store.close()


def test_a_morning_without_answers_keeps_yesterdays_streak_and_says_so(tmp_path):
    store = open_store(tmp_path, FakeClock(NOON))
    store.set_pref(STREAK_PREF, "on")
    practise(store, NOON - timedelta(days=1))
    progress = daily_progress(store, [], Settings(), NOON, UTC)
    assert (progress.done, progress.streak, progress.studied_today) == (0, 1, False)
    assert progress.text() == "streak 1 day: study today to keep it · tomorrow 0 due"
    assert daily_progress(store, [], Settings(), NOON + timedelta(days=2), UTC).streak == 0
    store.close()


def test_the_goal_setting_is_read_checked_and_saved(tmp_path):
    (tmp_path / "settings.toml").write_text("daily_goal = 40\n")
    settings = load_settings(tmp_path)
    assert settings.daily_goal == 40
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path).daily_goal == 40
    for bad in ("daily_goal = -1", "daily_goal = true", 'daily_goal = "40"', "daily_goal = 99999"):
        (tmp_path / "settings.toml").write_text(bad + "\n")
        with pytest.raises(SettingsError, match="daily_goal: expected a whole number"):
            load_settings(tmp_path)
