"""The synthetic collection of bench/synth.py, built a second time as an Anki collection (FSRS on).

Same shape as kdquiz's: one deck of N cards, 80% of them studied (mostly Review, one in twenty
Learning) with stabilities, difficulties and due dates drawn from the same ranges, ten review-log
rows per card, thirty of them today. Notes, cards and the review log are written with SQL
through Anki's own database handle (adding a million log rows through the scheduler would take
hours); the schema, the deck, its options and the FSRS switch come from Anki itself.

Needs the optional `anki` package (`pip install -e '.[bench]'`); nothing else in bench/ imports it.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from bench.synth import WORDS

DECK_NAME = "synthetic"
#: kdquiz's defaults (kdquiz/core/settings.py), so both queues are built under the same limits.
NEW_PER_DAY = 20
REVIEWS_PER_DAY = 200
_DAY_MS = 86_400_000


def anki_available() -> bool:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        return False
    return True


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def build(path: Path, cards: int, *, log_per_card: int = 10, seed: int = 2) -> Path:
    """An Anki collection at `path` (reused when complete) holding `cards` Basic cards."""
    done = path.with_name(path.name + ".complete")
    if done.exists() and path.exists():
        return path
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    col = Collection(str(path))
    try:
        _fill(col, cards, log_per_card, seed)
    finally:
        col.close()
    done.touch()
    return path


def _fill(col: Any, cards: int, log_per_card: int, seed: int) -> None:
    rng = random.Random(seed)
    col.set_config("fsrs", True)
    deck_id = col.decks.id(DECK_NAME)
    deck = col.decks.get(deck_id)
    conf = col.decks.config_dict_for_deck_id(deck_id)
    conf["new"]["perDay"] = NEW_PER_DAY
    conf["rev"]["perDay"] = REVIEWS_PER_DAY
    col.decks.update_config(conf)
    col.decks.select(deck_id)
    model = col.models.by_name("Basic")
    assert deck is not None and model is not None
    today = col.sched.today
    now_ms = int(time.time() * 1000)
    now_s = now_ms // 1000
    mod = now_s
    notes, card_rows, log_rows = [], [], []
    for n in range(cards):
        note_id = card_id = 1_000_000_000 + n  # ids are ms timestamps in Anki: any distinct ints do
        front = f"What is {_phrase(rng, 4)}? ({n})"
        back = _phrase(rng, 6).capitalize()
        notes.append(
            (note_id, f"g{n:09d}", model["id"], mod, -1, "", f"{front}\x1f{back}", front, 0, 0, "")
        )
        studied = rng.random() < 0.8
        if studied:
            learning = n % 20 == 0
            stability = rng.uniform(1.0, 200.0)
            difficulty = rng.uniform(1, 10)
            due_days = int(rng.uniform(-60, 365))
            reps, lapses = rng.randint(1, 30), rng.randint(0, 3)
            data = json.dumps({"s": round(stability, 4), "d": round(difficulty, 3), "dr": 0.9})
            if learning:
                ctype, queue, due, ivl = 1, 1, now_s + due_days * 60, 0
            else:
                ctype, queue, due, ivl = 2, 2, today + due_days, max(1, int(stability))
        else:
            ctype, queue, due, ivl, reps, lapses, data = 0, 0, n, 0, 0, 0, "{}"
        card_rows.append(
            (card_id, note_id, deck_id, 0, mod, -1, ctype, queue, due, ivl, 0, reps, lapses, 0)
            + (0, 0, 0, data)
        )
        # Ten rows per card as in kdquiz's synthetic store; the first thirty cards' last is today.
        for k in range(log_per_card):
            if k == 0 and n < 30:
                at = now_ms - 3_600_000 - rng.randint(0, 3_000_000)
            else:
                at = now_ms - 3_600_000 - (k * 9 + 1) * _DAY_MS - rng.randint(0, _DAY_MS)
            rating = rng.choice((1, 2, 3, 3, 3, 3, 3, 4))
            log_rows.append(
                (
                    at,
                    card_id,
                    -1,
                    rating,
                    rng.randint(1, 300),
                    rng.randint(1, 300),
                    0,
                    rng.choice((2500, 4000, 6000, 9000, 15000)),
                    1,
                )
            )
    db = col.db
    db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
    db.executemany(
        "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        card_rows,
    )
    # A review's id is its time in ms, and unique: nudge the rare clash forward.
    log_rows.sort()
    seen: set[int] = set()
    unique = []
    for row in log_rows:
        rid = row[0]
        while rid in seen:
            rid += 1
        seen.add(rid)
        unique.append((rid, *row[1:]))
    db.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", unique)
    db.execute("ANALYZE")
