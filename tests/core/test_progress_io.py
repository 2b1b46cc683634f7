"""Exporting and importing progress (CSV and JSON), and the edited/orphaned progress report."""

from __future__ import annotations

import io
import json
import random
from datetime import date

import pytest
from fsrs import Rating
from store_support import FakeClock, cloze, deck, flash, open_store

from kdquiz.core.grading import Outcome
from kdquiz.core.progress_io import ProgressFileError, export_progress, import_progress
from kdquiz.core.progress_report import IssueKind, progress_report
from kdquiz.core.session import Mode, StudySession
from kdquiz.core.settings import Settings
from kdquiz.core.store.values import MAX_ANSWER_CHARS


def studied_store(tmp_path, name="a.sqlite3"):
    clock = FakeClock()
    store = open_store(tmp_path, clock, name)
    d = deck("d", [flash("one"), flash("two", reverse=True), cloze("gap", "x", "y")])
    session = StudySession(
        store=store,
        settings=Settings(),
        decks=[d],
        mode=Mode.REVIEW,
        clock=clock,
        rng=random.Random(5),
        fuzz=True,
    )
    for rating in (Rating.Good, Rating.Again, Rating.Easy, Rating.Hard):
        item = session.next_item()
        if item is None:
            clock.advance(minutes=30)
            item = session.next_item()
        session.commit(item, rating, outcome=None, response_ms=1234)
        clock.advance(minutes=3)
    practice = StudySession(
        store=store,
        settings=Settings(),
        decks=[d],
        mode=Mode.PRACTICE,
        clock=clock,
        rng=random.Random(5),
    )
    practice.commit(practice.next_item(), Rating.Good, outcome=None, response_ms=500)
    partly = Outcome(False, 2 / 3, "x", "y")  # a partly right answer keeps its credit
    practice.commit(practice.next_item(), Rating.Hard, outcome=partly, response_ms=700)
    return store, d


def imported(store, folder, text, fmt, name="progress", **options):
    """Import `text` as the file `name.fmt` in `folder`; returns (states, log rows) taken."""
    path = folder / f"{name}.{fmt}"
    path.write_text(text, encoding="utf-8")
    result = import_progress(store, path, fmt, **options)
    return result.states, result.log


def _log_without_ids(store):
    return [e._replace(id=0) for e in store.log_entries()]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_into_an_empty_store_is_exact(tmp_path, fmt):
    source, _ = studied_store(tmp_path)
    mark_some(source)
    out = io.StringIO()
    assert export_progress(source, out, fmt) == (
        len(source.states()),
        len(source.log_entries()),
        3,
    )
    target = open_store(tmp_path, FakeClock(), "b.sqlite3")
    imported(target, tmp_path, out.getvalue(), fmt)
    assert target.states() == source.states()
    assert _log_without_ids(target) == _log_without_ids(source)
    assert target.marks() == source.marks()
    # Importing again changes nothing.
    assert imported(target, tmp_path, out.getvalue(), fmt) == (0, 0)
    assert len(target.log_entries()) == len(source.log_entries())
    assert target.marks() == source.marks()


def mark_some(store):
    """Three cards marked in every way there is: suspended, buried until a day, flagged."""
    store.set_marks([("d", "one")], "suspended", 1)
    store.set_marks([("d", "one"), ("d", "gap")], "flag", 3)
    store.set_marks([("e", "gone")], "buried", date(2026, 3, 2).toordinal())
    assert len(store.marks()) == 3


def test_an_export_from_before_scores_were_kept_imports_without_them(tmp_path):
    source, _ = studied_store(tmp_path)
    assert pytest.approx(2 / 3) in [e.score for e in source.log_entries()]
    out = io.StringIO()
    export_progress(source, out, "json")
    data = json.loads(out.getvalue())
    for record in data["log"]:
        del record["score"]
    target = open_store(tmp_path, FakeClock(), "b.sqlite3")
    assert imported(target, tmp_path, json.dumps(data), "json")[1] == len(data["log"])
    assert {e.score for e in target.log_entries()} == {None}


