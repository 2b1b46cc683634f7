"""A class round as a pure state machine: lobby, question, reveal, leaderboard, podium.

No I/O and no clock of its own: the server passes the time of every event (its clock is the
only one), and saves each accepted answer. Scoring is the quiz modes' (`speed_points`,
`streak_bonus`, and survival's `lives_after`), grading the kinds' (`grade`), and what a player is
told about an answer is the one turn model's (`quiz_answered`).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from kdquiz.classroom.protocol import MAX_NAME_CHARS
from kdquiz.classroom.questions import PLAYABLE, playable, question_view, response_for
from kdquiz.core.game import (
    QuestionResult,
    QuizConfig,
    QuizMode,
    draw_questions,
    lives_after,
    out_of_lives,
    speed_points,
    streak_bonus,
)
from kdquiz.core.grading import Outcome, grade
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Deck, Item
from kdquiz.core.turn import Turn, quiz_answered

#: The most players one game takes: a class, or a lecture hall.
MAX_PLAYERS = 500
#: The quiz modes a host can pace: time attack races each player's own clock instead.
HOST_PACED = (QuizMode.CLASSIC, QuizMode.SURVIVAL)


def class_mode(mode: str) -> QuizMode:
    """The quiz mode a class plays; ValueError for one the host cannot pace, saying which can."""
    chosen = QuizMode(mode)
    if chosen not in HOST_PACED:
        raise ValueError(
            f"--mode {chosen} cannot be hosted: it races each player's own clock over the whole "
            "round, while in a class the host sets the pace question by question. A class plays "
            + " or ".join(str(m) for m in HOST_PACED)
            + "."
        )
    return chosen


class Phase(StrEnum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    LEADERBOARD = "leaderboard"
    PODIUM = "podium"


class Refused(Exception):
    """An action the game does not take now; the text says why, for the player or the host."""


@dataclass(frozen=True)
class PlayerAnswer:
    question: int
    result: QuestionResult
    turn: Turn
    score: int  # the player's score after this answer
    response: object  # as the kind graded it: a choice number, a set of them, text ...

    def picked(self, choice: object) -> bool:
        """Whether this answer picked `choice` (a choice number)."""
        if isinstance(self.response, frozenset):
            return choice in self.response
        return not isinstance(self.response, bool) and self.response == choice


@dataclass
class Player:
    id: int
    name: str
    token: str
    score: int = 0
    streak: int = 0
    best_streak: int = 0
    connected: bool = True
    answers: dict[int, PlayerAnswer] = field(default_factory=dict)
    lives: int | None = None  # None outside survival
    #: Survival: the question that took the last life; None while still in.
    out_at: int | None = None

    @property
    def out(self) -> bool:
        """Out of lives (survival): watches the rest of the round, answers refused."""
        return out_of_lives(self.lives)


@dataclass(frozen=True)
class Question:
    number: int  # 1-based
    item: Item
    order: tuple[int, ...]
    deck: Deck | None


class ClassGame:
    """One class round over up to `config.questions` playable items of `decks`."""

    def __init__(
        self,
        decks: Sequence[Deck],
        config: QuizConfig,
        *,
        code: str,
        rng: random.Random,
        new_token: Callable[[], str],
    ) -> None:
        class_mode(config.mode)
        items = [(deck, item) for deck in decks for item in deck.items()]
        chosen = [(deck, item) for deck, item in items if playable(item)]
        #: Items left out because their kind is rated by the learner, not checked (flashcards).
        self.skipped = len(items) - len(chosen)
        if not chosen:
            kinds = ", ".join(sorted(PLAYABLE))
            raise ValueError(
                f"no question in these decks can be played as a class; hosting plays {kinds}"
            )
        deck_of = {id(item): deck for deck, item in chosen}
        drawn = draw_questions([item for _, item in chosen], config.questions, rng)
        self.questions = tuple(
            Question(
                n, item, spec_of(item.card).presentation_order(item.card, rng), deck_of[id(item)]
            )
            for n, item in enumerate(drawn, 1)
        )
        self.config = config
        self.code = code
        self.phase = Phase.LOBBY
        self.players: dict[int, Player] = {}
        self._by_token: dict[str, Player] = {}
        self._ids = itertools.count(1)
        self._new_token = new_token
        self._index = -1
        self.question_started: datetime | None = None
        self.deadline: datetime | None = None

    # --- players ------------------------------------------------------------------------------

    def join(self, name: str) -> Player:
        """A new player; a name already taken gets the first free suffix (Ana, Ana 2, Ana 3)."""
        if self.phase is Phase.PODIUM:
            raise Refused("this game is over")
        if len(self.players) >= MAX_PLAYERS and self.phase is Phase.LOBBY:
            self._forget_departed()
        if len(self.players) >= MAX_PLAYERS:
            raise Refused(f"this game is full ({MAX_PLAYERS} players)")
        taken = {p.name.casefold() for p in self.players.values()}
        unique, n = name, 1
        while unique.casefold() in taken:
            n += 1
            suffix = f" {n}"
            unique = name[: MAX_NAME_CHARS - len(suffix)] + suffix
        player = Player(next(self._ids), unique, self._new_token(), lives=self.lives_total)
        self.players[player.id] = player
        self._by_token[player.token] = player
        return player

    def _forget_departed(self) -> None:
        """A full lobby gives the places of players who left back: nothing of theirs is played
        yet, and a client joining and leaving in a loop cannot fill the game before the class."""
        for player in [p for p in self.players.values() if not p.connected]:
            del self.players[player.id], self._by_token[player.token]

    def rejoin(self, token: str) -> Player:
        """The player the token was given to, with their name and score."""
        player = self._by_token.get(token)
        if player is None:
            raise Refused("that rejoin token is not from this game; join with a name instead")
        player.connected = True
        return player

    def leave(self, player: Player) -> bool:
        """The player's connection dropped; True when this closed the question (everyone still
        connected has answered)."""
        player.connected = False
        if self.phase is Phase.QUESTION and self.everyone_answered():
            self._reveal()
            return True
        return False

    @property
    def mode(self) -> QuizMode:
        return self.config.mode

    @property
    def lives_total(self) -> int | None:
        """Each player's lives at the start: the quiz's, in survival; None otherwise."""
        return self.config.lives if self.mode is QuizMode.SURVIVAL else None

    def still_in(self) -> list[Player]:
        """Players who can still answer (everyone outside survival)."""
        return [p for p in self.players.values() if not p.out]

    # --- the host's pace ----------------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        """The question being asked or revealed; None in the lobby and on the podium."""
        if self.phase in (Phase.LOBBY, Phase.PODIUM) or self._index < 0:
            return None
        return self.questions[self._index]

    @property
    def asked(self) -> int:
        """How many questions have been shown so far."""
        return self._index + 1

    def advance(self, now: datetime) -> Phase:
        """The host's "next": start, reveal, show the leaderboard, ask the next question, and
        after the last one the podium."""
        if self.phase is Phase.LOBBY:
            if not self.players:
                raise Refused("nobody has joined yet")
            self._ask(now)
        elif self.phase is Phase.QUESTION:
            self._reveal()
        elif self.phase is Phase.REVEAL:
            self.phase = Phase.LEADERBOARD
        elif self.phase is Phase.LEADERBOARD:
            if not self.last_question:
                self._ask(now)
            else:
                self.phase = Phase.PODIUM
        return self.phase

    @property
    def last_question(self) -> bool:
        """Nothing more to ask: the questions ran out, or (survival) one or no player is left
        (no one, in a game of one)."""
        if self._index + 1 >= len(self.questions):
            return True
        if self.mode is not QuizMode.SURVIVAL:
            return False
        left = len(self.still_in())
        return left == 0 or (left == 1 and len(self.players) > 1)

    def end(self) -> None:
        """The host ends the round now: straight to the podium."""
        if self.phase is Phase.QUESTION:
            self._reveal()
        self.phase = Phase.PODIUM

    def tick(self, now: datetime) -> bool:
        """Close the question when its time is up; True when this call closed it."""
        if self.phase is Phase.QUESTION and self.deadline is not None and now >= self.deadline:
            self._reveal()
            return True
        return False

    def seconds_left(self, now: datetime) -> float | None:
        if self.phase is not Phase.QUESTION or self.deadline is None:
            return None
        return max(0.0, (self.deadline - now).total_seconds())

    # --- answering ----------------------------------------------------------------------------

    def answer(self, player: Player, number: int, value: object, now: datetime) -> PlayerAnswer:
        """Grade and score a player's answer. Refused when it is late (the question is closed or
        its time is up by the server's clock), for another question, or a second answer;
        ProtocolError when its shape does not fit the question."""
        question = self.question
        if self.phase is not Phase.QUESTION or question is None or question.number != number:
            raise Refused(f"question {number} is not open for answers")
        if self.deadline is not None and now > self.deadline:
            raise Refused("too late: the time for this question is up")
        if number in player.answers:
            raise Refused("you have already answered this question")
        if player.out:
            raise Refused(
                "you are out of lives: watch the answers and the leaderboard until the game ends"
            )
        item = question.item
        response = response_for(item, value)
        outcome = grade(item, response)
        assert self.question_started is not None
        elapsed = max(0.0, (now - self.question_started).total_seconds())
        result = self._score(player, question, outcome, elapsed, now, timed_out=False)
        answer = PlayerAnswer(
            number, result, quiz_answered(
                question.deck, result, score=player.score, lives_total=self.lives_total or 0
            ),
            player.score, response,
        )  # fmt: skip
        player.answers[number] = answer
        if self.everyone_answered():
            self._reveal()
        return answer

    def everyone_answered(self) -> bool:
        question = self.question
        connected = [p for p in self.answering() if p.connected]
        return (
            question is not None
            and bool(connected)
            and all(question.number in p.answers for p in connected)
        )

    def answering(self) -> list[Player]:
        """Who the open question waits for: every player but those already out before it."""
        question = self.question
        if question is None:
            return []
        return [p for p in self.players.values() if not p.out or p.out_at == question.number]

    def answers_in(self) -> int:
        question = self.question
        if question is None:
            return 0
        return sum(1 for p in self.players.values() if question.number in p.answers)

    # --- what is shown ------------------------------------------------------------------------

    def question_view(self) -> dict[str, object]:
        question = self.question
        assert question is not None
        view = question_view(question.item, question.order)
        view.update(number=question.number, total=len(self.questions))
        if self.config.timed and self.deadline and self.question_started:
            view["seconds"] = (self.deadline - self.question_started).total_seconds()
        return view

    def distribution(self) -> list[dict[str, object]]:
        """A bar per choice (how many picked it, and whether it is right) for choice questions;
        for the other kinds, how many were right, partly right and wrong."""
        question = self.question
        assert question is not None
        answers = [p.answers[question.number] for p in self.players.values()
                   if question.number in p.answers]  # fmt: skip
        view = question_view(question.item, question.order)
        spec = spec_of(question.item.card)
        right = spec.right_response(question.item)
        if "choices" in view:
            rights = right if isinstance(right, frozenset) else {right}
            return [
                {
                    "label": c["text"],
                    "count": sum(1 for a in answers if a.picked(c["id"])),
                    "right": c["id"] in rights,
                }
                for c in view["choices"]  # type: ignore[attr-defined]
            ]
        if view["answer"] == "truefalse":
            return [
                {"label": label, "count": sum(1 for a in answers if a.response is value),
                 "right": value == right}
                for label, value in (("True", True), ("False", False))
            ]  # fmt: skip
        counts = {"Right": 0, "Partly right": 0, "Wrong": 0}
        for a in answers:
            outcome = a.result.outcome
            counts[
                "Right" if outcome.correct else "Partly right" if outcome.score > 0 else "Wrong"
            ] += 1
        return [{"label": k, "count": v, "right": k == "Right"} for k, v in counts.items()]

    def expected(self) -> str:
        question = self.question
        assert question is not None
        return spec_of(question.item.card).expected_text(question.item)

    def leaderboard(self) -> list[Player]:
        """Players by score, then by who joined first; in survival, first by who lasted longest
        (still in, then out later)."""
        if self.mode is QuizMode.SURVIVAL:
            lasted = len(self.questions) + 1
            return sorted(
                self.players.values(),
                key=lambda p: (-(lasted if p.out_at is None else p.out_at), -p.score, p.id),
            )
        return sorted(self.players.values(), key=lambda p: (-p.score, p.id))

    # --- internals ----------------------------------------------------------------------------

    def _ask(self, now: datetime) -> None:
        self._index += 1
        self.phase = Phase.QUESTION
        self.question_started = now
        item = self.questions[self._index].item
        limit = item.card.time_limit if item.card.time_limit and item.card.time_limit > 0 else None
        seconds = limit or self.config.time_limit
        self.deadline = now + timedelta(seconds=seconds) if self.config.timed else None

    def _reveal(self) -> None:
        """Close the question: who did not answer loses their streak (and in survival a life), as
        a timed-out answer does."""
        question = self.question
        assert question is not None
        for player in self.players.values():
            if question.number not in player.answers and not player.out:
                player.streak = 0
                self._lose_life(player, question, correct=False)
        self.phase = Phase.REVEAL

    def _score(
        self, player: Player, question: Question, outcome: Outcome, elapsed: float,
        now: datetime, *, timed_out: bool,
    ) -> QuestionResult:  # fmt: skip
        card, config = question.item.card, self.config
        top = card.points if card.points and card.points > 0 else config.points
        limit = (self.deadline - self.question_started).total_seconds() if (
            self.deadline and self.question_started) else config.time_limit  # fmt: skip
        speed = speed_points(top, elapsed, limit) if config.timed else top
        points = 0 if timed_out else round(speed * outcome.score)
        bonus = 0
        if outcome.correct:
            player.streak += 1
            player.best_streak = max(player.best_streak, player.streak)
            bonus = streak_bonus(player.streak, config.streak_step, config.streak_cap)
        else:
            player.streak = 0
        self._lose_life(player, question, correct=outcome.correct)
        player.score += points + bonus
        return QuestionResult(
            question.item, outcome, points, player.streak, bonus, player.lives, elapsed, now,
            timed_out,
        )  # fmt: skip

    def _lose_life(self, player: Player, question: Question, *, correct: bool) -> None:
        """Survival's rule (the quiz's own): a wrong or missing answer costs a life; the last
        one puts the player out at this question."""
        player.lives = lives_after(player.lives, correct)
        if player.out and player.out_at is None:
            player.out_at = question.number
