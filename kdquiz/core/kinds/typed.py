"""Typed answers: the learner types the answer; small typos are forgiven (see docs/grading.md)."""

from __future__ import annotations

from kdquiz.core.kinds.answer_checks import Outcome, grade_text, text_of
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, cast
from kdquiz.core.model import Card, Item, Kind, Typed

if TYPE_CHECKING:
    import random

    from kdquiz.core.deck_checks import Checker
    from kdquiz.core.yamlsafe import Mapping

#: Typing speed for the answer, beyond reading (rating inference).
TYPE_MS_PER_CHAR = 300


class TypedSpec(KindSpec):
    name = Kind.TYPED
    card_class = Typed
    label = "Type the answer"
    class_answer = "text"
    also_called = (
        "basic type in the answer",
        "short answer",
        "shortanswer",
        "text",
        "free text",
        "input",
        "type in",
        "type in the answer",
        "written",
        "open",
    )
    keys = ("answer", "accept", "case_sensitive", "accent_sensitive")
    free_text = True
    round_trips = frozenset({"gift"})
    example = """\
  # typed: the learner types the answer; small typos are forgiven.
  - id: network
    type: typed
    prompt: Which streaming service is the article about?
    answer: Netflix
    accept: [Netflix Korea]       # other answers that count as right
    case_sensitive: false
    accent_sensitive: false
"""

    def parse(self, check: Checker, node: Mapping, card_id: str, common: dict) -> Card | None:
        answer = check.text(node.get("answer"), "answer", required=True, parent=node)
        accept = check.text_list(node.get("accept"), "accept") or []
        case = check.boolean(node.get("case_sensitive"), "case_sensitive")
        accent = check.boolean(node.get("accent_sensitive"), "accent_sensitive")
        if answer is None:
            return None
        return Typed(
            id=card_id,
            kind=Kind.TYPED,
            answer=answer,
            accept=tuple(a for a, _ in accept),
            case_sensitive=bool(case),
            accent_sensitive=bool(accent),
            **common,
        )

    def grade(self, item: Item, response: object) -> Outcome:
        card = cast(Typed, item.card)
        return grade_text(
            text_of(response, card),
            (card.answer, *card.accept),
            case_sensitive=card.case_sensitive,
            accent_sensitive=card.accent_sensitive,
            question=card.prompt,
        )

    def right_response(self, item: Item) -> object:
        return cast(Typed, item.card).answer

    def expected_text(self, item: Item) -> str:
        return cast(Typed, item.card).answer

    def respond_ms(self, item: Item) -> float:
        return len(cast(Typed, item.card).answer) * TYPE_MS_PER_CHAR

    def plain_answer(self, card: Card) -> str:
        card = cast(Typed, card)
        return card.answer + (f" (also accepted: {', '.join(card.accept)})" if card.accept else "")

    def gift(self, card: Card, general: str) -> str:
        from kdquiz.core.syntax.gift import answer_line, escape

        card = cast(Typed, card)
        lines = [answer_line("=", a, "") for a in (card.answer, *card.accept)]
        return f"{escape(card.prompt)}{{\n" + "\n".join(lines) + f"\n{general}}}"

    def sheet(self, card: Card, rng: random.Random | None) -> tuple[str, str]:
        from kdquiz.core.syntax.markdown import BLANK, escape

        card = cast(Typed, card)
        accept = (
            f" (also accepted: {', '.join(escape(a) for a in card.accept)})" if card.accept else ""
        )
        return f"{escape(card.prompt)}\n\nAnswer: {BLANK}", escape(card.answer) + accept


SPEC = TypedSpec()
