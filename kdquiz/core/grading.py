"""Is this answer right? Asks the item's kind (kdquiz.core.kinds), which compares with the checks
in `kdquiz.core.kinds.answer_checks`; every front-end and the class game grade through here.

Every rule here is written out for teachers and players in docs/grading.md; change both together.
"""

from __future__ import annotations

from dataclasses import replace

from kdquiz.core.kinds import KINDS
from kdquiz.core.kinds.answer_checks import NO_ANSWER, Outcome, shuffled, wrong_type
from kdquiz.core.kinds.base import KindSpec
from kdquiz.core.model import Item
from kdquiz.core.textnorm import parse_number

__all__ = [
    "NO_ANSWER",
    "Outcome",
    "expected_text",
    "grade",
    "parse_number",
    "question_text",
    "self_rated",
    "shuffled",
    "unanswered",
]


def grade(item: Item, response: object, *, hinted: bool = False) -> Outcome:
    """Check `response` (see the contract per kind in `kdquiz.core.kinds`) against the item's card.

    Raises ValueError for flashcards (they are rated by the learner, see `self_rated`) and for an
    item that does not belong to its card (a cloze gap that does not exist), and TypeError when
    the response has the wrong type for the kind. Any value of the right type is graded.
    """
    return _finish(_spec(item).grade(item, response), item, hinted)


def self_rated(item: Item, knew: bool) -> Outcome:
    """The outcome of a flashcard (or a revealed cloze) the learner marked as known or not."""
    if not isinstance(knew, bool):
        raise wrong_type(item.card, knew, "bool")
    given = "knew it" if knew else "didn't know it"
    return Outcome(knew, 1.0 if knew else 0.0, expected_text(item), given)


#: What an unanswered question's outcome says was given.
TIMED_OUT = "(time ran out)"


def unanswered(item: Item, given: str = TIMED_OUT) -> Outcome:
    """A question left without an answer (the timer ran out): wrong, no credit."""
    return Outcome(False, 0.0, expected_text(item), given)


def right_response(item: Item) -> object:
    """The response `grade` takes as fully right (None for flashcards, which are self-rated).

    The UI marks the right choices with it and the benchmarks answer with it.
    """
    return _spec(item).right_response(item)


def expected_text(item: Item) -> str:
    """The right answer as readable plain text, for feedback and the results screen."""
    return _spec(item).expected_text(item)


def question_text(item: Item) -> str:
    """The question as one line of plain text (results screen, plain mode, history)."""
    return _spec(item).question_line(item)


def _spec(item: Item) -> KindSpec:
    spec = KINDS.get(item.card.kind)
    if spec is None or not isinstance(item.card, spec.card_class):
        raise ValueError(
            f"card '{item.card.id}' has a kind that cannot be graded: {item.card.kind}"
        )
    return spec


def _finish(outcome: Outcome, item: Item, hinted: bool) -> Outcome:
    """Fill in the expected text and the hint flag once, for every kind."""
    return replace(outcome, expected=expected_text(item), hinted=bool(hinted))
