"""Budget 7: `kdquiz generate` on a 10,000-word document: under 5 s.

The document is article-like Markdown (paragraphs from ../shared/seeds when that folder exists,
else synthetic sentences full of names, years and numbers). Each run is a fresh process writing a
deck file; the baseline is `python -c "import yaml"`, to show how fast this machine starts Python.
"""

from __future__ import annotations

import sys
from functools import partial

from bench.common import BenchConfig, bench_env, interleaved, kdquiz_command, time_process
from bench.report import Table, absolute_row, info_row
from bench.synth import document

LIMIT_S = 5.0


def run(config: BenchConfig) -> Table:
    words = config.pick(600, 10_000, 10_000)
    repeats = config.pick(1, 3, 5)
    folder = config.folder("generate")
    doc = folder / f"article-{words}.md"
    text = document(words)
    doc.write_text(text, encoding="utf-8")
    out = folder / "draft.yaml"
    env = bench_env(config.folder("data-generate"))
    generate = [*kdquiz_command(), "generate", str(doc), "-o", str(out), "--force"]
    baseline = [sys.executable, "-c", "import yaml"]
    base_s, gen_s = interleaved(
        [partial(time_process, baseline, env), partial(time_process, generate, env)], repeats
    )
    cards = out.read_text(encoding="utf-8").count("\n  - id: ") if out.exists() else 0
    table = Table(7, f"kdquiz generate on a {len(text.split()):,}-word document")
    table.rows.append(
        absolute_row("kdquiz generate -o draft.yaml", gen_s, "s", LIMIT_S, base_s, "import yaml")
    )
    table.rows.append(info_row("  cards in the draft", cards, ""))
    table.notes.append(f"median of {repeats} fresh processes, interleaved with the baseline")
    return table
