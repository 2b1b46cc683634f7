"""A question as the players see it, and their answers turned back into the kinds' responses.

Players answer with the original numbers of choices and items (each is sent with its number, in
the shuffled order the host drew), so grading is the kinds' own (`kdquiz.core.grading.grade`).
Each kind says how a player answers it (`KindSpec.class_answer`); kinds the learner rates
themselves (flashcards) have no such answer and are skipped when hosting. A cloze item is one gap,
typed as a typed card's answer is.
"""

from __future__ import annotations

from typing import cast

from kdquiz.classroom.protocol import ProtocolError
from kdquiz.core.kinds import KINDS, spec_of
from kdquiz.core.kinds.matching import Matching, split_order
from kdquiz.core.model import Item, MultipleChoice, MultiSelect, Numeric, Order

#: The kinds a phone can answer.
PLAYABLE = frozenset(name for name, spec in KINDS.items() if spec.class_answer is not None)


def playable(item: Item) -> bool:
    return spec_of(item.card).class_answer is not None


def _answer_shape(item: Item) -> str:
    shape = spec_of(item.card).class_answer
    if shape is None:
        raise ValueError(f"a {item.card.kind} card is not played in a class game")
    return shape


def question_view(item: Item, order: tuple[int, ...]) -> dict[str, object]:
    """What a player needs to answer `item`, with choices in the drawn `order`."""
    card = item.card
    answer = _answer_shape(item)
    view: dict[str, object] = {"answer": answer, "text": spec_of(card).question_text(item)}
    if isinstance(card, MultipleChoice | MultiSelect):
        view["choices"] = _numbered([c.text for c in card.choices], order)
    elif isinstance(card, Order):
        view["items"] = _numbered(list(card.items), order)
    elif isinstance(card, Matching):
        left, right = split_order(card, order)
        view["left"] = [{"id": i, "text": card.pairs[i][0]} for i in left]
        view["right"] = [{"id": i, "text": card.rights()[i]} for i in right]
    elif isinstance(card, Numeric) and card.unit:
        view["unit"] = card.unit
    return view


def response_for(item: Item, value: object) -> object:
    """The kind's response for a player's answer; ProtocolError when it has the wrong shape."""
    answer = _answer_shape(item)
    card = item.card
    if answer == "truefalse":
        if not isinstance(value, bool):
            raise ProtocolError("a true/false answer is true or false")
        return value
    if answer in ("text", "number"):
        if not isinstance(value, str):
            raise ProtocolError("a typed answer is text")
        return value
    if answer == "choice":
        count = len(cast(MultipleChoice, card).choices)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
            raise ProtocolError(f"a choice answer is one choice number from 0 to {count - 1}")
        return value
    if not isinstance(value, tuple):
        raise ProtocolError("this answer is a list of numbers")
    if answer == "multi":
        count = len(cast(MultiSelect, card).choices)
        if not all(0 <= v < count for v in value):
            raise ProtocolError(f"choice numbers go from 0 to {count - 1}")
        return frozenset(value)
    if answer == "order":
        if sorted(value) != list(range(len(cast(Order, card).items))):
            raise ProtocolError("an order answer lists every item number once")
        return value
    matching = cast(Matching, card)
    rights = len(matching.rights())
    if len(value) != len(matching.pairs) or not all(-1 <= v < rights for v in value):
        raise ProtocolError(
            f"a matching answer gives one right-column number (or -1) per left item, "
            f"{len(matching.pairs)} in all"
        )
    return value


def _numbered(texts: list[str], order: tuple[int, ...]) -> list[dict[str, object]]:
    shown = order if sorted(order) == list(range(len(texts))) else range(len(texts))
    return [{"id": i, "text": texts[i]} for i in shown]
