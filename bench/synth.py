"""Synthetic decks, progress stores and documents of any size, built fast and deterministically.

Decks mix every card kind the way the shipped decks do, so parse and validation costs are typical.
Stores are filled with executemany straight into the store's own schema (created by ProgressStore,
so the tables are exactly the real ones); per card there are ten review-log rows.
"""

from __future__ import annotations

import csv
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import shared_dir
from kdquiz.core.deck_writer import dump_deck

if TYPE_CHECKING:
    from kdquiz.core.store import ProgressStore

WORDS = (
    "drama",
    "writer",
    "director",
    "episode",
    "studio",
    "Seoul",
    "script",
    "casting",
    "season",
    "budget",
    "ending",
    "actor",
    "camera",
    "series",
    "network",
    "ratings",
    "scene",
    "set",
    "producer",
    "music",
    "festival",
    "audience",
    "streaming",
    "remake",
    "webtoon",
    "premiere",
)
KINDS = ("flashcard", "cloze", "mcq", "truefalse", "typed", "numeric", "multi", "order")


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _card(i: int, rng: random.Random) -> dict[str, Any]:
    kind = KINDS[i % len(KINDS)]
    card: dict[str, Any] = {"id": f"c{i:06d}", "type": kind}
    if kind == "flashcard":
        card.update(
            front=f"What is {_phrase(rng, 4)}?",
            back=_phrase(rng, 6).capitalize(),
            reverse=i % 3 == 0,
        )
    elif kind == "cloze":
        card["text"] = f"The {{{{{_phrase(rng, 1)}}}}} met the {_phrase(rng, 3)} in {{{{{i}}}}}."
    elif kind == "mcq":
        choices = [f"{_phrase(rng, 2)} {i}-{n}" for n in range(4)]
        card.update(prompt=f"Which {_phrase(rng, 3)}?", choices=choices, answer=choices[i % 4])
    elif kind == "multi":
        choices = [f"{_phrase(rng, 2)} {i}-{n}" for n in range(5)]
        card.update(
            prompt=f"Which of these {_phrase(rng, 2)}?", choices=choices, answers=choices[:2]
        )
    elif kind == "truefalse":
        card.update(statement=f"The {_phrase(rng, 5)} came first.", answer=i % 2 == 0)
    elif kind == "typed":
        card.update(
            prompt=f"Name the {_phrase(rng, 3)}.", answer=_phrase(rng, 2), accept=[_phrase(rng, 1)]
        )
    elif kind == "numeric":
        card.update(prompt=f"How many {_phrase(rng, 2)}?", answer=i % 1000, tolerance=1)
    else:
        card.update(
            prompt=f"Order the {_phrase(rng, 2)}.",
            items=[f"{_phrase(rng, 2)} {n}" for n in range(4)],
        )
    if i % 4 == 0:
        card["explain"] = _phrase(rng, 12).capitalize() + "."
    if i % 5 == 0:
        card["tags"] = [rng.choice(WORDS).lower(), "synthetic"]
    return card


BLOCK = 1000
_MARK = "zzblockzz"


