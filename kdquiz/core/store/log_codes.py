"""A log row's small values packed in one integer column, `codes` (store version 10).

Each column of a row costs a byte in the row's header even when its value takes none; six small
values (mode, rating, correct, the kinds of state before and after, the learning step) took six
header bytes and two or three of values. Packed, they take one header byte and two of value on a
typical row. A due offset of whole days, as every review interval is, is kept in days (one or two
bytes where seconds take three or four), with a bit of `codes` saying so.

Readers never see the packing: the table declares generated columns of the old names (`mode`,
`rating`, ..., `due`), computed as they are read, which take no space on disk. Writers write
`codes` and `due_units`, made by `pack` (Python) or `PACK_SQL` (a rewrite inside SQLite).
"""

from __future__ import annotations

from typing import Any

from kdquiz.core.store.values import LOG_MODES, MAX_STEP

#: (column, first bit, bits, offset): the field holds the value plus `offset`, 0 for NULL (`mode`
#: is never NULL and is held as it is).
FIELDS = (
    ("mode", 0, 2, 0),
    ("rating", 2, 3, 0),
    ("correct", 5, 2, 1),
    ("before_state", 7, 2, 0),
    ("state", 9, 2, 0),
)
#: Set when `due_units` holds whole days rather than seconds.
DUE_IN_DAYS = 1 << 11
#: The learning step plus one (0: none) in the bits from here up.
STEP_SHIFT = 12
#: The values each field may take (the restore and upgrade checks; anything else does not fit).
ALLOWED = {
    "mode": range(len(LOG_MODES)),
    "rating": range(1, 5),
    "correct": range(2),
    "before_state": range(1, 4),
    "state": range(1, 4),
}
_DAY_S = 86_400
#: The largest `codes` kdquiz writes.
MAX_CODES = ((MAX_STEP + 2) << STEP_SHIFT) - 1

assert len(LOG_MODES) <= 4, "mode has two bits"


def _column(name: str, shift: int, bits: int, offset: int) -> str:
    field = f"(codes >> {shift}) & {(1 << bits) - 1}" if shift else f"codes & {(1 << bits) - 1}"
    if name == "mode":
        return f"mode INTEGER GENERATED ALWAYS AS ({field}) VIRTUAL"
    value = f"nullif({field}, 0)" + (f" - {offset}" if offset else "")
    return f"{name} INTEGER GENERATED ALWAYS AS ({value}) VIRTUAL"


#: The generated columns, in the order the table declares them.
GENERATED = ",\n    ".join(
    [
        *(_column(*field) for field in FIELDS),
        f"step INTEGER GENERATED ALWAYS AS (nullif(codes >> {STEP_SHIFT}, 0) - 1) VIRTUAL",
        f"due GENERATED ALWAYS AS (CASE WHEN codes & {DUE_IN_DAYS} THEN due_units * {_DAY_S} "
        "ELSE due_units END) VIRTUAL",
    ]
)

#: The log of store version 10 (as `name`: the upgrade builds it beside the old one).
LOG_TABLE = (
    """CREATE TABLE {name} (
    id INTEGER PRIMARY KEY, item INTEGER NOT NULL, time INTEGER NOT NULL, codes INTEGER NOT NULL,
    response_ms INTEGER NOT NULL, answer TEXT NOT NULL, before_ivl INTEGER,
    stability, difficulty, due_units, reps INTEGER, lapses INTEGER, score REAL,
    """
    + GENERATED
    + "\n)"
)

_WHOLE_DAYS = f"typeof(due) = 'integer' AND due % {_DAY_S} = 0"
#: `codes` from a row of the version-9 columns (the upgrade and the benchmark's synthetic log).
PACK_SQL = " + ".join(
    [
        "mode",
        *(
            f"(coalesce({name}{f' + {offset}' if offset else ''}, 0) << {shift})"
            for name, shift, _, offset in FIELDS[1:]
        ),
        f"(CASE WHEN {_WHOLE_DAYS} THEN {DUE_IN_DAYS} ELSE 0 END)",
        f"(coalesce(step + 1, 0) << {STEP_SHIFT})",
    ]
)
#: `due_units` from the same row.
DUE_UNITS_SQL = f"CASE WHEN {_WHOLE_DAYS} THEN due / {_DAY_S} ELSE due END"
#: True for a version-9 row whose values cannot be packed (none kdquiz wrote).
UNPACKABLE_SQL = " OR ".join(
    [
        *(
            f"({name} IS NOT NULL AND (typeof({name}) != 'integer' "
            f"OR {name} NOT BETWEEN {allowed.start} AND {allowed.stop - 1}))"
            for name, allowed in ALLOWED.items()
        ),
        "mode IS NULL",
        f"(step IS NOT NULL AND (typeof(step) != 'integer' OR step NOT BETWEEN 0 AND {MAX_STEP}))",
    ]
)


def pack(
    mode: int,
    rating: int | None,
    correct: int | None,
    before_state: int | None,
    state: int | None,
    step: int | None,
    due: int | float | None,
) -> tuple[int, Any]:
    """(codes, due_units) for a row's values; ValueError for one no kdquiz row may hold."""
    codes = 0
    for (name, shift, _, offset), value in zip(
        FIELDS, (mode, rating, correct, before_state, state), strict=True
    ):
        if value is None and name != "mode":
            continue
        if value is None or value not in ALLOWED[name]:
            raise ValueError(f"a log row's {name} cannot be {value!r}")
        codes |= (value + offset) << shift
    if step is not None:
        if not 0 <= step <= MAX_STEP:
            raise ValueError(f"a log row's step cannot be {step!r}")
        codes |= (step + 1) << STEP_SHIFT
    if isinstance(due, int) and due % _DAY_S == 0:
        return codes | DUE_IN_DAYS, due // _DAY_S
    return codes, due
