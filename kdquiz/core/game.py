"""Quiz rounds as a game: Kahoot-style points, streaks, and classic, survival and time-attack modes.

A round never changes the schedule; `record_round` only logs it. The rules are written out for
players in docs/grading.md ("Quiz points"); change both together.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from kdquiz.core.grading import (
    Outcome,
    grade,
    question_text,
    self_rated,
    unanswered,
)
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item
from kdquiz.core.store import GameRecord, ProgressStore

Clock = Callable[[], datetime]


class QuizMode(StrEnum):
    CLASSIC = "classic"
    SURVIVAL = "survival"
    TIME_ATTACK = "time-attack"


@dataclass(frozen=True)
class QuizConfig:
    mode: QuizMode = QuizMode.CLASSIC
    questions: int = 10  # classic only
    time_limit: float = 20.0  # seconds per question unless the card sets its own
    lives: int = 3  # survival only
    attack_seconds: float = 60.0  # time attack only
    points: int = 1000  # the most a question earns unless the card sets its own
    streak_step: int = 100  # bonus per right answer in a row beyond the first ...
    streak_cap: int = 500  # ... up to this much per answer
    #: False: no countdown and no points lost to time (an accessibility setting, `--no-timer`).
    timed: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", QuizMode(self.mode))
        if not self.timed and self.mode is QuizMode.TIME_ATTACK:
            raise ValueError(
                "time attack is a race against the clock, so it needs the timer; with the timer "
                "off, play classic or survival"
            )
        problems = [
            f"{name} must be more than 0, not {value}"
            for name, value in (
                ("questions", self.questions),
                ("time_limit", self.time_limit),
                ("lives", self.lives),
                ("attack_seconds", self.attack_seconds),
            )
            if not value > 0
        ]
        if problems:
            raise ValueError("quiz settings: " + "; ".join(problems))


@dataclass(frozen=True)
class QuestionResult:
    item: Item
    outcome: Outcome
    points: int  # speed points (scaled by partial credit), without the streak bonus
    streak: int  # right answers in a row, this one included
    streak_bonus: int
    lives_left: int | None  # None outside survival
    elapsed_s: float
    when: datetime
    timed_out: bool = False
    #: False for an answer that arrived after a time-attack round had ended: shown, never scored.
    counted: bool = True

    @property
    def total(self) -> int:
        return self.points + self.streak_bonus


@dataclass(frozen=True)
class Missed:
    item: Item
    question: str
    expected: str
    given: str
    score: float = 0.0  # partial credit, 0 for a wrong answer


@dataclass(frozen=True)
class RoundResult:
    mode: QuizMode
    score: int
    correct: int
    total: int
    best_streak: int
    missed: tuple[Missed, ...]
    answers: tuple[QuestionResult, ...]
    started: datetime
    finished: datetime | None
    #: The player ended the round before it was over: recorded, never a personal best.
    ended_early: bool = False
    #: A classic round's planned questions; 0 in survival and time attack.
    length: int = 0

    @property
    def accuracy(self) -> float:
        """Fully right answers out of those asked, 0.0 when nothing was asked."""
        return self.correct / self.total if self.total else 0.0


def speed_points(max_points: int, elapsed_s: float, limit_s: float) -> int:
    """Full points at 0 s, falling linearly to half at the limit, and no lower."""
    fraction = min(1.0, max(0.0, elapsed_s) / limit_s)
    return round(max_points * (1 - fraction / 2))


def streak_bonus(streak: int, step: int = 100, cap: int = 500) -> int:
    """+step for every right answer in a row beyond the first, capped: 0, 100, 200 ... cap."""
    return min(cap, step * max(0, streak - 1))


def lives_after(lives: int | None, correct: bool) -> int | None:
    """Survival: an answer that is not fully right (a timed-out one too) costs a life. None
    (outside survival) stays None."""
    return lives if lives is None or correct else lives - 1


def out_of_lives(lives: int | None) -> bool:
    """Survival's end for a player: no lives left (never outside survival)."""
    return lives is not None and lives <= 0


def draw_questions(items: Sequence[Item], count: int, rng: random.Random) -> list[Item]:
    """Up to `count` of `items` at random, at most one of each card: a cloze's other gaps are
    shown filled in while one is asked, and a flashcard's back is its reverse's front, so a
    second item of a card already asked would give its answer away."""
    by_card: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        by_card.setdefault((item.deck_id, item.card.id), []).append(item)
    cards = rng.sample(list(by_card.values()), min(count, len(by_card)))
    return [rng.choice(siblings) for siblings in cards]


