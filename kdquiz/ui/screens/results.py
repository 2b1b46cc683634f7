"""After a quiz round: score, accuracy, best streak, personal best, and every miss with its answer.

Done and Play again are messages to the app (`Done`, `PlayAgain`): the screen starts nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from kdquiz.core.model import Deck
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import missed_question, missed_title, result_lines
from kdquiz.ui.keys import bindings
from kdquiz.ui.screens import SCREENS_CSS, ActivityDone
from kdquiz.ui.widgets.footer import KeysFooter
from kdquiz.ui.widgets.header import app_header

if TYPE_CHECKING:
    from kdquiz.core.game import QuizRound


class ResultsScreen(Screen[None]):
    class PlayAgain(Message):
        """Another round like this one."""

        def __init__(
            self, decks: Sequence[Deck], mode: str, questions: int, player: str, timed: bool
        ) -> None:
            super().__init__()
            self.decks = list(decks)
            self.mode = mode
            self.questions = questions
            self.player = player
            self.timed = timed

    CSS_PATH = SCREENS_CSS
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "results.done",
        "results.again",
        "results.page_down",
        "results.page_up",
        "results.end",
        "results.home",
        "results.down",
        "results.up",
    )

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
        yield app_header()
        with Vertical(id="results", classes="panel"):
            who = f" · {safe_text(self.player)}" if self.player else ""
            over = "Round ended early" if self.result.ended_early else "Round over"
            yield Label(f"{over}{who}", classes="panel-title", markup=False)
            for line in result_lines(self.result, self.previous_best):
                yield Label(line, classes="result-line", markup=False)
            missed = self.result.missed
            yield Label(missed_title(self.result), classes="section-title", markup=False)
            with VerticalScroll(id="missed"):
                for miss in missed:
                    question = safe_text(missed_question(miss), multiline=True)
                    yield Static(Content(question), classes="missed-question")
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

    def action_scroll_missed(self, how: str) -> None:
        """The misses scroll from the keyboard while a button keeps the focus (Enter: Done)."""
        missed = self.query_one("#missed", VerticalScroll)
        {
            "page_down": missed.scroll_page_down,
            "page_up": missed.scroll_page_up,
            "end": missed.scroll_end,
            "home": missed.scroll_home,
            "down": missed.scroll_down,
            "up": missed.scroll_up,
        }[how](animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_again() if event.button.id == "results-again" else self.action_done()

    def action_done(self) -> None:
        self.post_message(ActivityDone())

    def action_again(self) -> None:
        config = self.quiz.config
        self.post_message(
            self.PlayAgain(
                self.decks, str(config.mode), config.questions, self.player, config.timed
            )
        )
