"""Select all that apply: any number of right choices, with partial credit. A response is the
set of chosen indices."""

from __future__ import annotations

from collections.abc import Iterable

from kdquiz.core.kinds._choices import (
    find_choice,
    gift_choices,
    read_choices,
    sheet_choices,
    show_choices,
    shuffled_choices,
)
from kdquiz.core.kinds.answer_checks import (
    NO_ANSWER,
    Outcome,
    choice_text,
    feedback_of,
    index_of,
    wrong_type,
)
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast, numbers_in
from kdquiz.core.model import Card, Item, Kind, MultiSelect

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping


class MultiSpec(KindSpec):
    name = Kind.MULTI
    card_class = MultiSelect
    label = "Select all that apply"
    class_answer = "multi"
    also_called = (
        "multiple answer",
        "multiple answers",
        "multiple response",
        "select all",
        "select all that apply",
        "checkbox",
        "checkboxes",
        "multiselect",
        "multi select",
        "ma",
    )
    keys = ("choices", "answers")
    partial_credit = True
    round_trips = frozenset({"gift"})
    example = """\
  # multi: select all that apply; partial answers earn partial credit.
  - id: crew-roles
    type: multi
    prompt: Which of these work on set during a shoot?
    choices: [Director, Camera operator, Translator of the finished episodes]
    answers: [Director, Camera operator]
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        read = read_choices(check, node)
        answers = check.text_list(node.get("answers"), "answers", required=True, parent=node)
        if answers is not None and not answers:
            check.problem(node.get("answers"), "'answers' is empty: list at least one right choice")
            return None
        if read is None or answers is None or not read[0]:
            return None
        choices, ok = read
        indices: set[int] = set()
        for answer, where in answers:  # each answer is checked, so every wrong one is named
            index = find_choice(check, choices, answer, where)
            if index is None:
                ok = False
            elif index in indices:
                check.problem(where, f"the answer {answer!r} is listed twice")
                ok = False
            else:
                indices.add(index)
        if not ok:
            return None
        return MultiSelect(
            id=card_id,
            kind=Kind.MULTI,
            choices=tuple(c for c, _ in choices),
            answers=frozenset(indices),
            **common,
        )

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(MultiSelect, item.card)
        if isinstance(response, (str, bytes)) or not isinstance(response, Iterable):
            raise wrong_type(card, response, "frozenset[int]")
        picks = frozenset(index_of(value, card) for value in response)
        right = len(picks & card.answers)
        wrong = len(picks - card.answers)
        if card.answers:
            score = max(0.0, (right - wrong) / len(card.answers))
        else:
            score = 1.0 if not picks else 0.0
        given = ", ".join(choice_text(card.choices, i) for i in sorted(picks)) or NO_ANSWER
        return Outcome(
            picks == card.answers,
            score,
            "",
            given,
            feedback=feedback_of(card.choices, sorted(picks)),
        )

    def right_response(self, item: Item) -> object:
        return cast(MultiSelect, item.card).answers

    def expected_text(self, item: Item) -> str:
        card = cast(MultiSelect, item.card)
        return ", ".join(choice_text(card.choices, i) for i in sorted(card.answers)) or "(none)"

    def respond_ms(self, item: Item) -> float:
        return 1000 * max(1, len(cast(MultiSelect, item.card).answers))

    def guess_rate(self, item: Item) -> float:
        # Ticking each box or not at random: one of 2^n sets is the right one.
        return 0.5 ** len(cast(MultiSelect, item.card).choices)

    def presentation_order(self, card: Card, rng: random.Random) -> tuple[int, ...]:
        return shuffled_choices(cast(MultiSelect, card).choices, rng)

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        show_choices(console, cast(MultiSelect, item.card).choices, order)
        while True:
            picks = numbers_in(
                console.ask("Every right choice, e.g. 1 3 (Enter for none):"), len(order)
            )
            if picks is not None:
                return "answer", frozenset(order[p - 1] for p in picks)
            console.say(f"Type numbers from 1 to {len(order)}, separated by spaces.")

    def plain_question(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import lettered

        card = cast(MultiSelect, card)
        return "\n".join(
            [f"{card.prompt} (choose all that apply)", *lettered([c.text for c in card.choices])]
        )

    def plain_answer(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import LETTERS

        card = cast(MultiSelect, card)
        return ", ".join(f"{LETTERS[i]}. {card.choices[i].text}" for i in sorted(card.answers))

    def gift(self, card: Card, general: str) -> str:
        card = cast(MultiSelect, card)
        share = f"{100 / len(card.answers):.5f}".rstrip("0").rstrip(".")
        marks = [
            f"~%{share}%" if i in card.answers else "~%-100%" for i in range(len(card.choices))
        ]
        return gift_choices(card.prompt, marks, card.choices, general)

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        card = cast(MultiSelect, card)
        return sheet_choices(
            card.prompt, " *(choose all that apply)*", card.choices, sorted(card.answers), rng
        )


SPEC = MultiSpec()
