"""Custom study (`c` on the home screen), for when the day's work is done: what to study, and
how many days or cards. The rules are in kdquiz.core.custom_study; this dialog only asks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from kdquiz.core.custom_study import LABELS, CustomKind, CustomStudy
from kdquiz.core.safe_text import safe_text
from kdquiz.errors import KdquizError
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS

#: What the number field starts at for each kind (Anki's defaults).
START_NUMBER = {CustomKind.AHEAD: 1, CustomKind.NEW: 10, CustomKind.FORGOTTEN: 1}


class CustomStudyModal(ModalScreen[CustomStudy | None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("setup.cancel")

    def __init__(self, deck_titles: Sequence[str]) -> None:
        super().__init__(classes="modal")
        self.deck_titles = list(deck_titles)

    def compose(self) -> ComposeResult:
        with Vertical(id="custom-study", classes="dialog"):
            yield Label("Custom study", classes="dialog-title")
            yield Label(
                safe_text(", ".join(self.deck_titles)),
                id="custom-decks",
                classes="dim",
                markup=False,
            )
            yield Select[str](
                [(LABELS[kind], kind.value) for kind in CustomKind],
                value=CustomKind.AHEAD.value,
                allow_blank=False,
                id="custom-kind",
            )
            with Horizontal(classes="field", id="custom-number-field"):
                yield Label("Days", classes="field-label", id="custom-number-label")
                yield Input("1", id="custom-number", restrict=r"[0-9]*", max_length=4)
            with Horizontal(classes="field", id="custom-search-field"):
                yield Label("Search", classes="field-label")
                yield Input(placeholder="tag:budget  flag:1  is:learn", id="custom-search")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="custom-start", variant="primary", compact=True)
                yield Button("Cancel", id="custom-cancel", compact=True)

    def on_mount(self) -> None:
        self._show_fields(CustomKind.AHEAD)
        self.query_one("#custom-kind", Select).focus()

    @on(Select.Changed, "#custom-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        kind = CustomKind(str(event.value))
        self._show_fields(kind)
        if kind in START_NUMBER:
            self.query_one("#custom-number", Input).value = str(START_NUMBER[kind])

    def _show_fields(self, kind: CustomKind) -> None:
        search = kind is CustomKind.SEARCH
        self.query_one("#custom-search-field").display = search
        self.query_one("#custom-number-field").display = not search
        label = "New cards" if kind is CustomKind.NEW else "Days"
        self.query_one("#custom-number-label", Label).update(label)

    def choice(self) -> CustomStudy | None:
        kind = CustomKind(str(self.query_one("#custom-kind", Select).value))
        text = self.query_one("#custom-number", Input).value
        search = self.query_one("#custom-search", Input).value
        try:
            return CustomStudy(kind, int(text) if text.isdigit() else 0, search).checked()
        except KdquizError as exc:
            self.app.notify(exc.message, severity="error")
            return None

    @on(Button.Pressed, "#custom-start")
    @on(Input.Submitted)
    def _start(self) -> None:
        choice = self.choice()
        if choice is not None:
            self.dismiss(choice)

    @on(Button.Pressed, "#custom-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
