"""An .apkg export of cards imported from an Anki package brings their own note types back (id,
name, fields, templates, styling) with their HTML and media, so Anki updates the notes in place.
The kept note types file is outside input: a damaged or hostile one is not used."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from anki_packages import MODELS, NOTES, legacy_package

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck
from kdquiz.core.interchange.anki_notetypes import NOTETYPES_FILE, read_notetypes
from kdquiz.core.interchange.anki_text import export_anki_text
from kdquiz.core.interchange.apkg import export_apkg
from kdquiz.core.interchange.apkg_read import read_apkg

pytest.importorskip("genanki")


def _round_trip(
    tmp_path: Path,
    notes: list[tuple[str, int, str, str]] = NOTES,
    models: dict[str, dict[str, Any]] = MODELS,
) -> Path:
    """Import the hand-made package beside a deck file; return that deck file."""
    package = legacy_package(tmp_path / "in.apkg", notes, models=models)
    result = read_apkg(package, tmp_path / "deck.media")
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(dump_deck(result.deck), encoding="utf-8")
    return deck_file


def _exported(tmp_path: Path, deck_file: Path) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The exported package's note types, note type of each guid, and media names."""
    out = tmp_path / "out.apkg"
    result = export_apkg(load_deck(deck_file), out, timestamp=1_700_000_000.0)
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
        media = sorted(json.loads(archive.read("media")).values())
    conn = sqlite3.connect(tmp_path / "c.anki2")
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    used = {
        guid: models[str(mid)]["name"] for guid, mid in conn.execute("SELECT guid, mid FROM notes")
    }
    conn.close()
    return models, used, media + [f"note: {n}" for n in result.notes]


def test_the_notes_go_back_as_their_own_note_types_with_their_media(tmp_path: Path) -> None:
    models, used, media = _exported(tmp_path, _round_trip(tmp_path))
    assert set(models) == {"1001", "1002", "1003"}  # the package's own ids, no genanki types
    basic = models["1001"]
    assert basic["name"] == "Basic" and basic["css"] == ".card { font-family: serif; }"
    assert [f["name"] for f in basic["flds"]] == ["Front", "Back"]
    assert [(t["name"], t["qfmt"], t["afmt"]) for t in basic["tmpls"]] == [
        ("Card 1", "{{Front}}", "{{Back}}")
    ]
    assert models["1003"]["type"] == 1 and models["1003"]["name"] == "Cloze"
    assert used == {
        "Fq(k]/9w!B": "Basic",
        "typed-1": "Basic (type in the answer)",
        "cloze-1": "Cloze",
        "poster": "Basic",
    }
    assert media == ["goblin.jpg", "hangul.png", "pd.mp3"]


def test_a_card_edited_in_kdquiz_is_written_from_its_text(tmp_path: Path) -> None:
    deck_file = _round_trip(tmp_path)
    text = deck_file.read_text(encoding="utf-8").replace(
        "front: Which drama?", "front: Which K-drama?"
    )
    deck_file.write_text(text, encoding="utf-8")
    _, used, _ = _exported(tmp_path, deck_file)
    assert used["poster"] == "Basic (genanki)" and used["Fq(k]/9w!B"] == "Basic"


@pytest.mark.parametrize(
    "kept",
    [
        "not json {",
        json.dumps(["a list"]),
        json.dumps({"Basic": {**MODELS["1001"], "id": "1001"}}),  # the shape a package has
        json.dumps(
            {
                "Basic": {
                    "id": 1001,
                    "name": "Basic",
                    "cloze": False,
                    "fields": ["F"] * 33,
                    "templates": [["Card 1", "", ""]],
                    "css": "",
                }
            }
        ),
        "[" * 200_000,  # deeper than Python's JSON reader recurses
        '{"Basic": {"id": ' + "9" * 5000 + "}}",  # more digits than Python converts
        json.dumps(
            {
                "Basic": {
                    "id": 2**63,
                    "name": "Basic",
                    "cloze": False,
                    "fields": ["Front", "Back"],
                    "templates": [["Card 1", "", ""]],
                    "css": "",
                }
            }
        ),
        json.dumps(
            {
                "Basic": {
                    "id": 1001,
                    "name": "x" * 300,
                    "cloze": False,
                    "fields": ["Front", "Back"],
                    "templates": [["Card 1", "", ""]],
                }
            }
        ),
    ],
)
def test_a_damaged_note_types_file_is_not_used(tmp_path: Path, kept: str) -> None:
    deck_file = _round_trip(tmp_path)
    (tmp_path / "deck.media" / NOTETYPES_FILE).write_text(kept, encoding="utf-8")
    assert "Basic" not in read_notetypes(tmp_path / "deck.media")
    _, used, _ = _exported(tmp_path, deck_file)
    assert used["poster"] == "Basic (genanki)"  # kdquiz's own note type, as before


def test_a_linked_note_types_file_is_not_followed(tmp_path: Path) -> None:
    _round_trip(tmp_path)
    assert set(read_notetypes(tmp_path / "deck.media")) == {
        "Basic",
        "Basic (type in the answer)",
        "Cloze",
    }
    kept = tmp_path / "deck.media" / NOTETYPES_FILE
    kept.rename(tmp_path / "elsewhere.json")
    kept.symlink_to(tmp_path / "elsewhere.json")
    assert read_notetypes(tmp_path / "deck.media") == {}


def test_media_a_note_points_outside_its_folder_stay_out(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("not for the package", encoding="utf-8")
    notes = [("leak", 1001, 'Which drama?\x1f<img src="../secret.txt"> [sound:gone.mp3]', "")]
    _, _, media = _exported(tmp_path, _round_trip(tmp_path, notes))
    assert media == [
        "note: 2 images or sounds the notes refer to are not in deck.media/ and stayed out of "
        "the package: ../secret.txt, gone.mp3"
    ]


def test_a_note_type_of_the_learners_own_with_a_typed_answer(tmp_path: Path) -> None:
    vocab = {
        "name": "Vocab",
        "type": 0,
        "flds": [{"name": "Korean"}, {"name": "English"}, {"name": "Audio"}],
        "tmpls": [{"name": "Recall", "qfmt": "{{English}} {{type:Korean}}", "afmt": "{{Korean}}"}],
    }
    notes = [("v1", 2001, "감사합니다\x1fThank you\x1f[sound:thanks.mp3]", "")]
    deck_file = _round_trip(tmp_path, notes, {**MODELS, "2001": vocab})
    card = load_deck(deck_file).cards[0]
    assert card.kind.value == "typed" and card.anki[0] == "Vocab (type in)"
    models, used, media = _exported(tmp_path, deck_file)
    assert used == {"v1": "Vocab"} and set(models) == {"2001"}
    assert [f["name"] for f in models["2001"]["flds"]] == ["Korean", "English", "Audio"]
    assert media == [
        "note: 1 image or sound the notes refer to is not in deck.media/ and stayed out of the "
        "package: thanks.mp3"
    ]
    # Anki's text import finds the note type by its own name, without kdquiz's "(type in)".
    record = export_anki_text(load_deck(deck_file)).text.splitlines()[-1].split("\t")
    assert record[1:4] == ["Vocab", "Korean::K-drama", "감사합니다"]
