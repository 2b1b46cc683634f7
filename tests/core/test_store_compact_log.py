"""The compact review log: upgrading a version-2 store loses no fact, and rows written since replay
their states exactly (import, undo, relink, restore, export)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st
from store_support import FakeClock, open_store, review

from kdquiz.core import stats
from kdquiz.core.scheduling import DeckScheduler, ItemState
from kdquiz.core.settings import DeckSettings
from kdquiz.core.store import (
    SCHEMA_VERSION,
    GameRecord,
    LogEntry,
    ProgressStore,
    backups,
    from_us,
    store_path,
)
from kdquiz.core.store.restore import restore
from kdquiz.core.store.values import (
    SCALE,
    from_seconds,
    quantize,
    scaled,
    seconds,
    unscaled,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V2 = FIXTURES / "store_v2.sqlite3"
SCHED = DeckScheduler(DeckSettings(), fuzz=False)
NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def _load(text: str | None) -> ItemState | None:
    return ItemState.from_dict(json.loads(text)) if text else None


def v2_facts(path: Path) -> tuple[list[LogEntry], list, list, str]:
    """What a version-2 store holds, read straight from its tables: log, states, games, a pref."""
    conn = sqlite3.connect(path)
    try:
        log = [
            LogEntry(
                r[0],
                (r[1], r[2], r[3]),
                from_us(r[4]),
                r[5],
                None if r[6] is None else bool(r[6]),
                r[7],
                r[8],
                r[9],
                _load(r[10]),
                _load(r[11]),
            )
            for r in conn.execute(
                "SELECT id, deck, card, sub, time, rating, correct, response_ms, mode, answer, "
                "before, after FROM log ORDER BY id"
            )
        ]
        states = conn.execute("SELECT * FROM states ORDER BY deck, card, sub").fetchall()
        games = conn.execute("SELECT * FROM games ORDER BY id").fetchall()
        pref = conn.execute("SELECT value FROM settings WHERE key='stats.streak'").fetchone()[0]
        return log, states, games, pref
    finally:
        conn.close()


@pytest.fixture()
def v2_store(tmp_path: Path) -> Path:
    path = store_path(tmp_path)
    shutil.copy(V2, path)
    return path


def test_upgrading_a_version_2_store_keeps_every_fact(v2_store: Path) -> None:
    log, states, games, pref = v2_facts(v2_store)
    assert any(e.before is not None for e in log) and any(e.mode == "history" for e in log)
    with ProgressStore(v2_store, clock=FakeClock(), backup=False) as store:
        assert store.log_entries() == log
        for key in {e.key for e in log}:
            assert store.log_entries(key) == [e for e in log if e.key == key]
        assert store.get_pref("stats.streak") == pref
        assert [g.player for g in store.games()] == ["Min-ji"]
        assert sorted(store.answered_since("korea", from_us(0)), key=str) == sorted(
            (
                (e.key[1], e.key[2], int(e.before.state) if e.before else None)
                for e in log
                if e.key[0] == "korea" and e.mode == "review"
            ),
            key=str,
        )
    conn = sqlite3.connect(v2_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT * FROM states ORDER BY deck, card, sub").fetchall() == states
    # Every column the games had, and then a round's length (a classic round's: its size) and
    # whether it was played to the end (rounds saved before are taken as complete).
    upgraded = conn.execute("SELECT * FROM games ORDER BY id").fetchall()
    assert [row[: len(games[0])] for row in upgraded] == games
    assert [row[len(games[0]) :] for row in upgraded] == [(g[8], 1) for g in games]
    # Only the rows replay cannot give back keep their states as JSON: the interleaved import,
    # the review after it, and the state last reviewed at another time than its row.
    assert conn.execute("SELECT COUNT(*) FROM log_exact").fetchone()[0] == 3
    conn.close()


def test_upgrade_keeps_statistics_and_history_identical(v2_store: Path) -> None:
    log, *_ = v2_facts(v2_store)
    tz = UTC
    with ProgressStore(v2_store, clock=FakeClock(), backup=False) as store:
        got = stats.collect(store, [], now=NOW, tz=tz, rollover_hour=4, show_streak=True)
        history = stats.card_history(store, ("korea", "hangul", ""), NOW)
    today = stats.day_of(NOW, tz, 4)
    per_day = stats.answers_per_day(log, tz, 4)
    assert got.today == stats.today_summary(log, today, tz, 4)
    assert got.calendar == stats.calendar(per_day, today)
    assert got.streak == stats.streak(per_day, today)
    assert got.retention == stats.true_retention(log, tz, 4)
    assert got.retention.young.total + got.retention.mature.total > 0
    assert [(r.time, r.interval) for r in history.rows] == sorted(
        (e.time, e.after.due - e.time if e.after else None)
        for e in log
        if e.key == ("korea", "hangul", "")
    )


def test_the_upgrade_is_backed_up_first(v2_store: Path) -> None:
    log, *_ = v2_facts(v2_store)
    ProgressStore(v2_store, clock=FakeClock(), backup=False).close()
    copies = backups.list_backups(v2_store)
    assert len(copies) == 1 and f"before-v{SCHEMA_VERSION}" in copies[0].name
    assert v2_facts(copies[0])[0] == log


CRASH = """
import os, sys
from kdquiz.core.store import compact_log
from kdquiz.core.store import ProgressStore
from datetime import datetime, UTC

