"""From an answer's outcome and time to an FSRS rating (the learner may override it with 1-4).

The rule (docs/scheduling.md):
- wrong -> Again; partial credit (multi, matching, order): score >= 0.5 -> Hard on a new card,
  Again on a card in review; below -> Again;
- right with a hint, or accepted despite a typo, or slow -> Hard;
- right -> Good, or Easy if fast, unless a blind guess could have given it: with a guess rate of
  at least GUESSABLE never Easy, and on a card in review with at least LUCKY one step lower (fast
  -> Good, else Hard).
"Fast" and "slow" are measured against a reference time for this item: its expected time from the
length of its text and of the answer to give (`expected_ms`), scaled by the learner's own pace
(`learner_pace`: the median of actual/expected over their recent right answers). Fast is at most
half the reference, slow is more than double. A lucky guess that passes for a remembered card makes
FSRS stretch the interval of a card that is in fact forgotten; bench/rating_simulation.py shows
the retention this rule keeps, per kind.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fsrs import Rating, State

from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item

if TYPE_CHECKING:
    from kdquiz.core.grading import Outcome
    from kdquiz.core.scheduling import ItemState

FAST = 0.5  # at most half the reference time
SLOW = 2.0  # more than twice the reference time
#: A right answer a blind guess gets this often could be luck: it is never inferred Easy.
GUESSABLE = 0.1
#: On a card in review, a right answer a blind guess gets this often (true/false, two or three
#: choices) is one step lower: an unnoticed lucky guess would otherwise stretch the interval of a
#: forgotten card. bench/rating_simulation.py measures what these two thresholds achieve.
LUCKY = 0.3
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
    outcome: Outcome,
    response_ms: int,
    item: Item,
    typical_ms: float | None,
    *,
    state: ItemState | None = None,
) -> Rating:
    """The suggested rating for a checked answer; see the module docstring for the rule.

    `state` is the item's FSRS state before this answer (None: never answered). A card is *in
    review* once it has left its learning steps; every other card counts as new.
    """
    spec = spec_of(item.card)
    if spec.self_rated:
        raise ValueError("flashcards are rated by the learner (1-4), not inferred")
    in_review = state is not None and state.state == State.Review
    if not outcome.correct:
        partly = spec.partial_credit and outcome.score >= PARTIAL_HARD
        return Rating.Hard if partly and not in_review else Rating.Again
    if outcome.hinted or outcome.near_miss or outcome.score < 1.0:
        return Rating.Hard
    reference = typical_ms if typical_ms else expected_ms(item)
    if response_ms > SLOW * reference:
        return Rating.Hard
    fast = response_ms <= FAST * reference
    chance = spec.guess_rate(item)
    if in_review and chance >= LUCKY:
        return Rating.Good if fast else Rating.Hard
    if fast and chance < GUESSABLE:
        return Rating.Easy
    return Rating.Good
