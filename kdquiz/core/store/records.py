"""What the store hands out and takes in: log rows, a review's outcome and quiz round results.

Named tuples rather than dataclasses: opening the store builds these classes before the home
screen's first frame, and a named tuple is built in a tenth of a frozen dataclass's time.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kdquiz.core.scheduling import ItemState, Key


class LogEntry(NamedTuple):
    """One answer. `before`/`after` are the item's states around it (None: new / not scheduled)."""

    id: int
    key: Key
    time: datetime
    rating: int | None
    correct: bool | None
    response_ms: int
    mode: str
    answer: str
    before: ItemState | None
    after: ItemState | None
    #: The answer's credit from 0 to 1 (partial credit in between); None for a self-rated answer
    #: or one logged before kdquiz kept it.
    score: float | None = None


class Reviewed(NamedTuple):
    """What `record_review` wrote: the log row and the states on either side of it."""

    log_id: int
    before: ItemState | None
    after: ItemState


class GameRecord(NamedTuple):
    deck_ids: tuple[str, ...]
    mode: str
    player: str
    started: datetime
    finished: datetime
    score: int
    correct: int
    total: int
    best_streak: int
    answers: tuple[tuple[Key, bool], ...] = ()
    #: A classic round's planned questions (0 in the other modes); rounds compare at one length.
    length: int = 0
    #: False for a round the player ended early: kept in the history, never a personal best.
    complete: bool = True


#: One logged quiz answer: item, when, right or wrong, response time in ms, the answer given and
#: its credit from 0 to 1.
QuizAnswerRow = tuple[tuple[str, str, str], datetime, bool, int, str, float]
