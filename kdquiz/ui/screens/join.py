"""A player's screen of a class game (`kdquiz join` in a terminal): what the host sends, line by
line, and a box to type answers in, read exactly as in plain mode (a number, "1 3", t/f, text).

Thin: `say` adds a line (already safe text); Enter posts `Typed` up, and the app sends it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, RichLog

from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.header import app_header


class Typed(Message):
    """The player typed a line and pressed Enter."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class JoinScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    def compose(self) -> ComposeResult:
        yield app_header()
        with Vertical(id="join", classes="panel"):
            # Wrapped to the screen (of any width): a long question is read whole, not cut off.
            yield RichLog(
                id="join-log", wrap=True, min_width=1, markup=False, highlight=False,
                auto_scroll=True,
            )  # fmt: skip
            yield Input(id="join-answer", placeholder="Your answer, then Enter", max_length=200)

    def on_mount(self) -> None:
        self.query_one("#join-answer", Input).focus()

    def say(self, text: str) -> None:
        """One line from the game: kdquiz's words, names and deck text already made safe."""
        self.query_one("#join-log", RichLog).write(Text(text))  # Text: never read as markup

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.clear()
        self.post_message(Typed(event.value))
