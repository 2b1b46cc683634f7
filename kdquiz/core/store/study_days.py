"""Study days in SQL: integer arithmetic on stored microseconds, no time-zone call per row.

A study day runs from the rollover hour to the next one, local time. For an instant t (µs since the
epoch, UTC) whose zone is `off(t)` ahead of UTC, its study day is floor((t + off(t) - rollover) /
one day), as a date since 1970-01-01: the same day `queue.study_day` gives. `off` only changes at
the zone's transitions, so it is found once per calendar day of the span asked for (and bisected to
the second where it changes), and SQL gets it as a CASE over the transitions.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from kdquiz.core.store.values import from_us

DAY_US = 86_400_000_000
_HOUR_US = 3_600_000_000
_SECOND_US = 1_000_000
#: Days added before dividing, so that SQLite's truncating division floors (times are >= 1970).
_PAD_DAYS = 1_000
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class DayScale:
    """Maps stored times in [first_us, last_us] to study-day ordinals (`date.toordinal`)."""

    def __init__(self, tz: tzinfo, rollover_hour: int, first_us: int, last_us: int) -> None:
        self.rollover_us = rollover_hour * _HOUR_US
        day = first_us // DAY_US - 1
        start = day * DAY_US
        offset = self._offset(tz, start)
        #: (from this instant on, this offset); the first holds from the beginning of time.
        self.offsets: list[tuple[int, int]] = [(start, offset)]
        while start <= last_us + DAY_US:
            following = start + DAY_US
            new = self._offset(tz, following)
            if new != offset:
                low, high = start, following  # off(low) == offset, off(high) == new
                while high - low > _SECOND_US:
                    middle = (low + high) // 2 // _SECOND_US * _SECOND_US
                    if middle <= low:
                        break
                    if self._offset(tz, middle) == offset:
                        low = middle
                    else:
                        high = middle
                self.offsets.append((high, new))
                offset = new
            start = following

    @staticmethod
    def _offset(tz: tzinfo, us: int) -> int:
        shift = from_us(us).astimezone(tz).utcoffset() or timedelta()
        return shift // timedelta(microseconds=1)

    def same_day_reach(self) -> int:
        """Two times in the span this far apart (µs) or more are never on the same study day: a
        day, plus the most the offset can fall between them (a day that repeats an hour)."""
        offsets = [offset for _, offset in self.offsets]
        return DAY_US + max(offsets) - min(offsets)

    def sql(self, column: str) -> str:
        """An SQL expression for the study-day ordinal of the time in `column`."""
        pad = _PAD_DAYS * DAY_US - self.rollover_us
        return (
            f"(({column} + {self._case(column, 0, len(self.offsets))} + {pad}) / {DAY_US} "
            f"+ {_EPOCH_ORDINAL - _PAD_DAYS})"
        )

    def _case(self, column: str, low: int, high: int) -> str:
        """The offset at `column`'s time, as a balanced tree of comparisons over the transitions."""
        if high - low == 1:
            return str(self.offsets[low][1])
        middle = (low + high) // 2
        return (
            f"(CASE WHEN {column} < {self.offsets[middle][0]} THEN "
            f"{self._case(column, low, middle)} ELSE {self._case(column, middle, high)} END)"
        )

    def day(self, us: int) -> date:
        """The study day of one time, by the same arithmetic (for tests and single values)."""
        offset = self.offsets[0][1]
        for start, value in self.offsets:
            if us >= start:
                offset = value
        return date.fromordinal((us + offset - self.rollover_us) // DAY_US + _EPOCH_ORDINAL)
