"""Characters a deck may not hold (control and bidi-override characters) are left out of every
import, and the import says so once per file, with where: no question changes without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_packages import BASIC, legacy_package

from kdquiz.core.interchange import import_text
from kdquiz.core.interchange.apkg_read import read_apkg
from kdquiz.core.interchange.common import NAMED_PLACES

SOURCES = {
    "gift": ("q.gift", "What \x1b[2Jis this?\n{=a ~b}\n\nWho \u202erang? {=x ~y}\n"),
    "csv": ("q.csv", "What \x1b[2Jis this?,a\nplain,row\nWho \u202erang?,x\n"),
    "aiken": (
        "q.txt",
        "What \x1b[2Jis this?\nA. a\nB. b\nANSWER: A\n\nWho \u202erang?\nA. x\nB. y\nANSWER: A\n",
    ),
    "anki": ("q.txt", "#separator:tab\nWhat \x1b[2Jis this?\ta\nWho \u202erang?\tx\n"),
}
NOTE = "left out 2 control or bidi-override characters, which a deck may not hold, on lines"


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_left_out_characters_are_one_note_with_their_lines(fmt: str) -> None:
    name, text = SOURCES[fmt]
    result = import_text(text, name, fmt)
    dropped = [n for n in result.notes if n.startswith("left out")]
    second = text[: text.index("Who")].count("\n") + 1
    assert dropped == [f"{NOTE} {text[: text.index('What')].count(chr(10)) + 1} and {second}"]
    words = repr(result.deck["cards"])
    assert "[2Jis this?" in words and "\x1b" not in words and "\u202e" not in words


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_a_clean_file_has_no_such_note(fmt: str) -> None:
    name, text = SOURCES[fmt]
    clean = text.replace("\x1b", "").replace("\u202e", "")
    assert not [n for n in import_text(clean, name, fmt).notes if n.startswith("left out")]


def test_many_lines_are_counted_past_the_first_few() -> None:
    rows = [f"front {n}\x07,back {n}" for n in range(NAMED_PLACES + 5)]
    (note,) = import_text("\n".join(rows), "q.csv", "csv").notes
    named = ", ".join(str(n) for n in range(1, NAMED_PLACES + 1))
    assert note.endswith(f"on lines {named} and 5 more lines")
    assert note.startswith(f"left out {NAMED_PLACES + 5} control")


def test_a_package_names_the_notes(tmp_path: Path) -> None:
    notes = [
        ("g1", BASIC, "plain\x1fback", ""),
        ("g2", BASIC, "What \x1b[2Jis this?\x1fa\x07", ""),
    ]
    package = legacy_package(tmp_path / "p.apkg", notes=notes)
    result = read_apkg(package, tmp_path / "media")
    assert f"{NOTE[: -len(' lines')]} note 2" in result.notes
