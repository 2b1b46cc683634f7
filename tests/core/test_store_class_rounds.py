"""Class games in the store: the upgrade that adds them, and each answer committed on its own."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kdquiz.core.store import (
    SCHEMA_VERSION,
    ClassAnswer,
    ProgressStore,
    create_empty_store,
    store_path,
)
from kdquiz.core.store.schema import reference_schema

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def answer(round_id: int, player: str, question: int, correct: bool = True) -> ClassAnswer:
    return ClassAnswer(
        round_id, "123456", NOW, player, question, ("korea", "capital", ""), "Capital?",
        NOW + timedelta(seconds=question), correct, 1.0 if correct else 0.0, 900, 2500, "Seoul",
    )  # fmt: skip


def test_a_version_4_store_gains_the_class_tables_and_keeps_its_rounds(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    create_empty_store(path, NOW, version=4)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO games (decks, mode, player, started, finished, score, correct, total, "
            "best_streak, answers, length, complete) VALUES "
            "('[\"korea\"]', 'classic', 'Ana', 0, 1000000, 700, 1, 1, 1, '[]', 1, 1)"
        )
    with ProgressStore(path, clock=lambda: NOW, backup=False) as store:
        assert [g.score for g in store.games()] == [700]
        round_id = store.start_class_round("123456", ["korea"], NOW)
        store.save_class_answers([answer(round_id, "Ana", 1)])
        assert [a.player for a in store.class_answers()] == ["Ana"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"class_rounds", "class_answers"} <= tables
    assert ("table", "class_answers") in reference_schema(6)  # the version that added them


def test_answers_are_committed_at_once_never_twice_and_a_refused_batch_leaves_nothing(
    tmp_path: Path,
) -> None:
    with ProgressStore(store_path(tmp_path), clock=lambda: NOW, backup=False) as store:
        round_id = store.start_class_round("123456", ["korea"], NOW)
        store.save_class_answers([answer(round_id, "Ana", 1)])
        with sqlite3.connect(store_path(tmp_path)) as other:  # another process, mid-round
            assert other.execute("SELECT player FROM class_answers").fetchall() == [("Ana",)]
        with pytest.raises(Exception, match="UNIQUE|Could not save"):
            store.save_class_answers([answer(round_id, "Cy", 1), answer(round_id, "Ana", 1)])
        store.save_class_answers([answer(round_id, "Bo", 1, correct=False)])
        store.finish_class_round(round_id, NOW + timedelta(minutes=5))
        got = store.class_answers()
    assert [(a.player, a.correct, a.key) for a in got] == [
        ("Ana", True, ("korea", "capital", "")), ("Bo", False, ("korea", "capital", "")),
    ]  # fmt: skip
    assert got[0].round_started == NOW and got[0].time == NOW + timedelta(seconds=1)
