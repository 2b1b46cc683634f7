"""`kdquiz import-history FILE`: bring in past reviews (py-fsrs CSV or Anki's review log)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, print_warnings, resolve_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-history",
        help="bring in past reviews for `kdquiz optimize` and the statistics",
        description="Read a review log: the py-fsrs CSV layout "
        "(card_id,review_rating,review_time,review_duration), Anki's revlog table "
        "(id,cid,usn,ease,ivl,lastIvl,factor,time,type) or the FSRS optimizer's "
        "revlog.csv. The reviews are added to your history; they never change what is "
        "due. Importing the same file twice adds nothing the second time.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the CSV file")
    parser.add_argument(
        "--deck",
        default="history",
        metavar="ID",
        help="the deck id to file the reviews under (default: history)",
    )
    parser.add_argument(
        "--skip-bad", action="store_true", help="import the readable rows even if some rows are bad"
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.commands.import_deck import text_progress
    from kdquiz.core.history_import import check_history, import_history
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text
    from kdquiz.services import make_services

    progress = (
        text_progress(sys.stderr, f"Reading {args.file.name}") if sys.stderr.isatty() else None
    )
    check = check_history(args.file, progress=progress)
    for problem in check.problems:
        print(safe_text(problem), file=sys.stderr)
    if check.bad > len(check.problems):
        print(f"... and {check.bad - len(check.problems)} more bad rows", file=sys.stderr)
    if check.bad and not args.skip_bad:
        print(
            f"{plural(check.bad, 'bad row')} in {safe_text(args.file)}; nothing was imported. Fix them, or "
            "add --skip-bad to import the other rows.",
            file=sys.stderr,
        )
        return 1
    services = make_services(resolve_data_dir(args))
    print_warnings(services.store.wait_for_backup())
    try:
        added = import_history(
            services.store, args.file, args.deck, progress=progress, checked=check
        )
    finally:
        services.store.close()
    skipped = f", {plural(check.skipped, 'non-review row')} skipped" if check.skipped else ""
    bad = f", {plural(check.bad, 'bad row')} left out" if check.bad else ""
    print(
        f"{safe_text(args.file)} ({check.layout} layout): {plural(check.reviews, 'review')} read, {added} new "
        f"added under deck '{safe_text(args.deck)}', {check.reviews - added} already there"
        f"{skipped}{bad}."
    )
    return 0
