"""The end of a review or practice session: cards, accuracy, time, and what is due tomorrow."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label

from kdquiz.core.plan import Activity
from kdquiz.core.wording import summary_lines, summary_title
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS, ActivityDone
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

if TYPE_CHECKING:
    from kdquiz.core.session import SessionSummary


class SummaryScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("summary.done")

    def __init__(
        self,
        summary: SessionSummary,
        activity: Activity,
        learning_due: datetime | None,
        now: datetime,
    ) -> None:
        super().__init__(classes="summary")
        self.summary = summary
        self.activity = activity
        self.learning_due = learning_due
        self.now = now

    def compose(self) -> ComposeResult:
        yield app_header()
        with Center(), Vertical(id="summary", classes="panel"):
            practice = self.activity is Activity.PRACTICE
            yield Label(summary_title(self.summary, practice), classes="panel-title", markup=False)
            for line in summary_lines(
                self.summary, self.activity is Activity.PRACTICE, self.learning_due, self.now
            ):
                yield Label(line, classes="summary-line", markup=False)
            yield Button("Done", id="summary-done", variant="primary", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-done", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.post_message(ActivityDone())
