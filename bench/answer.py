"""Budget 5: the answer path.

(a) grade + schedule + commit through StudySession, on a store in WAL mode with synchronous=FULL
    (every commit reaches the disk): median under 2 ms. The baseline is the bare cost of one durable
    SQLite write: BEGIN IMMEDIATE, one INSERT, COMMIT, on a WAL file with synchronous=FULL beside it.
(b) from the key press that continues past the feedback to the next card painted, driven by Pilot:
    within 50 ms, which a learner perceives as at once. (The earlier budget of one 60 Hz frame,
    16.7 ms, is retired: it pushed the screens into hand-drawn widgets and private Textual API.)
    The bare Textual app whose key press changes a Label, timed to its repaint the same way, is
    shown beside it for context.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

from bench.common import BenchConfig
from bench.report import Table, absolute_row, info_row
from bench.synth import NOW, collection
from kdquiz.core.grading import right_response

COMMIT_LIMIT_MS = 2.0
NEXT_CARD_MS = 50.0


class Clock:
    """A clock that moves 8 s per answer, so each review happens at a distinct, later time."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=8)


def answer_right(session, item):  # type: ignore[no-untyped-def]
    """Answer `item` rightly (or reveal a self-rated card) as a learner would: (outcome, rating)."""
    response = right_response(item)
    if response is None:
        session.previews(item)
        return None, 3
    graded = session.grade(item, response, 4000)
    return graded.outcome, int(graded.suggested)


def _copy_collection(config: BenchConfig, cards: int, name: str) -> Path:
    target = config.workdir / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(collection(config.workdir, cards), target)
    return target


