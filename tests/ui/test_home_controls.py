"""The home screen's controls are Textual's own: a Select for the tag, Buttons for the actions,
the Header, and a Footer that lets go of the keys it removed."""

from __future__ import annotations

import gc
from typing import Any

from textual.command import CommandPalette
from textual.widgets import Button, Footer, Header, Select
from textual.widgets._footer import FooterKey
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.help import HelpScreen
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.widgets.footer import KeysFooter


def decks() -> tuple[dict[str, Any], dict[str, Any]]:
    drama = deck_dict(
        [CARDS["mcq"], {**CARDS["typed"], "tags": ["streaming"]}],
        "drama",
        "Drama basics",
        ["kdrama"],
    )
    music = deck_dict([CARDS["truefalse"]], "music", "OST music", ["music"])
    return drama, music


def home(app: KdquizApp) -> HomeScreen:
    assert isinstance(app.screen, HomeScreen)
    return app.screen


def tag_filter(app: KdquizApp) -> Select[str]:
    return home(app).query_one("#tag-filter", Select)


async def test_t_opens_the_tag_list_and_a_choice_filters_the_table(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        select = tag_filter(app)
        assert select.expanded and select.has_focus_within
        await pilot.press("down", "down", "enter")  # All tags, kdrama, music
        await settle(app, pilot)
        screen = home(app)
        assert screen.tag == "music"
        assert [d.id for d in screen.visible_decks()] == ["music"]
        assert tag_filter(app).value == "music"
        text = screen_text(app)
        assert "OST music" in text and "Drama basics" not in text

        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")  # closed without a choice: nothing changes
        await settle(app, pilot)
        assert home(app).tag == "music" and isinstance(app.screen, HomeScreen)

        await pilot.press("t")
        await pilot.pause()
        await pilot.press("up", "up", "enter")
        await settle(app, pilot)
        assert home(app).tag == "" and len(home(app).visible_decks()) == 2
        assert "All tags" in screen_text(app)


async def test_tab_reaches_the_tag_filter_and_every_action(services_for: Any) -> None:
    """Stock widgets take the focus in turn, as any Textual app's do."""
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = []
        for _ in range(8):
            await pilot.press("tab")
            seen.append(app.focused.id if app.focused else None)
        assert "tag-filter" in seen
        assert {"home-review", "home-practice", "home-quiz", "home-stats", "home-help"} <= set(seen)


async def test_the_action_buttons_run_what_their_keys_do(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["r Review", "R All due", "p Practice", "g Quiz", "s Stats", "? Help"]
        await pilot.click("#home-help")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#home-review")
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)


async def test_the_header_names_the_app_and_its_icon_opens_the_palette(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one(Header)
        first = screen_text(app).splitlines()[0]
        assert "kdquiz" in first
        await pilot.click(Header, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_footer_lets_go_of_the_keys_it_removed(services_for: Any) -> None:
    """Textual's Footer keeps every removed key alive through its `compact` binding; ours must not.

    Each rebuild makes new keys; after twenty, only the ones on screen may be left.
    """
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysFooter)
        assert isinstance(footer, Footer)
        for _ in range(20):
            await footer.remove_children()  # as if the keys had changed: the footer rebuilds
            app.screen.refresh_bindings()  # as every focus change does
            await pilot.pause()
        gc.collect()
        alive = sum(isinstance(o, FooterKey) for o in gc.get_objects())
        assert alive <= 2 * len(footer.query(FooterKey))


async def test_the_footer_keeps_its_keys_while_they_say_the_same(services_for: Any) -> None:
    """A focus change that leaves the keys as they were does not rebuild the footer; one that
    changes them does."""
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysFooter)
        keys = list(footer.query(FooterKey))
        assert keys
        for _ in range(3):
            app.screen.refresh_bindings()
            await settle(app, pilot)
        assert list(footer.query(FooterKey)) == keys  # the very same widgets
        await pilot.press("question_mark")  # the help screen: other keys
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        shown = app.screen.query_one(KeysFooter)
        assert [k.description for k in shown.query(FooterKey)] == [k.description for k in keys]


async def test_counts_follow_the_chosen_tag(services_for: Any) -> None:
    """The drama deck has one card tagged streaming: with that tag it has one card, one new."""
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = home(app)
        assert screen.counts["drama"].new == 2
        tag_filter(app).value = "streaming"
        await settle(app, pilot)
        assert screen.counts["drama"].new == 1
        row = [str(c) for c in screen.query_one("#decks").get_row("drama")]
        assert row[2:4] == ["1", "1"]  # cards, new
        tag_filter(app).value = ""
        await settle(app, pilot)
        assert screen.counts["drama"].new == 2


async def test_the_tag_list_follows_a_change_of_the_decks_tags(services_for: Any) -> None:
    from dataclasses import replace

    services = services_for(*decks())
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = home(app)
        first = services.catalog.decks[0]
        services.catalog.decks[0] = replace(first, tags=(*first.tags, "romance"))
        screen.load_decks()  # as when the screen shows again after an edit
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert "romance" in screen_text(app)
