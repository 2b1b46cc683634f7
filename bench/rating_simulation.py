"""Budget 9: inferred ratings keep the retention a learner asked for, on every kind of question.

    python -m bench.run --only 9

Simulated learners answer simulated cards for a year. Their memory is FSRS's own model: a card's
true memory state is updated by py-fsrs with the rating that truly describes each answer, and
the chance of recalling it at a review is FSRS's forgetting curve for that state. kdquiz sees only
what a real learner shows it: the graded answer (through the kind's real `grade`) and the response
time. It infers a rating with `kdquiz.core.rating.infer_rating`, and its real scheduler
(`DeckScheduler`, fuzz on) picks the next review, on which the learner turns up exactly.

- At first sight a learner already knows a card with chance `KNOWN_AT_FIRST_SIGHT` (read the
  article); later, with the retrievability of the true state.
- Recalled: the right answer, in `median 0.9 x reference` time (log-normal, sigma 0.55). The true
  rating is Easy, Good or Hard by the same fast/slow thresholds kdquiz uses, so for a typed answer
  kdquiz's rating is exactly the true one and the row measures FSRS itself.
- Not recalled: a blind guess (a random choice, subset, matching or order, graded for real; a typed
  answer is wrong), after hesitating: median 1.3 x reference, sigma 0.6. The true rating is Again:
  the feedback then shows the answer, so the learner starts relearning it whatever was inferred.

Retention reached is the share of reviews of cards in review (past their learning steps) that the
learner truly recalled, whatever the answer looked like. It must stay within `TOLERANCE` of the
desired retention for every kind. The previous rule (fast is Easy, whatever the chance of a lucky
guess) is run beside it for the kinds where it differed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Rating, State

from bench.common import BenchConfig
from bench.report import Row, Table
from kdquiz.core import grading
from kdquiz.core import rating as rating_rules
from kdquiz.core.decks import load_deck_text
from kdquiz.core.grading import Outcome
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Item
from kdquiz.core.scheduling import DeckScheduler, ItemState
from kdquiz.core.settings import DeckSettings

TOLERANCE = 0.05
DESIRED = 0.9
KNOWN_AT_FIRST_SIGHT = 0.25
RECALL_TIME = (0.9, 0.55)  # median x reference, sigma of its log
GUESS_TIME = (1.3, 0.6)
SEED = 18
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

#: One card of each shape whose chance of a lucky guess differs (the worst cases included).
DECK = """\
format: 1
id: sim
title: Simulated cards
cards:
  - id: truefalse
    type: truefalse
    statement: The first episode of the drama was shot in Busan.
    answer: true
  - id: mcq-3-choices
    type: mcq
    prompt: Which studio made the drama?
    choices: [Studio Dragon, JTBC Studios, SLL]
    answer: Studio Dragon
  - id: mcq-4-choices
    type: mcq
    prompt: Which studio made the drama?
    choices: [Studio Dragon, JTBC Studios, SLL, Astory]
    answer: Studio Dragon
  - id: multi-2-of-4
    type: multi
    prompt: Which of these work on set during a shoot?
    choices: [Director, Gaffer, Colourist, Translator]
    answers: [Director, Gaffer]
  - id: matching-2-pairs
    type: matching
    prompt: Match the role to the job.
    pairs: [[Writer, Script], [Director, Shoot]]
  - id: matching-4-pairs
    type: matching
    prompt: Match each crew member to their work.
    pairs: [[Writer, Script], [Director, Shoot], [Editor, Cut], [Composer, Score]]
  - id: order-3-items
    type: order
    prompt: Put these stages in order.
    items: [Script, Shooting, Editing]
  - id: typed
    type: typed
    prompt: Which streaming service is the article about?
    answer: Netflix
  - id: cloze
    type: cloze
    text: An OST is a drama's {{original soundtrack}}.
  - id: numeric
    type: numeric
    prompt: How many episodes does a typical K-drama season have?
    answer: 16