real = compact_log._json_columns
count = [0]

def dying(*args, **kwargs):
    count[0] += 1
    if count[0] == 20:
        os._exit(9)  # the power fails halfway through the rewrite
    return real(*args, **kwargs)

compact_log._json_columns = dying
ProgressStore(sys.argv[1], clock=lambda: datetime(2025, 6, 1, tzinfo=UTC), backup=False)
"""


def test_a_crash_halfway_through_the_upgrade_leaves_a_usable_store(v2_store: Path) -> None:
    log, *_ = v2_facts(v2_store)
    done = subprocess.run([sys.executable, "-c", CRASH, str(v2_store)], check=False, timeout=120)
    assert done.returncode == 9
    conn = sqlite3.connect(v2_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # nothing half-done is seen
    conn.close()
    assert v2_facts(v2_store)[0] == log
    with ProgressStore(v2_store, clock=FakeClock(), backup=False) as store:
        assert store.log_entries() == log


def test_a_row_no_kdquiz_wrote_stops_the_upgrade_and_changes_nothing(v2_store: Path) -> None:
    conn = sqlite3.connect(v2_store)
    conn.execute("UPDATE log SET mode = 'cheat' WHERE id = 1")
    conn.commit()
    conn.close()
    from kdquiz.errors import StoreError

    with pytest.raises(StoreError, match="cannot be upgraded"):
        ProgressStore(v2_store, clock=FakeClock(), backup=False)
    assert sqlite3.connect(v2_store).execute("PRAGMA user_version").fetchone()[0] == 2


def test_answers_replay_their_states_without_a_copy(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    key = ("deck", "card", "")
    written = []
    for rating in (Rating.Good, Rating.Again, Rating.Good, Rating.Easy):
        written.append(review(store, key, clock(), rating))
        clock.advance(days=2)
    store.log_answer(key, mode="practice", rating=3, correct=True, response_ms=900, when=clock())
    entries = [e for e in store.log_entries() if e.mode == "review"]
    assert [(e.before, e.after) for e in entries] == [(w.before, w.after) for w in written]
    assert store._read("SELECT COUNT(*) FROM log_exact") == [(0,)]
    store.undo_review(written[-1].log_id, key, written[-1].before, written[-1].after)
    again = review(store, key, clock(), Rating.Hard)
    assert store.log_entries(key)[-1].before == written[-1].before == again.before
    store.close()


def test_imports_that_interleave_keep_their_states_exactly(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    key = ("deck", "card", "")
    mine = review(store, key, clock())
    early = clock() - timedelta(days=5)
    foreign = SCHED.review(None, Rating.Easy, early, key)
    odd = ItemState(foreign.state, None, 3.0, 5.0, early + timedelta(days=9), None, 4, 1)
    imported = LogEntry(0, key, early, 4, True, 800, "review", "", foreign, odd)
    assert store.import_rows([], [imported]) == (0, 1)
    clock.advance(days=3)
    later = review(store, key, clock())
    assert later.before == mine.after
    got = store.log_entries(key)
    assert [(e.before, e.after) for e in got] == [
        (None, mine.after),
        (foreign, odd),
        (mine.after, later.after),
    ]
    store.close()


def test_relink_moves_the_log_and_export_reads_it_back(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    first = review(store, ("deck", "old", ""), clock())
    undone = review(store, ("deck", "new", ""), clock())
    store.undo_review(undone.log_id, ("deck", "new", ""), None, undone.after)
    assert store.relink("deck", "old", "new") == (1, 1)
    [entry] = store.log_entries()
    assert entry.key == ("deck", "new", "") and entry.after == first.after
    assert store.card_ids("deck") == {"new"} and store.deck_ids() == ["deck"]
    store.close()


def test_restore_takes_a_version_2_backup_and_upgrades_it(tmp_path: Path, v2_store: Path) -> None:
    log, *_ = v2_facts(v2_store)
    clock = FakeClock()
    target = store_path(tmp_path / "other")
    target.parent.mkdir()
    ProgressStore(target, clock=clock, backup=False).close()
    restore(target, v2_store, clock=clock)
    with ProgressStore(target, clock=clock, backup=False) as store:
        assert store.log_entries() == log
        store.save_game_result(GameRecord(("korea",), "classic", "", clock(), clock(), 5, 1, 1, 1))


def test_a_long_upgrade_is_announced_first(v2_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kdquiz.core.store import connection

    told: list[str] = []
    monkeypatch.setattr(connection, "LONG_UPGRADE_ROWS", 5)
    ProgressStore(v2_store, clock=FakeClock(), backup=False, on_upgrade=told.append).close()
    assert len(told) == 1 and "22 answers" in told[0] and "once" in told[0]
    ProgressStore(v2_store, clock=FakeClock(), backup=False, on_upgrade=told.append).close()
    assert len(told) == 1  # upgraded: nothing to announce again


def test_a_short_upgrade_says_nothing(v2_store: Path) -> None:
    told: list[str] = []
    ProgressStore(v2_store, clock=FakeClock(), backup=False, on_upgrade=told.append).close()
    assert told == []


def test_answers_are_stored_as_small_integers(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    for n, rating in enumerate((Rating.Again, Rating.Good, Rating.Easy)):
        review(store, ("deck", f"card{n}", ""), clock(), rating)
        clock.advance(minutes=7)
    kinds = store._read(
        "SELECT DISTINCT typeof(stability), typeof(difficulty), typeof(due), typeof(before_ivl) "
        "FROM log"
    )
    store.close()
    assert kinds == [("integer", "integer", "integer", "null")]


#: Version-4 log rows: (id, item, time, stability, difficulty, due offset µs, interval before in
#: seconds). The first two hold what no whole unit gives (FSRS's own doubles, an offset with
#: microseconds, an interval of a day and 5 seconds, a negative one); the third is a practice row.
V4_TIME = 1_750_000_000_123_456
V4_ROWS = [
    (1, 1, V4_TIME, 2.118103970459016, 5.5, 3 * 86_400_000_000, 86_405),
    (2, 1, V4_TIME + 86_400_000_000, 3.25, 7.123456789, 600_000_123, -100),
    (3, 2, V4_TIME + 5, None, None, None, None),
]


def _v4_store(path: Path) -> None:
    """A version-4 store holding `V4_ROWS`, as kdquiz 4 wrote its log."""
    from kdquiz.core.store.schema import create_empty_store

    create_empty_store(path, NOW, version=4)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO items VALUES (1, 'deck', 'card', ''), (2, 'deck', 'other', '')")
        for row_id, item, time, stability, difficulty, due, before_ivl in V4_ROWS:
            scheduled = stability is not None
            conn.execute(
                "INSERT INTO log (id, item, time, mode, rating, correct, response_ms, answer, "
                "before_state, before_ivl, state, step, stability, difficulty, due, reps, "
                "lapses, score) VALUES (?, ?, ?, ?, 3, 1, 900, '', ?, ?, ?, NULL, ?, ?, ?, ?, "
                "0, NULL)",
                (
                    row_id,
                    item,
                    time,
                    0 if scheduled else 1,
                    2 if scheduled else None,
                    before_ivl,
                    2 if scheduled else None,
                    stability,
                    difficulty,
                    due,
                    row_id if scheduled else None,
                ),
            )
    conn.close()


def test_upgrading_a_version_4_store_keeps_every_value_exactly(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    _v4_store(path)
    with ProgressStore(path, clock=FakeClock(), backup=False) as store:
        entries = store.log_entries()
        stored = store._read(
            "SELECT typeof(stability), typeof(difficulty), typeof(due), before_ivl FROM log "
            "ORDER BY id"
        )
        assert store._read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert store._read("SELECT COUNT(*) FROM log_exact") == [(0,)]
    for entry, (_, _, time, stability, difficulty, due, _) in zip(entries, V4_ROWS, strict=True):
        if stability is None:
            assert entry.after is None
            continue
        assert entry.after is not None
        assert entry.after.stability == stability
        assert entry.after.difficulty == difficulty
        assert entry.after.due == from_us(time + due)
        assert entry.after.last_review == from_us(time)
    assert entries[1].before == entries[0].after  # replayed as before the upgrade
    assert stored == [
        ("real", "integer", "integer", 1),  # 86,405 s: 1 day, rounded down
        ("integer", "real", "real", -1),  # -100 s: rounded down too
        ("null", "null", "null", None),
    ]


def test_restore_takes_a_version_4_store_and_refuses_a_stability_out_of_range(
    tmp_path: Path,
) -> None:
    source = tmp_path / "old" / "progress.sqlite3"
    source.parent.mkdir()
    _v4_store(source)
    clock = FakeClock()
    target = store_path(tmp_path / "data")
    target.parent.mkdir()
    restore(target, source, clock=clock)
    with ProgressStore(target, clock=clock, backup=False) as store:
        assert [e.after.stability for e in store.log_entries() if e.after] == [
            row[3] for row in V4_ROWS if row[3] is not None
        ]
        store._conn.execute(
            "UPDATE log SET stability = 10000000001 WHERE id = 2"
        )  # 10^6 days + 0.0001
        store._conn.execute("UPDATE log SET stability = 'x' WHERE id = 1")
    with pytest.raises(Exception, match="2 in log"):
        restore(store_path(tmp_path / "again"), target, clock=clock)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_stored_stability_or_difficulty_reads_back_exactly(value: float) -> None:
    stored = scaled(value)
    assert unscaled(stored) == value
    assert isinstance(scaled(quantize(value)), int) or abs(value) >= 2**53 / SCALE


@given(st.integers(-(10**15), 10**15))
def test_a_stored_due_offset_reads_back_exactly(offset_us: int) -> None:
    stored = seconds(offset_us)
    assert from_seconds(stored) == offset_us
    assert isinstance(stored, int) == (offset_us % 1_000_000 == 0)


_T = 1_780_000_000_000_000  # µs, a moment in 2026


@given(
    kind=st.sampled_from([1, 2, 3]),
    step=st.none() | st.integers(0, 3),
    stability=st.integers(1, 10**7),
    difficulty=st.integers(10_000, 100_000),
    due_s=st.integers(60, 400 * 86_400),
    reps=st.integers(0, 50),
    lapses=st.integers(0, 9),
    change=st.sampled_from(
        ["none", "time", "kind", "step", "stability", "difficulty", "due", "reps", "lapses", "gone"]
    ),
)
def test_the_quick_replay_check_agrees_with_the_replayed_state(
    kind, step, stability, difficulty, due_s, reps, lapses, change
):
    """`replays` answers what comparing with `replayed_after` does, for a state equal to the
    replayed one and for one differing in any single field by the smallest step it can."""
    from dataclasses import replace

    from fsrs import State

    from kdquiz.core.store.compact_log import replayed_after, replays

    columns = (kind, step, stability, difficulty, due_s, reps, lapses)
    state = replayed_after(_T, columns)
    assert state is not None
    us = timedelta(microseconds=1)
    changed = {
        "none": state,
        "time": replace(state, last_review=state.last_review + us),
        "kind": replace(state, state=State(kind % 3 + 1)),
        "step": replace(state, step=None if step is not None else 0),
        "stability": replace(state, stability=state.stability + 1e-9),
        "difficulty": replace(state, difficulty=state.difficulty - 1e-9),
        "due": replace(state, due=state.due + us),
        "reps": replace(state, reps=reps + 1),
        "lapses": replace(state, lapses=lapses + 1),
        "gone": None,
    }[change]
    assert replays(changed, _T, columns) == (changed == state)
    assert replays(changed, _T, columns) == (change == "none")
    assert replays(None, _T, (None,) * 7)
    assert not replays(state, _T, (None,) * 7)
