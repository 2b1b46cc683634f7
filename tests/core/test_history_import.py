"""Importing past reviews: py-fsrs CSV and Anki's review log, bad rows reported by line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert first.time == datetime(2024, 3, 29, 20, 32, 32, 250000, tzinfo=UTC)
    assert second.time == datetime(2024, 3, 30, 8, tzinfo=UTC)
    assert third.time == datetime(2024, 3, 31, 1, tzinfo=UTC)  # +09:00 read as such
    assert third.duration_ms == 0  # an empty duration is allowed


def test_anki_revlog_layout_skips_manual_reschedules() -> None:
    parsed = parse_history(ANKI_REVLOG, "revlog.csv")
    assert parsed.layout == "anki-revlog" and not parsed.problems
    assert parsed.skipped == 1
    assert [(r.card_id, r.rating, r.duration_ms, r.line) for r in parsed.reviews] == [
        ("1700000000001", 3, 8000, 2),
        ("1700000000001", 1, 12000, 4),
    ]
    assert parsed.reviews[0].time == datetime(2024, 3, 29, 3, 52, 32, 250000, tzinfo=UTC)


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
    store = ProgressStore(store_path(data), clock=lambda: datetime.now(UTC), backup=False)
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


# -- every value of every column, checked; big files streamed ------------------------------------

HEADER = "card_id,review_rating,review_time,review_duration\n"


@pytest.mark.parametrize(
    "row, message",
    [
        ("9,3.7,2024-04-01T10:00:00+00:00,100", "review_rating: '3.7' is not a whole number"),
        ("9,true,2024-04-01T10:00:00+00:00,100", "review_rating: 'true' is not a whole number"),
        (
            "9,3,9999-01-01T00:00:00+00:00,100",
            "review_time: '9999-01-01T00:00:00+00:00' is not between",
        ),
        ("9,3,1999-12-31T23:59:59+00:00,100", "is not between the years 2000 and 2099"),
        (f"9,3,2024-04-01T10:00:00+00:00,{2**70}", "ms is more than a day"),
        ("x" * 300 + ",3,2024-04-01T10:00:00+00:00,100", "card_id: longer than 256"),
        ("a\x1b[2Jb,3,2024-04-01T10:00:00+00:00,100", "card_id: holds a control"),
        ("a\u202eb,3,2024-04-01T10:00:00+00:00,100", "card_id: holds a control"),
    ],
)
def test_values_out_of_range_are_bad_rows(row: str, message: str) -> None:
    parsed = parse_history(HEADER + row + "\n", "log.csv")
    assert parsed.reviews == [] and len(parsed.problems) == 1
    assert parsed.problems[0].startswith("log.csv:2: ") and message in parsed.problems[0]


cells = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats().map(str),
    st.sampled_from(
        [
            "2024-04-01T10:00:00+00:00",
            "9999-12-31T00:00:00Z",
            "1711684352250",
            "0",
            "4",
            "-1",
            "1e3",
            "NaN",
            "inf",
            "",
        ]
    ),
)


@settings(max_examples=80, deadline=None)
@given(
    layout=st.sampled_from([HEADER, ANKI_REVLOG.splitlines(keepends=True)[0]]),
    rows=st.lists(st.lists(cells, min_size=3, max_size=10), min_size=1, max_size=4),
)
def test_any_row_is_a_review_in_range_or_a_problem_with_its_line(layout: str, rows) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = layout + out.getvalue()
    parsed = parse_history(text, "log.csv")
    for problem in parsed.problems:
        assert problem.startswith("log.csv:")
    for review in parsed.reviews:
        assert 1 <= review.rating <= 4 and 0 <= review.duration_ms <= 86_400_000
        assert 2000 <= review.time.year < 2100 and review.time.tzinfo is not None
        assert 0 < len(review.card_id) <= 256
    lines = {p.split(":")[1] for p in parsed.problems} | {str(r.line) for r in parsed.reviews}
    assert len(lines) == len(parsed.problems) + len(parsed.reviews)  # one verdict per row


def test_big_logs_are_merged_in_small_transactions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kdquiz.core import history_import

    log = tmp_path / "log.csv"
    log.write_text(
        HEADER
        + "".join(f"c{n},3,2024-04-01T10:{n:02d}:00+00:00,100\n" for n in range(25))
        + "bad,9,x,1\n",
        encoding="utf-8",
    )
    check = history_import.check_history(log)
    assert (check.reviews, check.bad) == (25, 1) and check.problems[0].startswith(f"{log}:27: ")
    monkeypatch.setattr(history_import, "BATCH", 4)
    store = ProgressStore(tmp_path / "p.sqlite3", clock=lambda: datetime.now(UTC), backup=False)
    sizes: list[int] = []
    real = store.import_rows
    monkeypatch.setattr(store, "import_rows", lambda s, log: sizes.append(len(log)) or real(s, log))
    try:
        assert history_import.import_history(store, log, "old") == 25
        assert len(store.log_entries()) == 25
    finally:
        store.close()
    assert max(sizes) <= 4 and sum(sizes) == 25
