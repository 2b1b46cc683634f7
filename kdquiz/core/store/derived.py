"""The tables kept from the log by triggers (`tallies`, `log_quarters`): a restore takes their
triggers off, copies the log, then fills them in one pass, much faster than the triggers row by
row; it never copies them."""

from __future__ import annotations

import sqlite3
from types import ModuleType

from kdquiz.core.store import log_quarters, tallies

_KEPT: tuple[ModuleType, ...] = (tallies, log_quarters)
#: Every derived table, whatever the store's version.
TABLES = frozenset(table for kept in _KEPT for table in kept.DERIVED)


def _present(conn: sqlite3.Connection) -> list[ModuleType]:
    """The kept tables this store's version has (an older store has fewer)."""
    names = {row[0] for row in conn.execute("SELECT name FROM main.sqlite_master")}
    return [kept for kept in _KEPT if set(kept.DERIVED) <= names]


def drop_triggers(conn: sqlite3.Connection) -> None:
    for kept in _present(conn):
        kept.drop_triggers(conn)


def rebuild(conn: sqlite3.Connection) -> None:
    """Fill every kept table the store has from its whole log, and put the triggers back."""
    for kept in _present(conn):
        kept.rebuild(conn)
