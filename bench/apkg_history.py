"""Budget 13: a learner's Anki review log brought in with the package (`kdquiz import deck.apkg
--with-history`).

A synthetic deck is written as an .apkg (kdquiz's own export), and ten review-log rows per Anki
card are put into its collection, as Anki keeps them. Measured: reading the package's notes and
review log and replaying every item's reviews through FSRS into an empty store. The baseline is
`kdquiz import-history` of the same rows as an Anki revlog CSV, which files them as history
without scheduling anything. Budget: at most 3x the baseline (each review is also replayed
through FSRS and stored with its states). Peak memory of the import is shown beside it.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

from bench.common import BenchConfig, median_seconds
from bench.report import Table, info_row, ratio_row
from bench.synth import NOW, deck_mapping, empty_store
from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck_text
from kdquiz.core.history_import import import_history, import_replayed
from kdquiz.core.interchange.apkg import export_apkg
from kdquiz.core.interchange.apkg_read import read_apkg
from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings

IMPORT_RATIO = 3.0
REVIEWS_PER_CARD = 10
_DAY_MS = 86_400_000


def _package(folder: Path, notes: int) -> tuple[Path, Path]:
    """The package with its review log, and the same log as a CSV file."""
    deck = load_deck_text(dump_deck(deck_mapping(notes, "anki-bench")), "bench.yaml")
    plain = folder / f"plain-{notes}.apkg"
    export_apkg(deck, plain, timestamp=NOW.timestamp())
    db = folder / f"collection-{notes}.anki2"
    with zipfile.ZipFile(plain) as archive:
        db.write_bytes(archive.read("collection.anki2"))
    rng = random.Random(notes)
    start_ms = int((NOW - timedelta(days=400)).timestamp() * 1000)
    conn = sqlite3.connect(db)
    card_ids = [cid for (cid,) in conn.execute("SELECT id FROM cards")]
    rows = [
        (
            start_ms + n * 37 * _DAY_MS + i,
            cid,
            rng.choice((1, 3, 3, 3, 4)),
            rng.randint(2000, 20000),
        )
        for i, cid in enumerate(card_ids)
        for n in range(REVIEWS_PER_CARD)
    ]
    conn.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
        "VALUES (?, ?, -1, ?, 0, 0, 0, ?, 1)",
        rows,
    )
    conn.commit()
    conn.close()
    package = folder / f"history-{notes}.apkg"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(db, "collection.anki2")
        archive.writestr("media", "{}")
    csv = folder / f"revlog-{notes}.csv"
    csv.write_text(
        "id,cid,usn,ease,ivl,lastIvl,factor,time,type\n"
        + "".join(f"{r[0]},{r[1]},-1,{r[2]},0,0,0,{r[3]},1\n" for r in rows),
        encoding="utf-8",
    )
    return package, csv


def _with_history(folder: Path, package: Path) -> int:
    result = read_apkg(package, Path(tempfile.mkdtemp(dir=folder)), with_history=True)
    assert result.history is not None
    store = empty_store(folder)
    scheduler = DeckScheduler(DeckSettings(), fuzz=True)
    merged = import_replayed(
        store,
        ((("anki-bench", card, sub), review) for card, sub, review in result.history.reviews),
        scheduler,
        {},
        now=store.clock(),
    )
    store.close()
    return merged.added


def _history_file(folder: Path, csv: Path) -> int:
    store = empty_store(folder)
    added = import_history(store, csv, "anki-bench")
    store.close()
    return added


def run(config: BenchConfig) -> Table:
    sizes = config.pick((50,), (1_000,), (1_000, 10_000))
    table = Table(13, "an Anki package's review log (import --with-history)")
    folder = config.folder("apkg_history")
    repeats = max(3, config.repeats)
    for notes in sizes:
        package, csv = _package(folder, notes)
        reviews = _with_history(folder, package)
        assert reviews == _history_file(folder, csv), "both sides import every row"
        empty = median_seconds(lambda: empty_store(folder).close(), repeats)
        seconds = median_seconds(lambda p=package: _with_history(folder, p), repeats) - empty
        base = median_seconds(lambda c=csv: _history_file(folder, c), repeats) - empty
        label = f"{reviews:,} reviews of {notes:,} notes"
        table.rows.append(
            ratio_row(
                f"import --with-history, {label}",
                seconds * 1000,
                base * 1000,
                "ms",
                IMPORT_RATIO,
                "import-history (no replay)",
            )
        )
        tracemalloc.start()
        _with_history(folder, package)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        table.rows.append(info_row(f"peak Python memory, {label}", peak / 2**20, "MB"))
    table.notes.append("an empty store's creation is measured alone and taken off both sides")
    return table
