"""Commands that need no TUI never import Textual, and the core never imports the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DECK = Path(__file__).parent / "fixtures" / "minimal.yaml"


def loaded_modules(argv: list[str], data_dir: Path) -> set[str]:
    """Every module a fresh `kdquiz ARGV` process has imported by the time it exits."""
    code = (
        "import sys\n"
        "from kdquiz.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', *sorted(sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"KDQUIZ_DATA_DIR": str(data_dir), "PATH": ""},
        check=False,
    )
    last = out.stderr.splitlines()[-1] if out.stderr else ""
    assert last.startswith("LOADED "), out.stderr
    return set(last.split()[1:])


def top_level(modules: set[str]) -> set[str]:
    return {m.partition(".")[0] for m in modules}


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["decks"],
        ["check", str(DECK)],
        ["check", "--help"],
        ["decks", "--help"],
    ],
)
def test_headless_commands_do_not_load_textual(argv: list[str], tmp_path: Path) -> None:
    assert not top_level(loaded_modules(argv, tmp_path)) & {"textual", "rich"}


def test_help_imports_only_the_parser(tmp_path: Path) -> None:
    """Every invocation builds the whole parser, so building it must not import the work."""
    loaded = loaded_modules(["--help"], tmp_path)
    assert not top_level(loaded) & {"textual", "rich", "yaml", "sqlite3", "fsrs", "pickle"}
    kdquiz = {m for m in loaded if m.startswith("kdquiz")}
    assert kdquiz - {"kdquiz", "kdquiz.cli", "kdquiz.errors", "kdquiz.locations"} == {
        m for m in kdquiz if m.startswith("kdquiz.commands")
    }


def test_check_imports_only_what_checking_needs(tmp_path: Path) -> None:
    loaded = loaded_modules(["check", "--quiet", str(DECK)], tmp_path)
    assert "yaml" in loaded and "kdquiz.core.decks" in loaded
    assert not top_level(loaded) & {"textual", "rich", "sqlite3", "fsrs", "pickle"}
    # Reading a card is its kind's job, and a kind's module holds its grading too (which needs the
    # text comparisons); nothing else of the core or the UI.
    assert not {
        m
        for m in loaded
        if m.startswith(("kdquiz.core.", "kdquiz.ui")) and not m.startswith("kdquiz.core.kinds")
    } - {
        "kdquiz.core.decks",
        "kdquiz.core.deck_checks",
        "kdquiz.core.deck_files",
        "kdquiz.core.files",
        "kdquiz.core.model",
        "kdquiz.core.kind",
        "kdquiz.core.cards",
        "kdquiz.core.closed_pattern",  # a cloze's gaps found in linear time, importing only `re`
        "kdquiz.core.card_base",
        "kdquiz.core.yamlsafe",
        "kdquiz.core.textnorm",
        "kdquiz.core.inflection",
        "kdquiz.core.hangul",  # Korean typed letter by letter, importing nothing
        "kdquiz.core.numbers",
        "kdquiz.core.plural",  # "1 deck checked": counts in words, importing nothing
    }


def test_core_modules_do_not_import_the_ui() -> None:
    root = Path(__file__).parents[1] / "kdquiz" / "core"
    modules = sorted(
        "kdquiz.core." + ".".join(p.relative_to(root).with_suffix("").parts)
        for p in root.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(sorted(m for m in ('textual', 'rich', 'kdquiz.ui') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The kdquiz modules `module` imports anywhere in its file: at the top, inside functions and
    under TYPE_CHECKING alike (a loop through any of them is a loop in the design)."""
    import ast

    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            # `from package import module` names the module; any other name, the package.
            found.update(
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            )
    return {name for name in found if name in known and name != module}


def test_no_module_of_kdquiz_imports_one_that_imports_it_back() -> None:
    root = Path(__file__).parents[1] / "kdquiz"
    paths = {
        ".".join(("kdquiz", *p.relative_to(root).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): p
        for p in root.rglob("*.py")
    }
    graph = {module: _imports(path, module, set(paths)) for module, path in paths.items()}
    # Tarjan's strongly connected components: any with more than one module is a loop.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert loops == []
