"""`kdquiz backup`: copy the progress store now (or list the copies there are)."""

from __future__ import annotations

import argparse

from kdquiz.commands.common import add_data_dir, resolve_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "backup",
        help="copy your progress to the backups folder",
        description="Copy the progress store, consistently even while kdquiz is running, into the "
        "backups folder of the data directory. kdquiz also keeps daily copies by itself "
        "(7 daily, 4 weekly); copies made with this command are never deleted.",
    )
    parser.add_argument("--list", action="store_true", help="list the backups, newest first")
    add_data_dir(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from kdquiz.core.safe_text import safe_text, shell_word
    from kdquiz.core.store import store_path
    from kdquiz.core.store.backups import backup_dir, list_backups
    from kdquiz.services import open_store

    data = resolve_data_dir(args)
    path = store_path(data)
    if args.list:
        found = list_backups(path)
        for copy in found:
            when = datetime.fromtimestamp(copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            print(f"{when}  {safe_text(copy)}")
        if not found:
            print(f"No backups in {safe_text(backup_dir(path))}.")
        return 0
    with open_store(data) as store:
        copy = store.backup_now()
    print(f"Progress copied to {safe_text(copy)}")
    print(f"Restore it with: kdquiz restore {shell_word(str(copy))}")
    return 0
