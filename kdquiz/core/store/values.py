"""How values are stored: times as integer microseconds since the Unix epoch (UTC), so states
round-trip exactly; a state as eight typed columns; and the ranges a stored value must lie in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from kdquiz.core.state_precision import EXACT_INT, SCALE
from kdquiz.core.state_precision import quantize as quantize  # offered here with the encodings

if TYPE_CHECKING:
    from kdquiz.core.model import Card
    from kdquiz.core.scheduling import ItemState

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: What a state or log row may hold, whether imported or restored: anything else is a mistake
#: that would crash a later review or statistic. Times: EARLIEST <= t < LATEST.
EARLIEST = EPOCH
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_STEP = 999
MAX_COUNT = 10_000_000
#: A response slower than a day is a clock or typing error, never a learner.
MAX_RESPONSE_MS = 86_400_000
#: py-fsrs keeps stability at 0.001 days or more; beyond 10^6 days (2,700 years) means nothing.
STABILITY_RANGE = (0.001, 1_000_000.0)
DIFFICULTY_RANGE = (1.0, 10.0)
LOG_MODES = ("review", "practice", "quiz", "history")
#: The longest answer text a log row keeps: a longer typed answer (a paste gone wrong) is graded
#: whole but kept cut, and `kdquiz import-progress` reads no more, so every export reads back.
MAX_ANSWER_CHARS = 10_000
_US = timedelta(microseconds=1)

Clock = Callable[[], datetime]


def to_us(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError(f"{when!r} has no time zone")
    return (when - EPOCH) // _US


def from_us(value: int) -> datetime:
    return EPOCH + value * _US


_US_PER_S = 1_000_000


def scaled(value: float | None) -> int | float | None:
    """A stability or difficulty as the log stores it: a whole number of `SCALE`ths where that is
    exact (every value kdquiz's scheduler makes), else the REAL itself (imports, old stores)."""
    if value is None or not abs(value) < EXACT_INT:  # NaN, infinities, huge values as they are
        return value
    whole = round(value * SCALE)
    return whole if whole / SCALE == value else value


def unscaled(stored: int | float | None) -> float | None:
    """The value `scaled` stored: an INTEGER is `SCALE`ths, a REAL is the value itself."""
    if stored is None:
        return None
    return stored / SCALE if isinstance(stored, int) else float(stored)


def seconds(offset_us: int) -> int | float:
    """A due offset as the log stores it: whole seconds as an INTEGER (every interval FSRS gives
    is whole minutes or days), any other offset as a REAL number of seconds, which gives the
    microseconds back exactly (`from_seconds`) for offsets under a century."""
    whole, rest = divmod(offset_us, _US_PER_S)
    return whole if not rest else offset_us / _US_PER_S


def from_seconds(stored: int | float) -> int:
    """Microseconds from a stored due offset (`seconds`)."""
    return stored * _US_PER_S if isinstance(stored, int) else round(stored * _US_PER_S)


def text_hash(card: Card) -> str:
    """Fingerprint of what a learner sees, to report cards edited since their last review."""
    import hashlib  # here, not at start: only answers and checks need it

    return hashlib.sha256(card.searchable_text().encode("utf-8")).hexdigest()[:16]


def item_key(card_id: str, sub: str) -> str:
    """One string per item, cheaper to hash and compare in bulk than a tuple."""
    return f"{card_id}\x1f{sub}"


STATE_COLUMNS = "state, step, stability, difficulty, due, last_review, reps, lapses"


def state_from_row(row: Sequence[Any]) -> ItemState:
    # fsrs and the scheduler are imported where used: the home screen opens the store before its
    # first frame and reads no state until after it.
    from fsrs import State

    from kdquiz.core.scheduling import ItemState

    return ItemState(
        State(row[0]),
        row[1],
        row[2],
        row[3],
        from_us(row[4]),
        from_us(row[5]) if row[5] is not None else None,
        row[6],
        row[7],
    )


def state_values(state: ItemState) -> tuple[Any, ...]:
    return (
        int(state.state),
        state.step,
        state.stability,
        state.difficulty,
        to_us(state.due),
        to_us(state.last_review) if state.last_review else None,
        state.reps,
        state.lapses,
    )


def dump_state(state: ItemState | None) -> str | None:
    import json  # json is imported where it is used: opening the store for the home screen never is

    return json.dumps(state.to_dict()) if state else None


def load_state(text: str | None) -> ItemState | None:
    import json

    from kdquiz.core.scheduling import ItemState

    return ItemState.from_dict(json.loads(text)) if text else None
