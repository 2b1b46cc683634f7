"""The progress commands end to end: backup, restore, export-progress, import-progress, relink."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime

import pytest
from fsrs import Rating
from store_support import FakeClock

from kdquiz.cli import main
from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import ProgressStore, store_path
from kdquiz.core.store.backups import list_backups

SCHED = DeckScheduler(DeckSettings(), fuzz=False)
WHEN = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)


def seed(data_dir, *cards):
    with ProgressStore(store_path(data_dir), clock=FakeClock(WHEN), backup=False) as store:
        for card in cards:
            key = ("korea", card, "")
            store.record_review(
                key,
                lambda before, key=key: SCHED.review(before, Rating.Good, WHEN, key),
                rating=3,
                when=WHEN,
                response_ms=800,
            )


def cards(data_dir):
    conn = sqlite3.connect(store_path(data_dir))
    try:
        return sorted(r[0] for r in conn.execute("SELECT card FROM states"))
    finally:
        conn.close()


def test_backup_then_restore(tmp_path, capsys):
    seed(tmp_path, "hangul")
    assert main(["--data-dir", str(tmp_path), "backup"]) == 0
    copy = list_backups(store_path(tmp_path))[0]
    assert str(copy) in capsys.readouterr().out
    seed(tmp_path, "seoul")
    assert main(["--data-dir", str(tmp_path), "restore", str(copy)]) == 0
    assert "saved in" in capsys.readouterr().out
    assert cards(tmp_path) == ["hangul"]
    assert main(["backup", "--list", "--data-dir", str(tmp_path)]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_a_big_restore_says_it_takes_a_while_before_it_starts(tmp_path, capsys, monkeypatch):
    from kdquiz.commands import restore

    seed(tmp_path, "hangul")
    assert main(["--data-dir", str(tmp_path), "backup"]) == 0
    copy = list_backups(store_path(tmp_path))[0]
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "restore", str(copy)]) == 0
    assert "takes a minute" not in capsys.readouterr().err  # a small store: nothing to say
    monkeypatch.setattr(restore, "LONG_RESTORE_BYTES", copy.stat().st_size)
    assert main(["--data-dir", str(tmp_path), "restore", str(copy)]) == 0
    err = capsys.readouterr().err
    assert f"Checking and copying {copy}" in err and "takes a minute" in err


def test_restore_of_a_non_store_fails_with_a_message(tmp_path, capsys):
    seed(tmp_path, "hangul")
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert main(["--data-dir", str(tmp_path), "restore", str(bad)]) == 1
    assert str(bad) in capsys.readouterr().err
    assert cards(tmp_path) == ["hangul"]


def test_damaged_store_message_offers_restore(tmp_path, capsys):
    seed(tmp_path, "hangul")
    assert main(["--data-dir", str(tmp_path), "backup"]) == 0
    store_path(tmp_path).write_bytes(b"")
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "relink", "korea", "a", "b"]) == 1
    err = capsys.readouterr().err
    assert str(store_path(tmp_path)) in err and "kdquiz restore" in err
    assert store_path(tmp_path).read_bytes() == b""


def test_export_and_import_progress(tmp_path, capsys):
    seed(tmp_path / "a", "hangul", "seoul")
    out = tmp_path / "progress.json"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "a"),
                "export-progress",
                "--format",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert len(json.loads(out.read_text())["log"]) == 2
    assert main(["--data-dir", str(tmp_path / "a"), "export-progress", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("record,deck,card,sub")
    assert main(["--data-dir", str(tmp_path / "b"), "import-progress", str(out)]) == 0
    assert cards(tmp_path / "b") == ["hangul", "seoul"]
    (tmp_path / "x.txt").write_text("state,korea\n", encoding="utf-8")
    assert (
        main(["--data-dir", str(tmp_path / "b"), "import-progress", str(tmp_path / "x.txt")]) == 2
    )
    assert "cannot tell the format of" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["nonexist", "nonexist.txt", "nonexist.json", "nonexist.csv"])
def test_a_missing_or_odd_progress_file_is_said_first_whatever_its_name(
    tmp_path, capsys, monkeypatch, name
):
    """The file's name may say nothing of its format: that it cannot be read is said first."""
    data = ["--data-dir", str(tmp_path / "data")]
    path = tmp_path / name
    assert main([*data, "import-progress", str(path)]) == 1
    assert f"{path}: cannot read the file (No such file or directory)" in capsys.readouterr().err
    path.mkdir()
    assert main([*data, "import-progress", str(path)]) == 1
    assert f"{path}: it is a folder, not a regular file" in capsys.readouterr().err
    path.rmdir()
    path.write_text("state,korea\n", encoding="utf-8")
    real_open = os.open

    def refused(file, *args, **kwargs):  # a file the user may not read (root reads any)
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    assert main([*data, "import-progress", str(path)]) == 1
    assert f"{path}: cannot read the file (Permission denied)" in capsys.readouterr().err
    assert not (tmp_path / "data" / "backups").exists()


def test_each_import_of_progress_keeps_its_own_backup(tmp_path, capsys):
    """However quickly imports follow one another (the same second, often), none of the copies
    made before them is overwritten: each import names its own."""
    seed(tmp_path / "a", "hangul")
    out = tmp_path / "progress.json"
    data_a, data_b = ["--data-dir", str(tmp_path / "a")], ["--data-dir", str(tmp_path / "b")]
    assert main([*data_a, "export-progress", "--format", "json", "-o", str(out)]) == 0
    for _ in range(3):
        assert main([*data_b, "import-progress", str(out)]) == 0
    said = capsys.readouterr().out
    copies = [p for p in list_backups(store_path(tmp_path / "b")) if "before-import" in p.name]
    assert len(copies) == 3
    assert all(str(copy) in said for copy in copies)


def test_relink(tmp_path, capsys):
    seed(tmp_path, "old-id")
    assert main(["--data-dir", str(tmp_path), "relink", "korea", "old-id", "new-id"]) == 0
    assert "moved 1 item state and 1 log row" in capsys.readouterr().out
    assert cards(tmp_path) == ["new-id"]
    assert main(["--data-dir", str(tmp_path), "relink", "korea", "old-id", "new-id"]) == 1
    assert "no progress for card 'old-id'" in capsys.readouterr().err