"""

Rule = Callable[[Outcome, int, Item, ItemState | None], Rating]


def current_rule(outcome: Outcome, ms: int, item: Item, state: ItemState | None) -> Rating:
    return rating_rules.infer_rating(outcome, ms, item, None, state=state)


def previous_rule(outcome: Outcome, ms: int, item: Item, state: ItemState | None) -> Rating:
    """The rule before the chance of a lucky guess counted: fast and right was always Easy."""
    if not outcome.correct:
        partly = spec_of(item.card).partial_credit and outcome.score >= rating_rules.PARTIAL_HARD
        return Rating.Hard if partly else Rating.Again
    if outcome.hinted or outcome.near_miss:
        return Rating.Hard
    reference = rating_rules.expected_ms(item)
    if ms <= rating_rules.FAST * reference:
        return Rating.Easy
    return Rating.Hard if ms > rating_rules.SLOW * reference else Rating.Good


@dataclass(frozen=True)
class Result:
    retention: float  # truly recalled / reviews of cards in review
    reviews: int  # every answer, learning steps included
    checked: int  # reviews of cards in review (the retention's denominator)


def blind_guess(item: Item, rng: random.Random) -> object:
    """What a learner who does not remember answers: any choice, subset, matching or order."""
    card = item.card
    if card.kind == "truefalse":
        return rng.random() < 0.5
    if card.kind == "mcq":
        return rng.randrange(len(card.choices))  # type: ignore[attr-defined]
    if card.kind == "multi":
        return frozenset(n for n in range(len(card.choices)) if rng.random() < 0.5)  # type: ignore[attr-defined]
    if card.kind == "matching":
        rights = list(range(len(card.rights())))  # type: ignore[attr-defined]
        rng.shuffle(rights)
        return rights[: len(card.pairs)]  # type: ignore[attr-defined]
    if card.kind == "order":
        order = list(range(len(card.items)))  # type: ignore[attr-defined]
        rng.shuffle(order)
        return order
    return "no idea"


def true_rating(factor: float) -> Rating:
    """How a recall felt, from its time relative to the reference (kdquiz's own thresholds)."""
    if factor <= rating_rules.FAST:
        return Rating.Easy
    return Rating.Hard if factor > rating_rules.SLOW else Rating.Good


def simulate(
    item: Item,
    rule: Rule,
    *,
    cards: int,
    days: int,
    desired: float = DESIRED,
    seed: int = SEED,
) -> Result:
    """`cards` independent learners study `item` for `days` days, scheduled by `rule`."""
    settings = DeckSettings(desired_retention=desired)
    kdquiz = DeckScheduler(settings, fuzz=True, salt=seed)
    memory = DeckScheduler(settings, fuzz=False)
    rng = random.Random(f"{seed}|{item.card.id}|{item.sub}")
    reference = rating_rules.expected_ms(item)
    end = START + timedelta(days=days)
    recalled_in_review = checked = reviews = 0
    for n in range(cards):
        key = ("sim", item.card.id, f"{item.sub}{n}")
        seen: ItemState | None = None  # what kdquiz knows
        true: ItemState | None = None  # the learner's memory
        when = START
        while when < end:
            chance = KNOWN_AT_FIRST_SIGHT if true is None else memory.retrievability(true, when)
            recalled = rng.random() < chance
            median, sigma = RECALL_TIME if recalled else GUESS_TIME
            factor = median * math.exp(rng.gauss(0.0, sigma))
            response = grading.right_response(item) if recalled else blind_guess(item, rng)
            ms = int(factor * reference)
            rating = rule(grading.grade(item, response), ms, item, seen)
            if seen is not None and seen.state == State.Review:
                checked += 1
                recalled_in_review += recalled
            reviews += 1
            seen = kdquiz.review(seen, rating, when, key, ms)
            true = memory.review(true, true_rating(factor) if recalled else Rating.Again, when, key)
            when = seen.due
    return Result(recalled_in_review / checked if checked else 0.0, reviews, checked)


def retention_row(name: str, result: Result, desired: float, budgeted: bool) -> Row:
    ok = abs(result.retention - desired) <= TOLERANCE + 1e-9 if budgeted else None
    budget = f"±{TOLERANCE * 100:g} pts" if budgeted else "-"
    return Row(name, result.retention * 100, desired * 100, "%", budget, ok, "desired")


def run(config: BenchConfig) -> Table:
    cards = config.pick(40, 150, 400)
    days = config.pick(90, 365, 365)
    deck = load_deck_text(DECK, "simulated.yaml")
    table = Table(9, "retention reached with inferred ratings vs desired retention, per kind")
    for item in deck.items():
        chance = spec_of(item.card).guess_rate(item)
        name = f"{item.card.id} (guess {chance:.0%})"
        now = simulate(item, current_rule, cards=cards, days=days)
        table.rows.append(retention_row(name, now, DESIRED, True))
        per_card = round(now.reviews / cards, 1)
        table.rows.append(Row("  answers per card", per_card, None, "answers", "-", None))
        if chance >= rating_rules.GUESSABLE:
            before = simulate(item, previous_rule, cards=cards, days=days)
            table.rows.append(retention_row("  with the previous rule", before, DESIRED, False))
    table.notes.append(
        f"{cards} simulated learners per card over {days} days, seed {SEED}; retention = reviews of "
        "cards past their learning steps truly recalled (a lucky guess counts as forgotten)"
    )
    return table
