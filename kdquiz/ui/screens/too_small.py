"""Shown instead of the game while the terminal is smaller than the layout needs."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Label

from kdquiz.ui.keys import bindings


class TooSmallScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("small.quit")

    def __init__(self, width: int, height: int) -> None:
        super().__init__(id="too-small")
        self.min_width = width
        self.min_height = height

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Label(self._text(), id="too-small-text")

    def _text(self) -> str:
        size = self.app.size
        return (
            f"Terminal too small ({size.width}×{size.height}).\n"
            f"kdquiz needs at least {self.min_width}×{self.min_height}.\n"
            "Make the window bigger; your progress is safe."
        )

    def on_resize(self) -> None:
        self.query_one("#too-small-text", Label).update(self._text())
