"""--plain: the same sessions and rules as the TUI, one line in and out at a time.

For screen readers, dumb terminals and pipes: no cursor movement, no colour, nothing but text.
Every prompt ends with a colon; end of input saves what was answered and stops, like q.
Never imports textual.
"""

from __future__ import annotations

import random
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from kdquiz.core.kinds import spec_of
from kdquiz.core.kinds.truefalse import true_or_false
from kdquiz.core.model import Deck, Item
from kdquiz.core.plan import Activity, Plan, select_decks
from kdquiz.core.safe_text import safe_text, without_unsafe
from kdquiz.core.store.marks import FLAGS, next_flag
from kdquiz.core.turn import Line, Turn, answered, quiz_answered, revealed
from kdquiz.core.wording import (
    END_ROUND_QUESTION,
    RATING_NAMES,
    answer_text,
    comes_back,
    end_round_warning,
    mark_told,
    missed_question,
    question_text,
    result_lines,
    summary_lines,
    summary_title,
)

if TYPE_CHECKING:
    from kdquiz.core.custom_study import CustomStudy
    from kdquiz.core.session import StudySession
    from kdquiz.services import Services


class EndOfInput(Exception):
    """Standard input is finished (or the learner typed :q): stop, keeping what was saved."""


class HungUp(EndOfInput):
    """The terminal closed (SIGHUP) or kdquiz was told to stop (SIGTERM): as the end of input,
    the answer on screen is saved first; nothing more is shown."""


class Quit(Exception):
    """The learner asked to stop."""


class Undo(Exception):
    """The learner asked to take back the previous answer."""


class MarkCard(Exception):
    """The learner asked to suspend (:s), bury (:b) or flag (:f [N]) the card under review;
    `value` None: bury until the end of today, or the next flag colour."""

    def __init__(self, field: str, value: int | None = None) -> None:
        super().__init__(field)
        self.field, self.value = field, value


FLAG_HELP = (
    f"Type :f for the next flag, or :f N: 0 takes the flag off, "
    f"{', '.join(f'{n} {colour}' for n, colour in enumerate(FLAGS, 1))} (or the colour's name)."
)


def mark_command(text: str) -> MarkCard | str | None:
    """The mark a line asks for, a line saying what is wrong with it, or None: not a mark."""
    words = text.split()
    if not words or words[0] not in (":s", ":suspend", ":b", ":bury", ":f", ":flag"):
        return None
    head, rest = words[0], words[1:]
    if head in (":f", ":flag"):
        if not rest:
            return MarkCard("flag")
        word = rest[0].casefold()
        if len(rest) == 1 and word in FLAGS:
            return MarkCard("flag", FLAGS.index(word) + 1)
        if len(rest) == 1 and word.isdigit() and int(word) <= len(FLAGS):
            return MarkCard("flag", int(word))
        return FLAG_HELP
    if rest:
        return f"Type {head} alone."
    return MarkCard("suspended", 1) if head in (":s", ":suspend") else MarkCard("buried")


