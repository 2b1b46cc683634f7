"""Grading is total: any input gives an Outcome (or the documented TypeError), never a crash."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kdquiz.core.grading import Outcome, grade, parse_number
from kdquiz.core.model import (
    Choice,
    Cloze,
    Item,
    Kind,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
    parse_gaps,
)
from kdquiz.core.textnorm import fold

KOREAN = st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=8)
TEXT = st.one_of(
    st.text(max_size=60), KOREAN, st.from_regex(r"[-$€₩~ ]{0,2}[0-9.,' ]{1,12}[a-z%억만천 ]{0,10}")
)

ITEMS = [
    Item("d", Typed(id="t", kind=Kind.TYPED, prompt="?", answer="Netflix", accept=("넷플릭스",))),
    Item("d", Typed(id="ts", kind=Kind.TYPED, prompt="?", answer="Café", case_sensitive=True, accent_sensitive=True)),
    Item("d", Cloze(id="c", kind=Kind.CLOZE, text="{{서울}} is {{the capital}}", gaps=tuple(parse_gaps("{{서울}} is {{the capital}}"))), "c1"),
    Item("d", MultipleChoice(id="m", kind=Kind.MCQ, prompt="?", choices=(Choice("a"), Choice("b")), answer=1)),
    Item("d", MultiSelect(id="ms", kind=Kind.MULTI, prompt="?", choices=(Choice("a"), Choice("b"), Choice("c")), answers=frozenset({0, 2}))),
    Item("d", TrueFalse(id="tf", kind=Kind.TRUEFALSE, statement="s", answer=False)),
    Item("d", Numeric(id="n", kind=Kind.NUMERIC, prompt="?", answer=20e6, answer_text="20 million", tolerance=5, tolerance_percent=True)),
    Item("d", Numeric(id="nm", kind=Kind.NUMERIC, prompt="?", answer=16, answer_text="16", unit="m")),
    Item("d", Order(id="o", kind=Kind.ORDER, prompt="?", items=("a", "b", "c", "d"))),
]  # fmt: skip

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    TEXT,
    st.binary(max_size=10),
    st.lists(st.integers(min_value=-5, max_value=10), max_size=8),
    st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none()), max_size=4),
    st.frozensets(st.integers(min_value=-3, max_value=5), max_size=6),
    st.tuples(st.integers(), st.integers()),
    st.dictionaries(st.integers(min_value=0, max_value=3), st.text(max_size=2), max_size=3),
)


def assert_sane(outcome: Outcome) -> None:
    assert 0.0 <= outcome.score <= 1.0
    assert (
        not outcome.correct or outcome.score == 1.0
    )  # 1.0 without "correct": an order with repeats
    assert not outcome.near_miss or outcome.correct
    assert isinstance(outcome.given, str) and isinstance(outcome.expected, str) and outcome.expected


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.card.id)
@given(response=ANYTHING)
@settings(max_examples=150, deadline=None)
def test_grade_is_total(item: Item, response: object) -> None:
    try:
        outcome = grade(item, response)
    except TypeError:
        return
    assert_sane(outcome)


@pytest.mark.parametrize(
    "item",
    [i for i in ITEMS if i.card.kind in {Kind.TYPED, Kind.CLOZE, Kind.NUMERIC}],
    ids=lambda i: i.card.id,
)
@given(text=TEXT)
@settings(max_examples=200, deadline=None)
def test_any_text_is_graded_without_error(item: Item, text: str) -> None:
    assert_sane(grade(item, text))


@given(text=st.text(max_size=80), unit=st.sampled_from(["", "m", "%", "episodes", "₩", "km²"]))
@settings(max_examples=400, deadline=None)
@example(text="1e999", unit="")
@example(text="9" * 199, unit="")
def test_parse_number_is_total(text: str, unit: str) -> None:
    value = parse_number(text, unit)
    assert value is None or math.isfinite(value)


@given(x=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
@settings(max_examples=300, deadline=None)
def test_numbers_as_python_prints_them_are_read_back(x: float) -> None:
    assert parse_number(str(x)) == x
    assert parse_number(f"{x:,}") == x


@given(n=st.integers(min_value=0, max_value=10**12))
@settings(max_examples=200, deadline=None)
def test_whole_numbers_with_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", " ")) == n
    if n >= 1_000_000:  # two or more dots can only be thousands separators
        assert parse_number(f"{n:,}".replace(",", ".")) == n


@given(answer=st.one_of(st.text(max_size=30), KOREAN), case=st.booleans(), accent=st.booleans())
@settings(max_examples=300, deadline=None)
def test_an_answer_always_matches_itself(answer: str, case: bool, accent: bool) -> None:
    item = Item(
        "d",
        Typed(
            id="t",
            kind=Kind.TYPED,
            prompt="?",
            answer=answer,
            case_sensitive=case,
            accent_sensitive=accent,
        ),
    )
    assert grade(item, answer).correct == bool(answer.strip())
    if answer.strip():
        assert grade(item, f"  {answer} ").correct


@given(text=st.one_of(st.text(max_size=40), KOREAN))
@settings(max_examples=300, deadline=None)
def test_fold_is_stable(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert "  " not in once and once == once.strip()


@given(text=KOREAN)
def test_fold_leaves_hangul_alone(text: str) -> None:
    assert fold(text) == text


@given(order=st.permutations(range(4)))
def test_order_permutations(order: list[int]) -> None:
    outcome = grade(ITEMS[-1], order)
    assert outcome.correct == (list(order) == [0, 1, 2, 3])
    assert 0.0 <= outcome.score <= 1.0
