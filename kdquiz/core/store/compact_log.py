"""The review log in typed columns, and the replay that gives each row its states back.

A log row keeps what the review itself decided: its time, mode, rating, grade, response time and
answer, the kind and interval (whole days) of the item's state before it, and the state after it
(kind, step, stability and difficulty in 1/10,000ths, due as an offset in seconds from the review,
reps, lapses; `values.scaled` and `values.seconds` say how values that are not whole units are
kept exactly). The rest is replayed:

- the state *after* a scheduled review was last reviewed at the review's own time;
- the state *before* a scheduled review is the state after the item's previous scheduled row.

A row whose states cannot be replayed so (an import whose history interleaves with this store's,
or a state changed by something other than a review) keeps them exactly, as JSON, in the side
table `log_exact`; nothing is ever lost, and a store used as kdquiz uses it has no such rows.
Items are numbered once in `items`, so a row holds a small integer rather than three strings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from kdquiz.core.store import log_codes
from kdquiz.core.store.records import LogEntry
from kdquiz.core.store.values import (
    LOG_MODES,
    MAX_ANSWER_CHARS,
    from_seconds,
    from_us,
    scaled,
    seconds,
    to_us,
    unscaled,
)

if TYPE_CHECKING:
    from kdquiz.core.scheduling import ItemState, Key

#: Columns of the state after a review, in the order `after_columns` gives them.
AFTER_COLUMNS = "state, step, stability, difficulty, due, reps, lapses"
#: What `entries` reads: log columns, the item's key and any exact states.
READ_COLUMNS = (
    "l.id, i.deck, i.card, i.sub, l.time, l.rating, l.correct, l.response_ms, l.mode, l.answer, "
    f"l.before_state, l.{AFTER_COLUMNS.replace(', ', ', l.')}, x.before, x.after, l.score"
)
READ_FROM = "log l JOIN items i ON i.id = l.item LEFT JOIN log_exact x ON x.id = l.id"
_MODE = {mode: n for n, mode in enumerate(LOG_MODES)}
#: `log_exact.before` for a row whose exact state before is "none" (a new item).
_NONE = "null"


def mode_code(mode: str) -> int:
    return _MODE[mode]


def after_columns(time_us: int, after: ItemState | None) -> tuple[Any, ...]:
    """The typed columns of the state after a review (all None for an unscheduled answer)."""
    if after is None:
        return (None,) * 7
    return (
        int(after.state),
        after.step,
        scaled(after.stability),
        scaled(after.difficulty),
        seconds(to_us(after.due) - time_us),
        after.reps,
        after.lapses,
    )


def _before_interval(before: ItemState | None) -> int | None:
    """The scheduled interval of the state before a review, in whole days, rounded down (None: it
    had no state, or was never reviewed)."""
    if before is None or before.last_review is None:
        return None
    return (to_us(before.due) - to_us(before.last_review)) // 86_400_000_000


def replayed_after(time_us: int, columns: tuple[Any, ...]) -> ItemState | None:
    """The state after a review as its columns give it, last reviewed at the review's time."""
    if columns[0] is None:
        return None
    from fsrs import State

    from kdquiz.core.scheduling import ItemState

    state, step, stability, difficulty, due, reps, lapses = columns
    return ItemState(
        State(state),
        step,
        unscaled(stability),
        unscaled(difficulty),
        from_us(time_us + from_seconds(due)),
        from_us(time_us),
        reps,
        lapses,
    )


def replays(state: ItemState | None, time_us: int, columns: tuple[Any, ...]) -> bool:
    """`state == replayed_after(time_us, columns)`, without building the replayed state (every
    answer asks it twice)."""
    if state is None or columns[0] is None:
        return state is None and columns[0] is None
    kind, step, stability, difficulty, due, reps, lapses = columns
    return (
        state.last_review is not None
        and to_us(state.last_review) == time_us
        and state.state == kind
        and state.step == step
        and state.stability == unscaled(stability)
        and state.difficulty == unscaled(difficulty)
        and to_us(state.due) == time_us + from_seconds(due)
        and state.reps == reps
        and state.lapses == lapses
    )


