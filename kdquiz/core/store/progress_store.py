"""`ProgressStore`: the one object front-ends use for progress, built from one part per concern."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kdquiz.core.store import backups
from kdquiz.core.store.games import GameResults
from kdquiz.core.store.preferences import Preferences
from kdquiz.core.store.queue_reads import QueueReads
from kdquiz.core.store.values import Clock


class ProgressStore(GameResults, QueueReads, Preferences):
    """Open (or create) the store at `path`; raises StoreError if it cannot be used safely.

    `backup=True` makes today's automatic rotating backup on open (the app does; tests may not).
    A backup that cannot be made (a read-only or full disk, a `backups` that is a file) never
    stops kdquiz: it becomes a line in `warnings` for the front-end to show.
    """

    def __init__(self, path: Path, *, clock: Clock, backup: bool = True) -> None:
        super().__init__(path, clock=clock)
        if backup and not self.created:
            try:
                self.backup_daily()
            except (OSError, sqlite3.Error) as exc:
                self.warnings.append(backup_failure(self.path, exc))

    def backup_daily(self) -> Path | None:
        with self._lock:
            return backups.daily_backup(self._conn, self.path, self.clock().date())

    def backup_now(self, label: str = "manual") -> Path:
        with self._lock:
            return backups.write_copy(
                self._conn, backups.named_copy(self.path, label, self.clock())
            )


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
