"""Budget 6: peak memory of a review session over a 100,000-card collection: under 200 MB.

Each figure is the peak resident set (VmHWM, else ru_maxrss) of a fresh process: make_services
(store, settings, every deck) and a review session answering cards, through the core and through the headless TUI.
"Cold" is the first start after the deck file changed (parsed and validated, cache rewritten);
"warm" reads the deck cache. The baseline is the same interpreter with kdquiz's core modules imported (no Textual).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import BenchConfig, run_probe
from bench.report import Table, absolute_row
from bench.synth import collection

LIMIT_MB = 200.0


def peak(args: list[str], data: Path) -> tuple[float, str]:
    values = run_probe("memory_probe", args, data)
    return float(values["peak_mb"]), values.get("answered", "?")


def run(config: BenchConfig) -> Table:
    cards = config.pick(1_000, 100_000, 100_000)
    answers = config.pick(5, 30, 100)
    data = collection(config.workdir, cards)
    table = Table(6, f"peak memory of a review session over {cards:,} cards")
    base, _ = peak(["baseline"], data)
    shutil.rmtree(data / "cache", ignore_errors=True)
    cases = [
        ("core session, cold deck cache", ["core", str(data), str(answers)]),
        ("core session, warm deck cache", ["core", str(data), str(answers)]),
        ("TUI review session, warm deck cache", ["tui", str(data), str(answers)]),
    ]
    for name, args in cases:
        mb, answered = peak(args, data)
        table.rows.append(
            absolute_row(f"{name} ({answered} answers)", mb, "MB", LIMIT_MB, base, "imports only")
        )
    table.notes.append("peak resident set size of one fresh process per row")
    return table
