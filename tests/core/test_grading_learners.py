"""Answers as learners really type them, for the shipped decks' kinds of card: each case here was
marked against what a player of a type-in flashcard or a short-answer quiz expects."""

from __future__ import annotations

import pytest

from kdquiz.core.grading import grade
from kdquiz.core.model import Item, Kind, Numeric, Typed


def numeric(answer: float, prompt: str, unit: str = "") -> Item:
    card = Numeric(
        id="n",
        kind=Kind.NUMERIC,
        prompt=prompt,
        answer=answer,
        answer_text=f"{answer:g}",
        unit=unit,
    )
    return Item("deck", card)


YEAR = numeric(2022, "In which year did Connect come out?")
COUNTRIES = numeric(190, "Netflix has viewers in more than how many countries?", "countries")


@pytest.mark.parametrize(
    ("item", "given", "correct"),
    [
        (YEAR, "in 2022", True),  # the question's "In which year"
        (YEAR, "In 2022.", True),
        (YEAR, "in the year 2022", True),
        (YEAR, "the year 2022", True),
        (YEAR, "in 2021", False),
        (YEAR, "in 2021 or 2022", False),
        (COUNTRIES, ">190", True),  # "more than 190", as the question says
        (COUNTRIES, "> 190 countries", True),
        (COUNTRIES, "at least 190", True),
        (COUNTRIES, ">180", False),
        (COUNTRIES, "in 190 countries", True),
    ],
)
def test_a_number_may_follow_the_words_that_lead_to_it(
    item: Item, given: str, correct: bool
) -> None:
    assert grade(item, given).correct is correct


def typed(answer: str, *accept: str, prompt: str = "?") -> Item:
    return Item("deck", Typed(id="t", kind=Kind.TYPED, prompt=prompt, answer=answer, accept=accept))


@pytest.mark.parametrize(
    ("answer", "given", "correct"),
    [
        ("Mr. Sunshine", "Mr Sunshine", True),
        ("Mr. Sunshine", "Mister Sunshine", True),
        ("Mr. Sunshine", "Mrs Sunshine", False),  # another person, not many Mr Sunshines
        ("Mr. Sunshine", "Mrs. Sunshine", False),
        ("Mrs. Doubtfire", "Mr Doubtfire", False),
        ("Mrs. Doubtfire", "Mrs Doubtfire", True),
    ],
)
def test_mrs_is_not_a_plural_of_mr(answer: str, given: str, correct: bool) -> None:
    assert grade(typed(answer), given).correct is correct
