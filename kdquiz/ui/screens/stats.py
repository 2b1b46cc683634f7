"""Stats: per deck progress and best quiz scores, plus the latest rounds. Charts come later."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

if TYPE_CHECKING:
    from kdquiz.core.queue import DeckCounts
    from kdquiz.core.store import GameRecord
    from kdquiz.ui.app import KdquizApp

MODES = ("classic", "survival", "time-attack")


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.pop_screen", "Back")]

    app: KdquizApp

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="stats"):
            yield Label("Decks", classes="section-title")
            yield DataTable(id="stats-decks", cursor_type="none", zebra_stripes=True)
            yield Label("Latest quiz rounds", classes="section-title")
            yield DataTable(id="stats-games", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        decks = self.query_one("#stats-decks", DataTable)
        decks.add_columns("Deck", "New", "Due", "Learned", "Best classic", "Best survival",
                          "Best time attack")
        games = self.query_one("#stats-games", DataTable)
        games.add_columns("When", "Mode", "Player", "Score", "Right")
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        services = self.app.services
        now = services.clock()
        rows = []
        for deck in services.catalog.decks:
            counts = services.store.deck_counts(deck, now, services.settings)
            bests = [services.store.personal_best((deck.id,), mode) for mode in MODES]
            rows.append((deck.title, counts, bests))
        games = services.store.games()[-10:][::-1]
        self.app.call_from_thread(self._show, rows, games)

    def _show(self, rows: list[tuple[str, DeckCounts, list[int | None]]],
              games: list[GameRecord]) -> None:
        decks = self.query_one("#stats-decks", DataTable)
        for title, counts, bests in rows:
            decks.add_row(Text(title, overflow="ellipsis", no_wrap=True), counts.new, counts.due,
                          counts.learned, *("—" if b is None else str(b) for b in bests))
        table = self.query_one("#stats-games", DataTable)
        zone = self.app.services.settings.zone()
        for game in games:
            table.add_row(game.finished.astimezone(zone).strftime("%Y-%m-%d %H:%M"), game.mode,
                          Text(game.player or "—"), game.score, f"{game.correct}/{game.total}")
        if not games:
            table.add_row("—", "no rounds yet", "", "", "")
