"""Screens get what they need in their constructor and post messages up (issue: no app<->screens
cycle): home asks for a review of the highlighted deck with `r` and of every deck with `R`."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select
from ui_support import CARDS, SIZE, deck_dict, open_quiz_setup, screen_text, settle

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.study import StudyScreen

SCREENS = Path(__file__).parents[2] / "kdquiz" / "ui" / "screens"
DECOUPLED = (
    "home", "results", "summary", "stats", "quiz_setup", "help", "history", "study", "quiz",
    "confirm", "too_small", "host", "join", "browser", "custom_study",
)  # fmt: skip
#: What a screen may use of the app: Textual's own API, nothing of KdquizApp.
TEXTUAL_APP_API = {"call_from_thread", "notify", "push_screen", "screen", "switch_screen", "size"}


@pytest.mark.parametrize("name", DECOUPLED)
def test_screen_neither_imports_the_app_nor_reaches_through_it(name: str) -> None:
    tree = ast.parse((SCREENS / f"{name}.py").read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "kdquiz.ui.app" not in imported
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "app"
    }
    assert used <= TEXTUAL_APP_API, used - TEXTUAL_APP_API


def two_decks() -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        deck_dict([CARDS["mcq"], CARDS["typed"]], "drama", "Drama basics"),
        deck_dict([CARDS["truefalse"]], "music", "OST music"),
    )


async def test_r_reviews_the_highlighted_deck_and_shift_r_every_deck(services_for: Any) -> None:
    app = KdquizApp(services_for(*two_decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "r")  # the music deck is highlighted
        await settle(app, pilot)
        study = app.screen
        assert isinstance(study, StudyScreen)
        assert [d.id for d in study.session.decks] == ["music"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("R")
        await settle(app, pilot)
        study = app.screen
        assert isinstance(study, StudyScreen)
        assert sorted(d.id for d in study.session.decks) == ["drama", "music"]
        assert "3 decks" not in screen_text(app) and "2 decks" in screen_text(app)


async def test_every_deck_review_is_offered_as_a_button_and_in_help(services_for: Any) -> None:
    app = KdquizApp(services_for(*two_decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click("#home-review_all")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)
        assert len(app.screen.session.decks) == 2
        await pilot.press("question_mark")
        await pilot.pause()
        helps = " ".join(str(w.content) for w in app.screen.query(".help-what"))
        assert "review every deck shown" in helps


async def test_quiz_setup_focuses_the_mode_first(services_for: Any) -> None:
    app = KdquizApp(services_for(*two_decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_quiz_setup(app, pilot)
        assert isinstance(app.focused, Select) and app.focused.id == "quiz-mode"


async def test_home_card_counts_agree_with_the_decks_command(
    services_for: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cloze card with two gaps is one card and two questions: the home screen's Items column
    counts questions (a lazily loaded deck knows them without reading its cards), and
    `kdquiz decks` gives both."""
    from textual.widgets import DataTable

    from kdquiz.cli import main

    cloze = {"id": "two", "type": "cloze", "text": "{{Seoul}} is the capital of {{Korea}}."}
    app = KdquizApp(services_for(deck_dict([cloze, CARDS["mcq"]], "geo", "Geography")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        row = [str(c) for c in app.screen.query_one("#decks", DataTable).get_row("geo")]
        assert "count questions: each cloze gap is one" in screen_text(app)
    main(["decks", "--data-dir", str(data_dir)])
    listed = capsys.readouterr().out
    assert row[2] == "3" and "2 cards (3 questions)" in listed


async def test_home_at_60_columns_keeps_the_due_column(services_for: Any) -> None:
    long = deck_dict([CARDS["mcq"]], "long", "A deck with a very long title about dramas")
    app = KdquizApp(services_for(long))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "Due" in text and "Learned" in text
        await pilot.resize_terminal(100, 30)
        await settle(app, pilot)
        assert "A deck with a very long title about" in screen_text(app)
