"""How well FSRS predicts a real learner's recall, with the default and with fitted parameters.

    python -m bench.optimize_calibration

Reads ../shared/data/review-log-sample.csv beside the repository (12,580 real reviews; skipped with
a message when absent) and prints, on reviews at least a day after the card's previous one:
the default parameters on the whole log (reference with fsrs 6.3.2: log loss 0.4587, AUC 0.714),
then the comparison `kdquiz optimize` makes: fit on the first 80% by time, score the parameters
in use (the defaults) and the fitted ones on the last 20%, adopt only if better on both measures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kdquiz.core.history_import import parse_history
from kdquiz.core.optimize import Review, compare, predictions, score

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "review-log-sample.csv"
REFERENCE_LOG_LOSS = 0.4587


def auc(pairs: list[tuple[float, bool]]) -> float:
    """Area under the ROC curve: the chance a recalled review was predicted higher than a lapse."""
    ranked = sorted(pairs, key=lambda p: p[0])
    positives = sum(1 for _, y in ranked if y)
    negatives = len(ranked) - positives
    rank_sum = 0.0
    i = 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += sum(1 for _, y in ranked[i:j] if y) * (i + j + 1) / 2
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def main() -> int:
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE.name} is not in ../shared/data beside the repository")
        return 0
    parsed = parse_history(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    if parsed.problems:
        print("\n".join(parsed.problems[:10]), file=sys.stderr)
        return 1
    reviews = [Review(r.card_id, r.time, r.rating) for r in parsed.reviews]
    whole = predictions(None, reviews)
    overall = score(whole)
    print(f"{SAMPLE.name}: {len(reviews)} reviews of {len({r.key for r in reviews})} cards")
    print(
        f"default FSRS-6 parameters, all {overall.reviews} reviews >= 1 day apart: "
        f"log loss {overall.log_loss:.4f} (reference {REFERENCE_LOG_LOSS}), "
        f"RMSE (bins) {overall.rmse_bins:.4f}, AUC {auc(whole):.3f}"
    )
    started = time.perf_counter()
    result = compare(reviews)
    seconds = time.perf_counter() - started
    print(
        f"\nfit on the first {result.train} reviews (before {result.cutoff.isoformat()}), "
        f"scored on {result.current.reviews} later reviews >= 1 day apart:"
    )
    print(f"  {'parameters':<10}  {'log loss':>8}  {'RMSE (bins)':>11}")
    for name, m in (("default", result.current), ("fitted", result.fitted)):
        print(f"  {name:<10}  {m.log_loss:>8.4f}  {m.rmse_bins:>11.4f}")
    print(f"  adopted: {'yes' if result.adopt else 'no'} (fitted must be lower on both)")
    print(f"  fit + both evaluations: {seconds:.1f} s")
    print(f"  fitted parameters: {', '.join(f'{w:g}' for w in result.parameters)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
