"""Polling file watcher behind `kdquiz check --watch`, driven by a fake sleep (no real waiting)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from kdquiz.core.watch import changed_paths, snapshot, watch


def bump(path: Path, text: str, tick: int) -> None:
    """Write and give the file a distinct mtime, as a save a moment later would."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(tick * 1_000_000_000, tick * 1_000_000_000))


def run_polls(paths: list[Path], steps: list, poll_interval: float = 0.5) -> list[list[Path]]:
    """Run watch; before poll i, steps[i]() changes files. Stops once the last step was polled."""
    calls: list[list[Path]] = []
    sleeps: list[float] = []
    remaining = [*steps, lambda: None]  # the final sleep, after which `stop` is true

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        remaining.pop(0)()

    watch(
        paths,
        calls.append,
        poll_interval=poll_interval,
        stop=lambda: not remaining,
        sleep=fake_sleep,
    )
    assert sleeps == [poll_interval] * (len(steps) + 1)
    return calls


def test_reports_each_saved_file_once(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    bump(deck, "one", 1)
    calls = run_polls(
        [deck],
        [lambda: None, lambda: bump(deck, "two", 2), lambda: None, lambda: bump(deck, "three!", 3)],
    )
    assert calls == [[deck], [deck]]


def test_watches_folders_for_new_changed_and_removed_decks(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"
    b.parent.mkdir()
    bump(a, "a", 1)
    ignored = tmp_path / "notes.txt"
    calls = run_polls(
        [tmp_path],
        [
            lambda: bump(b, "b", 2),  # a new deck
            lambda: bump(ignored, "x", 3),  # not a deck file: ignored
            lambda: a.unlink(),  # a deck removed
        ],
    )
    assert calls == [[b], [a]]


def test_a_missing_file_counts_when_it_appears(tmp_path: Path) -> None:
    later = tmp_path / "later.yaml"
    calls = run_polls([later], [lambda: None, lambda: bump(later, "x", 5)])
    assert calls == [[later]]


def test_stop_event_ends_the_watch(tmp_path: Path) -> None:
    stop = threading.Event()
    sleeps: list[float] = []

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 3:
            stop.set()

    watch([tmp_path], lambda changed: None, stop=stop, sleep=fake_sleep)
    assert len(sleeps) == 3


def test_snapshot_difference(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    bump(a, "a", 1)
    before = snapshot([tmp_path])
    bump(a, "a", 2)
    assert changed_paths(before, snapshot([tmp_path])) == [a]
    assert changed_paths(before, before) == []
