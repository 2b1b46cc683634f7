"""The rating simulation (budget 9) at small sizes: it runs, is deterministic, and tells a rule that
rewards lucky guesses from one that does not. The full-size figures are in docs/scheduling.md."""

from __future__ import annotations

import random

import pytest
from fsrs import Rating

from bench.rating_simulation import (
    DECK,
    DESIRED,
    TOLERANCE,
    blind_guess,
    current_rule,
    previous_rule,
    simulate,
    true_rating,
)
from kdquiz.core import grading
from kdquiz.core.decks import load_deck_text
from kdquiz.core.model import Item
from kdquiz.core.rating import FAST, SLOW

ITEMS = {item.card.id: item for item in load_deck_text(DECK, "simulated.yaml").items()}
SMALL = {"cards": 40, "days": 365}


@pytest.mark.parametrize("item", ITEMS.values(), ids=list(ITEMS))
def test_blind_guesses_are_answers_the_kind_grades(item: Item) -> None:
    rng = random.Random(1)
    outcomes = [grading.grade(item, blind_guess(item, rng)) for _ in range(200)]
    rights = sum(outcome.correct for outcome in outcomes)
    if item.card.kind in ("typed", "cloze", "numeric"):
        assert rights == 0
    else:
        assert 0 < rights < 200  # sometimes lucky, never always


def test_the_true_rating_follows_kdquizs_speed_thresholds() -> None:
    assert true_rating(FAST) == Rating.Easy
    assert true_rating(1.0) == Rating.Good
    assert true_rating(SLOW * 1.01) == Rating.Hard


def test_the_same_seed_gives_the_same_figures() -> None:
    item = ITEMS["mcq-3-choices"]
    assert simulate(item, current_rule, **SMALL) == simulate(item, current_rule, **SMALL)


def test_a_rule_that_rewards_lucky_guesses_loses_retention_and_the_current_one_keeps_it() -> None:
    item = ITEMS["truefalse"]
    now = simulate(item, current_rule, **SMALL)
    before = simulate(item, previous_rule, **SMALL)
    assert now.checked > 100 and before.checked > 100
    assert abs(now.retention - DESIRED) <= TOLERANCE
    assert before.retention < now.retention - 0.04


def test_nothing_changed_where_no_guess_can_help() -> None:
    item = ITEMS["typed"]
    assert simulate(item, current_rule, **SMALL) == simulate(item, previous_rule, **SMALL)
