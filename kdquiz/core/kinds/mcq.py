"""Multiple choice: one right answer among the choices. A response is the chosen index."""

from __future__ import annotations

from kdquiz.core.kinds._choices import (
    find_choice,
    gift_choices,
    read_choices,
    sheet_choices,
    show_choices,
    shuffled_choices,
)
from kdquiz.core.kinds.answer_checks import Outcome, choice_text, feedback_of, index_of
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast, numbers_in
from kdquiz.core.model import Card, Item, Kind, MultipleChoice
from kdquiz.core.yamlsafe import Scalar, Sequence

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping


class McqSpec(KindSpec):
    name = Kind.MCQ
    card_class = MultipleChoice
    label = "Multiple choice"
    class_answer = "choice"
    also_called = (
        "multiple choice",
        "multiplechoice",
        "multichoice",
        "choice",
        "single choice",
        "mc",
        "radio",
    )
    keys = ("choices", "answer")
    round_trips = frozenset({"gift"})
    example = """\
  # mcq: exactly one right answer; `answer` is copied exactly from the choices.
  - id: first-step
    type: mcq
    prompt: What comes first in making a K-drama?
    choices:
      - The script
      - text: The casting
        feedback: Casting follows once the script is ready.   # shown if this choice is picked
      - The editing
    answer: The script
    source: {doc: article, paragraph: 2}    # paragraph counts non-empty lines from 1
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        read = read_choices(check, node)
        listed = node.get("answer")
        if isinstance(listed, Sequence):
            from kdquiz.core.yaml_hints import as_yaml_value

            one = listed.items[0] if len(listed.items) == 1 else None
            if isinstance(one, Scalar):
                said = f"write the answer without brackets: answer: {as_yaml_value(one.value)}"
            elif not listed.items:
                said = "'answer' is an empty list: write the right choice, as in answer: Seoul"
            else:
                said = (
                    "an mcq card has one right answer: for several, write type: multi and list "
                    "them under answers:"
                )
            check.problem(listed, said)
            return None
        answer = check.text(node.get("answer"), "answer", required=True, parent=node)
        if read is None or answer is None or not read[0]:
            return None
        choices, ok = read
        index = find_choice(check, choices, answer, node.get("answer"))
        if index is None or not ok:
            return None
        return MultipleChoice(
            id=card_id, kind=Kind.MCQ, choices=tuple(c for c, _ in choices), answer=index, **common
        )

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(MultipleChoice, item.card)
        index = index_of(response, card)
        return Outcome(
            index == card.answer,
            1.0 if index == card.answer else 0.0,
            "",
            choice_text(card.choices, index),
            feedback=feedback_of(card.choices, [index]),
        )

    def right_response(self, item: Item) -> object:
        return cast(MultipleChoice, item.card).answer

    def expected_text(self, item: Item) -> str:
        card = cast(MultipleChoice, item.card)
        return choice_text(card.choices, card.answer)

    def guess_rate(self, item: Item) -> float:
        return 1 / max(1, len(cast(MultipleChoice, item.card).choices))

    def presentation_order(self, card: Card, rng: random.Random) -> tuple[int, ...]:
        return shuffled_choices(cast(MultipleChoice, card).choices, rng)

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        show_choices(console, cast(MultipleChoice, item.card).choices, order)
        while True:
            picks = numbers_in(console.ask(f"Your choice (1-{len(order)}):"), len(order))
            if picks is not None and len(picks) == 1:
                return "answer", order[picks[0] - 1]
            console.say(f"Type one number from 1 to {len(order)}.")

    def plain_question(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import lettered

        card = cast(MultipleChoice, card)
        return "\n".join([card.prompt, *lettered([c.text for c in card.choices])])

    def plain_answer(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import LETTERS

        card = cast(MultipleChoice, card)
        return f"{LETTERS[card.answer]}. {card.choices[card.answer].text}"

    def aiken(self, card: Card) -> tuple[str, list[str], int] | None:
        card = cast(MultipleChoice, card)
        return card.prompt, [c.text for c in card.choices], card.answer

    def gift(self, card: Card, general: str) -> str:
        card = cast(MultipleChoice, card)
        marks = ["=" if i == card.answer else "~" for i in range(len(card.choices))]
        return gift_choices(card.prompt, marks, card.choices, general)

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        card = cast(MultipleChoice, card)
        return sheet_choices(card.prompt, "", card.choices, [card.answer], rng)


SPEC = McqSpec()