def _dump(state: ItemState | None) -> str:
    import json  # where it is used: opening the store for the home screen never needs it

    return json.dumps(state.to_dict()) if state else _NONE


def _load(text: str) -> ItemState | None:
    import json

    from kdquiz.core.scheduling import ItemState

    data = json.loads(text)
    return ItemState.from_dict(data) if data is not None else None


def item_id(conn: sqlite3.Connection, key: Key) -> int:
    """The item's number in `items`, numbering it now if it has none."""
    row = conn.execute("SELECT id FROM items WHERE deck=? AND card=? AND sub=?", key).fetchone()
    if row:
        return int(row[0])
    return int(
        conn.execute("INSERT INTO items (deck, card, sub) VALUES (?, ?, ?)", key).lastrowid or 0
    )


def previous_after(conn: sqlite3.Connection, item: int) -> ItemState | None:
    """The state after the item's latest scheduled row, as replay gives it (None: none yet)."""
    row = conn.execute(
        f"SELECT time, {AFTER_COLUMNS} FROM log WHERE item=? AND state IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        (item,),
    ).fetchone()
    return replayed_after(row[0], tuple(row[1:])) if row else None


def insert(
    conn: sqlite3.Connection,
    item: int,
    entry: LogEntry,
    replayed_before: ItemState | None,
    log_id: int | None = None,
) -> int:
    """Write one row, and its exact states beside it where replay would not give them back.

    `replayed_before` is what replay gives as the state before a scheduled row (the item's
    previous scheduled state); unscheduled rows replay to no states at all.
    """
    time_us = to_us(entry.time)
    columns = after_columns(time_us, entry.after)
    state, step, stability, difficulty, due, reps, lapses = columns
    codes, due_units = log_codes.pack(
        _MODE[entry.mode],
        entry.rating,
        None if entry.correct is None else int(entry.correct),
        int(entry.before.state) if entry.before else None,
        state,
        step,
        due,
    )
    cursor = conn.execute(
        "INSERT INTO log (id, item, time, codes, response_ms, answer, before_ivl, stability, "
        "difficulty, due_units, reps, lapses, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            log_id,
            item,
            time_us,
            codes,
            int(entry.response_ms),
            entry.answer[:MAX_ANSWER_CHARS],
            _before_interval(entry.before),
            stability,
            difficulty,
            due_units,
            reps,
            lapses,
            entry.score,
        ),
    )
    row_id = int(cursor.lastrowid or 0)
    expected_before = replayed_before if entry.after is not None else None
    exact_before = entry.before != expected_before
    exact_after = not replays(entry.after, time_us, columns)
    if exact_before or exact_after:
        conn.execute(
            "INSERT INTO log_exact (id, before, after) VALUES (?, ?, ?)",
            (
                row_id,
                _dump(entry.before) if exact_before else None,
                _dump(entry.after) if exact_after else None,
            ),
        )
    return row_id


def entries(rows: Iterable[tuple[Any, ...]]) -> Iterator[LogEntry]:
    """Log entries from `READ_COLUMNS` rows in id order, their states replayed item by item.

    Replay needs every earlier scheduled row of an item: callers read whole items, never a slice.
    """
    last: dict[Key, ItemState | None] = {}
    for r in rows:
        key = (r[1], r[2], r[3])
        time_us = r[4]
        after = replayed_after(time_us, tuple(r[11:18]))
        if r[19] is not None:
            after = _load(r[19])
        before = last.get(key) if r[11] is not None else None
        if r[18] is not None:
            before = _load(r[18])
        if r[11] is not None:
            last[key] = replayed_after(time_us, tuple(r[11:18]))
        yield LogEntry(
            r[0],
            key,
            from_us(time_us),
            r[5],
            None if r[6] is None else bool(r[6]),
            r[7],
            LOG_MODES[r[8]],
            r[9],
            before,
            after,
            _score(r[20]),
        )


