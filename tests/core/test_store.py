"""Opening, refusing, migrating and backing up the progress store; undo and relink at store level."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
import store_support
from fsrs import Rating, State
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, open_store

from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    GameRecord,
    ProgressStore,
    backups,
    create_empty_store,
    store_path,
)
from kdquiz.core.store.restore import restore
from kdquiz.errors import StoreError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KEY = ("deck", "card", "")
SCHED = DeckScheduler(DeckSettings(), fuzz=False)


def review(store: ProgressStore, clock: FakeClock, key=KEY, rating=Rating.Good, **fields):
    return store_support.review(store, key, clock(), rating, **fields)


def test_new_store_has_kdquiz_identity_and_wal(tmp_path):
    clock = FakeClock()
    store_path(tmp_path).parent.mkdir(exist_ok=True)
    with ProgressStore(store_path(tmp_path), clock=clock) as store:
        review(store, clock)
    conn = sqlite3.connect(store_path(tmp_path))
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert not any(p.name.endswith(".new") for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"this is a note, not a database\n" * 20, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_bad_files_are_refused_named_and_left_untouched(tmp_path, content, reason):
    path = store_path(tmp_path)
    path.write_bytes(content)
    with pytest.raises(StoreError) as error:
        ProgressStore(path, clock=FakeClock())
    assert str(path) in error.value.message
    assert reason in error.value.message
    assert "left untouched" in error.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_truncated_store_is_refused(tmp_path):
    clock = FakeClock()
    good = open_store(tmp_path, clock, "good.sqlite3")
    for n in range(300):
        review(good, clock, ("deck", f"card{n}", ""))
    good.close()
    data = (tmp_path / "good.sqlite3").read_bytes()
    path = store_path(tmp_path)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match="damaged"):
        ProgressStore(path, clock=clock)
    assert path.read_bytes() == data[: len(data) // 2]


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = store_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a kdquiz progress store"):
        ProgressStore(path, clock=FakeClock())
    assert path.read_bytes() == before


def test_store_from_a_newer_kdquiz_is_refused(tmp_path):
    clock = FakeClock()
    open_store(tmp_path, clock).close()
    path = store_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer kdquiz"):
        ProgressStore(path, clock=clock)
    assert path.read_bytes() == before


def test_refusal_offers_the_latest_backup(tmp_path):
    clock = FakeClock()
    ProgressStore(store_path(tmp_path), clock=clock).close()
    clock.advance(days=1)
    ProgressStore(store_path(tmp_path), clock=clock).close()  # makes today's daily backup
    latest = backups.latest_backup(store_path(tmp_path))
    assert latest is not None
    store_path(tmp_path).write_bytes(b"")
    with pytest.raises(StoreError) as error:
        ProgressStore(store_path(tmp_path), clock=clock)
    assert str(latest) in error.value.message
    assert "kdquiz restore" in error.value.message


def test_migration_from_version_1_fixture_keeps_everything_and_backs_up_first(tmp_path):
    path = store_path(tmp_path)
    shutil.copy(FIXTURES / "store_v1.sqlite3", path)
    old = sqlite3.connect(FIXTURES / "store_v1.sqlite3")
    old_states = old.execute("SELECT * FROM states ORDER BY card").fetchall()
    old_log = old.execute("SELECT * FROM log ORDER BY id").fetchall()
    old.close()
    clock = FakeClock()
    with ProgressStore(path, clock=clock, backup=False) as store:
        hangul = store.get_state(("korea", "hangul", ""))
        assert hangul is not None and hangul.state == State.Review and hangul.reps == 2
        assert [e.key[1] for e in store.log_entries()] == ["hangul", "hangul", "seoul"]
        assert store.log_entries()[0].before is None and store.log_entries()[1].before is not None
        store.save_game_result(GameRecord(("korea",), "classic", "", clock(), clock(), 5, 1, 1, 1))
        assert store.personal_best(("korea",), "classic") == 5
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute(
        "SELECT state, step, stability, difficulty, due, last_review, reps, lapses "
        "FROM states ORDER BY card"
    ).fetchall() == [r[3:] for r in old_states]
    assert len(conn.execute("SELECT * FROM log").fetchall()) == len(old_log)
    conn.close()
    copies = backups.list_backups(path)
    assert len(copies) == 1 and f"before-v{SCHEMA_VERSION}" in copies[0].name
    copy = sqlite3.connect(copies[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT * FROM states ORDER BY card").fetchall() == old_states
    copy.close()


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    from kdquiz.core.store import schema

    path = store_path(tmp_path)
    shutil.copy(FIXTURES / "store_v1.sqlite3", path)
    broken = dict(schema.MIGRATIONS)
    broken[SCHEMA_VERSION] = (*broken[SCHEMA_VERSION], "CREATE TABLE states (x)")  # fails last
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        ProgressStore(path, clock=FakeClock(), backup=False)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(states)")]
    assert "text_hash" not in columns
    conn.close()


def test_undo_restores_state_exactly_and_removes_the_log_row(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    first = review(store, clock)
    clock.now = first.after.due
    second = review(store, clock, rating=Rating.Hard)
    store.undo_review(second.log_id, KEY, second.before, second.after)
    assert store.get_state(KEY) == first.after
    assert [e.id for e in store.log_entries()] == [first.log_id]
    store.undo_review(first.log_id, KEY, first.before, first.after)
    assert store.get_state(KEY) is None and store.log_entries() == []


def test_undo_refuses_when_the_item_changed_elsewhere(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    mine = review(store, clock)
    other = open_store(tmp_path, clock)
    clock.advance(minutes=15)
    review(other, clock)
    with pytest.raises(StoreError, match="answered again elsewhere"):
        store.undo_review(mine.log_id, KEY, mine.before, mine.after)
    assert len(store.log_entries()) == 2


def test_relink_moves_states_and_log_and_refuses_to_merge(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, clock, ("deck", "old", ""))
    review(store, clock, ("deck", "taken", ""))
    assert store.relink("deck", "old", "new") == (1, 1)
    assert store.get_state(("deck", "new", "")) is not None
    assert store.get_state(("deck", "old", "")) is None
    with pytest.raises(StoreError, match="already has progress"):
        store.relink("deck", "new", "taken")
    with pytest.raises(StoreError, match="no progress"):
        store.relink("deck", "missing", "other")


def test_daily_backups_rotate_to_7_daily_and_4_weekly(tmp_path):
    clock = FakeClock()
    path = store_path(tmp_path)
    ProgressStore(path, clock=clock).close()
    for _ in range(60):
        clock.advance(days=1)
        ProgressStore(path, clock=clock).close()
    daily = sorted(p.name for p in backups.backup_dir(path).glob("progress-daily-*"))
    assert len(daily) == 11
    newest = [clock().date() - timedelta(days=n) for n in range(7)]
    assert all(f"progress-daily-{d.isoformat()}.sqlite3" in daily for d in newest)
    weeks = {backups._DAILY.match(n).group(1) for n in daily[:4]}
    assert len({__import__("datetime").date.fromisoformat(d).isocalendar()[:2] for d in weeks}) == 4
    for name in daily:
        conn = sqlite3.connect(backups.backup_dir(path) / name)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.close()


def test_restore_replaces_contents_and_keeps_a_safety_copy(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, clock, ("deck", "before", ""))
    snapshot = store.backup_now()
    review(store, clock, ("deck", "after", ""))
    other = open_store(tmp_path, clock)  # another kdquiz has the store open: it sees the restore
    restored = restore(store_path(tmp_path), snapshot, clock=clock)
    assert other.get_state(("deck", "after", "")) is None
    assert other.get_state(("deck", "before", "")) is not None
    store.close()
    other.close()
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert again.get_state(("deck", "after", "")) is None
    with ProgressStore(restored.safety_copy, clock=clock, backup=False) as kept:
        assert kept.get_state(("deck", "after", "")) is not None


def test_restore_over_a_damaged_store_moves_it_aside(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, clock)
    snapshot = store.backup_now()
    store.close()
    store_path(tmp_path).write_bytes(b"garbage")
    restored = restore(store_path(tmp_path), snapshot, clock=clock)
    assert restored.moved_aside.read_bytes() == b"garbage"
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert again.get_state(KEY) is not None


@pytest.mark.parametrize("content", [b"", b"not a database at all", None])
def test_restore_refuses_a_bad_source_and_changes_nothing(tmp_path, content):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, clock)
    store.close()
    source = tmp_path / "source.sqlite3"
    if content is None:  # an SQLite file that is not a kdquiz store
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    else:
        source.write_bytes(content)
    source_bytes = source.read_bytes()
    with pytest.raises(StoreError, match=re.escape(str(source))):
        restore(store_path(tmp_path), source, clock=clock)
    assert source.read_bytes() == source_bytes
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert again.get_state(KEY) is not None
    assert not [p for p in tmp_path.iterdir() if "restore" in p.name]


def test_state_keys_see_another_process_writes(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    assert store.state_keys("deck") == []
    review(store, clock)
    assert store.state_keys("deck") == ["card"]
    other = open_store(tmp_path, clock)
    review(other, clock, ("deck", "second", "c1"))
    assert sorted(store.state_keys("deck")) == ["card", "second\x1fc1"]


def test_games_and_personal_best(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    assert store.personal_best(("a", "b"), "classic") is None
    for score in (30, 90, 60):
        store.save_game_result(
            GameRecord(
                ("b", "a"),
                "classic",
                "kim",
                clock(),
                clock(),
                score,
                3,
                5,
                2,
                ((("a", "x", ""), True),),
            )
        )
    assert store.personal_best(("a", "b"), "classic") == 90
    assert store.personal_best(("a",), "classic") is None
    assert store.games()[0].answers == ((("a", "x", ""), True),)


backup_names = st.one_of(
    st.from_regex(r"\Aprogress-daily-[0-9]{4}-[0-9]{2}-[0-9]{2}\.sqlite3\Z"),
    st.builds(
        "progress-{}.sqlite3".format,
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
            max_size=20,
        ),
    ),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(backup_names, max_size=6, unique=True),
    kinds=st.lists(
        st.sampled_from(["file", "folder", "dangling-link", "garbage"]), min_size=6, max_size=6
    ),
)
def test_garbage_in_the_backups_folder_never_stops_a_start(tmp_path_factory, names, kinds):
    """progress-daily-2024-13-45.sqlite3, folders and dangling links named like backups: skipped."""
    folder = tmp_path_factory.mktemp("garbage")
    clock = FakeClock()
    path = store_path(folder)
    ProgressStore(path, clock=clock, backup=False).close()
    where = backups.backup_dir(path)
    where.mkdir()
    planted = []
    for name, kind in zip(names, kinds, strict=False):
        if len(name.encode()) > 200 or name in (".", ".."):
            continue
        target = where / name
        if kind == "folder":
            target.mkdir()
        elif kind == "dangling-link":
            target.symlink_to(folder / "nowhere")
        else:
            target.write_bytes(b"not a backup" if kind == "garbage" else b"")
        planted.append(target)
    for _ in range(9):
        clock.advance(days=1)
        store = ProgressStore(path, clock=clock)
        assert store.wait_for_backup() == []
        store.close()
    assert backups.daily_copy(path, clock().date()).is_file()
    latest = backups.latest_backup(path)
    assert latest is not None and latest.is_file()
    for target in planted:
        valid = backups._DAILY.match(target.name) and _is_date(target.name[15:25])
        assert target.is_symlink() or target.exists() or valid  # garbage is left alone


def _is_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def test_a_backups_file_where_the_folder_belongs_is_a_warning(tmp_path):
    clock = FakeClock()
    path = store_path(tmp_path)
    ProgressStore(path, clock=clock).close()
    backups.backup_dir(path).write_text("a file, not a folder")
    clock.advance(days=1)
    store = ProgressStore(path, clock=clock)
    try:
        assert len(store.wait_for_backup()) == 1
        assert "Today's backup of your progress could not be made" in store.warnings[0]
        assert (
            "must be a folder" in store.warnings[0] and "Your progress is safe" in store.warnings[0]
        )
        review(store, clock)  # and the store works as usual
        assert len(store.log_entries()) == 1
    finally:
        store.close()
    assert backups.list_backups(path) == [] and backups.latest_backup(path) is None


def _tampered_backup(tmp_path, *statements):
    """A real backup of a store with one review, then changed by `statements`."""
    clock = FakeClock()
    store = open_store(tmp_path, clock, "source.sqlite3")
    review(store, clock)
    copy = store.backup_now()
    store.close()
    conn = sqlite3.connect(copy, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return copy


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (
            ["CREATE TRIGGER eat AFTER INSERT ON log BEGIN DELETE FROM log WHERE id = new.id; END"],
            "a trigger 'eat' that kdquiz does not make",
        ),
        (["CREATE VIEW v AS SELECT * FROM log"], "a view 'v' that kdquiz does not make"),
        (["CREATE TABLE extra (x)"], "a table 'extra' that kdquiz does not make"),
        (["CREATE INDEX log_mode ON log (mode)"], "an index 'log_mode' that kdquiz does not make"),
        (["DROP INDEX log_item"], "its index 'log_item' is missing"),
        (["DROP TRIGGER log_quarters_insert"], "its trigger 'log_quarters_insert' is missing"),
        (["ALTER TABLE log DROP COLUMN answer"], "its table 'log' lacks the column(s) answer"),
        (["ALTER TABLE states ADD COLUMN spy TEXT"], "has column(s) kdquiz does not make: spy"),
        (["UPDATE states SET due = 9223372036854775000"], "rows no kdquiz writes (1 in states)"),
        (["UPDATE states SET stability = -1"], "rows no kdquiz writes (1 in states)"),
        (["UPDATE states SET step = -5, state = 1"], "rows no kdquiz writes (1 in states)"),
        (
            ["UPDATE log SET codes = codes | (7 << 2)"],
            "rows no kdquiz writes (1 in log)",
        ),  # rating 7
        (
            ["UPDATE log SET codes = codes | (3 << 5)"],
            "rows no kdquiz writes (1 in log)",
        ),  # correct 2
        (["UPDATE log SET codes = -1"], "rows no kdquiz writes (1 in log)"),
        (["UPDATE log SET codes = 'x'"], "rows no kdquiz writes (1 in log)"),
        (["UPDATE log SET due_units = 'x'"], "rows no kdquiz writes (1 in log)"),
        (["UPDATE log SET response_ms = 1e300"], "rows no kdquiz writes (1 in log)"),
        (
            ["UPDATE log SET time = 253402300800000000"],
            "rows no kdquiz writes (1 in log)",
        ),  # year 9999
        (["UPDATE log SET stability = -1"], "rows no kdquiz writes (1 in log)"),
        (["UPDATE log SET item = 99"], "rows no kdquiz writes (1 in log)"),
        (
            ["INSERT INTO log_exact VALUES (1, '{not json', NULL)"],
            "rows no kdquiz writes (1 in log_exact)",
        ),
        (["UPDATE log SET score = 7"], "rows no kdquiz writes (1 in log)"),
        (["INSERT INTO marks VALUES ('d', 'c', 0, 0, 9)"], "rows no kdquiz writes (1 in marks)"),
        (["INSERT INTO marks VALUES ('d', 'c', 2, 0, 0)"], "rows no kdquiz writes (1 in marks)"),
        (
            ["INSERT INTO mark_log VALUES (1, 1, 0, 'd', 'c', 'deleted', 0, 1)"],
            "rows no kdquiz writes (1 in mark_log)",
        ),
        (["INSERT INTO frontiers VALUES ('d', 'x', -1)"], "rows no kdquiz writes (1 in frontiers)"),
        (
            ["INSERT INTO frontiers VALUES ('d', 'x', 'far')"],
            "rows no kdquiz writes (1 in frontiers)",
        ),
        (["PRAGMA user_version = 99"], "store version 99"),
    ],
)
def test_restore_refuses_anything_kdquiz_did_not_write(tmp_path, statements, message):
    source = _tampered_backup(tmp_path, *statements)
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, clock, ("deck", "mine", ""))
    store.close()
    before = store_path(tmp_path).read_bytes()
    with pytest.raises(StoreError) as error:
        restore(store_path(tmp_path), source, clock=clock)
    assert str(source) in error.value.message and message in error.value.message
    assert store_path(tmp_path).read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        for n in range(10):  # every acknowledged answer is stored: nothing eats them
            review(again, clock, ("deck", f"new-{n}", ""))
        assert len(again.log_entries()) == 11


def test_restore_copies_into_a_fresh_store_and_never_adopts_the_file(tmp_path):
    source = _tampered_backup(
        tmp_path,
        "PRAGMA page_size = 8192",
        "VACUUM",
        "INSERT INTO meta VALUES ('note', 'from the backup')",
    )
    clock = FakeClock()
    restore(store_path(tmp_path), source, clock=clock)
    conn = sqlite3.connect(store_path(tmp_path))
    try:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 4096  # a store kdquiz made
        assert (
            conn.execute("SELECT value FROM meta WHERE key='note'").fetchone()[0]
            == "from the backup"
        )
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert again.get_state(KEY) is not None and len(again.log_entries()) == 1


def test_restore_of_a_version_1_backup_migrates_the_copy(tmp_path):
    clock = FakeClock()
    source = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "store_v1.sqlite3", source)
    restore(store_path(tmp_path), source, clock=clock)
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert again.log_entries() and again.states()


def test_restore_refuses_a_store_whose_pages_are_damaged(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock, "big.sqlite3")
    for n in range(300):
        review(store, clock, ("deck", f"card-{n}", ""))
    copy = store.backup_now()
    store.close()
    data = bytearray(copy.read_bytes())
    for offset in range(4096 * 3, 4096 * 6):  # pages 4-6: the header still looks fine
        data[offset] = 0x5A
    copy.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=re.escape(str(copy))) as error:
        restore(store_path(tmp_path), copy, clock=clock)
    assert "damaged" in error.value.message or "malformed" in error.value.message


def test_a_clean_close_leaves_every_answer_in_the_store_file(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    other = sqlite3.connect(store_path(tmp_path))  # another kdquiz still has the store open
    other.execute("SELECT COUNT(*) FROM log").fetchone()
    for n in range(5):
        review(store, clock, ("deck", f"card-{n}", ""))
    store.close()
    copy = tmp_path / "copied" / "progress.sqlite3"
    copy.parent.mkdir()
    shutil.copy(store_path(tmp_path), copy)  # the store file alone, without its -wal
    other.close()
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT COUNT(*) FROM log").fetchone()[0] == 5
    finally:
        conn.close()


def test_no_upgrade_without_its_safety_copy(tmp_path):
    path = store_path(tmp_path)
    shutil.copy(FIXTURES / "store_v1.sqlite3", path)
    backups.backup_dir(path).write_text("a file, not a folder")
    with pytest.raises(StoreError, match="Cannot upgrade the progress store .* left untouched"):
        ProgressStore(path, clock=FakeClock(), backup=False)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()


def _damage_last_page(path: Path) -> None:
    """Overwrite the store's last page (a log or index page, never the header) with garbage."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[-page:] = b"\xa5" * page
    path.write_bytes(bytes(data))


