"""What the daily queue reads: indexed queries over the states table, no JSON parsed, and the
tokens that tell a cached "these items have states" is still true."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.log_quarters import time_range
from kdquiz.core.store.values import from_us, to_us

if TYPE_CHECKING:
    from kdquiz.core.scheduling import Key

#: Bound parameters per `IN (...)` list: SQLite before 3.32 allows at most 999 in one statement.
IN_BATCH = 900
#: An item's key (`item_key`) and the separator of keys in one group_concat, as SQL literals:
#: SQLite calls char(31) or reads a bound separator once per row (~40% of reading a deck's keys).
_KEY_SQL = "card || '\x1f' || sub"
_KEYS_SEP = "'\x1e'"


class QueueReads(StoreConnection):
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
        return self._known_token()

    def saved_frontier(self, deck_id: str, content: str) -> int | None:
        """A position n such that every item of the first n cards of the deck with this content
        had a state when it was written, and none has lost it since (whatever takes a state
        away deletes the deck's row in the same transaction); None if there is none."""
        row = self._read(
            "SELECT position FROM frontiers WHERE deck=? AND content=?", (deck_id, content)
        )
        return int(row[0][0]) if row and isinstance(row[0][0], int) and row[0][0] >= 0 else None

    def keep_frontier(
        self, deck_id: str, content: str, position: int, token: tuple[int, int, int]
    ) -> None:
        """Remember that every item of the first `position` cards of the deck with this content
        had a state under `token` (`known_token`): written with the next write (an answer, or on
        closing), and only if no state was lost in between."""
        with self._lock:
            self._frontiers[deck_id] = (content, position, token)

    def due_reviews(
        self,
        deck_id: str,
        before: datetime,
        now: datetime,
        limit: int,
        held_day: int | None = None,
    ) -> list[tuple[str, str, float]]:
        """Review-state items due before `before`, lowest retrievability (most overdue) first.

        FSRS retrievability falls as (time since last review) / stability grows, so ordering by
        that ratio (returned third, for merging decks) needs no power function in SQL. With
        `held_day` (a study day's ordinal) cards suspended or buried on that day are left out
        in SQL, so the limit counts only cards that can be shown.
        """
        held = ""
        params: tuple[object, ...] = (float(to_us(now)), deck_id, to_us(before))
        if held_day is not None:
            held = (
                " AND card NOT IN (SELECT card FROM marks WHERE deck=? "
                "AND (suspended=1 OR buried>=?))"
            )
            params += (deck_id, held_day)
        rows = self._read(
            "SELECT card, sub, (? - last_review) / stability AS overdue FROM states "
            f"WHERE deck=? AND due < ? AND state=2{held} ORDER BY overdue DESC, due LIMIT ?",
            (*params, limit),
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
        when, params = time_range("l.", to_us(since), None)
        return [
            tuple(r)
            for r in self._read(
                # CROSS JOIN: today's rows by log id first, never the deck's whole log
                "SELECT i.card, i.sub, l.before_state FROM log l CROSS JOIN items i "
                f"ON i.id = l.item WHERE i.deck=? AND {when} AND l.mode=0",
                (deck_id, *params),
            )
        ]
