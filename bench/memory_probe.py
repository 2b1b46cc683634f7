"""Child process for budget 6: run a review session and print the process's peak resident memory.

    python -m bench.memory_probe baseline            # the interpreter with kdquiz's modules imported
    python -m bench.memory_probe core DATA_DIR N     # make_services + StudySession, N answers
    python -m bench.memory_probe tui DATA_DIR N      # the headless app reviewing, N answers

Prints "peak_mb <float>": VmHWM from /proc on Linux (ru_maxrss there would include the parent's
memory at fork time), else ru_maxrss.
"""

from __future__ import annotations

import asyncio
import random
import resource
import sys
from datetime import timedelta
from pathlib import Path


def peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _core(data: Path, answers: int) -> int:
    from bench.answer import Clock
    from kdquiz.core.grading import right_response
    from kdquiz.core.session import Mode, StudySession
    from kdquiz.services import make_services

    clock = Clock()
    services = make_services(data, clock=clock, rng=random.Random(6))
    done = 0
    try:
        session = StudySession(
            store=services.store,
            settings=services.settings,
            decks=services.catalog.decks,
            mode=Mode.REVIEW,
            clock=clock,
            rng=services.rng,
        )
        for _ in range(answers):
            item = session.next_item()
            if item is None:
                break
            response = right_response(item)
            if response is None:
                session.previews(item)
                outcome, rating = None, 3
            else:
                graded = session.grade(item, response, 4000)
                outcome, rating = graded.outcome, int(graded.suggested)
            session.commit(item, rating, outcome=outcome, response_ms=4000)
            clock.now += timedelta(seconds=8)
            done += 1
    finally:
        services.store.close()
    return done


async def _tui(data: Path, answers: int) -> int:
    from bench.answer import Clock
    from kdquiz.core.grading import right_response
    from kdquiz.core.plan import Activity, Plan
    from kdquiz.services import make_services
    from kdquiz.ui.app import KdquizApp

    clock = Clock()
    services = make_services(data, clock=clock, rng=random.Random(6))
    done = 0
    try:
        app = KdquizApp(services, plan=Plan(Activity.REVIEW))
        async with app.run_test(size=(100, 32)) as pilot:
            for _ in range(answers):
                for _ in range(500):
                    screen = app.screen
                    if (
                        type(screen).__name__ == "StudyScreen"
                        and screen.item is not None
                        and not screen.busy
                        and screen.pending is None
                    ):
                        break
                    await pilot.pause(0.01)
                else:
                    break
                item = screen.item
                response = right_response(item)
                screen.answer.reveal() if response is None else screen.answer.answer(response)
                for _ in range(200):
                    await pilot.pause()
                    if screen.pending is not None:
                        break
                await pilot.press("enter")
                clock.now += timedelta(seconds=8)
                done += 1
            await pilot.pause(0.05)
    finally:
        services.store.close()
    return done


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "baseline":
        import kdquiz.core.session
        import kdquiz.services  # noqa: F401

        done = 0
    elif kind == "core":
        done = _core(Path(argv[1]), int(argv[2]))
    else:
        done = asyncio.run(_tui(Path(argv[1]), int(argv[2])))
    print(f"answered {done}")
    print(f"peak_mb {peak_mb():.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
