"""Child process for budget 1: start an app headless (`run_test`) and print when its first frame is drawn.

    python -m bench.paint_probe bare            # a bare Textual app showing one Label
    python -m bench.paint_probe home DATA_DIR   # kdquiz's home screen, built like the CLI builds it

The parent times from spawning this process to reading the "painted" line, so interpreter start,
imports, opening the store and loading decks all count, as they do for a learner. The line also
gives the process's CPU time at that moment: on a busy machine the wall time includes waiting for
a core, which the CPU time does not. "Painted" is the
first compositor update the app hands to its driver for the wanted screen (Textual's `_display`;
headless drivers discard it, but it is computed exactly as for a terminal).
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

SIZE = (100, 32)


def probe(app, wanted: str | None):  # type: ignore[no-untyped-def]
    """Hook `app` (on the instance, so the class and its CSS paths stay as they are) to report
    its first painted frame of the screen class named `wanted` (any screen when None)."""
    original = app._display
    app.painted = False

    def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if (
            not app.painted
            and renderable is not None
            and not app._batch_count
            and (wanted is None or type(screen).__name__ == wanted)
        ):
            app.painted = True
            sys.stdout.write(f"painted {time.process_time() * 1000:.3f}\n")
            sys.stdout.flush()

    app._display = display
    return app


async def _drive(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):
            if app.painted:
                break
            await pilot.pause(0.01)


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Label

        class BareApp(App[None]):
            def compose(self) -> ComposeResult:
                yield Label("Hello")

        app = probe(BareApp(), None)
        asyncio.run(_drive(app))
        return 0
    from kdquiz.services import make_services
    from kdquiz.ui.app import KdquizApp

    services = make_services(Path(argv[1]))
    try:
        app = probe(KdquizApp(services), "HomeScreen")
        asyncio.run(_drive(app))
    finally:
        services.store.close()
    return 0 if app.painted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
