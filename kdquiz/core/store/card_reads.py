"""What the card browser reads: each card's progress summed over its items, one grouped query per
deck (indexed by the states' primary key), so a search never reads a state per row in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.values import to_us

_DAY_US = 86_400_000_000


@dataclass(frozen=True)
class CardProgress:
    """A card's progress: `state` 1 learning (or relearning), 2 review; `due` (µs) the soonest of
    its items; `interval_days` the longest gap scheduled; reps and lapses summed over its items."""

    state: int
    due: int
    interval_days: int
    reps: int
    lapses: int


class CardReads(StoreConnection):
    def card_progress(self, deck_id: str) -> dict[str, CardProgress]:
        """Every card of the deck with a state, by card id."""
        rows = self._read(
            "SELECT card, MAX(state IN (1, 3)), MIN(due), "
            "MAX(CASE WHEN last_review IS NULL THEN 0 ELSE due - last_review END), "
            "SUM(reps), SUM(lapses) FROM states WHERE deck=? GROUP BY card",
            (deck_id,),
        )
        return {
            r[0]: CardProgress(1 if r[1] else 2, int(r[2]), int(r[3] or 0) // _DAY_US, r[4], r[5])
            for r in rows
        }

    def forgotten_since(self, since: datetime) -> list[tuple[str, str, str]]:
        """Items answered Again in a review since `since` (custom study: forgotten cards), oldest
        lapse first, each once."""
        rows = self._read(
            # CROSS JOIN: the recent rows from the time index first, never the whole log
            "SELECT i.deck, i.card, i.sub, MIN(l.time) FROM log l CROSS JOIN items i "
            "ON i.id = l.item WHERE l.time >= ? AND l.mode=0 AND l.rating=1 "
            "GROUP BY i.deck, i.card, i.sub ORDER BY 4",
            (to_us(since),),
        )
        return [(r[0], r[1], r[2]) for r in rows]
