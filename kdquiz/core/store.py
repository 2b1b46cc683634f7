"""The progress store: one SQLite file with card states, the complete review log and game results.

Durability: WAL with synchronous=FULL, and one `BEGIN IMMEDIATE` transaction per answer that is
committed before the call returns, so an acknowledged answer survives a crash or power loss.

Two kdquiz processes may use one store at once (safe concurrent writes, no lock file): every answer
re-reads the item's current state inside its write transaction and computes the new state from it,
so neither process can overwrite the other's answer (no lost update). Writers wait up to
BUSY_TIMEOUT_MS for each other.

A file that is empty, not SQLite, corrupt, not kdquiz's, or written by a newer kdquiz is refused with
a StoreError naming it; the file is left untouched and the latest backup is offered. Times are stored
as integer microseconds since the Unix epoch (UTC), so states round-trip exactly.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from kdquiz.core import backups
from kdquiz.core.files import fresh_temp
from kdquiz.core.model import Card
from kdquiz.errors import StoreError

if TYPE_CHECKING:
    from kdquiz.core.scheduling import ItemState, Key

STORE_FILE = "progress.sqlite3"
APPLICATION_ID = 0x6B647175  # "kdqu"
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 10_000
#: Bound parameters per `IN (...)` list: SQLite before 3.32 allows at most 999 in one statement.
IN_BATCH = 900
#: First states remembered by `added_since` (a session's answers; older marks recount).
ADDED_JOURNAL = 4096
#: An item's key (`item_key`) and the separator of keys in one group_concat, as SQL literals:
#: SQLite calls char(31) or reads a bound separator once per row (~40% of reading a deck's keys).
_KEY_SQL = "card || '\x1f' || sub"
_KEYS_SEP = "'\x1e'"
SQLITE_MAGIC = b"SQLite format 3\x00"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: What a state or log row may hold, whether imported or restored: anything else is a mistake
#: that would crash a later review or statistic. Times: EARLIEST <= t < LATEST.
EARLIEST = EPOCH
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_STEP = 999
MAX_COUNT = 10_000_000
#: A response slower than a day is a clock or typing error, never a learner.
MAX_RESPONSE_MS = 86_400_000
#: py-fsrs keeps stability at 0.001 days or more; beyond 10^6 days (2,700 years) means nothing.
STABILITY_RANGE = (0.001, 1_000_000.0)
DIFFICULTY_RANGE = (1.0, 10.0)
LOG_MODES = ("review", "practice", "quiz", "history")
_US = timedelta(microseconds=1)

Clock = Callable[[], datetime]

_SERIALS = itertools.count()


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE


def to_us(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError(f"{when!r} has no time zone")
    return (when - EPOCH) // _US


def from_us(value: int) -> datetime:
    return EPOCH + value * _US


def text_hash(card: Card) -> str:
    """Fingerprint of what a learner sees, to report cards edited since their last review."""
    import hashlib  # here, not at start: only answers and checks need it

    return hashlib.sha256(card.searchable_text().encode("utf-8")).hexdigest()[:16]


# Version 1 is the schema of the first development builds (tests/fixtures/store_v1.sqlite3).
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

# Each entry upgrades from version N-1 to N; all of them run inside one transaction.
_MIGRATIONS: dict[int, str] = {
    2: """
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
    # The credit of a checked answer (0-1), so a partly right one is told from a wrong one.
    3: """
ALTER TABLE log ADD COLUMN score REAL;
""",
}

_STATE_COLUMNS = "state, step, stability, difficulty, due, last_review, reps, lapses"


def _state_from_row(row: Sequence[Any]) -> ItemState:
    # fsrs and the scheduler are imported where used: the home screen opens the store before its
    # first frame and reads no state until after it.
    from fsrs import State

    from kdquiz.core.scheduling import ItemState

    return ItemState(
        State(row[0]),
        row[1],
        row[2],
        row[3],
        from_us(row[4]),
        from_us(row[5]) if row[5] is not None else None,
        row[6],
        row[7],
    )


def _state_values(state: ItemState) -> tuple[Any, ...]:
    return (
        int(state.state),
        state.step,
        state.stability,
        state.difficulty,
        to_us(state.due),
        to_us(state.last_review) if state.last_review else None,
        state.reps,
        state.lapses,
    )


