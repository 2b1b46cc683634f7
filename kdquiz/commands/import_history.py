"""`kdquiz import-history FILE`: bring in past reviews (py-fsrs CSV or Anki's review log)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError

SHOWN_PROBLEMS = 20


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
    from kdquiz.core.history_import import parse_history, to_log_entries
    from kdquiz.core.safe_text import safe_text
    from kdquiz.services import make_services

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"{args.file} is not UTF-8 text; save it as UTF-8 CSV and try again"
        ) from None
    parsed = parse_history(text, str(args.file))
    for problem in parsed.problems[:SHOWN_PROBLEMS]:
        print(safe_text(problem), file=sys.stderr)
    if len(parsed.problems) > SHOWN_PROBLEMS:
        print(f"... and {len(parsed.problems) - SHOWN_PROBLEMS} more bad rows", file=sys.stderr)
    if parsed.problems and not args.skip_bad:
        print(
            f"{len(parsed.problems)} bad row(s) in {safe_text(args.file)}; nothing was imported. Fix them, or "
            "add --skip-bad to import the other rows.",
            file=sys.stderr,
        )
        return 1
    services = make_services(resolve_data_dir(args))
    try:
        _, added = services.store.import_rows([], to_log_entries(parsed.reviews, args.deck))
    finally:
        services.store.close()
    skipped = f", {parsed.skipped} non-review rows skipped" if parsed.skipped else ""
    bad = f", {len(parsed.problems)} bad rows left out" if parsed.problems else ""
    print(
        f"{safe_text(args.file)} ({parsed.layout} layout): {len(parsed.reviews)} reviews read, "
        f"{added} new added under deck '{safe_text(args.deck)}', {len(parsed.reviews) - added} already there"
        f"{skipped}{bad}."
    )
    return 0
