"""A scripted review session for the fault tests: answers cards forever, printing an ACK line
after each answer is committed. The parent kills it at a random moment and checks the store."""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kdquiz.core.grading import grade
from kdquiz.core.session import Mode, StudySession
from kdquiz.services import make_services


def main(data_dir: str, deck: str, seed: int) -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=UTC) + timedelta(days=seed)
    ticks = iter(range(10**9))

    def clock() -> datetime:
        return start + timedelta(seconds=7 * next(ticks))

    services = make_services(
        Path(data_dir), [deck], clock=clock, rng=random.Random(seed), include_shipped=False
    )
    rng = random.Random(seed)
    while True:
        session = StudySession(
            store=services.store,
            settings=services.settings,
            decks=services.catalog.decks,
            mode=Mode.PRACTICE if seed % 5 == 0 else Mode.REVIEW,
            clock=clock,
            rng=services.rng,
        )
        answered = 0
        while (item := session.next_item()) is not None:
            outcome = grade(item, rng.choice(["Seoul", "Busan", "nope"]))
            rating = 3 if outcome.correct else 1
            session.commit(item, rating, outcome=outcome, response_ms=rng.randint(500, 9000))
            answered += 1
            print(f"ACK {item.deck_id} {item.card.id} {item.sub or '-'} {rating}", flush=True)
        if answered == 0:
            start += timedelta(days=1)  # nothing due: come back tomorrow


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
