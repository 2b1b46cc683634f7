"""Counts in words: one card, two cards, no cards."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kdquiz.core.plural import plural


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert plural(1, "card") == "1 card"
    assert plural(0, "card") == "0 cards"
    assert plural(2, "match", "matches") == "2 matches"
    assert plural(1, "match", "matches") == "1 match"


@given(st.integers(min_value=-5, max_value=10**6).filter(lambda n: n != 1))
def test_any_count_but_one_takes_the_plural(count: int) -> None:
    assert plural(count, "review") == f"{count} reviews"
