"""Exit codes and output of the headless commands, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from kdquiz import __version__
from kdquiz.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


def run(*argv: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kdquiz", "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        check=False,
    )


def test_version_and_help(tmp_path: Path) -> None:
    out = run("--version", data_dir=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"kdquiz {__version__}"
    out = run("check", "--help", data_dir=tmp_path)
    assert out.returncode == 0
    assert "Exit status: 0 clean, 1 problems found, 2 usage error" in " ".join(out.stdout.split())


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "minimal.yaml")]) == 0
    assert "1 deck checked: no problems." in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\nid: bad\ntitle: Bad\ncards:\n  - id: x\n    type: mcq\n    prompt: q\n"
        "    choices: [a, b]\n    answer: c\n",
        encoding="utf-8",
    )
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:9:13: card 'x': the answer 'c' is not one of the choices" in out
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2


def test_check_reports_duplicate_deck_ids_across_files(tmp_path: Path, capsys) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text((FIXTURES / "minimal.yaml").read_text(), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert "deck id 'minimal' is also used by" in capsys.readouterr().out


def test_decks_lists_shipped_user_and_given_decks(tmp_path: Path) -> None:
    user = tmp_path / "decks"
    user.mkdir()
    (user / "mine.yaml").write_text(
        (FIXTURES / "minimal.yaml").read_text().replace("minimal", "mine"), encoding="utf-8"
    )
    out = run("decks", "--json", str(FIXTURES / "minimal.yaml"), data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    listed = {d["id"]: d for d in json.loads(out.stdout)["decks"]}
    assert listed["mine"]["origin"] == "yours" and listed["mine"]["kinds"] == {"typed": 1}
    assert listed["minimal"]["origin"] == "given" and listed["minimal"]["cards"] == 1
    assert any(d["origin"] == "shipped" for d in listed.values())


def test_data_dir_env_var_is_used(tmp_path: Path, monkeypatch) -> None:
    from kdquiz.locations import data_dir

    monkeypatch.setenv("KDQUIZ_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(str(tmp_path / "flag")) == tmp_path / "flag"


def test_check_watch_rechecks_when_a_file_is_saved(tmp_path: Path) -> None:
    import time

    deck = tmp_path / "d.yaml"
    deck.write_text((FIXTURES / "minimal.yaml").read_text(), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "kdquiz", "check", "--watch", str(deck)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
        assert "no problems" in lines[0] and "Watching" in lines[1]
        time.sleep(0.05)
        deck.write_text(
            (FIXTURES / "minimal.yaml").read_text().replace("answer: Seoul", "answer: ''"),
            encoding="utf-8",
        )
        seen = ""
        while "'answer' is empty" not in seen:
            line = proc.stdout.readline()
            assert line, "the watcher stopped without reporting the change"
            seen += line
        assert "changed ---" in seen
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_check_progress_reports_edited_and_orphaned_cards(tmp_path: Path, capsys) -> None:
    import random
    from datetime import datetime

    from kdquiz.core.session import Mode, StudySession
    from kdquiz.services import make_services

    deck = tmp_path / "d.yaml"
    text = (FIXTURES / "minimal.yaml").read_text() + (
        "  - id: second\n    type: typed\n    prompt: Which port city is in the south?\n    answer: Busan\n"
    )
    deck.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    assert main(["check", "--progress", "--data-dir", str(data), str(deck)]) == 0
    assert "Progress: nothing reviewed yet." in capsys.readouterr().out

    services = make_services(
        data,
        [deck],
        clock=lambda: datetime(2026, 3, 1, tzinfo=UTC),
        rng=random.Random(1),
        fuzz=False,
        include_shipped=False,
    )
    session = StudySession(
        store=services.store,
        settings=services.settings,
        decks=services.catalog.decks,
        mode=Mode.REVIEW,
        clock=services.clock,
        rng=services.rng,
        fuzz=False,
    )
    for _ in range(2):
        item = session.next_item()
        assert item is not None
        session.commit(item, 3, outcome=None, response_ms=1500)
    services.store.close()

    deck.write_text(
        text.replace("capital of South Korea", "capital city of South Korea").replace(
            "id: second", "id: renamed"
        ),
        encoding="utf-8",
    )
    assert main(["check", "--progress", "--data-dir", str(data), str(deck)]) == 0
    out = capsys.readouterr().out
    assert "Progress: 2 cards to look at." in out
    assert (
        f"edited: {deck}:5: deck 'minimal' card 'capital' was edited since it was last reviewed"
        in out
    )
    assert "orphaned: " in out and "kdquiz relink minimal second NEW_ID" in out
