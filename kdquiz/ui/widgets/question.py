"""One question on screen: what kind it is, the question text, and the right answer widget."""

from __future__ import annotations

import random
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from kdquiz.core.model import (
    Cloze,
    Flashcard,
    Item,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
)
from kdquiz.ui.widgets.answer import AnswerWidget
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.flashcard import RevealPrompt
from kdquiz.ui.widgets.order_list import OrderList
from kdquiz.ui.widgets.text_answer import TextAnswer
from kdquiz.ui.widgets.true_false import TrueFalsePad
from kdquiz.ui.wording import KIND_HINTS, KIND_LABELS, question_text


def answer_widget(item: Item, rng: random.Random, *, quiz: bool = False,
                  order: Sequence[int] = ()) -> AnswerWidget:
    """The widget that collects a response for this item.

    Choices and order items are shown in `order` (a quiz round draws it) or shuffled with `rng`.
    """
    from kdquiz.core.grading import shuffled

    card = item.card
    if not order and isinstance(card, (MultipleChoice, MultiSelect)):
        order = shuffled(len(card.choices), rng)
    elif not order and isinstance(card, Order):
        order = shuffled(len(card.items), rng, scramble=True)
    if isinstance(card, Flashcard):
        return RevealPrompt()
    if isinstance(card, MultipleChoice):
        return ChoiceList(card.choices, order, multi=False)
    if isinstance(card, MultiSelect):
        return ChoiceList(card.choices, order, multi=True)
    if isinstance(card, TrueFalse):
        return TrueFalsePad()
    if isinstance(card, Order):
        return OrderList(card.items, order)
    if isinstance(card, Numeric):
        return TextAnswer(placeholder=f"a number{f' ({card.unit})' if card.unit else ''}",
                          number_unit=card.unit)
    if isinstance(card, Cloze):
        hint = "the missing words" if quiz else "the missing words, or Enter to show the answer"
        return TextAnswer(placeholder=hint, can_reveal=not quiz)
    if isinstance(card, Typed):
        return TextAnswer(placeholder="your answer")
    raise ValueError(f"no answer widget for {card.kind}")


class QuestionCard(Vertical):
    """The question side. `meta` is the line above it (deck, kind)."""

    def __init__(self, item: Item, answer: AnswerWidget, *, meta: str) -> None:
        super().__init__(classes="question")
        self.item = item
        self.answer = answer
        self.meta = meta

    def compose(self) -> ComposeResult:
        yield Label(self.meta, classes="meta", markup=False)
        yield Static(Content(question_text(self.item)), classes="prompt")
        yield Label(KIND_HINTS[self.item.card.kind], classes="kind-hint")
        yield self.answer

    def on_mount(self) -> None:
        # Focus at once (children are mounted before this runs): keys typed the moment the
        # question appears must reach the answer, not the screen.
        self.answer.focus_answer()


def kind_label(item: Item) -> str:
    label = KIND_LABELS[item.card.kind]
    if item.sub == "reverse":
        return f"{label} (reversed)"
    if item.sub.startswith("c"):
        return f"{label} {item.sub[1:]}"
    return label


def correct_response(item: Item) -> object:
    """The right response for kinds whose widget marks choices (mcq, multi, truefalse), else None."""
    card = item.card
    if isinstance(card, MultipleChoice):
        return card.answer
    if isinstance(card, MultiSelect):
        return card.answers
    if isinstance(card, TrueFalse):
        return card.answer
    return None
