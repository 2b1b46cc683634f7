"""From an answer's outcome and time to an FSRS rating (the learner may override it with 1-4).

The rule (docs/scheduling.md):
- wrong -> Again; partial credit (multi, order): score >= 0.5 -> Hard, below -> Again;
- right with a hint, or accepted despite a typo -> Hard;
- right -> Good, or Easy if fast, or Hard if slow.
"Fast" and "slow" are measured against a reference time for this item: its expected time from the
length of its text and of the answer to give (`expected_ms`), scaled by the learner's own pace
(`learner_pace`: the median of actual/expected over their recent right answers). Fast is at most
half the reference, slow is more than double.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fsrs import Rating

from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item

if TYPE_CHECKING:
    from kdquiz.core.grading import Outcome

FAST = 0.5  # at most half the reference time
SLOW = 2.0  # more than twice the reference time
PARTIAL_HARD = 0.5  # partial credit at or above this is Hard, below is Again
READ_MS_PER_CHAR = 40  # about 250 words a minute
BASE_MS = 1500  # look at the card, decide, press a key
MIN_PACE_SAMPLES = 10
PACE_LIMITS = (0.5, 3.0)  # a pace outside this says more about interruptions than about speed


def expected_ms(item: Item) -> float:
    """How long answering this item should take a typical learner: reading plus responding."""
    read = len(item.card.searchable_text()) * READ_MS_PER_CHAR
    respond = spec_of(item.card).respond_ms(item)
    return float(BASE_MS + read + respond)


def learner_pace(samples: Iterable[tuple[Item, int]]) -> float | None:
    """Median of actual/expected time over right answers; None until there are enough of them."""
    ratios = [ms / expected_ms(item) for item, ms in samples if ms > 0]
    if len(ratios) < MIN_PACE_SAMPLES:
        return None
    low, high = PACE_LIMITS
    return min(high, max(low, statistics.median(ratios)))


def typical_ms(item: Item, pace: float | None) -> float:
    """The reference time for `item`: expected time scaled by the learner's pace (if known)."""
    return expected_ms(item) * (pace if pace is not None else 1.0)


def infer_rating(
    outcome: Outcome, response_ms: int, item: Item, typical_ms: float | None
) -> Rating:
    """The suggested rating for a checked answer; see the module docstring for the rule."""
    spec = spec_of(item.card)
    if spec.self_rated:
        raise ValueError("flashcards are rated by the learner (1-4), not inferred")
    if not outcome.correct:
        return (
            Rating.Hard if spec.partial_credit and outcome.score >= PARTIAL_HARD else Rating.Again
        )
    if outcome.hinted or outcome.near_miss or outcome.score < 1.0:
        return Rating.Hard
    reference = typical_ms if typical_ms else expected_ms(item)
    if response_ms <= FAST * reference:
        return Rating.Easy
    if response_ms > SLOW * reference:
        return Rating.Hard
    return Rating.Good
