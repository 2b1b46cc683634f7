"""Suspend, bury and flag from the review screen: keys that work on typed cards too, the card
leaves the session, the home counts drop, and undo takes the mark back."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input
from ui_support import CARDS, SIZE, settle

from kdquiz.core.plan import Activity, Plan
from kdquiz.core.queue import deck_counts
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.study import StudyScreen


async def test_suspend_bury_and_flag_from_a_typed_card_then_undo(services_for: Any) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"], CARDS["mcq"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    store = services.store
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.item.card.id == "net" and isinstance(screen.focused, Input)
        await pilot.press("f6")  # flag from inside the answer box: the card stays
        await settle(app, pilot)
        assert store.marks()[(screen.item.deck_id, "net")].flag == 1
        await pilot.press("f6")
        await settle(app, pilot)
        assert store.marks()[(screen.item.deck_id, "net")].flag == 2
        assert screen.item.card.id == "net"
        await pilot.press("f4")  # suspend: the next card comes
        await settle(app, pilot)
        deck_id = screen.item.deck_id
        assert screen.item.card.id == "live"
        assert store.marks()[(deck_id, "net")].suspended
        await pilot.press("minus")  # bury, Anki's key, on a card with no answer box
        await settle(app, pilot)
        assert screen.item.card.id == "first"
        assert store.marks()[(deck_id, "live")].buried > 0
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert screen.item.card.id == "live" and (deck_id, "live") not in store.marks()
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert screen.item.card.id == "net" and not store.marks()[(deck_id, "net")].suspended
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(app, pilot)
        assert store.marks() == {} and store.mark_changes() == []
        assert store.log_entries() == []  # marks never wrote an answer


async def test_suspended_cards_leave_the_home_counts(services_for: Any) -> None:
    services = services_for([CARDS["typed"], CARDS["truefalse"]])
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        deck = services.catalog.decks[0]

        def new_today() -> int:
            return deck_counts(services.store, deck, services.clock(), services.settings).new

        before = new_today()
        await pilot.press("f4")
        await settle(app, pilot)
        assert new_today() == before - 1


async def test_a_flag_shows_on_the_card_as_anki_shows_it(services_for: Any) -> None:
    from kdquiz.ui.widgets.question import QuestionCard

    services = services_for([CARDS["typed"], CARDS["truefalse"]])
    deck_id = services.catalog.decks[0].id
    services.store.set_marks([(deck_id, "live")], "flag", 4)  # flagged blue before the session
    app = KdquizApp(services, plan=Plan(Activity.REVIEW))

    def meta() -> str:
        return str(app.screen.query_one(QuestionCard).query_one(".meta").render())

    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.item.card.id == "net"
        assert "flag" not in meta()
        await pilot.press("f6")
        await settle(app, pilot)
        assert "⚑ red flag" in meta()
        await pilot.press("f6")
        await settle(app, pilot)
        assert "⚑ orange flag" in meta()
        await pilot.press("f4")  # suspended: the next card, flagged before
        await settle(app, pilot)
        assert screen.item.card.id == "live" and "⚑ blue flag" in meta()


async def test_a_preview_offers_no_marks_and_says_nothing_is_saved(services_for: Any) -> None:
    from ui_support import screen_text

    services = services_for([CARDS["truefalse"]])
    app = KdquizApp(services, plan=Plan(Activity.PRACTICE, preview=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        text = screen_text(app)
        assert "Preview (nothing is saved)" in text
        await pilot.press("f4", "f5", "f6")
        await settle(app, pilot)
        assert services.store.marks() == {}
        footer = screen_text(app).splitlines()[-1]
        assert "Suspend" not in footer and "Bury" not in footer
