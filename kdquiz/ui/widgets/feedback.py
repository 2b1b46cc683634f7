"""What the learner sees after answering: a `Turn` (kdquiz.core.turn) drawn as widgets.

The turn decides every fact — the verdict, the points, the answer details, the rating and whether
"I was right" is offered; these widgets only draw it and turn keys into messages. --plain draws the
same turn as lines of text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static

from kdquiz.core.safe_text import safe_text
from kdquiz.core.turn import Line, Role, Turn
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.rating_bar import RatingBar

#: The CSS class of each role's line.
CLASSES = {
    Role.VERDICT: "verdict",
    Role.POINTS: "points",
    Role.ANSWER: "answer-side",
    Role.GIVEN: "given",
    Role.EXPECTED: "expected",
    Role.FEEDBACK: "choice-feedback",
    Role.EXPLAIN: "explain",
    Role.SOURCE: "source",
    Role.RATED: "rated",
}


def line_widget(line: Line) -> Widget:
    """One line of a turn. Outside text is made safe and never parsed as markup; the back of a
    card stands on its own, so its label is left out."""
    classes = CLASSES[line.role]
    text = safe_text(line.text, multiline=True) if line.outside else line.text
    if line.role is Role.VERDICT:
        return Label(Content(text), classes=f"{classes} -{line.tone}")
    if not line.outside:
        return Label(Content(text), classes=classes)
    if line.label and line.role is not Role.ANSWER:
        return Static(Content.assemble((f"{line.label}  ", "dim"), text), classes=classes)
    return Static(Content(text), classes=classes)


def turn_widgets(lines: list[Line]) -> Iterator[Widget]:
    for line in lines:
        yield line_widget(line)


def keep_keys_on_feedback(screen: Widget, focused: Widget) -> None:
    """While an answer's feedback is up, the keyboard stays with it (its Enter goes on): a click
    on the answered question, which focuses what was clicked, must not take it away."""
    for panel in screen.query(FeedbackPanel):
        if panel not in focused.ancestors_with_self:
            panel.focus()


class FeedbackPanel(Widget, can_focus=True):
    """A panel that takes the keys after an answer; only its own border shows its focus."""


class StudyFeedback(FeedbackPanel):
    """After an answer in review or practice. 1-4 overrides the inferred rating; Enter commits it.

    For self-graded items (flashcards, a revealed cloze) there is no inferred rating: 1-4 rates and
    continues at once, as in Anki, and Enter means Good.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "feedback.continue",
        "feedback.rate1",
        "feedback.rate2",
        "feedback.rate3",
        "feedback.rate4",
        "feedback.right",
        "feedback.good",
    )

    @dataclass
    class Continue(Message):
        """Commit `turn` as shown."""

        turn: Turn

    def __init__(self, turn: Turn) -> None:
        super().__init__(classes="feedback")
        self.turn = turn

    def _show(self, turn: Turn) -> None:
        self.turn = turn
        self.refresh(recompose=True)
        self.refresh_bindings()

    @property
    def rating(self) -> int:
        return self.turn.rating

    def compose(self) -> ComposeResult:
        turn = self.turn
        yield from turn_widgets(turn.lines())
        if turn.self_graded:
            yield Label(
                "How well did you know it? Press 1-4; Space or Enter means Good.",
                classes="rated",
            )
        yield RatingBar(turn.rating_options(), None if turn.self_graded else turn.rating)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "i_was_right":
            return self.turn.can_overrule
        if action == "good":
            return self.turn.self_graded
        return True

    def action_rate(self, rating: int) -> None:
        if self.turn.self_graded:
            self.post_message(self.Continue(self.turn.rate(rating)))
        else:
            self._show(self.turn.rate(rating))

    def action_continue(self) -> None:
        self.post_message(self.Continue(self.turn))

    def action_good(self) -> None:
        self.action_rate(3)

    def action_i_was_right(self) -> None:
        if self.turn.can_overrule:
            self._show(self.turn.overrule())

    @on(RatingBar.Chosen)
    def _chosen(self, event: RatingBar.Chosen) -> None:
        event.stop()
        self.focus()
        self.action_rate(event.rating)


class QuizFeedback(FeedbackPanel):
    """After a quiz answer: the verdict, the points it added, streak and lives. Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("quiz.next")

    class Continue(Message):
        pass

    def __init__(self, turn: Turn) -> None:
        super().__init__(classes="feedback quiz-feedback")
        self.turn = turn

    def compose(self) -> ComposeResult:
        yield from turn_widgets(self.turn.lines())

    def action_continue(self) -> None:
        self.post_message(self.Continue())

    def on_click(self) -> None:
        self.focus()
