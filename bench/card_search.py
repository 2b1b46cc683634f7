"""Budget 10: finding cards (`kdquiz cards`, the browser) and today's queue with marked cards.

Search: each query over 1,000 / 10,000 / 100,000 cards (80% studied, ten log rows a card), the
deck's cards already read (the catalog's work, measured in budget 3). The baseline is the least a
text search must do: reading every card's text once. Budget: under 1 s at 100,000 cards for every
query, rows built for every card found.

Marks: `build_queue` again with 1% of the cards suspended and 1% buried, against the same build
with no marks (the held cards are one indexed query a deck). Budget: at most 1.5x.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from bench.common import BenchConfig, median_seconds
from bench.report import Table, absolute_row, info_row, ratio_row
from bench.synth import NOW, collection
from bench.today_queue import loaded
from kdquiz.core.card_query import Query, parse
from kdquiz.core.card_search import search
from kdquiz.core.queue import build_queue, study_date
from kdquiz.core.settings import Settings
from kdquiz.core.store import ProgressStore, store_path

LIMIT_MS = 1000.0
MARKS_RATIO = 1.5
QUERIES = ("", "synthetic", "tag:synthetic", "is:due", "lapses>2", "flag:1", "-is:new kind:mcq")


def _open(data: Path) -> ProgressStore:
    return ProgressStore(store_path(data), clock=lambda: NOW, backup=False)


def run(config: BenchConfig) -> Table:
    sizes = config.pick((100, 1_000), (1_000, 10_000), (1_000, 10_000, 100_000))
    table = Table(11, "card search (kdquiz cards, the browser) and the queue with marked cards")
    for cards in sizes:
        _measure(table, collection(config.workdir, cards), cards == sizes[-1], config)
    table.notes.append(
        "marks: every 100th card suspended, every 100th buried today, every 100th flagged red"
    )
    return table


def _measure(table: Table, data: Path, budgeted: bool, config: BenchConfig) -> None:
    settings = Settings()
    repeats = max(3, config.repeats)
    decks = loaded(data)
    deck = decks[0]
    label = f"{len(deck.cards):,} cards"
    store = _open(data)
    try:
        base = median_seconds(lambda: sum(len(c.searchable_text()) for c in deck.cards), repeats)
        unmarked = median_seconds(lambda: build_queue(store, decks, settings, NOW, UTC), repeats)
        ids = [card.id for card in deck.cards]
        today = study_date(NOW, UTC, settings.defaults.rollover_hour).toordinal()
        store.set_marks([(deck.id, i) for i in ids[::100]], "suspended", 1)
        store.set_marks([(deck.id, i) for i in ids[50::100]], "buried", today)
        store.set_marks([(deck.id, i) for i in ids[25::100]], "flag", 1)
        for text in QUERIES:
            query = parse(text)

            def find(query: Query = query) -> int:
                return len(list(search(store, decks, query, now=NOW, settings=settings, tz=UTC)))

            found = find()
            seconds = median_seconds(find, repeats)
            name = f"search {text or '(all)'!r}, {label}, {found:,} found"
            row = (
                absolute_row(name, seconds * 1000, "ms", LIMIT_MS, base * 1000, "read texts")
                if budgeted
                else info_row(name, seconds * 1000, "ms", base * 1000, "read texts")
            )
            table.rows.append(row)
        marked = median_seconds(lambda: build_queue(store, decks, settings, NOW, UTC), repeats)
        table.rows.append(
            ratio_row(
                f"build_queue again, 2% held, {label}",
                marked * 1000,
                unmarked * 1000,
                "ms",
                MARKS_RATIO,
                "no marks",
            )
        )
        while batch := store.last_mark_batch():  # the collection is shared with other budgets
            store.undo_marks(batch)
    finally:
        store.close()
