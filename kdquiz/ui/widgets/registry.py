"""One answer widget per question kind, looked up by the kind's name (the core's `KINDS` twin).

The core's kind modules never draw; this registry says, per kind, which widget collects the
response, with what options, and how the TUI words the keys. Adding a kind adds one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from kdquiz.core.model import Item, Kind, MultipleChoice, MultiSelect, Numeric, Order
from kdquiz.ui.widgets.answer import AnswerWidget
from kdquiz.ui.widgets.choice_list import ChoiceList
from kdquiz.ui.widgets.flashcard import RevealPrompt
from kdquiz.ui.widgets.matching_list import HINT as MATCHING_HINT
from kdquiz.ui.widgets.matching_list import MatchingList, matching_options
from kdquiz.ui.widgets.order_list import OrderList
from kdquiz.ui.widgets.text_answer import TextAnswer
from kdquiz.ui.widgets.true_false import TrueFalsePad

#: The widget's `__init__` (and `renew`) options for an item, its presentation order and
#: whether it is asked in a quiz round.
Options = Callable[[Item, Sequence[int], bool], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class AnswerSpec:
    widget: type[AnswerWidget]
    options: Options
    #: What to do, shown under the question.
    hint: str
    #: The widget marks the right parts once the answer is graded (`AnswerWidget.mark`).
    marks: bool = False
    #: What to do in a quiz round, where it differs (a quiz never reveals: it counts).
    quiz_hint: str | None = None

    def hint_for(self, quiz: bool) -> str:
        return self.quiz_hint if quiz and self.quiz_hint is not None else self.hint


def _none(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    return {}


def _choices(multi: bool) -> Options:
    def options(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
        card = cast(MultipleChoice | MultiSelect, item.card)
        return {"choices": card.choices, "order": order, "multi": multi}

    return options


def _order(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    return {"items": cast(Order, item.card).items, "start": order}


def _number(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    unit = cast(Numeric, item.card).unit
    return {"placeholder": f"a number{f' ({unit})' if unit else ''}", "number_unit": unit}


def _gap(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    hint = "the missing words" if quiz else "the missing words, or Enter to show the answer"
    return {"placeholder": hint, "can_reveal": not quiz}


#: In a quiz an empty answer is "I don't know": wrong, and the feedback shows the answer.
GIVE_UP = "Enter on an empty line gives up (counted wrong)"


def _typed(item: Item, order: Sequence[int], quiz: bool) -> dict[str, Any]:
    return {"placeholder": "your answer"}


ANSWER_WIDGETS: dict[str, AnswerSpec] = {
    Kind.FLASHCARD: AnswerSpec(RevealPrompt, _none, "Space or Enter shows the answer"),
    Kind.CLOZE: AnswerSpec(
        TextAnswer,
        _gap,
        "Type the missing words; Enter on an empty line shows the answer",
        quiz_hint=f"Type the missing words; {GIVE_UP}",
    ),
    Kind.MCQ: AnswerSpec(
        ChoiceList, _choices(False), "Press 1-9, or ↑ ↓ and Enter, or click", marks=True
    ),
    Kind.MULTI: AnswerSpec(
        ChoiceList, _choices(True), "Toggle with 1-9 or Space, then Enter to check", marks=True
    ),
    Kind.TRUEFALSE: AnswerSpec(
        TrueFalsePad, _none, "t / y / o for true, f / n / x for false", marks=True
    ),
    Kind.TYPED: AnswerSpec(TextAnswer, _typed, "Type your answer and press Enter"),
    Kind.NUMERIC: AnswerSpec(TextAnswer, _number, "Type a number and press Enter"),
    Kind.ORDER: AnswerSpec(OrderList, _order, "↑ ↓ to pick, Shift+↑ ↓ to move, Enter to check"),
    Kind.MATCHING: AnswerSpec(MatchingList, matching_options, MATCHING_HINT, marks=True),
}
