"""Restoring progress from a backup or another store: checked read-only, then copied row by row
into a fresh store, so nothing of the source's schema (triggers, views, extra columns) is adopted."""

from __future__ import annotations

import itertools
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kdquiz.core.files import fresh_temp
from kdquiz.core.store import derived, log_codes, values
from kdquiz.core.store.marks import FLAGS, MARK_FIELDS
from kdquiz.core.store.progress_store import ProgressStore
from kdquiz.core.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    create_empty_store,
    header_problem,
    reference_columns,
    reference_schema,
    schema_of,
)
from kdquiz.core.store.values import EARLIEST, LATEST, Clock, to_us
from kdquiz.errors import StoreError


@dataclass(frozen=True)
class Restored:
    safety_copy: Path | None  # the store as it was, when it could still be opened
    moved_aside: Path | None  # the damaged store, renamed, when it could not


def restore(path: Path, source: Path, *, clock: Clock) -> Restored:
    """Make the store at `path` hold the progress of the kdquiz store (or backup) `source`.

    `source` is opened read-only and never adopted: its schema must be exactly what kdquiz makes
    (no trigger, view, table, column or index of anyone else's), `integrity_check` must pass and
    every row must be in range; then its rows are copied into a freshly created store beside
    `path`. A store that opens is saved as a "before-restore" backup first and then overwritten
    through SQLite (safe even with its WAL file); a damaged one is renamed aside, never deleted.
    """
    problem = header_problem(source)
    if problem:
        raise StoreError(f"Cannot restore from {source}: {problem}.", "Restore")
    staged = fresh_temp(path.parent, path.name)
    try:
        try:
            _copy_checked(source, staged, clock())
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite cannot read it ({exc})") from None
        try:
            checked = ProgressStore(staged, clock=clock, backup=False)
        except StoreError as exc:  # "Cannot use the progress store STAGED: why": keep the why
            raise StoreError(exc.message.split(": ", 1)[-1]) from None
    except StoreError as exc:
        staged.unlink(missing_ok=True)
        raise StoreError(
            f"Cannot restore from {source}: {exc.message}. Your progress was not changed.",
            "Restore",
        ) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    try:
        current = ProgressStore(path, clock=clock, backup=False) if path.exists() else None
    except StoreError:
        current = None
        stamp = clock().strftime("%Y%m%d-%H%M%S")
        aside = _free(path.with_name(f"{path.name}.damaged-{stamp}"))
        for suffix in ("", "-wal", "-shm"):
            old = Path(f"{path}{suffix}")
            if old.exists():
                os.replace(old, Path(f"{aside}{suffix}"))
        checked.close()
        os.replace(staged, path)
        return Restored(None, aside)
    if current is None:
        checked.close()
        os.replace(staged, path)
        return Restored(None, None)
    try:
        safety = current.backup_now("before-restore")
        with current._lock:
            checked._conn.backup(current._conn)
    finally:
        checked.close()
        current.close()
        staged.unlink(missing_ok=True)
    return Restored(safety, None)


def _free(aside: Path) -> Path:
    """The first of `aside`, `aside-2`, ... that no earlier damaged store (or its -wal, -shm)
    was moved to: a damaged store set aside is never overwritten by the next one."""
    for number in itertools.count(1):
        name = aside if number == 1 else aside.with_name(f"{aside.name}-{number}")
        if not any(os.path.lexists(f"{name}{suffix}") for suffix in ("", "-wal", "-shm")):
            return name
    raise AssertionError("unreachable")  # itertools.count never ends


_STATE_RANGES = f"""(step IS NOT NULL AND (typeof(step) != 'integer'
            OR step NOT BETWEEN 0 AND {values.MAX_STEP}))
        OR (stability IS NOT NULL AND NOT stability BETWEEN {values.STABILITY_RANGE[0]}
            AND {values.STABILITY_RANGE[1]})
        OR (difficulty IS NOT NULL AND NOT difficulty BETWEEN {values.DIFFICULTY_RANGE[0]}
            AND {values.DIFFICULTY_RANGE[1]})
        OR typeof(reps) != 'integer' OR reps NOT BETWEEN 0 AND {values.MAX_COUNT}
        OR typeof(lapses) != 'integer' OR lapses NOT BETWEEN 0 AND {values.MAX_COUNT}"""
_ANSWER_RANGES = f"""typeof(time) != 'integer' OR time NOT BETWEEN {{first}} AND {{last}}
        OR (rating IS NOT NULL AND rating NOT IN (1, 2, 3, 4))
        OR typeof(response_ms) != 'integer'
        OR response_ms NOT BETWEEN 0 AND {values.MAX_RESPONSE_MS}"""
