"""Export and import the whole progress: every item's state and the complete review log.

JSON: {"kdquiz_progress": 1, "states": [...], "log": [...]}. CSV: one table for spreadsheets, a
`record` column saying whether a row is a "state" or a "review", the states first. Times are ISO 8601
in UTC; the states before and after each answer are embedded JSON. Importing merges (see
`ProgressStore.import_rows`), so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from kdquiz.core.scheduling import ItemState, Key
from kdquiz.core.store import LogEntry, ProgressStore
from kdquiz.errors import KdquizError

FORMATS = ("csv", "json")
FORMAT_VERSION = 1
STATE_FIELDS = ["state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses"]
LOG_FIELDS = ["time", "rating", "correct", "response_ms", "mode", "answer", "before", "after"]
CSV_FIELDS = ["record", "deck", "card", "sub", *STATE_FIELDS, "text_hash", *LOG_FIELDS]


class ProgressFileError(KdquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Progress file")


def _state_record(key: Key, state: ItemState, fingerprint: str) -> dict[str, Any]:
    return {"deck": key[0], "card": key[1], "sub": key[2], **state.to_dict(), "text_hash": fingerprint}


def _log_record(entry: LogEntry) -> dict[str, Any]:
    return {
        "deck": entry.key[0], "card": entry.key[1], "sub": entry.key[2],
        "time": entry.time.isoformat(), "rating": entry.rating, "correct": entry.correct,
        "response_ms": entry.response_ms, "mode": entry.mode, "answer": entry.answer,
        "before": entry.before.to_dict() if entry.before else None,
        "after": entry.after.to_dict() if entry.after else None,
    }


def export_progress(store: ProgressStore, out: TextIO, fmt: str) -> tuple[int, int]:
    """Write every state and log row to `out`; returns (states, log rows) written."""
    states = [_state_record(*row) for row in store.states()]
    log = [_log_record(entry) for entry in store.log_entries()]
    if fmt == "json":
        json.dump({"kdquiz_progress": FORMAT_VERSION, "states": states, "log": log}, out,
                  ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in states:
            writer.writerow({"record": "state", **record})
        for record in log:
            writer.writerow({"record": "review", **record,
                             "before": json.dumps(record["before"]) if record["before"] else "",
                             "after": json.dumps(record["after"]) if record["after"] else "",
                             "correct": "" if record["correct"] is None else int(record["correct"]),
                             "rating": "" if record["rating"] is None else record["rating"]})
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    return len(states), len(log)


def read_progress(text: str, fmt: str, where: str) -> tuple[list[tuple[Key, ItemState, str]],
                                                             list[LogEntry]]:
    """Parse an exported file; ProgressFileError names the file and the record that is wrong."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProgressFileError(f"{where}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict) or data.get("kdquiz_progress") != FORMAT_VERSION:
            raise ProgressFileError(f"{where}: not a kdquiz progress export (expected "
                                    f'"kdquiz_progress": {FORMAT_VERSION}); make one with '
                                    "`kdquiz export-progress --format json`")
        states = [_parse(_state_from, r, f"{where}: states[{n}]") for n, r in
                  enumerate(_list(data, "states", where))]
        log = [_parse(_log_from, r, f"{where}: log[{n}]") for n, r in
               enumerate(_list(data, "log", where))]
        return states, log
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = [f for f in ("record", "deck", "card", "sub") if f not in (reader.fieldnames or [])]
        if missing:
            raise ProgressFileError(f"{where}:1: missing column(s) {', '.join(missing)}; make the file "
                                    "with `kdquiz export-progress --format csv`")
        states, log = [], []
        for row in reader:
            place = f"{where}:{reader.line_num}"
            if row["record"] == "state":
                states.append(_parse(_state_from, _csv_state(row), place))
            elif row["record"] == "review":
                log.append(_parse(_log_from, _csv_log(row), place))
            else:
                raise ProgressFileError(f'{place}: record must be "state" or "review", '
                                        f"not {row['record']!r}")
        return states, log
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")


def import_progress(store: ProgressStore, text: str, fmt: str, where: str) -> tuple[int, int]:
    """Merge an exported file into the store; returns (states, log rows) taken."""
    states, log = read_progress(text, fmt, where)
    return store.import_rows(states, log)


def _list(data: dict[str, Any], name: str, where: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise ProgressFileError(f"{where}: {name} must be a list")
    return value


def _parse(build: Any, record: Any, place: str) -> Any:
    try:
        if not isinstance(record, dict):
            raise TypeError("expected an object")
        return build(record)
    except (KeyError, TypeError, ValueError) as exc:
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ProgressFileError(f"{place}: {problem}") from None


def _key(record: dict[str, Any]) -> Key:
    key = (record["deck"], record["card"], record.get("sub") or "")
    if not all(isinstance(part, str) for part in key) or not key[0] or not key[1]:
        raise ValueError("deck and card must be non-empty text")
    return key  # type: ignore[return-value]


def _state_from(record: dict[str, Any]) -> tuple[Key, ItemState, str]:
    return _key(record), ItemState.from_dict(record), str(record.get("text_hash") or "")


def _log_from(record: dict[str, Any]) -> LogEntry:
    when = datetime.fromisoformat(record["time"])
    if when.tzinfo is None:
        raise ValueError(f"time {record['time']!r} has no time zone")
    rating = record.get("rating")
    if rating is not None and int(rating) not in (1, 2, 3, 4):
        raise ValueError(f"rating must be 1-4, not {rating!r}")
    correct = record.get("correct")
    return LogEntry(
        0, _key(record), when, None if rating is None else int(rating),
        None if correct is None else bool(correct), int(record.get("response_ms") or 0),
        str(record["mode"]), str(record.get("answer") or ""),
        ItemState.from_dict(record["before"]) if record.get("before") else None,
        ItemState.from_dict(record["after"]) if record.get("after") else None,
    )


def _blank_none(row: dict[str, str], names: Iterable[str]) -> dict[str, Any]:
    return {name: (row.get(name) or None) for name in names}


def _csv_state(row: dict[str, str]) -> dict[str, Any]:
    return {"deck": row["deck"], "card": row["card"], "sub": row["sub"],
            "text_hash": row.get("text_hash", ""), **_blank_none(row, STATE_FIELDS)}


def _csv_log(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {"deck": row["deck"], "card": row["card"], "sub": row["sub"],
                              **_blank_none(row, LOG_FIELDS)}
    record["answer"] = row.get("answer", "")
    for side in ("before", "after"):
        if record[side]:
            record[side] = json.loads(record[side])
    if record["correct"] is not None:
        record["correct"] = record["correct"] in ("1", "true", "True")
    return record
