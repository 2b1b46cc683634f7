"""What the card browser reads: each card's progress summed over its items, one grouped query per
deck (or per batch of cards), so a search never reads a state per row in Python."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.log_quarters import time_range
from kdquiz.core.store.queue_reads import IN_BATCH
from kdquiz.core.store.values import to_us

_DAY_US = 86_400_000_000
#: Each card's progress from its items' states: learning if any item is learning, else
#: relearning if any is, else review; the soonest due; the longest interval in whole days; reps
#: and lapses summed.
_PROGRESS = (
    "SELECT card, CASE WHEN MAX(state = 1) THEN 1 WHEN MAX(state = 3) THEN 3 ELSE 2 END, "
    "MIN(due), "
    f"MAX(CASE WHEN last_review IS NULL THEN 0 ELSE due - last_review END) / {_DAY_US}, "
    "SUM(reps), SUM(lapses) FROM states WHERE deck=?"
)


class CardProgress(NamedTuple):
    """A card's progress: `state` 1 learning, 3 relearning (a lapsed review), 2 review; `due`
    (µs) the soonest of its items; `interval_days` the longest gap scheduled; reps and lapses
    summed over its items. A named tuple: built once per studied card of a searched deck, it
    must be cheap."""

    state: int
    due: int
    interval_days: int
    reps: int
    lapses: int


class CardReads(StoreConnection):
    def card_progress(
        self,
        deck_id: str,
        card_ids: Sequence[str] | None = None,
        *,
        having: tuple[str, tuple[int, ...]] | None = None,
    ) -> dict[str, CardProgress]:
        """The cards of the deck with a state, by card id: every one, or only of `card_ids`
        (indexed lookups, in batches); `having` (SQL written by kdquiz over the grouped states,
        and its numbers) keeps only the cards it holds for."""
        if card_ids is None:
            condition, numbers = having or ("1", ())
            rows = self._read(f"{_PROGRESS} GROUP BY card HAVING {condition}", (deck_id, *numbers))
        else:
            rows = []
            with self._lock:
                for start in range(0, len(card_ids), IN_BATCH):
                    part = card_ids[start : start + IN_BATCH]
                    rows += self._conn.execute(
                        f"{_PROGRESS} AND card IN ({','.join('?' * len(part))}) GROUP BY card",
                        (deck_id, *part),
                    ).fetchall()
        return {r[0]: CardProgress(r[1], r[2], r[3] or 0, r[4], r[5]) for r in rows}

    def forgotten_since(self, since: datetime) -> list[tuple[str, str, str]]:
        """Items answered Again in a review since `since` (custom study: forgotten cards), oldest
        lapse first, each once."""
        when, params = time_range("l.", to_us(since), None)
        rows = self._read(
            # CROSS JOIN: the recent rows by log id first, never the whole log
            "SELECT i.deck, i.card, i.sub, MIN(l.time) FROM log l CROSS JOIN items i "
            f"ON i.id = l.item WHERE {when} AND l.mode=0 AND l.rating=1 "
            "GROUP BY i.deck, i.card, i.sub ORDER BY 4",
            params,
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def answered_cards(
        self, deck_id: str, since: int, *, rating: int = 0, first: bool = False
    ) -> set[str]:
        """Cards of the deck answered in a review (or imported history) since `since` (µs),
        with `rating` if given; with `first`, only those whose first such answer is that recent
        (the searches rated:N and introduced:N)."""
        if first:
            rows = self._read(
                "SELECT i.card FROM items i JOIN log l ON l.item = i.id "
                "WHERE i.deck=? AND l.mode IN (0, 3) GROUP BY i.card HAVING MIN(l.time) >= ?",
                (deck_id, since),
            )
        else:
            when, params = time_range("l.", since, None)
            rows = self._read(
                # CROSS JOIN: the recent rows by log id first, never the whole log
                "SELECT DISTINCT i.card FROM log l CROSS JOIN items i ON i.id = l.item "
                f"WHERE {when} AND l.mode IN (0, 3) AND i.deck=?"
                + (" AND l.rating=?" if rating else ""),
                (*params, deck_id, *((rating,) if rating else ())),
            )
        return {row[0] for row in rows}
