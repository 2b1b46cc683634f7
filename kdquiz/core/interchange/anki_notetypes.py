"""The Anki note types a package's notes used, kept beside the deck so an .apkg export can bring
the notes back as the same note type, and Anki updates the learners' notes in place.

Anki's package importer matches note types by id: the incoming note type is taken as the one the
learner has only if the id is the same and so are its fields and card templates (by name, in
order). Otherwise it is added as a new note type, and every note of the package whose guid the
learner already has is reported as a conflict and left as it was. So the import keeps each note
type's id, name, kind, field names, templates and styling in `NOTETYPES_FILE` of the deck's media
folder (a name no package medium can have: media names never start with a dot), and the .apkg
export builds its genanki model from them.

The file is written by `kdquiz import` but lives in a folder anyone can edit: it is read with
size limits and shape checks, and anything that does not fit is ignored (the export then uses
kdquiz's own note types and says so).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kdquiz.core.files import fresh_temp
from kdquiz.core.syntax.anki import IMAGE, SOUND

NOTETYPES_FILE = ".anki-notetypes.json"
MAX_FILE_BYTES = 8 * 2**20
MAX_NAME = 255
MAX_TEMPLATE = 1 << 20  # one template or style sheet; Anki's own are a few hundred characters
MAX_PARTS = 32  # fields or card templates of one note type


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str, str], ...]  # (name, question format, answer format)
    css: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "cloze": self.cloze,
            "fields": list(self.fields),
            "templates": [list(t) for t in self.templates],
            "css": self.css,
        }


def note_type(data: Any) -> NoteType | None:
    """A NoteType from plain data (a package's or the kept file's), None if anything is off."""
    if not isinstance(data, dict):
        return None
    nt_id, name, cloze = data.get("id"), data.get("name"), data.get("cloze")
    fields, templates, css = data.get("fields"), data.get("templates"), data.get("css", "")
    if not (
        isinstance(nt_id, int)
        and not isinstance(nt_id, bool)
        and 0 < nt_id < 2**63
        and _text(name, MAX_NAME)
        and isinstance(cloze, bool)
        and _text(css, MAX_TEMPLATE, empty=True)
        and isinstance(fields, list)
        and 0 < len(fields) <= MAX_PARTS
        and all(_text(f, MAX_NAME) for f in fields)
        and isinstance(templates, list)
        and 0 < len(templates) <= MAX_PARTS
        and all(
            isinstance(t, list)
            and len(t) == 3
            and _text(t[0], MAX_NAME)
            and all(_text(part, MAX_TEMPLATE, empty=True) for part in t[1:])
            for t in templates
        )
    ):
        return None
    return NoteType(
        nt_id,
        str(name),
        cloze,
        tuple(fields),
        tuple((t[0], t[1], t[2]) for t in templates),
        css,
    )


def _text(value: object, limit: int, *, empty: bool = False) -> bool:
    return isinstance(value, str) and (empty or bool(value)) and len(value) <= limit


def write_notetypes(media_dir: Path, notetypes: dict[str, NoteType]) -> None:
    """Keep `notetypes` (by the note type name the cards' `anki:` key gives) in `media_dir`."""
    text = json.dumps({label: nt.to_json() for label, nt in notetypes.items()}, ensure_ascii=False)
    tmp = fresh_temp(media_dir, NOTETYPES_FILE)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, media_dir / NOTETYPES_FILE)
    finally:
        tmp.unlink(missing_ok=True)


def read_notetypes(media_dir: Path) -> dict[str, NoteType]:
    """The kept note types ({} when there are none, or the file is not one kdquiz wrote)."""
    path = media_dir / NOTETYPES_FILE
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, not JSON, a 5,000-digit number,
        return {}  # nesting deeper than Python recurses: not a file kdquiz wrote
    if not isinstance(data, dict):
        return {}
    found = {label: note_type(entry) for label, entry in data.items()}
    return {label: nt for label, nt in found.items() if isinstance(label, str) and nt is not None}


def media_names(fields: list[str]) -> list[str]:
    """The files a note's HTML refers to (`<img src>`, `[sound:]`), each once, in order."""
    names: dict[str, None] = {}
    for field in fields:
        for pattern in (IMAGE, SOUND):
            names.update(dict.fromkeys(m.group(1) for m in pattern.finditer(field)))
    # A picture embedded in the HTML (`data:image/png;base64,...`) travels inside it: no file.
    return [name for name in names if name[:5].lower() != "data:"]
