"""Marks a learner puts on cards, as in Anki: suspended (left out of reviews until unsuspended),
buried until the end of a study day, and a flag colour. They steer the queue and never touch a
card's schedule, so taking one off leaves the card exactly where FSRS had put it.

A mark belongs to a card (all its items: a cloze card's gaps, a flashcard's two directions). Every
change is written to `mark_log` with the value before and after; the changes made at once (one
key, one command over many cards) share a batch number, and `undo_marks` takes a batch back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.queue_reads import IN_BATCH
from kdquiz.core.store.values import to_us
from kdquiz.errors import StoreError

#: Anki's flag colours, numbered from 1 as in Anki (0: no flag).
FLAGS = ("red", "orange", "green", "blue", "pink", "turquoise", "purple")
MARK_FIELDS = ("suspended", "buried", "flag")

CardKey = tuple[str, str]  # (deck id, card id)


class Mark(NamedTuple):
    """A card's marks; `buried` is the ordinal (`date.toordinal`) of the last study day it is
    buried for, 0 when it never was. A named tuple, like the store's other records: the class is
    built whenever the store opens."""

    suspended: bool = False
    buried: int = 0
    flag: int = 0

    def held(self, today: int) -> bool:
        """Whether the card is left out of the queue on study day `today` (an ordinal)."""
        return self.suspended or self.buried >= today

    def value(self, field: str) -> int:
        return int(getattr(self, field))


NO_MARK = Mark()


def next_flag(current: int) -> int:
    """The flag after `current` as Anki's colours go, then none again."""
    return (current + 1) % (len(FLAGS) + 1)


def check_mark(field: str, value: int) -> None:
    """Refuse a change no kdquiz makes (a typo in code, or a flag number out of range)."""
    if field not in MARK_FIELDS:
        raise ValueError(f"unknown mark {field!r}; one of {', '.join(MARK_FIELDS)}")
    if field == "flag" and not 0 <= value <= len(FLAGS):
        raise ValueError(f"flag {value} is not 0 (none) or 1-{len(FLAGS)} ({', '.join(FLAGS)})")
    if field == "suspended" and value not in (0, 1):
        raise ValueError("suspended is 0 or 1")
    if field == "buried" and value < 0:
        raise ValueError("buried is a study day's ordinal, or 0")


