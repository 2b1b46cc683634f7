"""Item states and the review log: answering, undoing, reading history, moving and importing it.

Every answer re-reads the item's current state inside its write transaction and computes the new
state from it, so two kdquiz processes answering at once never overwrite each other (no lost update).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from kdquiz.core.store import compact_log
from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.records import LogEntry, Reviewed
from kdquiz.core.store.values import (
    STATE_COLUMNS,
    state_from_row,
    state_values,
    to_us,
)
from kdquiz.errors import StoreError

if TYPE_CHECKING:
    from kdquiz.core.scheduling import ItemState, Key


#: What an answer reads in its transaction, in one statement: the item's state (None columns if
#: it has none), its number (None if it has none yet) and its latest scheduled log row (the time
#: and state after, None if none), which replay gives as the state before this answer.
_ANSWER_READ = (
    f"SELECT {', '.join('s.' + c for c in STATE_COLUMNS.split(', '))}, i.id, l.time, "
    f"{', '.join('l.' + c for c in compact_log.AFTER_COLUMNS.split(', '))} "
    "FROM (SELECT ? AS deck, ? AS card, ? AS sub) AS k "
    "LEFT JOIN states s ON s.deck = k.deck AND s.card = k.card AND s.sub = k.sub "
    "LEFT JOIN items i ON i.deck = k.deck AND i.card = k.card AND i.sub = k.sub "
    "LEFT JOIN log l ON l.id = (SELECT id FROM log WHERE item = i.id AND state IS NOT NULL "
    "ORDER BY id DESC LIMIT 1)"
)

#: Items with at least one log row (a number outlives its rows when they are undone).
_LOGGED = "items WHERE EXISTS (SELECT 1 FROM log WHERE log.item = items.id)"


class StatesAndLog(StoreConnection):
    def get_state(self, key: Key) -> ItemState | None:
        rows = self._read(
            f"SELECT {STATE_COLUMNS} FROM states WHERE deck=? AND card=? AND sub=?", key
        )
        return state_from_row(rows[0]) if rows else None

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
                found = conn.execute(_ANSWER_READ, key).fetchone()
                row = found if found[0] is not None else None
                before = state_from_row(row) if row else None
                after = compute(before)
                conn.execute(
                    f"INSERT OR REPLACE INTO states (deck, card, sub, {STATE_COLUMNS}, text_hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*key, *state_values(after), card_hash),
                )
                item = found[8] if found[8] is not None else compact_log.item_id(conn, key)
                entry = LogEntry(
                    0,
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
                # What replay gives as the state before: the latest scheduled row's state after
                # (built only when it is not `before`, as in a store used by kdquiz alone).
                replayed = None
                if found[9] is not None:
                    time_us, columns = found[9], tuple(found[10:])
                    replayed = (
                        before
                        if compact_log.replays(before, time_us, columns)
                        else compact_log.replayed_after(time_us, columns)
                    )
                log_id = compact_log.insert(conn, item, entry, replayed)
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
        item = compact_log.item_id(conn, key)
        entry = LogEntry(
            0, key, when, rating, correct, response_ms, mode, answer, before, after, score
        )
        replayed = compact_log.previous_after(conn, item) if after is not None else None
        return compact_log.insert(conn, item, entry, replayed)

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
                    f"SELECT {STATE_COLUMNS} FROM states WHERE deck=? AND card=? AND sub=?", key
                ).fetchone()
                if row is None or state_from_row(row) != after:
                    raise StoreError(
                        f"Cannot undo: card '{key[1]}' was answered again elsewhere "
                        f"since (in {self.path}).",
                        "Undo",
                    )
                if before is None:
                    conn.execute("DELETE FROM states WHERE deck=? AND card=? AND sub=?", key)
                    conn.execute("DELETE FROM frontiers WHERE deck=?", (key[0],))
                    self._forgets += 1
                else:
                    conn.execute(
                        f"UPDATE states SET ({STATE_COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?) "
                        "WHERE deck=? AND card=? AND sub=?",
                        (*state_values(before), *key),
                    )
            conn.execute("DELETE FROM log WHERE id=?", (log_id,))
            conn.execute("DELETE FROM log_exact WHERE id=?", (log_id,))

    def log_entries(self, key: Key | None = None) -> list[LogEntry]:
        """The review log in the order answers were committed (one item's, or all)."""
        sql = f"SELECT {compact_log.READ_COLUMNS} FROM {compact_log.READ_FROM}"
        if key:
            sql += " WHERE i.deck=? AND i.card=? AND i.sub=?"
        return list(compact_log.entries(self._read(sql + " ORDER BY l.id", key or ())))

    def states(self) -> list[tuple[Key, ItemState, str]]:
        """Every stored state with its text fingerprint, for export."""
        rows = self._read(
            f"SELECT deck, card, sub, {STATE_COLUMNS}, text_hash FROM states "
            "ORDER BY deck, card, sub"
        )
        return [((r[0], r[1], r[2]), state_from_row(r[3:11]), r[11]) for r in rows]

    def recent_correct(self, limit: int = 200) -> list[tuple[Key, int]]:
        """Response times of the learner's latest right answers, to learn their own pace."""
        rows = self._read(
            "SELECT i.deck, i.card, i.sub, l.response_ms FROM log l JOIN items i ON i.id = l.item "
            "WHERE l.correct=1 ORDER BY l.id DESC LIMIT ?",
            (limit,),
        )
        return [((r[0], r[1], r[2]), r[3]) for r in rows]

    # -- card identity -------------------------------------------------------------------------

    def fingerprints(self, deck_id: str) -> dict[tuple[str, str], str]:
        return {
            (r[0], r[1]): r[2]
            for r in self._read("SELECT card, sub, text_hash FROM states WHERE deck=?", (deck_id,))
        }

    def deck_ids(self) -> list[str]:
        rows = self._read(f"SELECT DISTINCT deck FROM states UNION SELECT deck FROM {_LOGGED}")
        return sorted(r[0] for r in rows)

    def card_ids(self, deck_id: str) -> set[str]:
        """Cards of a deck with any progress (a state or a log row)."""
        rows = self._read(
            f"SELECT card FROM states WHERE deck=? UNION SELECT card FROM {_LOGGED} AND deck=?",
            (deck_id, deck_id),
        )
        return {r[0] for r in rows}

    def relink(self, deck_id: str, old_id: str, new_id: str) -> tuple[int, int]:
        """Move a renamed card's states and log to its new id; returns (states, log rows) moved."""
        with self.transaction() as conn:

            def count(card_id: str, table: str) -> int:
                if table == "log":
                    sql = "SELECT COUNT(*) FROM log l JOIN items i ON i.id = l.item WHERE "
                    sql += "i.deck=? AND i.card=?"
                else:
                    sql = "SELECT COUNT(*) FROM states WHERE deck=? AND card=?"
                return int(conn.execute(sql, (deck_id, card_id)).fetchone()[0])

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
            log = count(old_id, "log")
            # Numbers the new id was given by rows since undone stand in the way of the move.
            conn.execute("DELETE FROM items WHERE deck=? AND card=?", (deck_id, new_id))
            conn.execute(
                "UPDATE items SET card=? WHERE deck=? AND card=?", (new_id, deck_id, old_id)
            )
            conn.execute("DELETE FROM frontiers WHERE deck=?", (deck_id,))
            self._forgets += 1
        return states, log

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
                    "SELECT 1 FROM log l JOIN items i ON i.id = l.item WHERE i.deck=? AND i.card=? "
                    "AND i.sub=? AND l.time=? AND l.mode=?",
                    (*entry.key, to_us(entry.time), compact_log.mode_code(entry.mode)),
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
                        f"INSERT OR REPLACE INTO states (deck, card, sub, {STATE_COLUMNS}, "
                        "text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*key, *state_values(state), fingerprint),
                    )
                    taken_states += 1
        return taken_states, taken_log
