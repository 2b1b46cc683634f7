"""Budget 12: marks on cards in progress files (`kdquiz export-progress` / `import-progress`).

A progress file with every 10th card of a 10,000- or 100,000-card deck marked (suspended, buried
and flagged in turn) is exported, then imported into an empty store: checked in full, then merged
2,000 records a transaction as one batch of mark changes. The baseline is what `kdquiz cards`
does for the same cards: one `set_marks` a field. Budget: the import at most 3x the baseline
(every field of every record is read from text and checked first).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BenchConfig
from bench.report import Table, info_row, ratio_row
from bench.synth import NOW, empty_store
from kdquiz.core.progress_io import check_progress, merge_progress, write_progress
from kdquiz.core.progress_records import mark_fields
from kdquiz.core.store import ProgressStore
from kdquiz.core.store.marks import Mark

IMPORT_RATIO = 3.0
BURIED = NOW.date().toordinal()


def _marks(cards: int) -> list[tuple[tuple[str, str], Mark]]:
    picked = range(0, cards, 10)
    return [
        (("bench", f"c{n}"), Mark(n % 30 == 0, BURIED if n % 30 == 10 else 0, (n // 10) % 8))
        for n in picked
    ]


def _imported(store: ProgressStore, path: Path) -> None:
    merge_progress(store, path, "json", check_progress(path, "json"))
    store.close()


def _on_empty_stores(folder: Path, work: Callable[[ProgressStore], object], repeats: int) -> float:
    """Median seconds of `work` on a fresh empty store each time, the store made before the
    clock starts (made inside, its creation had to be taken off, and on a busy machine the
    difference could come out below zero)."""
    times = []
    for n in range(repeats + 1):  # the first run warms up
        store = empty_store(folder)
        start = time.perf_counter()
        work(store)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _set_field_by_field(store: ProgressStore, marks: list[tuple[tuple[str, str], Mark]]) -> None:
    """The baseline: what `kdquiz cards --suspend` / `--bury` / `--flag N` write."""
    for field in ("suspended", "buried", "flag"):
        for value in {m.value(field) for _, m in marks} - {0}:
            store.set_marks([k for k, m in marks if m.value(field) == value], field, value)
    store.close()


def run(config: BenchConfig) -> Table:
    sizes = config.pick((1_000,), (10_000,), (10_000, 100_000))
    table = Table(12, "marks in progress files (export-progress, import-progress)")
    folder = config.folder("progress_marks")
    repeats = max(3, config.repeats)
    for cards in sizes:
        marks = _marks(cards)
        path = folder / f"marks-{cards}.json"
        with path.open("w", encoding="utf-8") as out:
            records = [{"deck": d, "card": c, **mark_fields(m)} for (d, c), m in marks]
            write_progress(out, "json", [], [], records)

        seconds = _on_empty_stores(folder, lambda s, p=path: _imported(s, p), repeats)
        base = _on_empty_stores(folder, lambda s, m=marks: _set_field_by_field(s, m), repeats)
        label = f"{len(marks):,} marked cards of {cards:,}"
        table.rows.append(
            ratio_row(
                f"import-progress, {label}",
                seconds * 1000,
                base * 1000,
                "ms",
                IMPORT_RATIO,
                "set_marks per field",
            )  # fmt: skip
        )
        table.rows.append(info_row(f"file size, {label}", path.stat().st_size / 1024, "KiB"))
    table.notes.append("each run on a fresh empty store, made before the clock starts")
    return table
