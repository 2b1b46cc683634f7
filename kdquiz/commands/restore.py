"""`kdquiz restore FILE`: make the progress store a copy of a backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError

#: A backup this big (about 300,000 answers) takes more than a few seconds to check and copy:
#: the command says so before it starts, rather than sit silent.
LONG_RESTORE_BYTES = 20_000_000


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "restore",
        help="replace your progress with a backup",
        description="Replace the progress store with a copy of FILE (a backup from `kdquiz backup "
        "--list`, or any kdquiz progress store). FILE is checked first (its schema, "
        "its integrity and every row) and its rows are copied into a fresh store. The "
        "current store is kept: copied to the backups folder first, or, if it is "
        "damaged, renamed beside itself.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.files import InputFileError, regular_stat
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.store import store_path
    from kdquiz.core.store.restore import restore
    from kdquiz.services import utc_now

    try:
        size = regular_stat(args.file, "a backup", limit=1 << 40).st_size
    except InputFileError as exc:
        raise UsageError(f"{exc.message} (list backups with `kdquiz backup --list`)") from None
    path = store_path(resolve_data_dir(args))
    if args.file.resolve() == path.resolve():
        raise UsageError(f"{args.file} is the progress store itself; pick a backup to restore")
    if size >= LONG_RESTORE_BYTES:
        print(
            f"Checking and copying {safe_text(args.file)} ({size / 1e6:.0f} MB); "
            "a store this size takes a minute or so.",
            file=sys.stderr,
            flush=True,
        )
    result = restore(path, args.file, clock=utc_now)
    print(f"Restored {safe_text(path)} from {safe_text(args.file)}.")
    if result.safety_copy:
        print(f"Your progress as it was is saved in {safe_text(result.safety_copy)}")
    if result.moved_aside:
        print(f"The damaged store was moved aside to {safe_text(result.moved_aside)}")
    return 0
