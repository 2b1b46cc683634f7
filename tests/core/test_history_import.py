"""Importing past reviews: py-fsrs CSV and Anki's review log, bad rows reported by line."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from kdquiz.cli import main
from kdquiz.core.history_import import HistoryError, parse_history, to_log_entries
from kdquiz.core.store import ProgressStore, store_path

PY_FSRS = """card_id,review_rating,review_time,review_duration
1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060
1711684180217,3,2024-03-30T08:00:00Z,7241
42,4,2024-03-31T10:00:00+09:00,
"""

ANKI_REVLOG = """id,cid,usn,ease,ivl,lastIvl,factor,time,type
1711684352250,1700000000001,-1,3,1,0,2500,8000,0
1711770752250,1700000000001,-1,0,0,1,2500,0,4
1711857152250,1700000000001,-1,1,-600,1,2300,12000,1
"""


def test_py_fsrs_layout() -> None:
    parsed = parse_history(PY_FSRS, "log.csv")
    assert parsed.layout == "py-fsrs" and not parsed.problems
    first, second, third = parsed.reviews
    assert (first.card_id, first.rating, first.duration_ms, first.line) == (
        "1711684180217",
        1,
        25060,
        2,
    )
    assert first.time == datetime(2024, 3, 29, 20, 32, 32, 250000, tzinfo=timezone.utc)
    assert second.time == datetime(2024, 3, 30, 8, tzinfo=timezone.utc)
    assert third.time == datetime(2024, 3, 31, 1, tzinfo=timezone.utc)  # +09:00 read as such
    assert third.duration_ms == 0  # an empty duration is allowed


def test_anki_revlog_layout_skips_manual_reschedules() -> None:
    parsed = parse_history(ANKI_REVLOG, "revlog.csv")
    assert parsed.layout == "anki-revlog" and not parsed.problems
    assert parsed.skipped == 1
    assert [(r.card_id, r.rating, r.duration_ms, r.line) for r in parsed.reviews] == [
        ("1700000000001", 3, 8000, 2),
        ("1700000000001", 1, 12000, 4),
    ]
    assert parsed.reviews[0].time == datetime(2024, 3, 29, 3, 52, 32, 250000, tzinfo=timezone.utc)


def test_fsrs_optimizer_revlog_layout_tab_separated() -> None:
    text = (
        "card_id\treview_time\treview_rating\treview_state\treview_duration\n"
        "7\t1711684352250\t3\t0\t5000\n7\t1711770752250\t0\t4\t0\n"
    )
    parsed = parse_history(text, "revlog.tsv")
    assert parsed.layout == "fsrs-optimizer" and parsed.skipped == 1
    assert [(r.card_id, r.rating) for r in parsed.reviews] == [("7", 3)]


def test_bad_rows_are_reported_by_line_and_the_rest_is_read() -> None:
    text = (
        PY_FSRS
        + "\n".join(
            [
                "9,5,2024-04-01T10:00:00+00:00,100",  # line 5: rating out of range
                "9,3,yesterday,100",  # line 6: not a time
                "9,3,2024-04-01T10:00:00,100",  # line 7: no time zone
                "9,3,2024-04-01T10:00:00+00:00",  # line 8: a column missing
                ",3,2024-04-01T10:00:00+00:00,100",  # line 9: no card id
                "9,3,2024-04-01T10:00:00+00:00,-5",  # line 10: negative duration
                "9,3,2024-04-01T10:00:00+00:00,100",  # line 11: fine
            ]
        )
        + "\n"
    )
    parsed = parse_history(text, "log.csv")
    assert [p.split(": ", 1)[0] for p in parsed.problems] == [
        f"log.csv:{n}" for n in (5, 6, 7, 8, 9, 10)
    ]
    assert "5 is not a rating from 1 to 4" in parsed.problems[0]
    assert "'yesterday' is not an ISO-8601 time" in parsed.problems[1]
    assert "has no time zone" in parsed.problems[2]
    assert "expected 4 columns, found 3" in parsed.problems[3]
    assert "card_id: empty" in parsed.problems[4]
    assert "negative" in parsed.problems[5]
    assert len(parsed.reviews) == 4 and parsed.reviews[-1].line == 11


def test_bad_anki_rows_are_reported_by_line() -> None:
    text = ANKI_REVLOG + "12,1700000000001,-1,3,1,0,2500,8000,1\nx,1,-1,3,1,0,2500,8000,1\n"
    parsed = parse_history(text, "revlog.csv")
    assert parsed.problems[0].startswith("revlog.csv:5: id: 12 is not a time in milliseconds")
    assert parsed.problems[1] == "revlog.csv:6: id: 'x' is not a whole number"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the file is empty"),
        ("front,back\nq,a\n", "revlog.csv:1: unknown columns 'front,back'"),
    ],
)
def test_unreadable_files(text: str, message: str) -> None:
    with pytest.raises(HistoryError, match=message):
        parse_history(text, "revlog.csv")


def test_log_entries_are_history_not_schedule() -> None:
    entries = to_log_entries(parse_history(PY_FSRS, "log.csv").reviews, "old-anki")
    assert {e.mode for e in entries} == {"history"}
    assert entries[0].key == ("old-anki", "1711684180217", "")
    assert [e.correct for e in entries] == [False, True, True]
    assert all(e.before is None and e.after is None for e in entries)


def test_import_history_command_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    log = tmp_path / "log.csv"
    log.write_text(PY_FSRS, encoding="utf-8")
    assert main(["--data-dir", str(data), "import-history", str(log)]) == 0
    assert "3 reviews read, 3 new added under deck 'history'" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "import-history", str(log)]) == 0
    assert "0 new added" in capsys.readouterr().out
    store = ProgressStore(store_path(data), clock=lambda: datetime.now(timezone.utc), backup=False)
    try:
        assert len(store.log_entries()) == 3 and store.states() == []
    finally:
        store.close()


def test_import_history_command_refuses_bad_rows_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    log = tmp_path / "log.csv"
    log.write_text(PY_FSRS + "9,7,2024-04-01T10:00:00+00:00,1\n", encoding="utf-8")
    assert main(["--data-dir", str(data), "import-history", str(log)]) == 1
    err = capsys.readouterr().err
    assert f"{log}:5: review_rating: 7 is not a rating" in err and "nothing was imported" in err
    assert not store_path(data).exists()
    assert main(["--data-dir", str(data), "import-history", "--skip-bad", str(log)]) == 0
    assert "3 new added" in capsys.readouterr().out
