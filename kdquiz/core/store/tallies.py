"""What the statistics need from the log, kept up to date as the log is written (store version 9).

SQLite triggers on `log` keep two tables, so every writer (an answer, undo, an import, a restore,
a migration) keeps them right without knowing of them:

- `item_tallies`, a row per item: its answers graded (checked, or rated) and of them right, for
  accuracy by kind; and its answers that count for true retention by kind (young or mature,
  failed or passed), of those that came `NEAR_US` or more after the item's previous rated
  review or history answer (or with none before them).
- `review_gaps`, a row per answer that may count for true retention but came within `NEAR_US` of
  the item's previous one: its kind and `gap`, the time since that one (µs).

Whether an answer is the first of its study day depends on the time zone and rollover at read
time; but answers further apart than any study day can be long (`DayScale.same_day_reach`: a
day, plus the most the zone's offset falls over the log's span) are never on the same day. So the
counts in `item_tallies` hold for every zone whose reach is at most `NEAR_US`, and only the few
answers in `review_gaps` have their two days worked out when the statistics are read.

Both tables are derived: a restore never copies them (it fills them from the log it copied,
`rebuild`), and `RECOMPUTED_*` give what they must hold, for the upgrade and the tests.
"""

from __future__ import annotations

import sqlite3

from kdquiz.core.store.study_days import DAY_US

#: Log modes by number (`LOG_MODES`): review and history are what true retention reads.
_REVIEW, _HISTORY = 0, 3
#: An interval of 21 days or more is mature (Anki's definition).
MATURE_DAYS = 21
#: Answers closer than this to the item's previous one are kept one by one (`review_gaps`).
NEAR_US = 2 * DAY_US
#: `item_tallies`' true-retention columns, by kind (2 * mature + passed).
KINDS = ("young_failed", "young_passed", "mature_failed", "mature_passed")

TABLES = f"""
CREATE TABLE item_tallies (
    item INTEGER PRIMARY KEY, graded INTEGER NOT NULL, passed INTEGER NOT NULL,
    {", ".join(f"{kind} INTEGER NOT NULL DEFAULT 0" for kind in KINDS)}
);
CREATE TABLE review_gaps (
    id INTEGER PRIMARY KEY, item INTEGER NOT NULL, kind INTEGER NOT NULL, gap INTEGER NOT NULL
)
"""
#: The tables no restore copies: they are filled from the log it copied.
DERIVED = ("item_tallies", "review_gaps")
#: The columns a rated answer is measured by.
_FIELDS = ("id", "item", "time", "mode", "rating", "before_state", "before_ivl")


def _rated(row: str = "") -> str:
    """True for a rated review or history answer (of `row`, or of the one table read): the
    answers true retention reads."""
    of = f"{row}." if row else ""
    return f"{of}mode IN ({_REVIEW}, {_HISTORY}) AND {of}rating"


#: A rated answer's kind, 2 * mature + passed, from its row and `gap`; only for rows `_COUNTS`
#: keeps.
_KIND = (
    f"2 * (CASE WHEN before_state = 2 THEN COALESCE(before_ivl, 0) >= {MATURE_DAYS} "
    f"ELSE gap >= {MATURE_DAYS * DAY_US} END) + (rating > 1)"
)
#: Which rated answers may count: a review of an item in the review state, or history with an
#: earlier answer before it (at the same time, it is never the first of its day).
_COUNTS = f"before_state = 2 OR (before_state IS NULL AND mode = {_HISTORY} AND gap > 0)"
_GRADED = "{row}.correct IS NOT NULL OR {row}.rating IS NOT NULL"
_PASSED = "COALESCE({row}.correct, {row}.rating > 1)"


def _later(row: str, n: str = "n") -> str:
    """Rated answers `n` of `row`'s item after it in (time, id) order (none if `row` is not one)."""
    return (
        f"{_rated(row)} AND {n}.item = {row}.item AND {_rated(n)} "
        f"AND ({n}.time > {row}.time OR ({n}.time = {row}.time AND {n}.id > {row}.id))"
    )


def _next_id(row: str) -> str:
    """The id of the rated answer of `row`'s item just after it in (time, id) order (the order
    the Python statistics walk the log in): by two aggregates over the item's rows, as an ORDER BY
    would set up a sorter for every answer written."""
    first = f"(SELECT MIN(n.time) FROM log n WHERE {_later(row)})"
    return f"(SELECT MIN(m.id) FROM log m WHERE {_later(row, 'm')} AND m.time = {first})"


