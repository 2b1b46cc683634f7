"""`kdquiz results --class`: the answers of class games (`kdquiz host`), the teacher's spreadsheet.

CSV `--by player` (the default): one row per player and round, with their score, right answers and
one column per question (`Q1 deck/card`) holding `right`, `wrong` or `partly 50%`, empty when they
gave no answer. CSV `--by question`: one row per answer given (what was answered, its points and
time). JSON: every round with every player's answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kdquiz.core.store import ClassAnswer

PLAYER_COLUMNS = ["round", "date", "code", "player", "score", "correct", "answered"]
ANSWER_COLUMNS = [
    "round", "date", "code", "player", "question", "item", "prompt", "answer", "result",
    "points", "seconds",
]  # fmt: skip


def result_word(answer: ClassAnswer) -> str:
    if answer.correct:
        return "right"
    return f"partly {round(answer.score * 100)}%" if answer.score > 0 else "wrong"


def _item(answer: ClassAnswer) -> str:
    return "/".join(part for part in answer.key if part)


def _date(answer: ClassAnswer) -> str:
    return answer.round_started.astimezone().isoformat(timespec="seconds")


def player_rows(answers: Sequence[ClassAnswer]) -> tuple[list[str], list[list[object]]]:
    """(question columns, a row per player and round), rounds oldest first."""
    questions: dict[tuple[int, int], str] = {}
    players: dict[tuple[int, str], list[ClassAnswer]] = {}
    for a in answers:
        questions.setdefault((a.round, a.question), f"Q{a.question} {_item(a)}")
        players.setdefault((a.round, a.player), []).append(a)
    columns = list(dict.fromkeys(questions.values()))
    rows = []
    for (_round, player), given in players.items():
        first = given[0]
        marks = {questions[(a.round, a.question)]: result_word(a) for a in given}
        rows.append(
            [first.round, _date(first), first.code, player, sum(a.points for a in given),
             sum(1 for a in given if a.correct), len(given)]
            + [marks.get(c, "") for c in columns]
        )  # fmt: skip
    return columns, rows


def answer_rows(answers: Sequence[ClassAnswer]) -> list[list[object]]:
    return [
        [a.round, _date(a), a.code, a.player, a.question, _item(a), a.prompt, a.answer,
         result_word(a), a.points, round(a.response_ms / 1000, 1)]
        for a in answers
    ]  # fmt: skip


def to_csv(answers: Sequence[ClassAnswer], by: str) -> str:
    import csv
    import io

    from kdquiz.core.spreadsheet import safe_cell

    rows: list[list[object]]
    if by == "question":
        header, rows = list(ANSWER_COLUMNS), answer_rows(answers)
    else:
        columns, rows = player_rows(answers)
        header = PLAYER_COLUMNS + columns
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in [list[object](header), *rows]:  # names and answers are typed by anyone
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def to_json(answers: Sequence[ClassAnswer]) -> str:
    import json

    rounds: dict[int, dict[str, object]] = {}
    for a in answers:
        game = rounds.setdefault(
            a.round, {"round": a.round, "date": _date(a), "code": a.code, "players": {}}
        )
        players: dict[str, list[dict[str, object]]] = game["players"]  # type: ignore[assignment]
        players.setdefault(a.player, []).append(
            {
                "question": a.question,
                "item": _item(a),
                "prompt": a.prompt,
                "answer": a.answer,
                "correct": a.correct,
                "score": a.score,
                "points": a.points,
                "response_ms": a.response_ms,
            }
        )
    return json.dumps({"class_rounds": list(rounds.values())}, indent=2, ensure_ascii=False) + "\n"
