"""Export and import the whole progress: every item's state, the complete review log, and the
marks on cards (suspended, buried until a study day, flag).

JSON: {"kdquiz_progress": 2, "states": [...], "log": [...], "marks": [...]}. CSV: one table for
spreadsheets, a `record` column saying whether a row is a "state", a "review" or a "mark", in
that order. Files of version 1 (from before marks were exported) import as they always did. Times are ISO 8601
in UTC; the states before and after each answer are embedded JSON. Importing merges (see
`ProgressStore.import_rows`), so importing the same file twice changes nothing; a card's marks are
taken from the file as they are, all of them one batch that `kdquiz cards --undo` takes back.

Imports are streamed: a file of millions of records is read record by record, never whole, and
every field is checked (`kdquiz.core.progress_records`) before anything reaches the store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kdquiz.core.files import (
    FileVersion,
    bytes_read,
    capped_lines,
    check_unchanged,
    open_text,
    opened_version,
)
from kdquiz.core.json_stream import JsonStreamError, object_members
from kdquiz.core.progress_records import (
    RecordError,
    log_record,
    mark_fields,
    mark_record,
    state_record,
)
from kdquiz.core.safe_text import safe_text
from kdquiz.core.scheduling import ItemState, Key
from kdquiz.core.spreadsheet import restored_cell, safe_cell
from kdquiz.core.store import LogEntry, ProgressStore
from kdquiz.core.store.marks import CardKey, Mark
from kdquiz.errors import KdquizError

FORMATS = ("csv", "json")
FORMAT_VERSION = 2
#: Versions an import reads: 1 has no marks.
READ_VERSIONS = (1, 2)
#: Bigger than any real export (a million reviews are ~600 MB of JSON); the file is streamed.
MAX_FILE_BYTES = 4 << 30
MAX_RECORDS = 20_000_000
#: Records merged per transaction: a few milliseconds, so a concurrent review is never held up.
BATCH = 2000
SHOWN_PROBLEMS = 20
_KINDS = {"states": "state", "log": "review", "marks": "mark"}
MARK_FIELDS = ["suspended", "buried_until", "flag"]

#: Called with (bytes done, bytes in total) while a file is read.
Progress = Callable[[int, int], None]
STATE_FIELDS = ["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"]
LOG_FIELDS = [
    "time",
    "rating",
    "correct",
    "response_ms",
    "mode",
    "answer",
    "before",
    "after",
    "score",
]
CSV_FIELDS = [
    "record",
    "deck",
    "card",
    "sub",
    *STATE_FIELDS,
    "text_hash",
    *LOG_FIELDS,
    *MARK_FIELDS,
]
#: What one parsed record is: a state (item, state, fingerprint), a log row, or a card's marks.
Parsed = tuple[Key, ItemState, str] | LogEntry | tuple[CardKey, Mark]


class ProgressFileError(KdquizError):
    #: One problem a line, each naming the file through `safe_text` (see kdquiz.cli.error_text).
    safe_lines = True

    def __init__(self, message: str) -> None:
        super().__init__(message, "Progress file")


def _state_record(key: Key, state: ItemState, fingerprint: str) -> dict[str, Any]:
    return {
        "deck": key[0],
        "card": key[1],
        "sub": key[2],
        **state.to_dict(),
        "text_hash": fingerprint,
    }


def _log_record(entry: LogEntry) -> dict[str, Any]:
    return {
        "deck": entry.key[0],
        "card": entry.key[1],
        "sub": entry.key[2],
        "time": entry.time.isoformat(),
        "rating": entry.rating,
        "correct": entry.correct,
        "response_ms": entry.response_ms,
        "mode": entry.mode,
        "answer": entry.answer,
        "before": entry.before.to_dict() if entry.before else None,
        "after": entry.after.to_dict() if entry.after else None,
        "score": entry.score,
    }


def export_progress(store: ProgressStore, out: IO[str], fmt: str) -> tuple[int, int, int]:
    """Write every state, log row and marked card to `out`; returns how many of each."""
    states = [_state_record(*row) for row in store.states()]
    log = [_log_record(entry) for entry in store.log_entries()]
    marks = [
        {"deck": deck, "card": card, **mark_fields(mark)}
        for (deck, card), mark in sorted(store.marks().items())
    ]
    write_progress(out, fmt, states, log, marks)
    return len(states), len(log), len(marks)


def write_progress(
    out: IO[str],
    fmt: str,
    states: list[dict[str, Any]],
    log: list[dict[str, Any]],
    marks: list[dict[str, Any]] | None = None,
) -> None:
    """Write state, log and mark records (as `export_progress` makes them) in the format `fmt`."""
    marks = marks or []
    if fmt == "json":
        json.dump(
            {"kdquiz_progress": FORMAT_VERSION, "states": states, "log": log, "marks": marks},
            out,
            ensure_ascii=False,
            indent=1,
        )
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for kind, records in (("state", states), ("review", log), ("mark", marks)):
            for record in records:
                writer.writerow({"record": kind, **{k: _csv_cell(v) for k, v in record.items()}})
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def _csv_cell(value: Any) -> Any:
    """A flag as 1 or 0, a state before or after an answer as embedded JSON, nothing as "", text
    that a spreadsheet would run as a formula neutralised (see `kdquiz.core.spreadsheet`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return safe_cell(value)


@dataclass
class ImportResult:
    """What an import read and took: `bad` records in all, the bad fields of the first `listed`
    of them in `problems`."""

    states: int = 0
    log: int = 0
    #: Cards whose marks the import changed, and the batch of mark changes (0: none).
    marks: int = 0
    mark_batch: int = 0
    records: int = 0
    bad: int = 0
    listed: int = 0
    problems: list[str] = field(default_factory=list)
    #: The file as it was checked (`kdquiz.core.files.opened_version`), for the merge to compare.
    version: FileVersion | None = None

    def unlisted(self) -> str:
        """A last line for the bad records left out of `problems`, or ""."""
        rest = self.bad - self.listed
        return f"... and {rest:,} more bad record(s)" if rest else ""


def import_progress(
    store: ProgressStore,
    path: Path,
    fmt: str,
    *,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Merge an exported file into the store; returns what was read and taken.

    The file is read twice, streamed: first every record is checked (nothing is imported from a
    file with a bad record unless `skip_bad`), then the good ones are merged in transactions of
    BATCH records, so a review in another kdquiz waits a moment at most, never the whole import.
    """
    result = check_progress(path, fmt, skip_bad=skip_bad, progress=progress)
    return merge_progress(store, path, fmt, result, progress=progress)


def check_progress(
    path: Path, fmt: str, *, skip_bad: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Read every record once, changing nothing; ProgressFileError lists the bad ones (unless
    `skip_bad`, when the result counts them)."""
    with open_text(path, "a progress file", limit=MAX_FILE_BYTES) as stream:
        version = opened_version(stream)
        result = ImportResult(version=version)
        size = version[2]
        for place, _, problems in _checked(stream, path, fmt, _offset(progress, 0, size)):
            result.records += 1
            if problems:
                result.bad += 1
                if result.listed < SHOWN_PROBLEMS:
                    result.listed += 1
                    result.problems += [f"{place}: {problem}" for problem in problems]
    if result.bad and not skip_bad:
        raise ProgressFileError(_refusal(path, result))
    return result


def merge_progress(
    store: ProgressStore,
    path: Path,
    fmt: str,
    result: ImportResult,
    *,
    progress: Progress | None = None,
) -> ImportResult:
    """The second reading: merge the good records, BATCH per transaction, counting into `result`."""
    states: list[tuple[Key, ItemState, str]] = []
    log: list[LogEntry] = []
    marks: list[tuple[CardKey, Mark]] = []
    with open_text(path, "a progress file", limit=MAX_FILE_BYTES) as stream:
        # The file open here is the one checked (not one renamed to its name since), before
        # any record is read, and still as it was once all are read (before the last batch).
        check_unchanged(stream, path, result.version)
        size = opened_version(stream)[2]
        for _, record, _ in _checked(stream, path, fmt, _offset(progress, size, size)):
            if isinstance(record, LogEntry):
                log.append(record)
            elif record is not None and isinstance(record[1], Mark):
                marks.append(record)
            elif record is not None:
                states.append(record)
            if len(states) + len(log) + len(marks) >= BATCH:
                _merge(store, states, log, marks, result)
        check_unchanged(stream, path, result.version, read=True)
    _merge(store, states, log, marks, result)
    return result


def _merge(
    store: ProgressStore,
    states: list[tuple[Key, ItemState, str]],
    log: list[LogEntry],
    marks: list[tuple[CardKey, Mark]],
    result: ImportResult,
) -> None:
    taken = store.import_rows(states, log)
    result.states += taken[0]
    result.log += taken[1]
    if marks:
        result.mark_batch, changed = store.import_marks(marks, result.mark_batch)
        result.marks += changed
    states.clear()
    log.clear()
    marks.clear()


def _refusal(path: Path, result: ImportResult) -> str:
    lines = [*result.problems, result.unlisted()]
    return (
        "\n".join(line for line in lines if line)
        + f"\n{result.bad:,} bad record(s) in {safe_text(path)}; nothing was imported. Fix them, "
        "or add --skip-bad to import the other records."
    )


def _offset(progress: Progress | None, start: int, size: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, _: progress(start + done, 2 * size)


def _checked(
    stream: IO[str], path: Path, fmt: str, progress: Progress | None
) -> Iterator[tuple[str, Parsed | None, list[str]]]:
    """(place, the parsed record or None, its problems) for every record of the file open
    under `stream` (from `open_text`)."""
    count = 0
    for place, kind, record, from_text in _records(stream, fmt, safe_text(path)):
        count += 1
        if count > MAX_RECORDS:
            raise ProgressFileError(
                f"{safe_text(path)}: more than {MAX_RECORDS:,} records; split the file"
            )
        if progress is not None and count % 1000 == 0:
            progress(bytes_read(stream), 0)
        try:
            yield place, _parse(kind, record, from_text), []
        except RecordError as exc:
            yield place, None, exc.problems
    if progress is not None:
        progress(bytes_read(stream), 0)


def _parse(kind: str, record: Any, from_text: bool) -> Parsed:
    if not isinstance(record, dict):
        raise RecordError(["expected an object with the fields of a state, a log row or a mark"])
    if kind == "state":
        return state_record(record, from_text=from_text)
    if kind == "review":
        return log_record(record, from_text=from_text)
    if kind == "mark":
        return mark_record(record, from_text=from_text)
    raise RecordError([f'record: must be "state", "review" or "mark", not {str(kind)[:40]!r}'])


def _records(stream: IO[str], fmt: str, where: str) -> Iterator[tuple[str, str, Any, bool]]:
    """(place, "state", "review" or "mark", the raw record, whether its values are text) for each
    record."""
    if fmt == "json":
        yield from _json_records(stream, where)
    elif fmt == "csv":
        yield from _csv_records(stream, where)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def _json_records(stream: IO[str], where: str) -> Iterator[tuple[str, str, Any, bool]]:
    version = None
    try:
        for name, index, line, value in object_members(stream, tuple(_KINDS)):
            if name == "kdquiz_progress":
                version = value
            elif index >= 0:
                yield f"{where}:{line}: {name}[{index}]", _KINDS[name], value, False
    except JsonStreamError as exc:
        raise ProgressFileError(
            f"{where}:{exc.line}: {exc}; make the file with `kdquiz export-progress --format json`"
        ) from None
    if version not in READ_VERSIONS or isinstance(version, bool):
        raise ProgressFileError(
            f"{where}: not a kdquiz progress export (expected "
            f'"kdquiz_progress": {FORMAT_VERSION}); make one with '
            "`kdquiz export-progress --format json`"
        )


def _csv_records(stream: IO[str], where: str) -> Iterator[tuple[str, str, Any, bool]]:
    reader = csv.DictReader(capped_lines(stream, where))
    try:
        missing = [
            f for f in ("record", "deck", "card", "sub") if f not in (reader.fieldnames or [])
        ]
        if missing:
            raise ProgressFileError(
                f"{where}:1: missing column(s) {', '.join(missing)}; make the "
                "file with `kdquiz export-progress --format csv`"
            )
        for row in reader:
            cells = {k: restored_cell(v) if isinstance(v, str) else v for k, v in row.items()}
            yield f"{where}:{reader.line_num}", cells.get("record") or "", cells, True
    except csv.Error as exc:
        raise ProgressFileError(f"{where}:{reader.line_num}: {exc}") from None