class Console:
    """Reads answers and writes plain lines; ':q' quits and ':u' undoes at any question prompt,
    and with `marks`, ':s', ':b' and ':f N' suspend, bury and flag the card.

    Every line passes through `safe_text` (lines kept): deck text, titles and the learner's own
    answers reach the terminal as text, never as control sequences.
    """

    def __init__(self, stdin: TextIO, stdout: TextIO, *, marks: bool = False) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.marks = marks
        #: The signal that ended the session (SIGHUP, SIGTERM), once one came; see `hang_up`.
        self.hung_up: int | None = None
        self._reading = False

    def hang_up(self, signum: int, _frame: object = None) -> None:
        """A signal handler: end the session as at the end of input. While a line is awaited
        the wait ends at once; otherwise (an answer being saved) at the next question."""
        self.hung_up = signum
        if self._reading:
            raise HungUp

    def say(self, text: str = "") -> None:
        if self.hung_up is not None:
            return  # the terminal may be gone: writing to it could only fail
        text = safe_text(text, multiline=True)
        try:
            self.stdout.write(text + "\n")
        except UnicodeEncodeError:
            encoding = getattr(self.stdout, "encoding", None) or "ascii"
            self.stdout.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        while True:
            self.stdout.write(safe_text(prompt) + " ")
            self.stdout.flush()
            self._reading = True  # first: a signal from here on ends the wait at once
            try:
                if self.hung_up is not None:
                    raise HungUp
                line = self.stdin.readline()
            finally:
                self._reading = False
            if not line:
                self.say()
                raise EndOfInput
            text = typed_text(line.rstrip("\r\n"))
            if text.strip() in (":q", ":quit"):
                raise Quit
            if text.strip() in (":u", ":undo"):
                raise Undo
            mark = mark_command(text) if self.marks else None
            if isinstance(mark, MarkCard):
                raise mark
            if mark is None:
                return text
            self.say(mark)


def run_plain(services: Services, plan: Plan, stdin: TextIO, stdout: TextIO) -> int:
    """Play `plan` through text streams; returns the exit code (0, also when input ends early)."""
    decks = select_decks(services.catalog.decks, plan.deck_ids, plan.tag)
    console = Console(stdin, stdout, marks=plan.activity is not Activity.QUIZ and not plan.preview)
    with _hang_ups(console):
        if plan.activity is Activity.QUIZ:
            code = _quiz(services, decks, plan, console)
        else:
            code = _study(services, decks, plan.activity, console, plan.custom, plan.preview)
    return code if console.hung_up is None else 128 + console.hung_up


