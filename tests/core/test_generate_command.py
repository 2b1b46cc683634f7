"""`kdquiz generate` on the command line: output file, report, exit codes, progress bar."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kdquiz.cli import main
from kdquiz.commands.generate import ProgressBar
from kdquiz.core.decks import load_deck

FIXTURES = Path(__file__).parents[1] / "fixtures" / "generate"


def test_writes_a_deck_that_loads_and_names_itself_after_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "harbour-festival.yaml"
    code = main(
        ["generate", str(FIXTURES / "festival.md"), "-o", str(out), "--max", "6", "--seed", "4"]
    )
    assert code == 0
    deck = load_deck(out)
    assert deck.id == "harbour-festival"
    assert len(deck.cards) == 6
    assert "Wrote" in capsys.readouterr().out


def test_report_lists_every_kind_and_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.yaml"
    assert (
        main(
            [
                "generate",
                str(FIXTURES / "festival.md"),
                "-o",
                str(out),
                "--report",
                "--kinds",
                "cloze,mcq",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    for word in (
        "produced",
        "answer-in-source",
        "no-leak",
        "distinct-choices",
        "near-duplicate",
        "written",
        "cloze",
        "mcq",
    ):
        assert word in text
    assert "numeric" not in text.split("written")[1]


def test_without_output_the_deck_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", str(FIXTURES / "wrapped.md")]) == 0
    assert capsys.readouterr().out.startswith("format: 1\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"\xff\xfeh\x00i\x00", "not UTF-8"),
        (b"   \n", "empty"),
    ],
)
def test_bad_input_exits_1_with_a_message_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "article.txt"
    bad.write_bytes(content)
    assert main(["generate", str(bad), "-o", str(tmp_path / "d.yaml")]) == 1
    err = capsys.readouterr().err
    assert "article.txt" in err and message in err
    assert not (tmp_path / "d.yaml").exists()


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "deck.yaml"
    existing.write_text("keep me", encoding="utf-8")
    article = str(FIXTURES / "festival.md")
    assert main(["generate", article, "-o", str(existing)]) == 2
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main(["generate", article, "--kinds", "cloze,order"]) == 2
    assert main(["generate", str(tmp_path / "missing.txt")]) == 2
    assert main(["generate", article, "--max", "0"]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "order" in err and "missing.txt" in err


def test_progress_bar_is_plain_text_redrawn_in_place() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(0, 10)
    bar(5, 10)
    bar(10, 10)
    bar.close()
    text = stream.getvalue()
    assert "\r[" + " " * 30 + "]   0%" in text
    assert "\r[" + "#" * 15 + " " * 15 + "]  50%" in text
    assert "\r[" + "#" * 30 + "] 100%" in text
    assert "\x1b" not in text


def test_command_defaults_match_the_generator_and_the_parser_stays_light() -> None:
    from kdquiz.commands import generate as command
    from kdquiz.core import generate as core

    assert command.DEFAULT_KINDS == core.DEFAULT_KINDS
    assert command.DEFAULT_MAX == core.DEFAULT_MAX
    code = (
        "import kdquiz.cli, sys; kdquiz.cli.build_parser(); "
        "print('kdquiz.core.generate' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_generate_command_does_not_import_textual() -> None:
    code = (
        "import kdquiz.commands.generate, kdquiz.core.generate, sys; "
        "print([m for m in ('textual', 'rich') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_text_mostly_in_another_script_is_told_it_reads_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    korean = tmp_path / "drama.txt"
    korean.write_text(
        "드라마 제작\n\n한국 드라마는 보통 16부작으로 제작된다. 2019년에 넷플릭스는 킹덤을 공개했다.\n",
        encoding="utf-8",
    )
    main(["generate", str(korean), "-o", str(tmp_path / "k.yaml")])
    assert "mostly not in English" in capsys.readouterr().err
    main(["generate", str(FIXTURES / "wrapped.md"), "-o", str(tmp_path / "e.yaml")])
    assert "mostly not in English" not in capsys.readouterr().err
