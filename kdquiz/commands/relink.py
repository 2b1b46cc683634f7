"""`kdquiz relink DECK OLD_ID NEW_ID`: move a renamed card's history to its new id."""

from __future__ import annotations

import argparse

from kdquiz.commands.common import add_data_dir, resolve_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "relink",
        help="move a renamed card's progress to its new id",
        description="Progress is kept by deck id and card id. When a card's id changed, its history "
        "stays under the old id (listed as orphaned by `kdquiz check --progress`); this "
        "moves the states and the review log to the new id.",
    )
    parser.add_argument("deck", metavar="DECK", help="the deck id")
    parser.add_argument("old_id", metavar="OLD_ID", help="the card id the progress is under")
    parser.add_argument("new_id", metavar="NEW_ID", help="the card's id now")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text
    from kdquiz.services import open_store

    with open_store(resolve_data_dir(args)) as store:
        states, log = store.relink(args.deck, args.old_id, args.new_id)
    print(
        f"Deck '{safe_text(args.deck)}': moved {plural(states, 'item state')} and {plural(log, 'log row')} from "
        f"card '{safe_text(args.old_id)}' to '{safe_text(args.new_id)}'."
    )
    return 0
