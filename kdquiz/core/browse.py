"""What the card browser does, without Textual: search, sort, mark, undo, and a card's history.

The browser screen gets one `CardBrowser` and shows what it returns; the rules (what a search
means, what a toggle sets, which batch an undo takes back) live here and are tested here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from kdquiz.core.card_query import parse
from kdquiz.core.card_search import CardRow, rows_of, search, sort_rows
from kdquiz.core.queue import study_date
from kdquiz.core.store.marks import next_flag
from kdquiz.core.wording import mark_told

if TYPE_CHECKING:
    from kdquiz.core.model import Deck
    from kdquiz.core.settings import Settings
    from kdquiz.core.stats import CardHistory
    from kdquiz.core.store import ProgressStore


def bury(
    store: ProgressStore, keys: Sequence[tuple[str, str]], settings: Settings, now: datetime
) -> int:
    """Bury the cards until their deck's next study day (each deck's own rollover hour, as a
    review buries); one batch for `undo_marks`, 0 when all were buried already."""
    from kdquiz.core.store.marks import check_mark

    days: dict[str, int] = {}
    for deck, _ in keys:
        if deck not in days:
            rollover = settings.for_deck(deck).rollover_hour
            days[deck] = study_date(now, settings.zone(), rollover).toordinal()
            check_mark("buried", days[deck])
    changes = ((deck, card, "buried", days[deck]) for deck, card in dict.fromkeys(keys))
    return store.write_marks(changes, batch=0)[0]


@dataclass
class CardBrowser:
    """`decks` gives the decks as they are now (an edit reloads one)."""

    store: ProgressStore
    decks: Callable[[], Sequence[Deck]]
    settings: Settings
    clock: Callable[[], datetime]
    sort: str = "deck"
    #: Batches of mark changes made here, newest last: what `undo` takes back.
    undo_stack: list[int] = field(default_factory=list)

    def find(self, text: str) -> list[CardRow]:
        """The cards matching `text`, sorted by `sort`; QueryError for a search it cannot read."""
        query = parse(text)
        rows = search(self.store, self.decks(), query, now=self.clock(), settings=self.settings)
        found = list(rows)
        return found if self.sort == "deck" else sort_rows(found, self.sort)

    def sorted(self, rows: list[CardRow], column: str) -> list[CardRow]:
        """Sort by `column`; the same column again reverses the order (as a header click does)."""
        self.sort = f"-{column}" if self.sort == column else column
        return sort_rows(rows, self.sort)

    def toggle_suspended(self, rows: Sequence[CardRow]) -> str:
        """Suspend the cards, or unsuspend them when all are suspended; says what was done."""
        on = not all(row.suspended for row in rows)
        self._mark(rows, "suspended", int(on))
        return "Suspended" if on else "Unsuspended"

    def toggle_buried(self, rows: Sequence[CardRow]) -> str:
        """Bury the cards until tomorrow, or unbury them when all are buried."""
        on = not all(row.buried for row in rows)
        if on:
            batch = bury(self.store, [row.key for row in rows], self.settings, self.clock())
            if batch:
                self.undo_stack.append(batch)
        else:
            self._mark(rows, "buried", 0)
        return "Buried until tomorrow" if on else "Unburied"

    def next_flag(self, rows: Sequence[CardRow]) -> str:
        """The first card's next flag colour (then none), for all of them."""
        flag = next_flag(rows[0].flag) if rows else 0
        self._mark(rows, "flag", flag)
        return mark_told("flag", flag)

    def _mark(self, rows: Sequence[CardRow], field_name: str, value: int) -> None:
        batch = self.store.set_marks([row.key for row in rows], field_name, value)
        if batch:
            self.undo_stack.append(batch)

    def undo(self) -> bool:
        """Take back the newest change made here; False when there is none."""
        if not self.undo_stack:
            return False
        self.store.undo_marks(self.undo_stack.pop())
        return True

    def history(self, row: CardRow) -> CardHistory:
        """The card's answers (its first item's, as the review screen shows one item)."""
        from kdquiz.core.stats import card_history

        deck = next((d for d in self.decks() if d.id == row.deck_id), None)
        card = deck.card(row.card_id) if deck else None
        sub = card.subkeys()[0] if card is not None else ""
        return card_history(
            self.store,
            (row.deck_id, row.card_id, sub),
            self.clock(),
            parameters=self.settings.parameters,
        )

    def refreshed(self, rows: Sequence[CardRow]) -> dict[tuple[str, str], CardRow]:
        """These cards as they are now (after a mark or an edit), by key; gone ones left out."""
        keys = [row.key for row in rows]
        return rows_of(self.store, self.decks(), keys, now=self.clock(), settings=self.settings)
