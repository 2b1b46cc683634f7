"""How a card's history words each answer: a partly right answer is neither right nor wrong."""

from __future__ import annotations

import pytest

from kdquiz.core.wording import logged_result


@pytest.mark.parametrize(
    ("correct", "score", "words"),
    [
        (True, 1.0, "✓ right"),
        (True, None, "✓ right"),  # self-rated, or logged before scores were kept
        (False, 0.0, "✗ wrong"),
        (False, None, "✗ wrong"),
        (False, 2 / 3, "◐ partly right (2/3)"),  # multi-select 2 of 3, matching 2 of 3 pairs
        (False, 0.75, "◐ partly right (3/4)"),
        (False, 0.5, "◐ partly right (1/2)"),
        (False, 0.123, "◐ partly right (12%)"),  # not a share of a few parts: a percentage
        (None, None, "—"),
    ],
)
def test_each_answer_is_worded_by_its_credit(
    correct: bool | None, score: float | None, words: str
) -> None:
    assert logged_result(correct, score) == words
