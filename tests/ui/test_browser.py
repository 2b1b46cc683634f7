"""The card browser: opened from home with `b`, searched with the `kdquiz cards` words, sorted by
header clicks and keys, filled a page at a time, and acting on the highlighted card."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Label
from ui_support import CARDS, SIZE, deck_dict, screen_text, settle

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.browser import PAGE, BrowserScreen
from kdquiz.ui.screens.history import CardHistoryModal
from kdquiz.ui.screens.home import HomeScreen


def cards() -> list[dict[str, Any]]:
    return [CARDS[kind] for kind in ("mcq", "typed", "truefalse", "cloze", "flashcard")]


async def open_browser(app: KdquizApp, pilot: Any) -> BrowserScreen:
    await settle(app, pilot)
    await pilot.press("b")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    for _ in range(100):  # on a busy machine the screen is pushed a few frames before it is built
        if screen.query("#cards"):
            break
        await settle(app, pilot)
    return screen


def card_ids(screen: BrowserScreen) -> list[str]:
    table = screen.query_one("#cards", DataTable)
    return [str(table.get_row_at(n)[1]) for n in range(table.row_count)]


def status(screen: BrowserScreen) -> str:
    return str(screen.query_one("#browser-status", Label).content)


async def test_b_opens_the_highlighted_deck_and_a_search_narrows_it(services_for: Any) -> None:
    app = KdquizApp(services_for(deck_dict(cards()), deck_dict([CARDS["order"]], "other", "Other")))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        assert screen.query_one(Input).value == "deck:test-deck"
        assert card_ids(screen) == ["first", "net", "live", "ost", "pd"]
        assert status(screen).startswith("5 cards")
        await pilot.press("slash", *"kind:mcq or kind:order", "ctrl+u")  # ctrl+u clears the box
        await pilot.press(*"kind:mcq or kind:order", "enter")
        await settle(app, pilot)
        assert card_ids(screen) == ["first", "steps"]
        assert isinstance(screen.focused, DataTable)
        await pilot.press("slash", "ctrl+u", *"is:sleepy", "enter")
        await settle(app, pilot)
        assert "unknown state" in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_bad_search_is_told_with_its_controls_escaped(services_for: Any) -> None:
    app = KdquizApp(services_for(deck_dict(cards())))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        box = screen.query_one(Input)
        box.value = "\x1b]0;owned\x07\u202e[b]x:y"  # as a paste could bring it
        box.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        told = status(screen)
        assert "unknown search field" in told and "[b]x" in told
        assert "\\x1b]0;owned\\x07\\u202e" in told and told.isprintable()


async def test_suspend_bury_flag_and_undo_from_the_browser(services_for: Any) -> None:
    services = services_for(deck_dict(cards()))
    store = services.store
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press("down")  # "net", a typed card
        await pilot.press("f4")
        await pilot.pause()
        assert store.marks()[("test-deck", "net")].suspended
        assert "suspended" in screen_text(app)
        await pilot.press("minus")
        await pilot.pause()
        assert store.marks()[("test-deck", "net")].buried
        await pilot.press("f6", "f6")
        await pilot.pause()
        assert store.marks()[("test-deck", "net")].flag == 2
        assert screen.current().flag_name == "orange"
        await pilot.press("u", "u", "u")  # the flags and the bury, newest first
        await pilot.pause()
        net = store.marks()[("test-deck", "net")]
        assert (net.suspended, net.flag, net.buried) == (True, 0, 0)
        await pilot.press("at")  # Anki's key, on a suspended card: unsuspends
        await pilot.pause()
        assert store.marks() == {}
        assert screen.current().state == "new" and not screen.current().suspended
        await pilot.press("u", "u")
        await pilot.pause()
        assert store.marks() == {}


async def test_header_clicks_and_o_sort_the_rows(services_for: Any) -> None:
    app = KdquizApp(services_for(deck_dict(cards())))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.click("#cards", offset=(6, 1))  # the Card column's header
        await pilot.pause()
        assert card_ids(screen) == ["first", "live", "net", "ost", "pd"]
        await pilot.click("#cards", offset=(6, 1))  # again: reversed
        await pilot.pause()
        assert card_ids(screen) == ["pd", "ost", "net", "live", "first"]
        assert "reversed" in status(screen)
        await pilot.press("o")  # the next column: kind
        await pilot.pause()
        assert status(screen).endswith("sorted by kind")
        kinds = [str(screen.query_one(DataTable).get_row_at(n)[2]) for n in range(5)]
        assert kinds == sorted(kinds)


async def test_history_and_edit_of_the_highlighted_card(services_for: Any) -> None:
    opened: list[tuple[Path, int]] = []
    services = services_for(deck_dict(cards()))
    app = KdquizApp(services, edit_file=lambda path, line: opened.append((path, line)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press("down", "down")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, CardHistoryModal)
        assert "live" in app.screen.card_title
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await settle(app, pilot)
        live = services.catalog.deck("test-deck").card("live")
        assert opened == [(Path(services.catalog.deck("test-deck").path), live.line)]
        assert isinstance(app.screen, BrowserScreen) and screen.current().card_id == "live"


@pytest.mark.parametrize(
    ("editor", "told"),
    [
        ("no-such-editor-anywhere --wait", "Could not run"),
        ('vim "unclosed', "a quote is not closed"),
    ],
)
async def test_an_editor_that_cannot_run_is_told_and_the_game_comes_back(
    services_for: Any, monkeypatch: Any, editor: str, told: str
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    app = KdquizApp(services_for(deck_dict(cards())))
    steps: list[str] = []

    @contextmanager
    def suspend() -> Iterator[None]:  # as Textual's: the game comes back when the block ends
        steps.append("away")
        yield
        steps.append("back")

    messages: list[str] = []
    notify = app.notify
    monkeypatch.setattr(app, "suspend", suspend)
    monkeypatch.setattr(
        app, "notify", lambda text, **kw: (messages.append(text), notify(text, **kw))
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert steps in ([], ["away", "back"])  # never left away from the terminal
        assert any(told in message and "$EDITOR" in message for message in messages)
        assert not any("Reloaded" in message for message in messages)  # nothing was edited
        assert app.screen is screen and app.is_running


@pytest.mark.parametrize("saved", [True, False])
async def test_a_deck_is_reloaded_only_when_the_editor_saved_it(
    services_for: Any, monkeypatch: Any, saved: bool
) -> None:
    def editor(path: Path, line: int) -> None:
        if saved:
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    services = services_for(deck_dict(cards()))
    app = KdquizApp(services, edit_file=editor)
    messages: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda text, **kw: (messages.append(text), notify(text, **kw))
    )
    before = services.catalog.deck("test-deck")
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        reloaded = services.catalog.deck("test-deck") is not before
        assert reloaded == saved
        assert any("Reloaded" in message for message in messages) == saved


async def test_rows_are_added_a_page_at_a_time(services_for: Any) -> None:
    many = [
        {"id": f"c{n:04d}", "type": "truefalse", "statement": f"Fact {n}", "answer": True}
        for n in range(PAGE * 2 + 30)
    ]
    app = KdquizApp(services_for(deck_dict(many)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        table = screen.query_one("#cards", DataTable)
        assert table.row_count == PAGE and status(screen).startswith(f"{len(many)} cards")
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == PAGE * 2
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == len(many)


async def test_deck_text_with_markup_is_shown_as_written(services_for: Any) -> None:
    markup = {
        "id": "markup",
        "type": "truefalse",
        "statement": "[bold]Loud[/] [@click=app.quit]quit[/]",
        "answer": True,
        "tags": ["[red]tag[/]"],
    }
    app = KdquizApp(services_for(deck_dict([markup], title="[reverse]Deck[/]")))
    async with app.run_test(size=SIZE) as pilot:
        await open_browser(app, pilot)
        text = screen_text(app)
        assert "[bold]Loud[/] [@click=app.quit]q" in text
        assert "[reverse]Deck[/]" in text and "[red]tag[/]" in text
        await pilot.click("#card-info")
        await pilot.pause()
        assert app.is_running
