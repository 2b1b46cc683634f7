"""Anki packages (.apkg) through genanki, with card ids as note guids.

Anki matches notes by guid, so importing a newer .apkg of the same deck updates the notes a
learner already has (keeping their Anki progress) instead of adding duplicates. genanki is
imported only when a package is written: the rest of kdquiz never needs it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kdquiz.core.files import fresh_temp
from kdquiz.core.interchange.anki_text import BASIC, CLOZE, REVERSED, anki_note_fields, kept_note
from kdquiz.core.interchange.common import ExportResult
from kdquiz.core.interchange.ids import guid_for_id
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import Deck
from kdquiz.core.plural import plural
from kdquiz.core.syntax.html import text_to_html

#: Fields of genanki's stock note types: a kept note goes back through them when it fits.
_FIELDS = {BASIC: 2, REVERSED: 2, CLOZE: 2}


def anki_deck_id(deck_id: str) -> int:
    """The same kdquiz deck always becomes the same Anki deck (ids in genanki's suggested range)."""
    digest = int(hashlib.sha1(deck_id.encode("utf-8")).hexdigest()[:8], 16)
    return (1 << 30) + digest % (1 << 30)


def export_apkg(deck: Deck, path: Path, *, timestamp: float) -> ExportResult:
    """Write `path`; `timestamp` (seconds) stamps the collection, so equal input gives equal output."""
    import genanki  # only this export needs it

    models = {
        BASIC: genanki.BASIC_MODEL,
        REVERSED: genanki.BASIC_AND_REVERSED_CARD_MODEL,
        CLOZE: genanki.CLOZE_MODEL,
    }
    anki_deck = genanki.Deck(anki_deck_id(deck.id), deck.title)
    flattened = 0
    for card in deck.cards:
        kept = kept_note(card)
        if kept is not None and kept[0] in models and len(kept[1]) == _FIELDS[kept[0]]:
            notetype, html_fields = kept  # the note's own HTML, images and sounds, untouched
        else:
            notetype, fields = anki_note_fields(card)
            html_fields = [text_to_html(f) for f in fields]
            if spec_of(card).anki_note(card) is None:
                flattened += 1
        anki_deck.add_note(
            genanki.Note(
                model=models[notetype],
                fields=html_fields,
                tags=[t.replace(" ", "_") for t in card.tags],
                guid=guid_for_id(card.id),
            )
        )
    tmp = fresh_temp(path.parent, path.name)
    try:
        genanki.Package(anki_deck).write_to_file(str(tmp), timestamp=timestamp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    notes = (
        (
            (
                f"{plural(flattened, 'card')} that Anki cannot check became Basic notes with the question "
                "and answer as text"
            ),
        )
        if flattened
        else ()
    )
    return ExportResult("", notes)
