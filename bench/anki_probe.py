"""Child process for the side-by-side benchmark: one measurement of kdquiz or Anki, in a fresh process.

    python -m bench.anki_probe kdquiz open   DATA_DIR        # open the store + decks, today's queue
    python -m bench.anki_probe kdquiz stats  DATA_DIR        # what `kdquiz stats` computes
    python -m bench.anki_probe kdquiz answer DATA_DIR N      # N answers, each committed durably
    python -m bench.anki_probe anki   open   COLLECTION      # open the collection, today's queue
    python -m bench.anki_probe anki   stats  COLLECTION      # the graphs backend call (365 days)
    python -m bench.anki_probe anki   answer COLLECTION N
    python -m bench.anki_probe both   answer DATA_DIR COLLECTION N   # answers taken in turns

Libraries are imported before the clock starts (kdquiz's card kinds too, which it otherwise imports
with the first deck it loads), so only the work is timed; the peak resident set
(VmHWM) is the whole process's, imports included. Prints "seconds <float>" (the median per answer
for `answer`) and "peak_mb <float>"; `both` prints "kdquiz <float>" and "anki <float>".

`both` answers with the two engines in turns, one kdquiz answer then one Anki answer, then Anki
first (ABBA), so that a busy disk or processor at any moment weighs on both alike: one durable
commit takes from 0.3 ms to several on a shared machine, far more than the two engines differ.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

from bench.memory_probe import peak_mb


def _kdquiz(action: str, data: Path, answers: int) -> float:
    from bench.answer import core_answers
    from bench.synth import NOW

    # Card kinds load with the first deck: imported here, as all of Anki's modules are before its
    # clock, so that both clocks time work rather than imports.
    from kdquiz.core import kinds  # noqa: F401
    from kdquiz.core.queue import build_queue
    from kdquiz.core.stats import collect
    from kdquiz.services import make_services

    if action == "answer":  # the store and decks as bench/answer.py opens them for budget 5
        return statistics.median(core_answers(data, answers)[2])
    start = time.perf_counter()
    services = make_services(data, clock=lambda: NOW, include_shipped=False)
    try:
        if action == "open":
            queue = build_queue(services.store, services.catalog.decks, services.settings, NOW, UTC)
            if not queue.counts().total:
                raise RuntimeError("kdquiz built an empty queue")
            return time.perf_counter() - start
        start = time.perf_counter()
        stats = collect(services.store, services.catalog.decks, now=NOW, tz=UTC, rollover_hour=4)
        took = time.perf_counter() - start
        if not stats.to_dict():
            raise RuntimeError("kdquiz computed no stats")
        return took
    finally:
        services.store.close()


def _anki(action: str, path: Path, answers: int) -> float:
    from anki.collection import Collection  # first: anki's modules import each other in a cycle

    from bench.anki_collection import DECK_NAME

    if action == "answer":
        spans = _anki_answer_spans(path)
        try:
            times = list(itertools.islice(spans, answers))
        finally:
            spans.close()
        if not times:
            raise RuntimeError("Anki had nothing to answer")
        return statistics.median(times)
    start = time.perf_counter()
    col = Collection(str(path))
    try:
        if action == "open":
            queued = col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                raise RuntimeError("Anki built an empty queue")
            return time.perf_counter() - start
        start = time.perf_counter()
        graphs = col._backend.graphs(search=f'"deck:{DECK_NAME}"', days=365)
        took = time.perf_counter() - start
        if not graphs.ByteSize():
            raise RuntimeError("Anki computed no graphs")
        return took
    finally:
        col.close()


def _anki_answer_spans(path: Path) -> Iterator[float]:
    """Seconds per answer (Good), each committed, until the queue is empty. Anki hands a card out
    with its next states worked out (the queue call, before the clock starts)."""
    from anki.collection import Collection
    from anki.cards import Card  # isort: skip
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(path))
    try:
        while (queued := col.sched.get_queued_cards(fetch_limit=1)).cards:
            top = queued.cards[0]
            start = time.perf_counter()
            card = Card(col, backend_card=top.card)
            card.start_timer()
            col.sched.answer_card(
                col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD)
            )
            yield time.perf_counter() - start
    finally:
        col.close()


def answers_in_turns(data: Path, collection: Path, answers: int) -> tuple[float, float]:
    """Median seconds per answer (kdquiz, Anki), the two engines answering in turns (ABBA)."""
    from anki.collection import Collection  # noqa: F401  (first: anki's import cycle)

    from bench.answer import answer_spans
    from kdquiz.core import kinds  # noqa: F401

    spans, theirs = answer_spans(data), _anki_answer_spans(collection)
    mine = (whole for _, _, whole in spans)
    times: dict[str, list[float]] = {"kdquiz": [], "anki": []}
    engines = {"kdquiz": mine, "anki": theirs}
    try:
        for n in range(answers):
            for name in ("kdquiz", "anki") if n % 4 in (0, 3) else ("anki", "kdquiz"):
                found = next(engines[name], None)
                if found is None:
                    raise RuntimeError(f"{name} ran out of cards after {n} answers")
                times[name].append(found)
    finally:
        spans.close()
        theirs.close()
    return statistics.median(times["kdquiz"]), statistics.median(times["anki"])


def main(argv: list[str]) -> int:
    if argv[0] == "both":
        mine, theirs = answers_in_turns(Path(argv[2]), Path(argv[3]), int(argv[4]))
        print(f"kdquiz {mine:.6f}")
        print(f"anki {theirs:.6f}")
        print(f"peak_mb {peak_mb():.1f}")
        return 0
    engine, action, where = argv[0], argv[1], Path(argv[2])
    answers = int(argv[3]) if len(argv) > 3 else 0
    seconds = (_kdquiz if engine == "kdquiz" else _anki)(action, where, answers)
    print(f"seconds {seconds:.6f}")
    print(f"peak_mb {peak_mb():.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
