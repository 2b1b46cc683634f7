"""The learner's preferences kept with their progress (e.g. whether the study streak is shown)."""

from __future__ import annotations

from kdquiz.core.store.connection import StoreConnection


class Preferences(StoreConnection):
    def get_pref(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM settings WHERE key=?", (key,))
        return rows[0][0] if rows else default

    def set_pref(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))
