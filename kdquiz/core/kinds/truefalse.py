"""True or false: a statement to judge. A response is a bool."""

from __future__ import annotations

from kdquiz.core.kinds.answer_checks import Outcome, outcome, wrong_type, yes_no
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast
from kdquiz.core.model import Card, Item, Kind, TrueFalse

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.kinds.base import Console
    from kdquiz.core.yamlsafe import Mapping

#: What players type for true and for false: English words and letters, and the O and X of a
#: Korean OX quiz with their Korean words.
TRUE_WORDS = frozenset({"t", "true", "y", "yes", "o", "○", "참", "예", "네", "맞다", "맞아요"})
FALSE_WORDS = frozenset(
    {"f", "false", "n", "no", "x", "×", "거짓", "아니요", "아니오", "틀리다", "틀려요"}
)


def true_or_false(text: str) -> bool | None:
    """The true or false a player typed ("T", "yes.", "O", "거짓"), or None when it is neither."""
    word = text.strip().rstrip(".!").strip().casefold()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


class TrueFalseSpec(KindSpec):
    name = Kind.TRUEFALSE
    card_class = TrueFalse
    label = "True or false"
    class_answer = "truefalse"
    also_called = (
        "true false",
        "true or false",
        "tf",
        "boolean",
        "bool",
        "yes no",
    )
    keys = ("statement", "answer")
    prompt_required = False
    round_trips = frozenset({"gift"})
    example = """\
  # truefalse: answer is true or false (not yes/no).
  - id: live-shoot
    type: truefalse
    statement: Some K-dramas are still being filmed while early episodes air.
    answer: true
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        if node.get("statement") is None and node.get("prompt") is not None:
            check.problem(
                node,
                "'statement' is missing: a true/false card says its claim in statement: "
                "(rename prompt: to statement:, or keep prompt: as the line above it)",
            )
            return None
        statement = check.text(node.get("statement"), "statement", required=True, parent=node)
        answer = check.boolean(node.get("answer"), "answer", required=True, parent=node)
        if statement is None or answer is None:
            return None
        return TrueFalse(
            id=card_id, kind=Kind.TRUEFALSE, statement=statement, answer=answer, **common
        )

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(TrueFalse, item.card)
        if not isinstance(response, bool):
            raise wrong_type(card, response, "bool")
        return outcome(response == card.answer, yes_no(response))

    def right_response(self, item: Item) -> object:
        return cast(TrueFalse, item.card).answer

    def expected_text(self, item: Item) -> str:
        return yes_no(cast(TrueFalse, item.card).answer)

    def question_line(self, item: Item) -> str:
        card = cast(TrueFalse, item.card)
        return f"{card.prompt} {card.statement}".strip()

    def question_text(self, item: Item) -> str:
        card = cast(TrueFalse, item.card)
        return f"{card.prompt}\n\n{card.statement}" if card.prompt else card.statement

    def guess_rate(self, item: Item) -> float:
        return 0.5

    def ask_plain(
        self, console: Console, item: Item, order: tuple[int, ...], *, quiz: bool
    ) -> tuple[str, object]:
        while True:
            answer = true_or_false(console.ask("True or false? (t/f):"))
            if answer is not None:
                return "answer", answer
            console.say("Type t (true) or f (false).")

    def plain_question(self, card: Card) -> str:
        card = cast(TrueFalse, card)
        return "\n".join(t for t in (card.prompt, card.statement, "True or false?") if t)

    def plain_answer(self, card: Card) -> str:
        return "True" if cast(TrueFalse, card).answer else "False"

    def aiken(self, card: Card) -> tuple[str, list[str], int] | None:
        card = cast(TrueFalse, card)
        prompt = "\n".join(t for t in (card.prompt, card.statement) if t)
        return prompt, ["True", "False"], 0 if card.answer else 1

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import escape

        card = cast(TrueFalse, card)
        question = "\n".join(t for t in (card.prompt, card.statement) if t)
        word = "TRUE" if card.answer else "FALSE"
        return f"{escape(question)}{{{word}{general.strip()}}}"

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import escape

        card = cast(TrueFalse, card)
        statement = "\n\n".join(t for t in (escape(card.prompt), escape(card.statement)) if t)
        return f"*(True or false)* {statement}\n\nTrue / False", "True" if card.answer else "False"


SPEC = TrueFalseSpec()
