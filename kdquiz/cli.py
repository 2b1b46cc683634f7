"""Command line entry point. Commands that need no TUI never import textual (a test proves it)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kdquiz import __version__
from kdquiz.commands import COMMAND_MODULES, COMMANDS
from kdquiz.errors import KdquizError, UsageError

TYPE_CHECKING = False  # typing is not imported at run time (see kdquiz.errors)
if TYPE_CHECKING:
    from typing import NoReturn


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; this only makes the message name the command,
    and shows the words it echoes (a file name, a mistyped choice) as safe text."""

    def error(self, message: str) -> NoReturn:
        from kdquiz.core.safe_text import safe_text

        super().error(safe_text(message))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `command` (a key of COMMANDS) one with only that command's module
    registered: it parses that command's lines exactly as the whole one would, and spares every
    run importing and registering the other sixteen modules."""
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
    for name in [COMMANDS[command]] if command else COMMAND_MODULES:
        importlib.import_module(f"kdquiz.commands.{name}").register(sub)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command of a line shaped `[--data-dir DIR]... COMMAND ...`, else None.

    Only that plain shape is recognised; anything else (--help, --version, a typo, an abbreviated
    or dubious option) gets the whole parser, so its messages stay argparse's own.
    """
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--data-dir" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 2
        elif word.startswith("--data-dir="):
            i += 1
        else:
            return word if word in COMMANDS else None
    return None


def error_text(exc: KdquizError) -> str:
    """The message of `exc` as one may show it: the paths and file content it echoes are safe text,
    and only an error whose lines are each made safe where they are written (`safe_lines`: deck
    and progress file problems) keeps several lines."""
    from kdquiz.core.safe_text import safe_text

    if getattr(exc, "safe_lines", False):
        message = "\n".join(safe_text(line) for line in exc.message.split("\n"))
    else:
        message = safe_text(exc.message)
    title = "" if isinstance(exc, UsageError) else safe_text(exc.title)
    return f"{title}: {message}" if title else message


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(command_named(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        from kdquiz.commands.play import run_home

        func = run_home
    else:
        func = args.func
    try:
        return int(func(args) or 0)
    except UsageError as exc:
        print(f"kdquiz: {error_text(exc)}", file=sys.stderr)
        return 2
    except KdquizError as exc:
        print(f"kdquiz: {error_text(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kdquiz decks | head`: the reader left; say nothing more and exit quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        # The system refused a file a command was given (an output that is a folder, a full or
        # read-only disk): the learner gets its name and the reason, never a traceback. The name
        # is the one typed, so it is shown as safe text like every other message.
        from kdquiz.core.safe_text import safe_text

        where = f"{safe_text(exc.filename)}: " if exc.filename else ""
        print(f"kdquiz: {where}{safe_text(exc.strerror or exc)}", file=sys.stderr)
        return 1
