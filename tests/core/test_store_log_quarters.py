"""Answers per quarter hour (store version 11): kept right by every writer, and what was read
through the old index on time (rows from a time on, answers per span) read exactly the same."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, open_store, review

from kdquiz.core.store import LogEntry, ProgressStore, compact_log, log_quarters, store_path
from kdquiz.core.store.log_quarters import QUARTER_US, time_range
from kdquiz.core.store.schema import SCHEMA_VERSION, create_empty_store, schema_of
from kdquiz.core.store.values import from_us, to_us

START = datetime(2026, 3, 2, 9, 7, tzinfo=UTC)
START_US = to_us(START)
HOUR_US = 3_600_000_000


def _history(key: tuple[str, str, str], us: int) -> LogEntry:
    return LogEntry(0, key, from_us(us), 3, True, 700, "history", "", None, None)


def _kept(conn: sqlite3.Connection) -> tuple[list, list]:
    """(quarters and answers as kept, the same recounted); no kept first id above an answer's."""
    assert conn.execute(log_quarters.OVERSTATED).fetchall() == []
    return (
        sorted(conn.execute("SELECT quarter, answers FROM log_quarters")),
        sorted((q, n) for q, n, _ in conn.execute(log_quarters.RECOMPUTED)),
    )


offsets = st.lists(st.integers(0, 20 * 24 * HOUR_US), min_size=1, max_size=25)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    written=offsets,
    deleted=st.lists(st.integers(0, 30), max_size=6),
    start=st.integers(-HOUR_US, 21 * 24 * HOUR_US),
    length=st.integers(0, 5 * 24 * HOUR_US),
)
def test_rows_from_a_time_on_are_found_exactly_whatever_order_they_were_written_in(
    tmp_path_factory, written: list[int], deleted: list[int], start: int, length: int
) -> None:
    """Rows written out of time order (history imported after newer answers), some then deleted:
    the kept quarters equal a recount, and a time range reads exactly the rows inside it."""
    path = tmp_path_factory.mktemp("q") / "progress.sqlite3"
    create_empty_store(path, START)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    item = compact_log.item_id(conn, ("deck", "card", ""))
    for offset in written:
        compact_log.insert(conn, item, _history(("deck", "card", ""), START_US + offset), None)
    for n in deleted:
        conn.execute("DELETE FROM log WHERE id = ?", (n % (len(written) + 1),))
    conn.execute("COMMIT")
    kept, again = _kept(conn)
    assert kept == again
    times = [t for (t,) in conn.execute("SELECT time FROM log")]
    first, last = START_US + start, START_US + start + length
    for low, high in ((first, last), (first, None), (None, last)):
        where, params = time_range("", low, high)
        found = sorted(t for (t,) in conn.execute(f"SELECT time FROM log WHERE {where}", params))
        assert found == sorted(
            t for t in times if (low is None or t >= low) and (high is None or t < high)
        )
    conn.close()


def test_answers_per_span_sum_quarters_or_read_the_log_and_agree(tmp_path: Path) -> None:
    clock = FakeClock(START)
    store = open_store(tmp_path, clock)
    key = ("deck", "card", "")
    for n in range(30):
        review(store, key, clock.advance(minutes=7 + n * 13), 1 + n % 4)
    times = [to_us(e.time) for e in store.log_entries()]
    aligned = [(START_US // QUARTER_US * QUARTER_US + n * HOUR_US, 0) for n in range(0, 12, 3)]
    aligned = [(s, s + 3 * HOUR_US) for s, _ in aligned]
    # a zone's local mean time: spans that start and end off the quarter hours
    unaligned = [(s + 17_000_000, e + 17_000_000) for s, e in aligned]
    for spans in (aligned, unaligned):
        assert store.answers_in(spans) == [
            sum(start <= t < end for t in times) for start, end in spans
        ]
    assert log_quarters.whole_quarters(aligned) and not log_quarters.whole_quarters(unaligned)
    first, last = store.log_span() or (0, 0)
    assert first <= min(times) < first + QUARTER_US and last - QUARTER_US < max(times) <= last
    store.close()


def test_undo_takes_the_answer_off_its_quarter(tmp_path: Path) -> None:
    clock = FakeClock(START)
    store = open_store(tmp_path, clock)
    review(store, ("deck", "card", ""), clock(), 3)
    day = (to_us(START - timedelta(hours=9, minutes=7)), to_us(START + timedelta(hours=15)))
    assert store.answers_in([day]) == [1]
    (done,) = store.log_entries()
    store.undo_review(done.id, done.key, done.before, done.after)
    assert store.answers_in([day]) == [0]
    assert store.log_span() is None
    store.close()


def test_the_upgrade_from_version_10_counts_the_log_and_drops_the_time_index(
    tmp_path: Path,
) -> None:
    path = store_path(tmp_path)
    path.parent.mkdir(exist_ok=True)
    create_empty_store(path, START, version=10)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    item = compact_log.item_id(conn, ("deck", "card", ""))
    for n in range(50):
        when = START_US - n * 5 * HOUR_US // 3
        compact_log.insert(conn, item, _history(("deck", "card", ""), when), None)
    conn.execute("COMMIT")
    conn.close()
    with ProgressStore(path, clock=FakeClock(START), backup=False) as store:
        assert store.answers_in([(0, to_us(START) + 1)]) == [50]
    conn = sqlite3.connect(path)
    kept, again = _kept(conn)
    assert kept == again and sum(n for _, n in kept) == 50
    assert ("index", "log_time") not in schema_of(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
