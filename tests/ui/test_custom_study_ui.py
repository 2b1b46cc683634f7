"""Custom study from the home screen (`c`): the dialog asks, the app runs the session."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.core.custom_study import CustomKind
from kdquiz.core.plan import Activity
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.custom_study import CustomStudyModal
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.study import StudyScreen


def deck() -> dict[str, Any]:
    return deck_dict([CARDS["mcq"], CARDS["truefalse"], CARDS["typed"]])


async def open_dialog(app: KdquizApp, pilot: Any) -> CustomStudyModal:
    await settle(app, pilot)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CustomStudyModal)
    return app.screen


async def test_a_search_runs_as_practice_of_the_cards_found(services_for: Any) -> None:
    services = services_for(deck())
    services.store.set_marks([("test-deck", "live")], "flag", 3)
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot)
        assert not dialog.query_one("#custom-search-field").display  # study ahead asks for days
        dialog.query_one("#custom-kind", Select).value = CustomKind.SEARCH.value
        await pilot.pause()
        assert dialog.query_one("#custom-search-field").display
        dialog.query_one("#custom-search", Input).focus()
        await pilot.press(*"flag:green", "enter")
        await settle(app, pilot)
        study = app.screen
        assert isinstance(study, StudyScreen) and study.activity is Activity.PRACTICE
        assert study.item.card.id == "live" and study.session.counts.total == 1


async def test_extra_new_cards_and_a_wrong_number_is_told(services_for: Any) -> None:
    app = KdquizApp(services_for(deck()))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot)
        dialog.query_one("#custom-kind", Select).value = CustomKind.NEW.value
        await pilot.pause()
        box = dialog.query_one("#custom-number", Input)
        assert box.value == "10"
        box.value = "0"
        await pilot.click("#custom-start")
        await pilot.pause()
        assert app.screen is dialog  # refused: 0 extra cards
        assert "New cards" in screen_text(app)  # the field says what it counts
        box.value = "2"
        box.focus()
        await pilot.press("enter")  # Enter in a field starts too
        await settle(app, pilot)
        study = app.screen
        assert isinstance(study, StudyScreen) and study.activity is Activity.REVIEW
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("c", "escape")  # Esc cancels the dialog
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_dialog_shows_every_deck_it_works_on(services_for: Any) -> None:
    titles = ["K-drama production and direction", "Netflix K-drama secrets", "Song Jinsun"]
    decks = [deck_dict([CARDS["mcq"]], f"deck-{n}", title) for n, title in enumerate(titles)]
    app = KdquizApp(services_for(*decks))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(app, pilot)
        label = dialog.query_one("#custom-decks").region
        assert label.right <= dialog.query_one("#custom-study").content_region.right
        lines = screen_text(app).splitlines()[label.y : label.bottom]
        shown = " ".join(line[label.x : label.right].strip() for line in lines)  # wrapped
        assert all(title in shown for title in titles)
