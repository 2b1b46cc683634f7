"""The 'show answer' step of a flashcard (and of a cloze the learner chose to self-grade)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget


class RevealPrompt(AnswerWidget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = bindings("answer.show")

    def compose(self) -> ComposeResult:
        yield Static("▸ Show answer  (Space)", classes="reveal-button")

    def renew(self, **options: Any) -> bool:
        self.unlock()
        return True

    def lock_answer(self) -> None:
        # Once the answer shows, Space rates Good: the hint that Space shows it would be wrong.
        super().lock_answer()
        for hint in self.query(".reveal-button"):
            hint.display = False

    def unlock(self) -> None:
        super().unlock()
        for hint in self.query(".reveal-button"):
            hint.display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.locked

    def action_show(self) -> None:
        self.reveal()

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.reveal()
