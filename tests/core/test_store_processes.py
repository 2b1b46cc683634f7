"""Real processes: two writers at once lose nothing; SIGKILL after an acknowledged answer loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from fsrs import Rating
from store_support import FakeClock

from kdquiz.core.store import ProgressStore

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from fsrs import Rating
    from kdquiz.core.scheduling import DeckScheduler
    from kdquiz.core.settings import DeckSettings
    from kdquiz.core.store import ProgressStore

    path, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    store = ProgressStore(path, clock=lambda: base, backup=False)
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    while not go.exists():
        time.sleep(0.005)
    for n in range(count):
        key = ("deck", f"card{n % 3}", "")
        def compute(before, key=key):
            when = (before.last_review if before else base) + timedelta(minutes=5)
            return scheduler.review(before, Rating.Good if n % 4 else Rating.Again, when, key)
        store.record_review(key, compute, rating=3, when=base, response_ms=n, answer_text=name)
    store.close()
""")

KILLED = textwrap.dedent("""
    import random, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from fsrs import Rating
    from kdquiz.core.model import Deck, Flashcard, Kind
    from kdquiz.core.session import Mode, StudySession
    from kdquiz.core.settings import DeckSettings, Settings
    from kdquiz.core.store import ProgressStore

    now = [datetime(2026, 1, 1, 12, tzinfo=timezone.utc)]
    clock = lambda: now[0]
    cards = tuple(Flashcard(id=f"c{i}", kind=Kind.FLASHCARD, front="f", back="b") for i in range(5000))
    deck = Deck(id="deck", title="Deck", cards=cards)
    store = ProgressStore(Path(sys.argv[1]), clock=clock, backup=False)
    session = StudySession(store=store, settings=Settings(DeckSettings(new_per_day=5000)),
                           decks=[deck], mode=Mode.REVIEW, clock=clock, rng=random.Random(1),
                           tz=timezone.utc)
    while (item := session.next_item()) is not None:
        session.commit(item, Rating.Good, outcome=None, response_ms=1000)
        print("ack", item.card.id, flush=True)
        now[0] += timedelta(seconds=1)
""")


def _env() -> dict[str, str]:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_two_processes_writing_at_once_lose_no_update(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path, clock=FakeClock(), backup=False).close()
    go = tmp_path / "go"
    count = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(count), str(go)],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    store = ProgressStore(path, clock=FakeClock(), backup=False)
    log = store.log_entries()
    assert len(log) == 2 * count
    assert {e.answer for e in log} == {"a", "b"}
    for n in range(3):
        key = ("deck", f"card{n}", "")
        chain = [e for e in log if e.key == key]
        # Every answer was applied to the state the previous answer (from either process) left.
        assert chain[0].before is None
        for earlier, later in pairwise(chain):
            assert later.before == earlier.after
        assert store.get_state(key) == chain[-1].after
        assert store.get_state(key).reps == len(chain)
    store.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_after_acknowledged_answers_loses_none_of_them(tmp_path):
    path = tmp_path / "progress.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked = []
    assert child.stdout is not None
    for line in child.stdout:
        acked.append(line.split()[1])
        if len(acked) == 150:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    for line in child.stdout:  # acks printed before the kill landed count too
        acked.append(line.split()[1])
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    logged = {
        row[0] for row in conn.execute("SELECT card FROM log JOIN items ON items.id = log.item")
    }
    stated = {row[0] for row in conn.execute("SELECT card FROM states")}
    conn.close()
    assert set(acked) <= logged
    assert set(acked) <= stated
    with ProgressStore(
        path, clock=FakeClock(datetime(2026, 1, 2, tzinfo=UTC)), backup=False
    ) as store:
        assert len(store.log_entries()) >= len(acked)
        assert all(e.rating == int(Rating.Good) for e in store.log_entries())
