"""Anki packages (.apkg, .colpkg) read into a deck, with their media kept beside it.

A package is a zip holding an SQLite collection and its media, stored as `0`, `1`, .... In the
older format the collection is `collection.anki21` (or `.anki2`) and a `media` JSON map names the
files; in the current one everything is zstd-compressed (`collection.anki21b`) and the media list
is a small protobuf message, read here by hand (name = field 1 of each entry). Notes become
cards as in the text import (Basic -> flashcard, reversed types -> `reverse`, Cloze -> cloze,
"type in the answer" -> typed; a note type asking another field than its first is read as its
templates ask, see anki_templates); a note's guid becomes its card id, so a re-import keeps progress.
Images and sounds show as `[image: name]` / `[audio: name]` placeholders in the terminal, so a
note whose side is only a picture still has something to show.

A package comes from anywhere, so before anything is written: the zip's sizes are checked (no
entry over its limit, no zip bomb), every media name must be a plain file name (no `/`, `\\`,
`..`, absolute path or control character), the collection is opened read-only and refused if it
holds triggers or views, and nothing is written outside the deck's media folder. Every entry is
inflated (or zstd-decompressed) only up to its limit, whatever sizes the package claims.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kdquiz.core.files import open_regular
from kdquiz.core.interchange.anki_notetypes import NoteType, note_type, write_notetypes
from kdquiz.core.interchange.anki_templates import Layout, layout
from kdquiz.core.interchange.anki_text import _note_to_card, media_placeholders, note_remarks
from kdquiz.core.interchange.apkg_history import (
    Ords,
    PackageHistory,
    item_ords,
    read_marks,
    read_revlog,
)
from kdquiz.core.interchange.common import (
    ImportFileError,
    ImportResult,
    clean,
    deck_mapping,
    deck_safe_fields,
    dropped_note,
    html_too_long,
    imported_from,
    keeps_note,
    outside_name,
    outside_names,
    shared_deck,
    skipped_notes,
    tag_by_group,
    title_from_path,
)
from kdquiz.core.interchange.ids import IdAllocator, id_from_guid, slugify
from kdquiz.core.safe_text import shows_as_is
from kdquiz.core.syntax.html import html_to_text
from kdquiz.core.syntax.plain import FORBIDDEN

MAX_ENTRIES = 200_000
MAX_COLLECTION = 512 * 2**20
MAX_MEDIA_FILE = 100 * 2**20
MAX_TOTAL = 2 * 2**30
#: A zip entry may expand at most this many times (text compresses ~10x; a bomb, thousands).
MAX_RATIO = 200
MAX_NOTES = 100_000
_CHUNK = 1 << 20
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


class PackageRefused(ImportFileError):
    """The package is unsafe or not one kdquiz reads; the message says which and why."""


def _refuse(path: str, message: str) -> ImportFileError:
    return PackageRefused.at(path, 1, message)


@dataclass(frozen=True)
class PackageImport(ImportResult):
    #: The package's review log, when it was asked for (`read_apkg(..., with_history=True)`).
    history: PackageHistory | None = None


def read_apkg(
    path: Path, media_dir: Path, *, with_history: bool = False, staging: Path | None = None
) -> PackageImport:
    """The deck mapping of the package at `path`; its media are written into `media_dir`.
    With `with_history`, its review log too, as reviews of the imported cards' items. With
    `staging` (an empty folder beside `media_dir`), the media and note types are written there
    instead, for `place_media` to move into `media_dir` once the deck itself is written: an
    import refused after the package was read changes nothing in a media folder already there."""
    where = str(path)
    # Missing, unreadable, a folder or a FIFO: said as such, before zipfile tries to read it.
    open_regular(path, "an Anki package", limit=MAX_TOTAL).close()
    if media_dir.is_symlink():  # it could lead anywhere, and the package names what is written
        raise _refuse(
            where,
            f"{media_dir.name}/ is a link to another folder, and a package's media (and its "
            "note types) are written only into a real folder beside the deck: remove the link, "
            "or import to another deck file",
        )
    if media_dir.exists() and not media_dir.is_dir():
        raise _refuse(
            where,
            f"{media_dir.name} is a file where the deck's media folder goes: move it away, or "
            "import to another deck file",
        )
    _check_directory(path, where)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(where, f"not an Anki package (not a readable zip file: {exc})") from None
    target = media_dir if staging is None else staging
    with archive, tempfile.TemporaryDirectory(prefix="kdquiz-apkg-") as scratch:
        try:
            read, written = _read_archive(archive, Path(scratch), target, where, with_history)
        except _DAMAGED as exc:
            # A zip whose directory reads but whose entries do not (a download cut short, a
            # copy changed while read, a byte flipped on a stick): said, never a traceback.
            raise _refuse(
                where,
                f"the package is damaged ({exc}): copy it again, or export it again from Anki",
            ) from None
    if read.notetypes:
        write_notetypes(target, read.notetypes)
    if written:
        read.notes.append(f"{written} media files kept in {media_dir.name}/")
    title = outside_name(read.title)
    deck_id = slugify(title.replace("::", " "), 60) or slugify(path.stem, 60) or "imported"
    return PackageImport(
        deck_mapping(
            deck_id,
            title or title_from_path(str(path)),
            read.cards,
            description=imported_from(path, "Anki package"),
        ),
        tuple(read.notes),
        read.history,
    )


#: Bytes of a zip's directory per entry allowed for: a real package's records are 50 to 80 bytes
#: (a short name such as `0` or `collection.anki21b`), so MAX_ENTRIES of them fit well within.
_DIRECTORY_BYTES_PER_ENTRY = 128
_END = b"PK\x05\x06"
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_END = b"PK\x06\x06"
_ZIP64_END_SIZE = 56


def _directory_claims(path: Path) -> tuple[int, int] | None:
    """(entries, directory size in bytes) as the zip's end record gives them (its ZIP64 record
    for a large one), or None when there is none (zipfile then says it is not a zip).

    The record is found the way zipfile finds it, so the numbers checked are the ones zipfile
    goes on to use: the last 22 bytes when they are a record without a comment, else the last
    signature in the final 64 KiB and 22 bytes, whatever follows it (a comment longer or shorter
    than the record says, or bytes appended after the zip); the ZIP64 end record is read just
    before its locator, which sits just before the end record, not where the locator points."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size < _END_SIZE:
            return None
        handle.seek(size - _END_SIZE)
        record = handle.read(_END_SIZE)
        at = size - _END_SIZE
        if not (record.startswith(_END) and record.endswith(b"\0\0")):
            start = max(size - (1 << 16) - _END_SIZE, 0)
            handle.seek(start)
            tail = handle.read()
            found = tail.rfind(_END)
            record = tail[found : found + _END_SIZE]
            if found < 0 or len(record) != _END_SIZE:
                return None
            at = start + found
        entries = int.from_bytes(record[10:12], "little")
        directory = int.from_bytes(record[12:16], "little")
        if at < _ZIP64_LOCATOR_SIZE:
            return entries, directory
        handle.seek(at - _ZIP64_LOCATOR_SIZE)
        if not handle.read(_ZIP64_LOCATOR_SIZE).startswith(_ZIP64_LOCATOR):
            return entries, directory
        if at < _ZIP64_LOCATOR_SIZE + _ZIP64_END_SIZE:
            return entries, directory
        handle.seek(at - _ZIP64_LOCATOR_SIZE - _ZIP64_END_SIZE)
        zip64 = handle.read(_ZIP64_END_SIZE)
        if zip64.startswith(_ZIP64_END):
            entries = int.from_bytes(zip64[32:40], "little")
            directory = int.from_bytes(zip64[40:48], "little")
    return entries, directory


