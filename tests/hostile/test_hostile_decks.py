"""The hostile deck corpus: every file is refused cleanly, in its own process, with its message.

Each file is checked by `kdquiz check` in a subprocess under a memory limit and a CPU-time limit,
so a file that made the loader balloon or spin would kill the process instead of passing.
The time each takes is measured by the benchmarks, never asserted here.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CORPUS = HERE / "decks"
EXPECTED: dict[str, dict] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
MEMORY_LIMIT = 512 * 2**20
CPU_SECONDS = 10


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def check_in_subprocess(path: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kdquiz", "--data-dir", str(data_dir), "check", "-q", str(path)],
        capture_output=True,
        text=True,
        preexec_fn=_limits,
        timeout=60,
        check=False,
    )


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in CORPUS.iterdir())
    assert files == sorted(EXPECTED), "every corpus file needs an expected message, and vice versa"
    assert len(files) + len(GENERATED) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_deck_is_refused_with_its_message(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    out = check_in_subprocess(CORPUS / name, tmp_path)
    assert out.returncode == 1, (out.returncode, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith(f"{CORPUS / name}:{expected['line']}:"), first
    assert expected["message"] in out.stdout, out.stdout
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def _fifty_megabytes(path: Path) -> None:
    with path.open("wb") as fh:
        fh.write(b"format: 1\n")
        fh.truncate(50 * 2**20)


def _megabyte_line(path: Path) -> None:
    path.write_text("format: 1\nid: x\ntitle: " + "x" * 2**20 + "\ncards: []\n", encoding="utf-8")


def _many_cards(path: Path) -> None:
    path.write_text("format: 1\nid: x\ntitle: t\ncards:\n" + "  - {}\n" * 100_001, encoding="utf-8")


GENERATED = {
    "fifty-megabytes.yaml": (
        _fifty_megabytes,
        1,
        "decks are limited to 32 MiB: split it into several decks",
    ),
    "megabyte-line.yaml": (
        _megabyte_line,
        3,
        "line is 1,048,583 characters long; the limit is 20,000",
    ),
    "too-many-cards.yaml": (_many_cards, 5, "the deck has 100,001 cards; the limit is 100,000"),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_deck(name: str, tmp_path: Path) -> None:
    make, line, message = GENERATED[name]
    path = tmp_path / name
    make(path)
    out = check_in_subprocess(path, tmp_path / "data")
    assert out.returncode == 1, out.stderr[-2000:]
    assert out.stdout.startswith(f"{path}:{line}:"), out.stdout[:300]
    assert message in out.stdout
