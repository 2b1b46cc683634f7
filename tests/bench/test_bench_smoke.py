"""The benchmarks run end to end at toy sizes and print their tables. No timing is asserted here:
the figures come from `python -m bench.run` (docs/benchmarks.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.anki_collection import anki_available
from bench.anki_compare import SKIPPED
from bench.report import Table, absolute_row, ratio_row
from bench.run import BUDGETS
from bench.synth import deck_text, document
from kdquiz.core.decks import load_deck_text

REPO = Path(__file__).resolve().parents[2]
RATIO = re.compile(r"\d+\.\d\dx")


def run_tiny(budget: int, markdown: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--tiny",
            "--only",
            str(budget),
            "--markdown",
            str(markdown),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "budget", [b for b in sorted(BUDGETS) if BUDGETS[b] != "anki_compare" or anki_available()]
)
def test_each_budget_prints_a_ratio_table(budget: int, tmp_path: Path) -> None:
    markdown = tmp_path / "tables.md"
    stdout = run_tiny(budget, markdown)
    lines = stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"Budget {budget}:")))
    header = lines[start + 1].split()
    assert header == ["measurement", "absolute", "baseline", "ratio", "budget", "result"]
    rows = [line for line in lines[start + 3 :] if line.startswith("  ") and "note:" not in line]
    budgeted = [row for row in rows if row.rstrip().endswith(("pass", "MISS"))]
    assert budgeted, stdout
    assert all(RATIO.search(row) for row in budgeted), stdout
    assert f"**Budget {budget}:" in markdown.read_text(encoding="utf-8")


def test_the_anki_comparison_measures_kdquiz_and_says_why_without_anki(tmp_path: Path) -> None:
    """Without the optional `anki` package (here hidden by a package of that name that cannot be
    imported), kdquiz's side is still measured and the table says Anki was skipped and why."""
    hidden = tmp_path / "hide"
    (hidden / "anki").mkdir(parents=True)
    (hidden / "anki" / "__init__.py").write_text("raise ImportError('hidden by the test')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(hidden), str(REPO)]))
    number = next(n for n, name in BUDGETS.items() if name == "anki_compare")
    stdout = run_tiny(number, tmp_path / "tables.md", env)
    assert SKIPPED in stdout
    rows = [
        line.split("  ")[1]
        for line in stdout.splitlines()
        if line.startswith("  ") and "ms" in line
    ]
    measured = {row.split(",")[0].strip() for row in rows}
    assert {
        "open + today's queue",
        "stats (kdquiz stats / Anki graphs)",
        "answer + durable commit",
    } <= measured, stdout
    assert "(Anki)" not in stdout and "MISS" not in stdout


def test_ratio_rows_pass_and_miss_on_the_limit() -> None:
    assert ratio_row("x", 125.0, 100.0, "ms", 1.25).ok is True
    assert ratio_row("x", 126.0, 100.0, "ms", 1.25).ok is False
    row = absolute_row("y", 60.0, "ms", 50.0, baseline=20.0)
    assert (row.ok, row.ratio) == (False, 3.0)
    table = Table(9, "t", [row])
    assert table.misses == [row]
    assert "3.00x" in table.text() and "| MISS |" in table.markdown()


def test_synthetic_decks_are_valid_at_any_size() -> None:
    for cards in (8, 1000, 2_345):
        deck = load_deck_text(deck_text(cards, "synthetic"), "synthetic.yaml")
        assert len(deck.cards) == cards
        assert len({card.id for card in deck.cards}) == cards
        assert len(deck.kind_counts()) == 8


def test_documents_have_the_words_asked_for() -> None:
    text = document(2_000)
    assert 2_000 <= len(text.split()) <= 2_200
