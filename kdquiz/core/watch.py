"""Re-run something whenever deck files change (`kdquiz check --watch`), by polling.

Polling modification time and size needs no extra dependency and works the same on every OS
and on network drives; a deck check is cheap, so a half-second poll is plenty.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kdquiz.core.deck_files import is_deck_name

Stamp = tuple[int, int]  # (mtime in ns, size)


def snapshot(paths: Iterable[str | Path]) -> dict[Path, Stamp]:
    """The watched files now: folders contribute the deck files inside them (recursively)."""
    out: dict[Path, Stamp] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if is_deck_name(p.name)]
        else:
            candidates = [path]
        for candidate in candidates:
            try:
                stat = candidate.stat()
            except OSError:
                continue  # missing for now (an editor mid-save); reported as removed if it was there
            if candidate.is_file():
                out[candidate] = (stat.st_mtime_ns, stat.st_size)
    return out


def changed_paths(before: dict[Path, Stamp], after: dict[Path, Stamp]) -> list[Path]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def watch(
    paths: Iterable[str | Path],
    on_change: Callable[[list[Path]], None],
    *,
    poll_interval: float = 0.5,
    stop: threading.Event | Callable[[], bool] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Call `on_change(changed)` after each poll that finds a change, until `stop` says so.

    `stop` is an Event or a function returning True to stop; without one, watch runs until
    interrupted (Ctrl+C raises KeyboardInterrupt to the caller). `sleep` is injectable so tests
    can drive the polls without waiting.
    """
    paths = list(paths)
    should_stop: Callable[[], bool]
    if stop is None:
        should_stop = threading.Event().is_set  # never set: run until interrupted
    elif isinstance(stop, threading.Event):
        should_stop = stop.is_set
    else:
        should_stop = stop
    before = snapshot(paths)
    while not should_stop():
        sleep(poll_interval)
        if should_stop():
            break
        after = snapshot(paths)
        changed = changed_paths(before, after)
        before = after
        if changed:
            on_change(changed)
