"""Budget 1: the TUI's time to its first painted home screen against a bare Textual app with one Label.

Both run headless (`run_test`) in fresh processes, interleaved; see bench/paint_probe.py for how
"painted" is detected. Deck caches are warm (the first, discarded run fills them), as on every
start but the first after a deck changes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import BenchConfig, bench_env, interleaved
from bench.report import Table, info_row, ratio_row
from bench.synth import collection

LIMIT = 1.5  # first paint within 1.5x of a bare Textual app (stock widgets, no collector tricks)


def time_to_paint(args: list[str], data: Path, cpu_ms: list[float]) -> Callable[[], float]:
    """Wall seconds to the first frame; the child's CPU milliseconds by then go to `cpu_ms`."""

    def run() -> float:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.paint_probe", *args],
            env=bench_env(data),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        _, err = child.communicate(timeout=120)
        word, _, cpu = line.strip().partition(" ")
        if word != "painted" or child.returncode:
            raise RuntimeError(f"paint probe {args} failed ({child.returncode}): {err[-2000:]}")
        cpu_ms.append(float(cpu))
        return elapsed

    return run


def run(config: BenchConfig) -> Table:
    repeats = config.pick(1, max(5, config.repeats * 2), max(9, config.repeats * 2))
    empty = config.folder("data-startup")
    cases = {"home screen, shipped decks": empty}
    for cards in config.pick((), (10_000,), (10_000, 100_000)):
        cases[f"home screen, shipped + {cards:,}-card deck and store"] = collection(
            config.workdir, cards
        )
    cpu: list[list[float]] = [[] for _ in range(len(cases) + 1)]
    timers = [time_to_paint(["bare"], empty, cpu[0])]
    timers += [
        time_to_paint(["home", str(data)], data, cpu_ms)
        for data, cpu_ms in zip(cases.values(), cpu[1:])
    ]
    bare_s, *figures = interleaved(timers, repeats)
    bare_cpu, *cpu_figures = (statistics.median(ms[1:]) for ms in cpu)  # [0]: the warm-up
    table = Table(
        1, "TUI first paint (headless run_test) against a bare Textual app with one Label"
    )
    for n, (name, seconds) in enumerate(zip(cases, figures)):
        make = ratio_row if n == 0 else (lambda a, b, c, d, _limit, e: info_row(a, b, d, c, e))
        table.rows.append(make(name, seconds * 1000, bare_s * 1000, "ms", LIMIT, "bare app"))
    for name, ms in zip(cases, cpu_figures):
        table.rows.append(info_row(f"{name}: CPU time", ms, "ms", bare_cpu, "bare app"))
    table.notes.append(
        "CPU time: the process's own, at its first frame; unlike the wall time it does not grow "
        "while the process waits for a core on a busy machine"
    )
    table.notes.append(
        f"median of {repeats} fresh processes each, interleaved, after one warm-up run; "
        "the time includes interpreter start-up for both"
    )
    return table
