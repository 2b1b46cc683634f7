"""A class's quiz runs as a table: from this computer's store or from result files, merged.

Rows are plain dicts (player, date, mode, decks, score, correct, total, accuracy, best_streak,
seconds, answers) so the CSV and JSON writers and the merge share one shape. Dates are local
time, written `YYYY-MM-DD HH:MM`, which sorts and reads the same in every spreadsheet.

A result file comes from another computer, so it is untrusted: its header must be the one kdquiz
writes, each number a number, each answer `right`, `wrong` or empty; a problem names the file and
line. The same run found in two files (a file collected twice) is kept once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kdquiz.core.spreadsheet import neutralised_text, safe_cell
from kdquiz.errors import DeckError, Problem

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
_INTEGERS = ("score", "correct", "total", "best_streak", "seconds")
DATE_FORMAT = "%Y-%m-%d %H:%M"
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_QUESTIONS = 10_000


class ResultsFileError(DeckError):
    """A result file that is not one `kdquiz results` wrote; each problem has its line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, title="Cannot read results")


def local_date(moment: datetime) -> str:
    return moment.astimezone().strftime(DATE_FORMAT)


def question_key(key: Sequence[str]) -> str:
    deck, card, sub = (list(key) + ["", "", ""])[:3]
    return "/".join(part for part in (deck, card, sub) if part)


