"""A package's review log (Anki's `revlog` table) as past reviews of the imported items.

Each row names an Anki card (`cid`); the card names its note and its template (`ord`). The note
became one kdquiz card, and the template one or more of its items: a Basic note's card 0 is the
card itself, a reversed note's card 1 its `reverse` item, and a Cloze note's card n every gap that
was numbered c(n+1) in Anki (a c1 shared by two gaps was one Anki card, so both gaps get its
reviews). Rows are checked as `kdquiz import-history` checks Anki's log; a row that is not a
review (a manual reschedule) is skipped, a bad one reported by its row number.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kdquiz.core.history_import import SHOWN_PROBLEMS, PastReview, revlog_row
from kdquiz.core.interchange.anki_cloze import read_anki_cloze
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.core.model import CLOZE_GAP

#: A lifetime of daily reviews of a big deck is far fewer; more is refused, not read.
MAX_REVIEWS = 1_000_000
_COLUMNS = ("id", "cid", "ease", "time", "type")

#: Anki card template number -> the sub-keys of the kdquiz items it became.
Ords = dict[int, tuple[str, ...]]


@dataclass
class PackageHistory:
    """The review log read from a package: reviews as (card id, sub-key, review), and what was not."""

    reviews: list[tuple[str, str, PastReview]] = field(default_factory=list)
    skipped: int = 0  # manual reschedules
    elsewhere: int = 0  # reviews of cards not in the package or of notes not imported
    bad: int = 0
    problems: list[str] = field(default_factory=list)
    #: Cards whose every Anki card was suspended, and the flag of each flagged card (1-7, in
    #: Anki's colour order, which kdquiz's marks share).
    suspended: list[str] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)
    #: Cards of which Anki suspended only some cards (a reversed note's one side): a kdquiz mark
    #: is on the whole card, so these are left unsuspended, and the import says so.
    partly_suspended: list[str] = field(default_factory=list)

    @property
    def cards(self) -> int:
        return len({card for card, _, _ in self.reviews})


def item_ords(card: dict[str, Any], first_field: str) -> Ords:
    """Which items of an imported `card` each Anki template number stands for."""
    if card["type"] == "cloze":
        numbers = read_anki_cloze(first_field).numbers
        if len(numbers) != len(CLOZE_GAP.findall(card["text"])):
            return {}  # the gaps cannot be matched one to one: its reviews are not brought in
        ords: dict[int, list[str]] = {}
        for gap, number in enumerate(numbers):
            ords.setdefault(number - 1, []).append(f"c{gap + 1}")
        return {n: tuple(subs) for n, subs in ords.items()}
    if card.get("reverse"):
        return {0: ("",), 1: ("reverse",)}
    return {0: ("",)}


def read_revlog(
    conn: sqlite3.Connection, where: str, notes: dict[int, tuple[str, Ords]]
) -> PackageHistory:
    """The reviews of the imported notes (note id -> (card id, its Ords)); a log too long to be
    one learner's is refused before a row is read."""
    history = PackageHistory()
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "revlog" not in tables:
        return history
    count = conn.execute("SELECT count(*) FROM revlog").fetchone()[0]
    if count > MAX_REVIEWS:
        raise ImportFileError.at(
            where,
            1,
            f"its review log has {count:,} rows; at most {MAX_REVIEWS:,} are read: export "
            "fewer decks at a time",
        )
    cards: dict[int, tuple[int, int]] = {
        cid: (nid, ord_)
        for cid, nid, ord_ in conn.execute("SELECT id, nid, ord FROM cards")
        if isinstance(cid, int) and isinstance(nid, int) and isinstance(ord_, int)
    }
    three_buttons = _first_scheduler(conn, tables)
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM revlog ORDER BY id")
    for number, values in enumerate(rows, start=1):
        if three_buttons:
            values = _four_buttons(values)
        try:
            review = _review(values, number)
        except ValueError as exc:
            history.bad += 1
            if len(history.problems) < SHOWN_PROBLEMS:
                history.problems.append(f"{where}: review log row {number}: {exc}")
            continue
        if review is None:
            history.skipped += 1
            continue
        found = cards.get(int(review.card_id))
        card_id, ords = notes.get(found[0], ("", {})) if found else ("", {})
        subs = ords.get(found[1], ()) if found else ()
        if not subs:
            history.elsewhere += 1
        if len(history.reviews) + len(subs) > MAX_REVIEWS:  # a cloze of a thousand c1 gaps
            raise ImportFileError.at(
                where,
                1,
                f"its review log comes to more than {MAX_REVIEWS:,} reviews of single questions "
                "(each gap of a cloze counts): export fewer decks at a time",
            )
        for sub in subs:
            history.reviews.append((card_id, sub, review))
    return history


#: Anki's `cards.queue` for a suspended card.
SUSPENDED_QUEUE = -1
#: Anki keeps a card's flag in the low three bits of `cards.flags`.
FLAG_BITS = 0b111


def read_marks(
    conn: sqlite3.Connection, notes: dict[int, tuple[str, Ords]], history: PackageHistory
) -> None:
    """Which imported cards Anki had suspended or flagged, into `history` (a collection whose
    cards table has no queue or flags, as some tools write, has none)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(cards)")}
    if not {"nid", "ord", "queue", "flags"} <= columns:
        return
    states: dict[str, list[tuple[bool, int]]] = {}
    for nid, queue, flags in conn.execute("SELECT nid, queue, flags FROM cards ORDER BY nid, ord"):
        if not (isinstance(nid, int) and isinstance(queue, int) and isinstance(flags, int)):
            continue
        if nid in notes:
            states.setdefault(notes[nid][0], []).append((queue == SUSPENDED_QUEUE, flags))
    for card_id, cards in states.items():
        suspended = [is_suspended for is_suspended, _ in cards]
        if all(suspended):
            history.suspended.append(card_id)
        elif any(suspended):
            history.partly_suspended.append(card_id)
        flag = next((f & FLAG_BITS for _, f in cards if f & FLAG_BITS), 0)
        if flag:
            history.flags[card_id] = flag


def _first_scheduler(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """Whether the log was written by Anki's first scheduler (Anki 2.0's), whose learning steps
    had three buttons: there ease 2 is Good and 3 is Easy. Later collections say `schedVer` 2 or
    more, in `col.conf` (legacy packages) or in the `config` table (current ones)."""
    if "config" in tables:
        return False  # a current collection: the first scheduler was gone by then
    columns = {row[1] for row in conn.execute("PRAGMA table_info(col)")}
    if "conf" not in columns:
        return False
    row = conn.execute("SELECT conf FROM col").fetchone()
    try:
        conf = json.loads(row[0]) if row and isinstance(row[0], str | bytes) else {}
    except ValueError:
        return False
    version = conf.get("schedVer", 1) if isinstance(conf, dict) else 2
    return version == 1


def _four_buttons(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A learning or relearning row of the first scheduler with its ease as four buttons."""
    ease, kind = values[2], values[4]
    if isinstance(ease, int) and ease in (2, 3) and kind in (0, 2):
        return (*values[:2], ease + 1, *values[3:])
    return values


def _review(values: tuple[Any, ...], number: int) -> PastReview | None:
    for column, value in zip(_COLUMNS, values, strict=True):
        if not isinstance(value, int) or isinstance(value, bool):
            shown = type(value).__name__ if not isinstance(value, float) else repr(value)
            raise ValueError(f"{column}: {shown} is not a whole number")
    return revlog_row(dict(zip(_COLUMNS, map(str, values), strict=True)), number)
