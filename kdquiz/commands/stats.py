"""`kdquiz stats [--deck D] [--json]`: progress, forecast, calendar and retention as plain text."""

from __future__ import annotations

import argparse
import sys

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir
from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "stats",
        help="your progress: today, cards by state, forecast, calendar, retention",
        description="Today's reviews, card counts by state, the 30-day due forecast, a year's "
        "study "
        "calendar, true retention, accuracy by question kind and quiz personal bests. "
        "Charts are drawn with block characters and need no colour.",
    )
    parser.add_argument("--deck", metavar="DECK", default=None, help="only this deck (its id)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--streak",
        choices=("on", "off"),
        default=None,
        help="show the daily study streak from now on (on) or stop showing it (off)",
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from kdquiz.core.safe_text import data_output
    from kdquiz.core.stats import STREAK_PREF, collect
    from kdquiz.core.stats_text import render_stats
    from kdquiz.services import make_services

    services = make_services(resolve_data_dir(args))
    try:
        if args.deck is not None and services.catalog.deck(args.deck) is None:
            known = ", ".join(d.id for d in services.catalog.decks) or "none"
            raise UsageError(
                f"no deck with id '{args.deck}' (known: {known}); `kdquiz decks` lists them"
            )
        if args.streak is not None:
            services.store.set_pref(STREAK_PREF, args.streak)
        settings = services.settings
        rollover = (
            settings.for_deck(args.deck).rollover_hour
            if args.deck
            else settings.defaults.rollover_hour
        )
        stats = collect(
            services.store,
            services.catalog.decks,
            now=services.clock(),
            tz=settings.zone(),
            rollover_hour=rollover,
            deck_id=args.deck,
        )
    finally:
        services.store.close()  # waits for today's backup, made meanwhile
        print_warnings(services.store.warnings)
    if args.json:
        with data_output(sys.stdout) as out:
            print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False), file=out)
    else:
        print(render_stats(stats), end="")
    return 0