def _dump(state: ItemState | None) -> str | None:
    import json  # json is imported where it is used: opening the store for the home screen never is

    return json.dumps(state.to_dict()) if state else None


def _load(text: str | None) -> ItemState | None:
    import json

    from kdquiz.core.scheduling import ItemState

    return ItemState.from_dict(json.loads(text)) if text else None


@dataclass(frozen=True)
class LogEntry:
    """One answer. `before`/`after` are the item's states around it (None: new / not scheduled)."""

    id: int
    key: Key
    time: datetime
    rating: int | None
    correct: bool | None
    response_ms: int
    mode: str
    answer: str
    before: ItemState | None
    after: ItemState | None
    #: The answer's credit from 0 to 1 (partial credit in between); None for a self-rated answer
    #: or one logged before kdquiz kept it.
    score: float | None = None


@dataclass(frozen=True)
class Reviewed:
    """What `record_review` wrote: the log row and the states on either side of it."""

    log_id: int
    before: ItemState | None
    after: ItemState


@dataclass(frozen=True)
class GameRecord:
    deck_ids: tuple[str, ...]
    mode: str
    player: str
    started: datetime
    finished: datetime
    score: int
    correct: int
    total: int
    best_streak: int
    answers: tuple[tuple[Key, bool], ...] = ()


#: One logged quiz answer: item, when, right or wrong, response time in ms, the answer given and
#: its credit from 0 to 1.
QuizAnswerRow = tuple[tuple[str, str, str], datetime, bool, int, str, float]