def _time_before(row: str) -> str:
    """The time of the rated answer of `row`'s item just before it in (time, id) order."""
    return (
        f"(SELECT MAX(n.time) FROM log n WHERE {_rated(row)} AND n.item = {row}.item "
        f"AND {_rated('n')} AND (n.time < {row}.time OR (n.time = {row}.time AND n.id < {row}.id)))"
    )


def _values(row: str) -> str:
    """A one-row table of the trigger row `row` (NEW or OLD)."""
    return "(SELECT " + ", ".join(f"{row}.{f} AS {f}" for f in _FIELDS) + ")"


def _log_row(log_id: str) -> str:
    """A table of the log row `log_id` (none if NULL)."""
    return f"(SELECT {', '.join(_FIELDS)} FROM log WHERE id = {log_id})"


#: An item's row once nothing counts in it any more.
_EMPTY = " AND ".join(f"{c} = 0" for c in ("graded", *KINDS))


def _change(source: str, previous: str, item: str, sign: int, counted: str = "") -> list[str]:
    """Statements adding (`sign` 1) or taking away (-1) the answer in the one-row table `source`
    (of item `item`), measured from a previous answer at time `previous` (NULL: none); and with
    `counted` (NEW or OLD, a graded answer), that one's answers graded and right."""
    measured = (
        f"SELECT id, item, {_KIND} AS kind, gap FROM ("
        f"SELECT id, item, mode, rating, before_state, before_ivl, time - {previous} AS gap "
        f"FROM {source} WHERE {_rated()}) WHERE {_COUNTS}"
    )
    columns, values = ["item", *KINDS], [item]
    values += [f"{sign} * COALESCE(SUM(kind = {k}), 0)" for k in range(len(KINDS))]
    if counted:  # one row whatever was measured: the aggregate has no GROUP BY
        columns += ["graded", "passed"]
        values += [str(sign), f"{sign} * {_PASSED.format(row=counted)}"]
        group = ""
    else:  # no row, and no write, if nothing was measured
        columns += ["graded", "passed"]
        values += ["0", "0"]
        group = " GROUP BY item"
    found = [
        f"INSERT INTO item_tallies ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM ({measured}) WHERE gap IS NULL OR gap >= {NEAR_US}{group} "
        "ON CONFLICT (item) DO UPDATE SET "
        + ", ".join(f"{c} = {c} + excluded.{c}" for c in columns[1:])
    ]
    if sign > 0:
        return [
            *found,
            f"INSERT INTO review_gaps (id, item, kind, gap) "
            f"SELECT id, item, kind, gap FROM ({measured}) WHERE gap < {NEAR_US} "
            "ON CONFLICT (id) DO UPDATE SET item = excluded.item, kind = excluded.kind, "
            "gap = excluded.gap",
        ]
    return [
        *found,
        f"DELETE FROM item_tallies WHERE item = {item} AND {_EMPTY}",
        f"DELETE FROM review_gaps WHERE id = (SELECT id FROM {source})",
    ]


def _triggers(name: str, when: str, row: str, sign: int) -> list[str]:
    """The triggers that add (`sign` 1) or take away (-1) the log row `row` (NEW or OLD): its
    counts and its true-retention measure (from the answer before it); and the answer after it,
    measured from `row` while it is there and from the answer before it when it is not.

    Each keeps the tables right whatever order they fire in: counts only add up, and while there
    is an answer after `row`, its item's row counts it."""
    before, after = _time_before(row), _log_row(_next_id(row))
    item = f"{row}.item"
    measures = [_change(after, before, item, -sign), _change(after, f"{row}.time", item, sign)]
    bodies = {
        "answer": (_GRADED.format(row=row), _change(_values(row), before, item, sign, row)),
        # the answer after it, if any (an answer is most often the item's latest): taken away as
        # it was measured, then added as it is now
        "next": (
            f"EXISTS (SELECT 1 FROM log n WHERE {_later(row)})",
            [*measures[sign < 0], *measures[sign > 0]],
        ),
    }
    return [
        f"CREATE TRIGGER {name}_{part} {when} ON log WHEN {guard} BEGIN\n"
        + "".join(f"    {s};\n" for s in body)
        + "END"
        for part, (guard, body) in bodies.items()
    ]


