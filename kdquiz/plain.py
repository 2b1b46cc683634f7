"""--plain: the same sessions and rules as the TUI, one line in and out at a time.

For screen readers, dumb terminals and pipes: no cursor movement, no colour, nothing but text.
Every prompt ends with a colon; end of input saves what was answered and stops, like q.
Never imports textual.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from kdquiz.core.kinds import spec_of
from kdquiz.core.kinds.truefalse import FALSE_WORDS, TRUE_WORDS
from kdquiz.core.model import Deck, Item
from kdquiz.core.plan import Activity, Plan, select_decks
from kdquiz.core.safe_text import safe_text
from kdquiz.core.wording import (
    RATING_NAMES,
    answer_text,
    comes_back,
    lives_text,
    question_text,
    rating_line,
    result_lines,
    source_line,
    summary_lines,
    verdict,
)

if TYPE_CHECKING:
    from kdquiz.core.grading import Outcome
    from kdquiz.services import Services


class EndOfInput(Exception):
    """Standard input is finished (or the learner typed :q): stop, keeping what was saved."""


class Quit(Exception):
    """The learner asked to stop."""


class Undo(Exception):
    """The learner asked to take back the previous answer."""


class Console:
    """Reads answers and writes plain lines; ':q' quits and ':u' undoes at any question prompt.

    Every line passes through `safe_text` (lines kept): deck text, titles and the learner's own
    answers reach the terminal as text, never as control sequences.
    """

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        text = safe_text(text, multiline=True)
        try:
            self.stdout.write(text + "\n")
        except UnicodeEncodeError:
            encoding = getattr(self.stdout, "encoding", None) or "ascii"
            self.stdout.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        self.stdout.write(safe_text(prompt) + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.say()
            raise EndOfInput
        text = line.rstrip("\r\n")
        if text.strip() in (":q", ":quit"):
            raise Quit
        if text.strip() in (":u", ":undo"):
            raise Undo
        return text


def run_plain(services: Services, plan: Plan, stdin: TextIO, stdout: TextIO) -> int:
    """Play `plan` through text streams; returns the exit code (0, also when input ends early)."""
    decks = select_decks(services.catalog.decks, plan.deck_ids, plan.tag)
    console = Console(stdin, stdout)
    if plan.activity is Activity.QUIZ:
        return _quiz(services, decks, plan, console)
    return _study(services, decks, plan.activity, console)


# --- asking one question -------------------------------------------------------------------------


def _ask(
    console: Console,
    item: Item,
    rng: random.Random,
    order: Sequence[int] = (),
    *,
    quiz: bool = False,
) -> tuple[str, object]:
    """Show the question and read a response. Returns ("answer", response) or ("reveal", None)."""
    spec = spec_of(item.card)
    console.say(question_text(item))
    shown = tuple(order) or spec.presentation_order(item.card, rng)
    return spec.ask_plain(console, item, shown, quiz=quiz)


def _details(console: Console, item: Item, deck: Deck | None, outcome: Outcome | None) -> None:
    if outcome is None:
        console.say(f"Answer: {answer_text(item)}")
    else:
        if not outcome.correct or outcome.near_miss:
            console.say(f"You answered: {outcome.given or '(nothing)'}")
            console.say(f"Right answer: {outcome.expected}")
        if outcome.feedback:
            console.say(outcome.feedback)
    if item.card.explain:
        console.say(item.card.explain)
    source = source_line(deck, item.card)
    if source:
        console.say(f"Source: {source}")


# --- review and practice -------------------------------------------------------------------------


def _study(services: Services, decks: Sequence[Deck], activity: Activity, console: Console) -> int:
    from kdquiz.core.session import Mode, StudySession

    practice = activity is Activity.PRACTICE
    session = StudySession(
        store=services.store,
        settings=services.settings,
        decks=list(decks),
        mode=Mode.PRACTICE if practice else Mode.REVIEW,
        clock=services.clock,
        rng=services.rng,
        fuzz=services.fuzz,
    )
    by_id = {d.id: d for d in services.catalog.decks}
    title = "Practice (schedule untouched)" if practice else "Review"
    console.say(f"{title}: {', '.join(d.title for d in decks)}")
    console.say("Type :q to stop (progress is saved) and :u to undo the previous answer.")
    item = session.next_item()
    try:
        while item is not None:
            item = _study_one(console, session, item, by_id.get(item.deck_id), services, practice)
    except (EndOfInput, Quit):
        pass
    console.say()
    for line in summary_lines(
        session.summary(), practice, session.next_learning_due, services.clock()
    ):
        console.say(line)
    return 0


def _study_one(
    console: Console,
    session: object,
    item: Item,
    deck: Deck | None,
    services: Services,
    practice: bool,
) -> Item | None:
    """Ask one item, commit it, and return the next (or the undone) item."""
    from kdquiz.core.session import StudySession

    assert isinstance(session, StudySession)
    counts = session.counts
    console.say()
    where = (
        f"{counts.total} left"
        if practice
        else (f"new {counts.new}, learning {counts.learning}, review {counts.review}")
    )
    console.say(f"{deck.title if deck else item.deck_id} · {spec_of(item.card).label} · {where}")
    shown = services.clock()
    try:
        how, response = _ask(console, item, services.rng)
    except Undo:
        previous = session.undo()
        console.say("Undone." if previous else "Nothing to undo.")
        return previous or item
    ms = _ms(services.clock, shown)
    if how == "reveal":
        _details(console, item, deck, None)
        previews = session.previews(item)
        console.say(
            rating_line({int(k): v for k, v in previews.items()})
            if previews
            else "1 Again · 2 Hard · 3 Good · 4 Easy"
        )
        while True:
            try:
                text = console.ask("Your rating 1-4 (Enter = 3 Good):").strip()
            except Undo:
                return item  # nothing written yet: ask it again
            except EndOfInput:
                raise
            if text in ("", "1", "2", "3", "4"):
                rating = int(text or 3)
                break
            console.say("Type 1, 2, 3 or 4.")
        committed = session.commit(item, rating, outcome=None, response_ms=ms)
        console.say(f"Rated {RATING_NAMES[rating]} · {comes_back(committed.interval)}")
        return session.next_item()

    graded = session.grade(item, response, ms)
    outcome = graded.outcome
    symbol, words = verdict(outcome)
    console.say(f"{symbol} {words}")
    _details(console, item, deck, outcome)
    by_rating = {int(k): v for k, v in graded.previews.items()}
    rating = int(graded.suggested)
    overruled = False
    can_overrule = not outcome.correct and spec_of(item.card).free_text
    while True:
        how_rated = "your rating" if overruled or rating != int(graded.suggested) else "inferred"
        console.say(
            f"Rated {RATING_NAMES[rating]} ({how_rated}) · "
            f"{comes_back(None if practice else by_rating.get(rating))}"
        )
        if by_rating:
            console.say(rating_line(by_rating))
        keys = "Enter continue, 1-4 change rating, " + ("r I was right, " if can_overrule else "")
        try:
            text = console.ask(f"{keys}u ask again, :q stop:").strip().casefold()
        except (Undo, EndOfInput, Quit) as stop:
            if isinstance(stop, Undo):
                return item
            _commit(session, item, rating, outcome, ms, overruled)  # leaving saves the answer
            raise
        if text in ("1", "2", "3", "4"):
            rating = int(text)
        elif text == "r" and can_overrule:
            overruled, rating, can_overrule = True, 3, False
            console.say("Counted as right (you said so).")
        elif text == "u":
            return item
        elif text == "":
            _commit(session, item, rating, outcome, ms, overruled)
            return session.next_item()
        else:
            console.say("Press Enter, or type 1-4" + (", r" if can_overrule else "") + " or u.")


def _commit(
    session: object, item: Item, rating: int, outcome: Outcome, ms: int, overruled: bool
) -> None:
    from dataclasses import replace

    from kdquiz.core.session import StudySession

    assert isinstance(session, StudySession)
    if overruled:
        outcome = replace(outcome, correct=True, score=1.0)
    session.commit(item, rating, outcome=outcome, response_ms=ms)


def _ms(clock: Callable[[], datetime], since: datetime) -> int:
    return max(0, int((clock() - since).total_seconds() * 1000))


# --- quiz ----------------------------------------------------------------------------------------


def _quiz(services: Services, decks: Sequence[Deck], plan: Plan, console: Console) -> int:
    from kdquiz.core.game import QuizConfig, QuizMode, QuizRound, record_round

    items = [item for deck in decks for item in deck.items()]
    config = QuizConfig(mode=QuizMode(plan.quiz_mode), questions=plan.questions)
    quiz = QuizRound(items, config, services.rng, services.clock)
    deck_ids = tuple(sorted(d.id for d in decks))
    by_id = {d.id: d for d in services.catalog.decks}
    console.say(f"Quiz ({config.mode}): {', '.join(d.title for d in decks)}")
    if config.mode is QuizMode.TIME_ATTACK:
        console.say(f"As many as you can in {config.attack_seconds:g} seconds.")
    elif config.mode is QuizMode.SURVIVAL:
        console.say(f"{config.lives} lives: the round ends at the last miss.")
    console.say("Type :q to end the round.")
    number = 0
    try:
        while (item := quiz.current()) is not None:
            number += 1
            of = f" of {number + quiz.remaining - 1}" if quiz.remaining is not None else ""
            limit = quiz.time_limit(item)
            timing = (
                f"{limit:g} s"
                if quiz.per_question_timer
                else f"{quiz.time_left(services.clock()) or 0:.0f} s left in the round"
            )
            console.say()
            console.say(f"Question {number}{of} · {spec_of(item.card).label} · {timing}")
            shown = services.clock()
            try:
                how, response = _ask(console, item, services.rng, quiz.choice_order, quiz=True)
                if how == "reveal":
                    console.say(f"Answer: {answer_text(item)}")
                    while True:
                        word = console.ask("Did you know it? (y/n):").strip().casefold()
                        if word in TRUE_WORDS | FALSE_WORDS:
                            response = word in TRUE_WORDS
                            break
            except Undo:
                console.say("There is no undo in a quiz.")
                number -= 1
                continue
            result = quiz.answer(response, (services.clock() - shown).total_seconds())
            if not result.counted:
                console.say("Time's up: the round is over.")
                break
            symbol, words = verdict(result.outcome, timed_out=result.timed_out)
            console.say(f"{symbol} {words}")
            bonus = f" (incl. streak bonus +{result.streak_bonus})" if result.streak_bonus else ""
            status = [
                f"+{result.total} points{bonus}",
                f"score {quiz.score}",
                f"streak {result.streak}",
            ]
            if result.lives_left is not None:
                status.append(f"lives {lives_text(result.lives_left, config.lives)}")
            console.say(" · ".join(status))
            _details(console, item, by_id.get(item.deck_id), result.outcome)
    except (EndOfInput, Quit):
        pass
    if quiz.total == 0:
        console.say("No questions answered; nothing recorded.")
        return 0
    previous_best = services.store.personal_best(deck_ids, str(config.mode))
    record_round(services.store, quiz, deck_ids, plan.player)
    round_result = quiz.result()
    console.say()
    console.say("Round over")
    for line in result_lines(round_result, previous_best):
        console.say(line)
    if round_result.missed:
        console.say(f"Missed ({len(round_result.missed)}):")
        for miss in round_result.missed:
            console.say(f"  ✗ {miss.question}")
            console.say(f"    Answer: {miss.expected} (you: {miss.given})")
    return 0
