"""The store's schema: what a fresh store holds, and the migrations from each older version.

A store is one SQLite file marked with kdquiz's `application_id`; `user_version` is its schema
version. Version 1 is the schema of the first development builds (tests/fixtures/store_v1.sqlite3);
each migration upgrades from version N-1 to N, and all pending ones run in one transaction.
A migration is a list of steps: SQL scripts, and Python functions where rows must be rewritten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from kdquiz.core.store import log_codes, log_quarters, tallies
from kdquiz.core.store.compact_log import rewrite_v2_log

STORE_FILE = "progress.sqlite3"
APPLICATION_ID = 0x6B647175  # "kdqu"
SCHEMA_VERSION = 11
SQLITE_MAGIC = b"SQLite format 3\x00"


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE


# Version 1: the schema of the first development builds.
_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE states (
    deck TEXT NOT NULL, card TEXT NOT NULL, sub TEXT NOT NULL,
    state INTEGER NOT NULL, step INTEGER, stability REAL, difficulty REAL,
    due INTEGER NOT NULL, last_review INTEGER,
    reps INTEGER NOT NULL DEFAULT 0, lapses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (deck, card, sub)
) WITHOUT ROWID;
CREATE INDEX states_due ON states (deck, due);
CREATE TABLE log (
    id INTEGER PRIMARY KEY,
    deck TEXT NOT NULL, card TEXT NOT NULL, sub TEXT NOT NULL,
    time INTEGER NOT NULL, rating INTEGER, correct INTEGER, response_ms INTEGER NOT NULL,
    mode TEXT NOT NULL, before_state INTEGER, before TEXT, after TEXT
);
CREATE INDEX log_item ON log (deck, card, sub);
CREATE INDEX log_time ON log (deck, time);
"""

Step = str | Callable[[sqlite3.Connection], None]


def _refuse_unpackable(conn: sqlite3.Connection) -> None:
    """Version 10's first step: a row no kdquiz wrote cannot be packed, so the upgrade stops (the
    store stays as it was, and says why) rather than change what it holds."""
    found = conn.execute(
        f"SELECT id FROM log WHERE {log_codes.UNPACKABLE_SQL} ORDER BY id LIMIT 1"
    ).fetchone()
    if found:
        raise ValueError(f"the answer with id {found[0]} holds a value no kdquiz writes")


