"""Every field of an imported state or log row checked for type and range, before it can reach the store.

A state with a NaN stability, a log time in the year 9999, a negative learning step or a rating of
3.7 would be stored as given and crash every later review or statistic. Each record is checked here
in full: every bad field is reported (`field: what is wrong`), not only the first. Records from JSON
keep their types (a rating of `true` or `3.7` is refused, never rounded); records from CSV are text
and must read exactly as a number, a time or a flag.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from fsrs import State

from kdquiz.core.safe_text import safe_text, shows_as_is
from kdquiz.core.scheduling import ItemState, Key
from kdquiz.core.store import LogEntry
from kdquiz.core.store.marks import FLAGS, CardKey, Mark
from kdquiz.core.store.values import (
    DIFFICULTY_RANGE,
    EARLIEST,
    LATEST,
    LOG_MODES,
    MAX_ANSWER_CHARS,
    MAX_COUNT,
    MAX_RESPONSE_MS,
    MAX_STEP,
    STABILITY_RANGE,
)

MAX_ID_CHARS = 256
MAX_HASH_CHARS = 64
_WHOLE = re.compile(r"[+-]?\d{1,19}")


class RecordError(ValueError):
    """A record with bad fields; `problems` are `field: what is wrong`, one per field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Fields:
    """Reads the fields of one record, collecting a problem for each bad one."""

    def __init__(self, record: Mapping[str, Any], from_text: bool, prefix: str = "") -> None:
        self.record, self.from_text, self.prefix = record, from_text, prefix
        self.problems: list[str] = []

    def bad(self, name: str, message: str) -> None:
        self.problems.append(f"{self.prefix}{name}: {message}")

    def raw(self, name: str) -> Any:
        value = self.record.get(name)
        return None if self.from_text and value == "" else value

    def whole(self, name: str, low: int, high: int, *, optional: bool = False) -> int | None:
        value = self.raw(name)
        if value is None:
            if not optional:
                self.bad(name, f"missing; expected a whole number from {low} to {high}")
            return None
        if self.from_text and isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.bad(name, f"expected a whole number from {low} to {high}, not {_shown(value)}")
            return None
        return value

    def number(self, name: str, low: float, high: float, *, optional: bool = False) -> float | None:
        value = self.raw(name)
        if value is None:
            if not optional:
                self.bad(name, f"missing; expected a number from {low:g} to {high:g}")
            return None
        if self.from_text and isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                pass
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            self.bad(name, f"expected a number from {low:g} to {high:g}, not {_shown(value)}")
            return None
        return float(value)

    def time(self, name: str, *, optional: bool = False) -> datetime | None:
        value = self.raw(name)
        if value is None:
            if not optional:
                self.bad(name, "missing; expected a time like 2025-01-31T08:00:00+00:00")
            return None
        try:
            when = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            when = None
        if when is None:
            self.bad(name, f"expected a time like 2025-01-31T08:00:00+00:00, not {_shown(value)}")
        elif when.tzinfo is None:
            self.bad(name, f"{_shown(value)} has no time zone; add one, e.g. +00:00 for UTC")
        elif not EARLIEST <= when < LATEST:
            self.bad(
                name,
                f"{_shown(value)} is not between the years {EARLIEST.year} and {LATEST.year - 1}",
            )
        else:
            return when.astimezone(UTC)
        return None

    def text(self, name: str, limit: int, *, required: bool = False) -> str:
        value = self.raw(name)
        if value is None:
            value = ""
        if not isinstance(value, str) or len(value) > limit:
            self.bad(name, f"expected text of at most {limit:,} characters")
            return ""
        if required and not value:
            self.bad(name, "missing; it must not be empty")
        return value

    def flag(self, name: str) -> bool | None:
        value = self.raw(name)
        if self.from_text and isinstance(value, str):
            value = {"1": True, "0": False, "true": True, "false": False}.get(
                value.strip().lower(), value
            )
        if value is None or isinstance(value, bool):
            return value
        self.bad(name, f"expected true or false (1 or 0), not {_shown(value)}")
        return None

    def day(self, name: str) -> date | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None or not EARLIEST.date() <= day < LATEST.date():
            self.bad(
                name,
                f"expected a day like 2025-01-31 between the years {EARLIEST.year} and "
                f"{LATEST.year - 1}, or nothing, not {_shown(value)}",
            )
        return day


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _key(fields: _Fields) -> Key:
    return (
        _id(fields, "deck", required=True),
        _id(fields, "card", required=True),
        _id(fields, "sub"),
    )


def _id(fields: _Fields, name: str, *, required: bool = False) -> str:
    """An id as kdquiz writes them: visible characters and spaces only. An id with a control,
    format or line-separator character would be written raw into every export made from it."""
    value = fields.text(name, MAX_ID_CHARS, required=required)
    if not shows_as_is(value):
        fields.bad(name, "holds a control or invisible character; no kdquiz id does")
        return ""
    return value


