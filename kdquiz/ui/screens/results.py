"""After a quiz round: score, accuracy, best streak, personal best, and every miss with its answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Static

from kdquiz.core.model import Deck
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import WRONG, result_lines
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS
from kdquiz.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from kdquiz.core.game import QuizRound
    from kdquiz.ui.app import KdquizApp


class ResultsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings("results.done", "results.again")

    app: KdquizApp

    def __init__(
        self, quiz: QuizRound, previous_best: int | None, player: str, decks: Sequence[Deck]
    ) -> None:
        super().__init__(classes="results")
        self.quiz = quiz
        self.result = quiz.result()
        self.previous_best = previous_best
        self.player = player
        self.decks = list(decks)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="results", classes="panel"):
            who = f" · {safe_text(self.player)}" if self.player else ""
            yield Label(f"Round over{who}", classes="panel-title", markup=False)
            for line in result_lines(self.result, self.previous_best):
                yield Label(line, classes="result-line", markup=False)
            missed = self.result.missed
            yield Label(
                f"Missed ({len(missed)})" if missed else "No misses. Perfect round!",
                classes="section-title",
            )
            with VerticalScroll(id="missed"):
                for miss in missed:
                    question = safe_text(miss.question, multiline=True)
                    yield Static(Content(f"{WRONG} {question}"), classes="missed-question")
                    yield Static(
                        Content(
                            f"   Answer: {safe_text(miss.expected)}   "
                            f"(you: {safe_text(miss.given)})"
                        ),
                        classes="missed-answer",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done", id="results-done", variant="primary", compact=True)
                yield Button("n Play again", id="results-again", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#results-done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_again() if event.button.id == "results-again" else self.action_done()

    def action_done(self) -> None:
        self.app.finish_activity()

    def action_again(self) -> None:
        config = self.quiz.config
        self.app.pop_screen()
        self.app.start_quiz(
            self.decks, mode=str(config.mode), questions=config.questions, player=self.player
        )
