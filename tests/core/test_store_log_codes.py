"""The log's packed small values (store version 10): what is written reads back through the
generated columns exactly, nothing out of range is packed, and an upgrade never packs a row it
cannot give back."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st
from store_support import FakeClock, open_store, review

from kdquiz.core.store import ProgressStore, backups, store_path
from kdquiz.core.store.log_codes import DUE_IN_DAYS, LOG_TABLE, MAX_CODES, pack
from kdquiz.core.store.restore import restore
from kdquiz.core.store.schema import SCHEMA_VERSION, create_empty_store
from kdquiz.errors import StoreError

_SMALL = ("mode", "rating", "correct", "before_state", "state", "step")
dues = st.one_of(
    st.none(),
    st.integers(-(10**10), 10**10),
    st.floats(-1e9, 1e9, allow_nan=False).filter(lambda f: not f.is_integer()),
)


def _table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(LOG_TABLE.format(name="log"))
    return conn


@given(
    st.integers(0, 3),
    st.one_of(st.none(), st.integers(1, 4)),
    st.one_of(st.none(), st.integers(0, 1)),
    st.one_of(st.none(), st.integers(1, 3)),
    st.one_of(st.none(), st.integers(1, 3)),
    st.one_of(st.none(), st.integers(0, 999)),
    dues,
)
def test_packed_values_read_back_through_the_generated_columns(
    mode: int,
    rating: int | None,
    correct: int | None,
    before_state: int | None,
    state: int | None,
    step: int | None,
    due: int | float | None,
) -> None:
    codes, due_units = pack(mode, rating, correct, before_state, state, step, due)
    assert 0 <= codes <= MAX_CODES
    conn = _table()
    conn.execute(
        "INSERT INTO log (item, time, codes, response_ms, answer, due_units) "
        "VALUES (1, 0, ?, 0, '', ?)",
        (codes, due_units),
    )
    row = conn.execute(f"SELECT {', '.join(_SMALL)}, due, typeof(due) FROM log").fetchone()
    assert row[:6] == (mode, rating, correct, before_state, state, step)
    assert row[6] == due
    assert row[7] == {type(None): "null", int: "integer", float: "real"}[type(due)]
    conn.close()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ((4, None, None, None, None, None, None), "mode"),
        ((0, 5, None, None, None, None, None), "rating"),
        ((0, 0, None, None, None, None, None), "rating"),
        ((0, None, 2, None, None, None, None), "correct"),
        ((0, None, None, 0, None, None, None), "before_state"),
        ((0, None, None, None, 4, None, None), "state"),
        ((0, None, None, None, 2, -1, None), "step"),
        ((0, None, None, None, 2, 1000, None), "step"),
    ],
)
def test_a_value_no_row_may_hold_is_never_packed(values: tuple, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        pack(*values)


def test_a_review_keeps_its_interval_in_whole_days(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    review(store, ("deck", "card", ""), clock(), Rating.Easy)  # a review state, days ahead
    review(store, ("deck", "other", ""), clock(), Rating.Again)  # a learning step, minutes
    rows = store._read(f"SELECT codes & {DUE_IN_DAYS}, due_units, due, step FROM log ORDER BY id")
    store.close()
    (days, units, due, step), (minutes, learning_units, learning_due, learning_step) = rows
    assert days and step is None and units >= 1 and due == units * 86_400
    assert not minutes and learning_step == 0 and learning_units == learning_due < 86_400


def _v9_store(path: Path, rating: int, correct: int = 1) -> None:
    """A version-9 store with one review answer rated `rating`, as kdquiz 9's columns hold it."""
    create_empty_store(path, FakeClock()(), version=9)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO items VALUES (1, 'deck', 'card', '')")
        conn.execute(
            "INSERT INTO log (id, item, time, mode, rating, correct, response_ms, answer, "
            "before_state, before_ivl, state, step, stability, difficulty, due, reps, lapses, "
            "score) VALUES (1, 1, 1700000000000000, 0, ?, ?, 800, '', NULL, NULL, 2, NULL, "
            "23000, 55000, 259200, 1, 0, NULL)",
            (rating, correct),
        )
    conn.close()


def test_the_upgrade_packs_a_version_9_row_as_it_was(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    path.parent.mkdir(exist_ok=True)
    _v9_store(path, 3)
    with ProgressStore(path, clock=FakeClock(), backup=False) as store:
        (entry,) = store.log_entries()
        row = store._read(f"SELECT {', '.join(_SMALL)}, due, due_units FROM log")
    assert row == [(0, 3, 1, None, 2, None, 259_200, 3)]
    assert entry.rating == 3 and entry.correct is True and entry.after is not None
    assert entry.after.due - entry.time == timedelta(days=3)


def test_an_upgrade_that_cannot_pack_a_row_changes_nothing(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    path.parent.mkdir(exist_ok=True)
    _v9_store(path, 9)
    for _ in range(2):  # a second start fails alike, and leaves no copy behind either
        with pytest.raises(StoreError, match="cannot be upgraded.*answer with id 1") as caught:
            ProgressStore(path, clock=FakeClock(), backup=False)
    # the copy made before the upgrade is the store as it stays: not kept, not offered
    assert backups.list_backups(path) == []
    assert "No backup was found" in caught.value.message
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9 < SCHEMA_VERSION
    assert conn.execute("SELECT rating FROM log").fetchall() == [(9,)]
    conn.close()


def test_a_version_9_backup_that_cannot_be_packed_is_refused_before_any_upgrade(
    tmp_path: Path,
) -> None:
    """A `correct` of 7 passes version 9's own checks but cannot be packed: the restore says the
    backup holds values out of range, and neither offers a backup of it nor leaves one behind."""
    source = tmp_path / "odd-backup.sqlite3"
    _v9_store(source, 3, correct=7)
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(StoreError, match=r"1 in log\): values out of range") as caught:
        restore(store_path(data), source, clock=FakeClock())
    assert "kdquiz restore" not in caught.value.message
    assert sorted(p.name for p in data.rglob("*")) == []
