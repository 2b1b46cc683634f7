"""Numbers: an answer with an optional tolerance (absolute, or a percentage) and unit."""

from __future__ import annotations

import re
from decimal import Decimal
from sys import intern

from kdquiz.core.deck_checks import NUMBER
from kdquiz.core.kinds.answer_checks import Outcome, grade_numeric, with_unit
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast
from kdquiz.core.kinds.typed import TYPE_MS_PER_CHAR
from kdquiz.core.model import Card, Item, Kind, Numeric
from kdquiz.core.numbers import is_amount
from kdquiz.core.yamlsafe import Scalar

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping


#: What a tolerance may be, as the problems with one say.
TOLERANCE = "a number or a percentage like 10%"


#: "16 episodes", "30%", "-5 °C", "5km": a number, then its unit: words after a space, or a sign
#: or short unit written on (never "1990s", "3rd", "10x", "3 ½", which are no number and unit).
_WITH_UNIT = re.compile(
    r"\s*([+-]?[0-9]+(?:\.[0-9]+)?)"
    r"(?:\s*(%|°[CF]?|km|cm|mm|kg|mg|ml|min)|\s+([^\W\d_][^\W\d_ .°/-]*"
    r"(?:[ /-][^\W\d_]+){0,3}))\s*"
)
#: Words that make a range or a choice of numbers, not a unit ("16 or 17", "2 to 3").
_NOT_A_UNIT = frozenset("or to and nor than plus minus times".split())
_MAGNITUDES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}


def _number_and_unit(text: str) -> tuple[str, str] | None:
    """("16", "episodes") for "16 episodes": an answer with its unit written after it; for "20
    million", the number in digits and no unit."""
    if NUMBER.match(text.strip()):
        return None  # a number already: the answer every valid deck has
    match = _WITH_UNIT.fullmatch(text)
    if match is None:
        return None
    number, unit = match.group(1), match.group(2) or match.group(3)
    if not unit[0].isalpha() and unit[0] not in "%°":
        return None  # "3 ½" is three and a half
    if set(unit.lower().replace("/", " ").replace("-", " ").split()) & _NOT_A_UNIT:
        return None
    zeros = _MAGNITUDES.get(unit.lower())
    if zeros is not None:
        return format(Decimal(number).scaleb(zeros).normalize(), "f"), ""
    return number, unit


class NumericSpec(KindSpec):
    name = Kind.NUMERIC
    card_class = Numeric
    label = "Give a number"
    class_answer = "number"
    also_called = (
        "number",
        "numerical",
        "numbers",
        "integer",
        "float",
    )
    keys = ("answer", "tolerance", "unit")
    free_text = True
    round_trips = frozenset({"gift"})
    example = """\
  # numeric: a number, with an optional tolerance (absolute, or a percentage like 10%).
  - id: episodes
    type: numeric
    prompt: How many episodes does a typical K-drama season have?
    answer: 16
    tolerance: 2
    unit: episodes
    time_limit: 30
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        answer_node = node.get("answer")
        if (
            isinstance(answer_node, Scalar)
            and node.get("unit") is None
            and (split := _number_and_unit(answer_node.value)) is not None
        ):
            number, unit_words = split
            fix = (
                f"write answer: {number} and unit: {unit_words} (the unit is shown beside the "
                "box, and a learner may type it or not)"
                if unit_words
                else f"write it in digits, answer: {number}"
            )
            check.problem(
                answer_node, f"'answer' must be a number, not {answer_node.value!r}: {fix}"
            )
            return None
        answer = check.number(answer_node, "answer", required=True, parent=node)
        unit = intern(check.text(node.get("unit"), "unit") or "")
        tolerance, percent = 0.0, False
        tol_node = node.get("tolerance")
        if isinstance(tol_node, Scalar) and tol_node.value.strip().endswith("%"):
            raw = tol_node.value.strip()[:-1].strip()
            if NUMBER.match(raw) and float(raw) >= 0:
                tolerance, percent = float(raw), True
            else:
                check.problem(tol_node, f"'tolerance' must be {TOLERANCE}, not {tol_node.value!r}")
                return None
        elif tol_node is not None:
            value = check.number(tol_node, "tolerance", expected=TOLERANCE)
            if value is None:
                return None
            if value < 0:
                check.problem(tol_node, "'tolerance' cannot be negative")
                return None
            tolerance = value
        if answer is None or not isinstance(answer_node, Scalar):
            return None
        return Numeric(
            id=card_id,
            kind=Kind.NUMERIC,
            answer=answer,
            answer_text=answer_node.value.strip(),
            tolerance=tolerance,
            tolerance_percent=percent,
            unit=unit,
            **common,
        )

    def grade(self, item: Item, response: object) -> Outcome:
        return grade_numeric(cast(Numeric, item.card), response)

    def right_response(self, item: Item) -> object:
        return cast(Numeric, item.card).answer_text

    def expected_text(self, item: Item) -> str:
        card = cast(Numeric, item.card)
        text = with_unit(card.answer_text, card.unit)
        if card.tolerance:
            amount = f"{card.tolerance:g}"
            slack = f"{amount}%" if card.tolerance_percent else with_unit(amount, card.unit)
            text += f" (± {slack})"
        return text

    def question_text(self, item: Item) -> str:
        card = cast(Numeric, item.card)
        return f"{card.prompt} ({card.unit})" if card.unit else card.prompt

    def respond_ms(self, item: Item) -> float:
        return len(cast(Numeric, item.card).answer_text) * TYPE_MS_PER_CHAR

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        card = cast(Numeric, item.card)
        while True:
            text = console.ask(f"A number{f' ({card.unit})' if card.unit else ''}:")
            if not text.strip() or is_amount(text, card.unit):
                return "answer", text
            console.say(
                f"“{text}” is not a number. Try something like 20, 20 million or 20,000,000."
            )

    def plain_answer(self, card: Card) -> str:
        from kdquiz.core.syntax.plain import number_text

        card = cast(Numeric, card)
        answer = " ".join(t for t in (card.answer_text, card.unit) if t)
        if card.tolerance:
            slack = (
                f"{number_text(card.tolerance)}%"
                if card.tolerance_percent
                else number_text(card.tolerance)
            )
            answer += f" (± {slack})"
        return answer

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import escape
        from kdquiz.core.syntax.plain import number_text

        card = cast(Numeric, card)
        slack = (
            abs(card.answer) * card.tolerance / 100 if card.tolerance_percent else card.tolerance
        )
        margin = f":{number_text(slack)}" if slack else ""
        return f"{escape(card.prompt)}{{#{card.answer_text}{margin}{general.strip()}}}"

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import BLANK, escape
        from kdquiz.core.syntax.plain import number_text

        card = cast(Numeric, card)
        unit = f" {escape(card.unit)}" if card.unit else ""
        slack = ""
        if card.tolerance:
            slack = f" (± {number_text(card.tolerance)}{'%' if card.tolerance_percent else ''})"
        return (
            f"{escape(card.prompt)}\n\nAnswer: {BLANK}{unit}",
            f"{escape(card.answer_text)}{unit}{slack}",
        )


SPEC = NumericSpec()
