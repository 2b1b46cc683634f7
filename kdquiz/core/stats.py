"""Progress insight computed from the review log and the stored states: pure functions, no I/O.

Everything that depends on "today" takes `now` and the learner's time zone and rollover hour, so a
study day here is the same day the daily queue uses (04:00 to 04:00 local by default).

Definitions (the same as Anki's statistics, where Anki has one):

- *forecast*: items falling due on each of the next 30 study days; anything overdue counts today.
  The *daily load* is the sum of 1 / interval (days, at least 1) over every scheduled item: the
  reviews per day the collection costs in the long run.
- *true retention*: the first review of an item on a study day, when it was in the review state
  (learning steps are left out); Again is a fail, Hard/Good/Easy a pass. *Young* items had an
  interval under 21 days, *mature* ones 21 days or more.
- *calendar*: answers per study day in every mode (review, practice, quiz, imported history).
- *streak*: consecutive study days with at least one answer, ending today (or yesterday, when
  today has no answer yet, so a streak does not look broken in the morning).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from fsrs import State

from kdquiz.core.model import Deck, Kind
from kdquiz.core.queue import study_day

if TYPE_CHECKING:
    from kdquiz.core.scheduling import ItemState, Key
    from kdquiz.core.store import GameRecord, LogEntry, ProgressStore
    from kdquiz.core.store.study_days import DayScale

FORECAST_DAYS = 30
CALENDAR_DAYS = 365
MATURE_DAYS = 21
#: Log modes that are reviews of the schedule (imported history counts as review history).
REVIEW_MODES = ("review", "history")
STREAK_PREF = "stats.streak"


def day_of(when: datetime, tz: tzinfo, rollover_hour: int) -> date:
    """The study day (by its calendar date) that `when` falls in."""
    return study_day(when, tz, rollover_hour).start.astimezone(tz).date()


def _passed(entry: LogEntry) -> bool | None:
    """Right or wrong: checked answers have `correct`, the rating says it for the rest."""
    if entry.correct is not None:
        return entry.correct
    if entry.rating is not None:
        return entry.rating > 1
    return None


# -- today ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Today:
    reviewed: int  # review-mode answers today
    again: int  # of those, rated Again
    practised: int  # practice and quiz answers today
    seconds: float  # time spent answering today, every mode


def today_summary(log: Iterable[LogEntry], today: date, tz: tzinfo, rollover_hour: int) -> Today:
    reviewed = again = practised = 0
    ms = 0
    for entry in log:
        if day_of(entry.time, tz, rollover_hour) != today:
            continue
        ms += max(0, entry.response_ms)
        if entry.mode == "review":
            reviewed += 1
            again += entry.rating == 1
        elif entry.mode != "history":
            practised += 1
    return Today(reviewed, again, practised, ms / 1000)


# -- card counts by state ------------------------------------------------------------------------


@dataclass(frozen=True)
class StateCounts:
    deck_id: str
    title: str
    new: int
    learning: int
    review: int
    relearning: int
    due_today: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.relearning


def state_counts(
    decks: Sequence[Deck], states: dict[Key, ItemState], day_end: datetime
) -> list[StateCounts]:
    """Per deck: items never seen, in each FSRS state, and due before the study day ends.

    Progress of cards no longer in a deck is left out (`kdquiz check --progress` reports it).
    """
    from kdquiz.core.store import to_us

    schedule = [(*key, int(s.state), to_us(s.due), -1) for key, s in states.items()]
    return _state_counts(decks, schedule, to_us(day_end))


# -- forecast ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    start: date  # the first day (today)
    due: tuple[int, ...]  # items due on each day; overdue items are counted today
    daily_load: float

    def day(self, offset: int) -> date:
        return self.start + timedelta(days=offset)


def interval_days(state: ItemState) -> float:
    """The scheduled interval in days, at least 1 (learning steps count as one day, as in Anki)."""
    if state.last_review is None:
        return 1.0
    return max(1.0, (state.due - state.last_review).total_seconds() / 86400)


def forecast(
    states: Iterable[ItemState],
    today: date,
    tz: tzinfo,
    rollover_hour: int,
    days: int = FORECAST_DAYS,
) -> Forecast:
    due = [0] * days
    load = 0.0
    for state in states:
        load += 1.0 / interval_days(state)
        offset = max(0, (day_of(state.due, tz, rollover_hour) - today).days)
        if offset < days:
            due[offset] += 1
    return Forecast(today, tuple(due), load)


# -- calendar and streak -------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    first: date
    last: date  # today
    counts: dict[date, int]  # only days with answers

    def count(self, day: date) -> int:
        return self.counts.get(day, 0)

    @property
    def busiest(self) -> int:
        return max(self.counts.values(), default=0)


def answers_per_day(log: Iterable[LogEntry], tz: tzinfo, rollover_hour: int) -> dict[date, int]:
    counts: dict[date, int] = defaultdict(int)
    for entry in log:
        counts[day_of(entry.time, tz, rollover_hour)] += 1
    return dict(counts)


def calendar(per_day: dict[date, int], today: date, days: int = CALENDAR_DAYS) -> Calendar:
    first = today - timedelta(days=days - 1)
    return Calendar(first, today, {d: n for d, n in per_day.items() if first <= d <= today})


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    studied_today: bool


def streak(days_studied: Iterable[date], today: date) -> Streak:
    studied = {d for d in days_studied if d <= today}
    start = today if today in studied else today - timedelta(days=1)
    current = 0
    while start - timedelta(days=current) in studied:
        current += 1
    longest = run = 0
    previous: date | None = None
    for day in sorted(studied):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    return Streak(current, longest, today in studied)


# -- true retention ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Retention:
    passed: int
    failed: int

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None


@dataclass(frozen=True)
class TrueRetention:
    young: Retention
    mature: Retention


def true_retention(
    log: Iterable[LogEntry], tz: tzinfo, rollover_hour: int, since: date | None = None
) -> TrueRetention:
    """Anki's true retention: first review of the day of items in the review state.

    Items logged by kdquiz carry their state before the answer; imported history does not, so there
    an item counts as in review when its previous review was on an earlier day, and its interval is
    the time since then.
    """
    tally = {False: [0, 0], True: [0, 0]}  # mature? -> [passed, failed]
    last_seen: dict[Key, datetime] = {}
    counted: set[tuple[Key, date]] = set()
    for entry in sorted(
        (e for e in log if e.mode in REVIEW_MODES and e.rating), key=lambda e: e.time
    ):
        previous = last_seen.get(entry.key)
        last_seen[entry.key] = entry.time
        day = day_of(entry.time, tz, rollover_hour)
        if (entry.key, day) in counted:
            continue
        counted.add((entry.key, day))
        if entry.before is not None:
            if entry.before.state != State.Review:
                continue
            interval = interval_days(entry.before)
        elif entry.mode == "history" and previous is not None:
            if day_of(previous, tz, rollover_hour) == day:
                continue
            interval = (entry.time - previous).total_seconds() / 86400
        else:
            continue
        if since is not None and day < since:
            continue
        bucket = tally[interval >= MATURE_DAYS]
        bucket[0 if (entry.rating or 0) > 1 else 1] += 1
    return TrueRetention(Retention(*tally[False]), Retention(*tally[True]))


# -- accuracy by question kind -------------------------------------------------------------------


@dataclass(frozen=True)
class KindAccuracy:
    kind: str
    answered: int
    correct: int

    @property
    def rate(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


def accuracy_by_kind(log: Iterable[LogEntry], decks: Sequence[Deck]) -> list[KindAccuracy]:
    """Right answers per question kind, every mode; flashcards count as right unless rated Again."""
    kinds = {
        (deck.id, card_id): kind
        for deck in decks
        for card_id, kind in zip(deck.card_ids(), deck.card_kinds(), strict=True)
    }
    tally: dict[Kind, list[int]] = defaultdict(lambda: [0, 0])
    for entry in log:
        kind = kinds.get(entry.key[:2])
        passed = _passed(entry)
        if kind is None or passed is None:
            continue
        tally[kind][0] += 1
        tally[kind][1] += passed
    return [KindAccuracy(str(kind), *tally[kind]) for kind in Kind if kind in tally]


# -- quiz personal bests -------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonalBest:
    deck_ids: tuple[str, ...]
    mode: str
    score: int
    correct: int
    total: int
    player: str
    when: datetime
    games: int
    #: A classic round's questions (0 in the other modes): bests compare rounds of one length.
    length: int = 0


def personal_bests(games: Iterable[GameRecord]) -> list[PersonalBest]:
    """The best complete round (highest score, earliest on a tie) for each deck set, quiz mode
    and round length; rounds ended early are never bests."""
    best: dict[tuple[tuple[str, ...], str, int], tuple[GameRecord, int]] = {}
    for game in games:
        if not game.complete:
            continue
        key = (tuple(sorted(set(game.deck_ids))), game.mode, game.length)
        found = best.get(key)
        if found is None:
            best[key] = (game, 1)
        elif game.score > found[0].score:
            best[key] = (game, found[1] + 1)
        else:
            best[key] = (found[0], found[1] + 1)
    return [
        PersonalBest(key[0], key[1], g.score, g.correct, g.total, g.player, g.finished, n, key[2])
        for key, (g, n) in sorted(best.items())
    ]


# -- everything at once --------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    today: Today
    decks: list[StateCounts]
    forecast: Forecast
    calendar: Calendar
    retention: TrueRetention
    accuracy: list[KindAccuracy]
    bests: list[PersonalBest]
    streak: Streak | None  # None unless the learner turned the streak on
    deck_filter: str | None = None
    titles: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (dates as ISO strings) for `kdquiz stats --json`."""

        def plain(value: object) -> object:
            if isinstance(value, (date, datetime)):
                return value.isoformat()
            if isinstance(value, dict):
                return {str(plain(k)): plain(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            return value

        data = plain(asdict(self))
        assert isinstance(data, dict)
        data["forecast"]["days"] = [
            {"date": self.forecast.day(i).isoformat(), "due": n}
            for i, n in enumerate(self.forecast.due)
        ]
        data["calendar"]["counts"] = {
            d.isoformat(): n for d, n in sorted(self.calendar.counts.items())
        }
        for name, value in (("young", self.retention.young), ("mature", self.retention.mature)):
            data["retention"][name]["rate"] = value.rate
        for row, kind in zip(data["accuracy"], self.accuracy, strict=True):
            row["rate"] = kind.rate
        return data


def collect(
    store: ProgressStore,
    decks: Sequence[Deck],
    *,
    now: datetime,
    tz: tzinfo,
    rollover_hour: int,
    deck_id: str | None = None,
    show_streak: bool | None = None,
) -> Stats:
    """All the statistics for `decks` (or just deck `deck_id`) as of `now`.

    The same numbers as the functions above give from `store.log_entries()` and `store.states()`,
    computed by SQL aggregates (`stats_reads`) over only the columns each needs, with study days
    found by integer arithmetic. `show_streak=None` follows the learner's saved choice
    (`STREAK_PREF`).
    """
    from kdquiz.core.store import to_us

    if deck_id is not None:
        decks = [d for d in decks if d.id == deck_id]
    wanted = sorted({d.id for d in decks})
    current = study_day(now, tz, rollover_hour)
    today = current.start.astimezone(tz).date()
    with store.reading():  # one consistent view against this process's own writes
        schedule = store.schedule_rows(wanted)
        days = store.day_scale(
            tz, rollover_hour, store.due_span(wanted), (to_us(current.start), to_us(current.end))
        )
        per_day = _answers_per_day(store, days, tz, rollover_hour, deck_id)
        reviewed, again, practised, ms = store.answers_between(current.start, current.end, deck_id)
        tally = store.retention_tally(days, deck_id)
        by_card = store.answers_by_card(deck_id)
        due_days = store.due_by_day(days, wanted)
        if show_streak is None:
            show_streak = store.get_pref(STREAK_PREF, "off") == "on"
        games = [g for g in store.games() if deck_id is None or deck_id in g.deck_ids]
    return Stats(
        today=Today(reviewed, again, practised, ms / 1000),
        decks=_state_counts(decks, schedule, to_us(current.end)),
        forecast=_forecast(schedule, due_days, today),
        calendar=calendar(per_day, today),
        retention=TrueRetention(
            Retention(tally.get((False, True), 0), tally.get((False, False), 0)),
            Retention(tally.get((True, True), 0), tally.get((True, False), 0)),
        ),
        accuracy=_accuracy(by_card, decks),
        bests=personal_bests(games),
        streak=streak(per_day, today) if show_streak else None,
        deck_filter=deck_id,
        titles={d.id: d.title for d in decks},
    )


def _answers_per_day(
    store: ProgressStore, days: DayScale, tz: tzinfo, rollover_hour: int, deck_id: str | None
) -> dict[date, int]:
    """`answers_per_day` in SQL: for the whole log, a count per study day summed from the
    answers kept per quarter hour (one time-zone conversion per day); for one deck, grouped by the day arithmetic."""
    from kdquiz.core.store import from_us, to_us

    if deck_id is not None:
        return store.answers_by_day(days, deck_id)
    span = store.log_span()
    if span is None:
        return {}
    spans: list[tuple[int, int]] = []
    starts: list[date] = []
    day = study_day(from_us(span[0]), tz, rollover_hour)
    while to_us(day.start) <= span[1]:
        spans.append((to_us(day.start), to_us(day.end)))
        starts.append(day.start.astimezone(tz).date())
        following = study_day(day.end, tz, rollover_hour)
        if following.start != day.end:  # days that do not tile time (a zone's odd rule)
            return store.answers_by_day(days)
        day = following
    return {d: n for d, n in zip(starts, store.answers_in(spans), strict=True) if n}


def _item_keys(deck: Deck) -> tuple[set[str], int]:
    """The deck's item keys as the item index spells them (the id, then "\x1f" and the sub-key
    unless that is ""), and how many there are: from the index and the ids alone, so a lazily
    read deck builds no card for its counts."""
    index = deck.item_index()
    ids = deck.card_ids()
    ids = ids if isinstance(ids, Sequence) else list(ids)
    keys = {ids[n] for n in index.plain_at}
    keys.update(index.keys)
    return keys, len(index.plain_at) + len(index.keys)


def _state_counts(
    decks: Sequence[Deck], schedule: Sequence[tuple[str, str, str, int, int, int]], day_end: int
) -> list[StateCounts]:
    """`state_counts` from (deck, card, sub, state, due, last review) rows; a state of an item the
    deck no longer has is not counted."""
    by_deck: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for deck_id, card, sub, state, due, _last in schedule:
        by_deck[deck_id].append((card, sub, state, due))
    rows = []
    for deck in decks:
        keys, total = _item_keys(deck)
        counts = {int(State.Learning): 0, int(State.Review): 0, int(State.Relearning): 0}
        due_today = 0
        for card, sub, state, due in by_deck.get(deck.id, ()):
            if (card + "\x1f" + sub if sub else card) in keys:
                counts[state] += 1
                due_today += due < day_end
        rows.append(
            StateCounts(
                deck.id,
                deck.title,
                total - sum(counts.values()),
                counts[State.Learning],
                counts[State.Review],
                counts[State.Relearning],
                due_today,
            )
        )
    return rows


def _forecast(
    schedule: Sequence[tuple[str, str, str, int, int, int]],
    due_days: dict[date, int],
    today: date,
    days: int = FORECAST_DAYS,
) -> Forecast:
    """`forecast` from schedule rows and the states due per study day."""
    due = [0] * days
    for day, n in due_days.items():
        offset = max(0, (day - today).days)
        if offset < days:
            due[offset] += n
    load = 0.0
    for *_, due_us, last in schedule:  # in key order, so the float sum is `forecast`'s own
        load += 1.0 / (1.0 if last < 0 else max(1.0, (due_us - last) / 1_000_000 / 86400))
    return Forecast(today, tuple(due), load)


def _accuracy(
    by_card: Sequence[tuple[str, str, int, int]], decks: Sequence[Deck]
) -> list[KindAccuracy]:
    """`accuracy_by_kind` from per-card (answered, right) counts."""
    kinds = {
        (deck.id, card_id): kind
        for deck in decks
        for card_id, kind in zip(deck.card_ids(), deck.card_kinds(), strict=True)
    }
    tally: dict[Kind, list[int]] = defaultdict(lambda: [0, 0])
    for deck_id, card, answered, right in by_card:
        kind = kinds.get((deck_id, card))
        if kind is None or not answered:
            continue
        tally[kind][0] += answered
        tally[kind][1] += right
    return [KindAccuracy(str(kind), *tally[kind]) for kind in Kind if kind in tally]


# -- one card's history (the `i` key in review) --------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    time: datetime
    mode: str
    rating: int | None
    correct: bool | None
    response_ms: int
    interval: timedelta | None  # the interval the answer scheduled; None outside review
    answer: str
    score: float | None = None  # its credit from 0 to 1; None when not kept (self-rated, older)


@dataclass(frozen=True)
class CardHistory:
    key: Key
    rows: list[HistoryRow]
    state: ItemState | None
    retrievability: float | None  # chance of recall now; None if never reviewed


def card_history(
    store: ProgressStore, key: Key, now: datetime, *, parameters: Sequence[float] | None = None
) -> CardHistory:
    """Every answer to one item, oldest first, and how likely the learner recalls it now.

    `parameters` are the FSRS parameters in use (py-fsrs's defaults if None); retrievability is
    py-fsrs's own, so it matches what the scheduler decides with.
    """
    from fsrs import Scheduler

    rows = [
        HistoryRow(
            e.time,
            e.mode,
            e.rating,
            e.correct,
            e.response_ms,
            e.after.due - e.time if e.after is not None else None,
            e.answer,
            e.score,
        )
        for e in store.log_entries(key)
    ]
    rows.sort(key=lambda r: r.time)
    state = store.get_state(key)
    recall = None
    if state is not None and state.stability is not None and state.last_review is not None:
        scheduler = Scheduler(parameters=parameters) if parameters else Scheduler()
        recall = float(scheduler.get_card_retrievability(state.to_card(), now.astimezone(UTC)))
    return CardHistory(key, rows, state, recall)
