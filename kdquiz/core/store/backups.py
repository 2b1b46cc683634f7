"""Rotating copies of the progress store, made with SQLite's backup API (consistent even while in use).

Every copy is written to a temporary file, flushed to disk and renamed into place, so a crash never
leaves a half-written backup under a real name. Automatic copies are `progress-daily-YYYY-MM-DD.sqlite3`
(7 newest days kept, then the newest of each older week for 4 weeks); copies made by `kdquiz backup`,
before a migration and before a restore are never deleted automatically.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path

from kdquiz.core.files import fresh_temp

BACKUP_DIR = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_DAILY = re.compile(r"^progress-daily-(\d{4}-\d{2}-\d{2})\.sqlite3$")


def backup_dir(store_path: Path) -> Path:
    return store_path.parent / BACKUP_DIR


def write_copy(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the open database `conn` to `dest` atomically (temporary file + fsync + rename)."""
    tmp = fresh_temp(dest.parent, dest.name)
    try:
        target = sqlite3.connect(tmp)
        try:
            conn.backup(target)
            # A backup is a standalone file: no -wal beside it to lose when it is copied or mailed.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(dest.parent)
    return dest


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
    """Where a labelled copy (manual, pre-migration, pre-restore) goes."""
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


def daily_backup(conn: sqlite3.Connection, store_path: Path, today: date) -> Path | None:
    """Make today's automatic copy if there is none yet, then rotate; returns the new copy."""
    dest = daily_copy(store_path, today)
    if dest.exists():
        return None
    write_copy(conn, dest)
    rotate(store_path)
    return dest


def rotate(store_path: Path) -> list[Path]:
    """Delete automatic copies beyond 7 daily and 4 weekly; returns what was deleted."""
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
    keep = {path for _, path in dated[:KEEP_DAILY]}
    weeks: set[tuple[int, int]] = set()
    for day, path in dated[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(path)
    removed = [path for _, path in dated if path not in keep]
    for path in removed:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # a copy that cannot be deleted is kept; the next start tries again
            continue
    return removed
