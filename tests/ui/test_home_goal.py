"""The daily goal and streak line on the home screen: hidden unless asked for, counted as played."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label
from ui_support import CARDS, SIZE, screen_text, settle

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.study import StudyScreen


async def test_the_goal_line_shows_only_when_asked_and_counts_answers(
    services_for: Any, data_dir: Path
) -> None:
    app = KdquizApp(services_for([CARDS["truefalse"], CARDS["mcq"]]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#home-goal", Label).display
    (data_dir / "settings.toml").write_text("daily_goal = 3\n")
    services = services_for([CARDS["truefalse"], CARDS["mcq"]])
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = app.screen.query_one("#home-goal", Label)
        assert line.display and str(line.content) == "Today 0 of 3 cards, 3 to go · tomorrow 0 due"
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("t", "enter")  # the true/false card, answered right
        await settle(app, pilot)
        await pilot.press("escape")  # leave: the summary, then home
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        line = app.screen.query_one("#home-goal", Label)
        assert str(line.content).startswith("Today 1 of 3 cards, 2 to go")


async def test_counts_of_a_very_big_deck_are_shown_whole(services_for: Any) -> None:
    """A deck of 100,000 cards or more (an Anki collection) has six-digit counts: the count
    columns widen rather than cut a digit off."""
    from kdquiz.core.queue import DeckCounts
    from kdquiz.ui.screens.home import HomeScreen

    app = KdquizApp(services_for([CARDS["truefalse"]]))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        (deck_id,) = home.counts
        home._counted({deck_id: DeckCounts(new=20, due=104_857, learned=1_234_567)}, home.tag)
        await pilot.pause()
        text = screen_text(app)
        assert "104857" in text and "1234567" in text
        await pilot.resize_terminal(60, 24)  # narrower: the numbers keep their room
        await pilot.pause()
        assert "1234567" in screen_text(app)