def test_csv_has_one_row_per_state_and_review(tmp_path):
    store, _ = studied_store(tmp_path)
    out = io.StringIO()
    export_progress(store, out, "csv")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("record,deck,card,sub,state")
    records = [line.split(",", 1)[0] for line in lines[1:]]
    assert records.count("state") == len(store.states())
    assert records.count("review") == len(store.log_entries())


def test_import_keeps_the_newer_state(tmp_path):
    store, _ = studied_store(tmp_path)
    out = io.StringIO()
    export_progress(store, out, "json")
    data = json.loads(out.getvalue())
    key = (data["states"][0]["deck"], data["states"][0]["card"], data["states"][0]["sub"])
    current = store.get_state(key)
    data["states"][0]["reps"] = 99  # an older copy of the state must not win, whatever it says
    imported(store, tmp_path, json.dumps(data), "json", "old")
    assert store.get_state(key) == current


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("json", "{not json", "p.json:1"),
        ("json", '{"something": 1}', "not a kdquiz progress export"),
        ("json", '{"kdquiz_progress": 1, "states": [{"deck": "d"}]}', "states[0]: card: missing"),
        (
            "json",
            (
                '{"kdquiz_progress": 1, "log": [{"deck": "d", "card": "c", '
                '"time": "2026-01-01T00:00", "mode": "review"}]}'
            ),
            "log[0]: time: ",
        ),
        ("csv", "a,b\n1,2\n", "missing column"),
        ("csv", "record,deck,card,sub\nwhat,d,c,\n", "p.csv:2: record: must be"),
        ("csv", "record,deck,card,sub,state,due\nstate,d,c,,2,tomorrow\n", "p.csv:2: due: "),
    ],
)
def test_bad_files_are_reported_with_where_and_nothing_is_imported(tmp_path, fmt, text, where):
    store = open_store(tmp_path, FakeClock())
    with pytest.raises(ProgressFileError) as error:
        imported(store, tmp_path, text, fmt, "p")
    assert where in error.value.message
    assert store.states() == [] and store.log_entries() == []


def test_progress_report_lists_edited_orphaned_and_unloaded(tmp_path):
    store, d = studied_store(tmp_path)
    reviewed = {key[1] for key, _, _ in store.states()}
    assert reviewed == {"one", "two", "gap"}
    edited = deck("d", [flash("one", front="changed front"), cloze("gap", "x", "y")])
    issues = progress_report(store, [edited])
    kinds = {(i.kind, i.card_id) for i in issues}
    assert (IssueKind.EDITED, "one") in kinds
    assert (IssueKind.ORPHANED, "two") in kinds
    assert {i.card_id for i in issues if i.kind == IssueKind.EDITED} == {"one"}
    assert "kdquiz relink d two NEW_ID" in str(next(i for i in issues if i.card_id == "two"))
    assert progress_report(store, [d]) == []
    assert [i.kind for i in progress_report(store, [])] == [IssueKind.NO_DECK]
    one_gap = deck("d", [flash("one"), flash("two", reverse=True), cloze("gap", "x")])
    gap_issues = progress_report(store, [one_gap])
    assert [(i.kind, i.card_id) for i in gap_issues] == [(IssueKind.EDITED, "gap")]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_pasted_page_as_an_answer_is_kept_cut_and_its_export_imports_again(tmp_path, fmt):
    """A typed answer longer than the import reads (a paste gone wrong) is graded whole and logged
    cut to that length, so the store never holds an answer its own export cannot bring back."""
    clock = FakeClock()
    source = open_store(tmp_path, clock, "a.sqlite3")
    d = deck("d", [cloze("gap", "x", "y")])
    session = StudySession(
        store=source, settings=Settings(), decks=[d], mode=Mode.REVIEW, clock=clock,
        rng=random.Random(5),
    )  # fmt: skip
    item = session.next_item()
    pasted = "y" * 30_000
    graded = session.grade(item, pasted, 4000)
    session.commit(item, int(graded.suggested), outcome=graded.outcome, response_ms=4000)
    assert [len(e.answer) for e in source.log_entries()] == [MAX_ANSWER_CHARS]
    out = io.StringIO()
    export_progress(source, out, fmt)
    target = open_store(tmp_path, FakeClock(), "b.sqlite3")
    assert imported(target, tmp_path, out.getvalue(), fmt) == (1, 1)
    assert _log_without_ids(target) == _log_without_ids(source)
