"""The .apkg export: a zip holding a valid SQLite Anki collection with the expected notes."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from kdquiz.core.decks import load_deck
from kdquiz.core.interchange.apkg import anki_deck_id, export_apkg
from kdquiz.core.interchange.ids import id_from_guid

pytest.importorskip("genanki")

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"
FIELD_SEPARATOR = "\x1f"


def notes_in(apkg: Path, tmp_path: Path) -> list[tuple[str, str, str, str]]:
    """(guid, note type name, fields, tags) of every note, read straight from the collection."""
    with zipfile.ZipFile(apkg) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert "collection.anki2" in names
        collection = tmp_path / "collection.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(collection)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        import json

        models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
        names_by_id = {int(k): v["name"] for k, v in models.items()}
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        assert any(d["name"] == "K-drama basics" for d in decks.values())
        rows = conn.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id").fetchall()
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    assert cards >= len(rows)
    return [(guid, names_by_id[mid], flds, tags.strip()) for guid, mid, flds, tags in rows]


def test_apkg_is_a_zip_with_a_valid_collection_and_the_expected_notes(tmp_path: Path) -> None:
    deck = load_deck(FIXTURES / "all_kinds.yaml")
    out = tmp_path / "deck.apkg"
    result = export_apkg(deck, out, timestamp=1_700_000_000.0)
    notes = notes_in(out, tmp_path)
    assert [guid for guid, *_ in notes] == [c.id for c in deck.cards]  # card ids are the guids
    # genanki's stock note types are named like Anki's with " (genanki)" appended.
    by_guid = {
        guid: (model.removesuffix(" (genanki)"), flds, tags) for guid, model, flds, tags in notes
    }
    assert by_guid["pd-role"] == (
        "Basic (and reversed card)",
        FIELD_SEPARATOR.join(["PD", ("Producer-director, who both produces and directs a drama")]),
        "roles people",
    )
    model, flds, tags = by_guid["ost-meaning"]
    assert model == "Cloze" and tags == "music"
    cloze_text = "An {{c1::OST::abbreviation}} is a drama's {{c2::original soundtrack}}."
    assert flds == FIELD_SEPARATOR.join([cloze_text, "Many OSTs chart on their own."])
    assert "&lt;screenwriter&gt; &amp; co" in by_guid["writer"][1]
    assert by_guid["first-step"][0] == "Basic"
    assert result.notes  # the kinds Anki cannot check are reported


def test_imported_anki_guids_go_back_unchanged(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "all_kinds.yaml")
        .read_text(encoding="utf-8")
        .replace("id: pd-role", f"id: {id_from_guid('Fq(k]/9w!B')}")
    )
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "deck.apkg"
    export_apkg(load_deck(path), out, timestamp=1_700_000_000.0)
    assert notes_in(out, tmp_path)[0][0] == "Fq(k]/9w!B"


def test_same_deck_same_anki_deck_id() -> None:
    assert anki_deck_id("kdrama-basics") == anki_deck_id("kdrama-basics")
    assert anki_deck_id("kdrama-basics") != anki_deck_id("kdrama-advanced")
    assert (1 << 30) <= anki_deck_id("x") < (1 << 31)


def test_notes_from_an_anki_text_export_are_sent_to_anki_tsv(tmp_path: Path) -> None:
    """A text export names no note type id, so Anki cannot update its notes from a package: the
    export says so and names the format that does (checked against Anki's engine elsewhere)."""
    from kdquiz.core.deck_writer import dump_deck
    from kdquiz.core.interchange.anki_text import parse_anki_text

    text = "#separator:tab\n#html:true\n#notetype column:1\nBasic\t<b>Seoul</b>\tcapital\n"
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(dump_deck(parse_anki_text(text, "notes.txt").deck), encoding="utf-8")
    result = export_apkg(load_deck(deck_file), tmp_path / "out.apkg", timestamp=1_700_000_000.0)
    assert any(
        "1 note came from an Anki text export" in n and "anki-tsv" in n for n in result.notes
    )
    own = tmp_path / "own.yaml"
    own.write_text((FIXTURES / "all_kinds.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = export_apkg(load_deck(own), tmp_path / "own.apkg", timestamp=1_700_000_000.0)
    assert not any("text export" in n for n in result.notes)  # kdquiz's own cards: nothing to say


SHARED_DECK = """\
format: 1
id: shared
title: Shared
cards:
  - id: anki-abc
    type: flashcard
    front: Q
    back: A
    anki:
      notetype: Basic
      fields:
        - Q <img src="id_rsa"> <img src="map.png">
        - A
"""


@pytest.mark.parametrize("linked", [False, True])
def test_a_media_folder_that_is_a_link_sends_nothing_it_leads_to(
    tmp_path: Path, linked: bool
) -> None:
    pytest.importorskip("genanki")
    secret = tmp_path / "home" / ".ssh"
    secret.mkdir(parents=True)
    (secret / "id_rsa").write_text("PRIVATE KEY\n")
    (secret / "map.png").write_bytes(b"\x89PNG")
    bundle = tmp_path / "downloaded"
    bundle.mkdir()
    (bundle / "deck.yaml").write_text(SHARED_DECK, encoding="utf-8")
    media = bundle / "deck.media"
    if linked:  # as a shared deck's folder could come, linked to the learner's own files
        media.symlink_to(secret)
    else:
        media.mkdir()
        (media / "map.png").write_bytes(b"\x89PNG")
    package = tmp_path / "out.apkg"
    result = export_apkg(load_deck(bundle / "deck.yaml"), package, timestamp=1_700_000_000.0)
    with zipfile.ZipFile(package) as archive:
        packed = b"".join(archive.read(n) for n in archive.namelist() if n.isdigit())
    assert b"PRIVATE KEY" not in packed
    if linked:
        assert packed == b""
        assert any("deck.media/ is a link to another folder" in n for n in result.notes)
    else:
        assert packed == b"\x89PNG"  # a real folder's pictures are sent, a missing one named
        assert any("id_rsa" in n and "stayed out" in n for n in result.notes)


def test_a_picture_embedded_in_the_html_is_no_media_file_to_send() -> None:
    from kdquiz.core.interchange.anki_notetypes import media_names

    fields = ['<img src="data:image/png;base64,iVBORw0KGgo=">', '<img src="map.png"> [sound:a.mp3]']
    assert media_names(fields) == ["map.png", "a.mp3"]  # before: the data named as a missing file
