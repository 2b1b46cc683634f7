"""The tallies the store keeps for the statistics (store version 9): whatever writes the log
(answers, undo, imports of history and progress, a restore, the upgrade from version 8), they hold
exactly what a recomputation from the whole log gives, and the statistics read from them equal the
plain Python functions' over every log entry."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, deck, flash, mcq, open_store, review

from kdquiz.core import stats
from kdquiz.core.history_import import import_history
from kdquiz.core.progress_io import export_progress, import_progress
from kdquiz.core.scheduling import ItemState
from kdquiz.core.store import (
    LogEntry,
    ProgressStore,
    backups,
    compact_log,
    log_quarters,
    store_path,
)
from kdquiz.core.store.restore import restore
from kdquiz.core.store.schema import (
    SCHEMA_VERSION,
    create_empty_store,
    reference_columns,
    reference_schema,
    schema_of,
)
from kdquiz.core.store.tallies import DERIVED, NEAR_US, RECOMPUTED_GAPS, RECOMPUTED_TALLIES

START = datetime(2025, 3, 20, 6, tzinfo=UTC)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe")
DECKS = [
    deck("a", [flash("f1"), flash("f2"), mcq("m1")]),
    deck("b", [flash("g1"), mcq("m2")]),
]
KEYS = [("a", "f1", ""), ("a", "f2", ""), ("a", "m1", ""), ("b", "g1", ""), ("b", "m2", "")]


def kept_and_recomputed(path: Path) -> tuple[tuple[list, ...], tuple[list, ...]]:
    """(the tables as the store kept them, the same recomputed from the whole log): the tallies,
    and the answers per quarter hour (log_quarters), which every writer keeps alike."""
    conn = sqlite3.connect(path)
    try:
        kept = (
            sorted(conn.execute("SELECT * FROM item_tallies")),
            sorted(conn.execute("SELECT id, item, kind, gap FROM review_gaps")),
            sorted(conn.execute("SELECT quarter, answers FROM log_quarters")),
            conn.execute(log_quarters.OVERSTATED).fetchall(),
        )
        again = (
            sorted(conn.execute(RECOMPUTED_TALLIES)),
            sorted(conn.execute(RECOMPUTED_GAPS)),
            sorted((q, n) for q, n, _ in conn.execute(log_quarters.RECOMPUTED)),
            [],
        )
    finally:
        conn.close()
    return kept, again


def assert_tallies_right(store: ProgressStore, *, both: bool = False) -> None:
    """The kept tables equal a recomputation, and the statistics read from them equal the plain
    functions' over `log_entries()`, in several zones and rollovers, for all decks and each.
    `both`: answers are counted per item and kept one by one (close to the one before) alike."""
    kept, again = kept_and_recomputed(store.path)
    assert kept == again
    if both:
        assert any(sum(row[3:]) for row in kept[0]) and kept[1]
    log = store.log_entries()
    for zone, rollover in zip(ZONES, (4, 0, 23, 7), strict=True):
        tz = ZoneInfo(zone)
        for deck_id in (None, "a", "b"):
            got = stats.collect(
                store, DECKS, now=START + timedelta(days=400), tz=tz, rollover_hour=rollover,
                deck_id=deck_id,
            )  # fmt: skip
            mine = [e for e in log if deck_id is None or e.key[0] == deck_id]
            decks = [d for d in DECKS if deck_id is None or d.id == deck_id]
            assert got.retention == stats.true_retention(mine, tz, rollover)
            assert got.accuracy == stats.accuracy_by_kind(mine, decks)


def history(key, times, rating=3) -> list[LogEntry]:
    return [LogEntry(0, key, t, rating, rating > 1, 400, "history", "", None, None) for t in times]


step = st.tuples(
    st.sampled_from(["review", "review", "long", "practice", "quiz", "history", "undo", "undo"]),
    st.integers(0, len(KEYS) - 1),
    st.integers(1, 4),
    st.integers(0, 30 * 60),  # minutes to wait before it
    st.sampled_from([0, 0, 1, 2, 25]),  # days to wait
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=40))
def test_answers_undo_and_history_keep_the_tallies_exact(tmp_path_factory, steps) -> None:
    clock = FakeClock(START)
    store = open_store(tmp_path_factory.mktemp("tallies"), clock)
    undoable = []
    for mode, k, rating, minutes, days in steps:
        when = clock.advance(days=days, minutes=minutes)
        key = KEYS[k]
        if mode == "review":
            undoable.append((key, review(store, key, when, rating)))
        elif mode == "long":  # a review state weeks long: the next review of it is mature
            undoable.append(
                (
                    key,
                    store.record_review(
                        key,
                        lambda before, when=when: ItemState(
                            stats.State.Review, None, 40.0, 5.0, when + timedelta(days=30), when
                        ),
                        rating=rating,
                        when=when,
                        response_ms=900,
                    ),
                )
            )
        elif mode == "history":  # older answers from elsewhere, landing between the learner's
            past = when - timedelta(days=days * 3 + 1, minutes=minutes)
            store.import_rows([], history(key, [past, past + timedelta(hours=rating)], rating))
        elif mode == "undo" and undoable:
            key, done = undoable.pop()
            store.undo_review(done.log_id, key, done.before, done.after)
        elif mode in ("practice", "quiz"):
            store.log_answer(
                key,
                mode=mode,
                rating=None if mode == "quiz" else rating,
                correct=rating > 2,
                response_ms=700,
                when=when,
            )
    assert_tallies_right(store)
    store.close()


def test_a_row_deleted_or_changed_in_the_middle_measures_its_neighbour_again(tmp_path) -> None:
    """Undo takes the newest answer; the triggers keep the tables right for any row all the same:
    the answer after a deleted or moved one has a new previous answer, and so a new gap."""
    clock = FakeClock(START)
    store = open_store(tmp_path, clock)
    key = KEYS[0]
    for n in range(6):
        review(store, key, clock.advance(hours=20 if n % 2 else 30), 3)
    store.import_rows([], history(KEYS[1], [START + timedelta(days=d) for d in (1, 3, 30, 31)]))
    ids = [e.id for e in store.log_entries(key)]
    with store.transaction() as conn:
        conn.execute("DELETE FROM log WHERE id = ?", (ids[2],))
    assert_tallies_right(store, both=True)
    with store.transaction() as conn:
        conn.execute("UPDATE log SET time = time + 3000000000000 WHERE id = ?", (ids[3],))
        conn.execute(  # rating 1: the field of `codes` that holds it (log_codes)
            "UPDATE log SET codes = codes & ? | ? WHERE id = ?", (~(7 << 2), 1 << 2, ids[4])
        )
    assert_tallies_right(store)
    store.close()


def studied(tmp_path: Path, name: str, clock: FakeClock) -> ProgressStore:
    """A store with reviews, relearning, practice and quiz answers over several weeks."""
    store = open_store(tmp_path, clock, name)
    for day in range(0, 60, 3):
        for n, key in enumerate(KEYS):
            when = clock.advance(minutes=5 + n)
            if (day + n) % 4:
                review(store, key, when, 1 + (day + n) % 4)
            else:
                store.log_answer(
                    key, mode="quiz", rating=None, correct=n % 2 == 0, response_ms=600, when=when
                )
        clock.advance(days=1 if day % 2 else 4)  # close answers and far ones
    return store


def test_imported_progress_and_history_keep_the_tallies_exact(tmp_path) -> None:
    clock = FakeClock(START)
    source = studied(tmp_path, "source.sqlite3", clock)
    exported = tmp_path / "progress.json"
    with exported.open("w", encoding="utf-8") as out:
        export_progress(source, out, "json")
    source.close()
    # Into a store with answers of its own at other times: the imported rows interleave with them.
    target = studied(tmp_path, "target.sqlite3", FakeClock(START + timedelta(hours=30)))
    result = import_progress(target, exported, "json")
    assert result.log > 0
    assert_tallies_right(target, both=True)
    csv = tmp_path / "history.csv"
    csv.write_text(
        "card_id,review_rating,review_time,review_duration\n"
        + "".join(
            f"f{1 + n % 2},{1 + n % 4},{(START + timedelta(days=n * 2, hours=n)).isoformat()},900\n"
            for n in range(40)
        ),
        encoding="utf-8",
    )
    assert import_history(target, csv, "a") == 40
    assert_tallies_right(target, both=True)
    target.close()


def test_a_restore_rebuilds_the_tallies_and_never_copies_them(tmp_path) -> None:
    clock = FakeClock(START)
    store = studied(tmp_path, "progress.sqlite3", clock)
    snapshot = store.backup_now()
    kept_at_backup = kept_and_recomputed(snapshot)[0]
    review(store, KEYS[0], clock.advance(days=2), 1)
    store.close()
    # A backup whose tallies were changed: restored progress must not take them.
    with sqlite3.connect(snapshot) as conn:
        conn.execute("UPDATE item_tallies SET graded = graded + 5")
        conn.execute("DELETE FROM review_gaps WHERE id % 2 = 0")
        conn.execute("UPDATE log_quarters SET answers = answers + 3, first_id = 99")
    conn.close()
    restore(store_path(tmp_path), snapshot, clock=clock)
    conn = sqlite3.connect(store_path(tmp_path))
    assert schema_of(conn) == reference_schema(SCHEMA_VERSION)  # its triggers are back
    conn.close()
    with ProgressStore(store_path(tmp_path), clock=clock, backup=False) as again:
        assert kept_and_recomputed(again.path)[0] == kept_at_backup
        assert_tallies_right(again, both=True)
        review(again, KEYS[1], clock.advance(days=1), 2)  # and kept right as answers follow
        assert_tallies_right(again, both=True)


#: The log's columns in version 8 (since version 10 some are generated, read the same way).
V8_LOG = ", ".join(reference_columns(8)["log"])


def _v8_store(path: Path) -> None:
    """A version-8 store with a log as kdquiz 8 wrote it: reviews, relearning, history, practice
    (written by today's code into a scratch store, then copied in version 8's columns)."""
    create_empty_store(path, START, version=8)
    scratch = path.with_name("scratch.sqlite3")
    create_empty_store(scratch, START)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("BEGIN")
    for n in range(200):
        key = KEYS[n % len(KEYS)]
        item = compact_log.item_id(conn, key)
        when = START + timedelta(days=n // 20 * 10, hours=n * 5 + n % 7 * 3)
        rating = 1 + n * 7 % 4
        if n % 5 == 0:
            entry = LogEntry(0, key, when, rating, rating > 1, 500, "history", "", None, None)
            compact_log.insert(conn, item, entry, None)
            continue
        if n % 11 == 0:
            entry = LogEntry(0, key, when, None, True, 500, "quiz", "", None, None)
            compact_log.insert(conn, item, entry, None)
            continue
        before = compact_log.previous_after(conn, item)
        ivl = 40 if n % 3 else 2
        after = ItemState(
            stats.State.Review if rating > 1 else stats.State.Relearning,
            None if rating > 1 else 0,
            9.0,
            5.0,
            when + timedelta(days=ivl),
            when,
        )
        entry = LogEntry(0, key, when, rating, rating > 1, 500, "review", "", before, after)
        compact_log.insert(conn, item, entry, before)
    conn.execute("COMMIT")
    conn.execute("ATTACH DATABASE ? AS old", (str(path),))
    conn.execute("BEGIN")
    for table, columns in reference_columns(8).items():
        if table in ("items", "log", "log_exact"):
            names = ", ".join(columns)
            conn.execute(f"INSERT INTO old.{table} ({names}) SELECT {names} FROM main.{table}")
    conn.execute("COMMIT")
    conn.close()
    scratch.unlink()


def test_the_upgrade_from_version_8_fills_the_tallies_from_the_log(tmp_path) -> None:
    path = store_path(tmp_path)
    _v8_store(path)
    conn = sqlite3.connect(path)
    log_before = conn.execute(f"SELECT {V8_LOG} FROM log ORDER BY id").fetchall()
    conn.close()
    with ProgressStore(path, clock=FakeClock(START), backup=False) as store:
        kept, again = kept_and_recomputed(path)
        assert kept == again and kept[0] and kept[1]
        assert_tallies_right(store)
        # and they stay right for what is written after the upgrade
        review(store, KEYS[0], START + timedelta(days=200), 2)
        assert_tallies_right(store)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute(f"SELECT {V8_LOG} FROM log ORDER BY id").fetchall()[: len(log_before)] == (
        log_before
    )
    assert schema_of(conn) == reference_schema(SCHEMA_VERSION)
    conn.close()
    (copy,) = backups.list_backups(path)
    assert f"before-v{SCHEMA_VERSION}" in copy.name
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 8
    assert not {name for _, name in schema_of(old)} & set(DERIVED)
    old.close()


def test_a_zone_that_skipped_a_day_reads_the_whole_log_and_agrees(tmp_path) -> None:
    """Samoa went from UTC-11 to UTC+14 in 2011 (summer time, then the skipped 30 December): over
    a log spanning that, two answers two days apart may share a study day, so the counts kept per
    item cannot be trusted there and the log is grouped instead; the numbers are still the plain
    functions'. (The answers come after the skipped day: a time on it is given different days by
    the SQL arithmetic and by the queue's study day, with or without the kept counts.)"""
    apia = ZoneInfo("Pacific/Apia")
    clock = FakeClock(datetime(2011, 9, 1, tzinfo=UTC))
    store = open_store(tmp_path, clock)
    review(store, KEYS[3], clock(), 3)
    clock.now = datetime(2012, 1, 2, tzinfo=UTC)
    for n in range(40):
        key = KEYS[n % 2]
        review(store, key, clock.advance(hours=7 + n % 5 * 5), 1 + n % 4)
        store.import_rows([], history(KEYS[2], [clock() - timedelta(hours=n % 3 * 20)]))
    scale = store.day_scale(apia, 4)
    assert scale.same_day_reach() > NEAR_US  # the kept counts do not hold here
    log = store.log_entries()
    for rollover in (0, 4, 23):
        got = stats.collect(store, DECKS, now=clock(), tz=apia, rollover_hour=rollover)
        assert got.retention == stats.true_retention(log, apia, rollover)
        assert got.retention.young.passed + got.retention.young.failed > 0
    assert_tallies_right(store, both=True)
    store.close()
