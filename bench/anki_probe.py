"""Child process for the side-by-side benchmark: one measurement of kdquiz or Anki, in a fresh process.

    python -m bench.anki_probe kdquiz open   DATA_DIR        # open the store + decks, today's queue
    python -m bench.anki_probe kdquiz stats  DATA_DIR        # what `kdquiz stats` computes
    python -m bench.anki_probe kdquiz answer DATA_DIR N      # N answers, each committed durably
    python -m bench.anki_probe anki   open   COLLECTION      # open the collection, today's queue
    python -m bench.anki_probe anki   stats  COLLECTION      # the graphs backend call (365 days)
    python -m bench.anki_probe anki   answer COLLECTION N

Libraries are imported before the clock starts (kdquiz's card kinds too, which it otherwise imports
with the first deck it loads), so only the work is timed; the peak resident set
(VmHWM) is the whole process's, imports included. Prints "seconds <float>" (the median per answer
for `answer`) and "peak_mb <float>".
"""

from __future__ import annotations

import statistics
import sys
import time
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
    from anki.cards import Card  # isort: skip
    from anki.scheduler.v3 import CardAnswer

    from bench.anki_collection import DECK_NAME

    start = time.perf_counter()
    col = Collection(str(path))
    try:
        if action == "open":
            queued = col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                raise RuntimeError("Anki built an empty queue")
            return time.perf_counter() - start
        if action == "stats":
            start = time.perf_counter()
            graphs = col._backend.graphs(search=f'"deck:{DECK_NAME}"', days=365)
            took = time.perf_counter() - start
            if not graphs.ByteSize():
                raise RuntimeError("Anki computed no graphs")
            return took
        times = []
        for _ in range(answers):
            queued = col.sched.get_queued_cards(fetch_limit=1)
            if not queued.cards:
                break
            top = queued.cards[0]
            start = time.perf_counter()
            card = Card(col, backend_card=top.card)
            card.start_timer()
            col.sched.answer_card(
                col.sched.build_answer(card=card, states=top.states, rating=CardAnswer.GOOD)
            )
            times.append(time.perf_counter() - start)
        if not times:
            raise RuntimeError("Anki had nothing to answer")
        return statistics.median(times)
    finally:
        col.close()


def main(argv: list[str]) -> int:
    engine, action, where = argv[0], argv[1], Path(argv[2])
    answers = int(argv[3]) if len(argv) > 3 else 0
    seconds = (_kdquiz if engine == "kdquiz" else _anki)(action, where, answers)
    print(f"seconds {seconds:.6f}")
    print(f"peak_mb {peak_mb():.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
