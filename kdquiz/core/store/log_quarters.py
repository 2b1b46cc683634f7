"""The log's answers counted per quarter hour, kept by triggers (store version 11), in place of an
index on the log's time.

An index on time cost every log row 13-15 bytes, a fifth of the row. What was read through it
is served by a row per quarter hour that has answers, `log_quarters`: how many answers it holds
and a log id no larger than any of theirs (the smallest, unless that answer was undone since: a
bound all the same).

- Rows from a time on (today's answers, the last week's lapses): every one of them has a log id
  at least the smallest `first_id` of the quarters from that time on, so reading the log by id
  from there, and checking each row's time, finds them all, and reads only rows written since
  the earliest of them (`since_id`).
- Answers per study day (the calendar, the streak, today's goal): a study day starts on a whole
  hour of local time, and every time zone in use today is a whole number of quarter hours from
  UTC, so a day is a run of whole quarters and its count a sum of a few rows. A span that does not
  start and end on a quarter hour (a zone's historic local mean time) is counted from the log.

Kept right by triggers for every writer (answers, undo, imports, restore, upgrades); derived, so
a restore fills it from the log it copied (`rebuild`) and never copies it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

#: A quarter hour in µs: every UTC offset in use is a multiple of it.
QUARTER_US = 900_000_000
#: The quarter of `time` (µs, never negative in a store: `values.EARLIEST` is the epoch).
_QUARTER = f"{{row}}.time / {QUARTER_US}"

TABLE = """CREATE TABLE log_quarters (
    quarter INTEGER PRIMARY KEY, answers INTEGER NOT NULL, first_id INTEGER NOT NULL
)"""
#: The tables no restore copies.
DERIVED = ("log_quarters",)


def _add(row: str) -> str:
    return (
        f"INSERT INTO log_quarters (quarter, answers, first_id) "
        f"VALUES ({_QUARTER.format(row=row)}, 1, {row}.id) "
        "ON CONFLICT (quarter) DO UPDATE SET answers = answers + 1, "
        "first_id = min(first_id, excluded.first_id)"
    )


def _take(row: str) -> list[str]:
    quarter = _QUARTER.format(row=row)
    return [
        f"UPDATE log_quarters SET answers = answers - 1 WHERE quarter = {quarter}",
        f"DELETE FROM log_quarters WHERE quarter = {quarter} AND answers <= 0",
    ]


def _trigger(name: str, when: str, body: list[str]) -> str:
    return (
        f"CREATE TRIGGER {name} {when} ON log BEGIN\n"
        + "".join(f"    {s};\n" for s in body)
        + "END"
    )


TRIGGERS = (
    _trigger("log_quarters_insert", "AFTER INSERT", [_add("NEW")]),
    _trigger("log_quarters_delete", "AFTER DELETE", _take("OLD")),
    # no kdquiz code moves a log row; were one moved, it is counted where it went
    _trigger("log_quarters_move", "AFTER UPDATE OF id, time", [*_take("OLD"), _add("NEW")]),
)
#: `log_quarters` recomputed from the whole log (a kept `first_id` may be smaller, never larger).
RECOMPUTED = f"SELECT time / {QUARTER_US}, COUNT(*), MIN(id) FROM log GROUP BY 1"
FILL = f"INSERT INTO log_quarters (quarter, answers, first_id) {RECOMPUTED}"
#: Quarters whose `first_id` is above one of their answers' ids (a wrong bound): never any.
OVERSTATED = (
    f"SELECT q.quarter FROM log_quarters q JOIN log l ON l.time / {QUARTER_US} = q.quarter "
    "WHERE l.id < q.first_id"
)


def create_triggers(conn: sqlite3.Connection) -> None:
    """A migration step: the triggers (their bodies hold semicolons)."""
    for trigger in TRIGGERS:
        conn.execute(trigger)


def drop_triggers(conn: sqlite3.Connection) -> None:
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS main.{trigger.split()[2]}")


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill the table from the whole log, then put the triggers back."""
    conn.execute("DELETE FROM main.log_quarters")
    conn.execute(FILL)
    create_triggers(conn)


def since_id(start_us: int) -> tuple[str, tuple[int, ...]]:
    """SQL for the smallest log id a row at `start_us` or later may have, and its parameter."""
    return (
        "(SELECT coalesce(min(first_id), 9223372036854775807) FROM log_quarters "
        "WHERE quarter >= ?)",
        (max(0, start_us) // QUARTER_US,),
    )


def whole_quarters(spans: Sequence[tuple[int, int]]) -> bool:
    """True if every [start, end) span starts and ends on a quarter hour (`answers_in` can sum)."""
    return all(
        start >= 0 and start % QUARTER_US == 0 and end % QUARTER_US == 0 for start, end in spans
    )


def time_range(
    prefix: str, start_us: int | None, end_us: int | None
) -> tuple[str, tuple[int, ...]]:
    """SQL for the log rows (`prefix`: the log's alias and a dot, or "") with `start_us <= time
    < end_us` (None: open), read by id from the first that may hold one (`since_id`)."""
    parts: list[str] = []
    params: list[int] = []
    if start_us is not None:
        first, first_params = since_id(start_us)
        parts += [f"{prefix}id >= {first}", f"{prefix}time >= ?"]
        params += [*first_params, start_us]
    if end_us is not None:
        parts.append(f"{prefix}time < ?")
        params.append(end_us)
    return " AND ".join(parts) or "1", tuple(params)
