"""The progress store at scale: bytes per review-log row, upgrade time, open + today's queue,
statistics (time and peak memory) and answer + durable commit, at 10,000 and 100,000 cards with
ten review-log rows per card.

Run: python -m bench.store [--cards 10000 100000] [--keep DIR]

Bytes per row counts every page of the log's tables and indexes (SQLite's dbstat), the item
numbers included, divided by the rows. The version-2 log (states as JSON) is built with the SQL the
synthetic stores used before the compact log, so the two sizes compare the same collection.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import NOW, collection
from kdquiz.core.store import ProgressStore, create_empty_store, store_path, to_us

#: The tables and indexes that hold the review log, per schema version.
LOG_TREES = {
    2: ("log", "log_item", "log_time"),
    3: ("log", "log_item", "log_time", "items", "items_key", "log_exact"),
    11: ("log", "log_item", "items", "items_key", "log_exact", "log_quarters"),
}


def log_bytes(path: Path) -> tuple[int, int]:
    """(bytes in the log's pages, log rows) of the store at `path`."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = LOG_TREES[max(v for v in LOG_TREES if v <= max(version, 2))]
        marks = ",".join("?" * len(names))
        size = conn.execute(
            f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({marks})", names
        ).fetchone()[0]
        rows = conn.execute("SELECT COUNT(*) FROM log").fetchone()[0]
        return int(size or 0), int(rows)
    finally:
        conn.close()


def v2_store(path: Path, source: Path) -> None:
    """A version-2 store holding the same log as the compact store `source`, states as JSON."""
    import json

    from kdquiz.core.store import compact_log

    def dump(state: object) -> str | None:
        return json.dumps(state.to_dict()) if state is not None else None  # type: ignore[attr-defined]

    create_empty_store(path, NOW, version=2)
    reader = sqlite3.connect(source)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        rows = reader.execute(
            f"SELECT {compact_log.READ_COLUMNS} FROM {compact_log.READ_FROM} ORDER BY l.id"
        )
        conn.executemany(
            "INSERT INTO log (id, deck, card, sub, time, rating, correct, response_ms, mode, "
            "answer, before_state, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    e.id,
                    *e.key,
                    to_us(e.time),
                    e.rating,
                    e.correct,
                    e.response_ms,
                    e.mode,
                    e.answer,
                    int(e.before.state) if e.before else None,
                    dump(e.before),
                    dump(e.after),
                )
                for e in compact_log.entries(rows)
            ),
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
        reader.close()


def peak_mb(code: str, *args: str) -> tuple[float, float]:
    """(seconds, peak resident MB) of `code` run in a fresh interpreter."""
    script = (
        "import resource, sys, time\n"
        "start = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - start, "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[-2]), float(out[-1])


STATS = """
from pathlib import Path
from datetime import UTC
from bench.synth import NOW
from kdquiz.core.catalog import load_catalog
from kdquiz.core.stats import collect
from kdquiz.core.store import ProgressStore, store_path
data = Path(sys.argv[1])
catalog = load_catalog(data, include_shipped=False)
start = time.perf_counter()
store = ProgressStore(store_path(data), clock=lambda: NOW, backup=False)
collect(store, catalog.decks, now=NOW, tz=UTC, rollover_hour=4)
"""

OPEN_QUEUE = """
from pathlib import Path
from bench.synth import NOW
from kdquiz.core.catalog import load_catalog
from kdquiz.core.queue import build_queue
from kdquiz.core.settings import Settings
from kdquiz.core.store import ProgressStore, store_path
data = Path(sys.argv[1])
catalog = load_catalog(data, include_shipped=False)
start = time.perf_counter()
store = ProgressStore(store_path(data), clock=lambda: NOW, backup=False)
build_queue(store, catalog.decks, Settings(), NOW)
"""


def answer_commit_ms(data: Path, answers: int = 50) -> float:
    """Median ms of one review answer committed durably (WAL, synchronous=FULL)."""
    from fsrs import Rating

    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings

    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    times = []
    copy = data.parent / f"{data.name}-answers"  # the collection itself stays as built
    copy.mkdir(exist_ok=True)
    shutil.copy(store_path(data), store_path(copy))
    with ProgressStore(store_path(copy), clock=lambda: NOW, backup=False) as store:
        for n in range(answers):
            key = ("synthetic", f"c{n:06d}", "")
            start = time.perf_counter()
            store.record_review(
                key,
                lambda before, key=key: scheduler.review(before, Rating.Good, NOW, key),
                rating=3,
                when=NOW,
                response_ms=4000,
            )
            times.append(time.perf_counter() - start)
    shutil.rmtree(copy)
    times.sort()
    return times[len(times) // 2] * 1000


def measure(root: Path, cards: int) -> list[str]:
    lines = [f"## {cards:,} cards, {cards * 10:,} log rows"]
    data = collection(root, cards)
    old = root / f"v2-{cards}.sqlite3"
    if not old.exists():
        v2_store(old, store_path(data))
    size, rows = log_bytes(old)
    lines.append(f"version 2 log (JSON states): {size / rows:.0f} B/row")
    upgraded = root / f"upgraded-{cards}" / "progress.sqlite3"
    upgraded.parent.mkdir(exist_ok=True)
    upgraded.write_bytes(old.read_bytes())
    start = time.perf_counter()
    ProgressStore(upgraded, clock=lambda: NOW, backup=False).close()
    took = time.perf_counter() - start
    size3, rows3 = log_bytes(upgraded)
    lines.append(
        f"that log upgraded in place: {size3 / rows3:.0f} B/row, {took:.1f} s "
        f"(every row's states replay-checked; {rows3:,} rows)"
    )
    size, rows = log_bytes(store_path(data))
    lines.append(f"compact log, realistic states: {size / rows:.0f} B/row")
    file_mb = store_path(data).stat().st_size / 1e6
    lines.append(f"store file: {file_mb:.1f} MB ({file_mb * 1e6 / rows:.0f} B per log row)")
    seconds, mb = peak_mb(OPEN_QUEUE, str(data))
    lines.append(f"open + today's queue: {seconds * 1000:.0f} ms (process peak {mb:.0f} MB)")
    seconds, mb = peak_mb(STATS, str(data))
    lines.append(f"stats (open + collect): {seconds * 1000:.0f} ms, process peak {mb:.0f} MB")
    lines.append(f"answer + durable commit: {answer_commit_ms(data):.2f} ms (median of 50)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.store", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cards", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="build (and keep) the stores in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kdquiz-store-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for cards in args.cards:
            print("\n".join(measure(root, cards)) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
