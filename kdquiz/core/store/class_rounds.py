"""Class games (`kdquiz host`): one round per hosting and every player's answer as it arrives.

Kept apart from the host's own log and games: a class's answers never touch the host's schedule,
history or statistics. Each answer is its own committed transaction, so a host killed mid-round
keeps everything answered up to then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.values import from_us, to_us


class ClassAnswer(NamedTuple):
    """One player's answer to one question of a class round, as the host graded it (a named
    tuple, like the store's other records: the class is built whenever the store opens)."""

    round: int
    code: str
    round_started: datetime
    player: str
    question: int  # 1-based, in the order the round asked them
    key: tuple[str, str, str]
    prompt: str
    time: datetime
    correct: bool
    score: float  # credit from 0 to 1
    points: int
    response_ms: int
    answer: str


class ClassRounds(StoreConnection):
    def start_class_round(self, code: str, deck_ids: Sequence[str], started: datetime) -> int:
        """A new class round; its id is what each answer is saved under."""
        import json  # here: opening the store for the home screen never needs it

        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO class_rounds (code, decks, started) VALUES (?, ?, ?)",
                (code, json.dumps(sorted(set(deck_ids))), to_us(started)),
            )
            return int(cursor.lastrowid or 0)

    def save_class_answers(self, answers: Sequence[ClassAnswer]) -> None:
        """Commit these answers now, in one transaction (answers that arrive together share one
        durable write). A second answer to one question by one player is refused by the store
        itself (the game refuses it first)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO class_answers (round, player, question, deck, card, sub, prompt, "
                "time, correct, score, points, response_ms, answer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.round,
                        a.player,
                        a.question,
                        *a.key,
                        a.prompt,
                        to_us(a.time),
                        int(a.correct),
                        a.score,
                        a.points,
                        a.response_ms,
                        a.answer,
                    )  # fmt: skip
                    for a in answers
                ],
            )

    def finish_class_round(self, round_id: int, finished: datetime) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE class_rounds SET finished = ? WHERE id = ?", (to_us(finished), round_id)
            )

    def class_answers(self) -> list[ClassAnswer]:
        """Every class answer, by round, then player, then question."""
        rows = self._read(
            "SELECT a.round, r.code, r.started, a.player, a.question, a.deck, a.card, a.sub, "
            "a.prompt, a.time, a.correct, a.score, a.points, a.response_ms, a.answer "
            "FROM class_answers a JOIN class_rounds r ON r.id = a.round "
            "ORDER BY a.round, a.player, a.question"
        )
        return [
            ClassAnswer(
                r[0],
                r[1],
                from_us(r[2]),
                r[3],
                r[4],
                (r[5], r[6], r[7]),
                r[8],
                from_us(r[9]),
                bool(r[10]),
                r[11],
                r[12],
                r[13],
                r[14],
            )  # fmt: skip
            for r in rows
        ]
