"""Where a command's files meet the system: the name typed and the system's refusal are shown as
safe text, an output is written where it was asked for and only there, the file read is never
replaced by what is made of it, and a file named on the command line is read only if it is a
regular file of a sane size."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from anki_packages import BASIC, NOTES, legacy_package

from kdquiz.cli import main

AIKEN = "What is 2+2?\nA. 3\nB. 4\nANSWER: B\n"
#: An escape that clears the screen, an OSC 52 that sets the clipboard, a bell, a carriage
#: return that would overwrite the line, and a right-to-left override.
HOSTILE = "\x1b[2J\x1b]52;c;SGVsbG8=\x07\r\u202e"


def _raw(text: str) -> list[str]:
    return [c for c in "\x1b\x07\r\u202e" if c in text]


def _source(tmp_path: Path, name: str = "quiz.txt") -> Path:
    source = tmp_path / name
    source.write_text(AIKEN, encoding="utf-8")
    return source


def test_a_refused_output_is_named_as_safe_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path)
    blocker = tmp_path / f"notes{HOSTILE}"
    blocker.write_text("a file, where the deck's folder should be\n", encoding="utf-8")
    assert main(["import", str(source), "-o", str(blocker / "deck.yaml")]) == 1
    err = capsys.readouterr().err
    assert _raw(err) == [] and "Traceback" not in err
    # The file in the way is named, with what is wrong with it (not Python's "File exists").
    assert err.rstrip().endswith(r"notes\x1b[2J\x1b]52;c;SGVsbG8=\x07\r\u202e: Not a directory")


def test_an_output_that_is_a_folder_names_it_not_a_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path)
    folder = tmp_path / f"deck{HOSTILE}.yaml"
    folder.mkdir()
    for command in (
        ["import", str(source), "-o", str(folder), "--force"],
        ["export", str(tmp_path / "made.yaml"), "--to", "gift", "-o", str(folder)],
    ):
        if command[0] == "export":
            assert main(["import", str(source), "-o", str(tmp_path / "made.yaml")]) == 0
            capsys.readouterr()
        assert main(command) == 1
        err = capsys.readouterr().err
        assert _raw(err) == [] and ".tmp" not in err
        assert err.rstrip().endswith(r"\u202e.yaml: Is a directory"), err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_warnings_name_the_data_folder_as_safe_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / f"data{HOSTILE}"
    assert main(["--data-dir", str(data), "backup"]) == 0  # the store and its backups folder
    for copy in (data / "backups").iterdir():
        copy.unlink()
    (data / "backups").rmdir()
    (data / "backups").write_text("a file where the backups folder should be\n")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "cards", "--suspend", "deck:nothing-here"]) in (0, 1)
    err = capsys.readouterr().err
    assert "warning: Today's backup" in err
    assert _raw(err) == []


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("quiz.txt", "quiz.txt should end in .yaml"),  # the file being imported
        ("deck.apkg", "--to apkg"),
        ("deck", "deck should end in .yaml"),
        ("deck.YAML", "should end in .yaml"),  # the decks folder would not find it
    ],
)
def test_import_writes_only_a_yaml_deck_and_never_over_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, said: str
) -> None:
    source = _source(tmp_path)
    (tmp_path / "deck.apkg").write_bytes(b"a teacher's own package")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(["import", str(source), "-o", str(tmp_path / output), "--force"]) == 2
    assert said in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize(
    ("output", "said", "example"),
    [
        (".yaml", "starts with a dot", "deck.yaml"),  # not '.yaml should end in .yaml'
        (".hidden.yaml", "starts with a dot", "hidden.yaml"),  # the decks folder skips it
        ("out/.yml", "starts with a dot", "out/deck.yaml"),
        ("out/red.YAML", "should end in .yaml", "out/red.yaml"),  # the folder is kept
        ("out/red.txt", "should end in .yaml", "out/red.yaml"),
    ],
)
def test_import_suggests_a_deck_name_the_decks_folder_finds_in_the_same_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
    said: str,
    example: str,
) -> None:
    source = _source(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["import", source.name, "-o", output]) == 2
    err = capsys.readouterr().err
    assert f"{output} {said}" in err
    assert f"(for example -o {example})" in err
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_import_refuses_to_write_over_the_file_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(tmp_path, "quiz.yaml")  # an Aiken file saved with an odd name
    link = tmp_path / "same.yaml"
    link.symlink_to(source)
    for output in (source, link):
        assert main(["import", str(source), "--from", "aiken", "-o", str(output), "--force"]) == 2
        assert "is the file being imported" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == AIKEN


def test_results_merge_reads_only_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "room-a.csv"
    folder.mkdir()
    assert main(["--data-dir", str(tmp_path / "data"), "results", "--merge", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "it is a folder, not a regular file; a results file must be a file" in err
    # A named pipe and /dev/zero: tests/core/test_files.py, in a child process with a timeout.


def test_results_merge_caps_what_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.class_results as class_results
    import kdquiz.core.files as files

    monkeypatch.setattr(class_results, "MAX_FILE_BYTES", 64)
    path = tmp_path / "room-a.csv"
    path.write_text("player,date\n" + "x,y\n" * 100, encoding="utf-8")
    real_fstat = os.fstat
    # As /proc files do: the size says 0, so the cap must hold while reading.
    monkeypatch.setattr(files.os, "fstat", lambda fd: _zero_size(real_fstat(fd)))
    assert main(["--data-dir", str(tmp_path / "data"), "results", "--merge", str(path)]) == 1
    assert "larger than" in capsys.readouterr().err


def _zero_size(info: os.stat_result) -> os.stat_result:
    values = list(info)
    values[6] = 0  # st_size
    return os.stat_result(values)


@pytest.mark.parametrize(
    ("command", "output", "first"),
    [
        (["results"], "runs.json", "{"),
        (["results"], "runs.csv", "player,"),
        (["results", "--class"], "class.json", "{"),
        (["results", "--format", "csv"], "runs.json", "player,"),  # as typed, when typed
        (["export-progress"], "progress.csv", "record,"),
        (["export-progress"], "progress.json", "{"),
        (["export-progress", "--format", "json"], "progress.csv", "{"),
    ],
)
def test_an_output_gets_the_format_its_name_says(
    tmp_path: Path, command: list[str], output: str, first: str
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "backup"]) == 0  # a store, so there is progress
    target = tmp_path / output
    assert main(["--data-dir", str(data), *command, "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(first), text[:80]
    if first == "{":
        json.loads(text)


def test_progress_exported_to_a_csv_name_imports_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "cards", "--suspend", "kdrama-production"]) == 0
    target = tmp_path / "progress.csv"
    assert main(["--data-dir", str(data), "export-progress", "-o", str(target)]) == 0
    assert main(["--data-dir", str(tmp_path / "other"), "import-progress", str(target)]) == 0


CHANGED = "the file changed after it was checked"
REVIEWS = """card_id,review_rating,review_time,review_duration
1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060
1711684180217,3,2024-03-30T08:00:00Z,7241
"""


def _changed_after_the_check(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, path: Path, more: str
) -> None:
    """`module.name` (the first reading) as it is, and then the file saved again: as a teacher
    saving the spreadsheet once more while a big import is being checked."""
    first = getattr(module, name)

    def checked_then_changed(*args: object, **kwargs: object) -> object:
        found = first(*args, **kwargs)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(more)
        return found

    monkeypatch.setattr(module, name, checked_then_changed)


def _imports_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    command: list[str],
    said: str,
    table: str,
) -> None:
    """`command` is refused with `said`, and the store holds nothing in `table` after it."""
    assert main(["--data-dir", str(data), *command]) == 1
    assert said in capsys.readouterr().err
    monkeypatch.undo()
    target = data.with_name("after.json")
    assert main(["--data-dir", str(data), "export-progress", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))[table] == []


def _review_log(tmp_path: Path) -> Path:
    log = tmp_path / "reviews.csv"
    log.write_text(REVIEWS, encoding="utf-8")
    return log


def _exported_progress(tmp_path: Path) -> Path:
    mine = tmp_path / "mine"
    assert main(["--data-dir", str(mine), "cards", "--suspend", "kdrama-production"]) == 0
    exported = tmp_path / "progress.csv"
    assert main(["--data-dir", str(mine), "export-progress", "-o", str(exported)]) == 0
    return exported


def test_a_review_log_changed_after_its_check_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.history_import as history_import

    log = _review_log(tmp_path)
    bad_row = "1711684180217,9,2024-03-31T08:00:00Z,1\n"  # a rating the check would refuse
    _changed_after_the_check(monkeypatch, history_import, "check_history", log, bad_row)
    command = ["import-history", str(log)]
    _imports_nothing(capsys, monkeypatch, tmp_path / "data", command, CHANGED, "log")


def test_a_progress_file_changed_after_its_check_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.progress_io as progress_io

    exported = _exported_progress(tmp_path)
    _changed_after_the_check(monkeypatch, progress_io, "check_progress", exported, "x,y\n")
    command = ["import-progress", str(exported)]
    _imports_nothing(capsys, monkeypatch, tmp_path / "other", command, CHANGED, "marks")


def _replaced_when_opened_again(
    monkeypatch: pytest.MonkeyPatch, path: Path, text: str, merge: int
) -> list[str]:
    """The `merge`th opening of `path` (the merge's) finds another file renamed to its name just
    before it: as a spreadsheet program saving to a new file and renaming it over the old one,
    after any look at the name (a stat) and before the open. Returns what opened it."""
    import kdquiz.core.files as files

    real_open = files.os.open
    opened: list[str] = []

    def open_replaced(name: object, *args: object, **kwargs: object) -> int:
        if os.fspath(name) == str(path):  # type: ignore[call-overload]
            opened.append(str(name))
            if len(opened) == merge:
                saved = path.with_name("saved.tmp")
                saved.write_text(text, encoding="utf-8")
                os.replace(saved, path)
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", open_replaced)
    return opened


def test_a_review_log_replaced_just_before_its_merge_opens_it_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _review_log(tmp_path)
    unchecked = REVIEWS.replace("2024-03-30T08:00:00Z", "2024-03-31T08:00:00Z")  # same size
    opened = _replaced_when_opened_again(monkeypatch, log, unchecked, merge=2)
    command = ["import-history", str(log)]
    _imports_nothing(capsys, monkeypatch, tmp_path / "data", command, CHANGED, "log")
    assert len(opened) == 2  # the check's opening, and the merge's


def test_a_progress_file_replaced_just_before_its_merge_opens_it_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = _exported_progress(tmp_path)
    copy = exported.read_text(encoding="utf-8")  # the same records, in another file
    opened = _replaced_when_opened_again(monkeypatch, exported, copy, merge=3)
    command = ["import-progress", str(exported)]
    _imports_nothing(capsys, monkeypatch, tmp_path / "other", command, CHANGED, "marks")
    assert len(opened) == 3  # the command's look at the file, the check's, the merge's


def test_a_review_log_saved_again_while_it_is_merged_is_refused_before_its_last_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.history_import as history_import

    log = _review_log(tmp_path)
    rows = history_import.history_rows
    readings: list[int] = []

    def saved_during_the_merge(*args: object, **kwargs: object) -> object:
        layout, found = rows(*args, **kwargs)  # type: ignore[arg-type]
        readings.append(1)

        def saved_in_place() -> object:
            for n, row in enumerate(found):
                if n == 1 and len(readings) == 2:  # the merge has read a row: saved in place
                    with log.open("a", encoding="utf-8") as handle:
                        handle.write("1711684180217,9,2024-03-31T08:00:00Z,1\n")
                yield row

        return layout, saved_in_place()

    monkeypatch.setattr(history_import, "history_rows", saved_during_the_merge)
    command = ["import-history", str(log)]
    said = "the file changed while it was imported"
    _imports_nothing(capsys, monkeypatch, tmp_path / "data", command, said, "log")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_refused_package_import_leaves_the_media_folder_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "deck.yaml"
    first = legacy_package(tmp_path / "v1.apkg")
    assert main(["import", str(first), "-o", str(deck)]) == 0
    media = tmp_path / "deck.media"
    (media / "pd.mp3").write_bytes(b"the teacher's own recording")
    before = _tree(media), deck.read_bytes()
    # The newer package brings a picture and a sound of that name, and a card too long to
    # hold: refused only after the package was read.
    notes = [*NOTES, ("long", BASIC, "Q\x1f" + "x" * 20_000, "")]
    second = legacy_package(
        tmp_path / "v2.apkg", notes=notes, media={"0": "pd.mp3", "1": "new.png"}
    )
    assert main(["import", str(second), "-o", str(deck), "--force"]) == 1
    assert "over the 10,000 a card's text may hold" in capsys.readouterr().err
    assert (_tree(media), deck.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "deck.media",
        "deck.yaml",
        "v1.apkg",
        "v2.apkg",
    ]


def test_a_file_where_the_media_folder_goes_is_said_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = legacy_package(tmp_path / "v1.apkg")
    (tmp_path / "deck.media").write_text("notes of my own\n", encoding="utf-8")
    assert main(["import", str(package), "-o", str(tmp_path / "deck.yaml")]) == 1
    assert "deck.media is a file where the deck's media folder goes" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.media", "v1.apkg"]
