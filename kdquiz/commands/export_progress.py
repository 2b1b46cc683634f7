"""`kdquiz export-progress`: write every card's state, the whole review log and the marks on
cards as CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, output_format, resolve_data_dir
from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export-progress",
        help="write your progress (states, review log, marks) as CSV or JSON",
        description="Write every item's scheduling state, the complete review log and the marks "
        "on cards (suspended, buried, flag). JSON keeps everything for `kdquiz import-progress`; "
        "CSV is one table for spreadsheets (a 'record' column says 'state', 'review' or 'mark') "
        "and imports back too.",
    )
    parser.add_argument(
        "--format",
        choices=("csv", "json"),
        help="default: csv for an -o file ending in .csv, else json",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of standard output"
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.files import replacing
    from kdquiz.core.plural import plural
    from kdquiz.core.progress_io import export_progress
    from kdquiz.core.safe_text import data_output, safe_text
    from kdquiz.core.store import store_path
    from kdquiz.services import open_store

    args.format = output_format(args.format, args.output, "json")
    data = resolve_data_dir(args)
    path = store_path(data)
    if not path.exists():
        raise UsageError(f"there is no progress yet ({path} does not exist)")
    with open_store(data) as store:
        if args.output is None:
            with data_output(sys.stdout, table=args.format == "csv") as out:
                export_progress(store, out, args.format)
            return 0
        try:
            with replacing(args.output, newline="") as out:
                states, log, marks = export_progress(store, out, args.format)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    print(
        f"Wrote {plural(states, 'item state')}, {plural(log, 'log row')} and "
        f"{plural(marks, 'marked card')} to {safe_text(args.output)}.",
        file=sys.stderr,
    )
    return 0
