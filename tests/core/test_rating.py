"""Inferring a rating from the outcome, the chance of a lucky guess, the item's length and the
learner's own pace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from hypothesis import given
from hypothesis import strategies as st
from store_support import cloze, flash, mcq

from kdquiz.core import grading, model
from kdquiz.core.grading import Outcome
from kdquiz.core.kinds import spec_of
from kdquiz.core.kinds.matching import Matching
from kdquiz.core.model import Choice, Item, Kind, MultiSelect, Order, Typed
from kdquiz.core.rating import (
    FAST,
    GUESSABLE,
    LUCKY,
    SLOW,
    expected_ms,
    infer_rating,
    learner_pace,
    typical_ms,
)
from kdquiz.core.scheduling import ItemState

SHORT = Item("d", Typed(id="s", kind=Kind.TYPED, prompt="Capital?", answer="Seoul"))
LONG = Item(
    "d",
    Typed(
        id="l",
        kind=Kind.TYPED,
        prompt="Which city was the capital of the Joseon dynasty for five centuries? " * 6,
        answer="Seoul",
    ),
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
    assert expected_ms(typed) > expected_ms(Item("d", mcq("m", "Capital?")))
    gap = Item("d", cloze("c", "Gyeongbokgung", "x"), "c1")
    assert expected_ms(gap) > expected_ms(Item("d", cloze("c", "Gyeongbokgung", "x"), "c2"))


def test_learner_pace_needs_enough_samples_and_is_clamped():
    ref = expected_ms(SHORT)
    assert learner_pace([(SHORT, int(ref))] * 9) is None
    assert learner_pace([(SHORT, int(ref * 2))] * 10) == pytest.approx(2.0)
    assert learner_pace([(SHORT, int(ref * 50))] * 10) == 3.0


# -- the chance of a lucky guess ------------------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _state(stage: State) -> ItemState:
    return ItemState(stage, None if stage == State.Review else 0, 5.0, 5.0, NOW, NOW, reps=3)


#: Before the answer: never answered, in its learning steps, relearning, or in review.
STATES = [None, _state(State.Learning), _state(State.Relearning), _state(State.Review)]


def _choices(n: int) -> tuple[Choice, ...]:
    return tuple(Choice(f"choice {i}") for i in range(n))


def truefalse() -> Item:
    return Item(
        "d", model.TrueFalse(id="tf", kind=Kind.TRUEFALSE, statement="Seoul is big.", answer=True)
    )


def multiple_choice(n: int) -> Item:
    return Item(
        "d", model.MultipleChoice(id="m", kind=Kind.MCQ, prompt="Q?", choices=_choices(n), answer=0)
    )


def multi_select(n: int) -> Item:
    card = MultiSelect(
        id="x", kind=Kind.MULTI, prompt="Q?", choices=_choices(n), answers=frozenset({0})
    )
    return Item("d", card)


def matching(pairs: int, distractors: int) -> Item:
    card = Matching(
        id="p",
        kind=Kind.MATCHING,
        prompt="Match",
        pairs=tuple((f"left {i}", f"right {i}") for i in range(pairs)),
        distractors=tuple(f"other {i}" for i in range(distractors)),
    )
    return Item("d", card)


def order(n: int) -> Item:
    steps = tuple(f"step {i}" for i in range(n))
    return Item("d", Order(id="o", kind=Kind.ORDER, prompt="Order", items=steps))


@pytest.mark.parametrize(
    ("item", "chance"),
    [
        (truefalse(), 1 / 2),
        (multiple_choice(2), 1 / 2),
        (multiple_choice(3), 1 / 3),
        (multiple_choice(5), 1 / 5),
        (multi_select(4), 1 / 16),
        (matching(2, 0), 1 / 2),
        (matching(3, 0), 1 / 6),
        (matching(2, 1), 1 / 6),  # 3 right items for the first left, 2 for the second
        (order(2), 1 / 2),
        (order(4), 1 / 24),
        (SHORT, 0.0),
        (Item("d", cloze("c", "Gyeongbokgung")), 0.0),
    ],
)
def test_each_kind_knows_its_chance_of_a_blind_guess(item: Item, chance: float) -> None:
    assert spec_of(item.card).guess_rate(item) == pytest.approx(chance)


def test_a_fast_right_true_false_on_a_new_card_is_not_scheduled_days_out() -> None:
    """The issue's example: a lucky tap was Easy, and FSRS then waited 8-10 days."""
    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings

    item = truefalse()
    fast = int(expected_ms(item) * 0.2)
    outcome = grading.grade(item, True)
    rating = infer_rating(outcome, fast, item, None, state=None)
    assert rating == Rating.Good
    after = DeckScheduler(DeckSettings(), fuzz=False).review(None, rating, NOW, ("d", "tf", ""))
    assert after.state == State.Learning  # asked again on its learning steps, minutes later
    assert after.due - NOW <= timedelta(minutes=10)
    easy = DeckScheduler(DeckSettings(), fuzz=False).review(None, Rating.Easy, NOW, ("d", "tf", ""))
    assert easy.due - NOW >= timedelta(days=8)  # what the old rule's Easy gave