class QuizRound:
    """One game round over `items`, drawn with the injected random source.

    The UI asks `current()`, shows it (in `choice_order` for choices and order items), and reports
    `answer(response, elapsed_s)`; `None` means the per-question timer ran out.
    """

    def __init__(self, items: Sequence[Item], config: QuizConfig, rng: random.Random, clock: Clock):
        if not items:
            raise ValueError("a quiz needs at least one question; the chosen decks have none")
        self.config = config
        self._items = tuple(items)
        self._rng = rng
        self._clock = clock
        self.started = clock()
        self._deadline = self.started + timedelta(seconds=config.attack_seconds)
        self._finished_at: datetime | None = None
        self._answers: list[QuestionResult] = []
        self._current: Item | None = None
        self._order: tuple[int, ...] = ()
        self.score = 0
        self.streak = 0
        self.best_streak = 0
        self.lives: int | None = config.lives if config.mode is QuizMode.SURVIVAL else None
        self.recorded = False
        #: Set by `stop` on a round that was not over: such a round never counts for bests.
        self.ended_early = False
        if config.mode is QuizMode.CLASSIC:
            self._queue = draw_questions(self._items, config.questions, rng)
        else:
            self._queue = []
        #: What makes two rounds comparable for a personal best: a classic round's questions.
        self.length = len(self._queue)

    # --- what to ask ------------------------------------------------------------------------

    @property
    def mode(self) -> QuizMode:
        return self.config.mode

    @property
    def per_question_timer(self) -> bool:
        """Time attack has one clock for the whole round instead of a countdown per question;
        with the timer off there is no countdown at all."""
        return self.mode is not QuizMode.TIME_ATTACK and self.config.timed

    def current(self) -> Item | None:
        """The question to show now, or None when the round is over."""
        if self.finished:
            return None
        if self._current is None:
            self._current = self._draw()
            self._order = self._presentation_order(self._current)
        return self._current

    @property
    def choice_order(self) -> tuple[int, ...]:
        """Original indices of the current card's choices (or order items), in showing order."""
        self.current()
        return self._order

    def time_limit(self, item: Item) -> float:
        """Seconds for this question: the card's own limit, else the round's."""
        limit = item.card.time_limit
        if limit and limit > 0 and math.isfinite(limit):
            return float(limit)
        return self.config.time_limit

    def time_left(self, now: datetime) -> float | None:
        """Seconds left in a time-attack round; None in the other modes."""
        if self.mode is not QuizMode.TIME_ATTACK:
            return None
        return max(0.0, (self._deadline - now).total_seconds())

    # --- answering --------------------------------------------------------------------------

    def answer(self, response: object | None, elapsed_s: float) -> QuestionResult:
        """Grade and score the current question. Flashcards take a bool: did the player know it?

        Raises RuntimeError when the round is over, TypeError when the response has the wrong
        type for the question's kind.
        """
        if self._finished_at is not None:
            raise RuntimeError("the quiz round is over; there is no question to answer")
        # The question on screen, even if the time-attack clock has run out since it was shown.
        item = self._current or self.current()
        if item is None:
            raise RuntimeError("the quiz round is over; there is no question to answer")
        now = self._clock()
        limit = self.time_limit(item)
        if not math.isfinite(elapsed_s):
            elapsed_s = limit
        elapsed_s = max(0.0, float(elapsed_s))
        late = self.per_question_timer and elapsed_s > limit
        outcome = self._grade(item, response)
        if response is not None and late:
            outcome = unanswered(item, f"{outcome.given} (after the time ran out)")
        timed_out = response is None or late

        if self.mode is QuizMode.TIME_ATTACK and now >= self._deadline:
            self._finish(self._deadline)
            return QuestionResult(item, outcome, 0, self.streak, 0, self.lives, elapsed_s, now,
                                  timed_out, counted=False)  # fmt: skip

        max_points = item.card.points if item.card.points and item.card.points > 0 else None
        top = max_points or self.config.points
        speed = speed_points(top, elapsed_s, limit) if self.config.timed else top
        points = 0 if timed_out else round(speed * outcome.score)
        bonus = 0
        if outcome.correct:
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
            bonus = streak_bonus(self.streak, self.config.streak_step, self.config.streak_cap)
        else:
            self.streak = 0
        self.lives = lives_after(self.lives, outcome.correct)
        self.score += points + bonus
        result = QuestionResult(
            item, outcome, points, self.streak, bonus, self.lives, elapsed_s, now, timed_out
        )
        self._answers.append(result)
        self._current, self._order = None, ()
        if self._round_complete(now):
            self._finish(min(now, self._deadline) if self.mode is QuizMode.TIME_ATTACK else now)
        return result

    def stop(self) -> None:
        """End the round now (the player quit); what was answered still counts, but a round
        that was not over is marked `ended_early` and is never a personal best."""
        if not self.finished:  # (a time-attack round whose clock ran out is over, not ended early)
            self.ended_early = True
            self._finish(self._clock())

    # --- state ------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        attack = self.mode is QuizMode.TIME_ATTACK
        if self._finished_at is None and attack and self._clock() >= self._deadline:
            self._finish(self._deadline)
        return self._finished_at is not None

    @property
    def answers(self) -> tuple[QuestionResult, ...]:
        return tuple(self._answers)

    @property
    def correct(self) -> int:
        return sum(1 for a in self._answers if a.outcome.correct)

    @property
    def total(self) -> int:
        return len(self._answers)

    @property
    def remaining(self) -> int | None:
        """Questions left in a classic round (None in the other modes: they have no set length)."""
        if self.mode is not QuizMode.CLASSIC:
            return None
        return len(self._queue) + (1 if self._current is not None else 0)

    def result(self) -> RoundResult:
        missed = tuple(
            Missed(
                a.item,
                question_text(a.item),
                a.outcome.expected,
                a.outcome.given,
                0.0 if a.timed_out else a.outcome.score,
            )
            for a in self._answers
            if not a.outcome.correct
        )
        return RoundResult(
            mode=self.mode,
            score=self.score,
            correct=self.correct,
            total=self.total,
            best_streak=self.best_streak,
            missed=missed,
            answers=self.answers,
            started=self.started,
            finished=self._finished_at,
            ended_early=self.ended_early,
            length=self.length,
        )

    # --- internals --------------------------------------------------------------------------

    def _grade(self, item: Item, response: object | None) -> Outcome:
        if response is None:
            return unanswered(item)
        if spec_of(item.card).self_rated:
            return self_rated(item, response)  # type: ignore[arg-type]  # self_rated checks it
        return grade(item, response)

    def _draw(self) -> Item:
        if not self._queue:
            # Survival and time attack keep going: reshuffle the pool, never repeating back to back.
            pool = list(self._items)
            self._rng.shuffle(pool)
            if len(pool) > 1 and self._answers and pool[0] == self._answers[-1].item:
                pool.append(pool.pop(0))
            self._queue = pool
        return self._queue.pop(0)

    def _presentation_order(self, item: Item) -> tuple[int, ...]:
        return spec_of(item.card).presentation_order(item.card, self._rng)

    def _round_complete(self, now: datetime) -> bool:
        if self.mode is QuizMode.CLASSIC:
            return not self._queue
        if self.mode is QuizMode.SURVIVAL:
            return out_of_lives(self.lives)
        return now >= self._deadline

    def _finish(self, when: datetime) -> None:
        self._finished_at = when
        self._current, self._order = None, ()


