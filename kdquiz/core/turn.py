"""One turn of play as data: what was asked, what was answered, and every fact said about it.

The TUI, `--plain` and a networked class game all render a `Turn`; none of them decides what to
say. So the rules that drifted when each front-end had its own copy live here once: which answers
may be overruled ("I was right"), which rating was inferred and which chosen, how many points an
answer added, and which lines of feedback follow an answer.

A turn is immutable: rating or overruling returns a new turn, so a front-end can show the change
and commit exactly what it showed. Text marked as outside text (`Line.outside`) comes from decks or
the learner and must be shown through `kdquiz.core.safe_text`; the rest is kdquiz's own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from kdquiz.core.grading import TIMED_OUT
from kdquiz.core.kinds import spec_of
from kdquiz.core.wording import (
    RATING_NAMES,
    RIGHT,
    answer_text,
    comes_back,
    lives_text,
    logged_result,
    rating_option,
    source_line,
    verdict,
)

if TYPE_CHECKING:
    from fsrs import Rating

    from kdquiz.core.game import QuestionResult
    from kdquiz.core.grading import Outcome
    from kdquiz.core.model import Deck, Item
    from kdquiz.core.session import Committed, StudySession


#: The interval each rating would give, as the session computes it (fsrs Ratings) or by number.
Previews: TypeAlias = "Mapping[Rating, timedelta] | Mapping[int, timedelta]"


class Role(StrEnum):
    """What a line of feedback is; front-ends style by role, never by wording."""

    VERDICT = "verdict"
    POINTS = "points"
    ANSWER = "answer"  # the back of a card shown for self-rating
    GIVEN = "given"
    EXPECTED = "expected"
    FEEDBACK = "feedback"  # what the chosen options say
    EXPLAIN = "explain"
    SOURCE = "source"
    RATED = "rated"


class Tone(StrEnum):
    NONE = ""
    RIGHT = "right"
    WRONG = "wrong"
    PARTLY = "partly"


#: Roles whose text comes from outside kdquiz (decks, file names, the learner's answer).
OUTSIDE = frozenset(
    {Role.ANSWER, Role.GIVEN, Role.EXPECTED, Role.FEEDBACK, Role.EXPLAIN, Role.SOURCE}
)


@dataclass(frozen=True, slots=True)
class Line:
    role: Role
    text: str
    label: str = ""  # "You answered", "Right answer", "Source", "Answer"; "" for none
    tone: Tone = Tone.NONE

    @property
    def outside(self) -> bool:
        """True when the text is not kdquiz's own and must go through the safe-text helper."""
        return self.role in OUTSIDE

    def plain(self) -> str:
        """The line as one line of plain text: 'Right answer: Seoul'."""
        return f"{self.label}: {self.text}" if self.label else self.text


@dataclass(frozen=True, slots=True)
class Points:
    """What a quiz answer earned and where the round stands after it."""

    added: int  # everything the answer added to the score, streak bonus included
    streak_bonus: int
    score: int
    streak: int
    lives: int | None  # None outside survival
    lives_total: int

    def text(self) -> str:
        bonus = f" (incl. streak bonus +{self.streak_bonus})" if self.streak_bonus else ""
        parts = [f"+{self.added} points{bonus}", f"Score {self.score}", f"Streak {self.streak}"]
        if self.lives is not None:
            parts.append(f"Lives {lives_text(self.lives, self.lives_total)}")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class RatingOption:
    rating: int
    name: str
    interval: timedelta | None

    def text(self) -> str:
        return rating_option(self.rating, self.interval)


