"""Anki's own engine (the `anki` package, installed with the `bench` extra): a learner's notes
go to kdquiz as Anki's text export and come back through `kdquiz export --to anki-tsv`, and Anki
updates them in place: no new notes, no new cards, the HTML and media references as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck
from kdquiz.core.interchange.anki_text import export_anki_text, parse_anki_text
from kdquiz.core.interchange.ids import guid_for_id

collection_module = pytest.importorskip("anki.collection")

FRONT = '<b>PD</b> <img src="pd.jpg">'
BACK = "Producer-director [sound:pd.mp3]"
CLOZE = "{{c1::Seoul}} and {{c1::Busan}} are {{c2::cities}}"


def learner_collection(path: Path) -> tuple[Any, int]:
    col = collection_module.Collection(str(path))
    deck_id = col.decks.id("Korean")
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = FRONT, BACK
    col.add_note(note, deck_id)
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"], cloze["Back Extra"] = CLOZE, "<i>extra</i>"
    col.add_note(cloze, deck_id)
    return col, deck_id


def test_a_deck_sent_back_updates_the_learners_notes_in_place(tmp_path: Path) -> None:
    from anki.import_export_pb2 import ImportCsvRequest

    col, deck_id = learner_collection(tmp_path / "learner.anki2")
    try:
        exported = tmp_path / "notes.txt"
        col.export_note_csv(
            out_path=str(exported),
            limit=collection_module.DeckIdLimit(deck_id),
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
        notes_before, cards_before = col.note_count(), col.card_count()
        guids = {n: col.get_note(n).guid for n in col.find_notes("")}

        deck_file = tmp_path / "korean.yaml"
        result = parse_anki_text(exported.read_text(encoding="utf-8"), str(exported))
        deck_file.write_text(dump_deck(result.deck), encoding="utf-8")
        back = tmp_path / "back.txt"
        back.write_text(export_anki_text(load_deck(deck_file)).text, encoding="utf-8")

        metadata = col.get_csv_metadata(str(back), None)
        log = col.import_csv(ImportCsvRequest(path=str(back), metadata=metadata)).log
        assert not log.new and not log.conflicting and not log.first_field_match
        assert len(log.updated) + len(log.duplicate) == 2
        assert (col.note_count(), col.card_count()) == (notes_before, cards_before)
        for note_id, guid in guids.items():
            note = col.get_note(note_id)
            assert note.guid == guid
        basic = col.get_note(col.find_notes("note:Basic")[0])
        assert (basic["Front"], basic["Back"]) == (FRONT, BACK)
        cloze = col.get_note(col.find_notes("note:Cloze")[0])
        assert cloze["Text"] == CLOZE and len(cloze.cards()) == 2  # the shared c1 stays one card
    finally:
        col.close()


def test_a_package_anki_exported_imports_with_its_media(tmp_path: Path) -> None:
    from anki.collection import ExportAnkiPackageOptions

    from kdquiz.core.interchange.apkg_read import read_apkg

    col = collection_module.Collection(str(tmp_path / "teacher.anki2"))
    try:
        deck_id = col.decks.id("Korean::K-drama")
        typed = col.new_note(col.models.by_name("Basic (type in the answer)"))
        typed["Front"], typed["Back"] = "Thank you, in Korean", "감사합니다"
        col.add_note(typed, deck_id)
        both = col.new_note(col.models.by_name("Basic (and reversed card)"))
        both["Front"], both["Back"] = "PD", 'Producer-director <img src="pd.png">'
        col.add_note(both, deck_id)
        picture = tmp_path / "pd.png"
        picture.write_bytes(b"a picture")
        col.media.add_file(str(picture))
        packages = {}
        for legacy in (True, False):
            packages[legacy] = tmp_path / f"korean-{legacy}.apkg"
            col.export_anki_package(
                out_path=str(packages[legacy]),
                options=ExportAnkiPackageOptions(with_media=True, legacy=legacy),
                limit=collection_module.DeckIdLimit(deck_id),
            )
        guids = {col.get_note(n).guid for n in col.find_notes("")}
    finally:
        col.close()

    media = tmp_path / "korean.media"
    result = read_apkg(packages[True], media)
    assert result.deck["title"] == "Korean::K-drama"
    by_type = {c["type"]: c for c in result.deck["cards"]}
    assert by_type["typed"]["answer"] == "감사합니다"
    assert by_type["flashcard"]["reverse"] is True
    assert by_type["flashcard"]["back"] == "Producer-director [image: pd.png]"
    assert (media / "pd.png").read_bytes() == b"a picture"
    assert {c["anki"]["fields"][0] for c in result.deck["cards"]} == {"Thank you, in Korean", "PD"}
    assert {guid_for_id(c["id"]) for c in result.deck["cards"]} == guids  # ids are the guids
    # Anki's current format (zstd-compressed collection, media list and media) reads the same.
    pytest.importorskip("zstandard")
    current = read_apkg(packages[False], tmp_path / "current.media")
    assert current.deck["cards"] == result.deck["cards"]
    assert (tmp_path / "current.media" / "pd.png").read_bytes() == b"a picture"
