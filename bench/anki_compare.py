"""Budget 8: kdquiz side by side with Anki's engine on the same synthetic collections.

At 1k, 10k and 100k cards with ten review-log rows each (bench/synth.py for kdquiz,
bench/anki_collection.py for Anki, FSRS on), each in fresh processes (bench/anki_probe.py):

- open + today's queue: open the store and decks (kdquiz) or the collection (Anki), build the queue;
- stats: what `kdquiz stats` computes against Anki's graphs backend call over a year;
- answer + durable commit: the median answer, grading and scheduling included, each committed
  (both run WAL with synchronous=FULL). Both engines work out the next states of the four
  ratings when they hand out a card (Anki's queue call, kdquiz's `next_item`), outside the
  timed span; the answer then grades, schedules the chosen rating and commits. The engines
  answer in turns (bench/anki_probe.py `both`), so a busy moment of the disk weighs on both;
- bytes per review row: the log table and its indexes (SQLite's dbstat), and the whole file.

The goal (issue 17) is a ratio of at most 1 everywhere. Anki comes from the optional `bench` extra
(`pip install -e '.[bench]'`); without it, kdquiz's side is still measured and the table says why
the ratios are missing.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
from pathlib import Path

from bench.anki_collection import anki_available, build
from bench.common import BenchConfig, run_probe
from bench.report import Row, Table, info_row, ratio_row
from bench.synth import collection

LIMIT = 1.0  # at most Anki's time, memory and bytes
SKIPPED = "Anki not measured: the `anki` package is not installed (pip install -e '.[bench]')"


def probe(args: list[str], env_dir: Path) -> tuple[float, float]:
    """(seconds, peak MB) from one fresh bench.anki_probe process."""
    values = run_probe("anki_probe", args, env_dir)
    return float(values["seconds"]), float(values["peak_mb"])


def measure(args: list[str], env_dir: Path, repeats: int) -> tuple[float, float]:
    """Medians of `repeats` runs after one warm-up (which also takes the day's first-open work)."""
    probe(args, env_dir)
    runs = [probe(args, env_dir) for _ in range(max(1, repeats))]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


#: kdquiz's tables that exist for the log alone, counted with it: exact states kept beside a row
#: that does not replay, and the answers per quarter hour that stand in for an index on time.
KDQUIZ_LOG_SIDES = ("log_exact", "log_quarters")


def log_bytes(path: Path, table: str, sides: tuple[str, ...] = ()) -> tuple[int, int]:
    """(bytes of `table`, its indexes and the `sides` tables, rows in `table`), read with SQLite's
    dbstat."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [table, *sides] + [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
            )
        ]
        marks = ",".join("?" * len(names))
        size = conn.execute(
            f"SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ({marks})", names
        ).fetchone()[0]
        rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        return int(size), int(rows)
    finally:
        conn.close()


def _store_file(data: Path) -> Path:
    from kdquiz.core.store import store_path

    return store_path(data)


def _copy_kdquiz(data: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(data, target)
    return target


def _copy_anki(path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    for old in target.parent.glob(target.name + "*"):
        old.unlink()
    shutil.copyfile(path, target)
    return target


def _row(name: str, mine: float, theirs: float | None, unit: str, *, budgeted: bool = True) -> Row:
    if theirs is None:
        return info_row(name, mine, unit)
    if not budgeted:
        return info_row(name, mine, unit, theirs, "Anki")
    return ratio_row(name, mine, theirs, unit, LIMIT, "Anki")


def run(config: BenchConfig) -> Table:
    sizes = config.pick((300,), (1_000, 10_000), (1_000, 10_000, 100_000))
    answers = config.pick(5, 30, 50)
    with_anki = anki_available()
    table = Table(8, "side by side with Anki's engine (FSRS on): kdquiz / Anki")
    for cards in sizes:
        repeats = 1 if cards >= 100_000 and config.scale != "full" else config.repeats
        stats_repeats = 1 if cards >= 100_000 else repeats
        data = collection(config.workdir, cards)
        anki_path = (
            build(config.workdir / f"anki-{cards}" / "collection.anki2", cards)
            if with_anki
            else None
        )
        label = f"{cards:,} cards"
        # open + today's queue
        k_open, k_open_mb = measure(["kdquiz", "open", str(data)], data, repeats)
        a_open = a_open_mb = None
        if anki_path is not None:
            a_open, a_open_mb = measure(["anki", "open", str(anki_path)], data, repeats)
        table.rows.append(_row(f"open + today's queue, {label}", k_open * 1000, _ms(a_open), "ms"))
        table.rows.append(_row(f"  peak memory, {label}", k_open_mb, a_open_mb, "MB"))
        # stats
        k_stats, k_stats_mb = measure(["kdquiz", "stats", str(data)], data, stats_repeats)
        a_stats = a_stats_mb = None
        if anki_path is not None:
            a_stats, a_stats_mb = measure(["anki", "stats", str(anki_path)], data, stats_repeats)
        table.rows.append(
            _row(f"stats (kdquiz stats / Anki graphs), {label}", k_stats * 1000, _ms(a_stats), "ms")
        )
        table.rows.append(_row(f"  peak memory, {label}", k_stats_mb, a_stats_mb, "MB"))
        # answer + durable commit, on copies (answers change the collection)
        k_copy = _copy_kdquiz(data, config.workdir / f"answer-kdquiz-{cards}")
        a_answer = None
        if anki_path is None:
            k_answer, _ = probe(["kdquiz", "answer", str(k_copy), str(answers)], k_copy)
        else:
            a_copy = _copy_anki(anki_path, config.workdir / f"answer-anki-{cards}" / anki_path.name)
            turns = run_probe(
                "anki_probe", ["both", "answer", str(k_copy), str(a_copy), str(answers)], k_copy
            )
            k_answer, a_answer = float(turns["kdquiz"]), float(turns["anki"])
        table.rows.append(
            _row(f"answer + durable commit, {label}", k_answer * 1000, _ms(a_answer), "ms")
        )
        # bytes per review row
        store = _store_file(data)
        k_bytes, k_rows = log_bytes(store, "log", KDQUIZ_LOG_SIDES)
        a_per_row = a_file_per_row = None
        if anki_path is not None:
            a_bytes, a_rows = log_bytes(anki_path, "revlog")
            a_per_row = a_bytes / a_rows
            a_file_per_row = anki_path.stat().st_size / a_rows
        table.rows.append(
            _row(f"log bytes per review row, {label}", k_bytes / k_rows, a_per_row, "B")
        )
        table.rows.append(
            _row(
                f"  whole file per review row, {label}",
                store.stat().st_size / k_rows,
                a_file_per_row,
                "B",
                budgeted=False,
            )
        )
    table.notes.append(
        f"open and stats: median of {config.repeats} fresh processes after a warm-up run "
        "(one at 100,000 cards for stats); answers: median of "
        f"{answers} each, the two engines answering in turns in one process (ABBA); peak memory "
        "is the whole process's (VmHWM)"
    )
    table.notes.append(
        "Anki's file also holds the cards' text; kdquiz's store holds progress only (the decks "
        "are YAML files and a cache beside it)"
    )
    if not with_anki:
        table.notes.append(SKIPPED)
    return table


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000
