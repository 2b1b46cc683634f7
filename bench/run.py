"""The one command: `python -m bench.run [--quick] [--only N ...] [--markdown FILE]`.

Builds synthetic data in a temporary directory (never the learner's data directory) and prints one
table per budget. Exit status 0 even when a budget is missed: the tables say so, and a miss is
explained in docs/benchmarks.md; 2 only if a benchmark could not run at all.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

from bench.common import REPO, BenchConfig
from bench.report import Table

#: Budget number -> module under bench/ with `run(config) -> Table`.
BUDGETS: dict[int, str] = {
    1: "startup",
    2: "cli",
    3: "loading",
    4: "today_queue",
    5: "answer",
    6: "memory",
    7: "generate",
    8: "anki_compare",
    9: "rating_simulation",
    10: "classroom",
    11: "card_search",
    12: "progress_marks",
    13: "apkg_history",
}


def machine() -> str:
    """Cores, RAM and Python: enough to compare tables from different machines."""
    ram = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        ram = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{os.cpu_count()} cores{ram}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}"
    )


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def compile_sources() -> None:
    """Write the .pyc files `pip install .` writes for a learner, even where PYTHONDONTWRITEBYTECODE
    is set: without them every child process would compile kdquiz from source (~0.1 s) while the
    baselines, installed packages, never do."""
    for package in ("kdquiz", "bench"):
        compileall.compile_dir(REPO / package, quiet=1)


def run_budgets(
    config: BenchConfig, only: list[int], out=sys.stdout
) -> tuple[list[Table], list[str]]:  # type: ignore[no-untyped-def]
    """Run the chosen budgets, printing each table as soon as it is done."""
    tables: list[Table] = []
    failures: list[str] = []
    for number in only:
        module = importlib.import_module(f"bench.{BUDGETS[number]}")
        start = time.perf_counter()
        try:
            table = module.run(config)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failures.append(
                f"budget {number} ({BUDGETS[number]}) failed:\n{traceback.format_exc()}"
            )
            print(failures[-1], file=sys.stderr, flush=True)
            continue
        table.notes.append(f"took {time.perf_counter() - start:.1f} s")
        tables.append(table)
        print(table.text() + "\n", file=out, flush=True)
    return tables, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats (~2 min)")
    size.add_argument("--tiny", action="store_true", help="toy sizes: checks that everything runs")
    parser.add_argument(
        "--only",
        type=int,
        nargs="+",
        choices=sorted(BUDGETS),
        metavar="N",
        help=f"run only these budgets (1-{max(BUDGETS)})",
    )
    parser.add_argument("--repeats", type=int, help="timed repeats per measurement")
    parser.add_argument(
        "--markdown",
        type=Path,
        metavar="FILE",
        help="also write the tables as Markdown (for docs/benchmarks.md)",
    )
    args = parser.parse_args(argv)
    scale = "tiny" if args.tiny else "quick" if args.quick else "full"
    repeats = args.repeats or {"tiny": 1, "quick": 3, "full": 5}[scale]
    header = (
        f"kdquiz benchmarks ({scale}) - {date.today().isoformat()}, commit {commit()}, {machine()}"
    )
    print(header + "\n", flush=True)
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="kdquiz-bench-") as tmp:
        config = BenchConfig(scale=scale, workdir=Path(tmp), repeats=repeats)
        tables, failures = run_budgets(config, args.only or sorted(BUDGETS))
    misses = [(t.budget, r.measurement) for t in tables for r in t.misses]
    print(
        f"{len(misses)} budget row(s) missed"
        + (": " + "; ".join(f"{b}: {m}" for b, m in misses) if misses else "")
    )
    if args.markdown:
        body = "\n\n".join(t.markdown() for t in tables)
        args.markdown.write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    return 2 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
