"""Anki's own engine (the `anki` package, installed with the `bench` extra): a learner's notes
go to kdquiz as Anki's text export and come back through `kdquiz export --to anki-tsv`, and Anki
updates them in place: no new notes, no new cards, the HTML and media references as they were."""

from __future__ import annotations

import json
import time
import zipfile
from datetime import UTC, datetime
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


def _text_export(col: Any, deck_id: int, path: Path) -> Path:
    """Anki's "Notes in Plain Text" with everything an update in place needs."""
    col.export_note_csv(
        out_path=str(path),
        limit=collection_module.DeckIdLimit(deck_id),
        with_html=True,
        with_tags=True,
        with_deck=True,
        with_notetype=True,
        with_guid=True,
    )
    return path


def _assert_notes_intact(col: Any) -> None:
    """The learner's Basic and Cloze notes (under whichever note type) say what they said."""
    basic = col.get_note(col.find_notes('"note:Basic" OR "note:Basic (genanki)"')[0])
    assert (basic["Front"], basic["Back"]) == (FRONT, BACK)
    cloze = col.get_note(col.find_notes("note:Cloze*")[0])
    assert cloze["Text"] == CLOZE and len(cloze.cards()) == 2  # the shared c1 stays one card


def test_a_deck_sent_back_updates_the_learners_notes_in_place(tmp_path: Path) -> None:
    from anki.import_export_pb2 import ImportCsvRequest

    col, deck_id = learner_collection(tmp_path / "learner.anki2")
    try:
        exported = _text_export(col, deck_id, tmp_path / "notes.txt")
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
        _assert_notes_intact(col)
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


def _learner_package(tmp_path: Path, *, legacy: bool, with_scheduling: bool) -> tuple[Any, Path]:
    """The learner's collection (a Basic note with an image, a sound and bold text, a reversed
    note, a cloze whose c1 hides two gaps), with its media, exported by Anki itself."""
    from anki.collection import ExportAnkiPackageOptions

    col, deck_id = learner_collection(tmp_path / "learner.anki2")
    both = col.new_note(col.models.by_name("Basic (and reversed card)"))
    both["Front"], both["Back"] = "Goblin", "<i>도깨비</i>"
    col.add_note(both, deck_id)
    for name in ("pd.jpg", "pd.mp3"):
        (tmp_path / name).write_bytes(f"bytes of {name}".encode())
        col.media.add_file(str(tmp_path / name))
    package = tmp_path / f"learner-{legacy}.apkg"
    col.export_anki_package(
        out_path=str(package),
        options=ExportAnkiPackageOptions(
            with_media=True, legacy=legacy, with_scheduling=with_scheduling
        ),
        limit=collection_module.DeckIdLimit(deck_id),
    )
    return col, package


@pytest.mark.parametrize("legacy", [True, False])
def test_an_apkg_sent_back_updates_the_learners_notes_in_place(
    tmp_path: Path, legacy: bool
) -> None:
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from kdquiz.core.interchange.apkg import export_apkg
    from kdquiz.core.interchange.apkg_read import read_apkg

    if not legacy:
        pytest.importorskip("zstandard")
    col, package = _learner_package(tmp_path, legacy=legacy, with_scheduling=False)
    try:
        before = {
            n: (col.get_note(n).guid, col.get_note(n).mid, list(col.get_note(n).fields))
            for n in col.find_notes("")
        }
        counts = (col.note_count(), col.card_count(), len(col.models.all_names_and_ids()))
        deck_file = tmp_path / "korean.yaml"
        result = read_apkg(package, tmp_path / "korean.media")
        deck_file.write_text(dump_deck(result.deck), encoding="utf-8")
        back = tmp_path / "back.apkg"
        export_apkg(load_deck(deck_file), back, timestamp=time.time() + 60)
        with zipfile.ZipFile(back) as archive:
            assert sorted(json.loads(archive.read("media")).values()) == ["pd.jpg", "pd.mp3"]

        request = ImportAnkiPackageRequest(
            package_path=str(back), options=ImportAnkiPackageOptions()
        )
        log = col.import_anki_package(request).log
        assert not log.new and not log.conflicting
        assert len(log.updated) + len(log.duplicate) == len(before) == 3
        assert (col.note_count(), col.card_count(), len(col.models.all_names_and_ids())) == counts
        after = {
            n: (col.get_note(n).guid, col.get_note(n).mid, list(col.get_note(n).fields))
            for n in col.find_notes("")
        }
        assert after == before  # same guids, note types and HTML: <b>, <img>, [sound:], c1 c1 c2
        _assert_notes_intact(col)
        assert Path(col.media.dir(), "pd.jpg").read_bytes() == b"bytes of pd.jpg"
    finally:
        col.close()


