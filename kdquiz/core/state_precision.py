"""How precisely a card's memory state is kept: the scheduler rounds every state it makes to this,
so the store can keep stability and difficulty as small exact integers (kdquiz.core.store.values).
Its own module because the scheduler and the store both need it and neither may import the other.
"""

from __future__ import annotations

#: Stability and difficulty are kept to 4 decimal places (`quantize`): the scheduler rounds every
#: state it makes, so the log stores each as a whole number of 1/10,000ths (3 bytes in SQLite's
#: record format, where a REAL takes 8).
SCALE = 10_000
#: Whole numbers a double holds exactly: `scaled` keeps larger values as REALs.
EXACT_INT = 2**53 / SCALE


def quantize(value: float | None) -> float | None:
    """`value` to 4 decimal places, as the exact double `SCALE`ths decode to."""
    if value is None or not abs(value) < EXACT_INT:
        return value
    return round(value * SCALE) / SCALE