GUESSABLE_ITEMS = st.one_of(
    st.just(truefalse()),
    st.integers(2, 9).map(multiple_choice),
    st.integers(2, 3).map(multi_select),
    st.sampled_from([(2, 0), (2, 1), (3, 0)]).map(lambda pd: matching(*pd)),
    st.integers(2, 3).map(order),
)
ANY_ITEMS = st.one_of(
    GUESSABLE_ITEMS,
    st.just(SHORT),
    st.just(LONG),
    st.integers(10, 12).map(multiple_choice),
    st.integers(4, 6).map(multi_select),
    st.integers(4, 8).map(order),
)
TIMES = st.integers(0, 600_000)
PACES = st.one_of(st.none(), st.floats(500, 60_000))
STAGES = st.sampled_from(STATES)
RIGHT_ANSWER = Outcome(True, 1.0, "a", "a")


@given(GUESSABLE_ITEMS, TIMES, PACES, STAGES)
def test_a_right_answer_that_could_be_a_guess_is_never_easy(item, ms, typical, state) -> None:
    assert spec_of(item.card).guess_rate(item) >= GUESSABLE
    right = grading.grade(item, grading.right_response(item))
    assert right.correct
    assert infer_rating(right, ms, item, typical, state=state) != Rating.Easy


@given(ANY_ITEMS, TIMES, TIMES, PACES, STAGES, st.floats(0.0, 1.0), st.booleans())
def test_a_slower_answer_is_never_rated_higher(item, ms, later, typical, state, score, right):
    outcome = Outcome(right, 1.0 if right else score, "a", "a")
    early, late = sorted((ms, later))
    before = infer_rating(outcome, early, item, typical, state=state)
    assert infer_rating(outcome, late, item, typical, state=state) <= before


@given(ANY_ITEMS, TIMES, PACES, st.floats(0.0, 1.0), st.booleans(), st.sampled_from(STATES[:3]))
def test_a_card_in_review_is_never_rated_higher_than_a_new_one(
    item, ms, typical, score, right, learning
):
    outcome = Outcome(right, 1.0 if right else score, "a", "a")
    in_review = infer_rating(outcome, ms, item, typical, state=_state(State.Review))
    assert in_review <= infer_rating(outcome, ms, item, typical, state=learning)


@given(ANY_ITEMS, TIMES, PACES, STAGES)
def test_a_right_answer_is_never_rated_below_a_wrong_one(item, ms, typical, state) -> None:
    wrong = infer_rating(Outcome(False, 0.99, "a", "b"), ms, item, typical, state=state)
    right = infer_rating(RIGHT_ANSWER, ms, item, typical, state=state)
    assert right >= max(wrong, Rating.Hard)


@given(st.sampled_from([SHORT, LONG, multi_select(5), order(4), matching(4, 0)]), STAGES)
def test_an_answer_no_guess_explains_is_easy_when_fast(item, state) -> None:
    assert spec_of(item.card).guess_rate(item) < GUESSABLE
    fast = int(expected_ms(item) * FAST)
    assert infer_rating(RIGHT_ANSWER, fast, item, None, state=state) == Rating.Easy


@pytest.mark.parametrize("item", [truefalse(), multiple_choice(3), matching(2, 0), order(2)])
def test_a_lucky_kind_in_review_is_one_step_lower(item: Item) -> None:
    """True/false and two or three choices: a right answer in review is Hard, fast is Good."""
    assert spec_of(item.card).guess_rate(item) >= LUCKY
    review = _state(State.Review)
    ref = expected_ms(item)
    rate = lambda ms, state: infer_rating(RIGHT_ANSWER, int(ms), item, None, state=state)  # noqa: E731
    assert [rate(ref * f, None) for f in (FAST, 1.0, SLOW * 1.1)] == [
        Rating.Good,
        Rating.Good,
        Rating.Hard,
    ]
    assert [rate(ref * f, review) for f in (FAST, 1.0, SLOW * 1.1)] == [
        Rating.Good,
        Rating.Hard,
        Rating.Hard,
    ]
    four = multiple_choice(4)  # 25%: not lucky enough to lower Good
    assert (
        infer_rating(RIGHT_ANSWER, int(expected_ms(four)), four, None, state=review) == Rating.Good
    )


@pytest.mark.parametrize("item", [ORDER, MULTI, matching(4, 0)])
def test_partly_right_is_hard_while_learning_and_a_lapse_in_review(item: Item) -> None:
    partly = Outcome(False, 0.5, "a, b", "a")
    for state in STATES[:3]:
        assert infer_rating(partly, 1000, item, None, state=state) == Rating.Hard
    assert infer_rating(partly, 1000, item, None, state=_state(State.Review)) == Rating.Again