def _all_triggers(moves: str) -> tuple[str, ...]:
    return (
        *_triggers("log_insert", "AFTER INSERT", "NEW", 1),
        *_triggers("log_delete", "AFTER DELETE", "OLD", -1),
        *_triggers("log_unset", f"BEFORE UPDATE OF {moves}", "OLD", -1),
        *_triggers("log_set", f"AFTER UPDATE OF {moves}", "NEW", 1),
    )


#: The stored columns whose change moves an answer (no kdquiz code changes a log row in place;
#: were one changed, it is taken out before and put back after). Since store version 10 mode,
#: rating, correct and the kind of state before are read from `codes` (log_codes).
TRIGGERS = _all_triggers("id, item, time, codes, before_ivl")
#: The same triggers as store version 9 made them, before `codes`.
_TRIGGERS_V9 = _all_triggers("id, item, time, mode, rating, correct, before_state, before_ivl")


def drop_triggers(conn: sqlite3.Connection) -> None:
    """Take the triggers off (a restore copies the whole log, then `rebuild`s)."""
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS main.{trigger.split()[2]}")


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill the tables from the whole log in one pass (much faster than the triggers, row by
    row), then put the triggers back."""
    for table in DERIVED:
        conn.execute(f"DELETE FROM main.{table}")
    for statement in _FILL_ONCE:
        conn.execute(statement)
    create_triggers(conn)


def create_triggers(conn: sqlite3.Connection) -> None:
    """A migration step: the triggers (one statement each; their bodies hold semicolons), as the
    store's version makes them: a log without `codes` is version 9's."""
    packed = any(row[1] == "codes" for row in conn.execute("PRAGMA main.table_info(log)"))
    for trigger in TRIGGERS if packed else _TRIGGERS_V9:
        conn.execute(trigger)


_MEASURED = f"""
SELECT id, item, {_KIND} AS kind, gap FROM (
    SELECT id, item, rating, mode, before_state, before_ivl,
        time - LAG(time) OVER (PARTITION BY item ORDER BY time, id) AS gap
    FROM log WHERE {_rated("log")}
) WHERE {_COUNTS}
"""


def _tallies(measured: str) -> str:
    """`item_tallies`' rows from the log and `measured`, its rated answers as `_MEASURED` reads them."""
    return f"""
SELECT t.item, t.graded, t.passed, {", ".join(f"COALESCE(c.{c}, 0)" for c in KINDS)} FROM (
    SELECT item, COUNT(*) AS graded, SUM({_PASSED.format(row="log")}) AS passed
    FROM log WHERE {_GRADED.format(row="log")} GROUP BY item
) t LEFT JOIN (
    SELECT item, {", ".join(f"SUM(kind = {k}) AS {c}" for k, c in enumerate(KINDS))}
    FROM ({measured}) WHERE gap IS NULL OR gap >= {NEAR_US} GROUP BY item
) c ON c.item = t.item
"""


def _gaps(measured: str) -> str:
    return f"SELECT id, item, kind, gap FROM ({measured}) WHERE gap < {NEAR_US}"


#: What `item_tallies` holds, recomputed from the whole log (one window over its rated answers).
RECOMPUTED_TALLIES = _tallies(_MEASURED)
#: What `review_gaps` holds, recomputed from the whole log.
RECOMPUTED_GAPS = _gaps(_MEASURED)
_INSERT_TALLIES = f"INSERT INTO item_tallies (item, graded, passed, {', '.join(KINDS)})"
_INSERT_GAPS = "INSERT INTO review_gaps (id, item, kind, gap)"
#: The migration's last step: fill both from the log there is.
FILL = f"{_INSERT_TALLIES} {RECOMPUTED_TALLIES};\n{_INSERT_GAPS} {RECOMPUTED_GAPS}"
#: The same, with the window over the rated answers run once for both tables, not once each:
#: most of a restore's time (a million answers: the window sorts them all).
_FILL_ONCE = (
    f"CREATE TEMP TABLE measured_answers AS {_MEASURED}",
    f"{_INSERT_TALLIES} {_tallies('SELECT * FROM temp.measured_answers')}",
    f"{_INSERT_GAPS} {_gaps('SELECT * FROM temp.measured_answers')}",
    "DROP TABLE temp.measured_answers",
)
