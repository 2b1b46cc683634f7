"""Quiz rounds: Kahoot-style points, streaks, and the three modes, with a fake clock and seeded rng."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from kdquiz.core.game import (
    QuizConfig,
    QuizMode,
    QuizRound,
    draw_questions,
    speed_points,
    streak_bonus,
)
from kdquiz.core.grading import right_response
from kdquiz.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Item,
    Kind,
    MultipleChoice,
    MultiSelect,
    Order,
    TrueFalse,
    parse_gaps,
)

START = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def tf_items(n: int, **card_fields: object) -> list[Item]:
    """True/false cards whose right answer is True, so `answer(True)` is right and `answer(False)` wrong."""
    return [
        Item(
            "deck",
            TrueFalse(
                id=f"q{i}",
                kind=Kind.TRUEFALSE,
                statement=f"Statement {i}",
                answer=True,
                **card_fields,
            ),
        )
        for i in range(n)
    ]


def make_round(
    items: list[Item], seed: int = 1, clock: FakeClock | None = None, **config: object
) -> QuizRound:
    return QuizRound(items, QuizConfig(**config), random.Random(seed), clock or FakeClock())


# --- the formulas -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("max_points", "elapsed", "limit", "points"),
    [
        (1000, 0, 20, 1000),
        (1000, 5, 20, 875),
        (1000, 10, 20, 750),  # half time: three quarters
        (1000, 20, 20, 500),  # the buzzer: half
        (1000, 35, 20, 500),  # never below half (time attack has no buzzer)
        (1000, -3, 20, 1000),
        (2000, 5, 10, 1500),
        (1, 20, 20, 0),  # round(0.5) rounds to even
    ],
)
def test_speed_points(max_points: int, elapsed: float, limit: float, points: int) -> None:
    assert speed_points(max_points, elapsed, limit) == points


@pytest.mark.parametrize(
    ("streak", "bonus"), [(0, 0), (1, 0), (2, 100), (3, 200), (6, 500), (7, 500), (50, 500)]
)
def test_streak_bonus(streak: int, bonus: int) -> None:
    assert streak_bonus(streak) == bonus


# --- points in a round --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "elapsed", "points", "correct", "timed_out"),
    [
        (True, 0.0, 1000, True, False),
        (True, 10.0, 750, True, False),
        (True, 20.0, 500, True, False),
        (True, 20.5, 0, False, True),  # after the buzzer: a miss, whatever was picked
        (None, 20.0, 0, False, True),
        (False, 0.0, 0, False, False),
        (True, float("nan"), 500, True, False),  # a broken timer counts as the buzzer
    ],
)
def test_points_for_one_answer(
    response: bool | None, elapsed: float, points: int, correct: bool, timed_out: bool
) -> None:
    quiz = make_round(tf_items(3))
    result = quiz.answer(response, elapsed)
    assert (result.points, result.outcome.correct, result.timed_out) == (points, correct, timed_out)
    assert quiz.score == points


def test_card_time_limit_and_points_override_the_round() -> None:
    quiz = make_round(tf_items(1, time_limit=10.0, points=2000))
    assert quiz.time_limit(quiz.current()) == 10.0
    assert quiz.answer(True, 5.0).points == 1500


def test_late_answer_says_so() -> None:
    quiz = make_round(tf_items(1))
    result = quiz.answer(True, 21.0)
    assert result.outcome.given == "True (after the time ran out)"
    assert quiz.result().missed[0].given == "True (after the time ran out)"


def test_timed_out_question_shows_the_right_answer() -> None:
    quiz = make_round(tf_items(1))
    result = quiz.answer(None, 20.0)
    assert (result.outcome.given, result.outcome.expected) == ("(time ran out)", "True")


def test_streak_bonus_grows_caps_and_resets() -> None:
    quiz = make_round(tf_items(12), questions=12)
    pattern = [True] * 8 + [False] + [True] * 3
    bonuses = [quiz.answer(right, 0.0).streak_bonus for right in pattern]
    assert bonuses == [0, 100, 200, 300, 400, 500, 500, 500, 0, 0, 100, 200]
    assert quiz.best_streak == 8
    assert quiz.streak == 3
    assert quiz.score == 11 * 1000 + sum(bonuses)
    assert quiz.correct == 11 and quiz.total == 12


def test_partial_credit_earns_a_share_of_points_but_is_a_miss() -> None:
    card = MultiSelect(
        id="crew", kind=Kind.MULTI, prompt="On set?",
        choices=(Choice("Director"), Choice("Camera"), Choice("Translator")), answers=frozenset({0, 1}),
    )  # fmt: skip
    quiz = make_round([Item("deck", card), Item("deck", replace(card, id="crew-2"))], questions=2)
    assert quiz.answer(frozenset({0, 1}), 0.0).points == 1000 and quiz.streak == 1
    result = quiz.answer(frozenset({0}), 10.0)
    assert result.outcome.score == pytest.approx(0.5)
    assert result.points == 375  # 750 for the speed, halved by the score
    assert not result.outcome.correct and result.streak == 0 and result.streak_bonus == 0


def test_flashcards_are_answered_with_did_you_know_it() -> None:
    card = Flashcard(id="pd", kind=Kind.FLASHCARD, front="PD", back="Producer-director")
    quiz = make_round([Item("deck", card), Item("deck", replace(card, id="pd-2"))], questions=2)
    assert quiz.answer(True, 0.0).outcome.correct
    with pytest.raises(TypeError):
        quiz.answer("yes", 0.0)
    assert not quiz.answer(False, 0.0).outcome.correct


def test_wrong_response_type_leaves_the_round_unchanged() -> None:
    quiz = make_round(tf_items(2), questions=2)
    asked = quiz.current()
    with pytest.raises(TypeError):
        quiz.answer("true", 1.0)
    assert quiz.current() == asked and quiz.total == 0


# --- classic ---------------------------------------------------------------------------------


def test_classic_asks_ten_different_questions_by_default() -> None:
    quiz = make_round(tf_items(15))
    asked = []
    while (item := quiz.current()) is not None:
        assert quiz.remaining == 10 - len(asked)
        asked.append(item.card.id)
        quiz.answer(True, 1.0)
    assert len(asked) == 10 == len(set(asked))
    assert quiz.finished and quiz.current() is None and quiz.remaining == 0
    with pytest.raises(RuntimeError, match="over"):
        quiz.answer(True, 1.0)


def test_classic_never_asks_more_than_the_pool() -> None:
    quiz = make_round(tf_items(4), questions=10)
    count = 0
    while quiz.current() is not None:
        quiz.answer(True, 0.0)
        count += 1
    assert count == 4


def test_result_lists_missed_questions_with_right_answers() -> None:
    clock = FakeClock()
    quiz = make_round(tf_items(4), clock=clock, questions=4)
    for right in (True, False, None, True):
        clock.advance(3)
        quiz.answer(right, 3.0)
    result = quiz.result()
    assert (result.score, result.correct, result.total, result.accuracy) == (
        2 * 925,
        2,
        4,
        0.5,
    )  # 3 s of 20: 925; the miss between them breaks the streak
    assert [(m.expected, m.given) for m in result.missed] == [
        ("True", "False"),
        ("True", "(time ran out)"),
    ]
    assert all(m.question.startswith("Statement") for m in result.missed)
    assert result.started == START and result.finished == START + timedelta(seconds=12)
    assert result.answers[0].when == START + timedelta(seconds=3)


def test_stop_ends_the_round_and_keeps_what_was_answered() -> None:
    clock = FakeClock()
    quiz = make_round(tf_items(5), clock=clock)
    quiz.answer(True, 2.0)
    clock.advance(30)
    quiz.stop()
    assert quiz.finished and quiz.current() is None
    assert quiz.result().total == 1 and quiz.result().finished == START + timedelta(seconds=30)


# --- survival --------------------------------------------------------------------------------


def test_survival_ends_on_the_third_miss() -> None:
    quiz = make_round(tf_items(3), mode=QuizMode.SURVIVAL)
    pattern = [True, False, True, True, False, True, True, True, True, False]
    lives = []
    for right in pattern:
        assert not quiz.finished
        lives.append(quiz.answer(right, 1.0).lives_left)
    assert lives == [3, 2, 2, 2, 1, 1, 1, 1, 1, 0]
    assert quiz.finished and quiz.current() is None and quiz.lives == 0
    assert quiz.total == 10  # more than the pool of 3: it kept reshuffling


def test_survival_timeouts_cost_lives() -> None:
    quiz = make_round(tf_items(2), mode="survival", lives=2)
    quiz.answer(None, 20.0)
    assert not quiz.finished
    quiz.answer(True, 25.0)  # too late
    assert quiz.finished


def test_endless_modes_never_repeat_a_question_back_to_back() -> None:
    quiz = make_round(tf_items(3), seed=5, mode=QuizMode.SURVIVAL)
    asked = []
    for _ in range(60):
        asked.append(quiz.current().card.id)
        quiz.answer(True, 1.0)
    assert all(a != b for a, b in zip(asked, asked[1:]))
    assert set(asked) == {"q0", "q1", "q2"}


# --- time attack -----------------------------------------------------------------------------


def test_time_attack_ends_at_sixty_seconds() -> None:
    clock = FakeClock()
    quiz = make_round(tf_items(4), clock=clock, mode=QuizMode.TIME_ATTACK)
    assert not quiz.per_question_timer
    assert quiz.time_left(clock()) == 60.0
    results = []
    while not quiz.finished:
        quiz.current()
        clock.advance(7)
        results.append(quiz.answer(True, 7.0))
    # answers at 7, 14 ... 56 s count; the one at 63 s came after the end
    assert [r.counted for r in results] == [True] * 8 + [False]
    assert results[-1].points == 0 and results[-1].streak_bonus == 0
    assert quiz.total == 8 and quiz.correct == 8
    assert quiz.result().finished == START + timedelta(seconds=60)
    assert quiz.time_left(clock()) == 0.0


def test_time_attack_ends_by_the_clock_alone() -> None:
    clock = FakeClock()
    quiz = make_round(tf_items(2), clock=clock, mode=QuizMode.TIME_ATTACK)
    quiz.answer(True, 1.0)
    clock.advance(59.5)
    assert quiz.time_left(clock()) == 0.5 and quiz.current() is not None
    clock.advance(0.5)
    assert quiz.finished and quiz.current() is None
    with pytest.raises(RuntimeError):
        quiz.answer(True, 1.0)


def test_time_attack_has_no_per_question_buzzer() -> None:
    quiz = make_round(tf_items(2), mode=QuizMode.TIME_ATTACK)
    result = quiz.answer(True, 45.0)  # slower than the card's 20 s: still right, half points
    assert result.outcome.correct and not result.timed_out and result.points == 500
    assert quiz.time_left(START) == 60.0 and quiz.lives is None


# --- drawing ---------------------------------------------------------------------------------


def mixed_items() -> list[Item]:
    mcq = MultipleChoice(
        id="mcq", kind=Kind.MCQ, prompt="?", choices=tuple(Choice(c) for c in "abcde"), answer=0
    )
    order = Order(id="order", kind=Kind.ORDER, prompt="?", items=("a", "b", "c"))
    return [*tf_items(10), Item("deck", mcq), Item("deck", order)]


def play(seed: int) -> list[tuple[str, tuple[int, ...]]]:
    quiz = make_round(mixed_items(), seed=seed, mode=QuizMode.SURVIVAL)
    seen = []
    for _ in range(30):
        item = quiz.current()
        seen.append((item.card.id, quiz.choice_order))
        response = {"mcq": 0, "order": [0, 1, 2]}.get(item.card.id, True)
        quiz.answer(response, 1.0)
    return seen


def test_a_seeded_round_is_deterministic() -> None:
    assert play(42) == play(42)
    assert play(42) != play(43)


def test_choice_order_is_a_permutation_and_order_cards_are_scrambled() -> None:
    for id_, order in play(7):
        if id_ == "mcq":
            assert sorted(order) == [0, 1, 2, 3, 4]
        elif id_ == "order":
            assert sorted(order) == [0, 1, 2] and order != (0, 1, 2)
        else:
            assert order == ()


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["questions", "time_limit", "lives", "attack_seconds"])
def test_config_rejects_non_positive_values(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        QuizConfig(**{field: 0})


def test_config_mode_accepts_its_name() -> None:
    assert QuizConfig(mode="time-attack").mode is QuizMode.TIME_ATTACK  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        QuizConfig(mode="marathon")  # type: ignore[arg-type]


def test_a_round_needs_questions() -> None:
    with pytest.raises(ValueError, match="at least one question"):
        QuizRound([], QuizConfig(), random.Random(0), FakeClock())


def test_a_round_asks_one_item_of_a_card_at_most() -> None:
    """A cloze's gaps are asked with the others filled in, a flashcard's reverse shows its front as
    the answer: two items of one card in a round would give one's answer away."""
    gaps = Cloze(
        id="goblin", kind=Kind.CLOZE, text=GOBLIN, gaps=tuple(parse_gaps(GOBLIN))
    )  # fmt: skip
    both_ways = Flashcard(id="pd", kind=Kind.FLASHCARD, front="PD", back="Director", reverse=True)
    items = [Item("deck", gaps, f"c{n}") for n in range(1, 6)]
    items += [Item("deck", both_ways, ""), Item("deck", both_ways, "reverse")]
    items += tf_items(3)
    for seed in range(40):
        asked = [item.card.id for item in draw_questions(items, 10, random.Random(seed))]
        assert len(asked) == len(set(asked)) == 5
    quiz = make_round(items, questions=10)
    cards = []
    while (item := quiz.current()) is not None:
        cards.append(item.card.id)
        quiz.answer(right_response(item) if item.card.kind != Kind.FLASHCARD else True, 1.0)
    assert len(cards) == len(set(cards)) == 5


GOBLIN = "{{Kim Eun-sook}} wrote {{Goblin}}, which aired on {{tvN}} in {{2016}} with {{Gong Yoo}}."
