"""Every field of an imported progress file is checked for type and range; bad records are named."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FakeClock, import_or_refusal, open_store

from kdquiz.core import progress_io
from kdquiz.core.progress_io import ProgressFileError, import_progress, write_progress
from kdquiz.core.progress_records import EARLIEST, LATEST, MAX_RESPONSE_MS
from kdquiz.core.scheduling import DeckScheduler
from kdquiz.core.settings import DeckSettings
from kdquiz.core.stats import collect

STATE = {
    "deck": "d",
    "card": "c",
    "sub": "",
    "state": 2,
    "step": None,
    "stability": 5.0,
    "difficulty": 5.0,
    "due": "2026-02-01T00:00:00+00:00",
    "last_review": "2026-01-20T00:00:00+00:00",
    "reps": 3,
    "lapses": 0,
    "text_hash": "",
}
LOG = {
    "deck": "d",
    "card": "c",
    "sub": "",
    "time": "2026-01-20T00:00:00+00:00",
    "rating": 3,
    "correct": True,
    "response_ms": 1200,
    "mode": "review",
    "answer": "x",
    "before": None,
    "after": {k: v for k, v in STATE.items() if k not in ("deck", "card", "sub", "text_hash")},
}
STATE_FIELDS = [k for k in STATE if k not in ("sub", "text_hash")]
LOG_FIELDS = [k for k in LOG if k not in ("sub",)]

#: Any JSON value: the class of what a hand-edited or hostile file can hold in a field.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "9999-12-31T00:00:00+00:00",
            "0001-01-01T00:00:00+00:00",
            "2026-01-01",
            "2026-01-01T00:00:00",
            "3.7",
            "true",
            "-5",
            "1e308",
            "NaN",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def progress_file(fmt: str, folder: Path, states=(), log=()) -> Path:
    path = folder / f"p.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_progress(out, fmt, list(states), list(log))
    return path


def assert_usable(store) -> None:
    """What an imported state and log must allow: a review of every item, and the statistics."""
    scheduler = DeckScheduler(DeckSettings(), fuzz=False)
    for key, state, _ in store.states():
        when = max(state.due, state.last_review or state.due)
        for rating in Rating:
            after = scheduler.review(state, rating, when, key)
            assert math.isfinite(after.stability) and EARLIEST < after.due < LATEST + timedelta(
                days=36600
            )
    collect(store, [], now=datetime(2026, 3, 1, tzinfo=UTC), tz=UTC, rollover_hour=4)


# -- the examples of the issue, and their neighbours, in both formats ----------------------------

BAD_STATES = [
    ("stability", float("nan")),
    ("stability", float("inf")),
    ("stability", -1.0),
    ("stability", 0),
    ("difficulty", 11.0),
    ("difficulty", float("-inf")),
    ("due", "9999-12-31T00:00:00+00:00"),
    ("due", "2026-02-01T00:00:00"),
    ("last_review", "1900-01-01T00:00:00+00:00"),
    ("step", -5),
    ("step", 1),
    ("state", 0),
    ("state", 4),
    ("state", True),
    ("reps", -1),
    ("lapses", 2.5),
    ("deck", ""),
    ("card", "x" * 300),
    ("card", 7),
    ("card", "pd\x1b]52;c;aGk=\x07"),  # written raw into every later export
    ("deck", "news\u202eslot"),
    ("sub", "c1\u2028"),
]
BAD_LOGS = [
    ("rating", 3.7),
    ("rating", True),
    ("rating", 0),
    ("rating", 5),
    ("response_ms", 2**70),
    ("response_ms", -1),
    ("response_ms", MAX_RESPONSE_MS + 1),
    ("time", "9999-01-01T00:00:00+00:00"),
    ("time", "yesterday"),
    ("mode", "delete-everything"),
    ("correct", "maybe"),
    ("answer", "x" * 10_001),
    ("after", {"state": 2, "stability": float("nan")}),
    ("before", [1, 2]),
]


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize(
    ("section", "name", "value"),
    [("states", n, v) for n, v in BAD_STATES] + [("log", n, v) for n, v in BAD_LOGS],
)
def test_each_bad_field_is_named_and_nothing_is_imported(tmp_path, fmt, section, name, value):
    if fmt == "csv" and isinstance(value, bool):
        value = "true"  # CSV has no booleans; the text a spreadsheet writes
    if fmt == "csv" and value == 7:
        pytest.skip("in CSV every id is text, and 7 is fine text")
    bad = {**(STATE if section == "states" else LOG), name: value}
    good = {**STATE, "card": "fine"}
    records = (
        {"states": [good, bad], "log": []}
        if section == "states"
        else {"states": [good], "log": [LOG, bad]}
    )
    path = progress_file(fmt, tmp_path, **{"states": records["states"], "log": records["log"]})
    store = open_store(tmp_path, FakeClock())
    with pytest.raises(ProgressFileError) as error:
        import_progress(store, path, fmt)
    message = error.value.message
    where = (
        f"{path}:3"
        if fmt == "csv" and section == "states"
        else (f"{path}:4" if fmt == "csv" else f"{section}[1]")
    )
    field = name if name not in ("after", "before") or not isinstance(value, dict) else f"{name}."
    assert where in message and f": {field}" in message, message
    assert "nothing was imported" in message and "--skip-bad" in message
    assert store.states() == [] and store.log_entries() == []


def test_skip_bad_imports_the_rest_and_counts_what_it_skipped(tmp_path, capsys):
    from kdquiz.cli import main

    path = progress_file(
        "json",
        tmp_path,
        [STATE, {**STATE, "card": "nan", "stability": float("nan")}],
        [LOG, {**LOG, "rating": 3.7}, {**LOG, "card": "other"}],
    )
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import-progress", str(path)]) == 1
    err = capsys.readouterr().err
    assert "states[1]: stability:" in err and "log[1]: rating:" in err and "2 bad record(s)" in err
    assert not data.exists()  # a bad file changes nothing, not even the backups
    assert main(["--data-dir", str(data), "import-progress", str(path), "--skip-bad"]) == 0
    out = capsys.readouterr()
    assert (
        "Imported 1 item state, 2 log rows and the marks of 0 cards" in out.out
        and "2 bad records were skipped" in out.out
    )
    assert "states[1]: stability:" in out.err


def test_large_imports_are_merged_in_small_transactions(tmp_path, monkeypatch):
    store = open_store(tmp_path, FakeClock())
    sizes: list[int] = []
    real = store.import_rows

    def counting(states, log):
        sizes.append(len(states) + len(log))
        return real(states, log)

    monkeypatch.setattr(store, "import_rows", counting)
    monkeypatch.setattr(progress_io, "BATCH", 7)
    log = [{**LOG, "card": f"c{n}"} for n in range(30)]
    path = progress_file("json", tmp_path, [{**STATE, "card": f"c{n}"} for n in range(20)], log)
    seen: list[tuple[int, int]] = []
    result = import_progress(
        store, path, "json", progress=lambda done, total: seen.append((done, total))
    )
    assert (result.states, result.log) == (20, 30)
    assert max(sizes) <= 7 and sum(sizes) == 50
    size = path.stat().st_size
    assert seen[-1] == (2 * size, 2 * size)


@pytest.mark.parametrize(
    "text",
    [
        '{"kdquiz_progress": 1, "states": [' + "[" * 100_000 + "]" * 100_000 + "]}",
        '{"kdquiz_progress": 1, "log": [{"deck": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}]}",
        "[" * 200_000,
    ],
    ids=["deep-list", "deep-object-in-a-field", "unclosed"],
)
def test_deep_nesting_is_a_clear_error(tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text)
    store = open_store(tmp_path, FakeClock())
    with pytest.raises(ProgressFileError, match="deep.json"):
        import_progress(store, path, "json")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    section=st.sampled_from(["states", "log"]), data=st.data(), fmt=st.sampled_from(["json", "csv"])
)
def test_any_value_in_any_field_is_refused_by_name_or_is_safe_to_use(
    tmp_path_factory, section, data, fmt
):
    folder = tmp_path_factory.mktemp("p")
    name = data.draw(st.sampled_from(STATE_FIELDS if section == "states" else LOG_FIELDS))
    value = data.draw(json_values)
    record = {**(STATE if section == "states" else LOG), name: value}
    records = {"states": [record]} if section == "states" else {"log": [record]}
    done = import_or_refusal(folder, fmt, lambda: progress_file(fmt, folder, **records))
    if done is None:
        return
    store, error = done
    if error is not None:
        assert store.states() == [] and store.log_entries() == []
        return
    assert_usable(store)
    for entry in store.log_entries():
        assert entry.rating in (None, 1, 2, 3, 4) and 0 <= entry.response_ms <= MAX_RESPONSE_MS


def test_another_kdquiz_answers_between_the_batches_of_an_import(tmp_path, monkeypatch):
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    other = open_store(tmp_path, clock)  # a second kdquiz on the same store, which never waits
    other._conn.execute("PRAGMA busy_timeout = 0")
    real = store.import_rows
    answered: list[int] = []

    def then_answer(states, log):
        taken = real(states, log)
        answered.append(
            other.log_answer(
                ("other", f"q{len(answered)}", ""),
                mode="practice",
                rating=3,
                correct=True,
                response_ms=1,
                when=clock(),
            )
        )
        return taken

    monkeypatch.setattr(store, "import_rows", then_answer)
    monkeypatch.setattr(progress_io, "BATCH", 4)
    path = progress_file("json", tmp_path, log=[{**LOG, "card": f"c{n}"} for n in range(10)])
    assert import_progress(store, path, "json").log == 10
    assert len(answered) == 3 and len(store.log_entries()) == 13
    other.close()
    store.close()


def test_many_bad_records_are_listed_up_to_a_limit_and_counted(tmp_path):
    path = progress_file(
        "json",
        tmp_path,
        log=[{**LOG, "card": f"c{n}", "rating": 9, "mode": "x"} for n in range(30)],
    )
    with pytest.raises(ProgressFileError) as error:
        import_progress(open_store(tmp_path, FakeClock()), path, "json")
    lines = error.value.message.splitlines()
    assert len([line for line in lines if ": rating: " in line]) == progress_io.SHOWN_PROBLEMS
    assert len([line for line in lines if ": mode: " in line]) == progress_io.SHOWN_PROBLEMS
    assert "... and 10 more bad record(s)" in lines and "30 bad record(s)" in lines[-1]


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize(
    "answer",
    [
        "\x1b[2J\x1b[1;31mTAKEN\x1b[0m",  # clear the screen, colour
        "\x1b]0;evil-title\x07",  # the window title
        "\x1b]52;c;SGVsbG8=\x07",  # the clipboard
        "Seoul\u202etxt",  # a bidi override
        "a\x9b31mb",  # a C1 control sequence introducer
    ],
)
def test_an_answer_with_control_characters_is_kept_visible_and_inert(tmp_path, fmt, answer):
    with open_store(tmp_path, FakeClock(datetime(2026, 2, 1, tzinfo=UTC))) as store:
        import_progress(store, progress_file(fmt, tmp_path, log=[{**LOG, "answer": answer}]), fmt)
        (entry,) = store.log_entries()
    assert entry.answer.isprintable()
    assert "\\x1b" in entry.answer or "\\u202e" in entry.answer or "\\x9b" in entry.answer


def test_an_escaped_answer_still_imports_again_after_export(tmp_path):
    from kdquiz.core.progress_io import export_progress

    long = "\x1b" * 9000  # 9,000 characters; escaped, four times as many
    with open_store(tmp_path / "a", FakeClock(datetime(2026, 2, 1, tzinfo=UTC))) as store:
        import_progress(
            store, progress_file("json", tmp_path, log=[{**LOG, "answer": long}]), "json"
        )
        exported = tmp_path / "again.json"
        with exported.open("w", encoding="utf-8") as out:
            export_progress(store, out, "json")
    with open_store(tmp_path / "b", FakeClock(datetime(2026, 2, 1, tzinfo=UTC))) as store:
        import_progress(store, exported, "json")
        (entry,) = store.log_entries()
    assert entry.answer.isprintable() and entry.answer.startswith("\\x1b")