def record_round(
    store: ProgressStore, round: QuizRound, deck_ids: Sequence[str], player: str = ""
) -> GameRecord:
    """Log every counted answer (mode "quiz", schedule untouched) and save the round's result,
    all in one transaction.

    Stops a round that is still running. Raises RuntimeError if the round was already recorded,
    so a result screen shown twice never doubles the history.
    """
    if round.recorded:
        raise RuntimeError("this quiz round has already been recorded")
    round.stop()
    result = round.result()
    record = GameRecord(
        deck_ids=tuple(sorted(set(deck_ids))),  # a set of decks, as the store keeps personal bests
        mode=str(result.mode),
        player=player,
        started=result.started,
        finished=result.finished or result.started,
        score=result.score,
        correct=result.correct,
        total=result.total,
        best_streak=result.best_streak,
        answers=tuple((a.item.key, a.outcome.correct) for a in result.answers),
        length=result.length,
        complete=not result.ended_early,
    )
    store.save_game_result(
        record,
        [
            (
                a.item.key,
                a.when,
                a.outcome.correct,
                round_ms(a.elapsed_s),
                a.outcome.given,
                a.outcome.score,
            )
            for a in result.answers
        ],
    )
    round.recorded = True
    return record


def previous_best(store: ProgressStore, round: QuizRound, deck_ids: Sequence[str]) -> int | None:
    """The best score so far of a complete round like this one: the same decks, mode and length."""
    return store.personal_best(tuple(sorted(set(deck_ids))), str(round.mode), round.length)


def round_ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))
