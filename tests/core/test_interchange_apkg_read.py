"""Reading Anki packages: note types become kinds, media are kept beside the deck, and a hostile
package is refused before anything is written."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest
from anki_packages import BASIC, NOTES, legacy_package

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.files import InputFileError
from kdquiz.core.interchange.apkg_read import PackageRefused, read_apkg
from kdquiz.core.model import Cloze, Flashcard, Typed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def test_note_types_become_kinds_and_media_are_kept(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "kdrama.apkg")
    result = read_apkg(package, tmp_path / "deck.media")
    deck = load_deck_text(dump_deck(result.deck), "deck.yaml")
    assert deck.title == "Korean::K-drama"
    pd, typed, cloze, poster = deck.cards
    assert isinstance(pd, Flashcard) and pd.id.startswith("anki-")  # the guid, encoded
    assert (pd.front, pd.back) == ("PD", "Producer-director [audio: pd.mp3]")
    assert pd.tags == ("roles",)
    assert isinstance(typed, Typed)
    assert (typed.prompt, typed.answer) == (
        "Thank you, in Korean [image: hangul.png]",
        "감사합니다",
    )
    assert isinstance(cloze, Cloze) and cloze.text == "An {{OST}} is a drama's soundtrack."
    assert isinstance(poster, Flashcard) and poster.back == "[image: goblin.jpg]"
    assert result.notes == ("3 media files kept in deck.media/",)
    assert sorted(p.name for p in (tmp_path / "deck.media").iterdir()) == [
        ".anki-notetypes.json",  # the note types, for an .apkg export back to Anki
        "goblin.jpg",
        "hangul.png",
        "pd.mp3",
    ]
    assert (tmp_path / "deck.media" / "pd.mp3").read_bytes() == b"bytes of pd.mp3"


def test_a_package_kdquiz_wrote_reads_back_with_the_same_ids(tmp_path: Path) -> None:
    pytest.importorskip("genanki")
    from kdquiz.core.interchange.apkg import export_apkg

    original = load_deck(FIXTURES / "all_kinds.yaml")
    package = tmp_path / "basics.apkg"
    export_apkg(original, package, timestamp=1_700_000_000.0)
    back = load_deck_text(dump_deck(read_apkg(package, tmp_path / "m").deck), "b.yaml")
    assert [c.id for c in back.cards] == [c.id for c in original.cards]
    by_id = {c.id: c for c in back.cards}
    pd_role = by_id["pd-role"]
    assert isinstance(pd_role, Flashcard) and pd_role.reverse
    assert isinstance(by_id["ost-meaning"], Cloze)


def _nothing_written(tmp_path: Path, before: set[Path]) -> None:
    assert set(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "/etc/evil",
        "sub/evil.png",
        "..",
        "C:evil",
        "a\x1b[2Jb.png",
        "photo\u202egnp.exe",  # shows as photoexe.png
        "a\u200bb.png",  # a zero-width space: two names that look the same
        "a\x85b.png",  # a C1 control
    ],
)
def test_media_names_that_are_paths_are_refused(tmp_path: Path, name: str) -> None:
    package = legacy_package(tmp_path / "bad.apkg", media={"0": name})
    before = set(tmp_path.rglob("*"))
    with pytest.raises(PackageRefused, match="not a plain file name"):
        read_apkg(package, tmp_path / "deck.media")
    _nothing_written(tmp_path, before)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "bomb.apkg")
    with zipfile.ZipFile(package, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("9", b"\0" * (64 * 2**20))  # 64 MiB of zeros: ~64 KiB in the zip
    before = set(tmp_path.rglob("*"))
    with pytest.raises(PackageRefused, match="zip bomb"):
        read_apkg(package, tmp_path / "deck.media")
    _nothing_written(tmp_path, before)


def test_a_huge_media_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_MEDIA_FILE", 8)
    package = legacy_package(tmp_path / "big.apkg")
    with pytest.raises(PackageRefused, match="the media file 'pd.mp3' is"):
        read_apkg(package, tmp_path / "deck.media")
    assert not (tmp_path / "deck.media").exists()


def test_a_collection_with_a_trigger_is_refused(tmp_path: Path) -> None:
    trigger = (
        "CREATE TABLE log (x TEXT);"
        "CREATE TRIGGER steal AFTER UPDATE ON notes BEGIN INSERT INTO log VALUES (new.flds); END;"
    )
    package = legacy_package(tmp_path / "trig.apkg", extra_sql=trigger)
    with pytest.raises(PackageRefused, match="holds a trigger .'steal'.*nothing from it is run"):
        read_apkg(package, tmp_path / "deck.media")
    assert not (tmp_path / "deck.media").exists()


def test_the_newer_compressed_format_needs_zstandard_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "new.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd not really zstd")
        archive.writestr("collection.anki2", b"a placeholder saying: update Anki")
    if importlib.util.find_spec("zstandard") is not None:
        with pytest.raises(PackageRefused, match="collection.anki21b' is damaged"):
            read_apkg(package, tmp_path / "deck.media")
    monkeypatch.setitem(sys.modules, "zstandard", None)  # as if it were not installed
    with pytest.raises(PackageRefused, match="Support older Anki versions"):
        read_apkg(package, tmp_path / "deck.media")


def test_a_zstd_bomb_is_stopped_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zstd = pytest.importorskip("zstandard")
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_COLLECTION", 4 * 2**20)
    package = tmp_path / "bomb.apkg"
    with zipfile.ZipFile(package, "w") as archive:  # 64 MiB of zeros, ~2 KiB compressed
        archive.writestr("collection.anki21b", zstd.ZstdCompressor().compress(b"\0" * (64 << 20)))
    with pytest.raises(PackageRefused, match="larger than its zip entry says"):
        read_apkg(package, tmp_path / "deck.media")
    assert not (tmp_path / "deck.media").exists()


@pytest.mark.parametrize("name", ["deck.apkg", "deck.colpkg"])
def test_a_missing_package_or_a_folder_is_said_as_such(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(InputFileError, match="No such file or directory"):
        read_apkg(path, tmp_path / "media")
    path.mkdir()
    with pytest.raises(InputFileError, match="it is a folder, not a regular file"):
        read_apkg(path, tmp_path / "media")
    assert not (tmp_path / "media").exists()


def test_not_a_package(tmp_path: Path) -> None:
    package = tmp_path / "notes.apkg"
    package.write_text("front\tback\n", encoding="utf-8")
    with pytest.raises(PackageRefused, match="not a readable zip file"):
        read_apkg(package, tmp_path / "deck.media")


def test_a_package_sent_back_keeps_each_notes_html_and_media(tmp_path: Path) -> None:
    pytest.importorskip("genanki")
    import sqlite3

    from kdquiz.core.interchange.apkg import export_apkg

    result = read_apkg(legacy_package(tmp_path / "in.apkg"), tmp_path / "deck.media")
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(dump_deck(result.deck), encoding="utf-8")
    out = tmp_path / "out.apkg"
    export_apkg(load_deck(deck_file), out, timestamp=1_700_000_000.0)
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    fields = dict(conn.execute("SELECT guid, flds FROM notes").fetchall())
    conn.close()
    assert fields["Fq(k]/9w!B"] == "<b>PD</b>\x1fProducer-director [sound:pd.mp3]"
    assert fields["poster"] == 'Which drama?\x1f<img src="goblin.jpg">'
    assert fields["cloze-1"] == "An {{c1::OST}} is a drama's soundtrack.\x1fMany chart."


def _damaged_copy(package: Path, target: Path, entry: str) -> Path:
    """`package` with one byte of `entry`'s stored data flipped: the zip's directory reads, the
    entry does not (its CRC, or its deflate stream, no longer holds)."""
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo(entry)
    header = info.header_offset
    # The local header: 30 bytes, then the name and the extra field, then the stored data.
    start = header + 30 + int.from_bytes(data[header + 26 : header + 28], "little")
    start += int.from_bytes(data[header + 28 : header + 30], "little")
    data[start + info.compress_size // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("entry", ["collection.anki21", "media", "1"])
def test_a_damaged_package_is_refused_with_a_message(tmp_path: Path, entry: str) -> None:
    package = _damaged_copy(legacy_package(tmp_path / "good.apkg"), tmp_path / "bad.apkg", entry)
    media = tmp_path / "deck.media"  # there from an earlier import of the deck
    media.mkdir()
    before = set(tmp_path.rglob("*"))
    with pytest.raises(PackageRefused, match="the package is damaged .*copy it again"):
        read_apkg(package, media)
    # A media file is written only whole: the ones before the damaged one may have come in.
    assert {p for p in set(tmp_path.rglob("*")) - before if p.name != "pd.mp3"} == set()


def test_a_package_cut_short_inside_an_entry_is_refused(tmp_path: Path) -> None:
    good = legacy_package(tmp_path / "good.apkg")
    data = good.read_bytes()
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("collection.anki21")
    # The central directory stays (it is at the end), the collection's header is overwritten.
    damaged = bytearray(data)
    damaged[info.header_offset : info.header_offset + 4] = b"XXXX"
    package = tmp_path / "cut.apkg"
    package.write_bytes(bytes(damaged))
    with pytest.raises(PackageRefused, match="the package is damaged"):
        read_apkg(package, tmp_path / "deck.media")


def test_an_encrypted_entry_is_refused(tmp_path: Path) -> None:
    good = legacy_package(tmp_path / "good.apkg")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        infos = archive.infolist()
    for info in infos:  # the "encrypted" flag set in both headers, as a password-zip has it
        data[info.header_offset + 6] |= 1
    central = data.rfind(b"PK\x01\x02", 0)
    while central != -1:
        data[central + 8] |= 1
        central = data.rfind(b"PK\x01\x02", 0, central)
    package = tmp_path / "locked.apkg"
    package.write_bytes(bytes(data))
    with pytest.raises(PackageRefused, match="is encrypted .a zip with a password."):
        read_apkg(package, tmp_path / "deck.media")


def test_a_collection_whose_names_are_not_utf8_is_refused(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "c.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (id INTEGER)")
    conn.execute("CREATE VIEW zzzz AS SELECT id FROM notes")
    conn.commit()
    conn.close()
    data = bytearray(db.read_bytes())
    at = data.index(b"viewzzzz") + len(b"view")  # the view's name column, not its SQL
    data[at] = 0xA3  # a byte that is not UTF-8
    package = tmp_path / "odd.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("collection.anki21", bytes(data))
    with pytest.raises(PackageRefused, match="the collection inside is not a valid database"):
        read_apkg(package, tmp_path / "deck.media")


def test_media_are_never_written_through_a_media_folder_that_is_a_link(tmp_path: Path) -> None:
    package = legacy_package(tmp_path / "kdrama.apkg", media={})  # note types are written too
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    media = tmp_path / "deck.media"
    media.symlink_to(elsewhere)  # as a deck downloaded with its folder might come
    with pytest.raises(PackageRefused, match="deck.media/ is a link to another folder"):
        read_apkg(package, media)
    assert list(elsewhere.iterdir()) == []


def _refused_before_zipfile_reads_it(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, match: str
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("zipfile read the whole file list")

    monkeypatch.setattr(apkg_read.zipfile, "ZipFile", never)
    with pytest.raises(PackageRefused, match=match):
        read_apkg(package, tmp_path / "deck.media")


def _empty_files(package: Path, count: int) -> Path:
    with zipfile.ZipFile(package, "w") as archive:
        for number in range(count):
            archive.writestr(str(number), b"")
    return package


def test_a_package_with_too_many_files_is_refused_before_its_list_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_ENTRIES", 10)
    package = _empty_files(tmp_path / "many.apkg", 11)
    _refused_before_zipfile_reads_it(
        package, tmp_path, monkeypatch, "holds 11 files; the limit is 10$"
    )


def test_a_package_whose_end_record_understates_its_files_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_ENTRIES", 10)
    package = _empty_files(tmp_path / "lying.apkg", 2000)
    data = bytearray(package.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # "1 file", on this disk and in all
    package.write_bytes(bytes(data))
    _refused_before_zipfile_reads_it(
        package,
        tmp_path,
        monkeypatch,
        "list of files is 9[0-9],[0-9]{3} bytes, more than 10 files need",
    )


def test_a_large_zip64_package_is_counted_from_its_zip64_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_ENTRIES", 0xFFFF)
    package = _empty_files(tmp_path / "zip64.apkg", 0xFFFF + 2)  # a ZIP64 end record
    _refused_before_zipfile_reads_it(
        package, tmp_path, monkeypatch, "holds 65,537 files; the limit is 65,535$"
    )


@pytest.mark.parametrize(
    "trailing", [b"\0", b"\0" * 300, b"PK\x05"], ids=["a byte", "300 bytes", "part of a signature"]
)
@pytest.mark.parametrize("count", [11, 0xFFFF + 2], ids=["end record", "ZIP64 record"])
def test_bytes_after_a_packages_end_record_do_not_skip_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trailing: bytes, count: int
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    limit = 10 if count == 11 else 0xFFFF
    monkeypatch.setattr(apkg_read, "MAX_ENTRIES", limit)
    package = _empty_files(tmp_path / "trailing.apkg", count)
    with package.open("ab") as handle:
        handle.write(trailing)
    with zipfile.ZipFile(package) as archive:  # zipfile opens it, trailing bytes and all
        assert len(archive.infolist()) == count
    _refused_before_zipfile_reads_it(
        package, tmp_path, monkeypatch, f"holds {count:,} files; the limit is {limit:,}$"
    )


def test_a_collection_with_more_cards_than_its_notes_could_need_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setitem(apkg_read.MAX_ROWS, "cards", 5)  # 1,000,000 really: 4 GB at 34 million
    cards = [(n, 1, 0) for n in range(1, 7)]  # six cards, read whole into memory
    package = legacy_package(tmp_path / "cards.apkg", cards=cards)
    with pytest.raises(PackageRefused, match="cards table holds 6 rows; .* at most 5"):
        read_apkg(package, tmp_path / "deck.media")
    assert not (tmp_path / "deck.media").exists()


def test_a_collection_whose_note_type_list_is_huge_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kdquiz.core.interchange.apkg_read as apkg_read

    monkeypatch.setattr(apkg_read, "MAX_JSON_BYTES", 100)  # 64 MiB really
    package = legacy_package(tmp_path / "types.apkg")
    with pytest.raises(PackageRefused, match="list of note types or decks is 0 MiB"):
        read_apkg(package, tmp_path / "deck.media")


#: HTML as a document pasted into Anki writes it: a styled span around every word.
STYLED = '<span style="font-family: Arial; color: rgb(0, 0, 0); font-weight: 400;">' * 150


def test_a_note_whose_html_is_too_long_to_keep_comes_in_as_its_text(tmp_path: Path) -> None:
    embedded = "data:image/png;base64," + "iVBORw0KGgo" * 2000
    notes = [
        *NOTES,
        ("styled", BASIC, f"Capital?\x1f{STYLED}Seoul{'</span>' * 150}", ""),
        ("pasted", BASIC, f'Which map? <img src="{embedded}">\x1fthe old one', ""),
    ]
    result = read_apkg(legacy_package(tmp_path / "p.apkg", notes=notes), tmp_path / "m")
    deck = load_deck_text(dump_deck(result.deck), "d.yaml")  # before: the import was refused
    by_front = {c.front: c for c in deck.cards if isinstance(c, Flashcard)}
    styled, pasted = by_front["Capital?"], by_front["Which map? [image: embedded picture]"]
    assert (styled.back, styled.anki, pasted.anki) == ("Seoul", (), ())
    assert by_front["PD"].anki  # the others keep their notes for the export back to Anki
    assert (
        "2 notes (notes 5 and 6) came in as text only: their HTML is longer than the 10,000 "
        "characters a deck keeps" in " ".join(result.notes)
    )
