"""Personal FSRS parameters fitted to the learner's own reviews, kept only if they predict better.

The log is split by time: parameters are fitted (with fsrs-rs-python, Anki's own FSRS engine) on the
first 80% of the reviews, then both the parameters in use and the fitted ones predict the last 20%.
Predictions come from replaying each item's whole history through py-fsrs, the scheduler kdquiz
schedules with, and only reviews at least a day after the item's previous review are scored (the
same-day ones are learning steps, which the forgetting curve does not model).

Two measures, lower is better:
- log loss: the mean of -log(p) for recalled items and -log(1 - p) for forgotten ones;
- RMSE over bins: predictions grouped into 20 equal-width bins of predicted recall; the root of the
  mean squared difference between each bin's mean prediction and its actual recall rate, each bin
  weighted by its number of reviews (calibration: "80% predicted" should mean 80% recalled).

The fitted parameters are adopted only when they are better on both measures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from kdquiz.errors import KdquizError

if TYPE_CHECKING:
    from kdquiz.core.store import LogEntry

MIN_REVIEWS = 400
TRAIN_FRACTION = 0.8
RMSE_BINS = 20
#: Log modes that are reviews of the schedule (practice and quiz answers are not).
REVIEW_MODES = ("review", "history")
_DAY = timedelta(days=1)


class NotEnoughHistory(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Optimize")


@dataclass(frozen=True)
class Review:
    key: Hashable
    time: datetime  # aware
    rating: int  # 1-4


def reviews_from_log(entries: Iterable[LogEntry]) -> list[Review]:
    """Rated reviews (review mode and imported history) in time order."""
    found = [
        Review(e.key, e.time, int(e.rating))
        for e in entries
        if e.mode in REVIEW_MODES and e.rating is not None and 1 <= e.rating <= 4
    ]
    found.sort(key=lambda r: r.time)
    return found


def _by_item(reviews: Iterable[Review]) -> dict[Hashable, list[Review]]:
    items: dict[Hashable, list[Review]] = defaultdict(list)
    for review in sorted(reviews, key=lambda r: r.time):
        items[review.key].append(review)
    return items


@dataclass(frozen=True)
class Metrics:
    reviews: int  # reviews scored
    log_loss: float
    rmse_bins: float

    def beats(self, other: Metrics) -> bool:
        return self.log_loss < other.log_loss and self.rmse_bins < other.rmse_bins


def score(predictions: Sequence[tuple[float, bool]], bins: int = RMSE_BINS) -> Metrics:
    """Log loss and RMSE over bins of (predicted recall, recalled) pairs."""
    if not predictions:
        return Metrics(0, math.nan, math.nan)
    loss = 0.0
    groups: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p, recalled in predictions:
        p = min(max(p, 1e-9), 1 - 1e-9)
        loss -= math.log(p if recalled else 1 - p)
        group = groups[min(int(p * bins), bins - 1)]
        group[0] += 1
        group[1] += p
        group[2] += recalled
    n = len(predictions)
    squared = sum(count * ((pred - real) / count) ** 2 for count, pred, real in groups.values())
    return Metrics(n, loss / n, math.sqrt(squared / n))


def predictions(
    parameters: Sequence[float] | None, reviews: Iterable[Review], since: datetime | None = None
) -> list[tuple[float, bool]]:
    """(predicted recall, recalled) for every review >= 1 day after the item's previous one.

    Each item's history is replayed in full through py-fsrs; only reviews at or after `since` are
    returned.
    """
    from fsrs import Card, Rating, Scheduler

    scheduler = (
        Scheduler(parameters=tuple(parameters), enable_fuzzing=False)
        if parameters
        else Scheduler(enable_fuzzing=False)
    )
    out: list[tuple[float, bool]] = []
    for history in _by_item(reviews).values():
        card = Card()
        for review in history:
            when = review.time.astimezone(UTC)
            if (
                card.last_review is not None
                and when - card.last_review >= _DAY
                and (since is None or review.time >= since)
            ):
                out.append(
                    (float(scheduler.get_card_retrievability(card, when)), review.rating > 1)
                )
            card, _ = scheduler.review_card(card, Rating(review.rating), when)
    return out


def evaluate(
    parameters: Sequence[float] | None, reviews: Iterable[Review], since: datetime | None = None
) -> Metrics:
    return score(predictions(parameters, reviews, since))


def training_items(reviews: Iterable[Review]) -> list:
    """fsrs-rs training items: one per review with every earlier review of the item before it.

    Days between reviews are whole elapsed days, as py-fsrs counts them when it schedules.
    """
    from fsrs_rs_python import FSRSItem, FSRSReview

    items = []
    for history in _by_item(reviews).values():
        steps: list[tuple[int, int]] = []
        previous: datetime | None = None
        for review in history:
            days = 0 if previous is None else (review.time - previous).days
            steps.append((review.rating, days))
            previous = review.time
            if len(steps) > 1 and any(d > 0 for _, d in steps[1:]):
                items.append(FSRSItem([FSRSReview(r, d) for r, d in steps]))
    return items


def fit(
    reviews: Iterable[Review], *, relearning_steps: int = 1, seed: int = 2023
) -> tuple[float, ...]:
    """FSRS-6 parameters fitted to `reviews` by fsrs-rs (deterministic for a given seed)."""
    from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, TrainingConfig

    items = training_items(reviews)
    fitted = FSRS(DEFAULT_PARAMETERS).compute_parameters(
        items, num_relearning_steps=relearning_steps, training_config=TrainingConfig(seed=seed)
    )
    return tuple(float(round(w, 4)) for w in fitted)


@dataclass(frozen=True)
class Comparison:
    total: int  # rated reviews in the log
    train: int  # reviews fitted on (before the cutoff)
    cutoff: datetime
    current: Metrics  # the parameters in use, on the held-back reviews
    fitted: Metrics
    current_parameters: tuple[float, ...] | None  # None: the defaults
    parameters: tuple[float, ...]

    @property
    def adopt(self) -> bool:
        return self.fitted.beats(self.current)

    def to_dict(self) -> dict[str, object]:
        def metrics(m: Metrics) -> dict[str, object]:
            return {
                "reviews": m.reviews,
                "log_loss": round(m.log_loss, 4),
                "rmse_bins": round(m.rmse_bins, 4),
            }

        return {
            "reviews": self.total,
            "fitted_on": self.train,
            "held_back_from": self.cutoff.isoformat(),
            "current": metrics(self.current),
            "fitted": metrics(self.fitted),
            "current_is_default": self.current_parameters is None,
            "adopted": self.adopt,
            "fitted_parameters": list(self.parameters),
        }


def compare(
    reviews: Sequence[Review],
    *,
    current: Sequence[float] | None = None,
    min_reviews: int = MIN_REVIEWS,
    train_fraction: float = TRAIN_FRACTION,
    relearning_steps: int = 1,
) -> Comparison:
    """Fit on the first `train_fraction` of the reviews by time; score both on the rest."""
    ordered = sorted(reviews, key=lambda r: r.time)
    if len(ordered) < min_reviews:
        raise NotEnoughHistory(
            f"Only {len(ordered)} rated reviews are in your log; fitting parameters needs at least "
            f"{min_reviews} to be trustworthy. Keep reviewing, or bring in past reviews with "
            "`kdquiz import-history FILE`."
        )
    split = min(max(1, int(len(ordered) * train_fraction)), len(ordered) - 1)
    cutoff = ordered[split].time
    train = [r for r in ordered if r.time < cutoff]
    parameters = fit(train, relearning_steps=relearning_steps)
    held_current = evaluate(current, ordered, cutoff)
    if held_current.reviews == 0:
        raise NotEnoughHistory(
            f"None of the {len(ordered) - len(train)} latest reviews came a day or more after the "
            "item's previous review, so there is nothing to test fitted parameters on. Review over "
            "a few more days and try again."
        )
    return Comparison(
        len(ordered),
        len(train),
        cutoff,
        held_current,
        evaluate(parameters, ordered, cutoff),
        tuple(current) if current else None,
        parameters,
    )
