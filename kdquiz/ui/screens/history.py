"""The current card's history (`i` in review): every answer, and the chance of recall now."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from kdquiz.core.safe_text import safe_text
from kdquiz.core.stats import CardHistory
from kdquiz.core.wording import RATING_NAMES, format_interval, logged_result
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS


class CardHistoryModal(ModalScreen[None]):
    """Shows a CardHistory; any of Esc, i, q or Enter closes it."""

    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("history.close")

    def __init__(self, title: str, history: CardHistory, pending: str = "") -> None:
        """`pending`: the answer on screen that is saved when the learner goes on, if any."""
        super().__init__(classes="history")
        self.card_title = title
        self.history = history
        self.pending = pending

    def compose(self) -> ComposeResult:
        history = self.history
        if history.retrievability is None:
            recall = "Never reviewed before this answer" if self.pending else "Never reviewed yet"
        else:
            recall = f"Chance of recall now: {history.retrievability:.0%}"
        with Vertical(id="history-box"):
            yield Label(safe_text(self.card_title), id="history-title", markup=False)
            yield Label(recall, id="history-recall", markup=False)
            if self.pending:
                yield Label(self.pending, id="history-pending", markup=False)
            # Stored values may come from an imported file: plain Text cells, never markup.
            table: DataTable[str | Text] = DataTable(
                id="history-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("When", "Mode", "Rating", "Result", "Time", "Next in")
            for row in history.rows:
                table.add_row(
                    row.time.astimezone().strftime("%Y-%m-%d %H:%M"),
                    Text(safe_text(row.mode)),
                    RATING_NAMES.get(row.rating or 0, "—"),
                    logged_result(row.correct, row.score),
                    f"{row.response_ms / 1000:.1f}s",
                    format_interval(row.interval) if row.interval is not None else "—",
                )
            if not history.rows:
                table.add_row("—", "no answers saved yet", "", "", "", "")
            yield table
            yield Label("Esc or i closes", id="history-hint")

    def action_close(self) -> None:
        self.dismiss(None)