def _filled(tmp_path: Path) -> Path:
    clock = FakeClock()
    with open_store(tmp_path, clock) as store:
        for n in range(300):
            review(store, clock, ("deck", f"card{n}", ""))
    return tmp_path / "progress.sqlite3"


def test_a_clean_shutdown_spares_the_next_open_the_full_check(tmp_path):
    path = _filled(tmp_path)
    assert not Path(f"{path}-wal").exists()  # a clean close leaves the file alone
    _damage_last_page(path)
    # The open reads no page but the header: it cannot see the damage, and does not try to.
    with ProgressStore(path, clock=FakeClock(), backup=False) as store:
        problems = store.verify()  # ... while `kdquiz check --progress` reads every page
    assert problems and problems != ["ok"]


CRASHED = """
import os, sys
from datetime import datetime, UTC
from kdquiz.core.store import ProgressStore
store = ProgressStore(sys.argv[1], clock=lambda: datetime(2026, 3, 2, tzinfo=UTC), backup=False)
store.set_pref("crash", "yes")
os._exit(0)  # no close: the write-ahead log stays beside the store
"""


def test_after_an_unclean_shutdown_the_open_checks_every_page(tmp_path):
    import subprocess
    import sys

    path = _filled(tmp_path)
    subprocess.run([sys.executable, "-c", CRASHED, str(path)], check=True, timeout=60)
    assert Path(f"{path}-wal").exists()
    _damage_last_page(path)
    with pytest.raises(StoreError, match="damaged") as error:
        ProgressStore(path, clock=FakeClock(), backup=False)
    assert "quick_check" in error.value.message


