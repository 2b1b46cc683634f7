"""The teachers' commands run as a teacher would: new, import, export, preview, results."""

from __future__ import annotations

import csv
import io
import json
import shlex
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kdquiz.cli import build_parser, main
from kdquiz.commands.import_deck import text_progress
from kdquiz.core.decks import load_deck
from kdquiz.core.model import Kind

FIXTURES = Path(__file__).parents[1] / "fixtures" / "interchange"
ALL_KINDS = FIXTURES / "all_kinds.yaml"


# --- new --------------------------------------------------------------------------------------


def test_new_writes_a_valid_commented_deck_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "week_3.yaml"
    assert main(["new", str(path)]) == 0
    deck = load_deck(path)
    assert deck.id == "week-3" and deck.title == "Week 3"
    assert set(deck.kind_counts()) == set(Kind)
    assert main(["check", str(path)]) == 0
    path.write_text("mine", encoding="utf-8")
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "mine"
    assert main(["new", str(path), "--force", "--id", "k3", "--title", "Week three"]) == 0
    assert (load_deck(path).id, load_deck(path).title) == ("k3", "Week three")


# --- import -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nonexist", "quiz.gift", "deck.apkg", "notes.txt"])
@pytest.mark.parametrize("history", [[], ["--with-history"]])
def test_import_of_a_missing_file_or_a_folder_says_so_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, history: list[str]
) -> None:
    source, out = tmp_path / name, tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out), *history]) == 1
    assert f"{source}: cannot read the file (No such file or directory)" in capsys.readouterr().err
    source.mkdir()
    assert main(["import", str(source), "-o", str(out), *history]) == 1
    assert f"{source}: it is a folder, not a regular file" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "out.media").exists()


def test_import_each_format_writes_a_deck_the_loader_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, cards in [
        ("anki_notes.txt", 4),
        ("anki_semicolon.txt", 4),
        ("plain.csv", 3),
        ("quiz.gift", 11),
        ("quiz_aiken.txt", 2),
    ]:
        out = tmp_path / f"{name}.yaml"
        assert main(["import", str(FIXTURES / name), "-o", str(out)]) == 0, name
        assert len(load_deck(out).cards) == cards, name
    captured = capsys.readouterr()
    assert "1 matching" in captured.out  # GIFT's matching question is read as a matching card
    assert "[#" not in captured.err  # no progress bar when stderr is not a terminal


def test_reimport_keeps_the_deck_id_and_card_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.yaml"
    source = tmp_path / "words.txt"
    shutil.copy(FIXTURES / "anki_semicolon.txt", source)
    assert main(["import", str(source), "-o", str(out), "--id", "class-words"]) == 0
    first = load_deck(out)
    assert main(["import", str(source), "-o", str(out)]) == 2  # refuses to overwrite by default
    assert "--force" in capsys.readouterr().err
    source.write_text(
        source.read_text(encoding="utf-8").replace("Thank you;", "Thanks!;"), encoding="utf-8"
    )
    assert main(["import", str(source), "-o", str(out), "--force"]) == 0
    again = load_deck(out)
    assert again.id == "class-words"
    assert [c.id for c in again.cards] == [c.id for c in first.cards]
    assert again.cards[1].back == "Thanks!"  # type: ignore[attr-defined]


def test_bad_files_exit_1_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, line in [("bad_gift.gift", 4), ("unclosed_quote_anki.txt", 4)]:
        out = tmp_path / f"{name}.yaml"
        assert main(["import", str(FIXTURES / name), "-o", str(out)]) == 1, name
        assert f"{FIXTURES / name}:{line}:" in capsys.readouterr().err, name
        assert not out.exists()


def test_an_anki_note_with_an_empty_side_is_left_out_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Anki holds such a note happily; the rest of the learner's notes still come in.
    out = tmp_path / "bad.yaml"
    assert main(["import", str(FIXTURES / "bad_anki.txt"), "-o", str(out)]) == 0
    assert "note: skipped line 4: the note's back is empty" in capsys.readouterr().err
    assert [c.front for c in load_deck(out).cards] == ["Front one", "Front three"]  # type: ignore[attr-defined]


def test_next_hint_quotes_a_file_name_with_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "week 3 quiz.yaml"
    assert main(["import", str(FIXTURES / "quiz.gift"), "-o", str(out)]) == 0
    next_line = capsys.readouterr().out.strip().splitlines()[-1]
    quoted = shlex.quote(str(out))
    assert next_line == f"Next: kdquiz check {quoted}   kdquiz preview {quoted}"
    assert shlex.split(next_line)[3] == str(out)  # the shell reads the name back whole