def _score(value: object) -> float | None:
    """A stored score, or None when it is missing or not one kdquiz writes (0 to 1)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


#: Rows rewritten per batch when a version-2 store is upgraded.
_BATCH = 20_000


def rewrite_v2_log(conn: sqlite3.Connection) -> None:
    """Move every row of the version-2 log (states as JSON) into the version-3 compact log (REAL
    stability and difficulty, due in µs, interval in seconds), ids kept.

    Lossless: each row's states are compared with what replay gives (in column form, without
    building objects: a million rows take seconds) and kept exactly, as they were, where they
    differ. Runs inside the migration's transaction: a crash leaves version 2 as it was.
    """
    conn.execute(
        "INSERT INTO items (deck, card, sub) SELECT deck, card, sub FROM log_v2 "
        "GROUP BY deck, card, sub ORDER BY MIN(id)"
    )
    items = {(d, c, s): n for n, d, c, s in conn.execute("SELECT id, deck, card, sub FROM items")}
    last: dict[int, tuple[int, tuple[Any, ...]]] = {}
    rows = conn.execute(
        "SELECT id, deck, card, sub, time, rating, correct, response_ms, mode, answer, before, "
        "after FROM log_v2 ORDER BY id"
    )
    while batch := rows.fetchmany(_BATCH):
        out: list[tuple[Any, ...]] = []
        exact: list[tuple[Any, ...]] = []
        for r in batch:
            item = items[(r[1], r[2], r[3])]
            time_us = r[4]
            before = _json_columns(r[10])
            after = _json_columns(r[11])
            columns: tuple[Any, ...] = (None,) * 7
            expected = None
            if after is not None:
                state, step, stability, difficulty, due, reps, lapses = after[1]
                columns = (state, step, stability, difficulty, due - time_us, reps, lapses)
                expected = last.get(item)
                last[item] = (time_us, after[1])
            out.append(
                (
                    r[0],
                    item,
                    time_us,
                    _MODE[r[8]],
                    r[5],
                    r[6],
                    r[7],
                    r[9],
                    before[1][0] if before else None,
                    _v3_interval(before[1][4], before[0]) if before else None,
                    *columns,
                )
            )
            exact_after = after is not None and after[0] != time_us
            exact_before = before != expected
            if exact_before or exact_after:
                exact.append(
                    (
                        r[0],
                        (r[10] or _NONE) if exact_before else None,
                        r[11] if exact_after else None,
                    )
                )
        conn.executemany(
            "INSERT INTO log (id, item, time, mode, rating, correct, response_ms, answer, "
            "before_state, before_ivl, state, step, stability, difficulty, due, reps, lapses) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            out,
        )
        conn.executemany("INSERT INTO log_exact VALUES (?, ?, ?)", exact)


def _v3_interval(due_us: int | None, last_us: int | None) -> int | None:
    """The version-3 layout's interval before a review: whole seconds."""
    if due_us is None or last_us is None:
        return None
    return (due_us - last_us) // 1_000_000


@cache
def _decoder() -> Callable[[str], Any]:
    import json

    return json.JSONDecoder().decode


def _json_columns(text: str | None) -> tuple[int | None, tuple[Any, ...]] | None:
    """A JSON state as (last review, its columns with due in microseconds), checked as
    `ItemState.from_dict` checks it; None for no state. Called once or twice per row of a
    million-row upgrade: no import, no object beyond the tuple."""
    if not text:
        return None
    data = _decoder()(text)
    if data is None:
        return None
    state = int(data["state"])
    if state not in (1, 2, 3):
        raise ValueError(f"{state} is not a valid card state")
    last = data.get("last_review")
    step, stability, difficulty = data.get("step"), data.get("stability"), data.get("difficulty")
    return (
        to_us(datetime.fromisoformat(last)) if last else None,
        (
            state,
            None if step is None else int(step),
            None if stability is None else float(stability),
            None if difficulty is None else float(difficulty),
            to_us(datetime.fromisoformat(str(data["due"]))),
            int(data.get("reps", 0)),
            int(data.get("lapses", 0)),
        ),
    )
