"""The base every per-kind answer widget shares: it collects a response and posts it up.

Widgets never decide whether an answer is right; the screen hands the response to the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    @dataclass
    class Ready(Message):
        """Mounted with every part composed: the widget can be shown whole."""

        answer: AnswerWidget

    locked: bool = False
    #: What to do, shown under the question (set by `answer_widget` from the kind's registry entry).
    hint: str = ""

    def on_mount(self) -> None:
        # Children are composed before this runs. The card shows the widget and focuses it at
        # once: keys typed the moment the question appears must reach the answer.
        self.post_message(self.Ready(self))

    def lock_answer(self) -> None:
        """No more responses. No CSS class marks it: a class change restyles every row below."""
        self.locked = True

    def answer(self, response: object, *, hinted: bool = False) -> None:
        if self.locked:
            return
        self.lock_answer()
        self.post_message(self.Answered(response, hinted))

    def reveal(self) -> None:
        if self.locked:
            return
        self.lock_answer()
        self.post_message(self.Revealed())

    def unlock(self) -> None:
        """Ask again (after an undo of an uncommitted answer)."""
        self.locked = False

    def renew(self, **options: Any) -> bool:
        """Ask a new item in place, with `options` as `__init__` takes them; False if this widget
        cannot (another shape), and a new one must be mounted instead.

        Updating in place is what keeps the next card within one frame: mounting a new widget tree
        restyles and lays out all of it.
        """
        return False

    def focus_target(self) -> Widget:
        """The widget that takes the keyboard (subclasses with an inner Input override)."""
        return self

    def mark(self, chosen: object, correct: object) -> None:
        """Show which parts were right once the answer is graded; most kinds have nothing to mark."""