def test_help_shows_the_deck_format_guide_shipped_with_kdquiz(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["help", "deck-format"]) == 0
    assert "# The kdquiz deck format" in capsys.readouterr().out
    assert main(["help"]) == 0
    assert "deck-format" in capsys.readouterr().out
    assert main(["help", "deck-formt"]) == 2
    assert "did you mean deck-format?" in capsys.readouterr().err


def test_help_topics_are_the_shipped_guides() -> None:
    from kdquiz.commands.help_topic import TOPICS
    from kdquiz.locations import bundled_docs_dir

    guides = {p.stem for p in bundled_docs_dir().glob("*.md")} - {"benchmarks"}
    assert set(TOPICS) == guides


def test_import_an_anki_package_keeps_its_media_beside_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki_packages import legacy_package

    package = legacy_package(tmp_path / "kdrama.apkg")
    out = tmp_path / "decks" / "kdrama.yaml"
    out.parent.mkdir()
    assert main(["import", str(package), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Imported 4 cards" in printed.out
    assert "3 media files kept in kdrama.media/" in printed.err
    assert (out.parent / "kdrama.media" / "goblin.jpg").is_file()
    assert load_deck(out).title == "Korean::K-drama"


def test_aiken_import_skips_bad_questions_and_says_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "aiken.yaml"
    assert main(["import", str(FIXTURES / "bad_aiken.txt"), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "skipped line 9: ANSWER: 'C'" in printed.out + printed.err
    assert "skipped line 11:" in printed.out + printed.err
    assert "First question?" in out.read_text(encoding="utf-8")


def test_import_reads_excels_windows_1252_csv_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel's plain "CSV (Comma delimited)" on Windows: cp1252, where 0x80 is the euro sign.
    path, out = tmp_path / "latin.csv", tmp_path / "x.yaml"
    path.write_bytes("caf\xe9,5 \u20ac coffee\nna\xefve,simple\n".encode("cp1252"))
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert [(c.front, c.back) for c in load_deck(out).cards] == [  # type: ignore[attr-defined]
        ("caf\xe9", "5 \u20ac coffee"),
        ("na\xefve", "simple"),
    ]
    assert "read as Windows-1252" in capsys.readouterr().err


def test_import_refuses_utf8_with_a_stray_byte_naming_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Mostly UTF-8 (the Korean reads well): reading it all as Windows-1252 would garble it.
    path, out = tmp_path / "mixed.csv", tmp_path / "x.yaml"
    path.write_bytes("\uc11c\uc6b8,Seoul\n".encode() + b"caf\xe9,coffee\n")
    assert main(["import", str(path), "-o", str(out)]) == 1
    assert "mixed.csv:2:4: the file is not UTF-8" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("\uc0ac\uacfc,apple\n\ubc30,pear\n\ud55c\uad6d\uc5b4,Korean\n", "cp949"),
        ("\u041f\u0440\u0438\u0432\u0435\u0442,hello\n\u043c\u0438\u0440,world\n", "cp1251"),
    ],
)
def test_import_refuses_a_korean_or_russian_excel_csv_rather_than_garble_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, encoding: str
) -> None:
    # Excel's plain CSV in a Korean or Russian Windows: its bytes would read as accented Latin.
    path, out = tmp_path / "words.csv", tmp_path / "x.yaml"
    path.write_bytes(text.encode(encoding))
    assert main(["import", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "nor text in Windows-1252" in err and "save it from the spreadsheet as CSV UTF-8" in err
    assert not out.exists()


def test_import_reads_portuguese_windows_1252_with_its_accents(tmp_path: Path) -> None:
    path, out = tmp_path / "pt.csv", tmp_path / "x.yaml"
    path.write_bytes("informa\xe7\xe3o,information\na\xe7\xf5es,actions\n".encode("cp1252"))
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert [c.front for c in load_deck(out).cards] == ["informa\xe7\xe3o", "a\xe7\xf5es"]  # type: ignore[attr-defined]


def test_import_reads_excels_utf16_unicode_text(tmp_path: Path) -> None:
    # Excel's "Unicode Text (*.txt)": UTF-16 with a byte-order mark, tabs, CRLF, a header row.
    path, out = tmp_path / "words.txt", tmp_path / "x.yaml"
    path.write_bytes("front\tback\r\n\uc0ac\uacfc\tapple\r\n".encode("utf-16"))
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert [(c.front, c.back) for c in load_deck(out).cards] == [("\uc0ac\uacfc", "apple")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_import_of_a_workbook_asks_for_its_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], magic: bytes
) -> None:
    path, out = tmp_path / "words.xlsx", tmp_path / "x.yaml"
    path.write_bytes(magic + b"\x00\x01 workbook parts")
    assert main(["import", str(path), "-o", str(out)]) == 1
    assert "spreadsheet workbook, not text" in capsys.readouterr().err
    assert not out.exists()


def test_progress_bar_is_plain_text_and_ends_at_100() -> None:
    stream = io.StringIO()
    update = text_progress(stream, "Reading", width=10)
    for done in (0, 5, 5, 10):
        update(done, 10)
    text = stream.getvalue()
    assert text.count("\r") == 3  # 0%, 50%, 100%: an unchanged percentage is not redrawn
    assert text.endswith("[##########] 100%\n")


# --- export -----------------------------------------------------------------------------------


def test_export_text_formats_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(ALL_KINDS), "--to", "anki-tsv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("#separator:tab\n#html:true\n#guid column:1\n")
    assert "Basic notes" in captured.err
    assert main(["export", str(ALL_KINDS), "--to", "gift"]) == 0
    assert "::first-step::" in capsys.readouterr().out
    assert main(["export", str(ALL_KINDS), "--to", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,type,front,back,explain,tags\r\n")


def test_export_counts_only_the_cards_written_and_names_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(load_deck(ALL_KINDS).cards)
    out = tmp_path / "quiz.txt"
    assert main(["export", str(ALL_KINDS), "--to", "aiken", "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8").count("ANSWER:")
    err = capsys.readouterr().err
    assert 0 < written < total
    assert f"Wrote {written} cards of 'kdrama-basics'" in err
    assert f"{total - written} cards left out: " in err
    assert "first-step" not in err.split("left out:")[1]  # a multiple choice card was written


def test_exported_anki_text_imports_again(tmp_path: Path) -> None:
    exported = tmp_path / "deck.txt"
    assert main(["export", str(ALL_KINDS), "--to", "anki-tsv", "-o", str(exported)]) == 0
    back = tmp_path / "back.yaml"
    assert main(["import", str(exported), "-o", str(back)]) == 0
    assert [c.id for c in load_deck(back).cards] == [c.id for c in load_deck(ALL_KINDS).cards]


def test_export_apkg_by_deck_id_from_the_catalog(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "decks").mkdir(parents=True)
    shutil.copy(ALL_KINDS, data / "decks" / "mine.yaml")
    out = tmp_path / "out.apkg"
    assert (
        main(["export", "kdrama-basics", "--to", "apkg", "-o", str(out), "--data-dir", str(data)])
        == 0
    )
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    guids = [row[0] for row in conn.execute("SELECT guid FROM notes ORDER BY id")]
    conn.close()
    assert guids == [c.id for c in load_deck(ALL_KINDS).cards]


def test_markdown_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheets = {}
    for seed in ("1", "2", "1"):
        assert (
            main(["export", str(ALL_KINDS), "--to", "markdown", "--shuffle", "--seed", seed]) == 0
        )
        sheets.setdefault(seed, []).append(capsys.readouterr().out)
    assert sheets["1"][0] == sheets["1"][1]
    assert sheets["1"][0] != sheets["2"][0]
    assert "**Version 2**" in sheets["2"][0]


def test_export_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(ALL_KINDS), "--to", "csv", "--shuffle"]) == 2
    assert main(["export", "no-such-deck", "--to", "csv"]) == 2
    assert "no deck file or deck id 'no-such-deck'" in capsys.readouterr().err


# --- preview ----------------------------------------------------------------------------------


def test_preview_plays_on_a_scratch_store_and_leaves_the_data_dir_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kdquiz.services

    data = tmp_path / "my-data"
    (data / "decks").mkdir(parents=True)
    (data / "decks" / "keep.txt").write_text("untouched", encoding="utf-8")
    monkeypatch.setenv("KDQUIZ_DATA_DIR", str(data))
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    built: list[Path] = []
    real = kdquiz.services.make_services

    def spy(data_dir: Path, *args: object, **kwargs: object) -> kdquiz.services.Services:
        services = real(data_dir, *args, **kwargs)  # type: ignore[arg-type]
        built.append(Path(data_dir))
        assert services.store.path.parent == Path(data_dir)
        return services

    monkeypatch.setattr(kdquiz.services, "make_services", spy)
    monkeypatch.setattr("sys.stdin", io.StringIO("16\n\n:q\n"))
    assert main(["preview", str(ALL_KINDS), "--plain", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Practice" in out and "K-drama basics" in out
    (scratch,) = built
    assert data not in scratch.parents and scratch != data
    assert not scratch.exists()  # the scratch store is thrown away
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before


def test_preview_reports_deck_problems_before_opening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\ncards: []\n", encoding="utf-8")
    assert main(["preview", str(bad), "--plain"]) == 1
    assert f"{bad}:4:" in capsys.readouterr().err


# --- results ----------------------------------------------------------------------------------


def test_quiz_has_a_player_option() -> None:
    args = build_parser().parse_args(["quiz", "kdrama-basics", "--player", "Min-ji"])
    assert args.player == "Min-ji"


@pytest.fixture
def data_with_runs(tmp_path: Path) -> Path:
    from kdquiz.core.store import GameRecord, ProgressStore, store_path

    data = tmp_path / "data"
    data.mkdir()
    when = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    store = ProgressStore(store_path(data), clock=lambda: when, backup=False)
    store.save_game_result(
        GameRecord(
            ("kdrama-basics",),
            "classic",
            "Min-ji",
            when,
            when.replace(minute=2),
            2400,
            3,
            4,
            2,
            (
                (("kdrama-basics", "first-step", ""), True),
                (("kdrama-basics", "ost-meaning", "c1"), True),
                (("kdrama-basics", "live-shoot", ""), False),
                (("kdrama-basics", "network", ""), True),
            ),
        )
    )
    store.save_game_result(
        GameRecord(
            ("kdrama-basics", "hallyu"),
            "survival",
            "Jun",
            when,
            when.replace(minute=1),
            800,
            1,
            2,
            1,
            ((("kdrama-basics", "first-step", ""), False), (("hallyu", "origin", ""), True)),
        )
    )
    store.close()
    return data


def test_results_csv_one_row_per_run_with_each_question(
    data_with_runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["results", "--data-dir", str(data_with_runs)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split(",")
    assert header[:10] == (
        "player,date,mode,decks,score,correct,total,accuracy,best_streak,seconds".split(",")
    )
    assert header[10:] == [
        "kdrama-basics/first-step",
        "kdrama-basics/ost-meaning/c1",
        "kdrama-basics/live-shoot",
        "kdrama-basics/network",
        "hallyu/origin",
    ]
    min_ji, jun = (line.split(",") for line in lines[1:])
    assert (
        min_ji[0] == "Min-ji"
        and min_ji[2] == "classic"
        and min_ji[4:10] == ["2400", "3", "4", "0.75", "2", "120"]
    )
    assert min_ji[10:] == ["right", "right", "wrong", "right", ""]
    assert jun[10:] == ["wrong", "", "", "", "right"]


def test_results_json_filtered_by_deck_and_player(
    data_with_runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["results", "hallyu", "--format", "json", "--data-dir", str(data_with_runs)]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [r["player"] for r in runs] == ["Jun"]
    assert runs[0]["answers"] == [
        {"question": "kdrama-basics/first-step", "correct": False},
        {"question": "hallyu/origin", "correct": True},
    ]
    assert runs[0]["accuracy"] == 0.5
    assert (
        main(
            ["results", "--player", "Min-ji", "--format", "json", "--data-dir", str(data_with_runs)]
        )
        == 0
    )
    assert [r["player"] for r in json.loads(capsys.readouterr().out)["runs"]] == ["Min-ji"]


def test_results_without_a_store_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "empty"
    assert main(["results", "--data-dir", str(data), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"runs": [], "questions": []}
    assert "No quiz runs recorded yet" in captured.err
    assert not data.exists()


@pytest.fixture
def seoul_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock set to Korean time (UTC+9, no summer time)."""
    monkeypatch.setenv("TZ", "KST-9")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_results_dates_are_local_time(
    data_with_runs: Path, seoul_time: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["results", "--data-dir", str(data_with_runs)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["date"] for r in rows] == ["2025-03-01 18:02", "2025-03-01 18:01"]  # 09:0x UTC


def test_results_say_why_a_filter_matched_nothing(
    data_with_runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["results", "--data-dir", str(data_with_runs)]
    assert main([*base, "--player", "min-ji"]) == 0
    err = capsys.readouterr().err
    assert "No runs by 'min-ji'" in err and "did you mean 'Min-ji'?" in err
    assert "No quiz runs recorded yet" not in err
    assert main([*base, "--player", "Soo"]) == 0
    assert "the players are: Jun, Min-ji" in capsys.readouterr().err
    assert main([*base, "no-such-deck"]) == 0
    err = capsys.readouterr().err
    assert "No run included the deck 'no-such-deck'" in err and "hallyu, kdrama-basics" in err


def test_results_by_question_show_text_and_class_average(
    data_with_runs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_with_runs / "decks").mkdir()
    shutil.copy(ALL_KINDS, data_with_runs / "decks" / "basics.yaml")
    assert main(["results", "--by-question", "--data-dir", str(data_with_runs)]) == 0
    rows = {r["question"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    first = rows["kdrama-basics/first-step"]
    assert first["text"].startswith("What comes first in making a K-drama?")
    assert (first["asked"], first["right"], first["average"]) == ("2", "1", "0.5")
    assert rows["kdrama-basics/network"]["average"] == "1.0"
    assert rows["hallyu/origin"]["text"] == ""  # that deck is not on this computer
    assert not (data_with_runs / "cache").exists()  # reading results writes nothing


def test_results_merge_files_from_several_computers(
    data_with_runs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    room_a = tmp_path / "room a.csv"
    assert main(["results", "-o", str(room_a), "--data-dir", str(data_with_runs)]) == 0
    room_b = tmp_path / "room-b.csv"
    room_b.write_text(
        "player,date,mode,decks,score,correct,total,accuracy,best_streak,seconds,hallyu/origin,"
        "kdrama-basics/network\r\n"
        "Soo,2025-03-02 10:00,classic,hallyu kdrama-basics,1500,1,2,0.5,1,60,wrong,right\r\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    args = ["results", "--merge", str(room_a), str(room_b), str(room_a), "--format", "json"]
    assert main([*args, "--data-dir", str(tmp_path / "elsewhere")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["player"] for r in out["runs"]] == ["Jun", "Min-ji", "Soo"]  # by date; room a once
    network = next(q for q in out["questions"] if q["question"] == "kdrama-basics/network")
    assert (network["asked"], network["right"]) == (2, 2)
    origin = next(q for q in out["questions"] if q["question"] == "hallyu/origin")
    assert (origin["asked"], origin["right"], origin["average"]) == (2, 1, 0.5)
    assert main(["results", "--merge", str(room_b), "--player", "Soo"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["player"], r["hallyu/origin"]) for r in table] == [("Soo", "wrong")]


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("name,score\r\nA,1\r\n", ":1:1:", "not a results file"),
        (
            "player,date,mode,decks,score,correct,total,accuracy,best_streak,seconds,d/c\r\n"
            "A,2025-03-02 10:00,classic,d,lots,1,1,1.0,1,5,right\r\n",
            ":2:5:",
            "score 'lots' is not a whole number",
        ),
        (
            "player,date,mode,decks,score,correct,total,accuracy,best_streak,seconds,d/c\r\n"
            "A,2025-03-02 10:00,classic,d,1,1,1,1.0,1,5,=cmd|' /C calc'!A0\r\n",
            ":2:11:",
            "should be right, wrong or empty",
        ),
        (
            "player,date,mode,decks,score,correct,total,accuracy,best_streak,seconds\r\n"
            "A,yesterday,classic,d,1,1,1,1.0,1,5\r\n",
            ":2:2:",
            "not a date",
        ),
    ],
)
def test_results_merge_refuses_a_bad_file_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["results", "--merge", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}{where}" in err and message in err


@pytest.mark.parametrize("name", ["x" * 41, "Min\x1b]0;pwned\x07ji", "tab\there", "c1\x9bname"])
def test_quiz_refuses_a_player_name_that_is_not_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert (
        main(
            ["quiz", "kdrama-production", "--player", name, "--plain", "--data-dir", str(tmp_path)]
        )
        == 2
    )
    assert "--player: a name of at most 40 characters" in capsys.readouterr().err
    assert not tmp_path.joinpath("progress.sqlite3").exists()


def test_import_reads_a_file_with_old_mac_line_ends(tmp_path: Path) -> None:
    # Excel's "CSV (Macintosh)": a carriage return alone ends each row, and a quoted cell's line.
    path, out = tmp_path / "mac.csv", tmp_path / "x.yaml"
    path.write_bytes(b'front,back\rcat,dog\rHund,"multi\rline"\r')
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert [(c.front, c.back) for c in load_deck(out).cards] == [  # type: ignore[attr-defined]
        ("cat", "dog"),
        ("Hund", "multi\nline"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "field"),
    [
        ("long.csv", "front,back\nq," + "y" * 20_000 + "\n", "back"),
        ("long.txt", "#separator:tab\n#html:false\nq\t" + "y" * 20_000 + "\n", "back"),
    ],
    ids=["csv", "anki-text"],
)
def test_import_of_a_text_too_long_for_a_card_names_the_file_and_card_not_a_bug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, field: str
) -> None:
    source, out = tmp_path / name, tmp_path / "out.yaml"
    source.write_text(text, encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}: the card " in err and f"has a {field} of " in err
    assert "over the 10,000 a card's text may hold" in err and "please report" not in err
    assert not out.exists()
