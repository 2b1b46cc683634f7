"""`ProgressStore`: the one object front-ends use for progress, built from one part per concern."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kdquiz.core.store import backups
from kdquiz.core.store.card_reads import CardReads
from kdquiz.core.store.class_rounds import ClassRounds
from kdquiz.core.store.games import GameResults
from kdquiz.core.store.marks import Marks
from kdquiz.core.store.preferences import Preferences
from kdquiz.core.store.queue_reads import QueueReads
from kdquiz.core.store.stats_reads import StatsReads
from kdquiz.core.store.values import Clock


class ProgressStore(
    GameResults, QueueReads, StatsReads, Preferences, ClassRounds, Marks, CardReads
):
    """Open (or create) the store at `path`; raises StoreError if it cannot be used safely.

    `backup=True` starts today's automatic rotating backup, if there is none yet, in a worker
    thread with its own connection: opening never waits for it, and `close` does (so the copy is
    never cut off). A backup that cannot be made (a read-only or full disk, a `backups` that is a
    file) never stops kdquiz: it becomes a line in `warnings` (see `wait_for_backup`).
    `on_upgrade` is told, before an upgrade that takes a while, what is happening.
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock,
        backup: bool = True,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(path, clock=clock, on_upgrade=on_upgrade)
        self._backup: threading.Thread | None = None
        if backup and not self.created:
            self.start_daily_backup()

    def start_daily_backup(self) -> None:
        """Make today's backup in the background, unless it exists (the common case: no thread)."""
        if backups.daily_copy(self.path, self.clock().date()).exists() or self._backup:
            return
        self._backup = threading.Thread(
            target=self._daily_backup, args=(self.clock().date(),), name="kdquiz-daily-backup"
        )
        self._backup.start()

    def _daily_backup(self, today: date) -> None:
        try:
            backups.daily_backup(self.path, today)
        except (OSError, sqlite3.Error) as exc:
            self.warnings.append(backup_failure(self.path, exc))

    def wait_for_backup(self) -> list[str]:
        """Wait for today's backup, if one is being made; returns `warnings` (why it failed)."""
        if self._backup is not None:
            self._backup.join()
        return self.warnings

    def close(self) -> None:
        self.wait_for_backup()
        super().close()

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