# Each entry upgrades from version N-1 to N; all of them run inside one transaction.
MIGRATIONS: dict[int, tuple[Step, ...]] = {
    2: (
        """
ALTER TABLE states ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE log ADD COLUMN answer TEXT NOT NULL DEFAULT '';
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE games (
    id INTEGER PRIMARY KEY, decks TEXT NOT NULL, mode TEXT NOT NULL, player TEXT NOT NULL,
    started INTEGER NOT NULL, finished INTEGER NOT NULL, score INTEGER NOT NULL,
    correct INTEGER NOT NULL, total INTEGER NOT NULL, best_streak INTEGER NOT NULL,
    answers TEXT NOT NULL
);
CREATE INDEX games_best ON games (decks, mode, score);
DROP INDEX states_due;
CREATE INDEX states_queue ON states (deck, state, due, last_review, stability);
""",
    ),
    # The compact log (see compact_log): items numbered once, states in typed columns.
    3: (
        """
ALTER TABLE log RENAME TO log_v2;
DROP INDEX log_item;
DROP INDEX log_time;
CREATE TABLE items (
    id INTEGER PRIMARY KEY, deck TEXT NOT NULL, card TEXT NOT NULL, sub TEXT NOT NULL
);
CREATE UNIQUE INDEX items_key ON items (deck, card, sub);
CREATE TABLE log (
    id INTEGER PRIMARY KEY, item INTEGER NOT NULL, time INTEGER NOT NULL, mode INTEGER NOT NULL,
    rating INTEGER, correct INTEGER, response_ms INTEGER NOT NULL, answer TEXT NOT NULL,
    before_state INTEGER, before_ivl INTEGER, state INTEGER, step INTEGER, stability REAL,
    difficulty REAL, due INTEGER, reps INTEGER, lapses INTEGER
);
CREATE INDEX log_item ON log (item);
CREATE INDEX log_time ON log (time);
CREATE TABLE log_exact (id INTEGER PRIMARY KEY, before TEXT, after TEXT);
""",
        rewrite_v2_log,
        "DROP TABLE log_v2",
    ),
    # A checked answer's credit (0-1), so a partly right one is told from a wrong one; and
    # personal bests that compare whole rounds of one length: `length` is a classic round's
    # planned questions (0: survival and time attack have none), `complete` 0 for a round ended
    # early. Rounds saved before kept no length: a classic one is taken as complete at its size.
    4: (
        """
ALTER TABLE log ADD COLUMN score REAL;
ALTER TABLE games ADD COLUMN length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE games ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
UPDATE games SET length = total WHERE mode = 'classic'
""",
    ),
    # A smaller log row (values.scaled, values.seconds): stability and difficulty as whole
    # 1/10,000ths where that is exact (a REAL kept as it was where not: columns with no type hold
    # either), the due offset in whole seconds (a REAL number of seconds where not whole), the
    # interval before in whole days. Every value decodes to exactly what version 4 held. The time
    # index holds whole seconds, 4 bytes an entry where microseconds take 8 (version 11 drops it).
    5: (
        """
CREATE TABLE log_v5 (
    id INTEGER PRIMARY KEY, item INTEGER NOT NULL, time INTEGER NOT NULL, mode INTEGER NOT NULL,
    rating INTEGER, correct INTEGER, response_ms INTEGER NOT NULL, answer TEXT NOT NULL,
    before_state INTEGER, before_ivl INTEGER, state INTEGER, step INTEGER, stability, difficulty,
    due, reps INTEGER, lapses INTEGER, score REAL
);
INSERT INTO log_v5 SELECT id, item, time, mode, rating, correct, response_ms, answer, before_state,
    CASE WHEN before_ivl >= 0 THEN before_ivl / 86400 ELSE -((86399 - before_ivl) / 86400) END,
    state, step,
    CASE WHEN CAST(round(stability * 10000) AS INTEGER) / 10000.0 = stability
        THEN CAST(round(stability * 10000) AS INTEGER) ELSE stability END,
    CASE WHEN CAST(round(difficulty * 10000) AS INTEGER) / 10000.0 = difficulty
        THEN CAST(round(difficulty * 10000) AS INTEGER) ELSE difficulty END,
    CASE WHEN due % 1000000 = 0 THEN due / 1000000 ELSE due / 1000000.0 END,
    reps, lapses, score
FROM log ORDER BY id;
DROP TABLE log;
ALTER TABLE log_v5 RENAME TO log;
CREATE INDEX log_item ON log (item);
CREATE INDEX log_time ON log (time / 1000000)
""",
    ),
    # Class games (`kdquiz host`): a round per hosting, and every player's answer written as it
    # arrives, so a host killed mid-round keeps what was answered. Kept apart from `log` and
    # `games`: the players are not the host's own learner, and their answers must never reach the
    # host's schedule, history or statistics.
    6: (
        """
CREATE TABLE class_rounds (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL, decks TEXT NOT NULL,
    started INTEGER NOT NULL, finished INTEGER
);
CREATE TABLE class_answers (
    id INTEGER PRIMARY KEY, round INTEGER NOT NULL REFERENCES class_rounds (id),
    player TEXT NOT NULL, question INTEGER NOT NULL,
    deck TEXT NOT NULL, card TEXT NOT NULL, sub TEXT NOT NULL, prompt TEXT NOT NULL,
    time INTEGER NOT NULL, correct INTEGER NOT NULL, score REAL NOT NULL, points INTEGER NOT NULL,
    response_ms INTEGER NOT NULL, answer TEXT NOT NULL
);
CREATE UNIQUE INDEX class_answers_once ON class_answers (round, player, question)
""",
    ),
    # Marks the learner puts on a card (see marks): suspended, buried until the end of a study
    # day (its ordinal, 0: not buried), a flag colour (0: none); and every change of one, so each
    # is recorded and a batch of changes (one key, one command) can be undone.
    7: (
        """
CREATE TABLE marks (
    deck TEXT NOT NULL, card TEXT NOT NULL,
    suspended INTEGER NOT NULL DEFAULT 0, buried INTEGER NOT NULL DEFAULT 0,
    flag INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (deck, card)
) WITHOUT ROWID;
CREATE TABLE mark_log (
    id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, time INTEGER NOT NULL,
    deck TEXT NOT NULL, card TEXT NOT NULL, field TEXT NOT NULL,
    before INTEGER NOT NULL, after INTEGER NOT NULL
);
CREATE INDEX mark_log_batch ON mark_log (batch)
""",
    ),
    # Where each deck's first item with no state was (see frontiers): the first queue of a deck
    # studied in order starts there instead of looking at every studied item. A row holds for the
    # deck's content it names; whatever takes a state away deletes the deck's row in the same
    # transaction.
    8: (
        """
CREATE TABLE frontiers (
    deck TEXT PRIMARY KEY, content TEXT NOT NULL, position INTEGER NOT NULL
) WITHOUT ROWID
""",
    ),
    # What the statistics read, kept as the log is written (see tallies): answers graded and
    # right per item, and each answer that may count for true retention with the time since the
    # item's answer before it. Triggers on `log` keep both; the upgrade fills them from the log.
    9: (tallies.TABLES, tallies.create_triggers, tallies.FILL),
    # Six small values of a log row packed in one integer and a due offset of whole days kept in
    # days (see log_codes): 6-7 bytes less a row. Readers see generated columns of the old names.
    # The rewrite keeps ids; dropping the old table drops its triggers, which are made again.
    10: (
        _refuse_unpackable,
        log_codes.LOG_TABLE.format(name="log_v10"),
        f"""
INSERT INTO log_v10 (id, item, time, codes, response_ms, answer, before_ivl, stability,
    difficulty, due_units, reps, lapses, score)
SELECT id, item, time, {log_codes.PACK_SQL}, response_ms, answer, before_ivl, stability,
    difficulty, {log_codes.DUE_UNITS_SQL}, reps, lapses, score
FROM log ORDER BY id;
DROP TABLE log;
ALTER TABLE log_v10 RENAME TO log;
CREATE INDEX log_item ON log (item);
CREATE INDEX log_time ON log (time / 1000000)
""",
        tallies.create_triggers,
    ),
    # The log's answers per quarter hour, kept by triggers (see log_quarters), in place of the
    # index on its time: 13-15 bytes a row less; rows from a time on are read by log id.
    11: (
        log_quarters.TABLE,
        log_quarters.create_triggers,
        log_quarters.FILL,
        "DROP INDEX log_time",
    ),
}


def statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def migration_steps(version: int) -> list[Step]:
    """The steps of one migration, SQL scripts split into single statements."""
    return [
        part
        for step in MIGRATIONS[version]
        for part in (statements(step) if isinstance(step, str) else [step])
    ]


def run_steps(conn: sqlite3.Connection, steps: list[Step]) -> None:
    for step in steps:
        if isinstance(step, str):
            conn.execute(step)
        else:
            step(conn)


def schema_statements(version: int) -> list[Step]:
    """What builds a store of `version`: version 1, then each migration up to it, in order."""
    return [
        *statements(_SCHEMA_V1),
        *(step for v in range(2, version + 1) for step in migration_steps(v)),
    ]


def create_empty_store(path: Path | str, created: datetime, version: int = SCHEMA_VERSION) -> None:
    """An empty kdquiz store of schema `version` at `path` (an empty or new file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("BEGIN")
        run_steps(conn, schema_statements(version))
        conn.execute("INSERT INTO meta VALUES ('created', ?)", (created.isoformat(),))
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def create_v1_store(path: Path) -> sqlite3.Connection:
    """An empty version-1 store (for the migration fixture); the caller fills and closes it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in statements(_SCHEMA_V1):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    return conn


def header_problem(path: Path) -> str | None:
    """Why `path` cannot be an SQLite database, judged from its header alone (never modifies it);
    a FIFO or a device is refused without waiting on it."""
    from kdquiz.core.files import InputFileError, open_regular

    try:
        with open_regular(path, "a progress store", limit=1 << 50) as handle:
            header = handle.read(100) or b""
    except InputFileError as exc:
        return exc.reason
    if not header:
        return "the file is empty (0 bytes)"
    if not header.startswith(SQLITE_MAGIC):
        return "it is not an SQLite database"
    return None


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(kind, name) -> its SQL with white space normalised; SQLite's statistics tables aside."""
    return {
        (kind, name): " ".join((sql or "").split())
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
        )
    }


@cache
def reference_schema(version: int) -> dict[tuple[str, str], str]:
    """The schema kdquiz itself makes for `version`, as `schema_of` reports it."""
    conn = sqlite3.connect(":memory:")
    try:
        run_steps(conn, schema_statements(version))
        return schema_of(conn)
    finally:
        conn.close()


@cache
def reference_columns(version: int) -> dict[str, tuple[str, ...]]:
    """Each table's columns, in order, in the schema kdquiz makes for `version`."""
    conn = sqlite3.connect(":memory:")
    try:
        run_steps(conn, schema_statements(version))
        tables = [name for kind, name in reference_schema(version) if kind == "table"]
        return {
            table: tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
            for table in sorted(tables)
        }
    finally:
        conn.close()
