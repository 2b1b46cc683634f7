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
            "Items",
            "New",
            "Due",
            "Learned",
        ]
        assert [str(cell) for cell in table.get_row("drama")][:2] == [" ", "Drama basics"]
        await pilot.press("space")
        assert str(table.get_row("drama")[0]) == "●"


async def test_a_warm_start_shows_lazy_decks_and_studies_them(services_for: Any) -> None:
    """The second start reads its decks from the cache with their cards unread: the home screen
    shows them (counts from the worker, tags in the filter) and a review reads the cards it needs."""
    from kdquiz.core.model import LazyDeck
    from kdquiz.core.plan import Activity, all_tags

    tagged = dict(CARDS["mcq"], tags=["casting"])
    first = services_for(deck_dict([tagged, CARDS["cloze"]], "drama", "Drama basics"))
    first.store.close()
    services = services_for()  # the same data directory, now with a warm cache
    (deck,) = services.catalog.decks
    assert isinstance(deck, LazyDeck) and not deck.loaded
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#decks", DataTable)
        items = first.catalog.decks[0].item_count()
        assert str(table.get_row("drama")[2]) == str(items)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The counting worker, after the first frame, built only the cards it counted as new
        # today: the deck's other cards are still unread.
        assert not deck.loaded
        new = str(table.get_row("drama")[3])
        assert new == str(items)  # nothing studied yet: every item is new today
        assert "casting" in all_tags(app.decks)  # what the tag filter offers
        app.start_study([deck], Activity.REVIEW)
        await pilot.pause()
        assert type(app.screen).__name__ == "StudyScreen" and app.screen.item is not None


async def test_a_failed_daily_backup_is_told_after_the_first_frame(services_for: Any) -> None:
    services = services_for([CARDS["typed"]])
    services.store.warnings.append("Today's backup could not be made: the disk is full.")
    app = KdquizApp(services)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (told.append(message), notify(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert told == ["Today's backup could not be made: the disk is full."]