class Marks(StoreConnection):
    def set_marks(self, cards: Iterable[CardKey], field: str, value: int) -> int:
        """Set `field` to `value` on `cards` in one transaction; returns the batch number that
        `undo_marks` takes back (0: every card had that value already, nothing was written)."""
        check_mark(field, value)
        return self.write_marks(
            ((deck, card, field, value) for deck, card in dict.fromkeys(cards)), batch=0
        )[0]

    def import_marks(
        self, marks: Iterable[tuple[CardKey, Mark]], batch: int = 0
    ) -> tuple[int, int]:
        """Give each card exactly the marks given (an imported progress file), in one
        transaction; returns (batch, cards changed). Pass the batch to the next call, so an
        import written in several transactions is one batch that `undo_marks` takes back."""
        changes = [
            (deck, card, name, mark.value(name))
            for (deck, card), mark in marks
            for name in MARK_FIELDS
        ]
        for _, _, name, value in changes:
            check_mark(name, value)
        return self.write_marks(changes, batch=batch)

    def write_marks(
        self, changes: Iterable[tuple[str, str, str, int]], *, batch: int
    ) -> tuple[int, int]:
        """Write (deck, card, field, value) changes, each logged under `batch` (0: a new batch,
        numbered by its first change); checked by the callers. Returns (the batch, 0 if nothing
        changed; how many cards changed)."""
        when = to_us(self.clock())
        changed: set[CardKey] = set()
        with self.transaction() as conn:
            for deck, card, field, value in changes:
                row = conn.execute(
                    f"SELECT {field} FROM marks WHERE deck=? AND card=?", (deck, card)
                ).fetchone()
                before = int(row[0]) if row else 0
                if before == value:
                    continue
                changed.add((deck, card))
                conn.execute(
                    f"INSERT INTO marks (deck, card, {field}) VALUES (?, ?, ?) "
                    f"ON CONFLICT (deck, card) DO UPDATE SET {field} = excluded.{field}",
                    (deck, card, value),
                )
                _drop_if_blank(conn, deck, card)
                cursor = conn.execute(
                    "INSERT INTO mark_log (batch, time, deck, card, field, before, after) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (batch, when, deck, card, field, before, value),
                )
                if not batch:
                    batch = int(cursor.lastrowid or 0)
                    conn.execute("UPDATE mark_log SET batch=? WHERE id=?", (batch, batch))
        return batch, len(changed)

    def undo_marks(self, batch: int) -> int:
        """Put back what batch `batch` changed and forget it; returns how many changes.

        Refused, with nothing changed, if a card's mark was changed again since (by a later
        batch or another kdquiz), so an undo never throws away a newer decision.
        """
        undone = 0
        with self.transaction() as conn:
            # A thousand changes at a time (an import's batch can be huge); each one undone is
            # deleted, so the next read starts where this one ended.
            while rows := conn.execute(
                "SELECT id, deck, card, field, before, after FROM mark_log WHERE batch=? "
                "ORDER BY id DESC LIMIT 1000",
                (batch,),
            ).fetchall():
                for row_id, deck, card, field, before, after in rows:
                    check_mark(field, before)
                    now = conn.execute(
                        f"SELECT {field} FROM marks WHERE deck=? AND card=?", (deck, card)
                    ).fetchone()
                    if (int(now[0]) if now else 0) != after:
                        raise StoreError(
                            f"Cannot undo: card '{card}' of deck '{deck}' was marked again since "
                            f"(in {self.path}).",
                            "Undo",
                        )
                    conn.execute(
                        f"INSERT INTO marks (deck, card, {field}) VALUES (?, ?, ?) "
                        f"ON CONFLICT (deck, card) DO UPDATE SET {field} = excluded.{field}",
                        (deck, card, before),
                    )
                    _drop_if_blank(conn, deck, card)
                    conn.execute("DELETE FROM mark_log WHERE id=?", (row_id,))
                undone += len(rows)
        return undone

    def last_mark_batch(self) -> int:
        """The newest batch of mark changes still recorded (0: none)."""
        return int(self._read("SELECT COALESCE(MAX(batch), 0) FROM mark_log")[0][0])

    def batch_size(self, batch: int) -> int:
        """How many changes batch `batch` made."""
        return int(self._read("SELECT COUNT(*) FROM mark_log WHERE batch=?", (batch,))[0][0])

    def mark_changes(self, limit: int = 100) -> list[tuple[int, int, str, str, str, int, int]]:
        """The newest changes, newest first: (batch, time µs, deck, card, field, before, after)."""
        return [
            tuple(row)
            for row in self._read(
                "SELECT batch, time, deck, card, field, before, after FROM mark_log "
                "ORDER BY id DESC LIMIT ?",
                (limit,),
            )
        ]

    def marks(self, deck_id: str | None = None) -> dict[CardKey, Mark]:
        """Every marked card (of one deck, or of all)."""
        sql = "SELECT deck, card, suspended, buried, flag FROM marks"
        rows = self._read(sql + " WHERE deck=?", (deck_id,)) if deck_id else self._read(sql)
        return {(r[0], r[1]): Mark(bool(r[2]), int(r[3]), int(r[4])) for r in rows}

    def marks_of(self, cards: Sequence[CardKey]) -> dict[CardKey, Mark]:
        """The marks of these cards (unmarked ones left out), by indexed lookups."""
        found: dict[CardKey, Mark] = {}
        by_deck: dict[str, list[str]] = {}
        for deck, card in cards:
            by_deck.setdefault(deck, []).append(card)
        with self._lock:
            for deck, ids in by_deck.items():
                for start in range(0, len(ids), IN_BATCH):
                    part = ids[start : start + IN_BATCH]
                    for card, suspended, buried, flag in self._conn.execute(
                        "SELECT card, suspended, buried, flag FROM marks WHERE deck=? AND card IN "
                        f"({','.join('?' * len(part))})",
                        (deck, *part),
                    ):
                        found[deck, card] = Mark(bool(suspended), int(buried), int(flag))
        return found

    def held_cards(self, deck_id: str, today: int) -> set[str]:
        """Cards of the deck left out of the queue on study day `today`: suspended or buried."""
        return {
            row[0]
            for row in self._read(
                "SELECT card FROM marks WHERE deck=? AND (suspended=1 OR buried>=?)",
                (deck_id, today),
            )
        }


def _drop_if_blank(conn: sqlite3.Connection, deck: str, card: str) -> None:
    """A card with no mark left has no row: the table holds only marked cards."""
    conn.execute(
        "DELETE FROM marks WHERE deck=? AND card=? AND suspended=0 AND buried=0 AND flag=0",
        (deck, card),
    )
