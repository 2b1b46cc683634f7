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

from kdquiz.commands.common import add_data_dir, output_format, resolve_data_dir
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
        help="output format (default: json for an -o file ending in .json, else csv)",
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
        "--class",
        dest="class_games",
        action="store_true",
        help="the answers of class games (`kdquiz host`) instead of quiz runs",
    )
    parser.add_argument(
        "--by",
        choices=["player", "question"],
        default="player",
        help="with --class and CSV: a row per player (default) or a row per answer",
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
    from kdquiz.core.files import read_capped

    files = []
    for name in paths:
        path = Path(name)
        # A folder, a FIFO or a device (`/dev/zero`) is refused before anything is read, and
        # the size cap holds while reading, whatever the file system says of the size.
        data = read_capped(path, "a results file", limit=MAX_FILE_BYTES)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{path} is not UTF-8 text: not a results file") from None
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


def _write(args: argparse.Namespace, text: str) -> None:
    """`text` to the --output file, or to the screen with anything unsafe shown as escapes."""
    from kdquiz.core.safe_text import data_output

    if args.output:
        from kdquiz.core.files import write_text

        write_text(Path(args.output), text)  # whole or not at all, never through a planted link
    else:
        with data_output(sys.stdout, table=args.fmt == "csv") as out:
            out.write(text)


def _write_class(args: argparse.Namespace) -> int:
    """`--class`: every answer of the class games hosted on this computer."""
    from kdquiz.commands import class_game_results
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.store import store_path
    from kdquiz.services import open_store

    if args.merge or args.by_question:
        raise UsageError(
            "--class exports this computer's class games: leave out --merge and --by-question"
        )
    data = resolve_data_dir(args)
    answers: list[Any] = []
    if store_path(data).exists():  # no store yet means no games yet; never create one
        store = open_store(data)
        try:
            answers = store.class_answers()
        finally:
            store.close()
    if args.deck:
        answers = [a for a in answers if a.key[0] == args.deck]
    if args.player is not None:
        answers = [a for a in answers if a.player == args.player]
    if args.fmt == "csv":
        text = class_game_results.to_csv(answers, args.by)
    else:
        text = class_game_results.to_json(answers)
    _write(args, text)
    if args.output:
        print(
            f"Wrote {plural(len(answers), 'answer')} to {safe_text(args.output)}.", file=sys.stderr
        )
    if not answers:
        print(
            "No class answers recorded yet: host a game with `kdquiz host DECK`.", file=sys.stderr
        )
    return 0


def run(args: argparse.Namespace) -> int:
    from kdquiz.core import class_results as results
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text

    args.fmt = output_format(args.fmt, args.output, "csv")
    if args.class_games:
        return _write_class(args)
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
    _write(args, text)
    if args.output:
        print(f"Wrote {plural(len(rows), 'run')} to {safe_text(args.output)}.", file=sys.stderr)
    if not rows:
        print(safe_text(results.why_none(every, args.deck, args.player)), file=sys.stderr)
    return 0
