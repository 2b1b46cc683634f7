"""One question on screen: what kind it is, the question text, and the right answer widget."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from kdquiz.core.model import (
    Card,
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
                  order: Sequence[int] = (), reuse: AnswerWidget | None = None) -> AnswerWidget:
    """The widget that collects a response for this item: `reuse`, asking it in place, when it is
    of the same kind and shape, else a new one.

    Choices and order items are shown in `order` (a quiz round draws it) or shuffled with `rng`.
    """
    from kdquiz.core.grading import shuffled

    card = item.card
    if not order and isinstance(card, (MultipleChoice, MultiSelect)):
        order = shuffled(len(card.choices), rng)
    elif not order and isinstance(card, Order):
        order = shuffled(len(card.items), rng, scramble=True)
    widget_class, options = _answer_spec(card, order, quiz)
    if type(reuse) is widget_class and reuse.is_mounted and reuse.renew(**options):
        return reuse
    return widget_class(**options)


def _answer_spec(card: Card, order: Sequence[int], quiz: bool) -> tuple[type[AnswerWidget], dict[str, Any]]:
    """The answer widget's class and its `__init__` (and `renew`) options for this card."""
    if isinstance(card, Flashcard):
        return RevealPrompt, {}
    if isinstance(card, MultipleChoice):
        return ChoiceList, {"choices": card.choices, "order": order, "multi": False}
    if isinstance(card, MultiSelect):
        return ChoiceList, {"choices": card.choices, "order": order, "multi": True}
    if isinstance(card, TrueFalse):
        return TrueFalsePad, {}
    if isinstance(card, Order):
        return OrderList, {"items": card.items, "start": order}
    if isinstance(card, Numeric):
        return TextAnswer, {"placeholder": f"a number{f' ({card.unit})' if card.unit else ''}",
                            "number_unit": card.unit}
    if isinstance(card, Cloze):
        hint = "the missing words" if quiz else "the missing words, or Enter to show the answer"
        return TextAnswer, {"placeholder": hint, "can_reveal": not quiz}
    if isinstance(card, Typed):
        return TextAnswer, {"placeholder": "your answer"}
    raise ValueError(f"no answer widget for {card.kind}")


class QuestionCard(Vertical):
    """The question side. `meta` is the line above it (deck, kind).

    One card stays on screen for a whole session: `show` puts the next item in it in place.
    """

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

    def show(self, item: Item, answer: AnswerWidget, *, meta: str) -> None:
        """Another item: new texts, and `answer` (the current widget renewed, or a new one, which
        takes the focus when it mounts). Anything added below the answer since is removed."""
        self.item, self.meta = item, meta
        self.query_one(".meta", Label).update(meta)
        self.query_one(".prompt", Static).update(Content(question_text(item)))
        self.query_one(".kind-hint", Label).update(KIND_HINTS[item.card.kind])
        # Now, not later: focus moves straight to the answer (a new one takes it when it mounts)
        # and never rests on the scrolling body, whose whole subtree would be restyled twice.
        self.screen.set_focus(answer.focus_target() if answer is self.answer else None)
        stale = [child for child in self.children[3:] if child is not answer]
        if stale:
            self.remove_children(stale)
        if answer is not self.answer:
            self.answer = answer
            self.mount(answer)


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
