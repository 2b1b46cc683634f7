"""Stats: today, cards by state, due forecast, study calendar, retention, accuracy, best scores.

Everything is computed by kdquiz.core.stats, through the `collect` the screen is given, in a
worker thread; this screen only shows it. Deck
titles and player names are shown as plain text (rich `Text` cells, `Content`), never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from kdquiz.core.plural import plural
from kdquiz.core.safe_text import safe_text
from kdquiz.core.stats_text import forecast_lines
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.charts import CalendarHeatmap, ForecastChart
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

if TYPE_CHECKING:
    from kdquiz.core.stats import Stats
    from kdquiz.core.store import GameRecord


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class StatsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS = bindings("stats.back", "stats.streak")

    DEFAULT_CSS = """
    StatsScreen #stats > Static, StatsScreen #stats > ForecastChart,
    StatsScreen #stats > CalendarHeatmap {
        margin: 0 0 1 0;
    }
    """

    def __init__(
        self,
        collect: Callable[[], tuple[Stats, list[GameRecord]]],
        toggle_streak: Callable[[], None],
        zone: Callable[[], tzinfo],
    ) -> None:
        """`collect` gives the stats and the latest rounds (called in a worker thread);
        `toggle_streak` shows or hides the study streak; `zone` is the learner's time zone."""
        super().__init__()
        self.collect = collect
        self.toggle_streak = toggle_streak
        self.zone = zone
        self.left = False

    def compose(self) -> ComposeResult:
        yield app_header()
        with VerticalScroll(id="stats"):
            yield Label("Today", classes="section-title")
            yield Static("…", id="stats-today")
            yield Label("Cards by state", classes="section-title")
            yield DataTable(id="stats-decks", cursor_type="none", zebra_stripes=True)
            yield Label("Forecast", classes="section-title")
            yield Static("", id="stats-load")
            yield ForecastChart(id="stats-forecast")
            yield Label("Study calendar, last 12 months", classes="section-title")
            yield CalendarHeatmap(id="stats-calendar")
            yield Label("True retention and accuracy", classes="section-title")
            yield Static("…", id="stats-retention")
            yield Static("", id="stats-streak")
            yield Label("Quiz personal bests", classes="section-title")
            yield DataTable(id="stats-bests", cursor_type="none", zebra_stripes=True)
            yield Label("Latest quiz rounds", classes="section-title")
            yield DataTable(id="stats-games", cursor_type="none", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        # Fixed widths, the titles' column taking what is left: at 80 columns every column shows.
        room = self.app.size.width - 4 - 2  # the screen's padding, a scrollbar
        self._add_columns("#stats-decks", room, ("Deck", 0), ("New", 5), ("Learning", 8),
                          ("Review", 6), ("Relearning", 10), ("Due", 5))  # fmt: skip
        self._add_columns("#stats-bests", room, ("Decks", 0), ("Mode", 11), ("Best", 5),
                          ("Right", 5), ("Player", 8), ("When", 10), ("Rounds", 6))  # fmt: skip
        self._add_columns("#stats-games", room, ("When", 16), ("Mode", 11), ("Player", 0),
                          ("Score", 6), ("Right", 5))  # fmt: skip
        self.load()

    def _add_columns(self, table_id: str, room: int, *columns: tuple[str, int]) -> None:
        """`columns`: (label, width); the one of width 0 gets the room the others leave."""
        table = self.query_one(table_id, DataTable)
        rest = max(8, room - sum(width + 2 for _, width in columns))
        for label, width in columns:
            table.add_column(label, width=width or rest)

    def on_screen_suspend(self) -> None:
        self.left = True

    def on_screen_resume(self) -> None:
        # Back from a screen on top: the statistics may have changed. (The first showing is
        # loaded by on_mount; loading twice would compute twice at once in two threads.)
        if self.left:
            self.left = False
            self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        stats, games = self.collect()
        self.app.call_from_thread(self.show, stats, games)

    def show(self, stats: Stats, games: list[GameRecord]) -> None:
        t = stats.today
        minutes, seconds = divmod(round(t.seconds), 60)
        practised = f", {plural(t.practised, 'practice/quiz answer')}" if t.practised else ""
        self.query_one("#stats-today", Static).update(
            Content(
                f"{plural(t.reviewed, 'card')} reviewed, {t.again} again{practised}; "
                f"time spent {minutes} min {seconds:02d} s"
            )
        )

        decks = self.query_one("#stats-decks", DataTable)
        decks.clear()
        for row in stats.decks:
            decks.add_row(
                Text(safe_text(row.title), overflow="ellipsis", no_wrap=True),
                row.new,
                row.learning,
                row.review,
                row.relearning,
                row.due_today,
            )

        forecast = stats.forecast
        self.query_one("#stats-load", Static).update(Content("\n".join(forecast_lines(forecast))))
        self.query_one(ForecastChart).forecast = forecast
        self.query_one(CalendarHeatmap).calendar = stats.calendar

        r = stats.retention
        lines = [
            f"Young (interval < 21 days):  {_percent(r.young.rate):>6} of "
            f"{plural(r.young.total, 'review')}",
            f"Mature (21 days or more):    {_percent(r.mature.rate):>6} of "
            f"{plural(r.mature.total, 'review')}",
        ]
        lines += [
            f"{a.kind:<11} {a.rate:>6.1%}  right {a.correct} of {a.answered}"
            for a in stats.accuracy
        ]
        self.query_one("#stats-retention", Static).update(Content("\n".join(lines)))

        streak = self.query_one("#stats-streak", Static)
        if stats.streak is None:
            streak.update(Content("Study streak hidden (press t to show it)."))
        else:
            s = stats.streak
            keep = "" if s.studied_today or not s.current else " (study today to keep it)"
            streak.update(
                Content(
                    f"Study streak: {plural(s.current, 'day')}{keep}; "
                    f"longest {s.longest}. Press t to hide it."
                )
            )

        bests = self.query_one("#stats-bests", DataTable)
        bests.clear()
        for best in stats.bests:
            titles = " + ".join(safe_text(stats.titles.get(d, d)) for d in best.deck_ids)
            length = f" {best.length}" if best.length else ""
            bests.add_row(
                Text(titles, overflow="ellipsis", no_wrap=True),
                Text(safe_text(best.mode) + length, overflow="ellipsis", no_wrap=True),
                best.score,
                f"{best.correct}/{best.total}",
                Text(safe_text(best.player) or "—", overflow="ellipsis", no_wrap=True),
                best.when.astimezone(self.zone()).strftime("%Y-%m-%d"),
                best.games,
            )
        if not stats.bests:
            bests.add_row("—", "no rounds yet", "", "", "", "", "")

        table = self.query_one("#stats-games", DataTable)
        table.clear()
        zone = self.zone()
        for game in games:
            table.add_row(
                game.finished.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                Text(safe_text(game.mode) + ("" if game.complete else " (ended)")),
                Text(safe_text(game.player) or "—", overflow="ellipsis", no_wrap=True),
                game.score,
                f"{game.correct}/{game.total}",
            )
        if not games:
            table.add_row("—", "no rounds yet", "", "", "")

    def action_toggle_streak(self) -> None:
        self.toggle_streak()
        self.load()
