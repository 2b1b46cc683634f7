"""Inferring a rating from the outcome, the item's length and the learner's own pace."""

from __future__ import annotations

import pytest
from fsrs import Rating
from store_support import cloze, flash, mcq

from kdquiz.core.grading import Outcome
from kdquiz.core.model import Choice, Item, Kind, MultiSelect, Order, Typed
from kdquiz.core.rating import expected_ms, infer_rating, learner_pace, typical_ms

SHORT = Item("d", mcq("m", "Capital?"))
LONG = Item(
    "d", mcq("m2", "Which city was the capital of the Joseon dynasty for five centuries? " * 6)
)
ORDER = Item("d", Order(id="o", kind=Kind.ORDER, prompt="Order these", items=("a", "b", "c", "d")))
MULTI = Item(
    "d",
    MultiSelect(
        id="x",
        kind=Kind.MULTI,
        prompt="Pick",
        choices=(Choice("a"), Choice("b"), Choice("c")),
        answers=frozenset({0, 1}),
    ),
)
RIGHT = Outcome(True, 1.0, "Seoul", "Seoul")
WRONG = Outcome(False, 0.0, "Seoul", "Busan")


def test_wrong_is_again_and_right_at_a_normal_pace_is_good():
    ref = expected_ms(SHORT)
    assert infer_rating(WRONG, 100, SHORT, None) == Rating.Again
    assert infer_rating(RIGHT, int(ref), SHORT, None) == Rating.Good


def test_fast_is_easy_and_slow_is_hard_relative_to_length():
    short_ref, long_ref = expected_ms(SHORT), expected_ms(LONG)
    assert long_ref > short_ref * 2
    fast_for_long = int(long_ref * 0.45)
    assert infer_rating(RIGHT, fast_for_long, LONG, None) == Rating.Easy
    # The same time is slow for the short card.
    assert fast_for_long > short_ref * 2
    assert infer_rating(RIGHT, fast_for_long, SHORT, None) == Rating.Hard


def test_the_learners_pace_moves_the_thresholds():
    ms = int(expected_ms(SHORT) * 1.5)
    assert infer_rating(RIGHT, ms, SHORT, typical_ms(SHORT, None)) == Rating.Good
    assert infer_rating(RIGHT, ms, SHORT, typical_ms(SHORT, 3.0)) == Rating.Easy  # a slow reader
    assert infer_rating(RIGHT, ms, SHORT, typical_ms(SHORT, 0.5)) == Rating.Hard  # a fast one


def test_hint_and_near_miss_cap_at_hard():
    fast = int(expected_ms(SHORT) * 0.2)
    assert infer_rating(Outcome(True, 1.0, "a", "a", hinted=True), fast, SHORT, None) == Rating.Hard
    assert (
        infer_rating(Outcome(True, 1.0, "a", "a", near_miss=True), fast, SHORT, None) == Rating.Hard
    )


@pytest.mark.parametrize(
    ("score", "rating"),
    [(0.0, Rating.Again), (0.33, Rating.Again), (0.5, Rating.Hard), (0.67, Rating.Hard)],
)
def test_partial_credit_rule_for_multi_and_order(score, rating):
    partial = Outcome(False, score, "a, b", "a")
    assert infer_rating(partial, 1000, ORDER, None) == rating
    assert infer_rating(partial, 1000, MULTI, None) == rating
    # Other kinds have no partial credit: wrong is wrong.
    assert infer_rating(partial, 1000, SHORT, None) == Rating.Again


def test_flashcards_are_not_inferred():
    with pytest.raises(ValueError):
        infer_rating(RIGHT, 1000, Item("d", flash("f")), None)


def test_typing_answers_take_longer_than_picking():
    typed = Item(
        "d", Typed(id="t", kind=Kind.TYPED, prompt="Capital?", answer="Seoul Special City")
    )
    assert expected_ms(typed) > expected_ms(SHORT)
    gap = Item("d", cloze("c", "Gyeongbokgung", "x"), "c1")
    assert expected_ms(gap) > expected_ms(Item("d", cloze("c", "Gyeongbokgung", "x"), "c2"))


def test_learner_pace_needs_enough_samples_and_is_clamped():
    ref = expected_ms(SHORT)
    assert learner_pace([(SHORT, int(ref))] * 9) is None
    assert learner_pace([(SHORT, int(ref * 2))] * 10) == pytest.approx(2.0)
    assert learner_pace([(SHORT, int(ref * 50))] * 10) == 3.0
