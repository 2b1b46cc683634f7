"""`kdquiz results [DECK] --format csv|json`: one row per quiz run, for a teacher to collect.

Each row: player, date (local time), mode, decks, score, correct, total, accuracy, best streak,
seconds, and right or wrong for every question asked. In CSV the questions are columns
(`deck/card`, or `deck/card/c1` for a cloze gap) holding `right`, `wrong` or nothing when not
asked in that run. `--merge` reads result files from several computers into one table instead;
`--by-question` writes each question's text and class average instead of the runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kdquiz.commands.common import add_data_dir, resolve_data_dir
from kdquiz.errors import UsageError

#: Longest question text shown beside its id.
TEXT_WIDTH = 120


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "results",
        help="write every quiz run as CSV or JSON (for a teacher)",
        description="Write one row per quiz run: player (set with `kdquiz quiz --player NAME`), "
        "date, mode, score, accuracy and right or wrong per question. With --merge, the runs "
        "of result files collected from several computers, as one table.",
    )
    parser.add_argument(
        "deck", nargs="?", metavar="DECK", help="only runs that included this deck id"
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=["csv", "json"],
        default="csv",
        help="output format (default csv)",
    )
    parser.add_argument("--player", metavar="NAME", help="only this player's runs (exact name)")
    parser.add_argument(
        "--merge",
        nargs="+",
        metavar="FILE",
        help="read these result CSV files (written by `kdquiz results`) instead of this "
        "computer's runs, and merge them",
    )
    parser.add_argument(
        "--by-question",
        action="store_true",
        help="one row per question: its text, how often it was asked and the class average",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the screen"
    )
    add_data_dir(parser)
    parser.set_defaults(func=run)


def _store_rows(data: Path) -> list[dict[str, Any]]:
    from kdquiz.core.class_results import rows_from_games
    from kdquiz.core.store import store_path
    from kdquiz.services import open_store

    if not store_path(data).exists():  # no store yet means no runs yet; never create one
        return []
    store = open_store(data)
    try:
        return rows_from_games(store.games())
    finally:
        store.close()


def _file_rows(paths: list[str]) -> list[dict[str, Any]]:
    from kdquiz.core.class_results import MAX_FILE_BYTES, merged, read_results_csv

    files = []
    for name in paths:
        path = Path(name)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UsageError(
                    f"{path} is over {MAX_FILE_BYTES // 2**20} MiB: not a results file"
                )
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{path} is not UTF-8 text: not a results file") from None
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        files.append(read_results_csv(text, str(path)))
    return merged(files)


def _question_texts(data: Path) -> Any:
    """question id -> its text on one line, from the decks on this computer ("" if unknown)."""
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.interchange.common import question_text

    catalog = load_catalog(data, use_cache=False)  # reading results never writes anything

    def text_of(question: str) -> str:
        deck_id, _, rest = question.partition("/")
        deck = catalog.deck(deck_id)
        card = deck.card(rest.split("/")[0]) if deck is not None else None
        if card is None:
            return ""
        text = " ".join(question_text(card).split())
        return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 3] + "..."

    return text_of


def run(args: argparse.Namespace) -> int:
    from kdquiz.core import class_results as results
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import data_output, safe_text

    data = resolve_data_dir(args)
    every = _file_rows(args.merge) if args.merge else _store_rows(data)
    rows = results.selected(every, args.deck, args.player)
    summaries = []
    if args.by_question or args.fmt == "json":
        summaries = results.by_question(rows, _question_texts(data) if rows else lambda q: "")
    if args.fmt == "json":
        text = results.to_json(rows, summaries)
    elif args.by_question:
        text = results.questions_csv(summaries)
    else:
        text = results.to_csv(rows)
    if args.output:
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        print(f"Wrote {plural(len(rows), 'run')} to {safe_text(target)}.", file=sys.stderr)
    else:
        with data_output(sys.stdout, table=args.fmt == "csv") as out:
            out.write(text)
    if not rows:
        print(safe_text(results.why_none(every, args.deck, args.player)), file=sys.stderr)
    return 0
