"""A yes/no question before something that cannot be taken back (ending a quiz round early,
copying a deck): Enter or y says yes, n or Esc says no. Dismisses with True or False."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS


class ConfirmModal(ModalScreen[bool]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("confirm.yes", "confirm.no")

    def __init__(self, title: str, text: str, yes: str, no: str) -> None:
        """`title` and `text` are kdquiz's own words (outside text must be made safe first);
        `yes` and `no` label the buttons."""
        super().__init__(classes="modal")
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.text, id="confirm-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"y {self.yes}", id="confirm-yes", variant="primary", compact=True)
                yield Button(f"n {self.no}", id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()  # so Enter says yes

    @on(Button.Pressed, "#confirm-yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        self.dismiss(False)
