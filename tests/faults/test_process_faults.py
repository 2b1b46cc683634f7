"""Process faults: a kill at any moment, a full disk, a read-only folder, a clock moved back.

The promise: an answer kdquiz acknowledged is never lost, and a fault gives a clear message,
never a traceback or a half-written store.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kdquiz.core.grading import grade
from kdquiz.core.session import Mode, StudySession
from kdquiz.errors import StoreError
from kdquiz.services import make_services

DRIVER = Path(__file__).with_name("review_driver.py")


def _deck_text(cards: int) -> str:
    return """\
format: 1
id: faults
title: Fault deck
cards:
""" + "".join(
        f"""\
  - id: card-{i}
    type: typed
    prompt: Which city is number {i}?
    answer: {"Seoul" if i % 2 else "Busan"}
"""
        for i in range(cards)
    )


DECK = _deck_text(40)


@pytest.fixture()
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "faults.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def _logged(data_dir: Path) -> list[tuple[str, str, str, int]]:
    conn = sqlite3.connect(data_dir / "progress.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute(
            "SELECT deck, card, sub, rating FROM log JOIN items ON items.id = log.item "
            "ORDER BY log.id"
        ).fetchall()
    finally:
        conn.close()


def test_sigkill_at_random_moments_loses_no_acknowledged_answer(tmp_path: Path, deck: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20261120)
    acked: list[tuple[str, str, str, int]] = []
    for run in range(50):
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(data), str(deck), str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("ACK"), proc.stderr.read() if proc.stderr else first
        lines = [first]
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines += out.splitlines()
        for line in lines:
            if line.startswith("ACK") and len(line.split()) == 5:
                _, deck_id, card, sub, rating = line.split()
                acked.append((deck_id, card, "" if sub == "-" else sub, int(rating)))
    logged = _logged(data)
    assert len(acked) >= 50
    rows = [(d, c, s or "", r) for d, c, s, r in logged]
    missing = [a for a in acked if a not in rows]
    # Practice answers are logged too, so every acknowledged answer must have a row, in order.
    assert not missing, missing[:5]
    remaining = iter(rows)
    assert all(any(a == r for r in remaining) for a in acked), "acknowledged answers out of order"


def _session(data: Path, deck: Path, clock) -> tuple[StudySession, object]:
    services = make_services(
        data, [deck], clock=clock, rng=random.Random(3), fuzz=False, include_shipped=False
    )
    session = StudySession(
        store=services.store,
        settings=services.settings,
        decks=services.catalog.decks,
        mode=Mode.REVIEW,
        clock=clock,
        rng=services.rng,
        fuzz=False,
    )
    return session, services


def test_full_disk_gives_a_clear_error_and_no_partial_data(tmp_path: Path, deck: Path) -> None:
    now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    # Enough new cards to fill the free space left in the store's last pages (log rows are small).
    deck.write_text(_deck_text(600), encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.toml").write_text("new_per_day = 9999\n", encoding="utf-8")
    session, services = _session(tmp_path / "data", deck, lambda: now)
    item = session.next_item()
    assert item is not None
    session.commit(item, 3, outcome=grade(item, "Seoul"), response_ms=1200)
    before = _logged(tmp_path / "data")
    conn = services.store._conn  # simulate a full disk: SQLite may not grow the file any more
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as info:
        for _ in range(599):
            nxt = session.next_item()
            assert nxt is not None
            session.commit(nxt, 3, outcome=grade(nxt, "Seoul"), response_ms=1200)
    assert "the disk is full" in str(info.value) and "earlier answers are safe" in str(info.value)
    services.store.close()
    after = _logged(tmp_path / "data")
    assert after[: len(before)] == before


@contextmanager
def _mounted_tmpfs(target: Path, options: str):
    target.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False, capture_output=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs is Linux")
def test_a_really_full_disk(tmp_path: Path, deck: Path) -> None:
    with _mounted_tmpfs(tmp_path / "small", "size=160k") as small:
        now = datetime(2026, 2, 1, 10, tzinfo=UTC)
        try:
            session, services = _session(small / "data", deck, lambda: now)
        except StoreError as exc:  # too small even to create the store: also a clear message
            assert "Cannot create the progress store" in str(exc) or "disk is full" in str(exc)
            return
        filler = small / "filler"
        with pytest.raises(StoreError) as info:
            try:
                with filler.open("wb") as fh:
                    while True:
                        fh.write(b"x" * 4096)
                        fh.flush()
            except OSError:
                pass  # the disk is full now
            for _ in range(500):
                nxt = session.next_item()
                if nxt is None:
                    break
                session.commit(nxt, 3, outcome=grade(nxt, "Seoul"), response_ms=900)
            raise StoreError("never filled")  # pragma: no cover
        assert "disk is full" in str(info.value)
        filler.unlink()
        services.store.close()
        _logged(small / "data")  # integrity ok


def test_read_only_data_dir_is_a_clear_error_at_start(tmp_path: Path, deck: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    with pytest.raises(
        StoreError, match="Cannot create the progress store .*choose another with --data-dir"
    ):
        make_services(blocked / "data", [deck], include_shipped=False)
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        with pytest.raises(StoreError, match="Cannot create the progress store"):
            make_services(ro, [deck], include_shipped=False)
        return
    with _mounted_tmpfs(tmp_path / "ro", "ro,size=64k") as ro:
        with pytest.raises(
            StoreError, match="Cannot create the progress store .*Read-only file system"
        ):
            make_services(ro, [deck], include_shipped=False)


def test_read_only_existing_store(tmp_path: Path, deck: Path) -> None:
    data = tmp_path / "data"
    make_services(data, [deck], include_shipped=False).store.close()
    if os.geteuid() == 0:
        with _mounted_tmpfs(tmp_path / "ro", "size=1m") as ro:
            for f in data.iterdir():
                if f.is_file():
                    (ro / f.name).write_bytes(f.read_bytes())
            subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True, capture_output=True)
            with pytest.raises(StoreError, match="read-only"):
                make_services(ro, [deck], include_shipped=False)
    else:
        for f in data.iterdir():
            f.chmod(0o400)
        data.chmod(0o500)
        with pytest.raises(StoreError, match="read-only"):
            make_services(data, [deck], include_shipped=False)


def test_clock_moved_back_a_day(tmp_path: Path, deck: Path) -> None:
    now = [datetime(2026, 3, 10, 9, tzinfo=UTC)]
    session, services = _session(tmp_path / "data", deck, lambda: now[0])
    for _ in range(10):
        item = session.next_item()
        assert item is not None
        done = session.commit(item, 3, outcome=grade(item, "Seoul"), response_ms=1000)
        assert done.interval is None or done.interval >= timedelta(0)
    now[0] -= timedelta(days=1)
    session2 = StudySession(
        store=services.store,
        settings=services.settings,
        decks=services.catalog.decks,
        mode=Mode.REVIEW,
        clock=lambda: now[0],
        rng=random.Random(4),
        fuzz=False,
    )
    for _ in range(15):
        item = session2.next_item()
        if item is None:
            break
        for rating, interval in session2.previews(item).items():
            assert interval >= timedelta(0), (rating, interval)
        done = session2.commit(item, 3, outcome=grade(item, "Busan"), response_ms=1000)
        assert done.interval is None or done.interval >= timedelta(0)
        assert done.due is None or done.due >= now[0]
    services.store.close()


def _store_with_answers(data: Path, now: datetime, answers: int = 400) -> None:
    from kdquiz.core.store import ProgressStore, store_path

    store = ProgressStore(store_path(data), clock=lambda: now, backup=False)
    for n in range(answers):
        store.log_answer(
            ("faults", f"card-{n}", ""),
            mode="practice",
            rating=3,
            correct=True,
            response_ms=900,
            when=now,
            answer_text="Seoul " * 50,
        )
    store.close()


def _fill(disk: Path, leave: int) -> None:
    """Fill the file system under `disk` up to `leave` bytes free (or as near as it goes)."""
    with (disk / "filler").open("wb") as fh:
        try:
            while os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize > leave:
                fh.write(b"x" * 4096)
                fh.flush()
        except OSError:
            pass


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs is Linux")
@pytest.mark.parametrize("leave", [96 * 1024, 0], ids=["no-room-for-a-backup", "zero-bytes-free"])
def test_a_full_disk_at_start_is_never_called_damage(
    tmp_path: Path, deck: Path, leave: int
) -> None:
    from kdquiz.core.store import ProgressStore, store_path

    with _mounted_tmpfs(tmp_path / "small", "size=16m") as small:
        now = datetime(2026, 2, 1, 10, tzinfo=UTC)
        _store_with_answers(small / "data", now)
        _fill(small, leave)
        later = now + timedelta(days=1)
        try:
            store = ProgressStore(store_path(small / "data"), clock=lambda: later)
        except StoreError as exc:  # no room even to open: a clear message, not "damaged"
            assert leave == 0 and "the disk is full" in str(exc) and "damaged" not in str(exc)
            assert "restore" not in str(exc)
        else:
            assert len(store.wait_for_backup()) == 1 and "could not be made" in store.warnings[0]
            assert "free some space" in store.warnings[0]
            assert len(store.log_entries()) == 400
            store.close()
        (small / "filler").unlink()
        assert len(_logged(small / "data")) == 400


@pytest.mark.skipif(
    os.geteuid() != 0 or not sys.platform.startswith("linux"),
    reason="mounting a read-only folder needs root; chmod does not bind root",
)
def test_a_read_only_backups_folder_is_a_warning(tmp_path: Path, deck: Path) -> None:
    data = tmp_path / "data"
    now = datetime(2026, 2, 1, 10, tzinfo=UTC)
    _store_with_answers(data, now, answers=3)
    with _mounted_tmpfs(data / "backups", "ro,size=64k"):
        services = make_services(data, [deck], include_shipped=False)
        try:
            assert len(services.store.wait_for_backup()) == 1
            assert "Read-only file system" in services.store.warnings[0]
        finally:
            services.store.close()
        out = subprocess.run(
            [sys.executable, "-m", "kdquiz", "--data-dir", str(data), "stats"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0 and "kdquiz: warning: Today's backup" in out.stderr
        assert "Traceback" not in out.stderr


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_plain_mode_keeps_the_answer_on_screen_when_the_terminal_closes(
    tmp_path: Path, deck: Path, signum: int
) -> None:
    """As the TUI: an answer shown as graded is saved when the terminal goes away (SIGHUP) or
    kdquiz is told to stop (SIGTERM), not only when input ends."""
    data = tmp_path / "data"
    (data / "decks").mkdir(parents=True)
    deck.rename(data / "decks" / deck.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kdquiz", "review", "faults", "--plain", "--data-dir", str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "KDQUIZ_DATA_DIR": str(data), "XDG_DATA_HOME": str(tmp_path / "x")},
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"Seoul\n")
    proc.stdin.flush()
    seen = b""
    while b"Enter continue" not in seen:  # the answer is graded and waits for Enter
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, proc.stderr.read() if proc.stderr else ""
        seen += chunk
    time.sleep(0.2)  # the prompt is written just before the read begins
    proc.send_signal(signum)
    proc.wait(timeout=60)  # input still open: only the signal can end the wait
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert b"Traceback" not in err
    assert len(_logged(data)) == 1


def test_plain_mode_drops_key_sequences_from_typed_answers() -> None:
    from kdquiz.plain import typed_text

    assert typed_text("Seoul") == "Seoul"
    assert typed_text("Se\x1b[Doul") == "Seoul"  # an arrow key without a line editor
    assert typed_text("\x1b]52;c;SGk=\x07Busan") == "Busan"  # a pasted clipboard write
    assert typed_text("Busan\u202e") == "Busan"  # a bidi override
    assert typed_text("서울") == "서울"
    assert typed_text("Kim\u00a0Soo\u3000hyun\x1b[A") == "Kim Soo hyun"  # spaces stay spaces