def _state(fields: _Fields) -> ItemState | None:
    """The FSRS state in `fields`, checked for the combinations py-fsrs relies on."""
    state = fields.whole("state", 1, 3)
    step = fields.whole("step", 0, MAX_STEP, optional=True)
    stability = fields.number("stability", *STABILITY_RANGE, optional=True)
    difficulty = fields.number("difficulty", *DIFFICULTY_RANGE, optional=True)
    due = fields.time("due")
    last = fields.time("last_review", optional=True)
    reps = fields.whole("reps", 0, MAX_COUNT, optional=True) or 0
    lapses = fields.whole("lapses", 0, MAX_COUNT, optional=True) or 0
    if fields.problems or state is None or due is None:
        return None
    if state in (1, 3) and step is None:
        fields.bad("step", "missing; a learning (1) or relearning (3) state needs its step")
    if state == 2 and step is not None:
        fields.bad("step", "must be empty in the review state (2)")
    if (stability is None) != (difficulty is None) or (state != 1 and stability is None):
        fields.bad(
            "stability",
            "stability and difficulty must both be given (both may be empty "
            "only for a card still in its first learning steps)",
        )
    if state != 1 and last is None:
        fields.bad("last_review", "missing; a reviewed card needs the time of its last review")
    if fields.problems:
        return None
    return ItemState(State(state), step, stability, difficulty, due, last, reps, lapses)


def state_record(record: Mapping[str, Any], *, from_text: bool) -> tuple[Key, ItemState, str]:
    """(item, state, text fingerprint) of an exported state record; RecordError lists the bad fields."""
    fields = _Fields(record, from_text)
    key = _key(fields)
    fingerprint = fields.text("text_hash", MAX_HASH_CHARS)
    state = _state(fields)
    if fields.problems or state is None:
        raise RecordError(fields.problems)
    return key, state, fingerprint


def log_record(record: Mapping[str, Any], *, from_text: bool) -> LogEntry:
    """One exported log row; RecordError lists the bad fields."""
    fields = _Fields(record, from_text)
    key = _key(fields)
    when = fields.time("time")
    rating = fields.whole("rating", 1, 4, optional=True)
    correct = fields.flag("correct")
    response_ms = fields.whole("response_ms", 0, MAX_RESPONSE_MS, optional=True) or 0
    mode = fields.text("mode", 20, required=True)
    if mode and mode not in LOG_MODES:
        fields.bad("mode", f"expected one of {', '.join(LOG_MODES)}, not {_shown(mode)}")
    answer = fields.text("answer", MAX_ANSWER_CHARS)
    if not shows_as_is(answer):
        # What a learner typed, kept for the card's history: control characters (an arrow key's
        # escape typed in plain mode, or a tampered file) are stored in their escaped, visible
        # form, so no later export or screen can write them raw.
        answer = safe_text(answer)[:MAX_ANSWER_CHARS]  # escaped, it must still import again
    before, after = (
        _side(fields, name, record.get(name), from_text) for name in ("before", "after")
    )
    score = fields.number("score", 0.0, 1.0, optional=True)  # absent from older exports
    if fields.problems or when is None:
        raise RecordError(fields.problems)
    return LogEntry(0, key, when, rating, correct, response_ms, mode, answer, before, after, score)


def _side(fields: _Fields, name: str, value: Any, from_text: bool) -> ItemState | None:
    """A log row's state before or after the answer: a JSON object (embedded JSON text in CSV)."""
    if value is None or value == "":
        return None
    if from_text and isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            fields.bad(name, "expected a state as JSON, like the export writes")
            return None
    if not isinstance(value, dict):
        fields.bad(name, "expected a state object, like the export writes")
        return None
    inner = _Fields(value, False, f"{name}.")
    state = _state(inner)
    fields.problems += inner.problems
    return state


def mark_record(record: Mapping[str, Any], *, from_text: bool) -> tuple[CardKey, Mark]:
    """A card's marks (suspended, buried until a study day, flag); RecordError lists the bad
    fields. The flag is its number (0: none) or its colour's name."""
    fields = _Fields(record, from_text)
    deck, card, _ = _key(fields)
    suspended = fields.flag("suspended")
    buried = fields.day("buried_until")
    flag_value = fields.raw("flag")
    if isinstance(flag_value, str) and flag_value.strip().lower() in FLAGS:
        flag: int | None = FLAGS.index(flag_value.strip().lower()) + 1
    else:
        flag = fields.whole("flag", 0, len(FLAGS), optional=True)
        if flag is None and flag_value not in (None, ""):
            fields.problems[-1] += f" (or a colour: {', '.join(FLAGS)})"
    if fields.problems:
        raise RecordError(fields.problems)
    return (deck, card), Mark(bool(suspended), buried.toordinal() if buried else 0, flag or 0)


def mark_fields(mark: Mark) -> dict[str, Any]:
    """The exported fields of a card's marks, as `mark_record` reads them back."""
    return {
        "suspended": mark.suspended,
        "buried_until": date.fromordinal(mark.buried).isoformat() if mark.buried else None,
        "flag": mark.flag,
    }
