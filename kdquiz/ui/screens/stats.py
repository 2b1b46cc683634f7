"""Stats: today, cards by state, due forecast, study calendar, retention, accuracy, best scores.

Everything is computed by kdquiz.core.stats in a worker thread; this screen only shows it. Deck
titles and player names are shown as plain text (rich `Text` cells, `Content`), never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.charts import CalendarHeatmap, ForecastChart
from kdquiz.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from kdquiz.core.stats import Stats
    from kdquiz.core.store import GameRecord
    from kdquiz.ui.app import KdquizApp


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

    app: KdquizApp
    #: The last statistics shown, with what they were computed from (see `load`).
    cache: ClassVar[tuple[object, Stats, list[GameRecord]] | None] = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Label("Today", classes="section-title")
            yield Static("…", id="stats-today")
            yield Label("Cards by state", classes="section-title")
            yield DataTable(id="stats-decks", cursor_type="none", zebra_stripes=True)
            yield Label("Due in the next 30 days", classes="section-title")
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
        self.query_one("#stats-decks", DataTable).add_columns(
            "Deck", "New", "Learning", "Review", "Relearning", "Due"
        )
        self.query_one("#stats-bests", DataTable).add_columns(
            "Decks", "Mode", "Best", "Right", "Player", "When", "Rounds"
        )
        self.query_one("#stats-games", DataTable).add_columns(
            "When", "Mode", "Player", "Score", "Right"
        )
        self.load()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        """Compute the statistics, or reuse the last ones while the store, the decks and the
        study day are what they were (a million-row log takes a while to aggregate)."""
        from kdquiz.core.queue import study_day
        from kdquiz.core.stats import collect

        services = self.app.services
        settings = services.settings
        store, decks, now = services.store, services.catalog.decks, services.clock()
        zone, rollover = settings.zone(), settings.defaults.rollover_hour
        key = (
            store.change_token(),  # read before the store: a write meanwhile means recompute
            study_day(now, zone, rollover).start,
            id(services.catalog),
            tuple((deck.id, len(deck.cards)) for deck in decks),
            str(zone),
            rollover,
        )
        cached = StatsScreen.cache
        if cached is not None and cached[0] == key:
            stats, games = cached[1], cached[2]
        else:
            stats = collect(store, decks, now=now, tz=zone, rollover_hour=rollover)
            games = store.games()[-10:][::-1]
            StatsScreen.cache = (key, stats, games)
        self.app.call_from_thread(self.show, stats, games)

    def show(self, stats: Stats, games: list[GameRecord]) -> None:
        t = stats.today
        minutes, seconds = divmod(round(t.seconds), 60)
        practised = f", {t.practised} practice/quiz answers" if t.practised else ""
        self.query_one("#stats-today", Static).update(
            Content(
                f"{t.reviewed} cards reviewed, {t.again} again{practised}; "
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
        self.query_one("#stats-load", Static).update(
            Content(f"{sum(forecast.due)} due; daily load {forecast.daily_load:.1f} reviews/day")
        )
        self.query_one(ForecastChart).forecast = forecast
        self.query_one(CalendarHeatmap).calendar = stats.calendar

        r = stats.retention
        lines = [
            f"Young (interval < 21 days):  {_percent(r.young.rate):>6} of {r.young.total} reviews",
            f"Mature (21 days or more):    {_percent(r.mature.rate):>6} of {r.mature.total} "
            "reviews",
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
                    f"Study streak: {s.current} day{'s' if s.current != 1 else ''}{keep}; "
                    f"longest {s.longest}. Press t to hide it."
                )
            )

        bests = self.query_one("#stats-bests", DataTable)
        bests.clear()
        for best in stats.bests:
            titles = " + ".join(safe_text(stats.titles.get(d, d)) for d in best.deck_ids)
            bests.add_row(
                Text(titles, overflow="ellipsis", no_wrap=True),
                Text(safe_text(best.mode)),
                best.score,
                f"{best.correct}/{best.total}",
                Text(safe_text(best.player) or "—"),
                best.when.astimezone(self.app.services.settings.zone()).strftime("%Y-%m-%d"),
                best.games,
            )
        if not stats.bests:
            bests.add_row("—", "no rounds yet", "", "", "", "", "")

        table = self.query_one("#stats-games", DataTable)
        table.clear()
        zone = self.app.services.settings.zone()
        for game in games:
            table.add_row(
                game.finished.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                Text(safe_text(game.mode)),
                Text(safe_text(game.player) or "—"),
                game.score,
                f"{game.correct}/{game.total}",
            )
        if not games:
            table.add_row("—", "no rounds yet", "", "", "")

    def action_toggle_streak(self) -> None:
        from kdquiz.core.stats import STREAK_PREF

        store = self.app.services.store
        store.set_pref(STREAK_PREF, "off" if store.get_pref(STREAK_PREF, "off") == "on" else "on")
        self.load()
