"""The question kinds, one module each, and the registry every other part asks.

`KINDS` maps a kind's name (the deck's `type:`) to its spec; `spec_of(card)` finds a card's.
"""

from __future__ import annotations

from kdquiz.core.kinds import (
    cloze,
    flashcard,
    matching,
    mcq,
    multi,
    numeric,
    order,
    truefalse,
    typed,
)
from kdquiz.core.kinds.base import TYPE_CHECKING, KindSpec, Skip

if TYPE_CHECKING:
    from kdquiz.core.model import Card

__all__ = ["CHECKABLE", "KINDS", "KindSpec", "Skip", "kind_called", "spec_of"]

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        flashcard.SPEC,
        cloze.SPEC,
        mcq.SPEC,
        multi.SPEC,
        truefalse.SPEC,
        typed.SPEC,
        numeric.SPEC,
        order.SPEC,
        matching.SPEC,
    )
}

#: Kinds whose answers the app can check; the rest are rated by the learner (1-4).
CHECKABLE = frozenset(name for name, spec in KINDS.items() if not spec.self_rated)


def spec_of(card: Card) -> KindSpec:
    """The spec of a card's kind."""
    return KINDS[card.kind]


def _plain(word: str) -> str:
    """Lower case, with hyphens, underscores, slashes and brackets as spaces: Anki's "Basic (and
    reversed card)" is "basic and reversed card"."""
    return " ".join(word.lower().translate(_AS_SPACE).split())


_AS_SPACE = str.maketrans({c: " " for c in "-_/()[]"})


#: Every other name of a kind, written plain and also run together ("true false", "truefalse").
_OTHER_NAMES = {
    form: name
    for name, spec in KINDS.items()
    for other in (name, *spec.also_called)
    for form in (_plain(other), _plain(other).replace(" ", ""))
}


def kind_called(word: str) -> str | None:
    """The kind another tool's or a teacher's name for it means ("Multiple-choice" is mcq, Moodle's
    "shortanswer" is typed), or None."""
    plain = _plain(word)
    return _OTHER_NAMES.get(plain) or _OTHER_NAMES.get(plain.replace(" ", ""))