def test_after_an_unclean_shutdown_a_healthy_store_opens_with_everything(tmp_path):
    import subprocess
    import sys

    path = _filled(tmp_path)
    subprocess.run([sys.executable, "-c", CRASHED, str(path)], check=True, timeout=60)
    with ProgressStore(path, clock=FakeClock(), backup=False) as store:
        assert store.get_pref("crash") == "yes" and len(store.log_entries()) == 300
    assert not Path(f"{path}-wal").exists()


def test_check_progress_reads_every_page_and_fails_on_damage(tmp_path, capsys):
    from kdquiz.cli import main

    deck = FIXTURES / "minimal.yaml"
    data = tmp_path / "data"
    data.mkdir()
    path = _filled(data)
    assert main(["check", "--progress", "--data-dir", str(data), str(deck)]) == 0
    assert "Progress store: checked, no damage found." in capsys.readouterr().out
    _damage_last_page(path)
    assert main(["check", "--progress", "--data-dir", str(data), str(deck)]) == 1
    out = capsys.readouterr().out
    assert "is damaged (quick_check" in out and "kdquiz restore" in out


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ages=st.lists(st.integers(0, 120), min_size=1, max_size=30, unique=True),
    sizes=st.lists(st.integers(1, 50), min_size=30, max_size=30),
    store_kb=st.integers(1, 40),
)
def test_pruning_bounds_the_automatic_copies_total_size(tmp_path_factory, ages, sizes, store_kb):
    from datetime import date

    from kdquiz.core.store import backups as module

    path = store_path(tmp_path_factory.mktemp("prune"))
    path.write_bytes(b"s" * store_kb * 1024)
    manual = backups.backup_dir(path) / "progress-manual-20250101-000000.sqlite3"
    manual.parent.mkdir()
    manual.write_bytes(b"m" * 200 * 1024)  # never pruned, never counted
    today = date(2026, 5, 1)
    made, size = {}, {}
    for age, kb in zip(ages, sizes, strict=False):
        copy = backups.daily_copy(path, today - timedelta(days=age))
        copy.write_bytes(b"d" * kb * 1024)
        made[age], size[age] = copy, kb * 1024
    old_min = module.AUTO_BUDGET_MIN
    module.AUTO_BUDGET_MIN = 16 * 1024
    try:
        backups.rotate(path)
    finally:
        module.AUTO_BUDGET_MIN = old_min
    kept = {age for age, copy in made.items() if copy.exists()}
    newest = min(ages)
    assert newest in kept and manual.exists()
    budget = max(16 * 1024, backups.AUTO_BUDGET_FACTOR * store_kb * 1024)
    total = sum(size[age] for age in kept)
    assert total <= budget or kept == {newest}
    assert len(kept) <= backups.KEEP_DAILY + backups.KEEP_WEEKLY
    # The 7 newest days, then the newest copy of each of 4 older weeks; the budget then drops
    # them oldest first, and only as many as it must.
    by_age = sorted(ages)
    base = by_age[: backups.KEEP_DAILY]
    weeks: set[tuple[int, int]] = set()
    for age in by_age[backups.KEEP_DAILY :]:
        week = (today - timedelta(days=age)).isocalendar()[:2]
        if week not in weeks and len(weeks) < backups.KEEP_WEEKLY:
            weeks.add(week)
            base.append(age)
    assert kept == set(base[: len(kept)])
    if len(kept) < len(base):
        assert total + size[base[len(kept)]] > budget