class ProgressStore:
    """Open (or create) the store at `path`; raises StoreError if it cannot be used safely.

    `backup=True` makes today's automatic rotating backup on open (the app does; tests may not).
    A backup that cannot be made (a read-only or full disk, a `backups` that is a file) never
    stops kdquiz: it becomes a line in `warnings` for the front-end to show.
    """

    def __init__(self, path: Path, *, clock: Clock, backup: bool = True) -> None:
        self.path = Path(path)
        self.clock = clock
        self._lock = threading.RLock()
        self._serial = next(_SERIALS)  # tells this connection's tokens from another store object's
        self._forgets = 0  # states this connection deleted, moved or imported (see `known_token`)
        #: Items this connection gave their first state, newest last (see `added_since`), and how
        #: many were ever added: a short journal, so counting "learned" never rereads every state.
        self._added: deque[Key] = deque(maxlen=ADDED_JOURNAL)
        self._added_total = 0
        try:
            created = not self.path.exists() and self._create()
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise StoreError(
                f"Cannot create the progress store {self.path}: {reason}. Make the folder "
                "writable, or choose another with --data-dir or KDQUIZ_DATA_DIR."
            ) from None
        self.warnings: list[str] = []
        self._conn = self._open()
        if backup and not created:
            try:
                self.backup_daily()
            except (OSError, sqlite3.Error) as exc:
                self.warnings.append(backup_failure(self.path, exc))

    # -- opening -------------------------------------------------------------------------------

    def _create(self) -> bool:
        """Build a fresh store beside the path and link it into place, so no half-made file is seen."""
        tmp = fresh_temp(self.path.parent, self.path.name)
        try:
            create_empty_store(tmp, self.clock())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        try:
            os.link(tmp, self.path)  # fails if another kdquiz created the store meanwhile
        except FileExistsError:
            return False
        except OSError:
            os.replace(tmp, self.path)
            return True
        finally:
            tmp.unlink(missing_ok=True)
        return True

    def _unusable(self, exc: sqlite3.Error) -> StoreError:
        """Why an SQLite error while opening stops kdquiz: only corruption is called damage; a
        full disk, a disk error, a lock or a read-only file leaves a healthy store alone."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if name.startswith("SQLITE_FULL") or "full" in text or _disk_full(self.path):
            why = "the disk is full. Free some space and start kdquiz again"
        elif name.startswith("SQLITE_READONLY") or "readonly" in text or "unable to open" in text:
            why = (
                "the file or its folder is read-only. Make it writable, or choose another "
                "folder with --data-dir or KDQUIZ_DATA_DIR"
            )
        elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            why = "another program holds it locked. Try again in a moment"
        elif name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_NOMEM")):
            why = f"the system could not read or write it ({text}). Check the disk and try again"
        else:
            return self._refuse(f"it is damaged or not a database ({text})")
        return StoreError(
            f"Cannot open the progress store {self.path} now: {why}. The file was left untouched."
        )

    def _refuse(self, why: str) -> StoreError:
        latest = backups.latest_backup(self.path)
        if latest:
            offer = f'The latest backup is {latest}; restore it with: kdquiz restore "{latest}"'
        else:
            offer = f"No backup was found in {backups.backup_dir(self.path)}."
        return StoreError(
            f"Cannot use the progress store {self.path}: {why}. "
            f"The file was left untouched. {offer}"
        )

    def _open(self) -> sqlite3.Connection:
        problem = header_problem(self.path)
        if problem:
            raise self._refuse(problem)
        try:
            conn = sqlite3.connect(
                self.path,
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error as exc:
            raise self._refuse(f"SQLite cannot open it ({exc})") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if check != ["ok"]:
                raise self._refuse(f"it is damaged (quick_check: {'; '.join(check[:3])})")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise self._refuse("it is an SQLite database, but not a kdquiz progress store")
            if version > SCHEMA_VERSION:
                raise self._refuse(
                    f"it was written by a newer kdquiz (store version {version}, this "
                    f"kdquiz reads up to {SCHEMA_VERSION}); upgrade kdquiz"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            if version < SCHEMA_VERSION:
                self._migrate(conn, version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise self._unusable(exc) from None
        except StoreError:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Back up, then run every pending migration in one transaction."""
        if version < 1:
            raise self._refuse(f"it has unknown store version {version}")
        try:
            backups.write_copy(
                conn, backups.named_copy(self.path, f"before-v{SCHEMA_VERSION}", self.clock())
            )
        except OSError as exc:  # no upgrade without its safety copy; the store stays as it is
            raise StoreError(
                f"Cannot upgrade the progress store {self.path}: the copy made first "
                f"could not be written in {backups.backup_dir(self.path)} "
                f"({exc.strerror or exc}). Free some space, or make that a writable "
                "folder. The store was left untouched."
            ) from None
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[
                0
            ]  # another process may have won
            for target in range(current + 1, SCHEMA_VERSION + 1):
                for statement in _statements(_MIGRATIONS[target]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection, first moving the write-ahead log into the store file, so that
        after a clean exit `progress.sqlite3` alone holds every answer (even while another kdquiz
        still has it open). PASSIVE never waits: a checkpoint another reader blocks is left to
        the next close."""
        with self._lock:
            for pragma in ("PRAGMA optimize", "PRAGMA wal_checkpoint(PASSIVE)"):
                try:
                    self._conn.execute(pragma).fetchall()
                except sqlite3.Error:
                    pass
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One BEGIN IMMEDIATE write transaction, committed (durably) when the block ends."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"The progress store {self.path} is busy ({exc}): another kdquiz "
                    "is writing to it. Try again in a moment."
                ) from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    try:
                        self._conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # SQLite has already rolled back (as it does on a full disk)
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(self._write_failure(exc)) from None
                raise

    def _write_failure(self, exc: sqlite3.Error) -> str:
        text = str(exc)
        if "full" in text:
            why = "the disk is full"
            fix = "free some space and answer again"
        elif "readonly" in text or "read-only" in text:
            why = "the file or its folder is read-only"
            fix = "make it writable, or choose another folder with --data-dir"
        else:
            why = f"SQLite reported: {text}"
            fix = "check the disk and try again"
        return (
            f"Could not save to the progress store {self.path}: {why}. Nothing of this answer "
            f"was saved and earlier answers are safe; {fix}."
        )

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # -- backups -------------------------------------------------------------------------------

    def backup_daily(self) -> Path | None:
        with self._lock:
            return backups.daily_backup(self._conn, self.path, self.clock().date())

    def backup_now(self, label: str = "manual") -> Path:
        with self._lock:
            return backups.write_copy(
                self._conn, backups.named_copy(self.path, label, self.clock())
            )

    # -- states and the review log -------------------------------------------------------------

    def get_state(self, key: Key) -> ItemState | None:
        rows = self._read(
            f"SELECT {_STATE_COLUMNS} FROM states WHERE deck=? AND card=? AND sub=?", key
        )
        return _state_from_row(rows[0]) if rows else None

    def record_review(
        self,
        key: Key,
        compute: Callable[[ItemState | None], ItemState],
        *,
        rating: int,
        when: datetime,
        response_ms: int,
        mode: str = "review",
        correct: bool | None = None,
        answer_text: str = "",
        card_hash: str = "",
        score: float | None = None,
    ) -> Reviewed:
        """Apply one scheduled answer in one transaction.

        `compute` gets the state as it is in the file *now* (another process may have changed it)
        and returns the new one, so concurrent answers are applied one after the other, never lost.
        """
        with self._lock:  # the journal entry follows the commit with no other write in between
            with self.transaction() as conn:
                row = conn.execute(
                    f"SELECT {_STATE_COLUMNS} FROM states WHERE deck=? AND card=? AND sub=?", key
                ).fetchone()
                before = _state_from_row(row) if row else None
                after = compute(before)
                conn.execute(
                    f"INSERT OR REPLACE INTO states (deck, card, sub, {_STATE_COLUMNS}, text_hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*key, *_state_values(after), card_hash),
                )
                log_id = self._insert_log(
                    conn,
                    key,
                    when,
                    rating,
                    correct,
                    response_ms,
                    mode,
                    answer_text,
                    before,
                    after,
                    score,
                )
            if row is None:
                self._added.append(key)
                self._added_total += 1
        return Reviewed(log_id, before, after)

    def _insert_log(
        self,
        conn: sqlite3.Connection,
        key: Key,
        when: datetime,
        rating: int | None,
        correct: bool | None,
        response_ms: int,
        mode: str,
        answer: str,
        before: ItemState | None,
        after: ItemState | None,
        score: float | None = None,
    ) -> int:
        cursor = conn.execute(
            "INSERT INTO log (deck, card, sub, time, rating, correct, response_ms, mode, answer, "
            "before_state, before, after, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *key,
                to_us(when),
                rating,
                None if correct is None else int(correct),
                int(response_ms),
                mode,
                answer,
                int(before.state) if before else None,
                _dump(before),
                _dump(after),
                score,
            ),
        )
        return int(cursor.lastrowid or 0)

    def log_answer(
        self,
        key: Key,
        *,
        mode: str,
        rating: int | None,
        correct: bool | None,
        response_ms: int,
        when: datetime,
        answer_text: str = "",
        score: float | None = None,
    ) -> int:
        """Log a practice or quiz answer; the schedule is not touched."""
        with self.transaction() as conn:
            return self._insert_log(
                conn, key, when, rating, correct, response_ms, mode, answer_text, None, None, score
            )

    def undo_review(
        self, log_id: int, key: Key, before: ItemState | None, after: ItemState | None
    ) -> None:
        """Put `key` back to `before` and delete the log row, in one transaction.

        Refused if the item changed since (another kdquiz reviewed it), so undo never loses an answer.
        """
        with self.transaction() as conn:
            if after is not None:
                row = conn.execute(
                    f"SELECT {_STATE_COLUMNS} FROM states WHERE deck=? AND card=? AND sub=?", key
                ).fetchone()
                if row is None or _state_from_row(row) != after:
                    raise StoreError(
                        f"Cannot undo: card '{key[1]}' was answered again elsewhere "
                        f"since (in {self.path}).",
                        "Undo",
                    )
                if before is None:
                    conn.execute("DELETE FROM states WHERE deck=? AND card=? AND sub=?", key)
                    self._forgets += 1
                else:
                    conn.execute(
                        f"UPDATE states SET ({_STATE_COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?) "
                        "WHERE deck=? AND card=? AND sub=?",
                        (*_state_values(before), *key),
                    )
            conn.execute("DELETE FROM log WHERE id=?", (log_id,))

    def log_entries(self, key: Key | None = None) -> list[LogEntry]:
        """The review log in the order answers were committed (one item's, or all)."""
        sql = (
            "SELECT id, deck, card, sub, time, rating, correct, response_ms, mode, answer, before, "
            "after, score FROM log"
        )
        rows = self._read(
            sql + (" WHERE deck=? AND card=? AND sub=? ORDER BY id" if key else " ORDER BY id"),
            key or (),
        )
        return [
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
                _score(r[12]),
            )
            for r in rows
        ]

    def states(self) -> list[tuple[Key, ItemState, str]]:
        """Every stored state with its text fingerprint, for export."""
        rows = self._read(
            f"SELECT deck, card, sub, {_STATE_COLUMNS}, text_hash FROM states "
            "ORDER BY deck, card, sub"
        )
        return [((r[0], r[1], r[2]), _state_from_row(r[3:11]), r[11]) for r in rows]

    def recent_correct(self, limit: int = 200) -> list[tuple[Key, int]]:
        """Response times of the learner's latest right answers, to learn their own pace."""
        rows = self._read(
            "SELECT deck, card, sub, response_ms FROM log WHERE correct=1 ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [((r[0], r[1], r[2]), r[3]) for r in rows]

    # -- what the daily queue needs (indexed; no JSON parsed) ----------------------------------

    def count_states(self, deck_id: str) -> int:
        """How many items of the deck have a state (indexed; with states of items no longer in it)."""
        return int(self._read("SELECT COUNT(*) FROM states WHERE deck=?", (deck_id,))[0][0])

    def state_keys(self, deck_id: str) -> list[str]:
        """Every state of the deck as one string: the card id for its plain item (sub ""), else
        `item_key`. One statement, so one consistent view; plain card ids can be looked up as they
        are, with no string built per item."""
        row = self._read(
            f"SELECT group_concat(CASE sub WHEN '' THEN card ELSE {_KEY_SQL} END, "
            f"{_KEYS_SEP}) FROM states WHERE deck=?",
            (deck_id,),
        )[0]
        return row[0].split("\x1e") if row[0] else []

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold off this store object's own writes (from other threads) across several reads."""
        with self._lock:
            yield

    def added_since(self, mark: object) -> tuple[object, list[Key] | None]:
        """(a new mark, the items this connection gave their first state since `mark`).

        The list is None when states may have changed otherwise since (another connection
        committed, this one deleted, moved or imported states) or `mark` is too old or None: then
        whatever was derived from the states at `mark` must be derived again. Read `mark` before
        the states it describes, and a count after the mark it is checked with.
        """
        with self._lock:
            token = self.known_token()
            now = (token, self._added_total)
            if not isinstance(mark, tuple) or mark[0] != token:
                return now, None
            new = self._added_total - mark[1]
            if new > len(self._added):
                return now, None
            return now, list(self._added)[len(self._added) - new :]

    def known_items(self, deck_id: str, card_ids: Sequence[str]) -> set[str]:
        """Items of these cards that have a state, as `item_key` strings: indexed lookups, for
        walking a deck in order without reading the states of the whole deck."""
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(card_ids), IN_BATCH):
                part = card_ids[start : start + IN_BATCH]
                found.update(
                    key
                    for (key,) in self._conn.execute(
                        f"SELECT {_KEY_SQL} FROM states WHERE deck=? AND card IN "
                        f"({','.join('?' * len(part))})",
                        (deck_id, *part),
                    )
                )
        return found

    def known_token(self) -> tuple[int, int, int]:
        """Equal tokens mean no item has lost its state in between, so a cached "these items have
        states" still holds (states only ever get added otherwise). Changes when another connection
        commits (`PRAGMA data_version`), this one deletes or moves a state (undo, relink) or imports
        states (so `added_since` never has to journal a whole import)."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return self._serial, version, self._forgets

    def due_reviews(
        self, deck_id: str, before: datetime, now: datetime, limit: int
    ) -> list[tuple[str, str, float]]:
        """Review-state items due before `before`, lowest retrievability (most overdue) first.

        FSRS retrievability falls as (time since last review) / stability grows, so ordering by
        that ratio (returned third, for merging decks) needs no power function in SQL.
        """
        rows = self._read(
            "SELECT card, sub, (? - last_review) / stability AS overdue FROM states "
            "WHERE deck=? AND due < ? AND state=2 ORDER BY overdue DESC, due LIMIT ?",
            (float(to_us(now)), deck_id, to_us(before), limit),
        )
        return [(r[0], r[1], float(r[2] or 0.0)) for r in rows]

    def count_due(self, deck_id: str, since: datetime, before: datetime) -> int:
        """Items of any state falling due in [since, before)."""
        return int(
            self._read(
                "SELECT COUNT(*) FROM states WHERE deck=? AND due >= ? AND due < ?",
                (deck_id, to_us(since), to_us(before)),
            )[0][0]
        )

    def learning(self, deck_id: str, before: datetime) -> list[tuple[datetime, str, str]]:
        """Learning and relearning items due before `before`, soonest first."""
        rows = self._read(
            "SELECT due, card, sub FROM states WHERE deck=? AND due < ? "
            "AND state IN (1, 3) ORDER BY due",
            (deck_id, to_us(before)),
        )
        return [(from_us(r[0]), r[1], r[2]) for r in rows]

    def answered_since(self, deck_id: str, since: datetime) -> list[tuple[str, str, int | None]]:
        """(card, sub, state before) of review answers since `since` (None: it was new)."""
        return [
            tuple(r)
            for r in self._read(
                "SELECT card, sub, before_state FROM log WHERE deck=? AND time >= ? AND mode='review'",
                (deck_id, to_us(since)),
            )
        ]

    # -- card identity -------------------------------------------------------------------------

    def fingerprints(self, deck_id: str) -> dict[tuple[str, str], str]:
        return {
            (r[0], r[1]): r[2]
            for r in self._read("SELECT card, sub, text_hash FROM states WHERE deck=?", (deck_id,))
        }

    def deck_ids(self) -> list[str]:
        rows = self._read("SELECT DISTINCT deck FROM states UNION SELECT DISTINCT deck FROM log")
        return sorted(r[0] for r in rows)

    def card_ids(self, deck_id: str) -> set[str]:
        """Cards of a deck with any progress (a state or a log row)."""
        rows = self._read(
            "SELECT card FROM states WHERE deck=? UNION SELECT card FROM log WHERE deck=?",
            (deck_id, deck_id),
        )
        return {r[0] for r in rows}

    def relink(self, deck_id: str, old_id: str, new_id: str) -> tuple[int, int]:
        """Move a renamed card's states and log to its new id; returns (states, log rows) moved."""
        with self.transaction() as conn:

            def count(card_id: str, table: str) -> int:
                return int(
                    conn.execute(
                        f"SELECT COUNT(*) FROM {table} WHERE deck=? AND card=?", (deck_id, card_id)
                    ).fetchone()[0]
                )

            if count(old_id, "states") + count(old_id, "log") == 0:
                raise StoreError(
                    f"Deck '{deck_id}' has no progress for card '{old_id}' in {self.path}; "
                    "`kdquiz check --progress` lists orphaned cards.",
                    "Relink",
                )
            if count(new_id, "states") + count(new_id, "log"):
                raise StoreError(
                    f"Card '{new_id}' of deck '{deck_id}' already has progress in "
                    f"{self.path}; relinking would mix two histories.",
                    "Relink",
                )
            states = conn.execute(
                "UPDATE states SET card=? WHERE deck=? AND card=?", (new_id, deck_id, old_id)
            ).rowcount
            log = conn.execute(
                "UPDATE log SET card=? WHERE deck=? AND card=?", (new_id, deck_id, old_id)
            ).rowcount
            self._forgets += 1
        return states, log

    # -- games and preferences -----------------------------------------------------------------

    def save_game_result(self, result: GameRecord, log: Sequence[QuizAnswerRow] = ()) -> int:
        """Save a round's result row and log its answers (`log`) in one transaction: a kill or a
        full disk keeps both or neither, never answers without their round."""
        import json

        answers = [[list(key), ok] for key, ok in result.answers]
        with self.transaction() as conn:
            for key, when, correct, response_ms, given, score in log:
                self._insert_log(
                    conn, key, when, None, correct, response_ms, "quiz", given, None, None, score
                )
            cursor = conn.execute(
                "INSERT INTO games (decks, mode, player, started, finished, score, correct, total, "
                "best_streak, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _deck_set(result.deck_ids),
                    result.mode,
                    result.player,
                    to_us(result.started),
                    to_us(result.finished),
                    result.score,
                    result.correct,
                    result.total,
                    result.best_streak,
                    json.dumps(answers),
                ),
            )
            return int(cursor.lastrowid or 0)

    def personal_best(self, deck_ids: tuple[str, ...], mode: str) -> int | None:
        rows = self._read(
            "SELECT MAX(score) FROM games WHERE decks=? AND mode=?", (_deck_set(deck_ids), mode)
        )
        return rows[0][0]

    def games(self) -> list[GameRecord]:
        rows = self._read(
            "SELECT decks, mode, player, started, finished, score, correct, total, "
            "best_streak, answers FROM games ORDER BY id"
        )
        import json

        return [
            GameRecord(
                tuple(json.loads(r[0])),
                r[1],
                r[2],
                from_us(r[3]),
                from_us(r[4]),
                r[5],
                r[6],
                r[7],
                r[8],
                tuple((tuple(k), ok) for k, ok in json.loads(r[9])),
            )
            for r in rows
        ]

    def get_pref(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM settings WHERE key=?", (key,))
        return rows[0][0] if rows else default

    def set_pref(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    # -- import --------------------------------------------------------------------------------

    def import_rows(
        self, states: Iterable[tuple[Key, ItemState, str]], log: Iterable[LogEntry]
    ) -> tuple[int, int]:
        """Merge exported progress in one transaction; returns (states, log rows) taken.

        A log row already present (same item, time and mode) is skipped; an imported state replaces
        the stored one only if it was reviewed later, so importing twice changes nothing.
        """
        taken_states = taken_log = 0
        with self.transaction() as conn:
            self._forgets += 1  # no state is lost, but more may be added than `_added` holds
            for entry in log:
                exists = conn.execute(
                    "SELECT 1 FROM log WHERE deck=? AND card=? AND sub=? AND time=? AND mode=?",
                    (*entry.key, to_us(entry.time), entry.mode),
                ).fetchone()
                if not exists:
                    self._insert_log(
                        conn,
                        entry.key,
                        entry.time,
                        entry.rating,
                        entry.correct,
                        entry.response_ms,
                        entry.mode,
                        entry.answer,
                        entry.before,
                        entry.after,
                        entry.score,
                    )
                    taken_log += 1
            for key, state, fingerprint in states:
                row = conn.execute(
                    "SELECT last_review FROM states WHERE deck=? AND card=? AND sub=?", key
                ).fetchone()
                new_last = to_us(state.last_review) if state.last_review else -1
                if row is None or (row[0] if row[0] is not None else -1) < new_last:
                    conn.execute(
                        f"INSERT OR REPLACE INTO states (deck, card, sub, {_STATE_COLUMNS}, "
                        "text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*key, *_state_values(state), fingerprint),
                    )
                    taken_states += 1
        return taken_states, taken_log


def _score(value: object) -> float | None:
    """A stored score, or None when it is missing or not one kdquiz writes (0 to 1)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    return None


def _disk_full(path: Path) -> bool:
    """Whether the disk under `path` has (next to) no space left: SQLite reports a full disk
    while opening as a plain "disk I/O error" (it cannot size its shared-memory file)."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def backup_failure(path: Path, exc: BaseException) -> str:
    """The warning for a daily backup that could not be made: progress itself is unharmed."""
    text = getattr(exc, "strerror", None) or str(exc)
    if "full" in text or "No space" in text:
        fix = "free some space"
    elif isinstance(exc, (FileExistsError, NotADirectoryError)):
        fix = f"{backups.backup_dir(path)} must be a folder: move the file away"
    else:
        fix = "make the folder writable"
    return (
        f"Today's backup of your progress could not be made in {backups.backup_dir(path)} "
        f"({text}). Your progress is safe and is saved as usual; {fix}, or copy it with "
        "`kdquiz backup`."
    )


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
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
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


#: Rows a restored store may not hold, per table: each would crash a later review or statistic.
_BAD_ROWS = {
    "states": f"""state NOT IN (1, 2, 3) OR typeof(due) != 'integer'
        OR due NOT BETWEEN {{first}} AND {{last}}
        OR (last_review IS NOT NULL AND (typeof(last_review) != 'integer'
            OR last_review NOT BETWEEN {{first}} AND {{last}}))
        OR (step IS NOT NULL AND (typeof(step) != 'integer' OR step NOT BETWEEN 0 AND {MAX_STEP}))
        OR (stability IS NOT NULL AND NOT stability BETWEEN {STABILITY_RANGE[0]}
            AND {STABILITY_RANGE[1]})
        OR (difficulty IS NOT NULL AND NOT difficulty BETWEEN {DIFFICULTY_RANGE[0]}
            AND {DIFFICULTY_RANGE[1]})
        OR typeof(reps) != 'integer' OR reps NOT BETWEEN 0 AND {MAX_COUNT}
        OR typeof(lapses) != 'integer' OR lapses NOT BETWEEN 0 AND {MAX_COUNT}""",
    "log": f"""typeof(time) != 'integer' OR time NOT BETWEEN {{first}} AND {{last}}
        OR (rating IS NOT NULL AND rating NOT IN (1, 2, 3, 4))
        OR typeof(response_ms) != 'integer' OR response_ms NOT BETWEEN 0 AND {MAX_RESPONSE_MS}
        OR mode NOT IN ({", ".join(f"'{m}'" for m in LOG_MODES)})
        OR (before IS NOT NULL AND NOT json_valid(before))
        OR (after IS NOT NULL AND NOT json_valid(after))""",
    "games": """typeof(started) != 'integer' OR started NOT BETWEEN {first} AND {last}
        OR typeof(finished) != 'integer' OR finished NOT BETWEEN {first} AND {last}
        OR NOT json_valid(decks) OR NOT json_valid(answers)""",
}


def _bad_rows(version: int) -> dict[str, str]:
    """`_BAD_ROWS` for the tables and columns a store of `version` has."""
    columns = _reference_columns(version)
    found = {table: where for table, where in _BAD_ROWS.items() if table in columns}
    if "score" in columns.get("log", ()):
        found["log"] += " OR (score IS NOT NULL AND NOT score BETWEEN 0 AND 1)"
    return found


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
        conn.execute("ATTACH DATABASE ? AS source", (uri,))
        conn.execute("BEGIN")
        conn.execute("DELETE FROM main.meta")
        for table, columns in _reference_columns(version).items():
            names = ", ".join(columns)
            conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM source.{table}")
        bad = {
            table: conn.execute(
                f"SELECT COUNT(*) FROM main.{table} WHERE {where}".format(
                    first=to_us(EARLIEST), last=to_us(LATEST) - 1
                )
            ).fetchone()[0]
            for table, where in _bad_rows(version).items()
        }
        if any(bad.values()):
            raise StoreError(
                "it holds rows no kdquiz writes ("
                + ", ".join(f"{n} in {table}" for table, n in bad.items() if n)
                + "): values out of range"
            )
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
    found = _schema_of(conn)
    expected = _reference_schema(version)
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


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(kind, name) -> its SQL with white space normalised; SQLite's statistics tables aside."""
    return {
        (kind, name): " ".join((sql or "").split())
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
        )
    }


@cache
def _reference_schema(version: int) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(":memory:")
    try:
        for statement in _schema_statements(version):
            conn.execute(statement)
        return _schema_of(conn)
    finally:
        conn.close()


@cache
def _reference_columns(version: int) -> dict[str, tuple[str, ...]]:
    conn = sqlite3.connect(":memory:")
    try:
        for statement in _schema_statements(version):
            conn.execute(statement)
        tables = [name for kind, name in _reference_schema(version) if kind == "table"]
        return {
            table: tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
            for table in sorted(tables)
        }
    finally:
        conn.close()


def _difference(conn: sqlite3.Connection, kind: str, name: str, version: int) -> str:
    if kind != "table":
        return f"its {kind} '{name}' is not defined as kdquiz defines it"
    have = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))}
    want = set(_reference_columns(version).get(name, ()))
    missing = sorted(want - have)
    extra = sorted(have - want)
    if missing:
        return f"its table '{name}' lacks the column(s) {', '.join(missing)}"
    if extra:
        return f"its table '{name}' has column(s) kdquiz does not make: {', '.join(extra)}"
    return f"its table '{name}' is not defined as kdquiz defines it"


def create_empty_store(path: Path | str, created: datetime, version: int = SCHEMA_VERSION) -> None:
    """An empty kdquiz store of schema `version` at `path` (an empty or new file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("BEGIN")
        for statement in _schema_statements(version):
            conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('created', ?)", (created.isoformat(),))
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def _schema_statements(version: int) -> list[str]:
    """What builds a store of `version`: version 1, then each migration up to it, in order."""
    scripts = [_SCHEMA_V1, *(_MIGRATIONS[v] for v in range(2, version + 1))]
    return [s for script in scripts for s in _statements(script)]


def item_key(card_id: str, sub: str) -> str:
    """One string per item, cheaper to hash and compare in bulk than a tuple."""
    return f"{card_id}\x1f{sub}"


def _deck_set(deck_ids: Iterable[str]) -> str:
    import json

    return json.dumps(sorted(set(deck_ids)))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def create_v1_store(path: Path) -> sqlite3.Connection:
    """An empty version-1 store (for the migration fixture); the caller fills and closes it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _statements(_SCHEMA_V1):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    return conn
