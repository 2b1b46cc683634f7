"""What the statistics read: SQL aggregates over only the columns each one needs, study days by
integer arithmetic (`study_days`), so a million-row log is never turned into Python objects."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from kdquiz.core.store.connection import StoreConnection
from kdquiz.core.store.log_quarters import QUARTER_US, time_range, whole_quarters
from kdquiz.core.store.study_days import DAY_US, DayScale
from kdquiz.core.store.tallies import KINDS, MATURE_DAYS, NEAR_US
from kdquiz.core.store.values import to_us

#: Log modes by number (`LOG_MODES`): review, practice, quiz, history.
_REVIEW, _HISTORY = 0, 3
#: An interval of 21 days or more is mature (Anki's definition), in microseconds.
_MATURE_US = MATURE_DAYS * DAY_US
#: One integer per (item, study day) groups faster than the pair: day ordinals stay below 2^22
#: (times are before 2200).
_DAYS_PER_ITEM = 1 << 22


class StatsReads(StoreConnection):
    def _log_rows(
        self, deck_id: str | None, *, by_time: bool = False
    ) -> tuple[str, tuple[str, ...]]:
        """FROM and WHERE of the log rows of one deck (or all), and their parameters. `by_time`:
        the rows are few and found by time, read by log id from `log_quarters.time_range`'s
        bound (CROSS JOIN keeps SQLite from reading the whole deck's log first)."""
        if deck_id is None:
            return "log l WHERE 1", ()
        join = "CROSS JOIN" if by_time else "JOIN"
        return f"log l {join} items i ON i.id = l.item WHERE i.deck = ?", (deck_id,)

    def day_scale(self, tz: tzinfo, rollover_hour: int, *spans: tuple[int, int]) -> DayScale:
        """A study-day scale covering the log's times and the given (first, last) µs spans."""
        span = self.log_span()
        times = [t for span in spans for t in span]
        times += list(span or ())
        return DayScale(tz, rollover_hour, min(times, default=0), max(times, default=0))

    def answers_by_day(self, days: DayScale, deck_id: str | None = None) -> dict[date, int]:
        """Answers (every mode) per study day."""
        rows, params = self._log_rows(deck_id)
        found = self._read(
            f"SELECT {days.sql('l.time')} AS day, COUNT(*) FROM {rows} GROUP BY day", params
        )
        return {date.fromordinal(day): n for day, n in found}

    def log_span(self) -> tuple[int, int] | None:
        """The first and last time in the log (µs) to the quarter hour (the start of the first
        answer's, the end of the last one's: what a study day needs), from `log_quarters`; None
        if the log is empty."""
        first, last = self._read("SELECT MIN(quarter), MAX(quarter) FROM log_quarters")[0]
        return None if first is None else (first * QUARTER_US, (last + 1) * QUARTER_US - 1)

    def answers_in(self, spans: Sequence[tuple[int, int]]) -> list[int]:
        """Answers (every mode, every deck) in each [start, end) span of µs: sums of a few rows of
        `log_quarters` per span when the spans start and end on quarter hours (a study day does,
        in every zone in use), else one read of the log from the earliest span on."""
        if not spans:
            return []
        if whole_quarters(spans):
            sql = (
                "SELECT COALESCE(SUM(answers), 0) FROM log_quarters "
                "WHERE quarter >= ? AND quarter < ?"
            )
            with self._lock:
                return [
                    self._conn.execute(sql, (start // QUARTER_US, end // QUARTER_US)).fetchone()[0]
                    for start, end in spans
                ]
        where, params = time_range("", min(s for s, _ in spans), max(e for _, e in spans))
        times = sorted(t for (t,) in self._read(f"SELECT time FROM log WHERE {where}", params))
        return [bisect_left(times, end) - bisect_left(times, start) for start, end in spans]

    def answers_between(
        self, start: datetime, end: datetime, deck_id: str | None = None
    ) -> tuple[int, int, int, int]:
        """(review answers, of them rated Again, practice and quiz answers, milliseconds spent)
        between `start` and `end` (read from the first log id that may hold one)."""
        rows, params = self._log_rows(deck_id, by_time=True)
        when, between = time_range("l.", to_us(start), to_us(end))
        found = self._read(
            f"SELECT COUNT(*) FILTER (WHERE l.mode = {_REVIEW}), "
            f"COUNT(*) FILTER (WHERE l.mode = {_REVIEW} AND l.rating = 1), "
            f"COUNT(*) FILTER (WHERE l.mode NOT IN ({_REVIEW}, {_HISTORY})), "
            f"TOTAL(MAX(0, l.response_ms)) FROM {rows} AND {when}",
            (*params, *between),
        )[0]
        return int(found[0]), int(found[1]), int(found[2]), int(found[3])

    def retention_tally(
        self, days: DayScale, deck_id: str | None = None
    ) -> dict[tuple[bool, bool], int]:
        """Anki's true retention as (mature?, passed?) -> reviews; see `stats.true_retention`.

        The first rated review or history answer of an item on a study day counts. A kdquiz review
        counts if the item was in the review state; its interval is that of the state before it
        (kept with the row, in whole days). Imported history counts when the item's previous answer
        was on an earlier day, with the time since then as its interval.

        Read from what the store keeps as answers are written (see tallies), with no sort: the
        counts per item of the answers far enough from the one before them to be the first of
        their day in this zone, and the few closer ones, whose days are worked out here. A zone
        whose offset moves by a day or more over the log's span sorts the log instead.
        """
        reach = days.same_day_reach()
        if reach > NEAR_US:
            return self._retention_by_sorting(days, deck_id)
        rows, params = "", (deck_id,) if deck_id is not None else ()
        if deck_id is not None:
            rows = " CROSS JOIN items i ON i.id = {}.item WHERE i.deck = ?"
        counted = self._read(
            f"SELECT {', '.join(f'TOTAL({kind})' for kind in KINDS)} FROM item_tallies t"
            + rows.format("t"),
            params,
        )[0]
        first_of_day = (
            f"r.gap >= {reach} OR (SELECT {days.sql('(l.time - r.gap)')} < {days.sql('l.time')} "
            "FROM log l WHERE l.id = r.id)"
        )
        near = self._read(
            f"SELECT {', '.join(f'TOTAL(r.kind = {k})' for k in range(len(KINDS)))} "
            f"FROM review_gaps r{rows.format('r') or ' WHERE 1'} AND ({first_of_day})",
            params,
        )[0]
        found = [a + b for a, b in zip(counted, near, strict=True)]
        tally = {
            (mature, passed): int(found[2 * mature + passed])
            for mature in (False, True)
            for passed in (False, True)
        }
        return {key: n for key, n in tally.items() if n}

    def _retention_by_sorting(
        self, days: DayScale, deck_id: str | None
    ) -> dict[tuple[bool, bool], int]:
        """`retention_tally` from the whole log, for a zone whose offset moves by a day or more
        over the log's span (where the kept counts may not hold).

        No window function and no sort but one: a GROUP BY (item, study day) keeps each group's
        first row (SQLite takes bare columns from the row MIN chose), one pass adds up the four
        tallies, and only history rows look up the answer before them, through the item index.
        """
        rows, params = self._log_rows(deck_id)
        passed = "l.rating > 1"
        found = self._read(
            f"""
            SELECT TOTAL(ivl < {_MATURE_US} AND passed), TOTAL(ivl < {_MATURE_US} AND NOT passed),
                TOTAL(ivl >= {_MATURE_US} AND passed), TOTAL(ivl >= {_MATURE_US} AND NOT passed)
            FROM (
                SELECT MIN(l.time), {passed} AS passed, CASE
                    WHEN l.before_state = 2 THEN COALESCE(l.before_ivl, 0) * {DAY_US}
                    WHEN l.before_state IS NULL AND l.mode = {_HISTORY} THEN l.time - (
                        SELECT MAX(p.time) FROM log p WHERE p.item = l.item AND p.time < l.time
                        AND p.mode IN ({_REVIEW}, {_HISTORY}) AND p.rating)
                    END AS ivl
                FROM {rows} AND l.mode IN ({_REVIEW}, {_HISTORY}) AND l.rating
                GROUP BY l.item * {_DAYS_PER_ITEM} + {days.sql("l.time")}
            )
            """,
            params,
        )[0]
        tally = {
            (False, True): found[0],
            (False, False): found[1],
            (True, True): found[2],
            (True, False): found[3],
        }
        return {key: int(n) for key, n in tally.items() if n}

    def answers_by_card(self, deck_id: str | None = None) -> list[tuple[str, str, int, int]]:
        """(deck, card, answers graded, of them right) per item (a card with several items has a
        row for each): checked answers by `correct`, the rest by their rating (Again is wrong).
        Read from `item_tallies` (see tallies), which the store keeps as answers are written."""
        where = "" if deck_id is None else "WHERE i.deck = ?"
        return [
            (r[0], r[1], int(r[2]), int(r[3] or 0))
            for r in self._read(
                "SELECT i.deck, i.card, t.graded, t.passed FROM item_tallies t "
                f"JOIN items i ON i.id = t.item {where}",
                () if deck_id is None else (deck_id,),
            )
        ]

    def schedule_rows(self, deck_ids: Sequence[str]) -> list[tuple[str, str, str, int, int, int]]:
        """(deck, card, sub, state, due, last review or -1) of every state of these decks, in key
        order: what counts by state, due today and the daily load need, and no more."""
        found: list[tuple[str, str, str, int, int, int]] = []
        for deck_id in sorted(set(deck_ids)):
            found += self._read(
                "SELECT deck, card, sub, state, due, COALESCE(last_review, -1) FROM states "
                "WHERE deck = ? ORDER BY card, sub",
                (deck_id,),
            )
        return found

    def due_by_day(self, days: DayScale, deck_ids: Sequence[str]) -> dict[date, int]:
        """States falling due on each study day."""
        found: dict[date, int] = {}
        for deck_id in set(deck_ids):
            for day, n in self._read(
                f"SELECT {days.sql('due')} AS day, COUNT(*) FROM states WHERE deck = ? "
                "GROUP BY day",
                (deck_id,),
            ):
                found[date.fromordinal(day)] = found.get(date.fromordinal(day), 0) + n
        return found

    def due_span(self, deck_ids: Sequence[str]) -> tuple[int, int]:
        """The first and last due time of these decks' states (µs; (0, 0) if none), each read
        from the (deck, state, due) index."""
        found = [
            value
            for deck_id in set(deck_ids)
            for state in (1, 2, 3)
            for end in ("MIN", "MAX")
            for (value,) in self._read(
                f"SELECT {end}(due) FROM states WHERE deck = ? AND state = ?", (deck_id, state)
            )
            if value is not None
        ]
        return (min(found), max(found)) if found else (0, 0)
