"""The words the game says, shared by the Textual screens and the --plain mode.

Pure: no textual, no rich. Everything returned is plain text; the TUI wraps it in `Content` so
deck text can never be read as markup.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Card, Deck, Item
from kdquiz.core.plural import plural
from kdquiz.core.store.marks import FLAGS

if TYPE_CHECKING:
    from kdquiz.core.game import Missed, RoundResult
    from kdquiz.core.grading import Outcome
    from kdquiz.core.session import SessionSummary

RATING_NAMES: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

#: Symbols beside every verdict, so right and wrong never depend on colour (NO_COLOR works).
RIGHT, WRONG, PARTLY, TIMEOUT = "✓", "✗", "◐", "⏱"


def mark_told(field: str, value: int) -> str:
    """What a mark put on the card under review did (`StudySession.mark`)."""
    if field == "suspended":
        return "Suspended: it stays out of reviews until unsuspended" if value else "Unsuspended"
    if field == "buried":
        return "Buried until tomorrow" if value else "Unburied"
    return f"Flag: {FLAGS[value - 1]}" if value else "Flag taken off"


def format_interval(delta: timedelta | None) -> str:
    """A short interval as Anki prints it: 10m, 3h, 3d, 2.5mo, 1.2y."""
    if delta is None:
        return "—"
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{_one_decimal(days / 30)}mo"
    return f"{_one_decimal(days / 365)}y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def rating_option(rating: int, interval: timedelta | None) -> str:
    """'3 Good 3d' — one option of the rating bar."""
    name = RATING_NAMES.get(rating, str(rating))
    return (
        f"{rating} {name} {format_interval(interval)}"
        if interval is not None
        else f"{rating} {name}"
    )


def comes_back(interval: timedelta | None) -> str:
    """When a card returns, in words, or that the schedule is untouched."""
    if interval is None:
        return "schedule unchanged"
    if interval.total_seconds() < 60:
        return "back in under a minute"
    return f"back in {format_interval(interval)}"


def source_line(deck: Deck | None, card: Card) -> str:
    """'Netflix K-dramas, paragraph 3' — where the fact comes from, or '' when the card has no source."""
    ref = card.source
    if ref is None:
        return ""
    source = deck.source(ref.doc) if deck is not None else None
    title = source.title if source is not None else ref.doc
    text = f"{title}, paragraph {ref.paragraph}"
    return f"{text} ({ref.hint})" if ref.hint else text


def question_text(item: Item) -> str:
    """The question side of an item as plain text."""
    return spec_of(item.card).question_text(item)


def answer_text(item: Item) -> str:
    """The answer side of an item: the right answer, and for a cloze the whole text filled in."""
    return spec_of(item.card).answer_text(item)


def verdict(outcome: Outcome | None, *, timed_out: bool = False) -> tuple[str, str]:
    """(symbol, words) for an outcome; `None` means the learner revealed the answer to rate themselves."""
    if timed_out:
        return TIMEOUT, "Time's up"
    if outcome is None:
        return "", "Answer shown"
    if outcome.correct and outcome.near_miss:
        return RIGHT, "Right (small typo accepted)"
    if outcome.correct:
        return RIGHT, "Right"
    if outcome.score > 0:
        return PARTLY, f"Partly right ({round(outcome.score * 100)}%)"
    return WRONG, "Wrong"


def logged_result(correct: bool | None, score: float | None) -> str:
    """An answer in a card's history: "✓ right", "◐ partly right (2/3)", "✗ wrong" or "—"."""
    if correct is None:
        return "—"
    if correct:
        return f"{RIGHT} right"
    if score is not None and 0 < score < 1:
        from fractions import Fraction

        share = Fraction(score).limit_denominator(12)
        exact = abs(float(share) - score) < 1e-6
        return f"{PARTLY} partly right ({share if exact else f'{round(score * 100)}%'})"
    return f"{WRONG} wrong"


