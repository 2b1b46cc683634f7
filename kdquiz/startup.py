"""No garbage collection while the game starts.

Nearly everything made before the first frame (modules, classes, the decks, the home screen) lives
as long as the process, so collecting it is wasted work: about 9 ms of a start of under 200 ms,
most of it full collections during Textual's import. The TUI commands call `pause_collector`
before their imports; the app calls `resume_collector` once its first frame is drawn, which moves
everything alive out of the collector's sight for good (`gc.freeze`) and collects as usual after.
"""

from __future__ import annotations

import gc

_paused = False
_frozen = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Freeze what is alive (once per process: later apps, as in tests, leave theirs to the
    collector) and undo `pause_collector`. Safe to call any number of times."""
    global _paused, _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    if _paused:
        _paused = False
        gc.enable()
