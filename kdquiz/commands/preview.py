"""`kdquiz preview deck.yaml`: play a deck you are writing, in practice mode, with a scratch store.

The game runs on a data directory made for this run and deleted afterwards, so an author's own
progress, history and settings are never touched, and the shipped decks stay out of the way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "preview",
        help="play a deck file in practice mode without touching your progress",
        description="Open the game on one deck file in practice mode, with a scratch progress store "
        "that is thrown away afterwards.",
    )
    parser.add_argument("path", metavar="DECK.yaml", help="the deck file to play")
    parser.add_argument("--tag", default="", help="only cards with this tag")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain line-by-line text for screen readers, dumb terminals and pipes",
    )
    # Accepted for symmetry with the other commands; preview never uses it.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="ignored: preview always plays on a scratch data directory",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from kdquiz.core.decks import load_deck

    path = Path(args.path)
    if not path.is_file():
        raise UsageError(f"no such deck file: {path}")
    deck = load_deck(path)  # problems are reported here, with file:line, before anything opens
    if not args.plain and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("not a terminal: add --plain to preview line by line through a pipe.")
    with tempfile.TemporaryDirectory(prefix="kdquiz-preview-") as scratch:
        return play_scratch(Path(scratch), path, deck.id, tag=args.tag, plain=args.plain)


def play_scratch(
    scratch: Path, path: Path, deck_id: str, *, tag: str = "", plain: bool = False
) -> int:
    """Practice `deck_id` from `path` with every service built on `scratch` (never the user's data)."""
    from kdquiz.commands.play import run_tui
    from kdquiz.core.plan import Activity, Plan
    from kdquiz.services import make_services

    services = make_services(scratch, [path], include_shipped=False)
    plan = Plan(Activity.PRACTICE, (deck_id,), tag, preview=True)
    try:
        if plain:
            from kdquiz.plain import run_plain

            return run_plain(services, plan, sys.stdin, sys.stdout)
        return run_tui(services, plan)
    finally:
        services.store.close()