_EXACT_JSON = """(before IS NOT NULL AND NOT json_valid(before))
        OR (after IS NOT NULL AND NOT json_valid(after))"""
#: Rows a restored store may not hold, per table: each would crash a later review or statistic.
_BAD_ROWS = {
    "states": f"""state NOT IN (1, 2, 3) OR typeof(due) != 'integer'
        OR due NOT BETWEEN {{first}} AND {{last}}
        OR (last_review IS NOT NULL AND (typeof(last_review) != 'integer'
            OR last_review NOT BETWEEN {{first}} AND {{last}}))
        OR {_STATE_RANGES}""",
    "games": """typeof(started) != 'integer' OR started NOT BETWEEN {first} AND {last}
        OR typeof(finished) != 'integer' OR finished NOT BETWEEN {first} AND {last}
        OR NOT json_valid(decks) OR NOT json_valid(answers)""",
    "log_exact": f"""{_EXACT_JSON} OR NOT EXISTS (SELECT 1 FROM main.log WHERE log.id = log_exact.id)""",
    "marks": f"""suspended NOT IN (0, 1) OR typeof(buried) != 'integer' OR buried < 0
        OR flag NOT BETWEEN 0 AND {len(FLAGS)}""",
    "frontiers": "typeof(position) != 'integer' OR position < 0",
    "mark_log": f"""typeof(time) != 'integer' OR time NOT BETWEEN {{first}} AND {{last}}
        OR field NOT IN ({", ".join(f"'{f}'" for f in MARK_FIELDS)})
        OR typeof(before) != 'integer' OR typeof(after) != 'integer'""",
}
#: The log's own checks: JSON states up to version 2, typed columns since.
_BAD_LOG = {
    2: f"""{_ANSWER_RANGES}
        OR mode NOT IN ({", ".join(f"'{m}'" for m in values.LOG_MODES)})
        OR {_EXACT_JSON}""",
    3: f"""{_ANSWER_RANGES}
        OR typeof(mode) != 'integer' OR mode NOT BETWEEN 0 AND {len(values.LOG_MODES) - 1}
        OR NOT EXISTS (SELECT 1 FROM main.items WHERE items.id = log.item)
        OR (before_state IS NOT NULL AND before_state NOT IN (1, 2, 3))
        OR (before_ivl IS NOT NULL AND typeof(before_ivl) != 'integer')
        OR (state IS NOT NULL AND (state NOT IN (1, 2, 3) OR typeof(due) != 'integer'
            OR time + due NOT BETWEEN {{first}} AND {{last}} OR {_STATE_RANGES}))""",
}


#: Since version 5 the log keeps stability and difficulty as whole 1/10,000ths (or a REAL), the
#: due offset in seconds (INTEGER, or a REAL where not whole): the same checks on what they mean.
_BAD_LOG[5] = (
    _BAD_LOG[3]
    .replace("typeof(due) != 'integer'", "typeof(due) NOT IN ('integer', 'real')")
    .replace("time + due NOT", "time + due * 1000000 NOT")
    .replace(
        "stability IS NOT NULL AND NOT stability BETWEEN",
        "stability IS NOT NULL AND NOT (CASE typeof(stability) WHEN 'integer' THEN "
        f"stability / {float(values.SCALE)} WHEN 'real' THEN stability ELSE -1 END) BETWEEN",
    )
    .replace(
        "difficulty IS NOT NULL AND NOT difficulty BETWEEN",
        "difficulty IS NOT NULL AND NOT (CASE typeof(difficulty) WHEN 'integer' THEN "
        f"difficulty / {float(values.SCALE)} WHEN 'real' THEN difficulty ELSE -1 END) BETWEEN",
    )
)


#: Since version 10 six of those values are packed in `codes` (log_codes) and read through
#: generated columns, which the checks above read as they would stored ones; what the packing
#: itself may hold is checked besides.
_BAD_LOG[10] = f"""{_BAD_LOG[5]}
        OR typeof(codes) != 'integer' OR codes NOT BETWEEN 0 AND {log_codes.MAX_CODES}
        OR (correct IS NOT NULL AND correct NOT IN (0, 1))
        OR typeof(due_units) NOT IN ('integer', 'real', 'null')
        OR (codes & {log_codes.DUE_IN_DAYS} AND typeof(due_units) != 'integer')"""