def lives_text(lives: int, total: int) -> str:
    """'♥♥♡' — lives left out of the total, readable without colour."""
    lives = max(0, min(lives, total))
    return "♥" * lives + "♡" * (total - lives)


def seconds_text(seconds: float) -> str:
    """'1m 05s' or '42s' for durations in summaries."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def summary_title(summary: SessionSummary, practice: bool) -> str:
    """The headline of a session's end, true to how it ended: done, or stopped with cards left."""
    if summary.left:
        still = "left to practise" if practice else "still due"
        return f"Stopped — {plural(summary.left, 'card')} {still}"
    if practice:
        return "Practice done"
    return "✓ Session done" if summary.cards else "✓ All caught up"


def summary_lines(
    summary: SessionSummary, practice: bool, learning_due: datetime | None, now: datetime
) -> list[str]:
    """The summary as lines of plain text (the TUI and --plain print the same)."""
    if summary.cards == 0:
        # Stopped before the first answer, the cards are there: "nothing to study" would be false.
        lines = ["No cards answered."] if summary.left else ["Nothing to study right now."]
    else:
        lines = [
            f"Cards answered   {summary.cards}",
            f"Right            {summary.correct}  ({round(summary.accuracy * 100)}%)",
            f"Time             {seconds_text(summary.seconds)}",
        ]
    if not practice:
        if learning_due is not None and learning_due > now:
            lines.append(f"Learning cards come back in {format_interval(learning_due - now)}.")
        lines.append(f"Due tomorrow     {summary.due_tomorrow}")
    else:
        lines.append("Practice never changes the schedule.")
    return lines


def result_lines(result: RoundResult, previous_best: int | None) -> list[str]:
    """The headline numbers as plain text (shared with --plain)."""
    lines = [
        f"Score        {result.score}",
        f"Right        {result.correct} of {result.total}  ({round(result.accuracy * 100)}%)",
        f"Best streak  {result.best_streak}",
    ]
    if result.ended_early:
        of = f" of {result.length}" if result.length else ""
        lines.append(
            f"Ended early after {plural(result.total, 'question')}{of}: "
            "not counted for personal bests."
        )
        if previous_best is not None:
            lines.append(f"Personal best {previous_best}")
    elif previous_best is None and result.score > 0:
        lines.append(f"★ First {_kind_of_round(result)} on these decks: a personal best!")
    elif previous_best is None:
        lines.append(f"First {_kind_of_round(result)} on these decks.")
    elif result.score > previous_best:
        lines.append(f"★ New personal best! (was {previous_best})")
    else:
        lines.append(f"Personal best {previous_best}")
    return lines


def _kind_of_round(result: RoundResult) -> str:
    """'10-question classic round', 'survival round': what a personal best is compared within."""
    length = f"{result.length}-question " if result.length else ""
    return f"{length}{result.mode} round"


def missed_question(miss: Missed) -> str:
    """One missed question's line: '✗' for a wrong answer, '◐' and the share for partial credit
    (a partly right answer is never marked wrong). The TUI and --plain say the same."""
    if miss.score > 0:
        return f"{PARTLY} {miss.question} (partly right, {round(miss.score * 100)}%)"
    return f"{WRONG} {miss.question}"


def missed_title(result: RoundResult) -> str:
    """The heading over the misses; a round ended early is never called perfect."""
    if result.missed:
        return f"Missed ({len(result.missed)})"
    if result.ended_early:
        return f"No misses in the {plural(result.total, 'question')} answered."
    return "No misses. Perfect round!"


#: What ending a quiz round early asks, in the TUI's dialog and at plain mode's prompt.
END_ROUND_QUESTION = "End this round now?"


def end_round_warning(answered: int) -> str:
    """What ending now does to the round, said before the player confirms."""
    if not answered:
        return "Nothing is answered yet, so nothing is recorded."
    return (
        f"{answered} answered; the round is recorded as ended early, so it is not a personal best."
    )
