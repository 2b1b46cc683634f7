"""Budget 2: `kdquiz --help` and `kdquiz check` on the shipped decks against `python -c "import yaml"`.

Each command runs in a fresh process, interleaved with the baseline so both see the same noise.
"""

from __future__ import annotations

import sys
from functools import partial

from bench.common import BenchConfig, bench_env, interleaved, kdquiz_command, time_process
from bench.report import Table, ratio_row
from kdquiz.locations import bundled_decks_dir

LIMIT = 2.0


def run(config: BenchConfig) -> Table:
    data = config.folder("data-cli")
    env = bench_env(data)
    kdquiz = [*kdquiz_command(), "--data-dir", str(data)]
    baseline = [sys.executable, "-c", "import yaml"]
    commands = {
        "kdquiz --help": [*kdquiz, "--help"],
        "kdquiz check <shipped decks>": [*kdquiz, "check", "--quiet", str(bundled_decks_dir())],
    }
    repeats = config.pick(1, max(7, config.repeats * 2), max(15, config.repeats * 3))
    timers = [partial(time_process, baseline, env)]
    timers += [partial(time_process, cmd, env) for cmd in commands.values()]
    base_s, *figures = interleaved(timers, repeats)
    table = Table(2, 'CLI start-up against python -c "import yaml"')
    for name, seconds in zip(commands, figures):
        table.rows.append(
            ratio_row(name, seconds * 1000, base_s * 1000, "ms", LIMIT, "import yaml")
        )
    how = "the installed kdquiz script" if len(kdquiz_command()) == 1 else "python -m kdquiz"
    table.notes.append(f"median wall time of {repeats} runs each, interleaved; ran {how}")
    return table
