"""Shared helpers for the `kdquiz generate` tests that feed a short made-up text and read the
cards it gets."""

from __future__ import annotations

import random

from kdquiz.core.generate import DEFAULT_KINDS, document_from_text, generate_deck
from kdquiz.core.generate.candidates import Builder, Candidate
from kdquiz.core.generate.entities import DocumentIndex
from kdquiz.core.generate.facts import facts_of
from kdquiz.core.generate.gates import first_failure
from kdquiz.core.model import Kind


def cards_of(text: str, kinds: list[Kind] | None = None) -> list[dict]:
    """The cards of a one-document deck from `text` (every kind unless `kinds` says)."""
    deck, _ = generate_deck(
        [document_from_text(text, "t.md")], kinds=kinds or list(DEFAULT_KINDS), max_cards=40
    )
    return deck["cards"]


def asked(text: str, kind: Kind = Kind.TYPED) -> dict[str, str]:
    """Each card's prompt and answer, for the cards of one kind that `text` gets."""
    return {str(c.get("prompt")): c["answer"] for c in cards_of(text, [kind])}


def shown(card: dict) -> str:
    """What a card puts in front of the learner: its cloze text, prompt or statement."""
    return str(card.get("text") or card.get("prompt") or card.get("statement"))


def index_of(text: str) -> DocumentIndex:
    """The name index of `text`, to ask what type it gives a name."""
    return DocumentIndex(list(document_from_text(text, "t.md").sentences))


def passing_candidates(text: str) -> list[Candidate]:
    """Every candidate card `text` gets that passes the gates, chosen or not: a rule that
    rejects a card is seen here even when the ranking would have left the card out anyway."""
    doc = document_from_text(text, "t.md")
    index = DocumentIndex(list(doc.sentences))
    facts = facts_of(doc, index)
    builder = Builder({doc.id: index}, facts, random.Random(0))
    kinds = frozenset(DEFAULT_KINDS)
    return [c for fact in facts for c in builder.build(fact, kinds) if first_failure(c) is None]


#: Corpus texts in which the generator finds no fact at all, kept as they were chosen (a held-out
#: text is never swapped for one the generator reads better): each must be refused plainly.
CORPUS_WITHOUT_DECK = frozenset({"heldout11-letter-first-thessalonians"})


def refused_plainly(path) -> bool:  # noqa: ANN001 - a Path; the helpers here take no pathlib
    """Whether the text is one of those, and the generator says so with its usual message."""
    import pytest

    from kdquiz.core.generate import GenerateError, read_document

    if path.stem not in CORPUS_WITHOUT_DECK:
        return False
    with pytest.raises(GenerateError, match="found no sentences stating facts"):
        generate_deck([read_document(path)])
    return True
