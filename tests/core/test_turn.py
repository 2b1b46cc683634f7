"""The turn model's rules, which every front-end renders: overruling, ratings, points, lines."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from kdquiz.core.decks import load_deck_text
from kdquiz.core.game import QuizConfig, QuizMode, QuizRound
from kdquiz.core.grading import grade
from kdquiz.core.model import Item
from kdquiz.core.turn import Role, Tone, answered, quiz_answered, revealed

DECK = load_deck_text(
    """
format: 1
id: t
title: T
cards:
  - {id: net, type: typed, prompt: Which service?, answer: Netflix, explain: It streams.}
  - {id: tf, type: truefalse, statement: Seoul is in Korea., answer: true}
  - {id: pd, type: flashcard, front: PD, back: Producer-director}
""",
    "t.yaml",
)
PREVIEWS = {1: timedelta(minutes=1), 2: timedelta(minutes=6), 3: timedelta(minutes=10),
            4: timedelta(days=8)}  # fmt: skip


def item(card_id: str) -> Item:
    card = DECK.card(card_id)
    assert card is not None
    return Item(DECK.id, card, "")


def test_a_wrong_typed_answer_can_be_overruled_once_and_is_then_logged_right() -> None:
    turn = answered(item("net"), DECK, grade(item("net"), "Disney"), suggested=1,
                    previews=PREVIEWS, response_ms=900, practice=False)  # fmt: skip
    assert turn.can_overrule and turn.rated_line() is not None
    assert turn.recorded_outcome is not None and not turn.recorded_outcome.correct
    overruled = turn.overrule()
    assert not overruled.can_overrule and overruled.rating == 3
    assert overruled.recorded_outcome is not None and overruled.recorded_outcome.correct
    verdict = overruled.verdict_line()
    assert verdict is not None and verdict.tone is Tone.RIGHT and "you said so" in verdict.text
    assert "your rating" in str(overruled.rated_line())
    with pytest.raises(ValueError):
        overruled.overrule()


def test_a_picked_choice_is_never_overruled_and_rating_changes_say_so() -> None:
    turn = answered(item("tf"), DECK, grade(item("tf"), False), suggested=1,
                    previews=PREVIEWS, response_ms=900, practice=False)  # fmt: skip
    assert not turn.can_overrule
    line = turn.rated_line()
    assert line is not None and line.text == "Rated Again (inferred) · back in 1m"
    assert str(turn.rate(2).rated_line().text) == "Rated Hard (your rating) · back in 6m"  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        turn.rate(5)


def test_practice_shows_no_intervals_and_a_revealed_card_is_self_rated() -> None:
    turn = revealed(item("pd"), DECK, previews={}, response_ms=0, practice=True)
    assert turn.self_graded and turn.verdict_line() is None and turn.rated_line() is None
    assert [line.role for line in turn.lines()] == [Role.ANSWER]
    assert [option.text() for option in turn.rating_options()] == [
        "1 Again", "2 Hard", "3 Good", "4 Easy"
    ]  # fmt: skip


def test_the_points_line_says_what_the_score_gained_with_the_streak_bonus() -> None:
    clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)  # noqa: E731
    quiz = QuizRound([item("tf")], QuizConfig(mode=QuizMode.SURVIVAL), random.Random(1), clock)
    texts = []
    for _ in range(2):
        before = quiz.score
        result = quiz.answer(True, 0.0)
        turn = quiz_answered(DECK, result, score=quiz.score, lives_total=3)
        points = turn.points_line()
        assert points is not None and points.text.startswith(f"+{quiz.score - before} points")
        assert not turn.can_overrule and turn.rated_line() is None
        texts.append(points.text)
    assert "streak bonus +100" in texts[1]


def test_outside_text_is_marked_for_the_safe_text_helper() -> None:
    turn = answered(item("net"), DECK, grade(item("net"), "\x1b]52;c;x\x07"), suggested=1,
                    previews=PREVIEWS, response_ms=1, practice=False)  # fmt: skip
    roles = {line.role: line.outside for line in turn.lines()}
    assert roles[Role.GIVEN] and roles[Role.EXPLAIN] and roles[Role.EXPECTED]
    assert not roles[Role.VERDICT] and not roles[Role.RATED]


def test_a_partly_right_quiz_answer_is_listed_as_partly_right_not_wrong() -> None:
    from kdquiz.core.wording import missed_question

    multi = load_deck_text(
        """
format: 1
id: m
title: M
cards:
  - {id: crew, type: multi, prompt: Who is on set?, choices: [Director, Camera, Translator],
     answers: [Director, Camera]}
  - {id: tf, type: truefalse, statement: Seoul is in Korea., answer: true}
""",
        "m.yaml",
    )
    clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)  # noqa: E731
    items = list(multi.items())
    quiz = QuizRound(items, QuizConfig(questions=2), random.Random(3), clock)
    while (current := quiz.current()) is not None:
        quiz.answer(frozenset({0}) if current.card.id == "crew" else False, 1.0)
    lines = {m.item.card.id: missed_question(m) for m in quiz.result().missed}
    assert lines["crew"].startswith("◐ Who is on set?") and "partly right" in lines["crew"]
    assert lines["tf"] == "✗ Seoul is in Korea."