def core_answers(data: Path, answers: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds per answer for (grade + previews, commit, the whole path)."""
    grading: list[float] = []
    committing: list[float] = []
    whole: list[float] = []
    spans = answer_spans(data)
    try:
        for graded, committed, span in itertools.islice(spans, answers):
            grading.append(graded)
            committing.append(committed)
            whole.append(span)
    finally:
        spans.close()  # closes the store now, not when the generator is collected
    return grading, committing, whole


def answer_spans(data: Path) -> Iterator[tuple[float, float, float]]:
    """Answer today's items one at a time as a learner would, each committed durably: seconds for
    (grading, commit, the whole answer) per answer, until the queue is empty. The next item is
    handed out (its intervals worked out) before the clock starts, as a card is shown before it
    is answered."""
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.session import Mode, StudySession
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore, store_path

    clock = Clock()
    decks = load_catalog(data, include_shipped=False).decks
    store = ProgressStore(store_path(data), clock=clock, backup=False)
    synchronous = store._read("PRAGMA synchronous")[0][0]
    if synchronous != 2:
        raise RuntimeError(f"the store runs with synchronous={synchronous}, not FULL (2)")
    try:
        session = StudySession(
            store=store,
            settings=Settings(),
            decks=decks,
            mode=Mode.REVIEW,
            clock=clock,
            rng=random.Random(4),
            tz=UTC,
        )
        while (item := session.next_item()) is not None:
            start = time.perf_counter()
            outcome, rating = answer_right(session, item)
            graded_at = time.perf_counter()
            session.commit(item, rating, outcome=outcome, response_ms=4000)
            end = time.perf_counter()
            yield graded_at - start, end - graded_at, end - start
            clock.tick()
    finally:
        store.close()


def bare_commits(folder: Path, count: int) -> list[float]:
    """Seconds per durable one-row transaction on a WAL file with synchronous=FULL."""
    path = folder / "bare.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, card TEXT, time INTEGER)"
        )
        times = []
        for n in range(count):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO log (card, time) VALUES (?, ?)", (f"c{n}", n))
            conn.execute("COMMIT")
            times.append(time.perf_counter() - start)
        return times
    finally:
        conn.close()


# -- (b) key press to next card painted -------------------------------------------------------


class PaintTimer:
    """Hooks an app's `_display` to note when a frame satisfying `ready()` is first handed out."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.ready = lambda: False
        self.painted_at: float | None = None
        self.last_frame = time.perf_counter()
        original = app._display

        def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            original(screen, renderable)
            if renderable is not None:
                self.last_frame = time.perf_counter()
            if (
                self.painted_at is None
                and renderable is not None
                and not app._batch_count
                and self.ready()
            ):
                self.painted_at = time.perf_counter()

        app._display = display

    def arm(self, ready) -> None:  # type: ignore[no-untyped-def]
        self.ready = ready
        self.painted_at = None

    async def wait(self, pilot, seconds: float = 3.0) -> bool:  # type: ignore[no-untyped-def]
        """True once the frame is painted; False if it was not within `seconds`."""
        give_up = time.perf_counter() + seconds
        while self.painted_at is None:
            if time.perf_counter() > give_up:
                return False
            await pilot.pause(0.002)
        return True

    async def settle(self, pilot, quiet: float = 0.05) -> None:  # type: ignore[no-untyped-def]
        """Wait until no frame has been painted for `quiet` seconds: the screen shows everything
        it was asked to, as it does by the time a learner has read it."""
        while time.perf_counter() - self.last_frame < quiet:
            await pilot.pause(0.01)


async def _bare_key_to_paint(presses: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class BareApp(App[None]):
        count = 0

        def compose(self) -> ComposeResult:
            yield Label("0", id="n")

        def on_key(self) -> None:
            self.count += 1
            self.query_one("#n", Label).update(str(self.count))

    app = BareApp()
    times = []
    async with app.run_test(size=(100, 32)) as pilot:
        timer = PaintTimer(app)
        await pilot.pause()
        for n in range(presses):
            target = n + 1
            timer.arm(lambda target=target: app.count >= target)
            start = time.perf_counter()
            await pilot.press("enter")
            if not await timer.wait(pilot):
                raise RuntimeError("the bare app never repainted its label")
            times.append(timer.painted_at - start)  # type: ignore[operator]
    return times


def next_card_complete(screen, old_item) -> bool:  # type: ignore[no-untyped-def]
    """A frame counts only once it shows the whole next card: a new item, its answer widget
    mounted and displayed, and the previous card's feedback no longer displayed."""
    answer = screen.answer
    return (
        screen.item is not old_item
        and answer is not None
        and answer.is_mounted
        and answer.display
        and not any(f.display for f in screen.query("StudyFeedback"))
    )


async def _kdquiz_key_to_paint(
    data: Path, presses: int, *, settle: bool
) -> tuple[list[float], int]:
    """Seconds from Enter on the feedback to the next card's first frame; and how many presses
    showed no new card within 3 s (the same card coming back, or the session ending).

    With `settle`, Enter comes once the feedback has been painted and the screen has been quiet
    for 50 ms, as for a learner who has read it. Without, it comes the moment the feedback takes
    the focus, before its own frame (and the footer's) is drawn: no learner can press that early,
    but it shows what the feedback's frames cost the next card.
    """
    from kdquiz.core.plan import Activity, Plan
    from kdquiz.services import make_services
    from kdquiz.ui.app import KdquizApp

    clock = Clock()
    services = make_services(data, clock=clock, rng=random.Random(5), fuzz=False)
    times: list[float] = []
    missed = 0
    try:
        app = KdquizApp(services, plan=Plan(Activity.REVIEW))
        async with app.run_test(size=(100, 32)) as pilot:
            timer = PaintTimer(app)
            for _ in range(200):
                if type(app.screen).__name__ == "StudyScreen" and app.screen.item is not None:
                    break
                await pilot.pause(0.01)
            for _ in range(presses):
                screen = app.screen
                item = getattr(screen, "item", None)
                if type(screen).__name__ != "StudyScreen" or item is None:
                    break
                response = right_response(item)
                if response is None:
                    screen.answer.reveal()
                else:
                    screen.answer.answer(response)
                for _ in range(200):  # wait for the feedback panel to take the focus
                    await pilot.pause()
                    if screen.pending is not None and type(app.focused).__name__ == "StudyFeedback":
                        break
                if settle:
                    await timer.settle(pilot)
                timer.arm(lambda screen=screen, item=item: next_card_complete(screen, item))
                start = time.perf_counter()
                await pilot.press("enter")
                if await timer.wait(pilot):
                    times.append(timer.painted_at - start)  # type: ignore[operator]
                else:
                    missed += 1
                clock.tick()
    finally:
        services.store.close()
    return times, missed


def run(config: BenchConfig) -> Table:
    answers = config.pick(15, 120, 300)
    presses = config.pick(5, 30, 60)
    cards = config.pick(100, 1_000, 1_000)
    table = Table(
        5, "answer path: grade + schedule + commit (synchronous=FULL); key press to next card"
    )
    data = _copy_collection(config, cards, "data-answer-core")
    grading, committing, whole = core_answers(data, answers)
    bare = bare_commits(config.folder("bare-sqlite"), len(whole))
    base_ms = statistics.median(bare) * 1000
    table.rows.append(
        absolute_row(
            f"grade + schedule + commit, median of {len(whole)}",
            statistics.median(whole) * 1000,
            "ms",
            COMMIT_LIMIT_MS,
            base_ms,
            "bare durable INSERT",
        )
    )
    table.rows.append(
        info_row("  of which grade + previews", statistics.median(grading) * 1000, "ms")
    )
    table.rows.append(
        info_row(
            "  of which commit (one transaction)",
            statistics.median(committing) * 1000,
            "ms",
            base_ms,
            "bare durable INSERT",
        )
    )
    table.rows.append(
        info_row(
            "  95th percentile, whole path", statistics.quantiles(whole, n=20)[-1] * 1000, "ms"
        )
    )
    bare_paint = asyncio.run(_bare_key_to_paint(presses))
    bare_ms = statistics.median(bare_paint) * 1000
    data_ui = _copy_collection(config, cards, "data-answer-ui")
    paint, missed = asyncio.run(_kdquiz_key_to_paint(data_ui, presses, settle=True))
    if not paint:
        raise RuntimeError("the study screen showed no card to answer")
    table.rows.append(
        absolute_row(
            f"key press -> next card painted (Pilot), median of {len(paint)}",
            statistics.median(paint) * 1000,
            "ms",
            NEXT_CARD_MS,
            bare_ms,
            "bare app: key -> label",
        )
    )
    table.rows.append(
        info_row("  95th percentile", statistics.quantiles(paint, n=20)[-1] * 1000, "ms")
    )
    data_early = _copy_collection(config, cards, "data-answer-ui-early")
    early, missed_early = asyncio.run(_kdquiz_key_to_paint(data_early, presses, settle=False))
    if early:
        table.rows.append(
            info_row(
                "  Enter before the feedback is painted, median",
                statistics.median(early) * 1000,
                "ms",
                bare_ms,
                "bare app: key -> label",
            )
        )
    if missed + missed_early:
        table.notes.append(
            f"{missed + missed_early} press(es) showed no new card within 3 s and are left out"
        )
    table.notes.append(
        "Enter comes once the feedback has been painted and no frame has followed "
        "for 50 ms (a learner reads it first); the row below it presses the moment "
        "the feedback takes the focus"
    )
    table.notes.append(
        f"store: a {cards:,}-card synthetic collection on the temporary directory's disk"
    )
    return table
