"""Before a quiz round: the mode, how many questions, and who is playing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Input, Label, Select

from kdquiz.core.safe_text import safe_text
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS

MODES = (
    ("classic", "Classic: a round of questions, 20 s each"),
    ("survival", "Survival: 3 lives, the third miss ends it"),
    ("time-attack", "Time attack: as many as you can in 60 s"),
)


@dataclass(frozen=True)
class QuizChoice:
    mode: str
    questions: int
    player: str
    timed: bool = True


class QuizSetupModal(ModalScreen[QuizChoice | None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("setup.cancel")

    def __init__(self, deck_titles: Sequence[str], *, timed: bool = True) -> None:
        """`timed`: the timer's setting (settings.toml's quiz_timer), which the dialog starts at."""
        super().__init__(classes="modal")
        self.deck_titles = list(deck_titles)
        self.timed = timed

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-setup", classes="dialog"):
            yield Label("Quiz round", classes="dialog-title")
            yield Label(safe_text(", ".join(self.deck_titles)), classes="dim", markup=False)
            # A Select rather than radio buttons: the choice reads as words, not as a colour.
            yield Select[str](
                [(text, mode) for mode, text in MODES],
                value="classic",
                allow_blank=False,
                id="quiz-mode",
            )
            with Horizontal(classes="field"):
                yield Label("Questions", classes="field-label")
                yield Input(
                    "10",
                    id="quiz-questions",
                    validators=[Integer(1, 500)],
                    restrict=r"[0-9]*",
                    max_length=3,
                )
            with Horizontal(classes="field"):
                yield Label("Player", classes="field-label")
                yield Input(placeholder="your name (optional)", id="quiz-player", max_length=40)
            yield Checkbox(
                "Timer: a countdown, and faster answers earn more",
                self.timed,
                id="quiz-timer",
                compact=True,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="quiz-start", variant="primary", compact=True)
                yield Button("Cancel", id="quiz-cancel", compact=True)

    def on_mount(self) -> None:
        # The mode first, as the dialog reads; Tab goes on to the questions, the player and Start.
        self.query_one("#quiz-mode", Select).focus()

    def choice(self) -> QuizChoice | None:
        text = self.query_one("#quiz-questions", Input).value
        if not text.isdigit() or not 1 <= int(text) <= 500:
            self.app.notify("Questions: give a number from 1 to 500.", severity="error")
            return None
        mode = str(self.query_one("#quiz-mode", Select).value)
        player = self.query_one("#quiz-player", Input).value.strip()
        timed = self.query_one("#quiz-timer", Checkbox).value
        if not timed and mode == "time-attack":
            self.app.notify(
                "Time attack races the clock: turn the timer on, or pick classic or survival.",
                severity="error",
            )
            return None
        return QuizChoice(mode, int(text), player, timed)

    @on(Button.Pressed, "#quiz-start")
    @on(Input.Submitted)
    def _start(self) -> None:
        choice = self.choice()
        if choice is not None:
            self.dismiss(choice)

    @on(Button.Pressed, "#quiz-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
