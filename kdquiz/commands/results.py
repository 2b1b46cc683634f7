"""`kdquiz results [DECK] --format csv|json`: one row per quiz run, for a teacher to collect.

Each row: player, date, mode, decks, score, correct, total, accuracy, best streak, seconds, and
right or wrong for every question asked. In CSV the questions are columns (`deck/card`, or
`deck/card/c1` for a cloze gap) holding `right`, `wrong` or nothing when not asked in that run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kdquiz.commands.common import add_data_dir, resolve_data_dir

FIXED_COLUMNS = [
    "player",
    "date",
    "mode",
    "decks",
    "score",
    "correct",
    "total",
    "accuracy",
    "best_streak",
    "seconds",
]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "results",
        help="write every quiz run as CSV or JSON (for a teacher)",
        description="Write one row per quiz run: player (set with `kdquiz quiz --player NAME`), "
        "date, mode, score, accuracy and right or wrong per question.",
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
    parser.add_argument("--player", metavar="NAME", help="only this player's runs")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the screen"
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
    add_data_dir(parser)
    parser.set_defaults(func=run)


def question_key(key: Sequence[str]) -> str:
    deck, card, sub = (list(key) + ["", "", ""])[:3]
    return "/".join(part for part in (deck, card, sub) if part)


def run_rows(
    games: Sequence[Any], deck: str | None = None, player: str | None = None
) -> list[dict]:
    """Rows for the selected runs, oldest first; `games` are the store's GameRecords."""
    rows = []
    for game in games:
        if deck and deck not in game.deck_ids:
            continue
        if player is not None and game.player != player:
            continue
        rows.append(
            {
                "player": game.player,
                "date": game.finished.astimezone().isoformat(timespec="seconds"),
                "mode": game.mode,
                "decks": " ".join(game.deck_ids),
                "score": game.score,
                "correct": game.correct,
                "total": game.total,
                "accuracy": round(game.correct / game.total, 3) if game.total else 0.0,
                "best_streak": game.best_streak,
                "seconds": round((game.finished - game.started).total_seconds()),
                # A classic round's planned questions (0: no set length); a round the player
                # ended early is kept, and never counted as a personal best.
                "length": game.length,
                "ended_early": not game.complete,
                "answers": [
                    {"question": question_key(key), "correct": bool(ok)} for key, ok in game.answers
                ],
            }
        )
    return rows


def to_csv(rows: list[dict]) -> str:
    import csv
    import io

    questions: list[str] = []
    for row in rows:
        for answer in row["answers"]:
            if answer["question"] not in questions:
                questions.append(answer["question"])
    from kdquiz.core.spreadsheet import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in [*FIXED_COLUMNS, *questions]])
    for row in rows:
        marks = {a["question"]: ("right" if a["correct"] else "wrong") for a in row["answers"]}
        cells = [row[c] for c in FIXED_COLUMNS] + [marks.get(q, "") for q in questions]
        writer.writerow([safe_cell(c) for c in cells])  # player names are typed by anyone
    return out.getvalue()


def to_json(rows: list[dict]) -> str:
    import json

    return json.dumps({"runs": rows}, indent=2, ensure_ascii=False) + "\n"


def _write(args: argparse.Namespace, text: str) -> None:
    """`text` to the --output file, or to the screen with anything unsafe shown as escapes."""
    from kdquiz.core.safe_text import data_output

    if args.output:
        target = Path(args.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        with data_output(sys.stdout, table=args.fmt == "csv") as out:
            out.write(text)


def _write_class(args: argparse.Namespace, answers: list[Any]) -> int:
    from kdquiz.commands import class_results
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text

    if args.deck:
        answers = [a for a in answers if a.key[0] == args.deck]
    if args.player is not None:
        answers = [a for a in answers if a.player == args.player]
    if args.fmt == "csv":
        text = class_results.to_csv(answers, args.by)
    else:
        text = class_results.to_json(answers)
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
    from kdquiz.core.plural import plural
    from kdquiz.core.safe_text import safe_text
    from kdquiz.core.store import store_path
    from kdquiz.services import open_store

    data = resolve_data_dir(args)
    path = store_path(data)
    games: list[Any] = []
    if path.exists():  # no store yet means no runs yet; never create one just to read it
        store = open_store(data)
        try:
            games = store.class_answers() if args.class_games else store.games()
        finally:
            store.close()
    if args.class_games:
        return _write_class(args, games)
    rows = run_rows(games, args.deck, args.player)
    text = to_csv(rows) if args.fmt == "csv" else to_json(rows)
    _write(args, text)
    if args.output:
        print(f"Wrote {plural(len(rows), 'run')} to {safe_text(args.output)}.", file=sys.stderr)
    if not rows:
        print(
            "No quiz runs recorded yet"
            + (f" for deck '{safe_text(args.deck)}'" if args.deck else "")
            + ": play one with `kdquiz quiz DECK --player NAME`.",
            file=sys.stderr,
        )
    return 0
