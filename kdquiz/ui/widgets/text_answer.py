"""A typed answer (typed, numeric, cloze) in an Input; Enter submits."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from kdquiz.core.safe_text import safe_text
from kdquiz.core.store.values import MAX_ANSWER_CHARS
from kdquiz.ui.widgets.answer import AnswerWidget


class TextAnswer(AnswerWidget):
    """`number_unit` is set for numeric cards: text that is not a number is refused with a hint.

    `can_reveal` (cloze in study mode): Enter on an empty line reveals the answer for self-grading.
    """

    def __init__(
        self, *, placeholder: str, number_unit: str | None = None, can_reveal: bool = False
    ) -> None:
        super().__init__(classes="text-answer")
        self.placeholder = placeholder
        self.number_unit = number_unit
        self.can_reveal = can_reveal

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=self.placeholder,
            id="answer-input",
            select_on_focus=False,
            max_length=MAX_ANSWER_CHARS,
        )
        yield Static(classes="input-hint")

    def focus_target(self) -> Input:
        return self.query_one(Input)

    def renew(self, **options: Any) -> bool:
        self.placeholder = options["placeholder"]
        self.number_unit = options.get("number_unit")
        self.can_reveal = options.get("can_reveal", False)
        self.unlock()
        field = self.query_one(Input)
        field.placeholder = self.placeholder
        field.clear()
        self.query_one(".input-hint", Static).update("")
        return True

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        hint = self.query_one(".input-hint", Static)
        if not text and self.can_reveal:
            self.reveal()
        elif text and self.number_unit is not None and not self._is_number(text):
            hint.update(
                Content(
                    f"“{safe_text(text)}” is not a number. Try something like 20, 20 million or 20,000,000."
                )
            )
            return
        else:
            self.answer(event.value)
        if self.locked:
            hint.update("")
            self.query_one(Input).disabled = True

    def _is_number(self, text: str) -> bool:
        from kdquiz.core.numbers import is_amount

        return is_amount(text, self.number_unit or "")

    def unlock(self) -> None:
        super().unlock()
        self.query_one(Input).disabled = False
