"""Commands that need no TUI never import Textual, and the core never imports the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DECK = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["decks"], ["check", str(DECK)],
                                  ["check", "--help"], ["decks", "--help"]])
def test_headless_commands_do_not_load_textual(argv: list[str], tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kdquiz.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in ('textual', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"KDQUIZ_DATA_DIR": str(tmp_path), "PATH": ""}, check=False)
    assert "LOADED []" in out.stderr, out.stderr


def test_core_modules_do_not_import_the_ui() -> None:
    root = Path(__file__).parents[1] / "kdquiz" / "core"
    modules = sorted("kdquiz.core." + ".".join(p.relative_to(root).with_suffix("").parts)
                     for p in root.rglob("*.py") if p.name != "__init__.py")
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "print(sorted(m for m in ('textual', 'rich', 'kdquiz.ui') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
