"""The home screen at start-up: counts that arrive after the table is gone, and plain cells."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable
from ui_support import CARDS, SIZE, deck_dict

from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.home import HomeScreen


async def test_counts_arriving_after_the_table_is_removed_are_dropped(services_for: Any) -> None:
    # Quitting right after start: the counting worker can finish while the screen is torn down.
    app = KdquizApp(services_for(deck_dict([CARDS["mcq"]], "drama", "Drama basics")))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        counts = dict(home.counts)
        await home.query_one("#decks", DataTable).remove()
        home._counted(counts, home.tag)  # must not raise NoMatches
        assert home.counts == counts


async def test_deck_rows_show_plain_text(services_for: Any) -> None:
    app = KdquizApp(
        services_for(deck_dict([CARDS["mcq"], CARDS["cloze"]], "drama", "Drama basics"))
    )
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#decks", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            " ",
            "Deck",
            "Cards",
            "New",
            "Due",
            "Learned",
        ]
        assert [str(cell) for cell in table.get_row("drama")][:2] == [" ", "Drama basics"]
        await pilot.press("space")
        assert str(table.get_row("drama")[0]) == "●"