def _bad_rows(version: int) -> dict[str, str]:
    log = _BAD_LOG[max(v for v in _BAD_LOG if v <= max(version, 2))]
    if version >= 4:  # a checked answer's credit, from 0 to 1
        log += " OR (score IS NOT NULL AND NOT score BETWEEN 0 AND 1)"
    if 3 <= version < 10:  # what version 10 packs must fit, or the upgrade after the copy stops
        log += f" OR {log_codes.UNPACKABLE_SQL}"
    return {**_BAD_ROWS, "log": log}


#: SQLite's page cache for the store a restore fills, in KiB (the default is 2,000): the log's
#: index is built and its tallies computed in memory rather than page by page from the disk (a
#: million answers: the copy and the tallies take half as long; about 100 MB more at the peak,
#: for the length of the restore). Only what is used fills it.
RESTORE_CACHE_KIB = 64 * 1024


def _copy_checked(source: Path, staged: Path, now: datetime) -> None:
    """Check `source` (opened read-only) and copy its rows into a new store at `staged`."""
    uri = f"{source.resolve().as_uri()}?mode=ro"
    reader = sqlite3.connect(uri, uri=True)
    try:
        version = _source_problem(reader)
    finally:
        reader.close()
    create_empty_store(staged, now, version)
    conn = sqlite3.connect(staged, isolation_level=None, uri=True)
    try:
        conn.execute(f"PRAGMA cache_size = -{RESTORE_CACHE_KIB}")
        conn.execute("ATTACH DATABASE ? AS source", (uri,))
        conn.execute("BEGIN")
        conn.execute("DELETE FROM main.meta")
        derived.drop_triggers(conn)  # rebuilt from the copied log, never taken from the source
        for table, columns in reference_columns(version).items():
            if table in derived.TABLES:
                continue
            names = ", ".join(columns)
            conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM source.{table}")
        bad = {
            table: conn.execute(
                f"SELECT COUNT(*) FROM main.{table} WHERE {where}".format(
                    first=to_us(EARLIEST), last=to_us(LATEST) - 1
                )
            ).fetchone()[0]
            for table, where in _bad_rows(version).items()
            if table in reference_columns(version)
        }
        if any(bad.values()):
            raise StoreError(
                "it holds rows no kdquiz writes ("
                + ", ".join(f"{n} in {table}" for table, n in bad.items() if n)
                + "): values out of range"
            )
        derived.rebuild(conn)
        if "frontiers" in reference_columns(version):
            # Where each deck's unstudied cards start is only a cache the queue finds again, and
            # a frontier no state backs would hide new cards: a restored one is never trusted.
            conn.execute("DELETE FROM main.frontiers")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE source")
    finally:
        conn.close()


def _source_problem(conn: sqlite3.Connection) -> int:
    """The schema version of a store that may be restored; StoreError says why it may not."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise StoreError("it is an SQLite database, but not a kdquiz progress store")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= SCHEMA_VERSION:
        raise StoreError(f"it has store version {version}; this kdquiz reads 1 to {SCHEMA_VERSION}")
    check = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if check != ["ok"]:
        raise StoreError(f"it is damaged (integrity_check: {'; '.join(check[:3])})")
    found = schema_of(conn)
    expected = reference_schema(version)
    problems = [
        f"it has {'an' if kind == 'index' else 'a'} {kind} '{name}' that kdquiz does not make"
        for (kind, name), _ in sorted(found.items())
        if (kind, name) not in expected
    ]
    problems += [
        f"its {kind} '{name}' is missing"
        for (kind, name) in sorted(expected)
        if (kind, name) not in found
    ]
    problems += [
        _difference(conn, kind, name, version)
        for (kind, name), sql in sorted(found.items())
        if (kind, name) in expected and sql != expected[kind, name]
    ]
    if problems:
        raise StoreError("its schema is not the one kdquiz makes: " + "; ".join(problems[:5]))
    return int(version)


def _difference(conn: sqlite3.Connection, kind: str, name: str, version: int) -> str:
    if kind != "table":
        return f"its {kind} '{name}' is not defined as kdquiz defines it"
    have = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))}
    want = set(reference_columns(version).get(name, ()))
    missing = sorted(want - have)
    extra = sorted(have - want)
    if missing:
        return f"its table '{name}' lacks the column(s) {', '.join(missing)}"
    if extra:
        return f"its table '{name}' has column(s) kdquiz does not make: {', '.join(extra)}"
    return f"its table '{name}' is not defined as kdquiz defines it"