def place_media(staging: Path, media_dir: Path) -> None:
    """Move what `read_apkg(..., staging=staging)` wrote into `media_dir` (each file replaced
    whole, in the same file system), then remove `staging`."""
    names = sorted(os.listdir(staging))
    if names:
        media_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        os.replace(staging / name, media_dir / name)
    staging.rmdir()


def _check_directory(path: Path, where: str) -> None:
    """Refuse a package whose file list is too long before zipfile reads it: zipfile keeps a
    record of every entry in memory (a million empty entries, 84 MB on disk, took 600 MB and five
    seconds), so the limit is checked on what the zip's end record claims, not after."""
    try:
        claims = _directory_claims(path)
    except OSError:
        return  # zipfile says why it cannot read the file
    if claims is None:
        return
    entries, directory = claims
    if entries > MAX_ENTRIES:
        raise _refuse(where, f"the package holds {entries:,} files; the limit is {MAX_ENTRIES:,}")
    if directory > MAX_ENTRIES * _DIRECTORY_BYTES_PER_ENTRY:
        raise _refuse(
            where,
            f"the package's list of files is {directory:,} bytes, more than {MAX_ENTRIES:,} "
            "files need (a damaged or hostile zip): refused",
        )


#: What reading a damaged zip entry raises: a bad CRC or header, deflate data that stops or is
#: garbled, a compression method or encryption Anki never uses.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


