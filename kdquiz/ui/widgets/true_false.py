"""True or false: t / y, f / n, or the two buttons."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Button

from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.answer import AnswerWidget


class TrueFalsePad(AnswerWidget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = bindings("answer.true", "answer.false")

    def __init__(self, *, yes: str = "True", no: str = "False") -> None:
        super().__init__(classes="true-false")
        self.labels = {True: yes, False: no}

    def compose(self) -> ComposeResult:
        yes = Button(self._label(True), id="tf-true", compact=True)
        no = Button(self._label(False), id="tf-false", compact=True)
        yes.can_focus = no.can_focus = False
        yield yes
        yield no

    def _label(self, value: bool, sign: str = " ") -> str:
        return f"{sign} {'t' if value else 'f'}  {self.labels[value]}"

    def renew(self, **options: Any) -> bool:
        self.unlock()
        for value, button in ((True, "#tf-true"), (False, "#tf-false")):
            widget = self.query_one(button, Button)
            widget.label = self._label(value)
            widget.remove_class("-right", "-wrong")
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.locked

    def action_pick(self, value: bool) -> None:
        self.answer(value)

    @on(Button.Pressed, "#tf-true, #tf-false")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer(event.button.id == "tf-true")

    def mark(self, chosen: object, correct: object) -> None:
        for value, button in ((True, "#tf-true"), (False, "#tf-false")):
            widget = self.query_one(button, Button)
            sign = "✓" if value == correct else ("✗" if value == chosen else " ")
            widget.label = self._label(value, sign)
            widget.set_class(value == correct, "-right")
            widget.set_class(value == chosen and value != correct, "-wrong")


class KnewItPad(TrueFalsePad, inherit_bindings=False):
    """A flashcard in a quiz, after the reveal: did the player know it?"""

    BINDINGS: ClassVar[list[BindingType]] = bindings("answer.knew", "answer.didnt")

    def __init__(self) -> None:
        super().__init__(yes="I knew it", no="I didn't")

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, Button):
                widget.label = str(widget.label).replace(" t ", " y ").replace(" f ", " n ")
            yield widget
