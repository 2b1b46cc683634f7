"""Marks on cards (suspended, buried, flag) in progress exports: written, checked, imported, undone."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, deck, flash, import_or_refusal, open_store

from kdquiz.cli import main
from kdquiz.core.progress_io import (
    ProgressFileError,
    check_progress,
    export_progress,
    import_progress,
    write_progress,
)
from kdquiz.core.progress_report import IssueKind, progress_report
from kdquiz.core.store.marks import Mark, check_mark

DAY = date(2026, 3, 2)
FIXTURES = Path(__file__).parents[1] / "fixtures"


def marked_store(tmp_path, name="a.sqlite3"):
    store = open_store(tmp_path, FakeClock(), name)
    store.set_marks([("d", "one")], "suspended", 1)
    store.set_marks([("d", "one"), ("d", "two")], "flag", 2)
    store.set_marks([("d", "three")], "buried", DAY.toordinal())
    return store


def write(tmp_path, fmt, marks, name="p"):
    path = tmp_path / f"{name}.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_progress(out, fmt, [], [], marks)
    return path


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_marks_are_exported_as_readable_fields(tmp_path, fmt):
    out = io.StringIO()
    assert export_progress(marked_store(tmp_path), out, fmt)[2] == 3
    if fmt == "json":
        data = json.loads(out.getvalue())
        assert data["kdquiz_progress"] == 2
        records = data["marks"]
    else:
        records = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["record"] == "mark"]
    by_card = {r["card"]: r for r in records}
    assert set(by_card) == {"one", "two", "three"}
    assert by_card["three"]["buried_until"] == "2026-03-02"
    assert str(by_card["one"]["flag"]) == "2"
    assert str(by_card["one"]["suspended"]) in ("True", "1")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_import_of_marks_is_one_batch_that_undo_takes_back(tmp_path, fmt):
    out = io.StringIO()
    export_progress(marked_store(tmp_path), out, fmt)
    target = open_store(tmp_path, FakeClock(), "b.sqlite3")
    target.set_marks([("d", "two")], "flag", 5)  # the file's flag replaces it
    target.set_marks([("d", "other")], "suspended", 1)  # a card not in the file keeps its mark
    kept = target.marks()
    path = tmp_path / f"p.{fmt}"
    path.write_text(out.getvalue(), encoding="utf-8")

    result = import_progress(target, path, fmt)

    assert result.marks == 3
    assert target.marks()[("d", "two")] == Mark(False, 0, 2)
    assert target.marks()[("d", "other")] == Mark(True, 0, 0)
    assert target.marks()[("d", "three")] == Mark(False, DAY.toordinal(), 0)
    assert target.last_mark_batch() == result.mark_batch
    target.undo_marks(result.mark_batch)
    assert target.marks() == kept


def test_an_import_split_over_transactions_is_still_one_batch(tmp_path, monkeypatch):
    monkeypatch.setattr("kdquiz.core.progress_io.BATCH", 2)
    records = [{"deck": "d", "card": f"c{n}", "flag": 1 + n % 7} for n in range(7)]
    store = open_store(tmp_path, FakeClock())
    result = import_progress(store, write(tmp_path, "json", records), "json")
    assert result.marks == 7 and len(store.marks()) == 7
    assert store.batch_size(result.mark_batch) == 7
    store.undo_marks(result.mark_batch)
    assert store.marks() == {}


def test_a_flag_may_be_written_as_its_colour(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "record,deck,card,sub,suspended,buried_until,flag\nmark,d,c,,0,,Purple\n", encoding="utf-8"
    )
    store = open_store(tmp_path, FakeClock())
    import_progress(store, path, "csv")
    assert store.marks() == {("d", "c"): Mark(False, 0, 7)}


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize(
    ("field", "value", "told"),
    [
        ("flag", 8, "flag: expected a whole number from 0 to 7, not 8 (or a colour: red"),
        ("flag", "mauve", "flag: expected a whole number from 0 to 7, not 'mauve' (or a colour"),
        ("suspended", "maybe", "suspended: expected true or false (1 or 0), not 'maybe'"),
        ("buried_until", "tomorrow", "buried_until: expected a day like 2025-01-31"),
        ("buried_until", "2400-01-01", "buried_until: expected a day like 2025-01-31"),
        ("card", "", "card: missing; it must not be empty"),
    ],
)
def test_a_bad_mark_is_refused_with_its_place_and_nothing_changes(
    tmp_path, fmt, field, value, told
):
    good = {"deck": "d", "card": "fine", "suspended": True}
    path = write(tmp_path, fmt, [good, {"deck": "d", "card": "c", field: value}])
    store = open_store(tmp_path, FakeClock())
    with pytest.raises(ProgressFileError) as caught:
        import_progress(store, path, fmt)
    where = "p.json:" if fmt == "json" else "p.csv:3"
    problem = next(line for line in str(caught.value).splitlines() if told in line)
    assert where in problem and ("marks[1]" in problem or fmt == "csv")
    assert "--skip-bad" in str(caught.value)
    assert store.marks() == {}
    # With --skip-bad the good mark is taken, the bad one counted.
    result = import_progress(store, path, fmt, skip_bad=True)
    assert result.bad == 1 and store.marks() == {("d", "fine"): Mark(True, 0, 0)}


def test_a_version_1_file_without_marks_imports_and_a_newer_one_is_refused(tmp_path):
    old = tmp_path / "old.json"
    old.write_text('{"kdquiz_progress": 1, "states": [], "log": []}', encoding="utf-8")
    assert check_progress(old, "json").records == 0
    newer = tmp_path / "newer.json"
    newer.write_text('{"kdquiz_progress": 3, "states": [], "log": []}', encoding="utf-8")
    with pytest.raises(ProgressFileError, match="not a kdquiz progress export"):
        check_progress(newer, "json")


def test_the_commands_carry_marks_and_say_how_to_undo(tmp_path, capsys):
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    store = marked_store(source, "progress.sqlite3")
    store.close()
    path = tmp_path / "out.json"
    args = ["--data-dir", str(source), "export-progress", "-o", str(path)]
    assert main(args) == 0
    assert "and 3 marked cards to" in capsys.readouterr().err
    assert main(["--data-dir", str(target), "import-progress", str(path)]) == 0
    out = capsys.readouterr().out
    assert "the marks of 3 cards" in out and "kdquiz cards --undo" in out
    assert main(["--data-dir", str(target), "cards", "--undo"]) == 0
    assert "Undone: 4 changes" in capsys.readouterr().out


def test_the_report_names_marks_left_on_cards_that_are_gone(tmp_path):
    store = open_store(tmp_path, FakeClock())
    d = deck("d", [flash("kept")])
    store.set_marks([("d", "kept"), ("d", "gone")], "suspended", 1)
    store.set_marks([("d", "gone")], "flag", 1)
    store.set_marks([("d", "gone")], "buried", DAY.toordinal())
    issues = progress_report(store, [d])
    assert [(i.kind, i.card_id) for i in issues] == [(IssueKind.MARKED, "gone")]
    assert "(suspended, buried until 2026-03-02, flag red)" in str(issues[0])
    store.set_marks([("d", "gone")], "flag", 0)
    store.set_marks([("d", "gone")], "buried", 0)
    store.set_marks([("d", "gone")], "suspended", 0)
    assert progress_report(store, [d]) == []


def test_check_progress_prints_marks_on_missing_cards(tmp_path, capsys):
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text((FIXTURES / "minimal.yaml").read_text(), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    store = open_store(data, FakeClock())
    store.set_marks([("minimal", "capital"), ("minimal", "old-one")], "suspended", 1)
    store.close()
    assert main(["check", "--progress", "--data-dir", str(data), str(deck_file)]) == 0
    out = capsys.readouterr().out
    assert "Progress: 1 card to look at." in out
    assert (
        f"marked: {deck_file}: deck 'minimal' has no card 'old-one' any more, but it is still "
        "marked (suspended)" in out
    )
    assert "'capital'" not in out


ANY_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["2026-03-02", "2026-03-02T00:00:00+00:00", "9999-12-31", "red", "7", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=4,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["deck", "card", "suspended", "buried_until", "flag"]),
    value=ANY_VALUE,
    fmt=st.sampled_from(["json", "csv"]),
)
def test_any_value_in_any_mark_field_is_refused_by_name_or_stored_in_range(
    tmp_path_factory, name, value, fmt
):
    folder = tmp_path_factory.mktemp("p")
    record = {"deck": "d", "card": "c", "flag": 1, name: value}
    done = import_or_refusal(folder, fmt, lambda: write(folder, fmt, [record]))
    if done is None:
        return
    store, error = done
    if error is not None:
        assert f"{name}:" in error.message and store.marks() == {}
        return
    for (deck_id, card_id), mark in store.marks().items():
        assert deck_id and card_id
        for field in ("suspended", "buried", "flag"):
            check_mark(field, mark.value(field))  # raises for anything out of range
        assert mark.buried == 0 or date.fromordinal(mark.buried).year < 2200
