"""One open connection to the progress store: creating, checking, migrating, closing, and the
write transaction every change goes through.

Durability: WAL with synchronous=FULL, and one `BEGIN IMMEDIATE` transaction per change that is
committed before the call returns, so an acknowledged answer survives a crash or power loss. Two
kdquiz processes may use one store at once; writers wait up to BUSY_TIMEOUT_MS for each other.

A file that is empty, not SQLite, corrupt, not kdquiz's, or written by a newer kdquiz is refused with
a StoreError naming it; the file is left untouched and the latest backup is offered.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from kdquiz.core.files import fresh_temp
from kdquiz.core.store import backups
from kdquiz.core.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    create_empty_store,
    header_problem,
    migration_steps,
    run_steps,
)
from kdquiz.core.store.values import Clock
from kdquiz.errors import StoreError

if TYPE_CHECKING:
    from kdquiz.core.scheduling import Key

BUSY_TIMEOUT_MS = 10_000
#: First states remembered by `added_since` (a session's answers; older marks recount).
ADDED_JOURNAL = 4096
#: Log rows from which an upgrade that rewrites the log is announced first (it takes seconds).
LONG_UPGRADE_ROWS = 50_000

_SERIALS = itertools.count()


class StoreConnection:
    """Open (or create) the store at `path`; raises StoreError if it cannot be used safely."""

    def __init__(
        self, path: Path, *, clock: Clock, on_upgrade: Callable[[str], None] | None = None
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self._on_upgrade = on_upgrade  # told before a long upgrade starts, to tell the learner
        self._lock = threading.RLock()
        self._serial = next(_SERIALS)  # tells this connection's tokens from another store object's
        self._forgets = 0  # states this connection deleted, moved or imported (see `known_token`)
        #: Items this connection gave their first state, newest last (see `added_since`), and how
        #: many were ever added: a short journal, so counting "learned" never rereads every state.
        self._added: deque[Key] = deque(maxlen=ADDED_JOURNAL)
        self._added_total = 0
        self._writes = 0  # transactions this connection committed (see `change_token`)
        #: Frontiers found since the last write, by deck: (content, position, the `_known_token`
        #: they were found under); written with the next write (see `QueueReads.keep_frontier`).
        self._frontiers: dict[str, tuple[str, int, tuple[int, int, int]]] = {}
        try:
            self.created = not self.path.exists() and self._create()
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise StoreError(
                f"Cannot create the progress store {self.path}: {reason}. Make the folder "
                "writable, or choose another with --data-dir or KDQUIZ_DATA_DIR."
            ) from None
        self.warnings: list[str] = []
        self._conn = self._open()

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
        # A clean close moves the write-ahead log into the file and deletes it: one left over
        # means a crash, a power cut or another kdquiz using the store right now.
        unclean = os.path.exists(f"{self.path}-wal")
        if not problem and not unclean:
            problem = truncation(self.path)
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
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # A full check reads every page (0.6 s at 100,000 cards): only after a shutdown that
            # was not clean, before an upgrade, or when asked (`kdquiz check --progress`).
            if unclean or version < SCHEMA_VERSION:
                check = _quick_check(conn)
                if check:
                    raise self._refuse(f"it is damaged (quick_check: {'; '.join(check[:3])})")
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
            copy = backups.write_copy(
                conn, backups.named_copy(self.path, f"before-v{SCHEMA_VERSION}", self.clock())
            )
        except OSError as exc:  # no upgrade without its safety copy; the store stays as it is
            raise StoreError(
                f"Cannot upgrade the progress store {self.path}: the copy made first "
                f"could not be written in {backups.backup_dir(self.path)} "
                f"({exc.strerror or exc}). Free some space, or make that a writable "
                "folder. The store was left untouched."
            ) from None
        if version < 10 and self._on_upgrade is not None:  # versions 3, 5, 10 rewrite the log
            rows = conn.execute("SELECT COUNT(*) FROM log").fetchone()[0]
            if rows >= LONG_UPGRADE_ROWS:
                self._on_upgrade(
                    f"Upgrading the progress store {self.path} to its compact format "
                    f"({rows:,} answers). This happens once and may take a minute."
                )
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]  # another may have won
            for target in range(current + 1, SCHEMA_VERSION + 1):
                run_steps(conn, migration_steps(target))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
            if current < 10:  # the old log's pages are free now: give them back to the disk
                try:
                    conn.execute("VACUUM")
                except sqlite3.Error:
                    pass  # a full disk or a reader: the store works as it is, only larger
        except (ValueError, KeyError, TypeError) as exc:  # a row no kdquiz wrote
            conn.execute("ROLLBACK")
            # The copy is the store as it stays: kept, each failed start would add one more, and
            # the refusal would offer it as the backup to restore, which fails the same way.
            copy.unlink(missing_ok=True)
            why = f"it cannot be upgraded to store version {SCHEMA_VERSION} ({exc})"
            raise self._refuse(why) from None
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def change_token(self) -> tuple[int, int, int]:
        """Equal tokens mean the store did not change in between: not through this object (a
        write counter), nor through any other connection (`PRAGMA data_version`). For caching
        what is derived from the whole store, such as the statistics."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return self._serial, int(version), self._writes

    def _known_token(self) -> tuple[int, int, int]:
        """See `QueueReads.known_token`."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return self._serial, int(version), self._forgets

    def _write_frontiers(self, conn: sqlite3.Connection) -> None:
        """Write the frontiers found since the last write, inside a write transaction: only those
        found under the token the store has now (no state lost in between, here or elsewhere)."""
        if not self._frontiers:
            return
        token = self._known_token()
        for deck_id, (content, position, found) in self._frontiers.items():
            if found == token:
                conn.execute(
                    "INSERT OR REPLACE INTO frontiers (deck, content, position) VALUES (?, ?, ?)",
                    (deck_id, content, position),
                )
        self._frontiers.clear()

    def verify(self) -> list[str]:
        """What SQLite's quick_check finds wrong with the store (nothing: an empty list)."""
        with self._lock:
            return _quick_check(self._conn)

    def close(self) -> None:
        """Close the connection, first moving the write-ahead log into the store file, so that
        after a clean exit `progress.sqlite3` alone holds every answer (even while another kdquiz
        still has it open). PASSIVE never waits: a checkpoint another reader blocks is left to
        the next close."""
        with self._lock:
            if self._frontiers:  # found since the last answer: kept for the next start
                try:
                    with self.transaction():
                        pass
                except StoreError:  # busy or read-only: the next start walks the deck again
                    pass
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
                self._write_frontiers(self._conn)
                self._conn.execute("COMMIT")
                self._writes += 1
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


def _quick_check(conn: sqlite3.Connection) -> list[str]:
    try:
        found = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError:  # busy, locked, out of memory: not damage
        raise
    except sqlite3.DatabaseError as exc:  # damage too bad even to list
        return [str(exc)]
    return [] if found == ["ok"] else found


def truncation(path: Path) -> str | None:
    """Why the file is shorter than its header says (a cut-off copy), from 100 bytes and its size;
    only meaningful with no write-ahead log beside it, which may hold the missing pages."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = os.path.getsize(path)
    except OSError:
        return None
    if len(header) < 100:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the size is kept up to date by this file's writer
    if valid and pages and size < pages * page_size:
        return f"it is damaged (cut off: {size:,} of {pages * page_size:,} bytes)"
    return None


def _disk_full(path: Path) -> bool:
    """Whether the disk under `path` has (next to) no space left: SQLite reports a full disk
    while opening as a plain "disk I/O error" (it cannot size its shared-memory file)."""
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False
