"""Running a card search (`card_query`) over decks and the progress store.

Decks are picked by their id and title first (a lazy deck that no `deck:` term can match is never
loaded); each remaining deck's progress and marks come from one grouped query each, and only the
cards that match become rows. Rows are plain values, shared by `kdquiz cards` and the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING

from kdquiz.core.card_query import Query, QueryError, Term, compare
from kdquiz.core.queue import study_date
from kdquiz.core.store.card_reads import CardProgress
from kdquiz.core.store.marks import FLAGS, NO_MARK, Mark
from kdquiz.core.store.study_days import DAY_US
from kdquiz.core.store.values import from_us, to_us

if TYPE_CHECKING:
    from kdquiz.core.model import Card, Deck
    from kdquiz.core.settings import Settings
    from kdquiz.core.store import ProgressStore

#: A relearning card shows as learning; a search finds it as both, as Anki's is:learn, is:review.
STATE_NAMES = {0: "new", 1: "learn", 2: "review", 3: "learn"}
#: Columns a search may be sorted by (a leading minus sorts the other way).
SORTS = ("deck", "card", "kind", "text", "state", "due", "ivl", "reps", "lapses", "flag")


@dataclass(slots=True)
class CardRow:
    """One card as the browser and `kdquiz cards` show it. Text fields hold what the deck holds:
    whoever shows them passes them through `safe_text`. Not frozen: a frozen dataclass sets each
    field through `object.__setattr__`, which made building a row three times slower."""

    deck_id: str
    deck_title: str
    card_id: str
    kind: str
    text: str  # the card's first line of text
    tags: tuple[str, ...]
    state: str  # new, learn or review
    due_days: int | None  # study days until due (negative: overdue); None for a new card
    due_us: int | None  # when it is due (µs since the epoch, UTC); see `due`
    ivl: int
    reps: int
    lapses: int
    flag: int
    suspended: bool
    buried: bool
    line: int

    @property
    def due(self) -> datetime | None:
        return from_us(self.due_us) if self.due_us is not None else None

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck_id, self.card_id)

    @property
    def flag_name(self) -> str:
        return FLAGS[self.flag - 1] if self.flag else ""

    def status(self) -> str:
        """The state with the marks that hold it back, e.g. "review, suspended"."""
        marks = [m for m, on in (("suspended", self.suspended), ("buried", self.buried)) if on]
        return ", ".join([self.state, *marks])

    def sort_key(self, column: str) -> tuple[object, ...]:
        value: object = {
            "deck": self.deck_title.lower(),
            "card": self.card_id,
            "kind": self.kind,
            "text": self.text.lower(),
            "state": self.state,
            "due": self.due_days if self.due_days is not None else 10**9,
            "ivl": self.ivl,
            "reps": self.reps,
            "lapses": self.lapses,
            "flag": self.flag,
        }[column]
        return (value, self.deck_id, self.card_id)

    def as_json(self) -> dict[str, object]:
        return {
            "deck": self.deck_id,
            "card": self.card_id,
            "kind": self.kind,
            "text": self.text,
            "tags": list(self.tags),
            "state": self.state,
            "due": self.due.isoformat() if self.due else None,
            "due_in_days": self.due_days,
            "interval_days": self.ivl,
            "reps": self.reps,
            "lapses": self.lapses,
            "flag": self.flag_name or None,
            "suspended": self.suspended,
            "buried": self.buried,
        }


def sort_rows(rows: list[CardRow], sort: str) -> list[CardRow]:
    """`rows` sorted by a column of SORTS; "-due" sorts the other way."""
    column = sort.lstrip("-")
    if column not in SORTS:
        raise QueryError(f"cannot sort by '{sort}'; one of {', '.join(SORTS)} (-due: reversed)")
    return sorted(rows, key=lambda row: row.sort_key(column), reverse=sort.startswith("-"))


@dataclass(frozen=True)
class _DeckDay:
    """What every row of one deck shares, worked out once per search."""

    today: int  # the study day's ordinal
    to_day: Callable[[int], int]  # a stored due (µs) -> study days from today
    deck_id: str
    title: str
    tags: tuple[str, ...]
    start_of: Callable[[int], int] = int  # study day k from today -> when it starts (µs)
    tag_hits: dict[Term, bool] = field(default_factory=dict)
    #: rated:N and introduced:N: the deck's cards each finds in the log, read once per search.
    log_hits: dict[Term, set[str]] = field(default_factory=dict)


def search(
    store: ProgressStore,
    decks: Sequence[Deck],
    query: Query,
    *,
    now: datetime,
    settings: Settings,
    tz: tzinfo | None = None,
) -> Iterator[CardRow]:
    """Every card of `decks` that matches, deck by deck in deck order."""
    zone = tz or settings.zone()
    groups = query.alternatives or ((),)
    for deck in decks:
        live = [g for g in groups if all(_deck_term(t, deck) for t in g if t.field == "deck")]
        if not live:
            continue
        day = _deck_day(deck, now, zone, settings)
        for term in {t for group in live for t in group if t.field in ("rated", "introduced")}:
            day.log_hits[term] = store.answered_cards(
                deck.id,
                day.start_of(1 - term.number),  # rated:1 is today, rated:2 today and yesterday
                rating=int(term.op or 0),
                first=term.field == "introduced",
            )
        marks = {card: mark for (_, card), mark in store.marks(deck.id).items()}
        if any(_needs_progress(t) for group in live for t in group):
            having = _having(live[0], day) if len(live) == 1 else None
            progress = store.card_progress(deck.id, having=having)
            every = any(not group for group in live)  # a group with no term left: every card
            for card in _candidates(deck, live, progress, marks):
                state = progress.get(card.id)
                mark = marks.get(card.id, NO_MARK)
                if every or any(
                    all(_holds(t, card, deck, state, mark, day) for t in g) for g in live
                ):
                    yield _row(card, deck, state, mark, day)
            continue
        # No term needs progress: test the cards first, then read the progress of those found.
        every = any(not group for group in live)
        found: list[tuple[Card, Mark]] = []
        for card in _candidates(deck, live, {}, marks):
            mark = marks.get(card.id, NO_MARK)
            if every or any(all(_holds(t, card, deck, None, mark, day) for t in g) for g in live):
                found.append((card, mark))
        few = len(found) * _FEW < len(deck.cards)
        progress = store.card_progress(deck.id, [c.id for c, _ in found] if few else None)
        for card, mark in found:
            yield _row(card, deck, progress.get(card.id), mark, day)


#: Found cards at most 1/_FEW of a deck have their progress read by id, not the whole deck's.
_FEW = 8


#: Progress terms as SQL over a card's grouped states (see `store.card_reads`).
_HAVING = {
    "lapses": "SUM(lapses)",
    "reps": "SUM(reps)",
    "ivl": f"MAX(CASE WHEN last_review IS NULL THEN 0 ELSE due - last_review END) / {DAY_US}",
}


def _having(group: tuple[Term, ...], day: _DeckDay) -> tuple[str, tuple[int, ...]] | None:
    """The group's progress terms as one SQL condition on a card's states, when every card it
    can match has progress (so only those need reading); None when that cannot be said."""
    parts: list[str] = []
    params: list[int] = []
    for term in group:
        if not _needs_progress(term):
            continue
        if term.negated or (term.field == "is" and term.value == "new"):
            return None
        if term.field == "is":
            parts.append(
                {
                    "learn": "MAX(state IN (1, 3))",
                    "review": "NOT MAX(state = 1)",
                    "due": "MIN(due) < ?",
                }[term.value]
            )
            if term.value == "due":
                params.append(day.start_of(1))
        elif term.field == "due":
            bound = {"<": 0, "<=": 1, ">": 1, ">=": 0}.get(term.op)
            if bound is None:
                return None
            parts.append(f"MIN(due) {'<' if term.op[0] == '<' else '>='} ?")
            params.append(day.start_of(term.number + bound))
        else:
            if compare(0, term.op, term.number) and term.field != "ivl":
                return None  # a new card (no progress) matches too
            parts.append(f"{_HAVING[term.field]} {'==' if term.op == '=' else term.op} ?")
            params.append(term.number)
    return (" AND ".join(parts), tuple(params)) if parts else None


def _needs_progress(term: Term) -> bool:
    return term.field in ("lapses", "reps", "ivl", "due") or (
        term.field == "is" and term.value in ("new", "learn", "review", "due")
    )


def _candidates(
    deck: Deck,
    groups: list[tuple[Term, ...]],
    progress: dict[str, CardProgress],
    marks: dict[str, Mark],
) -> Sequence[Card]:
    """The cards worth testing: when every group needs a mark or progress (flag:1, is:due,
    lapses>3 ...), only the cards that have one, in deck order; else every card of the deck."""
    ids: set[str] = set()
    for group in groups:
        found = next((pool for t in group if (pool := _pool(t, progress, marks)) is not None), None)
        if found is None:
            return deck.cards
        ids.update(found)
    return [card for card in deck.cards if card.id in ids]  # one pass, in deck order


def _pool(
    term: Term, progress: dict[str, CardProgress], marks: dict[str, Mark]
) -> Iterable[str] | None:
    """The card ids a term can only be true of, or None when any card may match it."""
    if term.negated:
        return None
    if term.field in ("flag", "is") and term.value in ("suspended", "buried", "flagged"):
        return marks
    if term.field == "flag" and term.number > 0:
        return marks
    if term.field == "is" and term.value in ("learn", "review", "due"):
        return progress
    if term.field in ("due", "ivl") or (
        term.field in ("lapses", "reps") and not compare(0, term.op, term.number)
    ):
        return progress  # a new card has no progress to compare, or its zero fails the test
    return None


def rows_of(
    store: ProgressStore,
    decks: Sequence[Deck],
    keys: Sequence[tuple[str, str]],
    *,
    now: datetime,
    settings: Settings,
    tz: tzinfo | None = None,
) -> dict[tuple[str, str], CardRow]:
    """These cards as they are now (after a mark or an edit), by key; cards gone are left out."""
    zone = tz or settings.zone()
    found: dict[tuple[str, str], CardRow] = {}
    for deck in decks:
        ids = [card_id for deck_id, card_id in keys if deck_id == deck.id]
        if not ids:
            continue
        day = _deck_day(deck, now, zone, settings)
        progress = store.card_progress(deck.id)
        marks = store.marks_of([(deck.id, card_id) for card_id in ids])
        for card_id in ids:
            card = deck.card(card_id)
            if card is not None:
                mark = marks.get((deck.id, card_id), NO_MARK)
                found[deck.id, card_id] = _row(card, deck, progress.get(card_id), mark, day)
    return found


def _deck_day(deck: Deck, now: datetime, zone: tzinfo, settings: Settings) -> _DeckDay:
    """Study days from today, found by arithmetic and a few cached day starts (exact across
    daylight-saving changes), not by a time-zone conversion per card."""
    rollover = settings.for_deck(deck.id).rollover_hour
    today = study_date(now, zone, rollover)

    @cache
    def start_of(k: int) -> int:
        return to_us(datetime.combine(today + timedelta(days=k), time(rollover), zone))

    first = start_of(0)

    def to_day(due_us: int) -> int:
        k = (due_us - first) // DAY_US
        while due_us < start_of(k):
            k -= 1
        while due_us >= start_of(k + 1):
            k += 1
        return k

    return _DeckDay(today.toordinal(), to_day, deck.id, deck.title, tuple(deck.tags), start_of)


def _deck_term(term: Term, deck: Deck) -> bool:
    return _deck_matches(term, deck) != term.negated


def _deck_matches(term: Term, deck: Deck) -> bool:
    return bool(term.pattern.fullmatch(deck.id) or term.pattern.fullmatch(deck.title))


def _holds(
    term: Term, card: Card, deck: Deck, state: CardProgress | None, mark: Mark, day: _DeckDay
) -> bool:
    return _test(term, card, deck, state, mark, day) != term.negated


def _test(
    term: Term, card: Card, deck: Deck, state: CardProgress | None, mark: Mark, day: _DeckDay
) -> bool:
    field = term.field
    if field == "text":
        return term.found_in(card.searchable_text())
    if field == "deck":
        return _deck_matches(term, deck)
    if field == "tag":
        pattern = term.tag_pattern
        deck_hit = day.tag_hits.get(term)
        if deck_hit is None:  # whether the deck's own tags match: once per deck and term
            deck_hit = day.tag_hits[term] = any(pattern.fullmatch(tag) for tag in day.tags)
        return deck_hit or any(pattern.fullmatch(tag) for tag in card.tags)
    if field == "card":
        return bool(term.pattern.fullmatch(card.id))
    if field == "kind":
        return card.kind.value == term.value
    if field == "flag":
        return mark.flag == term.number
    if field == "is":
        return _is(term.value, state, mark, day)
    if field in ("rated", "introduced"):
        return card.id in day.log_hits[term]
    if state is None:  # a new card has no progress to compare
        return field in ("lapses", "reps") and compare(0, term.op, term.number)
    if field == "due" and mark.held(day.today):  # as Anki: a held card is due on no day
        return False
    if field == "lapses":
        value = state.lapses
    elif field == "reps":
        value = state.reps
    elif field == "ivl":
        value = state.interval_days
    else:
        value = day.to_day(state.due)
    return compare(value, term.op, term.number)


def _is(what: str, state: CardProgress | None, mark: Mark, day: _DeckDay) -> bool:
    if what == "new":
        return state is None
    if what == "learn":
        return state is not None and state.state != 2
    if what == "review":
        return state is not None and state.state != 1
    if what == "due":  # what a review would show today, as Anki's queue test: no held card
        return state is not None and not mark.held(day.today) and day.to_day(state.due) <= 0
    if what == "suspended":
        return mark.suspended
    if what == "buried":
        return mark.buried >= day.today
    return mark.flag > 0  # flagged


def _row(card: Card, deck: Deck, state: CardProgress | None, mark: Mark, day: _DeckDay) -> CardRow:
    text = card.searchable_text().lstrip()
    cut = text.find("\n")
    text = (text if cut < 0 else text[:cut]).rstrip()
    tags = tuple(dict.fromkeys((*card.tags, *day.tags))) if card.tags else day.tags
    if state is None:
        return CardRow(
            day.deck_id, day.title, card.id, card.kind.value, text, tags, "new", None, None,
            0, 0, 0, mark.flag, mark.suspended, mark.buried >= day.today, card.line,
        )  # fmt: skip
    return CardRow(
        day.deck_id, day.title, card.id, card.kind.value, text, tags,
        STATE_NAMES[state.state], day.to_day(state.due), state.due, state.interval_days,
        state.reps, state.lapses, mark.flag, mark.suspended, mark.buried >= day.today, card.line,
    )  # fmt: skip