@contextmanager
def _hang_ups(console: Console) -> Iterator[None]:
    """SIGHUP and SIGTERM end the session as the end of input does, so the answer on screen is
    saved (as the TUI saves it); only the main thread may set signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, console.hang_up) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


#: What a terminal sends for keys that are not text (arrows, function keys) when no line editor
#: reads them: CSI and SS3 sequences, and OSC ones up to their end.
_KEY_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1bO.|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]"
)


def typed_text(line: str) -> str:
    """A typed line as text: key sequences and other unprintable characters (controls, bidi
    overrides) are dropped where they enter, so an answer never carries them into the log."""
    if line.isprintable():
        return line
    line = without_unsafe(_KEY_SEQUENCE.sub("", line))
    # A no-break or ideographic space (what some input methods type) is a space.
    return "".join(" " if c.isspace() else c for c in line)


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


def _say_lines(console: Console, lines: Sequence[Line | None]) -> None:
    for line in lines:
        if line is not None:
            console.say(line.plain())


def _options_line(turn: Turn) -> str:
    return " · ".join(option.text() for option in turn.rating_options())


# --- review and practice -------------------------------------------------------------------------


def _study(
    services: Services,
    decks: Sequence[Deck],
    activity: Activity,
    console: Console,
    custom: CustomStudy | None = None,
    preview: bool = False,
) -> int:
    from kdquiz.core.custom_study import open_session
    from kdquiz.core.session import Mode

    session = open_session(
        custom,
        practice=activity is Activity.PRACTICE,
        store=services.store,
        settings=services.settings,
        decks=list(decks),
        clock=services.clock,
        rng=services.rng,
        fuzz=services.fuzz,
    )
    practice = session.mode is Mode.PRACTICE
    by_id = {d.id: d for d in services.catalog.decks}
    title = "Practice (schedule untouched)" if practice else "Review"
    console.say(f"{title}: {', '.join(d.title for d in decks)}")
    if preview:
        console.say("A preview: nothing is saved. Type :q to stop, :u to undo the previous answer.")
    else:
        console.say(
            "Type :q to stop (progress is saved), :u to undo the previous answer or mark, "
            ":s to suspend the card, :b to bury it until tomorrow, :f N to flag it (1-7, 0 none)."
        )
    item = session.next_item()
    try:
        while item is not None:
            item = _study_one(console, session, item, by_id.get(item.deck_id), services, practice)
    except (EndOfInput, Quit):
        pass
    console.say()
    console.say(summary_title(session.summary(), practice))
    for line in summary_lines(
        session.summary(), practice, session.next_learning_due, services.clock()
    ):
        console.say(line)
    return 0


def _study_one(
    console: Console,
    session: StudySession,
    item: Item,
    deck: Deck | None,
    services: Services,
    practice: bool,
) -> Item | None:
    """Ask one item, commit it, and return the next (or the undone) item."""
    counts = session.counts
    console.say()
    where = (
        f"{counts.total} left"
        if practice
        else (f"new {counts.new}, learning {counts.learning}, review {counts.review}")
    )
    console.say(f"{deck.title if deck else item.deck_id} · {spec_of(item.card).label} · {where}")
    shown = services.clock()
    # drawn once: a flag asks the card again, and its choices keep the numbers already read
    order = spec_of(item.card).presentation_order(item.card, services.rng)
    while True:
        try:
            how, response = _ask(console, item, services.rng, order)
        except Undo:
            previous = session.undo()
            console.say("Undone." if previous else "Nothing to undo.")
            return previous or item
        except MarkCard as mark:
            following = _mark(console, session, item, mark)
            if following is item:
                continue
            return following
        break
    ms = _ms(services.clock, shown)
    if how == "reveal":
        turn = revealed(
            item, deck, previews=session.previews(item), response_ms=ms, practice=practice
        )
        _say_lines(console, turn.lines())
        console.say(_options_line(turn))
        while True:
            try:
                text = console.ask("Your rating 1-4 (Enter = 3 Good):").strip()
            except Undo:
                return item  # nothing written yet: ask it again
            except MarkCard as mark:  # an unrated card has nothing to save first, as in the TUI
                shown_next = _mark(console, session, item, mark)
                if shown_next is not item:
                    return shown_next
                continue
            if text in ("", "1", "2", "3", "4"):
                turn = turn.rate(int(text or 3))
                break
            console.say("Type 1, 2, 3 or 4.")
        committed = turn.commit(session)
        console.say(f"Rated {RATING_NAMES[turn.rating]} · {comes_back(committed.interval)}")
        return session.next_item()

    graded = session.grade(item, response, ms)
    turn = answered(
        item,
        deck,
        graded.outcome,
        suggested=int(graded.suggested),
        previews=graded.previews,
        response_ms=ms,
        practice=practice,
    )
    _say_lines(console, turn.lines())
    if turn.previews:
        console.say(_options_line(turn))
    while True:
        keys = "Enter continue, 1-4 change rating, " + (
            "r I was right, " if turn.can_overrule else ""
        )
        try:
            text = console.ask(f"{keys}u ask again, :q stop:").strip().casefold()
        except Undo:
            return item
        except (EndOfInput, Quit):
            turn.commit(session)  # leaving saves the answer, rated as shown
            raise
        except MarkCard as mark:
            if mark.field != "flag":
                turn.commit(session)  # as the TUI: the answer on screen is saved first
                return _mark(console, session, item, mark)
            _mark(console, session, item, mark)
            continue
        if text in ("1", "2", "3", "4"):
            turn = turn.rate(int(text))
            _say_lines(console, [turn.rated_line()])
        elif text == "r" and turn.can_overrule:
            turn = turn.overrule()
            _say_lines(console, [turn.verdict_line(), turn.rated_line()])
        elif text == "u":
            return item
        elif text == "":
            turn.commit(session)
            return session.next_item()
        else:
            console.say(
                "Press Enter, or type 1-4" + (", r" if turn.can_overrule else "") + " or u."
            )


def _mark(console: Console, session: StudySession, item: Item, mark: MarkCard) -> Item | None:
    """Put the mark on `item`'s card (`StudySession.mark`, undone by :u like an answer); returns
    the item to ask now: the same one after a flag, the next after a suspend or bury."""
    from kdquiz.errors import KdquizError

    value = mark.value
    if value is None:
        value = (
            session.today(item.deck_id)
            if mark.field == "buried"
            else next_flag(session.flag_of(item))
        )
    try:
        changed = session.mark(item, mark.field, value)
    except KdquizError as exc:  # a busy or full store: told, nothing changed
        console.say(f"Not saved: {exc.message}")
        return item
    console.say(
        f"{mark_told(mark.field, value)}. Undo: :u" if changed else "Nothing changed: it was so."
    )
    if mark.field == "flag":
        return item
    return session.next_item()


def _ms(clock: Callable[[], datetime], since: datetime) -> int:
    return max(0, int((clock() - since).total_seconds() * 1000))


# --- quiz ----------------------------------------------------------------------------------------


def _yes(console: Console, prompt: str) -> bool:
    """Ask until the answer is a yes or a no."""
    while True:
        answer = true_or_false(console.ask(prompt))
        if answer is not None:
            return answer


def _quiz(services: Services, decks: Sequence[Deck], plan: Plan, console: Console) -> int:
    from kdquiz.core.game import QuizConfig, QuizMode, QuizRound, record_round
    from kdquiz.core.game import previous_best as previous_best_of

    items = [item for deck in decks for item in deck.items()]
    config = QuizConfig(mode=QuizMode(plan.quiz_mode), questions=plan.questions, timed=plan.timed)
    quiz = QuizRound(items, config, services.rng, services.clock)
    deck_ids = tuple(sorted(d.id for d in decks))
    by_id = {d.id: d for d in services.catalog.decks}
    console.say(f"Quiz ({config.mode}): {', '.join(d.title for d in decks)}")
    if config.mode is QuizMode.TIME_ATTACK:
        console.say(f"As many as you can in {config.attack_seconds:g} seconds.")
    elif config.mode is QuizMode.SURVIVAL:
        console.say(f"{config.lives} lives: the round ends at the last miss.")
    console.say("Type :q to end the round (it asks first).")
    number = 0
    try:
        while (item := quiz.current()) is not None:
            number += 1
            of = f" of {number + quiz.remaining - 1}" if quiz.remaining is not None else ""
            limit = quiz.time_limit(item)
            timing = (
                "no timer"
                if not config.timed
                else f"{limit:g} s"
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
                    response = _yes(console, "Did you know it? (y/n):")
            except Undo:
                console.say("There is no undo in a quiz.")
                number -= 1
                continue
            except Quit:
                # As the TUI's Esc: ask first; the clock keeps running meanwhile.
                console.say(end_round_warning(quiz.total))
                if _yes(console, f"{END_ROUND_QUESTION} (y/n):"):
                    raise
                number -= 1
                continue
            result = quiz.answer(response, (services.clock() - shown).total_seconds())
            if not result.counted:
                console.say("Time's up: the round is over.")
                break
            turn = quiz_answered(
                by_id.get(item.deck_id), result, score=quiz.score, lives_total=config.lives
            )
            _say_lines(console, turn.lines())
    except (EndOfInput, Quit):
        pass
    if quiz.total == 0:
        console.say("No questions answered; nothing recorded.")
        return 0
    previous_best = previous_best_of(services.store, quiz, deck_ids)
    record_round(services.store, quiz, deck_ids, plan.player)
    round_result = quiz.result()
    console.say()
    console.say("Round ended early" if round_result.ended_early else "Round over")
    for line in result_lines(round_result, previous_best):
        console.say(line)
    if round_result.missed:
        console.say(f"Missed ({len(round_result.missed)}):")
        for miss in round_result.missed:
            console.say(f"  {missed_question(miss)}")
            console.say(f"    Answer: {miss.expected} (you: {miss.given})")
    return 0
