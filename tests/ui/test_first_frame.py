"""What the home screen draws at start is text Rich measures without its Unicode width table.

Rich sizes Latin, Greek, Cyrillic and box-drawing text at once; one other character anywhere on
the screen (an ellipsis for a count not read yet, Textual's default header icon, an em dash)
imports its whole width table before the first frame, and with it a full garbage collection.
A fresh process, because any earlier test may have loaded the table already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import asyncio, sys
from pathlib import Path
from kdquiz.services import make_services
from kdquiz.ui.app import KdquizApp

async def main() -> None:
    services = make_services(Path(sys.argv[1]))
    app = KdquizApp(services)
    seen = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        seen.append(type(screen).__name__)
        table = screen.query_one("#decks")
        seen.append(str(table.get_row_at(0)[3]))  # a count: not read yet, or read
        for _ in range(200):  # then the counts from the store
            if screen.counts:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        seen.append(str(table.get_row_at(0)[3]))
    services.store.close()
    tables = [m for m in sys.modules if m.startswith("rich._unicode_data.unicode")]
    print("SEEN", *seen, "TABLES", *tables)

asyncio.run(main())
"""


def test_the_home_screen_never_needs_richs_unicode_width_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        env={"KDQUIZ_DATA_DIR": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg"), "PATH": ""},
        timeout=120,
        check=False,
    )
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert line.startswith("SEEN HomeScreen"), done.stderr[-3000:]
    seen, _, tables = line.partition(" TABLES")
    assert seen.split()[-1].isdigit(), seen  # the counts did come
    assert tables.split() == []
