"""`kdquiz import-progress FILE`: merge a progress export back into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-progress",
        help="merge a file from `kdquiz export-progress` into your progress",
        description="Read a file written by `kdquiz export-progress` and merge it: log rows not yet "
        "present are added, an item's state is taken when it was reviewed later "
        "than the one stored, and the marks of each card in the file (suspended, buried, flag) "
        "are taken as they are (`kdquiz cards --undo` takes them back). Importing the same "
        "file twice changes nothing. A backup is made first.",
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument(
        "--format", choices=("csv", "json"), help="default: from the file name (.csv or .json)"
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the good records even if some records are bad",
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.commands.import_deck import text_progress
    from kdquiz.core.files import open_regular
    from kdquiz.core.plural import plural
    from kdquiz.core.progress_io import MAX_FILE_BYTES, check_progress, merge_progress
    from kdquiz.core.safe_text import safe_text
    from kdquiz.services import open_store

    # A missing, unreadable or odd file is said first, whatever its name tells of its format.
    open_regular(args.file, "a progress file", limit=MAX_FILE_BYTES).close()
    fmt = args.format or args.file.suffix.lower().lstrip(".")
    if fmt not in ("csv", "json"):
        raise UsageError(
            f"cannot tell the format of {args.file}; add --format csv or --format json"
        )
    progress = (
        text_progress(sys.stderr, f"Importing {args.file.name}") if sys.stderr.isatty() else None
    )
    # Checked before the store is opened: a bad file changes nothing, not even the backups.
    result = check_progress(args.file, fmt, skip_bad=args.skip_bad, progress=progress)
    with open_store(resolve_data_dir(args)) as store:
        copy = store.backup_now("before-import")
        merge_progress(store, args.file, fmt, result, progress=progress)
    for problem in [*result.problems, result.unlisted()]:
        if problem:
            print(safe_text(problem), file=sys.stderr)
    skipped = (
        f"; {plural(result.bad, 'bad record')} {'was' if result.bad == 1 else 'were'} skipped"
        if result.bad
        else ""
    )
    print(
        f"Imported {plural(result.states, 'item state')}, {plural(result.log, 'log row')} and "
        f"the marks of {plural(result.marks, 'card')} from "
        f"{safe_text(args.file)}{skipped} (a copy of your progress before the import is in "
        f"{safe_text(copy)})."
    )
    if result.mark_batch:
        print("Take the imported marks back with: kdquiz cards --undo")
    return 0
