"""The home screen's own light controls: the tag filter and its list, the row of actions, the
title bar; and the collector paused until the first frame."""

from __future__ import annotations

import gc
from typing import Any

from textual.command import CommandPalette
from ui_support import CARDS, SIZE, deck_dict, screen_text

from kdquiz import startup
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.help import HelpScreen
from kdquiz.ui.screens.home import HomeScreen
from kdquiz.ui.screens.study import StudyScreen
from kdquiz.ui.screens.tag_picker import TagPicker
from kdquiz.ui.widgets.bars import ActionBar
from kdquiz.ui.widgets.tag_filter import TagFilter


async def settle(app: KdquizApp, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def decks() -> tuple[dict[str, Any], dict[str, Any]]:
    drama = deck_dict([CARDS["mcq"], {**CARDS["typed"], "tags": ["streaming"]}], "drama",
                      "Drama basics", ["kdrama"])
    music = deck_dict([CARDS["truefalse"]], "music", "OST music", ["music"])
    return drama, music


def home(app: KdquizApp) -> HomeScreen:
    assert isinstance(app.screen, HomeScreen)
    return app.screen


async def test_t_opens_the_tag_list_and_a_choice_filters_the_table(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TagPicker)
        assert picker.tags == ["kdrama", "music", "streaming"]
        await pilot.press("down", "down", "enter")  # All tags, kdrama, music
        await settle(app, pilot)
        screen = home(app)
        assert screen.tag == "music"
        assert [d.id for d in screen.visible_decks()] == ["music"]
        assert screen.query_one(TagFilter).value == "music"
        text = screen_text(app)
        assert "OST music" in text and "Drama basics" not in text
        assert "music" in text.splitlines()[2]  # the filter's line shows the tag

        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")  # closed without a choice: nothing changes
        await settle(app, pilot)
        assert home(app).tag == "music"

        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#tag-options").highlighted == 2  # opens on the current tag
        await pilot.press("up", "up", "enter")
        await settle(app, pilot)
        assert home(app).tag == "" and len(home(app).visible_decks()) == 2
        assert "All tags" in screen_text(app)


async def test_clicking_the_tag_filter_opens_the_list(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click(TagFilter)
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)


async def test_the_action_row_runs_what_its_keys_do(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(ActionBar)
        spans = bar._spans()
        assert [a.key for a in bar.actions] == ["r", "p", "g", "s", "?"]
        line = screen_text(app).splitlines()[bar.region.y]
        for (start, end), action in zip(spans, bar.actions):
            assert line[start:end].strip() == f"{action.key} {action.label}"
        assert bar.action_at(spans[0][0] - 1) is None  # the gap left of the first
        help_start = spans[4][0]
        await pilot.click(ActionBar, offset=(help_start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(ActionBar, offset=(spans[0][0] + 2, 0))  # Review
        await settle(app, pilot)
        assert isinstance(app.screen, StudyScreen)


async def test_the_title_bar_names_the_app_and_its_icon_opens_the_palette(services_for: Any) -> None:
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = screen_text(app).splitlines()[0]
        assert first.strip().startswith("⭘") and "kdquiz — K-drama quiz & flashcards" in first
        await pilot.click("TitleBar", offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_collector_is_paused_until_the_first_frame(services_for: Any,
                                                             monkeypatch: Any) -> None:
    monkeypatch.setattr(startup, "_frozen", True)  # tests must not freeze their garbage
    app = KdquizApp(services_for(*decks()))
    startup.pause_collector()
    try:
        assert not gc.isenabled()
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert gc.isenabled()
    finally:
        startup.resume_collector()
    assert gc.isenabled()


def test_commands_that_start_no_app_leave_the_collector_on(tmp_path: Any, monkeypatch: Any,
                                                           capsys: Any) -> None:
    """`kdquiz review --plain` (no TUI, no first frame) and a start that fails both collect."""
    from kdquiz.cli import main

    monkeypatch.setattr(startup, "_frozen", True)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    seen: list[bool] = []
    import kdquiz.plain  # `_run` imports run_plain from it when it needs it

    def plain(*args: Any) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(kdquiz.plain, "run_plain", plain)
    assert main(["--data-dir", str(tmp_path / "data"), "review", "--plain"]) == 0
    assert seen == [True] and gc.isenabled()
    assert main(["--data-dir", str(tmp_path / "data"), "review", "no-such-deck"]) == 2
    assert gc.isenabled()
    assert "no-such-deck" in capsys.readouterr().err


async def test_counts_follow_the_chosen_tag(services_for: Any) -> None:
    """The drama deck has one card tagged streaming: with that tag it has one card, one new."""
    app = KdquizApp(services_for(*decks()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = home(app)
        assert screen.counts["drama"].new == 2
        screen.query_one(TagFilter).value = "streaming"
        await settle(app, pilot)
        assert screen.counts["drama"].new == 1
        row = [str(c) for c in screen.query_one("#decks").get_row("drama")]
        assert row[2:4] == ["1", "1"]  # cards, new
        screen.query_one(TagFilter).value = ""
        await settle(app, pilot)
        assert screen.counts["drama"].new == 2