def test_the_daily_backup_is_made_in_the_background_and_is_a_valid_store(tmp_path, monkeypatch):
    import threading

    clock = FakeClock()
    path = store_path(tmp_path)
    with ProgressStore(path, clock=clock, backup=False) as store:
        for n in range(20):
            review(store, clock, ("deck", f"card{n}", ""))
        entries = store.log_entries()
    clock.advance(days=1)
    release = threading.Event()
    real = backups.daily_backup

    def slow(store_file, today):
        release.wait(timeout=60)  # the copy takes long: the open must not wait for it
        return real(store_file, today)

    monkeypatch.setattr(backups, "daily_backup", slow)
    store = ProgressStore(path, clock=clock)
    review(store, clock, ("deck", "while-copying", ""))  # the store works meanwhile
    assert not backups.daily_copy(path, clock().date()).exists()
    release.set()
    assert store.wait_for_backup() == []
    store.close()
    copy = backups.daily_copy(path, clock().date())
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one standalone file
    conn.close()
    with ProgressStore(copy, clock=clock, backup=False) as restored:
        assert restored.log_entries()[: len(entries)] == entries


def test_the_change_token_moves_with_every_write_from_anywhere(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    other = open_store(tmp_path, clock)
    token = store.change_token()
    store.get_state(KEY)
    store.log_entries()
    assert store.change_token() == token  # reading changes nothing
    review(store, clock)
    assert store.change_token() != token  # this connection wrote
    token = store.change_token()
    other.set_pref("stats.streak", "on")
    assert store.change_token() != token  # another one did
    store.close()
    other.close()


def test_a_version_2_store_gains_the_score_and_its_old_answers_have_none(tmp_path):
    """The credit of an answer is kept from version 4 on, so a partly right answer can be told
    from a wrong one; answers logged before have no score, never a made-up one."""
    clock = FakeClock()
    path = store_path(tmp_path)
    path.parent.mkdir(exist_ok=True)
    create_empty_store(path, clock(), 2)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO log (deck, card, sub, time, rating, correct, response_ms, mode, answer) "
        "VALUES ('deck', 'old', '', 0, 2, 0, 900, 'practice', 'a')"
    )
    conn.commit()
    conn.close()
    with ProgressStore(path, clock=clock, backup=False) as store:
        partly = {"mode": "practice", "rating": 2, "correct": False, "response_ms": 800}
        store.log_answer(("deck", "new", ""), when=clock(), score=2 / 3, **partly)
        review(store, clock, score=1.0)
        assert [e.score for e in store.log_entries()] == [None, pytest.approx(2 / 3), 1.0]


def test_a_restored_store_keeps_no_frontier_so_no_new_card_is_hidden(tmp_path):
    """A frontier is where a deck's unstudied cards start; one no state backs (a hand-made or
    stale backup) would skip new cards for good. Restoring never keeps one."""
    source = _tampered_backup(tmp_path, "INSERT INTO frontiers VALUES ('deck', 'content', 25)")
    clock = FakeClock()
    restore(store_path(tmp_path), source, clock=clock)
    conn = sqlite3.connect(store_path(tmp_path))
    try:
        assert conn.execute("SELECT COUNT(*) FROM frontiers").fetchone()[0] == 0
    finally:
        conn.close()
