"""Anki packages (.apkg) through genanki, with card ids as note guids.

Anki matches notes by guid, so importing a newer .apkg of the same deck updates the notes a
learner already has (keeping their Anki progress) instead of adding duplicates. A note also has to
come back as the note type the learner has (see anki_notetypes): a card imported from an Anki
package goes back as its own note type (id, name, fields, templates, styling), with its own HTML
and the media it refers to; other cards go through genanki's stock note types. genanki is imported
only when a package is written: the rest of kdquiz never needs it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from kdquiz.core.files import fresh_temp
from kdquiz.core.interchange.anki_notetypes import NoteType, media_names, read_notetypes
from kdquiz.core.interchange.anki_templates import layouts_of
from kdquiz.core.interchange.anki_text import BASIC, CLOZE, REVERSED, anki_note_fields, kept_note
from kdquiz.core.interchange.common import ExportResult, media_folder
from kdquiz.core.interchange.ids import guid_for_id
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Deck
from kdquiz.core.plural import plural
from kdquiz.core.syntax.html import text_to_html

#: Fields of genanki's stock note types: a kept note goes back through them when it fits.
_FIELDS = {BASIC: 2, REVERSED: 2, CLOZE: 2}
#: A medium larger than this is left out of the package (and said so), as the import refuses it.
MAX_MEDIA_FILE = 100 * 2**20


def anki_deck_id(deck_id: str) -> int:
    """The same kdquiz deck always becomes the same Anki deck (ids in genanki's suggested range)."""
    digest = int(hashlib.sha1(deck_id.encode("utf-8")).hexdigest()[:8], 16)
    return (1 << 30) + digest % (1 << 30)


def export_apkg(deck: Deck, path: Path, *, timestamp: float) -> ExportResult:
    """Write `path`; `timestamp` (seconds) stamps the collection, so equal input gives equal output."""
    import genanki  # only this export needs it

    models: dict[str, Any] = {
        BASIC: genanki.BASIC_MODEL,
        REVERSED: genanki.BASIC_AND_REVERSED_CARD_MODEL,
        CLOZE: genanki.CLOZE_MODEL,
    }
    media_dir = media_folder(Path(deck.path)) if deck.path else None
    kept_types = read_notetypes(media_dir) if media_dir else {}
    own: dict[int, Any] = {}  # note type id -> its genanki model
    anki_deck = genanki.Deck(anki_deck_id(deck.id), deck.title)
    flattened = from_text = 0
    media: dict[str, None] = {}
    layouts = layouts_of(kept_types)
    for card in deck.cards:
        kept = kept_note(card, layouts)
        notetype_kept = kept_types.get(kept[0]) if kept is not None else None
        if kept is not None and notetype_kept and len(kept[1]) == len(notetype_kept.fields):
            if notetype_kept.id not in own:
                own[notetype_kept.id] = _model(genanki, notetype_kept)
            model = own[notetype_kept.id]
            html_fields = kept[1]  # the note's own HTML, images and sounds, untouched
            media.update(dict.fromkeys(media_names(html_fields)))
        elif kept is not None and kept[0] in models and len(kept[1]) == _FIELDS[kept[0]]:
            model, html_fields = models[kept[0]], kept[1]
            from_text += 1
            media.update(dict.fromkeys(media_names(html_fields)))
        else:
            notetype, fields = anki_note_fields(card)
            model, html_fields = models[notetype], [text_to_html(f) for f in fields]
            if spec_of(card).anki_note(card) is None:
                flattened += 1
        anki_deck.add_note(
            genanki.Note(
                model=model,
                fields=html_fields,
                tags=[t.replace(" ", "_") for t in card.tags],
                guid=guid_for_id(card.id),
            )
        )
    # A media folder that is a link could lead anywhere (a shared deck's folder linked to
    # ~/.ssh, its notes naming id_rsa): nothing is packed from it.
    linked = media_dir is not None and media_dir.is_symlink()
    files, missing = _media_files(None if linked else media_dir, list(media))
    tmp = fresh_temp(path.parent, path.name)
    try:
        genanki.Package(anki_deck, media_files=files).write_to_file(str(tmp), timestamp=timestamp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    notes = []
    if from_text:
        notes.append(
            f"{plural(from_text, 'note')} came from an Anki text export, which names no note type "
            "Anki can match: in a package they meet the learner's notes as conflicts. To update "
            "them in place, send `kdquiz export DECK --to anki-tsv` instead"
        )
    if flattened:
        notes.append(
            f"{plural(flattened, 'card')} that Anki cannot check became Basic notes with the "
            "question and answer as text"
        )
    if missing and linked:
        notes.append(
            f"{media_dir.name if media_dir else 'the media folder'}/ is a link to another "
            "folder, so none of its files went into the package (a link could lead to any "
            "file on this computer): make it a real folder to send the images and sounds "
            f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}"
        )
    elif missing:
        notes.append(
            f"{plural(len(missing), 'image or sound', 'images or sounds')} the notes refer to "
            f"{'is' if len(missing) == 1 else 'are'} not in "
            f"{media_dir.name if media_dir else 'the media folder'}/ and stayed out of the "
            f"package: {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}"
        )
    return ExportResult("", tuple(notes))


def _model(genanki: Any, kept: NoteType) -> Any:
    """The learner's own note type, as Anki matches it: same id, fields and templates by name."""
    return genanki.Model(
        kept.id,
        kept.name,
        fields=[{"name": name} for name in kept.fields],
        templates=[{"name": n, "qfmt": q, "afmt": a} for n, q, a in kept.templates],
        css=kept.css,
        model_type=genanki.Model.CLOZE if kept.cloze else genanki.Model.FRONT_BACK,
    )


def _media_files(media_dir: Path | None, names: list[str]) -> tuple[list[str], list[str]]:
    """Paths of the media files found (plain names, regular files, within the size limit) and
    the names of those that are not there."""
    from kdquiz.core.interchange.apkg_read import _safe_name

    found, missing = [], []
    for name in names:
        target = media_dir / name if media_dir and _safe_name(name) else None
        if (
            target is not None
            and not target.is_symlink()
            and target.is_file()
            and target.stat().st_size <= MAX_MEDIA_FILE
        ):
            found.append(str(target))
        else:
            missing.append(name)
    return found, missing
