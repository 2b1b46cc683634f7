"""`kdquiz import-progress FILE`: merge a progress export back into the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import-progress", help="merge a file from `kdquiz export-progress` into your progress",
        description="Read a file written by `kdquiz export-progress` and merge it: log rows not yet "
                    "present are added, and an item's state is taken when it was reviewed later "
                    "than the one stored. Importing the same file twice changes nothing. A backup "
                    "is made first.")
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--format", choices=("csv", "json"),
                        help="default: from the file name (.csv or .json)")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kdquiz.core.progress_io import import_progress
    from kdquiz.core.safe_text import safe_text
    from kdquiz.services import open_store

    fmt = args.format or args.file.suffix.lower().lstrip(".")
    if fmt not in ("csv", "json"):
        raise UsageError(f"cannot tell the format of {args.file}; add --format csv or --format json")
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{args.file} is not UTF-8 text") from None
    with open_store(resolve_data_dir(args)) as store:
        copy = store.backup_now("before-import")
        states, log = import_progress(store, text, fmt, str(args.file))
    print(f"Imported {states} item states and {log} log rows from {safe_text(args.file)} "
          f"(a copy of your progress before the import is in {safe_text(copy)}).")
    return 0
