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
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from kdquiz.errors import KdquizError

if TYPE_CHECKING:
    from kdquiz.core.store import LogEntry

HISTORY_DECK = "history"
HISTORY_MODE = "history"


class HistoryError(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Import history")


@dataclass(frozen=True)
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
    return datetime.fromtimestamp(value / 1000, timezone.utc)


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
    return when.astimezone(timezone.utc)


def _duration(text: str, column: str) -> int:
    if not text.strip():
        return 0
    value = _int(text, column)
    if value < 0:
        raise ValueError(f"{column}: {value} is negative; durations are milliseconds >= 0")
    return value


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


def parse_history(text: str, source: str) -> ParsedHistory:
    """Every review in `text` (the contents of file `source`), and every problem by line."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise HistoryError(
            f"{source}: the file is empty; expected a header line such as "
            f"{','.join(_LAYOUTS['py-fsrs'])}"
        )
    layout = _layout(header)
    if layout is None:
        expected = "; or ".join(",".join(cols) for cols in _LAYOUTS.values())
        raise HistoryError(
            f"{source}:1: unknown columns {','.join(header)!r}; expected a header with {expected}"
        )
    names = [h.strip().lower() for h in header]
    parsed = ParsedHistory(layout)
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            parsed.problems.append(
                f"{source}:{line}: expected {len(names)} columns, found {len(values)}"
            )
            continue
        try:
            review = _row(layout, dict(zip(names, values, strict=True)), line)
        except ValueError as exc:
            parsed.problems.append(f"{source}:{line}: {exc}")
            continue
        if review is None:
            parsed.skipped += 1
        else:
            parsed.reviews.append(review)
    return parsed


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