def _read_archive(
    archive: zipfile.ZipFile, scratch: Path, media_dir: Path, where: str, with_history: bool
) -> tuple[_Read, int]:
    """The collection read from `archive` (unpacked into `scratch`), and how many media files
    were written into `media_dir`."""
    infos = {info.filename: info for info in archive.infolist()}
    _check_sizes(where, list(infos.values()))
    zstd = None
    if "collection.anki21b" in infos:  # its collection.anki2 only says "update Anki"
        zstd = _zstd_module(where)
        name: str | None = "collection.anki21b"
    else:
        name = next((n for n in ("collection.anki21", "collection.anki2") if n in infos), None)
    if name is None:
        raise _refuse(where, "not an Anki package: it holds no collection.anki21 or .anki2")
    collection = scratch / "collection.sqlite"
    _copy_capped(archive, infos[name], collection, MAX_COLLECTION, where, zstd)
    media = _media_list(archive, infos, where, zstd) if zstd else _media_map(archive, infos, where)
    _check_media(media, infos, where)
    read = _read_collection(collection, where, with_history)
    return read, _write_media(archive, infos, media, media_dir, where, zstd)


def _check_sizes(where: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _refuse(
            where, f"the package holds {len(infos):,} files; the limit is {MAX_ENTRIES:,}"
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise _refuse(
                where,
                f"'{info.filename[:60]}' is encrypted (a zip with a password), which Anki never "
                "writes: export the deck again from Anki",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1 << 20 and ratio > MAX_RATIO:
            raise _refuse(
                where,
                f"'{info.filename[:60]}' would expand {ratio:,.0f} times (a zip bomb?): refused",
            )
    if total > MAX_TOTAL:
        raise _refuse(where, f"the package would expand to {total / 2**30:.1f} GiB: refused")


def _zstd_module(where: str) -> Any:
    try:
        import zstandard
    except ImportError:
        raise _refuse(
            where,
            "this package uses Anki's newer compressed format, which needs the zstandard "
            "package (pip install zstandard); or, in Anki, export again with 'Support older "
            "Anki versions' ticked",
        ) from None
    return zstandard


def _copy_capped(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    target: Path,
    limit: int,
    where: str,
    zstd: Any = None,
) -> None:
    """Copy one entry (zstd-decompressed in the newer format), counting the bytes really
    produced: neither a zip's sizes nor a zstd frame's can be trusted."""
    if info.file_size > limit:
        raise _refuse(
            where,
            f"'{info.filename[:60]}' is {info.file_size / 2**20:,.0f} MiB; the limit is "
            f"{limit // 2**20} MiB",
        )
    damaged: tuple[type[Exception], ...] = (zlib.error, *((zstd.ZstdError,) if zstd else ()))
    done = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with archive.open(info) as entry, os.fdopen(os.open(target, flags, 0o600), "wb") as out:
        source = zstd.ZstdDecompressor().stream_reader(entry) if zstd else entry
        try:
            while chunk := source.read(_CHUNK):
                done += len(chunk)
                if done > limit:
                    raise _refuse(
                        where, f"'{info.filename[:60]}' is larger than its zip entry says"
                    )
                out.write(chunk)
        except damaged as exc:
            raise _refuse(where, f"'{info.filename[:60]}' is damaged ({exc})") from None


def _media_map(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], where: str
) -> dict[str, str]:
    if "media" not in infos:
        return {}
    if infos["media"].file_size > 64 * 2**20:
        raise _refuse(where, "the package's media list is too large")
    try:
        mapping = json.loads(archive.read("media").decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(
            where,
            "the package's media list is not readable (a newer package format?): in Anki, "
            "export again with 'Support older Anki versions' ticked",
        ) from None
    if not isinstance(mapping, dict):
        raise _refuse(where, "the package's media list is not a mapping")
    return mapping


def _media_list(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], where: str, zstd: Any
) -> dict[str, str]:
    """The newer format's media list: zstd-compressed protobuf entries, stored as 0, 1, ..."""
    if "media" not in infos:
        return {}
    try:
        data = zstd.ZstdDecompressor().decompress(archive.read("media"), max_output_size=64 * 2**20)
        names = _protobuf_names(data)
    except (zstd.ZstdError, ValueError, UnicodeDecodeError) as exc:
        raise _refuse(where, f"the package's media list is not readable ({exc})") from None
    return {str(number): name for number, name in enumerate(names)}


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("a number runs past the end")
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if byte < 0x80:
            return value, at


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """(field number, value) of one protobuf message: varints and length-delimited bytes."""
    out: list[tuple[int, int | bytes]] = []
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
            out.append((number, value))
        elif wire == 2:
            size, at = _varint(data, at)
            if at + size > len(data):
                raise ValueError("a field runs past the end")
            out.append((number, data[at : at + size]))
            at += size
        else:
            raise ValueError(f"unexpected field type {wire}")
    return out


def _protobuf_names(data: bytes) -> list[str]:
    """Each MediaEntry's name (field 1) in the MediaEntries message (entries are field 1)."""
    names = []
    for number, entry in _fields(data):
        if number == 1 and isinstance(entry, bytes):
            name = next((v for n, v in _fields(entry) if n == 1 and isinstance(v, bytes)), b"")
            names.append(name.decode("utf-8"))
    return names


def _check_media(mapping: dict[str, str], infos: dict[str, zipfile.ZipInfo], where: str) -> None:
    for number, name in mapping.items():
        if not isinstance(name, str) or not _safe_name(name):
            raise _refuse(
                where,
                f"the media name {str(name)[:60]!r} is not a plain file name (a path, '..', or "
                "a control, bidi or invisible character): refused, nothing written",
            )
        if number not in infos:
            raise _refuse(where, f"the media file {name[:60]!r} is listed but missing")
        if infos[number].file_size > MAX_MEDIA_FILE:
            raise _refuse(
                where,
                f"the media file {name[:60]!r} is {infos[number].file_size / 2**20:,.0f} MiB; "
                f"the limit is {MAX_MEDIA_FILE // 2**20} MiB",
            )


def _safe_name(name: str) -> bool:
    """A plain file name to write in the media folder: no path, and nothing `safe_text` would
    escape (a right-to-left override makes `photo\u202egnp.exe` look like `photoexe.png`; the
    card, which may not hold it, would name another file)."""
    return (
        0 < len(name) <= 255
        and not _BAD_NAME.search(name)
        and shows_as_is(name)
        and name not in (".", "..")
        and not name.startswith(".")
        and not re.match(r"[A-Za-z]:", name)
    )


@dataclass
class _Read:
    """What a package's collection gave."""

    cards: list[dict[str, Any]]
    title: str
    notes: list[str]  # what was skipped, said once each
    ords: dict[int, tuple[str, Ords]]  # note id -> (its card's id, which items each Anki card is)
    notetypes: dict[str, NoteType]  # the note types the cards came from, by their `anki:` name
    history: PackageHistory | None = None


def _read_collection(collection: Path, where: str, with_history: bool) -> _Read:
    conn = sqlite3.connect(f"file:{collection}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        try:
            active = conn.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
            ).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # names that are not UTF-8
            raise _refuse(where, f"the collection inside is not a valid database ({exc})") from None
        if active:
            kind, name = active[0]
            raise _refuse(
                where,
                f"the collection holds a {kind} ({str(name)[:40]!r}), which Anki never writes: "
                "refused, nothing from it is run",
            )
        try:
            read = _notes(conn, where)
            if with_history:
                read.history = read_revlog(conn, where, read.ords)
                read_marks(conn, read.ords, read.history)
            return read
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise _refuse(where, f"the collection inside is not one Anki wrote ({exc})") from None
    finally:
        conn.close()


def _notes(conn: sqlite3.Connection, where: str) -> _Read:
    count = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    if count > MAX_NOTES:
        raise _refuse(
            where, f"the package holds {count:,} notes; a deck holds at most {MAX_NOTES:,}"
        )
    _check_tables(conn, where)
    models, decks = _models_and_decks(conn)
    # A card in a filtered deck (Anki's custom study) belongs to the deck in `odid`.
    home = "did"
    if "odid" in {row[1] for row in conn.execute("PRAGMA table_info(cards)")}:
        home = "CASE WHEN odid THEN odid ELSE did END"
    deck_of = Counter(did for (did,) in conn.execute(f"SELECT {home} FROM cards")).most_common(1)
    title = decks.get(deck_of[0][0], "") if deck_of else ""
    deck_of_note: dict[int, int] = {}
    for nid, did in conn.execute(f"SELECT nid, {home} FROM cards ORDER BY nid, ord DESC"):
        deck_of_note[int(nid)] = int(did)  # the deck of the note's first card
    ids = IdAllocator()
    cards: list[tuple[str, dict[str, Any]]] = []  # (its Anki deck, card)
    notes: list[str] = []
    ords: dict[int, tuple[str, Ords]] = {}
    kept: dict[str, NoteType] = {}
    dropped, dropped_in = 0, []
    too_long: list[int] = []  # notes whose HTML is too long to keep in `anki:`
    skipped: list[tuple[int, str]] = []  # (note id, " (note type): why")
    for note_id, guid, mid, flds, tags in conn.execute(
        "SELECT id, guid, mid, flds, tags FROM notes ORDER BY id"
    ):
        model = models.get(mid, _Model("Basic", None, None))
        notetype = outside_name(model.label)
        values = str(flds).split("\x1f")
        if model.layout is not None:
            values = model.layout.fields(values)
        raw = [media_placeholders(f) for f in values]
        held = sum(len(FORBIDDEN.findall(f)) for f in raw)
        if held:
            dropped += held
            dropped_in.append(int(note_id))
        fields = [clean(html_to_text(f)) for f in raw]
        try:
            card = _note_to_card(fields, notetype, 0, where)
        except ValueError as exc:
            skipped.append((int(note_id), f" ({notetype[:40]}): {exc}"))
            continue
        notes.extend(f"note {note_id} ({notetype[:40]}): {r}" for r in note_remarks(fields, card))
        card = {"id": ids.take(id_from_guid(str(guid))), **card}
        ords[int(note_id)] = (card["id"], item_ords(card, fields[0]))
        own = str(flds).split("\x1f")
        if keeps_note(own):
            card["anki"] = {"notetype": notetype, "fields": deck_safe_fields(own)}
            if model.kept is not None:
                kept[notetype] = model.kept
        else:
            too_long.append(int(note_id))
        tag_list = outside_names(str(tags).split())
        if tag_list:
            card["tags"] = list(dict.fromkeys(tag_list))
        cards.append((outside_name(decks.get(deck_of_note.get(int(note_id), 0), "")), card))
    notes[:0] = skipped_notes(skipped, "note")
    if not cards:
        raise _refuse(where, "no notes kdquiz can show: " + ("; ".join(notes[:3]) or "it is empty"))
    if dropped:
        notes.append(dropped_note(dropped, "note", dropped_in))
    if too_long:
        notes.append(html_too_long("note", too_long))
    title = shared_deck([deck for deck, _ in cards]) or title  # the parent of its subdecks
    return _Read(tag_by_group(cards), title, notes, ords, kept)


#: Rows of the collection's other tables read whole into memory, at most: far above what the
#: 100,000 notes a deck may hold come with (a cloze note has a card per gap number), far below
#: what fits in a 512 MiB collection (34 million cards took 4 GB to read).
MAX_ROWS = {
    "cards": 1_000_000,
    "decks": 100_000,
    "notetypes": 10_000,
    "fields": 100_000,
    "templates": 100_000,
}
#: The older schema's note types and decks are one JSON text each; Anki's are a few MiB at most.
MAX_JSON_BYTES = 64 * 2**20


def _check_tables(conn: sqlite3.Connection, where: str) -> None:
    """Refuse a collection whose tables hold more rows than a deck's notes could need, before
    they are read into memory (the notes are counted by the caller, the review log by its
    reader)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, limit in MAX_ROWS.items():
        if table not in tables:
            continue
        # NOT INDEXED: Anki's indexes on names use its own collation, which SQLite here lacks.
        count = conn.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0]
        if count > limit:
            raise _refuse(
                where,
                f"the collection's {table} table holds {count:,} rows; a package of at most "
                f"{MAX_NOTES:,} notes needs at most {limit:,}: export fewer decks at a time",
            )
    if "col" in tables:
        longest = conn.execute(
            "SELECT max(max(length(models)), max(length(decks))) FROM col"
        ).fetchone()[0]
        if longest is not None and longest > MAX_JSON_BYTES:
            raise _refuse(
                where,
                f"the collection's list of note types or decks is {longest / 2**20:,.0f} MiB; "
                f"Anki writes a few MiB at most: refused",
            )


@dataclass(frozen=True)
class _Model:
    label: str  # the name the cards' `anki:` key gives ("(Cloze)"/"(type in)" added for the kind)
    kept: NoteType | None  # what an export needs to bring notes back as this note type
    layout: Layout | None  # which fields its cards ask and answer, when not the first two


def _models_and_decks(conn: sqlite3.Connection) -> tuple[dict[int, _Model], dict[int, str]]:
    """Note type id -> its _Model; deck id -> name. Both collection schemas."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    models: dict[int, _Model] = {}
    decks: dict[int, str] = {}
    if "notetypes" in tables:  # schema 18 (Anki 2.1.28 and later)
        for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
            settings = dict(_fields(bytes(config or b"")))
            templates = [
                (str(t_name), dict(_fields(bytes(t_config or b""))))
                for t_name, t_config in conn.execute(
                    "SELECT name, config FROM templates WHERE ntid = ? ORDER BY ord", (ntid,)
                )
            ]
            field_names = [
                str(f)
                for (f,) in conn.execute(
                    "SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,)
                )
            ]
            models[int(ntid)] = _model(
                {
                    "id": ntid,
                    "name": str(name),
                    "cloze": settings.get(1) == 1,
                    "fields": field_names,
                    "templates": [[n, _utf8(t.get(1)), _utf8(t.get(2))] for n, t in templates],
                    "css": _utf8(settings.get(3)),
                }
            )
        decks = {
            int(i): str(n).replace("\x1f", "::")
            for i, n in conn.execute("SELECT id, name FROM decks")
        }
    row = conn.execute("SELECT models, decks FROM col").fetchone()
    if row and row[0]:
        for mid, model in json.loads(row[0]).items():
            models[int(mid)] = _model(
                {
                    "id": int(mid),
                    "name": str(model.get("name", "Basic")),
                    "cloze": model.get("type") == 1,
                    "fields": [f.get("name") for f in model.get("flds", [])],
                    "templates": [
                        [t.get("name"), t.get("qfmt", ""), t.get("afmt", "")]
                        for t in model.get("tmpls", [])
                    ],
                    "css": model.get("css", ""),
                }
            )
    if row and row[1]:
        decks.update({int(i): str(d.get("name", "")) for i, d in json.loads(row[1]).items()})
    return models, decks


def _model(data: dict[str, Any]) -> _Model:
    name = data["name"]
    type_in = any("{{type:" in str(t[1]) for t in data["templates"])
    fields_layout, reverse = layout(
        [str(f) for f in data["fields"]], [[str(p) for p in t] for t in data["templates"]]
    )
    # The label says the note type's kind, so an export can tell whether a card still says
    # what its note says (see anki_text.kept_note); the kept NoteType has the real name.
    label = name
    if data["cloze"] and "cloze" not in name.lower():
        label = f"{name} (Cloze)"
    elif type_in and not data["cloze"] and "type in" not in name.lower():
        label = f"{name} (type in)"
    elif reverse == "reversed" and "reverse" not in name.lower():  # card 2 asks the answer
        label = f"{name} (reversed)"
    elif reverse == "optional" and not ("optional" in name.lower() and "reverse" in name.lower()):
        label = f"{name} (optional reversed)"  # card 2 asks it when the note fills a field
    return _Model(label, note_type(data), fields_layout)


def _utf8(value: int | bytes | None) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def _write_media(
    archive: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    media: dict[str, str],
    media_dir: Path,
    where: str,
    zstd: Any = None,
) -> int:
    if not media:
        return 0
    media_dir.mkdir(parents=True, exist_ok=True)
    root = media_dir.resolve()
    for number, name in media.items():
        target = media_dir / name
        if target.resolve().parent != root:
            raise _refuse(where, f"the media name {name[:60]!r} leads outside the media folder")
        if target.is_symlink():
            target.unlink()
        partial = target.with_name(f".{name}.part")
        partial.unlink(missing_ok=True)
        try:
            _copy_capped(archive, infos[number], partial, MAX_MEDIA_FILE, where, zstd)
        except BaseException:  # a damaged or oversized entry leaves no half-written file behind
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
    return len(media)
