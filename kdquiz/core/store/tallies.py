"""What the statistics need from the log, kept up to date as the log is written (store version 9).

Two tables hold it, and SQLite triggers on `log` keep them, so every writer (an answer, undo,
an import, a restore, a migration) keeps them right without knowing of them:

- `item_tallies`: per item, its answers graded (checked, or rated) and of them right: accuracy by
  kind without grouping the whole log by item.
- `review_gaps`: one row per answer that may count for true retention (a kdquiz review of an item
  in the review state, or imported history with an answer before it), with its (mature?,
  passed?) as `kind` = 2 * mature + passed, and `gap`, the time since the item's previous rated
  review or history answer (µs; NULL: none). Whether it is the first of its study day depends on
  the time zone and rollover at read time; but a gap longer than any study day can be (a day,
  plus the most the zone's offset falls within the span: `DayScale.same_day_reach`) always is, so
  only answers closer to the one before them are checked, by their days, when statistics are read.

Both are derived data: a restore never copies them (its triggers rebuild them from the log), and
`recomputed_*` give what they must hold, for the migration and the tests.
"""

from __future__ import annotations

import sqlite3

from kdquiz.core.store.study_days import DAY_US

#: Log modes by number (`LOG_MODES`): review and history are what true retention reads.
_REVIEW, _HISTORY = 0, 3
#: An interval of 21 days or more is mature (Anki's definition).
MATURE_DAYS = 21

TABLES = """
CREATE TABLE item_tallies (
    item INTEGER PRIMARY KEY, graded INTEGER NOT NULL, passed INTEGER NOT NULL
);
CREATE TABLE review_gaps (
    id INTEGER PRIMARY KEY, item INTEGER NOT NULL, kind INTEGER NOT NULL, gap INTEGER
)
"""
#: The tables no restore copies: each is rebuilt from the log as its rows are copied.
DERIVED = ("item_tallies", "review_gaps")


def _rated(row: str) -> str:
    """True for a rated review or history answer: the answers true retention reads."""
    return f"{row}.mode IN ({_REVIEW}, {_HISTORY}) AND {row}.rating"


#: A rated answer's (mature?, passed?) from its row and `gap`; only for rows `_COUNTS` keeps.
_KIND = (
    f"2 * (CASE WHEN before_state = 2 THEN COALESCE(before_ivl, 0) >= {MATURE_DAYS} "
    f"ELSE gap >= {MATURE_DAYS * DAY_US} END) + (rating > 1)"
)
#: Which rated answers may count: a review of an item in the review state, or history with an
#: earlier answer before it (at the same time, it is never the first of its day).
_COUNTS = f"before_state = 2 OR (before_state IS NULL AND mode = {_HISTORY} AND gap > 0)"
_GRADED = "{row}.correct IS NOT NULL OR {row}.rating IS NOT NULL"
_PASSED = "COALESCE({row}.correct, {row}.rating > 1)"


def _neighbour(row: str, after: bool) -> str:
    """The id of the rated answer of `row`'s item just after (or before) it, in (time, id) order
    (the order the Python statistics walk the log in)."""
    cmp, order = (">", "") if after else ("<", " DESC")
    return (
        f"(SELECT n.id FROM log n WHERE n.item = {row}.item AND {_rated('n')} "
        f"AND (n.time {cmp} {row}.time OR (n.time = {row}.time AND n.id {cmp} {row}.id)) "
        f"ORDER BY n.time{order}, n.id{order} LIMIT 1)"
    )


def _classify(target: str) -> list[str]:
    """Statements that make `review_gaps` right for the log row `target` (an SQL expression for
    its id; NULL does nothing), from the log as it is now."""
    return [
        f"DELETE FROM review_gaps WHERE id = {target}",
        f"""INSERT OR REPLACE INTO review_gaps (id, item, kind, gap)
        SELECT id, item, {_KIND}, gap FROM (
            SELECT q.id, q.item, q.rating, q.mode, q.before_state, q.before_ivl,
                q.time - (SELECT p.time FROM log p WHERE p.id = {_neighbour("q", after=False)})
                AS gap
            FROM log q WHERE q.id = {target} AND {_rated("q")}
        ) WHERE {_COUNTS}""",
    ]


def _count(row: str, sign: str) -> list[str]:
    """Statements adding (`+`) or taking away (`-`) the log row `row` in `item_tallies`."""
    graded, passed = _GRADED.format(row=row), _PASSED.format(row=row)
    if sign == "+":
        return [
            f"""INSERT INTO item_tallies (item, graded, passed)
            SELECT {row}.item, 1, {passed} WHERE {graded}
            ON CONFLICT (item) DO UPDATE SET graded = graded + 1, passed = passed + excluded.passed
            """
        ]
    return [
        f"UPDATE item_tallies SET graded = graded - 1, passed = passed - {passed} "
        f"WHERE item = {row}.item AND ({graded})",
        f"DELETE FROM item_tallies WHERE item = {row}.item AND graded = 0",
    ]


def _trigger(name: str, event: str, when: str, body: list[str]) -> str:
    statements = "".join(f"    {s};\n" for s in body)
    return f"CREATE TRIGGER {name} AFTER {event} ON log WHEN {when} BEGIN\n{statements}END"


def _gaps_after(row: str) -> list[str]:
    """`row` entered or left the log: it and the rated answer after it (whose previous answer it
    is, or was) are measured again."""
    return [*_classify(f"{row}.id"), *_classify(_neighbour(row, after=True))]


TRIGGERS = (
    _trigger("log_tallies_insert", "INSERT", _GRADED.format(row="NEW"), _count("NEW", "+")),
    _trigger("log_tallies_delete", "DELETE", _GRADED.format(row="OLD"), _count("OLD", "-")),
    _trigger("log_gaps_insert", "INSERT", _rated("NEW"), _gaps_after("NEW")),
    _trigger("log_gaps_delete", "DELETE", _rated("OLD"), _gaps_after("OLD")),
    # No kdquiz code changes a log row in place; were one changed, it is taken out and put back.
    _trigger(
        "log_tallies_update",
        "UPDATE OF id, item, time, mode, rating, correct, before_state, before_ivl",
        "1",
        [*_count("OLD", "-"), *_count("NEW", "+"), *_gaps_after("OLD"), *_gaps_after("NEW")],
    ),
)


def create_triggers(conn: sqlite3.Connection) -> None:
    """A migration step: the triggers (one statement each; their bodies hold semicolons)."""
    for trigger in TRIGGERS:
        conn.execute(trigger)


#: What `item_tallies` holds, recomputed from the whole log.
RECOMPUTED_TALLIES = (
    f"SELECT item, COUNT(*), SUM({_PASSED.format(row='log')}) FROM log "
    f"WHERE {_GRADED.format(row='log')} GROUP BY item"
)
#: What `review_gaps` holds, recomputed from the whole log by one window over it.
RECOMPUTED_GAPS = f"""
SELECT id, item, {_KIND}, gap FROM (
    SELECT id, item, rating, mode, before_state, before_ivl,
        time - LAG(time) OVER (PARTITION BY item ORDER BY time, id) AS gap
    FROM log WHERE {_rated("log")}
) WHERE {_COUNTS}
"""
#: The migration's last step: fill both from the log there is.
FILL = f"""
INSERT INTO item_tallies (item, graded, passed) {RECOMPUTED_TALLIES};
INSERT INTO review_gaps (id, item, kind, gap) {RECOMPUTED_GAPS}
"""
