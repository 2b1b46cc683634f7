"""The optimizer adopts fitted parameters only when they predict the held-back reviews better."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS

from kdquiz.cli import main
from kdquiz.core import optimize
from kdquiz.core.fsrs_parameters import load_parameters, parameters_path
from kdquiz.core.optimize import Metrics, NotEnoughHistory, Review
from kdquiz.core.scheduling import Schedulers
from kdquiz.core.settings import load_settings
from kdquiz.core.store import LogEntry, ProgressStore, store_path

START = datetime(2025, 1, 1, 9, tzinfo=UTC)
#: A learner who forgets faster than FSRS's defaults assume: weaker first memories (w0-w3) and
#: stability that grows more slowly after each success (w8).
FORGETFUL = (0.1, 0.3, 0.6, 2.0, *DEFAULT_PARAMETERS[4:8], 0.7, *DEFAULT_PARAMETERS[9:])
SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "review-log-sample.csv"


def simulate(
    early: tuple[float, ...],
    late: tuple[float, ...],
    switch_day: int,
    *,
    cards: int = 150,
    days: int = 200,
    seed: int = 1,
) -> list[Review]:
    """Reviews of a simulated learner: recall drawn from FSRS with `early` parameters before
    `switch_day` and `late` ones after it; intervals planned by FSRS's defaults, 0-2 days late."""
    rng = random.Random(seed)
    truth = {
        name: Scheduler(
            parameters=params, enable_fuzzing=False, learning_steps=(), relearning_steps=()
        )
        for name, params in (("early", early), ("late", late))
    }
    plan = Scheduler(enable_fuzzing=False, learning_steps=(), relearning_steps=())
    end = START + timedelta(days=days)
    switch = START + timedelta(days=switch_day)
    reviews = []
    for n in range(cards):
        when = START + timedelta(days=n % 60, minutes=n)
        memory = {name: Card() for name in truth}
        planned = Card()
        while when < end:
            model = "early" if when < switch else "late"
            if planned.last_review is None:
                rating = Rating.Good
            else:
                recall = truth[model].get_card_retrievability(memory[model], when)
                rating = Rating.Good if rng.random() < recall else Rating.Again
            reviews.append(Review(n, when, int(rating)))
            memory = {
                name: truth[name].review_card(memory[name], rating, when)[0] for name in truth
            }
            planned = plan.review_card(planned, rating, when)[0]
            when = planned.due + timedelta(days=rng.choice((0, 1, 2)), hours=rng.random())
    return reviews


def test_score_log_loss_and_rmse_over_bins() -> None:
    assert optimize.score([(0.5, True), (0.5, False)]) == Metrics(
        2, pytest.approx(math.log(2)), 0.0
    )
    # one bin predicts 0.9 and sees 50%: RMSE 0.4 there; the other is exact
    m = optimize.score(
        [(0.9, True), (0.9, False), (0.25, False), (0.25, False), (0.25, True), (0.25, False)]
    )
    assert m.rmse_bins == pytest.approx(math.sqrt(2 * 0.4**2 / 6))
    assert math.isnan(optimize.score([]).log_loss)


def test_fitted_parameters_are_adopted_when_they_win_on_the_held_back_reviews() -> None:
    reviews = simulate(FORGETFUL, FORGETFUL, switch_day=10_000)
    result = optimize.compare(reviews)
    assert result.total == len(reviews) >= optimize.MIN_REVIEWS
    assert result.train == sum(r.time < result.cutoff for r in reviews)
    assert result.fitted.log_loss < result.current.log_loss
    assert result.fitted.rmse_bins < result.current.rmse_bins
    assert result.adopt
    assert result.parameters[8] < DEFAULT_PARAMETERS[8]  # it learned the slower growth


def test_fitted_parameters_are_kept_out_when_they_lose_on_the_held_back_reviews() -> None:
    # Forgetful while most of the fitted reviews were made; from day 115 on (the held-back stretch
    # starts later) the learner recalls exactly as the defaults predict, so the fitted parameters
    # underestimate recall there.
    reviews = simulate(FORGETFUL, DEFAULT_PARAMETERS, switch_day=115)
    result = optimize.compare(reviews)
    assert result.cutoff >= START + timedelta(days=115)
    assert result.parameters[8] < DEFAULT_PARAMETERS[8]
    assert result.fitted.log_loss > result.current.log_loss
    assert not result.adopt


def test_too_little_history_is_refused() -> None:
    reviews = simulate(FORGETFUL, FORGETFUL, switch_day=10_000, cards=10, days=60)
    with pytest.raises(NotEnoughHistory, match=f"Only {len(reviews)} rated reviews"):
        optimize.compare(reviews)


def test_reviews_from_log_keeps_rated_reviews_only() -> None:
    def entry(mode: str, rating: int | None, hour: int) -> LogEntry:
        return LogEntry(
            0, ("d", "c", ""), START + timedelta(hours=hour), rating, None, 0, mode, "", None, None
        )

    log = [
        entry("review", 3, 2),
        entry("history", 1, 1),
        entry("practice", 3, 3),
        entry("quiz", None, 4),
    ]
    assert [(r.rating, r.time.hour) for r in optimize.reviews_from_log(log)] == [(1, 10), (3, 11)]


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared review-log sample is not here")
def test_default_parameters_reproduce_the_reference_log_loss_on_the_sample() -> None:
    from kdquiz.core.history_import import parse_history

    parsed = parse_history(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    reviews = [Review(r.card_id, r.time, r.rating) for r in parsed.reviews]
    assert len(reviews) == 12_580
    assert round(optimize.evaluate(None, reviews).log_loss, 4) == 0.4587  # fsrs 6.3.2 reference


def _write_history(data: Path, reviews: list[Review]) -> None:
    store = ProgressStore(store_path(data), clock=lambda: START, backup=False)
    try:
        store.import_rows(
            [],
            [
                LogEntry(
                    0,
                    ("history", str(r.key), ""),
                    r.time,
                    r.rating,
                    r.rating > 1,
                    0,
                    "history",
                    "",
                    None,
                    None,
                )
                for r in reviews
            ],
        )
    finally:
        store.close()


def test_optimize_command_saves_winning_parameters_and_the_scheduler_uses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _write_history(data, simulate(FORGETFUL, FORGETFUL, switch_day=10_000))
    assert main(["--data-dir", str(data), "optimize", "--dry-run"]) == 0
    assert "not saved (--dry-run)" in capsys.readouterr().out
    assert not parameters_path(data).exists()
    assert main(["--data-dir", str(data), "optimize"]) == 0
    out = capsys.readouterr().out
    assert "default parameters" in out and "adopted" in out
    personal = load_parameters(data)
    assert personal is not None and load_settings(data).parameters == personal
    scheduler = Schedulers(load_settings(data), fuzz=False, rng=random.Random(1))["any"]
    first = scheduler.review(None, Rating.Easy, START, ("any", "c", ""))
    assert first.stability == pytest.approx(personal[3], abs=1e-3)  # Easy's first stability: w3
    assert main(["--data-dir", str(data), "optimize", "--reset"]) == 0
    assert load_settings(data).parameters is None


def test_optimize_command_with_too_little_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    _write_history(data, simulate(FORGETFUL, FORGETFUL, switch_day=10_000, cards=5, days=30))
    assert main(["--data-dir", str(data), "optimize"]) == 1
    err = capsys.readouterr().err
    assert "needs at least 400" in err and "kdquiz import-history" in err
    assert not parameters_path(data).exists()
