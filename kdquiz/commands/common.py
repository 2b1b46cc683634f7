"""Helpers shared by commands: the data directory and the decks a command should see."""

from __future__ import annotations

import argparse
from pathlib import Path

from kdquiz.locations import data_dir


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return data_dir(getattr(args, "data_dir", None))


def print_warnings(warnings: list[str]) -> None:
    """Things the learner should know that stop nothing (a backup that could not be made).
    A warning names folders of the data directory, which may hold any character: safe text."""
    import sys

    from kdquiz.core.safe_text import safe_text

    for warning in warnings:
        print(f"kdquiz: warning: {safe_text(warning)}", file=sys.stderr)


def given_title(title: str | None) -> str | None:
    """--title as typed, spaces collapsed; refused when it holds a character a deck may not
    (a control, bidi or invisible one), so the deck written is always a valid one."""
    if title is None:
        return None
    from kdquiz.core.safe_text import safe_text, shows_as_is
    from kdquiz.errors import UsageError

    if not shows_as_is(title):
        raise UsageError(
            f"--title {safe_text(title)} holds a control, bidi or invisible character, which a "
            "deck may not: type the title without it"
        )
    return " ".join(title.split())


def output_format(given: str | None, output: str | Path | None, default: str) -> str:
    """--format as typed; without one, what the -o file's name says (`.csv`, `.json`), so
    `-o results.json` never holds CSV (nor `-o progress.csv` JSON); else `default`."""
    if given is not None:
        return given
    ending = Path(output).suffix.lower() if output else ""
    return {".csv": "csv", ".json": "json"}.get(ending, default)


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """Also accept --data-dir after the command name (`kdquiz decks --data-dir X`)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where progress and your own decks live",
    )
