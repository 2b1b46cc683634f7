"""The home screen's line about today: answers against the daily goal, the study streak, and what
falls due tomorrow. Opt-in (a `daily_goal` in settings.toml, or the streak turned on in the
statistics), and truthful: it counts what was answered, never rounds up, and says plainly when a
streak would end.

Every number is an indexed count: today's answers by time, the streak one study day at a time
(back from today, in batches, so a long log is never aggregated), tomorrow's due items per deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from kdquiz.core.queue import study_day
from kdquiz.core.stats import STREAK_PREF
from kdquiz.core.store.values import EARLIEST, to_us

if TYPE_CHECKING:
    from kdquiz.core.model import Deck
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore

#: Study days counted per query while walking back along a streak.
_BATCH = 31
#: A streak is counted back this far at most (ten years).
_MAX_DAYS = 3660


@dataclass(frozen=True)
class DailyProgress:
    done: int  # answers today (review, practice and quiz)
    goal: int  # 0: no goal set
    streak: int | None  # study days in a row up to today (or yesterday); None: streak hidden
    studied_today: bool
    due_tomorrow: int  # items due by the end of tomorrow's study day

    def text(self) -> str:
        parts = []
        if self.goal:
            if self.done >= self.goal:
                parts.append(f"Goal met: {self.done} of {self.goal} cards today")
            else:
                parts.append(
                    f"Today {self.done} of {self.goal} cards, {self.goal - self.done} to go"
                )
        if self.streak is not None:
            days = f"{self.streak} day{'s' if self.streak != 1 else ''}"
            if not self.streak:
                parts.append("no streak yet")
            elif self.studied_today:
                parts.append(f"streak {days}")
            else:
                parts.append(f"streak {days}: study today to keep it")
        parts.append(f"tomorrow {self.due_tomorrow} due")
        return " · ".join(parts)


def daily_progress(
    store: ProgressStore,
    decks: Sequence[Deck],
    settings: Settings,
    now: datetime,
    tz: tzinfo | None = None,
) -> DailyProgress | None:
    """Today's progress, or None when the learner asked for neither a goal nor the streak."""
    zone = tz or settings.zone()
    show_streak = store.get_pref(STREAK_PREF, "off") == "on"
    if not settings.daily_goal and not show_streak:
        return None
    rollover = settings.defaults.rollover_hour
    today = study_day(now, zone, rollover)
    with store.reading():
        done = store.answers_in([(to_us(today.start), to_us(today.end))])[0]
        streak = _streak(store, now, zone, rollover) if show_streak else None
        tomorrow_end = study_day(today.end, zone, rollover).end
        due = sum(store.count_due(deck.id, EARLIEST, tomorrow_end) for deck in decks)
    return DailyProgress(done, settings.daily_goal, streak, done > 0, due)


def _streak(store: ProgressStore, now: datetime, tz: tzinfo, rollover: int) -> int:
    """Study days in a row with an answer, ending today, or yesterday when today has none yet."""
    day = study_day(now, tz, rollover)
    counted = walked = 0
    while walked < _MAX_DAYS:
        spans: list[tuple[int, int]] = []  # newest first
        for _ in range(_BATCH):
            spans.append((to_us(day.start), to_us(day.end)))
            day = study_day(day.start - (day.end - day.start) / 2, tz, rollover)  # the one before
        for answers in store.answers_in(spans):
            if answers:
                counted += 1
            elif walked:  # today without an answer yet does not end the streak
                return counted
            walked += 1
    return counted
