"""`kdquiz new deck.yaml`: start a deck from a commented example of every card kind."""

from __future__ import annotations

import argparse
from pathlib import Path

from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="write a new deck with one commented example of every kind",
        description="Write a deck file with one commented example of every card "
        "kind, ready to edit. The deck id comes from the file name "
        "unless --id is given.",
    )
    parser.add_argument("path", metavar="DECK.yaml", help="the file to create")
    parser.add_argument("--id", dest="deck_id", metavar="ID", help="the deck id (a slug)")
    parser.add_argument("--title", metavar="TITLE", help="the deck title")
    parser.add_argument("-f", "--force", action="store_true", help="replace the file if it exists")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.commands.common import given_title
    from kdquiz.core.files import write_text
    from kdquiz.core.interchange.ids import is_slug
    from kdquiz.core.safe_text import safe_text, shell_word
    from kdquiz.core.template import template_text, title_from_filename

    path = Path(args.path)
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path} should end in .yaml so kdquiz finds it as a deck")
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists: choose another name or add --force to replace it")
    if args.deck_id is not None and not is_slug(args.deck_id):
        from kdquiz.core.deck_checks import SLUG_RULE

        raise UsageError(f"--id {args.deck_id!r} is not a slug: use {SLUG_RULE}")
    title = given_title(args.title) or title_from_filename(path.stem)
    text = template_text(args.deck_id or path.stem, title)
    write_text(path, text)
    word = shell_word(str(path))
    print(f"Wrote {safe_text(path)}: one example of every card kind. Edit it, then run:")
    print(f"  kdquiz check --watch {word}    (re-checks on every save)")
    print(f"  kdquiz preview {word}          (play it without touching your progress)")
    return 0
