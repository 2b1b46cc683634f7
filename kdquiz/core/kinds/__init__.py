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

__all__ = ["CHECKABLE", "KINDS", "KindSpec", "Skip", "spec_of"]

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