def rows_from_games(games: Iterable[Any]) -> list[dict[str, Any]]:
    """Rows of the store's GameRecords, oldest first."""
    rows = []
    for game in games:
        rows.append(
            {
                "player": game.player,
                "date": local_date(game.finished),
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


def selected(
    rows: list[dict[str, Any]], deck: str | None = None, player: str | None = None
) -> list[dict[str, Any]]:
    return [
        row
        for row in rows
        if (not deck or deck in row["decks"].split())
        and (player is None or row["player"] == player)
    ]


def why_none(rows: list[dict[str, Any]], deck: str | None, player: str | None) -> str:
    """Why no row was selected, in words a teacher can act on."""
    if not rows:
        return "No quiz runs recorded yet: play one with `kdquiz quiz DECK --player NAME`."
    decks = sorted({d for row in rows for d in row["decks"].split()})
    if deck and deck not in decks:
        return f"No run included the deck '{deck}'; the runs are of: {', '.join(decks)}."
    players = sorted({row["player"] for row in rows})
    if player is not None and player not in players:
        same = [p for p in players if p.casefold() == player.casefold()]
        if same:
            return (
                f"No runs by '{player}'; names must match exactly, including capitals: "
                f"did you mean '{same[0]}'?"
            )
        return f"No runs by '{player}'; the players are: {', '.join(p or '(no name)' for p in players)}."
    return f"No run of deck '{deck}' by '{player}'."


def merged(files: Sequence[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The runs of every file, oldest first; a run found in several files is kept once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for rows in files:
        for row in rows:
            marks = tuple((a["question"], a["correct"]) for a in row["answers"])
            key = (*(row[c] for c in FIXED_COLUMNS), marks)
            if key not in seen:
                seen.add(key)
                out.append(row)
    return sorted(out, key=lambda row: row["date"])


def read_results_csv(text: str, path: str) -> list[dict[str, Any]]:
    """The runs in a CSV file written by `kdquiz results` (on any computer)."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = next(reader, None)
    if (
        header is None
        or [neutralised_text(h) for h in header[: len(FIXED_COLUMNS)]] != FIXED_COLUMNS
    ):
        raise ResultsFileError(
            [
                Problem(
                    path,
                    1,
                    1,
                    "this is not a results file: its first line must start with "
                    f"{','.join(FIXED_COLUMNS)} (write one with `kdquiz results -o FILE`)",
                )
            ]
        )
    questions = [neutralised_text(h) for h in header[len(FIXED_COLUMNS) :]]
    if len(questions) > MAX_QUESTIONS:
        raise ResultsFileError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"{len(questions):,} question columns; the limit is {MAX_QUESTIONS:,}",
                )
            ]
        )
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(path, line, 1, f"{len(cells)} cells, but the header has {len(header)}")
            )
            continue
        row = _row(dict(zip(FIXED_COLUMNS, (neutralised_text(c) for c in cells))), path, line)
        if isinstance(row, Problem):
            problems.append(row)
            continue
        answers = []
        for column, (question, mark) in enumerate(zip(questions, cells[len(FIXED_COLUMNS) :])):
            if mark not in ("right", "wrong", ""):
                problems.append(
                    Problem(
                        path,
                        line,
                        len(FIXED_COLUMNS) + column + 1,
                        f"{question}: {mark[:20]!r} should be right, wrong or empty",
                    )
                )
                break
            if mark:
                answers.append({"question": question, "correct": mark == "right"})
        row["answers"] = answers
        rows.append(row)
    if problems:
        raise ResultsFileError(problems)
    return rows


def _row(cells: dict[str, str], path: str, line: int) -> dict[str, Any] | Problem:
    row: dict[str, Any] = dict(cells)
    for name in _INTEGERS:
        try:
            row[name] = int(cells[name])
        except ValueError:
            return Problem(
                path,
                line,
                FIXED_COLUMNS.index(name) + 1,
                f"{name} {cells[name][:20]!r} is not a whole number",
            )
    try:
        row["accuracy"] = float(cells["accuracy"])
        row["date"] = _date(cells["date"])
    except ValueError:
        return Problem(
            path, line, 2, f"date {cells['date'][:30]!r} is not a date like 2025-03-01 18:00"
        )
    return row


def _date(text: str) -> str:
    """A date as the file wrote it (local time, or an ISO time with its offset) in local time."""
    try:
        return datetime.strptime(text, DATE_FORMAT).strftime(DATE_FORMAT)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return local_date(moment) if moment.tzinfo else moment.strftime(DATE_FORMAT)


@dataclass(frozen=True)
class QuestionSummary:
    question: str  # deck/card[/gap]
    text: str  # the question as plain text, "" where the deck is not on this computer
    asked: int
    right: int

    @property
    def average(self) -> float:
        return round(self.right / self.asked, 3) if self.asked else 0.0


def by_question(rows: list[dict[str, Any]], text_of: Callable[[str], str]) -> list[QuestionSummary]:
    """Each question's class average over the rows, in the order first asked."""
    asked: dict[str, list[int]] = {}
    for row in rows:
        for answer in row["answers"]:
            counts = asked.setdefault(answer["question"], [0, 0])
            counts[0] += 1
            counts[1] += bool(answer["correct"])
    return [QuestionSummary(q, text_of(q), n, r) for q, (n, r) in asked.items()]


def to_csv(rows: list[dict[str, Any]]) -> str:
    questions: list[str] = []
    for row in rows:
        for answer in row["answers"]:
            if answer["question"] not in questions:
                questions.append(answer["question"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in [*FIXED_COLUMNS, *questions]])
    for row in rows:
        marks = {a["question"]: ("right" if a["correct"] else "wrong") for a in row["answers"]}
        cells = [row[c] for c in FIXED_COLUMNS] + [marks.get(q, "") for q in questions]
        writer.writerow([safe_cell(c) for c in cells])  # player names are typed by anyone
    return out.getvalue()


def questions_csv(summaries: list[QuestionSummary]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["question", "text", "asked", "right", "average"])
    for s in summaries:
        writer.writerow([safe_cell(c) for c in (s.question, s.text, s.asked, s.right, s.average)])
    return out.getvalue()


def to_json(rows: list[dict[str, Any]], summaries: list[QuestionSummary]) -> str:
    import json

    questions = [
        {
            "question": s.question,
            "text": s.text,
            "asked": s.asked,
            "right": s.right,
            "average": s.average,
        }
        for s in summaries
    ]
    return json.dumps({"runs": rows, "questions": questions}, indent=2, ensure_ascii=False) + "\n"
