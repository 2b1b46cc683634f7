"""The quiz timer can be turned off, an accessibility setting: `--no-timer`, or settings.toml's
`quiz_timer = false`. Then there is no countdown and no points are lost to time."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ui_support import SIZE, open_quiz_setup, screen_text, settle, true_false_cards

from kdquiz.cli import main
from kdquiz.core.game import QuizConfig, QuizMode, QuizRound
from kdquiz.core.model import Item, Kind, TrueFalse
from kdquiz.core.plan import Activity, Plan
from kdquiz.core.settings import Settings, SettingsError, load_settings, save_settings
from kdquiz.plain import run_plain
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.quiz import QuizScreen
from kdquiz.ui.widgets.countdown import Countdown

START = datetime(2025, 3, 1, tzinfo=UTC)


def round_of(timed: bool) -> QuizRound:
    card = TrueFalse(id="a", kind=Kind.TRUEFALSE, statement="True?", answer=True)
    return QuizRound([Item("d", card)], QuizConfig(timed=timed), random.Random(1), lambda: START)


@pytest.mark.parametrize("seconds", [0.0, 19.0, 45.0, 3600.0])
def test_without_the_timer_a_right_answer_earns_full_points_however_slow(seconds: float) -> None:
    result = round_of(timed=False).answer(True, seconds)
    assert result.outcome.correct and not result.timed_out and result.points == 1000
    timed = round_of(timed=True).answer(True, seconds)
    assert timed.points < 1000 or seconds == 0.0  # with the timer, slow answers earn less


def test_time_attack_needs_the_timer() -> None:
    with pytest.raises(ValueError, match="needs the timer"):
        QuizConfig(mode=QuizMode.TIME_ATTACK, timed=False)


def test_plain_quiz_without_timer_says_so_and_scores_slow_answers_fully(
    services_for: Any, clock: Any
) -> None:
    services = services_for(true_false_cards(1))

    class SlowInput(io.StringIO):
        def readline(self, size: int = -1) -> str:
            clock.advance(90)  # a minute and a half to read and answer
            return super().readline(size)

    out = io.StringIO()
    plan = Plan(Activity.QUIZ, questions=1, timed=False)
    run_plain(services, plan, SlowInput("t\n"), out)
    text = out.getvalue()
    assert "no timer" in text and "Time's up" not in text
    assert "+1000 points" in text and "Score        1000" in text


def test_the_command_line_flag_and_the_setting(data_dir: Path, capsys: Any) -> None:
    code = main(
        ["quiz", "--no-timer", "--mode", "time-attack", "--plain", "--data-dir", str(data_dir)]
    )
    assert code != 0 and "needs the timer" in capsys.readouterr().err
    save_settings(data_dir, Settings(quiz_timer=False))
    assert load_settings(data_dir).quiz_timer is False
    (data_dir / "settings.toml").write_text('quiz_timer = "off"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="quiz_timer: expected true or false"):
        load_settings(data_dir)


async def test_tui_without_timer_shows_no_countdown_and_never_times_out(
    services_for: Any, clock: Any
) -> None:
    services = services_for(true_false_cards(2))
    app = KdquizApp(services, plan=Plan(Activity.QUIZ, questions=2, timed=False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert not quiz.query_one(Countdown).display
        clock.advance(300)
        quiz.tick()  # the interval timer's call, with five minutes gone
        await pilot.pause()
        assert quiz.waiting  # still asking
        await pilot.press("t")
        await pilot.pause()
        assert "+1000 points" in screen_text(app)


async def test_the_setting_starts_the_setup_dialog_with_the_timer_off(
    services_for: Any, data_dir: Path
) -> None:
    save_settings(data_dir, Settings(quiz_timer=False))
    services = services_for(true_false_cards(2))
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        modal = await open_quiz_setup(app, pilot)
        assert modal.query_one("#quiz-timer").value is False
        await pilot.click("#quiz-start")
        await settle(app, pilot)
        assert isinstance(app.screen, QuizScreen) and not app.screen.quiz.config.timed
