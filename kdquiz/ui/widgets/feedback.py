"""What the learner sees after answering: right or wrong in words and a symbol, the answer,
the explanation, the source and (in study) the rating with when the card comes back."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Card, Deck, Item
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import (
    RATING_NAMES,
    RIGHT,
    answer_text,
    comes_back,
    lives_text,
    source_line,
    verdict,
)
from kdquiz.ui.keys import bindings
from kdquiz.ui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:
    from kdquiz.core.grading import Outcome


def answer_details(item: Item, deck: Deck | None, outcome: Outcome | None) -> Iterator[Widget]:
    """The answer lines, choice feedback, explanation and source, each as plain text."""
    card = item.card
    if outcome is None:
        yield Static(Content(safe_text(answer_text(item), multiline=True)), classes="answer-side")
    else:
        if spec_of(card).free_text or not outcome.correct:
            given = safe_text(outcome.given) if outcome.given.strip() else "(nothing)"
            yield Static(Content.assemble(("You answered  ", "dim"), given), classes="given")
        if not outcome.correct or outcome.near_miss:
            yield expected_line(outcome.expected)
        if outcome.feedback:
            yield Static(
                Content(safe_text(outcome.feedback, multiline=True)), classes="choice-feedback"
            )
    yield from explain_and_source(deck, card)


def expected_line(expected: str) -> Static:
    return Static(
        Content.assemble(("Right answer  ", "dim"), safe_text(expected, multiline=True)),
        classes="expected",
    )


def explain_and_source(deck: Deck | None, card: Card) -> Iterator[Widget]:
    """The card's explanation and where it comes from, as plain, safe text."""
    if card.explain:
        yield Static(Content(safe_text(card.explain, multiline=True)), classes="explain")
    source = source_line(deck, card)
    if source:
        yield Static(Content.assemble(("Source  ", "dim"), safe_text(source)), classes="source")


def verdict_label(outcome: Outcome | None, *, timed_out: bool = False) -> Label:
    symbol, words = verdict(outcome, timed_out=timed_out)
    label = Label(f"{symbol} {words}".strip(), classes="verdict")
    if timed_out or (outcome is not None and not outcome.correct):
        label.add_class("-partly" if outcome is not None and outcome.score > 0 else "-wrong")
    elif outcome is not None:
        label.add_class("-right")
    return label


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
        rating: int
        overruled: bool

    rating: reactive[int] = reactive(3)

    def __init__(
        self,
        item: Item,
        deck: Deck | None,
        outcome: Outcome | None,
        *,
        suggested: int,
        previews: Mapping[int, timedelta] | None,
        practice: bool = False,
    ) -> None:
        super().__init__(classes="feedback")
        self.item = item
        self.deck = deck
        self.outcome = outcome
        self.suggested = suggested
        self.previews = dict(previews or {})
        self.practice = practice
        self.overruled = False
        self.set_reactive(StudyFeedback.rating, suggested)

    @property
    def self_graded(self) -> bool:
        return self.outcome is None

    def compose(self) -> ComposeResult:
        if not self.self_graded:
            yield verdict_label(self.outcome)
        yield from answer_details(self.item, self.deck, self.outcome)
        yield Label(self._rated_text(), classes="rated")
        yield RatingBar(
            self.previews if not self.practice else None, None if self.self_graded else self.rating
        )

    def _rated_text(self) -> str:
        if self.self_graded:
            return "How well did you know it? Press 1-4; Space or Enter means Good."
        how = "your rating" if self.rating != self.suggested or self.overruled else "inferred"
        when = comes_back(None if self.practice else self.previews.get(self.rating))
        return f"Rated {RATING_NAMES[self.rating]} ({how}) · {when}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "i_was_right":
            return (
                self.outcome is not None
                and not self.outcome.correct
                and not self.overruled
                and spec_of(self.item.card).free_text
            )
        if action == "good":
            return self.self_graded
        return True

    def watch_rating(self) -> None:
        if self.is_mounted:
            self.query_one(".rated", Label).update(self._rated_text())
            if not self.self_graded:
                self.query_one(RatingBar).selected = self.rating

    def action_rate(self, rating: int) -> None:
        if self.self_graded:
            self.post_message(self.Continue(rating, False))
        else:
            self.rating = rating

    def action_continue(self) -> None:
        self.post_message(self.Continue(self.rating, self.overruled))

    def action_good(self) -> None:
        self.action_rate(3)

    def action_i_was_right(self) -> None:
        self.overruled = True
        self.query_one(".verdict", Label).update(f"{RIGHT} Counted as right (you said so)")
        self.query_one(".verdict", Label).set_classes("verdict -right")
        self.rating = 3
        self.watch_rating()
        self.refresh_bindings()

    @on(RatingBar.Chosen)
    def _chosen(self, event: RatingBar.Chosen) -> None:
        event.stop()
        self.focus()
        self.action_rate(event.rating)


class QuizFeedback(FeedbackPanel):
    """After a quiz answer: points, streak and lives. Enter moves on."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("quiz.next")

    class Continue(Message):
        pass

    def __init__(
        self,
        item: Item,
        deck: Deck | None,
        outcome: Outcome,
        *,
        timed_out: bool,
        points: int,
        streak: int,
        streak_bonus: int,
        score: int,
        lives: int | None,
        lives_total: int,
    ) -> None:
        super().__init__(classes="feedback quiz-feedback")
        self.item = item
        self.deck = deck
        self.outcome = outcome
        self.timed_out = timed_out
        self.points = points
        self.streak = streak
        self.streak_bonus = streak_bonus
        self.score = score
        self.lives = lives
        self.lives_total = lives_total

    def compose(self) -> ComposeResult:
        yield verdict_label(self.outcome, timed_out=self.timed_out)
        bonus = f" (incl. streak bonus +{self.streak_bonus})" if self.streak_bonus else ""
        parts = [f"+{self.points} points{bonus}", f"Score {self.score}", f"Streak {self.streak}"]
        if self.lives is not None:
            parts.append(f"Lives {lives_text(self.lives, self.lives_total)}")
        yield Label(" · ".join(parts), classes="points")
        shown = self.outcome if not self.timed_out else None
        if shown is None:
            yield expected_line(self.outcome.expected)
            yield from explain_and_source(self.deck, self.item.card)
        else:
            yield from answer_details(self.item, self.deck, shown)

    def action_continue(self) -> None:
        self.post_message(self.Continue())

    def on_click(self) -> None:
        self.focus()
