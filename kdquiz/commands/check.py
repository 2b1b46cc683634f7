"""`kdquiz check PATH...`: validate deck files or folders. Exit 0 clean, 1 problems, 2 usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import DeckError, Problem, UsageError

TYPE_CHECKING = False  # typing is not imported at run time (see kdquiz.errors)

if TYPE_CHECKING:
    from kdquiz.core.model import Deck


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="validate deck files or folders",
        description="Validate deck files (or every .yaml/.yml in folders). "
        "Prints every problem as path:line:column: what is wrong. "
        "Exit status: 0 clean, 1 problems found, 2 usage error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    parser.add_argument(
        "--progress",
        action="store_true",
        help="also list cards whose text changed since they were last reviewed, and "
        "progress of cards that no longer exist (history is always kept)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="keep running and check again whenever a deck file is saved (Ctrl+C stops)",
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def check_paths(paths: list[str]) -> tuple[list[Deck], list[Problem]]:
    """Validate every deck file under `paths`; returns (decks that loaded, problems)."""
    from kdquiz.core.decks import deck_files, load_deck

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    files = deck_files(paths)
    if not files:
        raise UsageError(f"no .yaml or .yml deck files in {', '.join(paths)}")
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    good: list[Deck] = []
    for path in files:
        try:
            deck = load_deck(path)
        except DeckError as exc:
            problems.extend(exc.problems)
            continue
        if deck.id in ids:
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    f"deck id '{deck.id}' is also used by {ids[deck.id]}: deck ids must be unique",
                )
            )
            continue
        ids[deck.id] = str(path)
        good.append(deck)
    return good, problems


def run(args: argparse.Namespace) -> int:
    status = report(args)
    if not args.watch:
        return status
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.watch import watch

    print("Watching for changes; press Ctrl+C to stop.", flush=True)

    def again(changed: list[Path]) -> None:
        print(f"\n--- {', '.join(safe_text(p) for p in changed)} changed ---", flush=True)
        try:
            report(args)
        except UsageError as exc:  # a watched file was deleted: say so and keep watching
            print(f"kdquiz: {safe_text(exc.message)}", flush=True)

    try:
        watch(args.paths, again)
    except KeyboardInterrupt:
        return 0
    return 0


def report_progress(args: argparse.Namespace, decks: list[Deck]) -> bool:
    """Edited and orphaned cards: information for the author, never an error (progress is kept).
    The store's pages are checked in full too; returns whether they are damaged."""
    from kdquiz.core.plural import plural
    from kdquiz.core.progress_report import IssueKind, progress_report
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.store import store_path
    from kdquiz.services import open_store

    data = resolve_data_dir(args)
    path = store_path(data)
    if not path.exists():
        print("Progress: nothing reviewed yet.")
        return False
    store = open_store(data)
    try:
        damage = store.verify()  # opening skips this full read after a clean shutdown
        if not damage:  # a damaged store's rows are not read: they may not be what they seem
            issues = [i for i in progress_report(store, decks) if i.kind is not IssueKind.NO_DECK]
    finally:
        store.close()
    if damage:
        print(
            f"Progress store {safe_text(str(path))} is damaged (quick_check: "
            f"{safe_text('; '.join(damage[:3]))}). Restore a backup: `kdquiz backup --list` "
            "shows them, `kdquiz restore FILE` puts one back."
        )
        return True
    print("Progress store: checked, no damage found.")
    print(
        f"Progress: {plural(len(issues), 'card')} to look at."
        if issues
        else "Progress: every reviewed card still matches its deck."
    )
    for issue in issues:
        print(f"  {issue.kind}: {safe_text(issue)}")
    return False


def report(args: argparse.Namespace) -> int:
    from kdquiz.core.plural import plural

    decks, problems = check_paths(args.paths)
    for problem in problems:
        print(problem)
    if not args.quiet:
        files = {p.path for p in problems}
        if problems:
            print(
                f"\n{plural(len(problems), 'problem')} in {plural(len(files), 'file')}; "
                f"{plural(len(decks), 'deck')} fine."
            )
        else:
            print(f"{plural(len(decks), 'deck')} checked: no problems.")
    damaged = report_progress(args, decks) if args.progress else False
    sys.stdout.flush()
    return 1 if problems or damaged else 0
