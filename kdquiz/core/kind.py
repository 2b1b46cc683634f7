"""The kinds of question, apart from the cards: the home screen names a deck's kinds without
building a card class (kdquiz.core.card_base), and nothing here imports the rest of kdquiz."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of question; each is defined in one module of `kdquiz.core.kinds`."""

    FLASHCARD = "flashcard"
    CLOZE = "cloze"
    MCQ = "mcq"
    MULTI = "multi"
    TRUEFALSE = "truefalse"
    TYPED = "typed"
    NUMERIC = "numeric"
    ORDER = "order"
    MATCHING = "matching"
