"""record_round against the real progress store: every answer logged as "quiz", the result saved."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kdquiz.core.game import QuizConfig, QuizMode, QuizRound, record_round
from kdquiz.core.model import Item, Kind, TrueFalse
from kdquiz.core.store import ProgressStore
from kdquiz.errors import StoreError

START = datetime(2025, 3, 1, 18, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock):
    with ProgressStore(tmp_path / "progress.sqlite3", clock=clock, backup=False) as opened:
        yield opened


def items() -> list[Item]:
    return [
        Item(
            deck,
            TrueFalse(id=f"q{i}", kind=Kind.TRUEFALSE, statement=f"Statement {i}", answer=True),
        )
        for deck in ("kdrama", "seoul")
        for i in range(3)
    ]


def play_survival(clock: FakeClock) -> QuizRound:
    quiz = QuizRound(items(), QuizConfig(mode=QuizMode.SURVIVAL), random.Random(9), clock)
    for response in (True, True, False, None, True, False):
        clock.now += timedelta(seconds=4)
        quiz.answer(response, 4.0 if response is not None else 20.0)
    assert quiz.finished
    return quiz


def test_every_answer_is_logged_as_quiz_and_the_result_saved(
    store: ProgressStore, clock: FakeClock
) -> None:
    quiz = play_survival(clock)
    record = record_round(store, quiz, ("seoul", "kdrama"), player="Min-ji")

    log = store.log_entries()
    assert [(e.key, e.correct, e.mode, e.rating) for e in log] == [
        (a.item.key, a.outcome.correct, "quiz", None) for a in quiz.answers
    ]
    assert [e.response_ms for e in log] == [4000, 4000, 4000, 20000, 4000, 4000]
    assert [e.time for e in log] == [START + timedelta(seconds=4 * n) for n in range(1, 7)]
    assert [e.answer for e in log] == ["True", "True", "False", "(time ran out)", "True", "False"]
    assert all(e.before is None and e.after is None for e in log)
    assert store.states() == []  # a quiz never changes the schedule

    assert store.games() == [record]
    assert (record.mode, record.player, record.score, record.correct, record.total, record.best_streak) == (
        "survival", "Min-ji", quiz.score, 3, 6, 2,
    )  # fmt: skip
    assert record.started == START and record.finished == START + timedelta(seconds=24)
    assert record.answers == tuple((a.item.key, a.outcome.correct) for a in quiz.answers)
    assert store.personal_best(("kdrama", "seoul"), "survival") == quiz.score


def test_a_round_is_recorded_once(store: ProgressStore, clock: FakeClock) -> None:
    quiz = play_survival(clock)
    record_round(store, quiz, ("kdrama",))
    with pytest.raises(RuntimeError, match="already been recorded"):
        record_round(store, quiz, ("kdrama",))
    assert len(store.games()) == 1 and len(store.log_entries()) == 6


def test_recording_a_quit_round_stops_it(store: ProgressStore, clock: FakeClock) -> None:
    quiz = QuizRound(items(), QuizConfig(questions=5), random.Random(1), clock)
    quiz.answer(True, 2.0)
    clock.now += timedelta(seconds=10)
    record = record_round(store, quiz, ("kdrama",))
    assert quiz.finished and (record.total, record.correct) == (1, 1)
    assert record.finished == START + timedelta(seconds=10)


def test_late_time_attack_answer_is_not_logged(store: ProgressStore, clock: FakeClock) -> None:
    quiz = QuizRound(
        items(), QuizConfig(mode=QuizMode.TIME_ATTACK, attack_seconds=10), random.Random(2), clock
    )
    clock.now += timedelta(seconds=6)
    quiz.answer(True, 6.0)
    quiz.current()  # on screen when the clock runs out
    clock.now += timedelta(seconds=6)
    assert not quiz.answer(True, 6.0).counted
    record = record_round(store, quiz, ("kdrama",))
    assert record.total == 1 and len(store.log_entries()) == 1
    assert record.finished == START + timedelta(seconds=10)


def test_a_failed_write_keeps_neither_answers_nor_result_and_the_round_can_be_saved_again(
    store: ProgressStore, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    quiz = play_survival(clock)
    real_insert = store._insert_log
    calls = []

    def fail_on_the_fourth(*args, **kwargs):  # as a full disk would, half-way through the round
        calls.append(1)
        if len(calls) == 4:
            raise sqlite3.OperationalError("database or disk is full")
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(store, "_insert_log", fail_on_the_fourth)
    with pytest.raises(StoreError):
        record_round(store, quiz, ("kdrama",))
    assert store.log_entries() == [] and store.games() == []
    assert not quiz.recorded
    monkeypatch.setattr(store, "_insert_log", real_insert)
    record = record_round(store, quiz, ("kdrama",))  # nothing was lost: saving again works
    assert store.games() == [record] and len(store.log_entries()) == 6


def play_classic(clock: FakeClock, questions: int, answered: int) -> QuizRound:
    quiz = QuizRound(items(), QuizConfig(questions=questions), random.Random(3), clock)
    for _ in range(answered):
        clock.now += timedelta(seconds=2)
        quiz.answer(True, 2.0)
    return quiz


def test_a_round_stopped_early_is_recorded_as_such_and_never_a_best(
    store: ProgressStore, clock: FakeClock
) -> None:
    early = play_classic(clock, 5, 2)
    record_round(store, early, ("kdrama", "seoul"))
    assert early.result().ended_early and early.result().length == 5
    (game,) = store.games()
    assert (game.complete, game.length, game.total) == (False, 5, 2)
    assert store.personal_best(("kdrama", "seoul"), "classic", 5) is None


def test_bests_compare_rounds_of_one_length(store: ProgressStore, clock: FakeClock) -> None:
    from kdquiz.core.game import previous_best

    short = play_classic(clock, 2, 2)
    record_round(store, short, ("kdrama",))
    assert not short.ended_early
    longer = play_classic(clock, 4, 4)
    assert previous_best(store, longer, ("kdrama",)) is None  # a 2-question best is no rival
    record_round(store, longer, ("kdrama",))
    assert previous_best(store, play_classic(clock, 4, 0), ("kdrama",)) == longer.score
    assert previous_best(store, play_classic(clock, 2, 0), ("kdrama",)) == short.score


def test_a_time_attack_round_whose_clock_ran_out_is_complete(clock: FakeClock) -> None:
    config = QuizConfig(mode=QuizMode.TIME_ATTACK, attack_seconds=10)
    quiz = QuizRound(items(), config, random.Random(1), clock)
    quiz.answer(True, 1.0)
    clock.now += timedelta(seconds=11)
    quiz.stop()
    assert not quiz.ended_early


def test_upgrading_keeps_old_classic_rounds_as_complete_at_their_size(tmp_path: Path) -> None:
    import sqlite3

    from kdquiz.core.store import create_empty_store

    path = tmp_path / "progress.sqlite3"
    create_empty_store(path, START, version=2)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO games (decks, mode, player, started, finished, score, correct, total, "
        "best_streak, answers) VALUES ('[\"d\"]', 'classic', '', 0, 0, 700, 1, 1, 1, '[]')"
    )
    conn.commit()
    conn.close()
    with ProgressStore(path, clock=FakeClock(), backup=False) as store:
        (game,) = store.games()
        assert (game.length, game.complete) == (1, True)
        assert store.personal_best(("d",), "classic", 1) == 700
