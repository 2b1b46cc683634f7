"""Small Anki packages built by hand, in the legacy format Anki writes with "Support older Anki
versions" (schema 11 collection, JSON media map), for the package import tests."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path

BASIC, TYPE_IN, CLOZE, REVERSED = 1001, 1002, 1003, 1004
MODELS = {
    str(BASIC): {
        "name": "Basic",
        "type": 0,
        "flds": [{"name": "Front"}, {"name": "Back"}],
        "tmpls": [{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
        "css": ".card { font-family: serif; }",
    },
    str(TYPE_IN): {
        "name": "Basic (type in the answer)",
        "type": 0,
        "flds": [{"name": "Front"}, {"name": "Back"}],
        "tmpls": [{"name": "Card 1", "qfmt": "{{Front}}\n\n{{type:Back}}", "afmt": "{{Back}}"}],
    },
    str(CLOZE): {
        "name": "Cloze",
        "type": 1,
        "flds": [{"name": "Text"}, {"name": "Back Extra"}],
        "tmpls": [{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}"}],
    },
    str(REVERSED): {
        "name": "Basic (and reversed card)",
        "type": 0,
        "flds": [{"name": "Front"}, {"name": "Back"}],
        "tmpls": [
            {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"},
            {"name": "Card 2", "qfmt": "{{Back}}", "afmt": "{{Front}}"},
        ],
    },
}
NOTES = [
    ("Fq(k]/9w!B", BASIC, "<b>PD</b>\x1fProducer-director [sound:pd.mp3]", " roles "),
    ("typed-1", TYPE_IN, 'Thank you, in Korean <img src="hangul.png">\x1f감사합니다', ""),
    ("cloze-1", CLOZE, "An {{c1::OST}} is a drama's soundtrack.\x1fMany chart.", "music"),
    ("poster", BASIC, 'Which drama?\x1f<img src="goblin.jpg">', ""),
]


def legacy_package(
    path: Path,
    notes: list[tuple[str, int, str, str]] = NOTES,
    media: dict[str, str] | None = None,
    extra_sql: str = "",
    collection_name: str = "collection.anki21",
    cards: list[tuple[int, int, int]] | None = None,
    revlog: Sequence[tuple[object, ...]] = (),
    models: dict[str, dict[str, object]] = MODELS,
    conf: dict[str, object] | None = None,
    marks: dict[int, tuple[int, int]] | None = None,
) -> Path:
    """An .apkg as Anki 2.1 writes it with 'Support older Anki versions': schema 11, JSON media.

    `cards` are (card id, note number from 1, template ord), by default one card 0 per note
    with the note's number as its id; `revlog` rows are (id ms, cid, ease, time ms, type).
    `marks` gives cards Anki's `queue` and `flags` columns: card id -> (queue, flags)."""
    db = path.with_suffix(".db")
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE col (models TEXT, decks TEXT);"
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, flds TEXT, tags TEXT);"
        "CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER);"
        "CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, usn INTEGER, ease INTEGER, "
        "ivl INTEGER, lastIvl INTEGER, factor INTEGER, time INTEGER, type INTEGER);" + extra_sql
    )
    decks = {"1": {"name": "Default"}, "77": {"name": "Korean::K-drama"}}
    conn.execute("INSERT INTO col VALUES (?, ?)", (json.dumps(models), json.dumps(decks)))
    if conf is not None:  # the collection's settings (schedVer: which scheduler wrote the log)
        conn.execute("ALTER TABLE col ADD COLUMN conf TEXT")
        conn.execute("UPDATE col SET conf = ?", (json.dumps(conf),))
    for number, (guid, mid, flds, tags) in enumerate(notes, start=1):
        conn.execute("INSERT INTO notes VALUES (?, ?, ?, ?, ?)", (number, guid, mid, flds, tags))
    for card, note, ord_ in cards or [(n, n, 0) for n in range(1, len(notes) + 1)]:
        conn.execute("INSERT INTO cards VALUES (?, ?, 77, ?)", (card, note, ord_))
    if marks is not None:  # as Anki has them: -1 in queue is suspended, flags' low bits a colour
        conn.execute("ALTER TABLE cards ADD COLUMN queue INTEGER NOT NULL DEFAULT 0")
        conn.execute("ALTER TABLE cards ADD COLUMN flags INTEGER NOT NULL DEFAULT 0")
        for card, (queue, flags) in marks.items():
            conn.execute("UPDATE cards SET queue = ?, flags = ? WHERE id = ?", (queue, flags, card))
    for review_id, cid, ease, took, kind in revlog:
        conn.execute(
            "INSERT INTO revlog VALUES (?, ?, -1, ?, 0, 0, 0, ?, ?)",
            (review_id, cid, ease, took, kind),
        )
    conn.commit()
    conn.close()
    media = {"0": "pd.mp3", "1": "hangul.png", "2": "goblin.jpg"} if media is None else media
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(db, collection_name)
        archive.writestr("media", json.dumps(media))
        for number, name in media.items():
            archive.writestr(number, f"bytes of {name}".encode())
    db.unlink()
    return path
