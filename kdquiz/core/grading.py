"""Is this answer right? Asks the item's kind (kdquiz.core.kinds), with the comparisons they share.

Every rule here is written out for teachers and players in docs/grading.md; change both together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from kdquiz.core.inflection import never_a_typo
from kdquiz.core.model import Card, Choice, Cloze, Gap, Item, Numeric
from kdquiz.core.numbers import amount_within
from kdquiz.core.textnorm import (
    edit_distance,
    fold,
    parse_number,
    same_answer,
    same_word,
    typo_allowance,
    words,
)

TYPE_CHECKING = False  # typing and random are only for the type checker here
if TYPE_CHECKING:
    import random

    from kdquiz.core.kinds.base import KindSpec

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

#: What `given` says when nothing was typed or picked.
NO_ANSWER = "(no answer)"


@dataclass(frozen=True)
class Outcome:
    correct: bool  # fully right (after any typo tolerance)
    score: float  # 0.0..1.0 partial credit (multi/order), 1.0 when right, 0.0 when wrong
    expected: str  # the right answer as plain text, for feedback
    given: str  # what the learner answered, as plain text
    hinted: bool = False  # a hint was shown/used
    near_miss: bool = False  # accepted despite a small typo ("Netflx" for "Netflix")
    feedback: str = ""  # per-choice feedback from the deck, if any


def shuffled(n: int, rng: random.Random, *, scramble: bool = False) -> list[int]:
    """A presentation order for n choices or items, drawn from the injected random source.

    `scramble=True` never returns the original order when n > 1: an order question shown in its
    correct order would give the answer away.
    """
    order = list(range(max(0, n)))
    rng.shuffle(order)
    if scramble and n > 1 and order == sorted(order):
        order.append(order.pop(0))
    return order


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
        raise _wrong_type(item.card, knew, "bool")
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
    from kdquiz.core.kinds import KINDS  # the kinds grade with the helpers below

    spec = KINDS.get(item.card.kind)
    if spec is None or not isinstance(item.card, spec.card_class):
        raise ValueError(
            f"card '{item.card.id}' has a kind that cannot be graded: {item.card.kind}"
        )
    return spec


# --- per kind -------------------------------------------------------------------------------


def _grade_text(
    given: str,
    answers: Sequence[str],
    *,
    case_sensitive: bool = False,
    accent_sensitive: bool = False,
) -> Outcome:
    shown = given.strip() or NO_ANSWER
    options = {"case_sensitive": case_sensitive, "accent_sensitive": accent_sensitive}
    typed = fold(given, **options)
    candidates = [(answer, fold(answer, **options)) for answer in answers]
    for answer, folded in candidates:
        if not folded:  # an answer made only of punctuation ("?!") is compared as written
            if answer.strip() and given.strip() == answer.strip():
                return _outcome(True, shown)
        elif _same(typed, folded, inflections=not case_sensitive and not accent_sensitive):
            return _outcome(True, shown)
    # The teacher asked for exact case or accents: then the spelling must be exact too.
    if not case_sensitive and not accent_sensitive:
        if any(folded and _close(typed, folded) for _, folded in candidates):
            return Outcome(True, 1.0, "", shown, near_miss=True)
    return _outcome(False, shown)


def _same(typed: str, expected: str, *, inflections: bool = True) -> bool:
    return same_answer(typed, expected, inflections=inflections)


def _close(typed: str, expected: str) -> bool:
    """Every word within its typo allowance, and words with digits exactly equal."""
    typed_words, expected_words = words(typed), words(expected)
    if not expected_words or len(typed_words) != len(expected_words):
        return False
    for got, want in zip(typed_words, expected_words):
        if same_word(got, want):
            continue
        if any(c.isdigit() for c in got + want):
            return False
        allowed = typo_allowance(want)
        if allowed == 0 or never_a_typo(got, want) or edit_distance(got, want, allowed) > allowed:
            return False
    return True


def _grade_numeric(card: Numeric, response: object) -> Outcome:
    if isinstance(response, bool) or not isinstance(response, (str, int, float)):
        raise _wrong_type(card, response, "str")
    if isinstance(response, str):
        text = typed = response.strip()
    else:
        text = f"{response:g}" if isinstance(response, float) else str(response)
        typed = repr(response)  # every digit, to be read like typed text
    right = amount_within(typed, card.unit, *card.bounds())
    if right is None:
        shown = f"{text} (not a number)" if text else NO_ANSWER
        return _outcome(False, shown)
    return _outcome(right, text)


def _outcome(correct: bool, given: str) -> Outcome:
    return Outcome(correct, 1.0 if correct else 0.0, "", given)


def _finish(outcome: Outcome, item: Item, hinted: bool) -> Outcome:
    """Fill in the expected text and the hint flag once, for every kind."""
    return replace(outcome, expected=expected_text(item), hinted=bool(hinted))


def _gap(item: Item, card: Cloze) -> Gap:
    index = item.gap_index
    if index is None or not 0 <= index < len(card.gaps):
        raise ValueError(f"cloze card '{card.id}' has no gap '{item.sub}'")
    return card.gaps[index]


def _text(response: object, card: Card) -> str:
    if not isinstance(response, str):
        raise _wrong_type(card, response, "str")
    return response


def _index(value: object, card: Card) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(card, value, "int")
    return value


def _wrong_type(card: Card, response: object, wanted: str) -> TypeError:
    return TypeError(
        f"a {card.kind} answer for card '{card.id}' must be {wanted}, not {type(response).__name__}"
    )


def _choice_text(choices: Sequence[Choice], index: int) -> str:
    return choices[index].text if 0 <= index < len(choices) else f"(choice {index} does not exist)"


def _item_text(items: Sequence[str], index: int) -> str:
    return items[index] if 0 <= index < len(items) else f"(item {index} does not exist)"


def _feedback(choices: Sequence[Choice], picks: Iterable[int]) -> str:
    picked = [choices[i] for i in picks if 0 <= i < len(choices)]
    return " ".join(choice.feedback for choice in picked if choice.feedback)


def _yes_no(value: bool) -> str:
    return "True" if value else "False"


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    if len(unit) == 1 and not unit.isalnum():  # a currency sign such as $ or ₩ goes first
        return f"{unit}{number}"
    return f"{number} {unit}"