@dataclass(frozen=True)
class Turn:
    """An answered (or revealed) question and everything a front-end shows about it.

    `outcome` is None when the learner revealed the answer to rate themselves (a flashcard, or a
    cloze shown without answering). `points` is set in a quiz, where answers are never rated;
    `previews` (rating -> interval) and `practice` matter in review and practice.
    """

    item: Item
    deck: Deck | None
    outcome: Outcome | None
    response_ms: int = 0
    suggested: int = 3
    rating: int = 3
    previews: Mapping[int, timedelta] = field(default_factory=dict)
    practice: bool = False
    overruled: bool = False
    timed_out: bool = False
    points: Points | None = None

    # --- what may be done next -----------------------------------------------------------------

    @property
    def quiz(self) -> bool:
        return self.points is not None

    @property
    def self_graded(self) -> bool:
        """The learner rates how well they knew it: there is no grade to infer a rating from."""
        return self.outcome is None and not self.quiz

    @property
    def can_overrule(self) -> bool:
        """'I was right' is offered for a wrong typed answer only: kdquiz can misjudge free text
        (a synonym, a spelling), never a choice the learner picked."""
        return (
            not self.quiz
            and self.outcome is not None
            and not self.outcome.correct
            and not self.overruled
            and spec_of(self.item.card).free_text
        )

    @property
    def rating_inferred(self) -> bool:
        return not self.self_graded and not self.overruled and self.rating == self.suggested

    def rate(self, rating: int) -> Turn:
        if rating not in RATING_NAMES:
            raise ValueError(f"a rating is 1, 2, 3 or 4, not {rating!r}")
        return replace(self, rating=rating)

    def commit(self, session: StudySession) -> Committed:
        """Record the turn as the learner last saw it: its rating, and an overruled answer as
        right (the deck never changes)."""
        return session.commit(
            self.item, self.rating, outcome=self.recorded_outcome, response_ms=self.response_ms
        )

    def overrule(self) -> Turn:
        """Count a wrong typed answer as right (rated Good): the learner says kdquiz misjudged it."""
        if not self.can_overrule:
            raise ValueError("only a wrong typed answer can be counted as right")
        return replace(self, overruled=True, rating=3)

    @property
    def recorded_outcome(self) -> Outcome | None:
        """The outcome to log: an overruled answer is logged as right; the deck never changes."""
        if self.overruled and self.outcome is not None:
            return replace(self.outcome, correct=True, score=1.0)
        return self.outcome

    # --- what is said --------------------------------------------------------------------------

    def verdict_line(self) -> Line | None:
        if self.overruled:
            return Line(Role.VERDICT, f"{RIGHT} Counted as right (you said so)", tone=Tone.RIGHT)
        if self.outcome is None and not self.timed_out:
            return None
        symbol, words = verdict(self.outcome, timed_out=self.timed_out)
        outcome = self.outcome
        if self.timed_out or (outcome is not None and not outcome.correct):
            tone = Tone.PARTLY if outcome is not None and outcome.score > 0 else Tone.WRONG
        else:
            tone = Tone.RIGHT
        return Line(Role.VERDICT, f"{symbol} {words}".strip(), tone=tone)

    def points_line(self) -> Line | None:
        return Line(Role.POINTS, self.points.text()) if self.points is not None else None

    def detail_lines(self) -> list[Line]:
        """The answer, what was given and expected, the choices' feedback, explanation, source."""
        card, outcome = self.item.card, self.outcome
        lines: list[Line] = []
        if outcome is None:
            lines.append(Line(Role.ANSWER, answer_text(self.item), "Answer"))
        else:
            given = outcome.given.strip()
            late = self.timed_out and outcome.given != TIMED_OUT
            if (spec_of(card).free_text or not outcome.correct) and (late or not self.timed_out):
                text = outcome.given if given else "(nothing)"
                lines.append(Line(Role.GIVEN, text, "You answered"))
            if not outcome.correct or outcome.near_miss:
                lines.append(Line(Role.EXPECTED, outcome.expected, "Right answer"))
            if outcome.feedback and not self.timed_out:
                lines.append(Line(Role.FEEDBACK, outcome.feedback))
        if card.explain:
            lines.append(Line(Role.EXPLAIN, card.explain))
        source = source_line(self.deck, card)
        if source:
            lines.append(Line(Role.SOURCE, source, "Source"))
        return lines

    def rated_line(self) -> Line | None:
        """'Rated Good (inferred) · back in 3d' — None in a quiz and before a self-rating."""
        if self.quiz or self.self_graded:
            return None
        how = "inferred" if self.rating_inferred else "your rating"
        when = comes_back(None if self.practice else self.previews.get(self.rating))
        return Line(Role.RATED, f"Rated {RATING_NAMES[self.rating]} ({how}) · {when}")

    def rating_options(self) -> list[RatingOption]:
        """The four ratings with the interval each gives now (no intervals in practice)."""
        if self.quiz:
            return []
        previews = {} if self.practice else self.previews
        return [RatingOption(r, RATING_NAMES[r], previews.get(r)) for r in sorted(RATING_NAMES)]

    def lines(self) -> list[Line]:
        """Every line of feedback in the order front-ends show them."""
        head = [line for line in (self.verdict_line(), self.points_line()) if line is not None]
        rated = self.rated_line()
        return head + self.detail_lines() + ([rated] if rated is not None else [])


def answered(
    item: Item,
    deck: Deck | None,
    outcome: Outcome,
    *,
    suggested: int,
    previews: Previews,
    response_ms: int,
    practice: bool,
) -> Turn:
    """A checked answer in review or practice, rated as inferred until the learner says otherwise."""
    return Turn(
        item,
        deck,
        outcome,
        response_ms=response_ms,
        suggested=suggested,
        rating=suggested,
        previews=_by_rating(previews),
        practice=practice,
    )


def revealed(
    item: Item,
    deck: Deck | None,
    *,
    previews: Previews,
    response_ms: int,
    practice: bool,
) -> Turn:
    """The answer shown for the learner to rate (Good until they pick)."""
    return Turn(
        item,
        deck,
        None,
        response_ms=response_ms,
        previews=_by_rating(previews),
        practice=practice,
    )


def quiz_answered(
    deck: Deck | None, result: QuestionResult, *, score: int, lives_total: int
) -> Turn:
    """A scored quiz answer: the points line shows exactly what the score gained."""
    points = Points(
        added=result.total,
        streak_bonus=result.streak_bonus,
        score=score,
        streak=result.streak,
        lives=result.lives_left,
        lives_total=lives_total,
    )
    return Turn(
        result.item,
        deck,
        result.outcome,
        response_ms=round(result.elapsed_s * 1000),
        timed_out=result.timed_out,
        points=points,
    )


def _by_rating(previews: Previews) -> dict[int, timedelta]:
    """Previews keyed by plain ints (the session gives fsrs Ratings, an int enum)."""
    return {int(rating): interval for rating, interval in previews.items()}


def pending_note(turn: Turn | None, *, preview: bool = False) -> str:
    """What a card's history says of the answer on screen, saved only when the learner goes on
    (the history itself lists saved answers); "" when there is none. A preview keeps nothing."""
    if turn is None:
        return ""
    result = logged_result(turn.outcome.correct, turn.outcome.score) if turn.outcome else "shown"
    kept = "practice, schedule unchanged" if turn.practice else f"rated {RATING_NAMES[turn.rating]}"
    if preview:
        return f"This answer: {result}, {kept}. A preview keeps nothing."
    return f"This answer: {result}, {kept}. It is saved when you go on."
