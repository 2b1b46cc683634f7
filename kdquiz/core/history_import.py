"""Read a learner's past reviews from other apps, so the optimizer and the statistics can use them.

Three layouts are recognised by their header line (comma, semicolon or tab separated):

- py-fsrs: `card_id,review_rating,review_time,review_duration` (time ISO-8601 with a zone,
  duration in milliseconds; the layout of py-fsrs's own test logs);
- Anki's review log as its `revlog` table has it: `id,cid,usn,ease,ivl,lastIvl,factor,time,type`
  (`id` is the review time in epoch milliseconds, `ease` the button 1-4, `time` milliseconds);
- the FSRS optimizer's `revlog.csv` export from Anki:
  `card_id,review_time,review_rating,review_state,review_duration` (time in epoch milliseconds).

Anki rows that are not reviews (manual reschedules: ease 0, type 4 or 5) are skipped, not errors.
Every other row that cannot be read is reported as `file:line: what is wrong`.

Files are streamed, twice: `check_history` reads every row and counts the problems (nothing is
imported from a file with a bad row unless the learner says so), then `import_history` merges the
reviews in transactions of BATCH rows. Millions of rows never sit in memory at once. Such
reviews are history only: they never change what is due.

A package's review log (`kdquiz import deck.apkg --with-history`) is checked row by row the same
way (`revlog_row`) but belongs to the very cards imported with it, so `import_replayed` replays
each item's reviews through FSRS and stores them as scheduled reviews: the cards are due when the
learner's own answers say, as if they had been answered in kdquiz.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kdquiz.core.files import (
    FileVersion,
    bytes_read,
    capped_lines,
    check_unchanged,
    open_text,
    opened_version,
)
from kdquiz.core.safe_text import shows_as_is
from kdquiz.errors import KdquizError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from kdquiz.core.scheduling import DeckScheduler, ItemState, Key
    from kdquiz.core.store import LogEntry, ProgressStore

HISTORY_DECK = "history"
HISTORY_MODE = "history"
#: A review log of a lifetime is far smaller; the file is streamed, so this only stops nonsense.
MAX_FILE_BYTES = 4 << 30
MAX_ROWS = 20_000_000
MAX_CARD_ID_CHARS = 256
#: A response slower than a day is a clock or typing error, never a learner.
MAX_DURATION_MS = 86_400_000
#: Rows merged per transaction: a few milliseconds, so a concurrent review is never held up.
BATCH = 2000
#: A review at most this far past the importing computer's clock is taken (clocks differ).
FUTURE_SLACK = timedelta(days=1)
SHOWN_PROBLEMS = 20

#: Called with (bytes done, bytes in total) while a file is read.
Progress = Callable[[int, int], None]


class HistoryError(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Import history")


@dataclass(frozen=True, slots=True)
class PastReview:
    card_id: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    time: datetime  # aware, UTC
    duration_ms: int
    line: int


@dataclass
class ParsedHistory:
    layout: str
    reviews: list[PastReview] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0  # rows that are not reviews (Anki's manual reschedules)


_LAYOUTS: dict[str, tuple[str, ...]] = {
    "py-fsrs": ("card_id", "review_rating", "review_time", "review_duration"),
    "anki-revlog": ("id", "cid", "ease", "time", "type"),
    "fsrs-optimizer": (
        "card_id",
        "review_time",
        "review_rating",
        "review_state",
        "review_duration",
    ),
}
_EPOCH_MS_MIN, _EPOCH_MS_MAX = 946_684_800_000, 4_102_444_800_000  # 2000-01-01 .. 2100-01-01
_EARLIEST = datetime.fromtimestamp(_EPOCH_MS_MIN / 1000, UTC)
_LATEST = datetime.fromtimestamp(_EPOCH_MS_MAX / 1000, UTC)


def _layout(header: Sequence[str]) -> str | None:
    names = {h.strip().lower() for h in header}
    # The optimizer layout is the py-fsrs one plus review_state, so test it first.
    for name in ("fsrs-optimizer", "py-fsrs", "anki-revlog"):
        if set(_LAYOUTS[name]) <= names:
            return name
    return None


def _int(text: str, column: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{column}: {text.strip()!r} is not a whole number") from None


def _rating(text: str, column: str) -> int:
    value = _int(text, column)
    if not 1 <= value <= 4:
        raise ValueError(
            f"{column}: {value} is not a rating from 1 to 4 (1 Again, 2 Hard, 3 Good, 4 Easy)"
        )
    return value


def _epoch_ms(text: str, column: str) -> datetime:
    value = _int(text, column)
    if not _EPOCH_MS_MIN <= value < _EPOCH_MS_MAX:
        raise ValueError(
            f"{column}: {value} is not a time in milliseconds since 1970 "
            "(between the years 2000 and 2100)"
        )
    return datetime.fromtimestamp(value / 1000, UTC)


def _iso(text: str, column: str) -> datetime:
    raw = text.strip()
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{column}: {raw!r} is not an ISO-8601 time like 2024-03-29T20:32:32+00:00"
        ) from None
    if when.tzinfo is None:
        raise ValueError(f"{column}: {raw!r} has no time zone; add one, e.g. {raw}+00:00 for UTC")
    if not _EARLIEST <= when < _LATEST:
        raise ValueError(f"{column}: {raw!r} is not between the years 2000 and 2099")
    return when.astimezone(UTC)


def _duration(text: str, column: str) -> int:
    if not text.strip():
        return 0
    value = _int(text, column)
    if value < 0:
        raise ValueError(f"{column}: {value} is negative; durations are milliseconds >= 0")
    if value > MAX_DURATION_MS:
        raise ValueError(f"{column}: {value} ms is more than a day; durations are milliseconds")
    return value


def revlog_row(row: dict[str, str], line: int) -> PastReview | None:
    """One row of Anki's review log (its columns id, cid, ease, time and type as text); None
    for a manual reschedule, ValueError saying what is wrong."""
    return _row("anki-revlog", row, line)


def _row(layout: str, row: dict[str, str], line: int) -> PastReview | None:
    """One review, None for an Anki row that is not a review; ValueError says what is wrong."""
    if layout == "anki-revlog":
        ease, kind = _int(row["ease"], "ease"), _int(row["type"], "type")
        if ease == 0 or kind in (4, 5):
            return None
        card = str(_int(row["cid"], "cid"))
        return PastReview(
            card,
            _rating(row["ease"], "ease"),
            _epoch_ms(row["id"], "id"),
            _duration(row["time"], "time"),
            line,
        )
    card = row["card_id"].strip()
    if not card:
        raise ValueError("card_id: empty")
    if len(card) > MAX_CARD_ID_CHARS:
        raise ValueError(f"card_id: longer than {MAX_CARD_ID_CHARS} characters")
    if not shows_as_is(card):
        raise ValueError("card_id: holds a control or invisible character")
    if layout == "fsrs-optimizer":
        if row["review_rating"].strip() == "0":
            return None
        when = _epoch_ms(row["review_time"], "review_time")
    else:
        when = _iso(row["review_time"], "review_time")
    return PastReview(
        card,
        _rating(row["review_rating"], "review_rating"),
        when,
        _duration(row["review_duration"], "review_duration"),
        line,
    )


def history_rows(
    stream: IO[str], source: str
) -> tuple[str, Iterator[tuple[int, PastReview | None, str | None]]]:
    """The layout of a review log, and its rows as (line, review or None, problem or None): a
    row that is not a review (an Anki reschedule) has neither. Rows are read as they are asked for."""
    lines = capped_lines(stream, source)
    first = next(lines, "").removeprefix("\ufeff")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise HistoryError(f"{source}:1: {exc}") from None
    if not header:
        raise HistoryError(
            f"{source}: the file is empty; expected a header line such as "
            f"{','.join(_LAYOUTS['py-fsrs'])}"
        )
    layout = _layout(header)
    if layout is None:
        expected = "; or ".join(",".join(cols) for cols in _LAYOUTS.values())
        shown = ",".join(header)[:200]
        raise HistoryError(
            f"{source}:1: unknown columns {shown!r}; expected a header with {expected}"
        )
    return layout, _rows(reader, [h.strip().lower() for h in header], layout, source)


def _rows(
    reader: Iterator[list[str]], names: list[str], layout: str, source: str
) -> Iterator[tuple[int, PastReview | None, str | None]]:
    line = 1
    while True:
        try:
            values = next(reader, None)
        except csv.Error as exc:
            raise HistoryError(f"{source}:{line + 1}: {exc}") from None
        if values is None:
            return
        line = reader.line_num  # type: ignore[attr-defined]
        if line > MAX_ROWS:
            raise HistoryError(f"{source}: more than {MAX_ROWS:,} lines; split the file")
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            yield line, None, f"{source}:{line}: expected {len(names)} columns, found {len(values)}"
            continue
        try:
            yield line, _row(layout, dict(zip(names, values, strict=True)), line), None
        except ValueError as exc:
            yield line, None, f"{source}:{line}: {exc}"


def parse_history(text: str, source: str) -> ParsedHistory:
    """Every review in `text` (the contents of file `source`), and every problem by line."""
    layout, rows = history_rows(io.StringIO(text, newline=""), source)
    parsed = ParsedHistory(layout)
    for _, review, problem in rows:
        if problem:
            parsed.problems.append(problem)
        elif review is None:
            parsed.skipped += 1
        else:
            parsed.reviews.append(review)
    return parsed


@dataclass
class HistoryCheck:
    """What a first reading of a history file found: counts, and the first problems."""

    layout: str
    reviews: int = 0
    skipped: int = 0  # rows that are not reviews
    bad: int = 0
    problems: list[str] = field(default_factory=list)
    #: The file as it was checked (`kdquiz.core.files.opened_version`), for the import to compare.
    version: FileVersion | None = None


def check_history(path: Path, *, progress: Progress | None = None) -> HistoryCheck:
    """Read the whole file once, streamed; HistoryError if it cannot be a review log at all."""
    with open_text(path, "a review log", limit=MAX_FILE_BYTES) as stream:
        version = opened_version(stream)
        size = version[2]
        layout, rows = history_rows(stream, str(path))
        check = HistoryCheck(layout, version=version)
        for n, (_, review, problem) in enumerate(rows, 1):
            if problem:
                check.bad += 1
                if len(check.problems) < SHOWN_PROBLEMS:
                    check.problems.append(problem)
            elif review is None:
                check.skipped += 1
            else:
                check.reviews += 1
            if progress is not None and n % 5000 == 0:
                progress(bytes_read(stream), 2 * size)
    if progress is not None:
        progress(size, 2 * size)
    return check


def import_history(
    store: ProgressStore,
    path: Path,
    deck_id: str = HISTORY_DECK,
    *,
    progress: Progress | None = None,
    checked: HistoryCheck | None = None,
) -> int:
    """Merge the readable reviews of `path` (bad rows are left out: check first) in transactions
    of BATCH rows; returns how many were new. With `checked` (what `check_history` found), a
    file changed since that check is refused before anything is merged."""
    version = checked.version if checked is not None else None
    added = 0
    batch: list[PastReview] = []
    with open_text(path, "a review log", limit=MAX_FILE_BYTES) as stream:
        # The file open here is the one checked (not one renamed to its name since), before
        # any row is read, and still as it was once all are read (before the last batch).
        check_unchanged(stream, path, version)
        size = opened_version(stream)[2]
        for _, review, _ in history_rows(stream, str(path))[1]:
            if review is not None:
                batch.append(review)
            if len(batch) >= BATCH:
                added += store.import_rows([], to_log_entries(batch, deck_id))[1]
                batch.clear()
                if progress is not None:
                    progress(size + bytes_read(stream), 2 * size)
        check_unchanged(stream, path, version, read=True)
        added += store.import_rows([], to_log_entries(batch, deck_id))[1]
    if progress is not None:
        progress(2 * size, 2 * size)
    return added


def to_log_entries(reviews: Sequence[PastReview], deck_id: str = HISTORY_DECK) -> list[LogEntry]:
    """Log rows for `ProgressStore.import_rows` (mode "history": they never touch the schedule)."""
    from kdquiz.core.store import LogEntry

    return [
        LogEntry(
            0,
            (deck_id, r.card_id, ""),
            r.time,
            r.rating,
            r.rating > 1,
            r.duration_ms,
            HISTORY_MODE,
            "",
            None,
            None,
        )
        for r in sorted(reviews, key=lambda r: r.time)
    ]


@dataclass(frozen=True)
class Replayed:
    """What `import_replayed` merged: review rows new to the store, and states it took; and the
    reviews left out for being in the future."""

    added: int
    states: int
    future: int = 0


def import_replayed(
    store: ProgressStore,
    reviews: Iterable[tuple[Key, PastReview]],
    scheduler: DeckScheduler,
    fingerprints: Mapping[str, str],
    *,
    now: datetime,
) -> Replayed:
    """Replay each item's reviews through FSRS in time order and merge them as scheduled rows, so
    the items are due when the learner's own schedule says (another app's log, e.g. Anki's).

    The store skips rows it already has and keeps a state reviewed later than the replayed one,
    so a second import adds nothing. `fingerprints` maps card id -> its text fingerprint.
    Reviews later than `now` (and a day's slack for clocks) are left out and counted."""
    by_item: dict[Key, dict[datetime, PastReview]] = {}
    latest = now + FUTURE_SLACK
    future = 0
    for key, review in reviews:
        if review.time > latest:  # a review not made yet would keep the card away for good
            future += 1
            continue
        by_item.setdefault(key, {}).setdefault(review.time, review)
    studied = {deck: store.card_ids(deck) for deck in {key[0] for key in by_item}}
    for key, found in by_item.items():
        if key[1] not in studied[key[0]]:
            continue  # nothing of kdquiz's to add (a first import reads no log at all)
        # The reviews kdquiz scheduled itself go into the same replay: the state that comes out
        # then holds both apps' answers, instead of Anki's alone replacing the learner's own.
        for entry in store.log_entries(key):
            if entry.mode == "review" and entry.rating is not None and entry.time <= latest:
                found.setdefault(entry.time, PastReview(key[1], entry.rating, entry.time,
                                                        entry.response_ms, 0))  # fmt: skip
    added = taken = 0
    states: list[tuple[Key, ItemState, str]] = []
    log: list[LogEntry] = []
    for key, found in by_item.items():
        states_log = _replay(key, [found[t] for t in sorted(found)], scheduler)
        states.append((key, states_log[0], fingerprints.get(key[1], "")))
        log.extend(states_log[1])
        if len(log) >= BATCH:
            merged = store.import_rows(states, log)
            taken, added = taken + merged[0], added + merged[1]
            states, log = [], []
    merged = store.import_rows(states, log)
    return Replayed(added + merged[1], taken + merged[0], future)


def _replay(
    key: Key, reviews: Sequence[PastReview], scheduler: DeckScheduler
) -> tuple[ItemState, list[LogEntry]]:
    from kdquiz.core.store import LogEntry

    state: ItemState | None = None
    log = []
    for r in reviews:
        after = scheduler.review(state, r.rating, r.time, key, r.duration_ms)
        log.append(
            LogEntry(
                0, key, r.time, r.rating, r.rating > 1, r.duration_ms, "review", "", state, after
            )
        )
        state = after
    assert state is not None  # every item has at least one review
    return state, log
