"""The progress store: one SQLite file with card states, the complete review log, quiz results and
the learner's preferences, and rotating backups of it beside it.

One module per concern: `schema` (tables and migrations), `values` (how times and states are
stored), `connection` (opening, checking, transactions), `compact_log` (the review log's typed
rows and their replay), `states_log` (answers, undo, history, import), `queue_reads` (what the
daily queue reads), `stats_reads` and `study_days` (statistics as SQL aggregates), `games` (quiz
results), `class_rounds` (class games), `marks` (suspended, buried and flagged cards),
`preferences`, `backups` (copies and their pruning) and `restore`. `ProgressStore`
puts them together.
"""

from kdquiz.core.store.class_rounds import ClassAnswer
from kdquiz.core.store.connection import BUSY_TIMEOUT_MS
from kdquiz.core.store.progress_store import ProgressStore, backup_failure
from kdquiz.core.store.records import GameRecord, LogEntry, QuizAnswerRow, Reviewed
from kdquiz.core.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    STORE_FILE,
    create_empty_store,
    create_v1_store,
    header_problem,
    store_path,
)
from kdquiz.core.store.values import (
    EARLIEST,
    EPOCH,
    LATEST,
    Clock,
    from_us,
    item_key,
    text_hash,
    to_us,
)

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "ClassAnswer",
    "EARLIEST",
    "EPOCH",
    "LATEST",
    "SCHEMA_VERSION",
    "STORE_FILE",
    "Clock",
    "GameRecord",
    "LogEntry",
    "ProgressStore",
    "QuizAnswerRow",
    "Reviewed",
    "backup_failure",
    "create_empty_store",
    "create_v1_store",
    "from_us",
    "header_problem",
    "item_key",
    "store_path",
    "text_hash",
    "to_us",
]
