"""Errors carry a title and a message a person can act on; the core raises, the UI shows."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

TYPE_CHECKING = (
    False  # `typing` is not imported at run time: every kdquiz command imports this module
)
if TYPE_CHECKING:
    from typing import NamedTuple

    class _ProblemFields(NamedTuple):
        path: str
        line: int
        column: int
        message: str
        card_id: str = ""
else:
    _ProblemFields = namedtuple(
        "Problem", ["path", "line", "column", "message", "card_id"], defaults=[""], module=__name__
    )


class KdquizError(Exception):
    """Base of every error kdquiz reports to a person rather than as a traceback."""

    def __init__(self, message: str, title: str = "kdquiz") -> None:
        super().__init__(message)
        self.message = message
        self.title = title

    def __str__(self) -> str:
        return self.message


class Problem(_ProblemFields):
    """One thing wrong in a deck file, located so a teacher can find and fix it.

    Immutable and ordered by its fields, like a frozen dataclass; a named tuple (`card_id` defaults
    to "") because every kdquiz command imports this module, and `dataclasses` (with inspect and
    ast) or `typing` would slow them all down.
    """

    __slots__ = ()

    def __str__(self) -> str:
        # One line whatever the file name or card id holds (see kdquiz.core.safe_text).
        from kdquiz.core.safe_text import safe_text

        where = f"{safe_text(self.path)}:{self.line}:{self.column}"
        who = f" card '{safe_text(self.card_id)}':" if self.card_id else ""
        return f"{where}:{who} {safe_text(self.message)}"


class DeckError(KdquizError):
    """A deck could not be loaded; `problems` lists every reason found, not just the first."""

    #: One problem a line, each made safe to show by `Problem` (see kdquiz.cli.error_text).
    safe_lines = True

    def __init__(self, problems: list[Problem], title: str = "Deck problems") -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems), title)

    @classmethod
    def single(cls, path: str | Path, message: str, line: int = 1, column: int = 1) -> DeckError:
        return cls([Problem(str(path), line, column, message)])


class StoreError(KdquizError):
    """The progress store cannot be opened or written; the message names the file."""

    def __init__(self, message: str, title: str = "Progress store") -> None:
        super().__init__(message, title)


class UsageError(KdquizError):
    """The command line asked for something that cannot be done (exit code 2)."""
