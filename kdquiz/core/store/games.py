"""Quiz round results: each round's score and answers, and the personal best per deck set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kdquiz.core.store.records import GameRecord, QuizAnswerRow
from kdquiz.core.store.states_log import StatesAndLog
from kdquiz.core.store.values import from_us, to_us


class GameResults(StatesAndLog):
    def save_game_result(self, result: GameRecord, log: Sequence[QuizAnswerRow] = ()) -> int:
        """Save a round's result row and log its answers (`log`) in one transaction: a kill or a
        full disk keeps both or neither, never answers without their round."""
        import json  # here: opening the store for the home screen never needs it

        answers = [[list(key), ok] for key, ok in result.answers]
        with self.transaction() as conn:
            for key, when, correct, response_ms, given, score in log:
                self._insert_log(
                    conn, key, when, None, correct, response_ms, "quiz", given, None, None, score
                )
            cursor = conn.execute(
                "INSERT INTO games (decks, mode, player, started, finished, score, correct, total, "
                "best_streak, answers, length, complete) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _deck_set(result.deck_ids),
                    result.mode,
                    result.player,
                    to_us(result.started),
                    to_us(result.finished),
                    result.score,
                    result.correct,
                    result.total,
                    result.best_streak,
                    json.dumps(answers),
                    result.length,
                    int(result.complete),
                ),
            )
            return int(cursor.lastrowid or 0)

    def personal_best(self, deck_ids: tuple[str, ...], mode: str, length: int = 0) -> int | None:
        """The best score of a complete round on these decks, in this mode, at this length."""
        rows = self._read(
            "SELECT MAX(score) FROM games WHERE decks=? AND mode=? AND length=? AND complete=1",
            (_deck_set(deck_ids), mode, length),
        )
        return rows[0][0]

    def games(self) -> list[GameRecord]:
        import json  # here: opening the store for the home screen never needs it

        rows = self._read(
            "SELECT decks, mode, player, started, finished, score, correct, total, "
            "best_streak, answers, length, complete FROM games ORDER BY id"
        )

        return [
            GameRecord(
                tuple(json.loads(r[0])),
                r[1],
                r[2],
                from_us(r[3]),
                from_us(r[4]),
                r[5],
                r[6],
                r[7],
                r[8],
                tuple((tuple(k), ok) for k, ok in json.loads(r[9])),
                r[10],
                bool(r[11]),
            )
            for r in rows
        ]


def _deck_set(deck_ids: Iterable[str]) -> str:
    import json  # here: opening the store for the home screen never needs it

    return json.dumps(sorted(set(deck_ids)))
