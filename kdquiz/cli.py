"""Command line entry point. Commands that need no TUI never import textual (a test proves it)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kdquiz import __version__
from kdquiz.commands import COMMAND_MODULES
from kdquiz.errors import KdquizError, UsageError


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; this only makes the message name the command."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kdquiz",
        description="A quiz and flashcard learning game for the terminal. "
        "Run with no command to open the game.",
    )
    parser.add_argument("--version", action="version", version=f"kdquiz {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress and your own decks live (default: $KDQUIZ_DATA_DIR, "
        "else the platform's user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"kdquiz.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from kdquiz.commands.play import run_home

        func = run_home
    else:
        func = args.func
    try:
        return int(func(args) or 0)
    except UsageError as exc:
        print(f"kdquiz: {exc.message}", file=sys.stderr)
        return 2
    except KdquizError as exc:
        print(f"kdquiz: {exc.title}: {exc.message}" if exc.title else f"kdquiz: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kdquiz decks | head`: the reader left; say nothing more and exit quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
