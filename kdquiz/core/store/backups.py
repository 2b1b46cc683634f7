"""Rotating copies of the progress store, made by SQLite itself (consistent even while in use).

Every copy is written to a temporary file, flushed to disk and renamed into place, so a crash never
leaves a half-written backup under a real name. Automatic copies are `progress-daily-YYYY-MM-DD.sqlite3`,
made with `VACUUM INTO` (a compact copy) on a connection of their own, off the start-up path. They
are pruned to the 7 newest days and then the newest of each older week for 4 weeks, and then, oldest
first, until together they take at most AUTO_BUDGET_FACTOR times the store's size (the newest copy
is always kept). Copies made by `kdquiz backup`, before an upgrade, an import of progress and a
restore are never deleted automatically, and never overwrite one another: two made in the same
second are `progress-manual-YYYYMMDD-HHMMSS.sqlite3` and `...-HHMMSS-2.sqlite3`.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from kdquiz.core.files import fresh_temp

BACKUP_DIR = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
#: Automatic copies together take at most this many times the store's own size...
AUTO_BUDGET_FACTOR = 4
#: ... or this much, for a small store, so that a week of copies is always kept.
AUTO_BUDGET_MIN = 64 << 20
_DAILY = re.compile(r"^progress-daily-(\d{4}-\d{2}-\d{2})\.sqlite3$")


def backup_dir(store_path: Path) -> Path:
    return store_path.parent / BACKUP_DIR


def write_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database `conn` to `dest` atomically (temporary file + fsync + rename)."""

    def copy(tmp: Path) -> None:
        target = sqlite3.connect(tmp)
        try:
            conn.backup(target)
            # A backup is a standalone file: no -wal beside it to lose when it is copied or mailed.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()

    placed = _written(dest, copy, numbered=True)
    if placed is None:  # cannot happen: a numbered copy always finds a free name
        raise FileExistsError(dest)
    return placed


def _written(dest: Path, make: Callable[[Path], None], *, numbered: bool) -> Path | None:
    """`make` writes a temporary file, which is flushed to disk and given the name `dest`, never
    over an existing file: with `numbered` the first free of `dest`, `dest-2`, `dest-3`...;
    without, nothing is placed (None) when `dest` exists."""
    tmp = fresh_temp(dest.parent, dest.name)
    try:
        make(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        placed = _place(tmp, dest, numbered=numbered)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(dest.parent)
    return placed


def numbered_name(dest: Path, number: int) -> Path:
    """`dest` itself for 1, else with `-number` before its suffix (`...-120000-2.sqlite3`)."""
    return dest if number == 1 else dest.with_name(f"{dest.stem}-{number}{dest.suffix}")


def _place(tmp: Path, dest: Path, *, numbered: bool) -> Path | None:
    """`tmp` linked under the first free name: a hard link fails rather than replace a file, so
    two kdquiz processes making a copy in the same second each keep their own."""
    for number in itertools.count(1):
        name = numbered_name(dest, number)
        try:
            os.link(tmp, name)
            return name
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: check, then rename
            if not os.path.lexists(name):
                os.replace(tmp, name)
                return name
        if not numbered:
            return None
    raise AssertionError("unreachable")  # itertools.count never ends


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open directories; rename is durable enough there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def named_copy(store_path: Path, label: str, when: datetime) -> Path:
    """Where a labelled copy (manual, pre-migration, pre-import, pre-restore) goes, when no copy
    of that label was made in the same second (else `write_copy` numbers it)."""
    return backup_dir(store_path) / f"progress-{label}-{when.strftime('%Y%m%d-%H%M%S')}.sqlite3"


def daily_copy(store_path: Path, day: date) -> Path:
    return backup_dir(store_path) / f"progress-daily-{day.isoformat()}.sqlite3"


def list_backups(store_path: Path) -> list[Path]:
    """Every backup, newest first (by modification time)."""
    found: list[tuple[float, str, Path]] = []
    try:
        for path in backup_dir(store_path).glob("progress-*.sqlite3"):
            try:
                info = path.stat()
            except OSError:  # vanished, or a dangling link: not a backup
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, path.name, path))
    except OSError:  # no folder, a file where the folder should be, or no permission to list it
        return []
    return [path for *_, path in sorted(found, reverse=True)]


def latest_backup(store_path: Path) -> Path | None:
    backups = list_backups(store_path)
    return backups[0] if backups else None


def daily_backup(store_path: Path, today: date) -> Path | None:
    """Make today's automatic copy if there is none yet, then prune; returns the new copy.

    Opens a connection of its own, so it may run in a worker thread while the store is in use:
    `VACUUM INTO` reads one consistent snapshot and never blocks a writer (WAL).
    """
    dest = daily_copy(store_path, today)
    if dest.exists():
        return None

    def vacuum_into(tmp: Path) -> None:
        tmp.unlink()  # VACUUM INTO writes a new file only
        conn = sqlite3.connect(store_path)
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.close()

    placed = _written(dest, vacuum_into, numbered=False)  # None: another kdquiz made it first
    rotate(store_path)
    return placed


def rotate(store_path: Path) -> list[Path]:
    """Delete automatic copies beyond 7 daily and 4 weekly, then beyond the size budget (oldest
    first, never the newest); returns what was deleted."""
    dated: list[tuple[date, Path]] = []
    for path in backup_dir(store_path).glob("progress-daily-*.sqlite3"):
        match = _DAILY.match(path.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:  # progress-daily-2024-13-45: not a name kdquiz gives; left alone
            continue
        dated.append((day, path))
    dated.sort(reverse=True)
    keep = [path for _, path in dated[:KEEP_DAILY]]
    weeks: set[tuple[int, int]] = set()
    for day, path in dated[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.append(path)
    budget = max(AUTO_BUDGET_MIN, AUTO_BUDGET_FACTOR * _size(store_path))
    total = sum(_size(path) for path in keep)
    while len(keep) > 1 and total > budget:
        total -= _size(keep[-1])
        keep.pop()
    removed = [path for _, path in dated if path not in keep]
    for path in removed:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # a copy that cannot be deleted is kept; the next start tries again
            continue
    return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
