"""The base every per-kind answer widget shares: it collects a response and posts it up.

Widgets never decide whether an answer is right; the screen hands the response to the core.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget


class AnswerWidget(Widget):
    """Collects one response for one item, then locks."""

    DEFAULT_CSS = "AnswerWidget { height: auto; }"

    @dataclass
    class Answered(Message):
        """The learner answered; `response` has the type `kdquiz.core.grading.grade` expects."""

        response: object
        hinted: bool = False

    class Revealed(Message):
        """The learner asked to see the answer and rate themselves (flashcards, cloze)."""

    locked: bool = False

    def answer(self, response: object, *, hinted: bool = False) -> None:
        if self.locked:
            return
        self.locked = True
        self.add_class("-locked")
        self.post_message(self.Answered(response, hinted))

    def reveal(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.add_class("-locked")
        self.post_message(self.Revealed())

    def unlock(self) -> None:
        """Ask again (after an undo of an uncommitted answer)."""
        self.locked = False
        self.remove_class("-locked")

    def focus_answer(self) -> None:
        """Give the keyboard to this widget (subclasses with an inner Input override)."""
        self.focus()

    def mark(self, chosen: object, correct: object) -> None:
        """Show which parts were right once the answer is graded; most kinds have nothing to mark."""
