"""The stats screen: the chart widgets as a snapshot, and the real screen driven by Pilot."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ui_support import SIZE, deck_dict

from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings
from kdquiz.core.stats import STREAK_PREF, Forecast, calendar
from kdquiz.ui.app import KdquizApp
from kdquiz.ui.screens.stats import StatsScreen
from kdquiz.ui.widgets.charts import CalendarHeatmap, ForecastChart

TODAY = date(2025, 3, 1)
DUE = (12, 3, 0, 5, 8, 1, 0, 0, 2, 9, 4, 0, 0, 6, 3, 1, 0, 0, 0, 7, 2, 0, 1, 0, 0, 3, 0, 0, 1, 0)
ACTIVITY = {TODAY - timedelta(days=n): (n * 7) % 13 for n in range(0, 200, 3) if (n * 7) % 13}


class ChartsApp:
    """A bare app holding the two chart widgets with fixed data (built lazily: textual import)."""

    @staticmethod
    def make() -> Any:
        from textual.app import App, ComposeResult

        class _Charts(App[None]):
            def compose(self) -> ComposeResult:
                yield ForecastChart(Forecast(TODAY, DUE, 4.25), bar_height=6)
                yield CalendarHeatmap(calendar(ACTIVITY, TODAY))

        return _Charts()


def test_forecast_and_heatmap_snapshot(snap_compare: Any) -> None:
    assert snap_compare(ChartsApp.make(), terminal_size=SIZE)


TF = [
    {"id": f"tf{n}", "type": "truefalse", "statement": f"Statement {n}.", "answer": True}
    for n in range(1, 4)
]


async def test_stats_screen_shows_the_store_and_toggles_the_streak(
    services_for: Any, clock: Any
) -> None:
    title = "[b]Sneaky[/b] deck"
    services = services_for(deck_dict(TF, deck_id="sneaky", title=title))
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    for n, rating in enumerate((4, 4, 1)):  # two graduate at once, one is forgotten
        key = ("sneaky", f"tf{n + 1}", "")
        when = clock()
        services.store.record_review(
            key,
            lambda s, r=rating, k=key, w=when: scheduler.review(s, r, w, k),
            rating=rating,
            when=when,
            response_ms=2000,
        )
        clock.advance(10)
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        forecast = screen.query_one(ForecastChart).forecast
        assert forecast is not None and sum(forecast.due) == 3
        assert forecast.due[0] == 1  # the forgotten one is still learning today
        heat = screen.query_one(CalendarHeatmap).calendar
        assert heat is not None and sum(heat.counts.values()) == 3
        assert "3 cards reviewed, 1 again" in str(screen.query_one("#stats-today").render())
        deck_cell = screen.query_one("#stats-decks").get_row_at(0)[0]
        assert deck_cell.plain == title  # shown literally, not as markup
        assert "hidden" in str(screen.query_one("#stats-streak").render())
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert services.store.get_pref(STREAK_PREF) == "on"
        assert "Study streak: 1 day;" in str(screen.query_one("#stats-streak").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_are_computed_once_until_the_store_changes(
    services_for: Any, clock: Any, monkeypatch: Any
) -> None:
    from kdquiz.core import stats

    services = services_for(deck_dict(TF, deck_id="cached", title="Cached"))
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    calls: list[int] = []
    real = stats.collect

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stats, "collect", counting)

    def answer(n: int) -> None:
        key = ("cached", f"tf{n}", "")
        when = clock()
        services.store.record_review(
            key,
            lambda s, k=key, w=when: scheduler.review(s, 3, w, k),
            rating=3,
            when=when,
            response_ms=1000,
        )

    async def show_stats() -> str:
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = str(app.screen.query_one("#stats-today").render())
        await pilot.press("escape")
        await pilot.pause()
        return text

    answer(1)
    app = KdquizApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 card reviewed" in await show_stats()
        assert "1 card reviewed" in await show_stats()
        assert len(calls) == 1  # nothing changed: the same statistics, not computed again
        answer(2)  # a write through the store: the statistics are stale now
        assert "2 cards reviewed" in await show_stats()
        assert len(calls) == 2