@pytest.mark.parametrize("kind", ["apkg-legacy", "apkg", "colpkg"])
def test_a_learners_anki_schedule_comes_with_the_package(tmp_path: Path, kind: str) -> None:
    from anki.collection import ExportAnkiPackageOptions

    from kdquiz.cli import main
    from kdquiz.core.store import ProgressStore, store_path

    if kind != "apkg-legacy":
        pytest.importorskip("zstandard")
    col, deck_id = learner_collection(tmp_path / "learner.anki2")
    try:
        col.decks.select(deck_id)
        reviewed = set()
        for _ in range(3):  # answer "Good" to whatever Anki shows, as a learner would
            card = col.sched.getCard()
            if card is None:
                break
            col.sched.answerCard(card, 3)
            reviewed.add((card.nid, card.ord))
        revlog = col.db.scalar("SELECT count() FROM revlog")
        guid = {n: col.get_note(n).guid for n in col.find_notes("")}
        package = tmp_path / f"learner.{kind.removesuffix('-legacy')}"
        if kind == "colpkg":  # the whole collection; Anki closes it to write one
            col.export_collection_package(str(package), include_media=True, legacy=False)
        else:
            col.export_anki_package(
                out_path=str(package),
                options=ExportAnkiPackageOptions(
                    with_scheduling=True, legacy=kind == "apkg-legacy", with_media=True
                ),
                limit=collection_module.DeckIdLimit(deck_id),
            )
    finally:
        if col.db:
            col.close()

    assert revlog == 3
    data = tmp_path / "data"
    out = tmp_path / "korean.yaml"
    args = ["import", str(package), "-o", str(out), "--with-history", "--data-dir", str(data)]
    assert main(args) == 0
    deck = load_deck(out)
    store = ProgressStore(store_path(data), clock=lambda: datetime.now(UTC), backup=False)
    try:
        logged = store.log_entries()
        assert all(e.key[0] == deck.id and e.rating == 3 for e in logged)
        by_guid = {guid_for_id(c.id): c for c in deck.cards}  # the cards the import made
        expected = set()
        for nid, ord_ in reviewed:
            card = by_guid[guid[nid]]
            # The cloze's Anki card c1 hides Seoul and Busan (kdquiz's gaps c1, c2), c2 cities.
            subs = (("c1", "c2"), ("c3",))[ord_] if card.kind.value == "cloze" else ("",)
            expected |= {(deck.id, card.id, sub) for sub in subs}
        assert {e.key for e in logged} == expected
        for key in expected:
            state = store.get_state(key)
            assert state is not None and state.reps >= 1  # scheduled, not new
    finally:
        store.close()


def test_notes_from_a_text_export_sent_back_as_apkg_conflict_or_merge(
    tmp_path: Path,
) -> None:
    """A text export keeps no note type id, so Anki cannot take the package's note type as the
    learner's: without "Merge note types" each note is a conflict and left as it was; with it,
    the notes are updated in place (cards and fields as they were), moved to kdquiz's note types."""
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from kdquiz.core.interchange.apkg import export_apkg

    col, deck_id = learner_collection(tmp_path / "learner.anki2")
    try:
        exported = _text_export(col, deck_id, tmp_path / "notes.txt")
        counts = (col.note_count(), col.card_count())
        deck_file = tmp_path / "korean.yaml"
        result = parse_anki_text(exported.read_text(encoding="utf-8"), str(exported))
        deck_file.write_text(dump_deck(result.deck), encoding="utf-8")
        back = tmp_path / "back.apkg"
        export_apkg(load_deck(deck_file), back, timestamp=time.time() + 60)
        for merge in (False, True):
            options = ImportAnkiPackageOptions(merge_notetypes=merge)
            log = col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(back), options=options)
            ).log
            assert not log.new and (len(log.conflicting), len(log.updated)) == (
                (0, 2) if merge else (2, 0)
            )
            assert (col.note_count(), col.card_count()) == counts
            _assert_notes_intact(col)
        used = {col.get_note(n).note_type()["name"] for n in col.find_notes("")}
        assert used == {"Basic (genanki)", "Cloze (genanki)"}
    finally:
        col.close()