def deck_mapping(cards: int, deck_id: str = "synthetic", seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    return {
        "format": 1,
        "id": deck_id,
        "title": f"Synthetic deck ({cards:,} cards)",
        "description": "Made by bench/synth.py",
        "tags": ["synthetic"],
        "cards": [_card(i, rng) for i in range(cards)],
    }


def deck_text(cards: int, deck_id: str = "synthetic") -> str:
    """YAML for a deck of `cards` cards, written by kdquiz's own deck writer.

    Large decks repeat a 1,000-card block with fresh ids: dumping 100,000 cards one by one would
    take a minute, and repeated text costs the loader exactly as much as new text.
    """
    if cards <= BLOCK:
        return dump_deck(deck_mapping(cards, deck_id))
    mapping = deck_mapping(BLOCK, deck_id)
    for card in mapping["cards"]:
        card["id"] = f"{_MARK}-{card['id']}"
    mapping["title"] = f"Synthetic deck ({cards:,} cards)"
    text = dump_deck(mapping)
    head, sep, block = text.partition("cards:\n")
    lines = block.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("  - ")]
    out = [head, sep]
    for number in range(-(-cards // BLOCK)):
        take = min(BLOCK, cards - number * BLOCK)
        end = starts[take] if take < len(starts) else len(lines)
        out.append("".join(lines[:end]).replace(_MARK, f"b{number:03d}"))
    return "".join(out)


def write_deck(folder: Path, cards: int, deck_id: str = "synthetic") -> Path:
    """A valid deck file with `cards` cards (reused when it already exists)."""
    path = folder / f"{deck_id}-{cards}.yaml"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(deck_text(cards, deck_id), encoding="utf-8")
        tmp.replace(path)
    return path


# -- progress stores ---------------------------------------------------------------------------

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def empty_store(folder: Path) -> ProgressStore:
    """A new, empty store in a folder of its own under `folder`, on the synthetic clock."""
    import tempfile

    from kdquiz.core.store import ProgressStore

    path = Path(tempfile.mkdtemp(dir=folder)) / "progress.sqlite3"
    return ProgressStore(path, clock=lambda: NOW, backup=False)


_US_PER_DAY = 86_400_000_000


def _ratings_and_times() -> tuple[list[int], list[int]]:
    """Ratings and response times to sample from: a real review log if one is beside us, else a mix."""
    sample = shared_dir("data")
    path = sample / "review-log-sample.csv" if sample else None
    if path and path.is_file():
        ratings, times = [], []
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                try:
                    ratings.append(int(row["review_rating"]))
                    times.append(max(500, min(120_000, int(row["review_duration"]))))
                except (KeyError, ValueError):
                    continue
        if ratings:
            return ratings, times
    return [1, 2, 3, 3, 3, 3, 3, 4], [2500, 4000, 6000, 9000, 15000]


def fill_store(
    path: Path,
    deck_id: str,
    keys: list[tuple[str, str]],
    *,
    seen: float = 0.8,
    in_order: bool = False,
    log_per_card: int = 10,
    now: datetime = NOW,
    seed: int = 2,
) -> None:
    """Create a real store at `path` and fill it: states for `seen` of the cards (their first
    items, or every item of the first cards `in_order`), 10 log rows per card.

    The studied items are picked at random, or with `in_order` the first `seen` of the deck (a
    learner who took new cards in deck order, so today's new cards lie past all of them).

    Due dates spread from 60 days ago to a year ahead, so a few percent are due today, as in a
    long-used collection. Thirty answers are logged today (the rest a day or more ago), so the daily
    limits are in play without being used up.
    """
    from kdquiz.core.store import ProgressStore, derived, log_codes, to_us

    ProgressStore(path, clock=lambda: now, backup=False).close()
    rng = random.Random(seed)
    ratings, times = _ratings_and_times()
    now_us = to_us(now)
    states = []
    # The log's rows are each card's first item's, so at random only those items have states: in
    # a real store a state comes from a logged review (a state with no log would be kept beside
    # it, `log_exact`, on its next answer, as only an imported one is). In deck order every item
    # of the first cards is studied, so that today's new items lie past all of them.
    first = {card: sub for card, sub in reversed(keys)}
    for n, (card, sub) in enumerate(keys):
        if (n >= seen * len(keys)) if in_order else (rng.random() >= seen or first[card] != sub):
            continue
        state = 2 if n % 20 else 1  # mostly Review, some Learning
        stability = rng.uniform(1.0, 200.0)
        last = now_us - int(rng.uniform(0.1, 200) * _US_PER_DAY)
        due = now_us + int(rng.uniform(-60, 365) * _US_PER_DAY)
        states.append(
            (
                deck_id,
                card,
                sub,
                state,
                None if state == 2 else 0,
                stability,
                rng.uniform(1, 10),
                due,
                last,
                rng.randint(1, 30),
                rng.randint(0, 3),
                "",
            )
        )
    sample = [(rng.choice(ratings), rng.choice(times)) for _ in range(1000)]
    cards = sorted(first.items())
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        # the tables kept from the log are filled in one pass at the end, as a restore does
        derived.drop_triggers(conn)
        conn.executemany(
            "INSERT OR REPLACE INTO states (deck, card, sub, state, step, stability, "
            "difficulty, due, last_review, reps, lapses, text_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            states,
        )
        # The log rows are made inside SQLite: a million rows through Python would take a minute.
        conn.execute("CREATE TEMP TABLE bench_cards (n INTEGER PRIMARY KEY, card TEXT, sub TEXT)")
        conn.executemany("INSERT INTO bench_cards (card, sub) VALUES (?, ?)", cards)
        conn.execute(
            "INSERT INTO items (id, deck, card, sub) SELECT n, ?, card, sub FROM bench_cards",
            (deck_id,),
        )
        conn.execute("CREATE TEMP TABLE bench_sample (n INTEGER PRIMARY KEY, rating INT, ms INT)")
        conn.executemany(
            "INSERT INTO bench_sample VALUES (?, ?, ?)",
            [(n, r, ms) for n, (r, ms) in enumerate(sample)],
        )
        # Rows in time order, as a log is written (ids follow time, as Anki's revlog ids do).
        # After each review a Review state whose stability and
        # difficulty have 4 decimal places and whose interval is whole days, as kdquiz's
        # scheduler gives them, stored as kdquiz stores them (values.scaled, values.seconds).
        conn.execute(
            "CREATE TEMP TABLE bench_log AS "
            "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
            "SELECT c.n AS item, ? - 3600000000 - CASE WHEN k.i = 0 AND c.n <= 30 THEN 0 "
            "ELSE (k.i * 9 + 1) * ? + abs(random() % ?) END AS time, "
            "0 AS mode, s.rating AS rating, s.rating > 1 AS correct, s.ms AS response_ms, "
            "CASE WHEN k.i = ? THEN NULL ELSE 2 END AS before_state, "
            "CASE WHEN k.i = ? THEN NULL ELSE 1 + abs(random() % 60) END AS before_ivl, "
            "2 AS state, NULL AS step, abs(random() % 2000000) + 1000 AS stability, "
            "10000 + abs(random() % 90000) AS difficulty, "
            "(1 + abs(random() % 60)) * 86400 AS due, ? - k.i AS reps, s.rating = 1 AS lapses "
            "FROM bench_cards c, k JOIN bench_sample s ON s.n = (c.n * 7 + k.i) % 1000 "
            "ORDER BY 2, c.n",
            (
                log_per_card - 1,
                now_us,
                _US_PER_DAY,
                _US_PER_DAY,
                log_per_card - 1,
                log_per_card - 1,
                log_per_card,
            ),
        )
        _states_from_last_reviews(conn)
        # packed as kdquiz packs them (log_codes), in the same order
        conn.execute(
            "INSERT INTO log (item, time, codes, response_ms, answer, before_ivl, stability, "
            f"difficulty, due_units, reps, lapses) SELECT item, time, {log_codes.PACK_SQL}, "
            f"response_ms, '', before_ivl, stability, difficulty, {log_codes.DUE_UNITS_SQL}, "
            "reps, lapses FROM bench_log ORDER BY rowid"
        )
        derived.rebuild(conn)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()


def _states_from_last_reviews(conn: sqlite3.Connection) -> None:
    """Make each studied item's state the one its last log row leaves, as in a real store, where
    a state is what the last review gave: its kind, step, reps and lapses, its stability and
    difficulty to 4 places, its due day (within half a day of the drawn one), last reviewed at
    that row's time. Otherwise nearly every benchmark answer would find a state its log does not
    replay to and keep it beside the log (`log_exact`), as only an imported history does. The
    rows are changed before they are written to the log (`bench_log`), so its pages fill as an
    appended log's do."""
    from kdquiz.core.store.values import quantize, scaled

    rows = conn.execute(
        "SELECT l.rowid, l.time, s.deck, s.card, s.sub, s.state, s.step, s.stability, "
        "s.difficulty, s.due, s.reps, s.lapses "
        "FROM bench_log l JOIN items i ON i.id = l.item "
        "JOIN states s ON s.deck = i.deck AND s.card = i.card AND s.sub = i.sub "
        "WHERE l.rowid IN (SELECT MAX(rowid) FROM bench_log GROUP BY item)"
    ).fetchall()
    log_rows, state_rows = [], []
    for (
        row,
        time_us,
        deck,
        card,
        sub,
        state,
        step,
        stability,
        difficulty,
        due,
        reps,
        lapses,
    ) in rows:
        days = round((due - time_us) / _US_PER_DAY)
        stability, difficulty = quantize(stability), quantize(difficulty)
        log_rows.append(
            (state, step, scaled(stability), scaled(difficulty), days * 86_400, reps, lapses, row)
        )
        state_rows.append(
            (stability, difficulty, time_us + days * _US_PER_DAY, time_us, deck, card, sub)
        )
    conn.executemany(
        "UPDATE bench_log SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
        "reps = ?, lapses = ? WHERE rowid = ?",
        log_rows,
    )
    conn.executemany(
        "UPDATE states SET stability = ?, difficulty = ?, due = ?, last_review = ? "
        "WHERE deck = ? AND card = ? AND sub = ?",
        state_rows,
    )


# -- whole collections (a data directory with decks and progress) -----------------------------


def collection(root: Path, cards: int, *, in_order: bool = False) -> Path:
    """A data directory holding one synthetic deck of `cards` cards and its filled progress store
    (80% of the cards studied: at random, or the first 80% of the items with `in_order`; see
    `fill_store`).

    The deck is loaded once through the catalog, which leaves its cache warm for later benchmarks.
    """
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.store import store_path

    data = root / (f"collection-{cards}-in-order" if in_order else f"collection-{cards}")
    done = data / ".complete"
    if done.exists():
        return data
    write_deck(data / "decks", cards)
    catalog = load_catalog(data, include_shipped=False)
    if catalog.problems or len(catalog.decks) != 1:
        raise RuntimeError(f"the synthetic deck did not load: {catalog.problems[:3]}")
    deck = catalog.decks[0]
    fill_store(
        store_path(data),
        deck.id,
        [(item.card.id, item.sub) for item in deck.items()],
        in_order=in_order,
    )
    done.touch()
    return data


# -- documents for `kdquiz generate` -----------------------------------------------------------

_NAMES = (
    "Kim Eun-sook",
    "Park Chan-wook",
    "Bong Joon-ho",
    "Song Hye-kyo",
    "Lee Min-ho",
    "Hwang Dong-hyuk",
    "Netflix",
    "CJ ENM",
    "Studio Dragon",
    "JTBC",
    "tvN",
    "Busan",
)


def document(words: int, seed: int = 3) -> str:
    """Article-like Markdown of about `words` words: headings, names, years, numbers, quotes."""
    rng = random.Random(seed)
    seeds = shared_dir("seeds")
    pool: list[str] = []
    if seeds:
        for path in sorted(seeds.glob("*.txt"))[:20]:
            pool.extend(
                p.strip()
                for p in path.read_text(encoding="utf-8", errors="replace").split("\n\n")
                if len(p.split()) > 20 and not p.lstrip().startswith("#")
            )
    parts = ["# A synthetic article about Korean television\n"]
    count = 0
    section = 0
    while count < words:
        if count // 800 >= section:
            section += 1
            parts.append(
                f"\n## Part {section}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}\n"
            )
        if pool:  # the real articles in order, then again: realistic text, no invented facts
            paragraph = pool[len(parts) % len(pool)]
        else:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                sentences.append(
                    f"In {rng.randint(1990, 2024)}, {rng.choice(_NAMES)} worked with "
                    f"{rng.choice(_NAMES)} on a {_phrase(rng, 3)} that drew "
                    f"{rng.randint(2, 95)} million viewers and cost {rng.randint(1, 40)} billion won."
                )
            paragraph = " ".join(sentences)
        words_in = paragraph.split()
        if count + len(words_in) > words:  # end exactly at the size asked for
            paragraph = " ".join(words_in[: words - count])
        parts.append(paragraph + "\n")
        count += len(paragraph.split())
    return "\n".join(parts)
