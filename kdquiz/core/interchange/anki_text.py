"""Anki's "Notes in Plain Text" files: import them as decks, and write decks Anki imports again.

The file starts with `#key:value` header lines (`#separator:tab`, `#html:true`, `#guid column:1`,
`#notetype column:2`, `#deck column:3`, `#tags column:6`, or a fixed `#deck:`/`#notetype:`/`#tags:`),
then one note per record. Basic notes become flashcards ("... reversed card" ones get
`reverse: true`), Cloze notes become cloze cards (`{{c1::Seoul::city}}` -> `{{Seoul::city}}`, the
Back Extra field becomes `explain`), "Basic (type in the answer)" notes become typed cards. A
"Cards in Plain Text" export repeats the question above `<hr id=answer>` in the answer column;
the part after it is the back. A note Anki holds but kdquiz cannot make a card of (a side that is
only an image or a sound, an empty side, an Image Occlusion note, a deletion never closed) is left
out and named with the reason, and the other notes come in; only a file with no note kdquiz can
make a card of is refused. Column numbers count from 1, as in Anki.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kdquiz.core.interchange.anki_cloze import has_deletion, is_image_occlusion, read_anki_cloze
from kdquiz.core.interchange.anki_templates import Layout, layouts_of
from kdquiz.core.interchange.common import (
    BRACES_OUTSIDE,
    ExportResult,
    ImportFileError,
    ImportResult,
    Progress,
    answer_text,
    braces_outside_gaps,
    clean,
    deck_mapping,
    deck_safe_fields,
    html_too_long,
    imported_from,
    keeps_note,
    named_places,
    outside_name,
    outside_names,
    question_text,
    shared_deck,
    skipped_notes,
    tag_by_group,
    title_from_path,
)
from kdquiz.core.interchange.delimited import Record, read_records, write_record
from kdquiz.core.interchange.ids import IdAllocator, content_id, guid_for_id, id_from_guid, slugify
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import CLOZE_GAP, Card, Deck
from kdquiz.core.plural import plural
from kdquiz.core.syntax.anki import BASIC as BASIC
from kdquiz.core.syntax.anki import CLOZE as CLOZE
from kdquiz.core.syntax.anki import IMAGE, SOUND
from kdquiz.core.syntax.anki import REVERSED as REVERSED
from kdquiz.core.syntax.html import html_to_text, looks_like_html, text_to_html

if TYPE_CHECKING:
    from kdquiz.core.interchange.anki_notetypes import NoteType

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
HEADER = re.compile(r"#([a-z ]+):(.*)\Z", re.IGNORECASE)
ANSWER_RULE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.IGNORECASE)
_MEDIA = re.compile(r"<(?:img|audio|video|source)\b|\[sound:", re.IGNORECASE)


@dataclass
class AnkiHeaders:
    separator: str | None = None
    html: bool | None = None
    guid_column: int = 0
    notetype_column: int = 0
    deck_column: int = 0
    tags_column: int = 0
    notetype: str = ""
    deck: str = ""
    tags: list[str] = field(default_factory=list)
    lines: int = 0  # how many header lines precede the notes

    def meta_columns(self) -> set[int]:
        return {
            c
            for c in (self.guid_column, self.notetype_column, self.deck_column, self.tags_column)
            if c
        }


def looks_like_anki_text(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    return first.startswith(
        ("#separator:", "#html:", "#notetype", "#deck", "#guid column:", "#tags", "tags:")
    )


def read_headers(lines: list[str], path: str) -> AnkiHeaders:
    headers = AnkiHeaders()
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if number == 1 and line.startswith("tags:"):
            headers.tags = line[5:].split()
        elif not line.startswith("#"):
            break
        else:
            match = HEADER.match(line)
            if match:
                _header(headers, match.group(1).strip().lower(), match.group(2), path, number)
        headers.lines = number
    return headers


def _header(headers: AnkiHeaders, key: str, value: str, path: str, line: int) -> None:
    if key == "separator":
        word = value.strip().lower()
        sep = SEPARATORS.get(word) or (value if len(value) == 1 else None)
        if sep is None:
            raise ImportFileError.at(
                path, line, f"unknown separator {value!r}: write one of {', '.join(SEPARATORS)}"
            )
        headers.separator = sep
    elif key == "html":
        word = value.strip().lower()
        if word not in ("true", "false"):
            raise ImportFileError.at(
                path, line, f"#html must be true or false, not {value.strip()!r}"
            )
        headers.html = word == "true"
    elif key in ("guid column", "notetype column", "deck column", "tags column"):
        try:
            column = int(value.strip())
        except ValueError:
            column = 0
        if column < 1:
            raise ImportFileError.at(
                path, line, f"#{key} must be a column number counting from 1, not {value.strip()!r}"
            )
        setattr(headers, key.replace(" ", "_"), column)
    elif key == "notetype":
        headers.notetype = value.strip()
    elif key == "deck":
        headers.deck = value.strip()
    elif key == "tags":
        headers.tags = value.split()


def _guess_separator(body: str) -> str:
    sample = body[:8192]
    for sep in ("\t", ";", ","):
        if sep in sample:
            return sep
    return "\t"


def parse_anki_text(text: str, path: str, *, progress: Progress | None = None) -> ImportResult:
    """A deck mapping from an Anki text export, with notes naming the notes left out; raises
    ImportFileError for a file that is not one (a quote never closed, a bad header, no notes)."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    headers = read_headers(lines, path)
    body = "\n".join(lines[headers.lines :])
    sep = headers.separator or _guess_separator(body)
    records = list(
        read_records(
            body, sep, path, first_line=headers.lines + 1, comments=True, progress=progress
        )
    )
    joined = 0
    if not headers.lines:  # Quizlet's export: a definition's line breaks are written as they are
        records, joined = _join_broken_lines(records, path)
    is_html = headers.html
    if is_html is None:
        is_html = any(looks_like_html(f) for r in records[:50] for f in r.fields)

    ids = IdAllocator()
    cards: list[tuple[str, dict[str, Any]]] = []  # (its Anki deck, card)
    skipped: list[tuple[int, str]] = []  # (line, ": why")
    remarks: list[str] = []
    with_media: list[int] = []  # lines of the notes whose images and sounds are left out
    too_long: list[int] = []  # lines of the notes whose HTML is too long to keep in `anki:`
    deck_names: list[str] = []
    meta = headers.meta_columns()
    for record in records:

        def column(number: int, fields: list[str] = record.fields) -> str:
            return fields[number - 1] if 0 < number <= len(fields) else ""

        notetype = outside_name(column(headers.notetype_column) or headers.notetype)
        deck_name = outside_name(column(headers.deck_column) or headers.deck)
        if deck_name and deck_name not in deck_names:
            deck_names.append(deck_name)
        tags = outside_names([*headers.tags, *column(headers.tags_column).split()])
        raw_fields = _answer_side(record_fields(record, meta))
        fields = [clean(html_to_text(f) if is_html else f) for f in raw_fields]
        guid = column(headers.guid_column).strip()
        try:  # a note Anki holds but kdquiz cannot make a card of is left out and named
            if not is_image_occlusion_note(notetype, fields):
                _media_only(raw_fields, fields)
            card = _note_to_card(fields, notetype, record.line, path)
        except ValueError as exc:
            skipped.append((record.line, f": {exc}"))
            continue
        remarks.extend(f"line {record.line}: {r}" for r in note_remarks(fields, card))
        if any(_MEDIA.search(f) for f in raw_fields):
            with_media.append(record.line)
        wanted = (
            id_from_guid(guid)
            if guid
            else content_id(card.get("front") or card.get("prompt") or card["text"], card["type"])
        )
        card = {"id": ids.take(wanted), **card}
        if tags:
            card["tags"] = list(dict.fromkeys(tags))
        own = record_fields(record, meta)
        if notetype and is_html and not keeps_note(own):
            too_long.append(record.line)
        elif notetype and is_html:  # what Anki needs to update this note in place on export
            card["anki"] = {"notetype": notetype, "fields": deck_safe_fields(own)}
        cards.append((deck_name, card))
    if not cards:
        found = (
            "; ".join(f"line {line}{why}" for line, why in skipped[:3])
            + " (if every note reads so, check the #separator header and "
            "the column headers)"
            if skipped
            else "the file has only headers or blank lines"
        )
        raise ImportFileError.at(path, headers.lines + 1, f"no notes kdquiz can show: {found}")
    name = shared_deck(deck_names) or (deck_names[0] if deck_names else "")
    # The full Anki deck name ("Korean::K-drama"), so an export goes back into the same Anki deck.
    title = name if name else title_from_path(path)
    deck_id = slugify(name.replace("::", " "), 60) if name else slugify(Path(path).stem, 60)
    return ImportResult(
        deck_mapping(
            deck_id or "imported",
            title,
            tag_by_group(cards),  # cards from subdecks keep their deck as a tag
            # A file without Anki's headers (Quizlet's export, a spreadsheet's text) is not Anki's.
            description=imported_from(
                path,
                "Anki text export"
                if headers.lines
                else ("tab-separated text" if sep == "\t" else "delimited text"),
            ),
        ),
        (
            *skipped_notes(skipped, "line"),
            *remarks,
            *_media_left_out(with_media),
            *([html_too_long("line", too_long)] if too_long else []),
            *_headerless_columns(headers, records),
            *(
                [
                    f"joined {plural(joined, 'line')} without a separator to the card above "
                    "(a definition with line breaks, as Quizlet exports one)"
                ]
                if joined
                else []
            ),
        ),
    )


def media_placeholders(field: str) -> str:
    """Images and sounds as text the terminal can show, before the HTML is reduced. A picture
    embedded in the HTML itself (`src="data:image/png;base64,..."`) is named as such, not by
    its data, which would fill the card (and its screen) with thousands of letters."""
    field = IMAGE.sub(lambda m: f" [image: {_picture_name(m.group(1))}] ", field)
    return SOUND.sub(lambda m: f" [audio: {m.group(1)}] ", field)


def _picture_name(source: str) -> str:
    return "embedded picture" if source[:5].lower() == "data:" else source


def record_fields(record: Any, meta: set[int]) -> list[str]:
    """The note's own fields, exactly as Anki wrote them (the guid, type, deck, tag columns out)."""
    return [f for i, f in enumerate(record.fields, start=1) if i not in meta]


def kept_note(card: Card, layouts: dict[str, Layout] | None = None) -> tuple[str, list[str]] | None:
    """The Anki note a card was imported from, when the card still says what that note says.

    Anki's HTML, images and sounds then go back untouched (and a cloze keeps its own c1, c2
    numbering); a card edited in kdquiz is written from its new text instead. `layouts` (by
    note type) say which fields a package's own note types ask, as the import read them."""
    if not card.anki:
        return None
    notetype, fields = card.anki[0], list(card.anki[1:])
    found = (layouts or {}).get(notetype)
    read = found.fields(fields) if found is not None else fields
    for shown in (str, media_placeholders):  # a text export drops media; a package shows them
        try:
            again = _note_to_card(
                [clean(html_to_text(shown(f))) for f in _answer_side(read)], notetype, 0, ""
            )
        except ValueError:
            continue
        if again["type"] == card.kind.value and all(
            getattr(card, key, None) == value for key, value in again.items() if key != "type"
        ):
            return notetype, fields
    return None


def _answer_side(fields: list[str]) -> list[str]:
    """A Cards export's answer repeats the question above `<hr id=answer>`: keep what follows.

    A single column holding both sides is split into front and back."""
    if len(fields) == 1 and ANSWER_RULE.search(fields[0]):
        front, back = ANSWER_RULE.split(fields[0], maxsplit=1)
        return [front, back]
    return [ANSWER_RULE.split(f, maxsplit=1)[-1] for f in fields]


def _media_only(raw: list[str], fields: list[str]) -> None:
    """ValueError saying why, when the note's front or back is only media."""
    for side, (html_field, text) in zip(("front", "back"), zip(raw, fields, strict=False)):
        if not text and _MEDIA.search(html_field):
            raise ValueError(
                f"its {side} is only an image or a sound, which kdquiz cannot show in the "
                "terminal: add text to that field in Anki to bring the note in"
            )


def _join_broken_lines(records: list[Record], path: str) -> tuple[list[Record], int]:
    """Records with one field after a first one, each a line of the record before's last field:
    Anki writes every field of a note (and quotes a line break), so a line without a separator
    in a file without headers is the rest of a definition. Returns the records and how many
    lines were joined. The pieces are joined once a record (not again for each line), and a
    definition running past what a card may hold stops the import at the line it starts on."""
    from kdquiz.core.deck_checks import MAX_TEXT_CHARS

    out: list[Record] = []
    pieces: list[list[str]] = []  # the last field of each record in `out`, line by line
    joined = length = 0  # length: of the last record's last field as joined so far
    for record in records:
        if out and len(record.fields) == 1 and len(out[-1].fields) > 1:
            pieces[-1].append(record.fields[0])
            joined += 1
            length += 1 + len(record.fields[0])
            if length > MAX_TEXT_CHARS:
                raise ImportFileError.at(
                    path,
                    out[-1].line,
                    f"the definition starting here runs on for {len(pieces[-1]):,} lines, past "
                    f"the {MAX_TEXT_CHARS:,} characters a card's text may hold (a line "
                    "without a separator is read as the definition above going on, as Quizlet "
                    "exports one): put a separator between each term and its definition",
                )
        else:
            out.append(record)
            pieces.append([record.fields[-1]])
            length = len(record.fields[-1])
    return [
        Record(r.line, [*r.fields[:-1], "\n".join(p)]) if len(p) > 1 else r
        for r, p in zip(out, pieces, strict=True)
    ], joined


def _headerless_columns(headers: AnkiHeaders, records: list[Any]) -> list[str]:
    """The note for a file without Anki's headers whose notes have a third column: it became
    `explain`, but Anki before 2.1.55 wrote tags there, and kdquiz cannot tell them apart."""
    if headers.lines or not any(len(r.fields) > 2 and r.fields[-1].strip() for r in records):
        return []
    widest = max(len(r.fields) for r in records)
    return [
        "the file has no Anki headers, so the columns after the second were taken as the "
        "cards' explanation: if the last one holds tags (Anki before 2.1.55 wrote them there), "
        f"add the line #tags column:{widest} at the top and import again"
    ]


def _media_left_out(lines: list[int]) -> list[str]:
    """The note saying which notes' images and sounds a text export could not bring."""
    if not lines:
        return []
    return [
        f"left out the images and sounds of {plural(len(lines), 'note')} (on "
        f"{named_places('line', lines)}): a text export holds none; export an Anki Deck "
        "Package (.apkg) instead to bring them"
    ]


def is_image_occlusion_note(notetype: str, fields: list[str]) -> bool:
    return "image occlusion" in notetype.lower() or any(map(is_image_occlusion, fields[:1]))


def note_remarks(fields: list[str], card: dict[str, Any]) -> list[str]:
    """What the import says of a note brought in with a change a teacher should know of."""
    if card["type"] == "cloze":
        folded = read_anki_cloze(fields[0]).folded
        if folded:
            return [
                f"{plural(folded, 'cloze deletion')} inside another folded into the gap around "
                "it (a kdquiz gap holds plain text, so only the outer deletion is asked)"
            ]
    return []


def _note_to_card(fields: list[str], notetype: str, line: int, path: str) -> dict[str, Any]:
    """The card a note makes; ValueError saying why when it cannot make one."""
    if is_image_occlusion_note(notetype, fields):
        raise ValueError(
            "it is an Image Occlusion note, whose cards hide parts of a picture: kdquiz cannot "
            "show pictures in the terminal"
        )
    kind_name = notetype.lower()
    # A note type named in another language ("Lückentext", "Texte à trous") is known as a cloze
    # by its deletions; an English "Basic ..." note showing `{{c1::` as text stays Basic.
    is_cloze = "cloze" in kind_name or (
        not kind_name.startswith("basic") and bool(fields) and has_deletion(fields[0])
    )
    if is_cloze:
        read = read_anki_cloze(fields[0] if fields else "")
        text = read.text
        if not read.numbers:
            raise ValueError(
                "this Cloze note has no deletion like {{c1::answer}} in its first field: "
                "add one, or change its note type to Basic"
            )
        answers = [m.group(1).partition("::")[0].strip() for m in CLOZE_GAP.finditer(text)]
        if len(answers) < len(read.numbers) or not all(answers):
            raise ValueError(
                "a cloze deletion is empty (or hid only an image or a sound, which a text export "
                "leaves out): write the hidden answer after {{c1:: in Anki"
            )
        if len(answers) > len(read.numbers) or braces_outside_gaps(text):
            # `{{ msg }}` written as text beside the deletions would become a gap to type (or,
            # a `}}` alone, a deck the loader refuses): Anki shows it as the text it is.
            raise ValueError(
                f"the text {BRACES_OUTSIDE}: take those braces out in Anki, or change the "
                "note type to Basic"
            )
        _typeable(answers, "a cloze deletion")
        extra = "\n\n".join(f for f in fields[1:] if f)
        cloze: dict[str, Any] = {"type": "cloze", "text": text}
        if extra:
            cloze["explain"] = extra
        return cloze
    if len(fields) < 2 or not fields[0] or not fields[1]:
        side = "front" if not fields or not fields[0] else "back"
        raise ValueError(
            f"the note's {side} is empty: a flashcard needs a front and a back, so fill it in "
            "in Anki to bring the note in"
        )
    if "type in" in kind_name:  # the answer is typed on one line; what follows explains it
        answer, _, more = fields[1].partition("\n")
        _typeable([answer], "the answer to type")
        typed: dict[str, Any] = {"type": "typed", "prompt": fields[0], "answer": answer.strip()}
        explain = "\n\n".join(f.strip() for f in (more, *fields[2:]) if f.strip())
        return typed | ({"explain": explain} if explain else {})
    reverse = "reverse" in kind_name and "optional" not in kind_name
    rest = fields[2:]
    if "optional" in kind_name and "reverse" in kind_name:
        reverse, rest = bool(rest and rest[0]), rest[1:]
    extra = "\n\n".join(f for f in rest if f)
    out: dict[str, Any] = {"type": "flashcard", "front": fields[0], "back": fields[1]}
    if reverse:
        out["reverse"] = True
    if extra:
        out["explain"] = extra
    return out


#: A field that was only an image or a sound, as a package's note shows it (media_placeholders).
_ONLY_MEDIA = re.compile(r"(?:\s*\[(?:image|audio): [^\]]*\]\s*)+")


def _typeable(answers: list[str], what: str) -> None:
    """ValueError when an answer the learner must type is only an image or a sound."""
    if any(_ONLY_MEDIA.fullmatch(answer) for answer in answers):
        raise ValueError(
            f"{what} is only an image or a sound, which cannot be typed in the terminal: "
            "give it words in Anki to bring the note in"
        )


def export_anki_text(deck: Deck) -> ExportResult:
    """Notes in Plain Text, as Anki itself writes them: guid, note type, deck, fields, tags."""
    sep = "\t"
    lines = [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
    ]
    flattened: list[str] = []
    lost_explain: list[str] = []
    kept_types = _kept_types(deck)
    names = {label: nt.name for label, nt in kept_types.items()}
    layouts = layouts_of(kept_types)
    for card in deck.cards:
        kept = kept_note(card, layouts)
        if kept is not None:
            notetype, html_fields = names.get(kept[0], kept[0]), kept[1]
        else:
            notetype, fields = anki_note_fields(card)
            html_fields = [text_to_html(f) for f in fields]
            if spec_of(card).anki_note(card) is None:
                flattened.append(card.id)
            elif notetype != CLOZE and card.explain:
                lost_explain.append(card.id)
        tags = " ".join(t.replace(" ", "_") for t in card.tags)
        lines.append(
            write_record([guid_for_id(card.id), notetype, deck.title, *html_fields, tags], sep)
        )
    return ExportResult("\n".join(lines) + "\n", tuple(_notes(flattened, lost_explain)))


def _kept_types(deck: Deck) -> dict[str, NoteType]:
    """The note types a package import kept beside the deck (by the cards' `anki:` names): their
    own names ("Vocab (type in)" -> "Vocab"), so Anki finds the learner's note type by name, and
    their templates, which say which fields the cards ask."""
    from kdquiz.core.interchange.anki_notetypes import read_notetypes
    from kdquiz.core.interchange.common import media_folder

    return read_notetypes(media_folder(Path(deck.path))) if deck.path else {}


def anki_note_fields(card: Card) -> tuple[str, list[str]]:
    """The Anki note type and its two fields for a card (shared with the .apkg exporter)."""
    note = spec_of(card).anki_note(card)
    return note if note is not None else (BASIC, [question_text(card), answer_text(card)])


def _notes(flattened: list[str], lost_explain: list[str]) -> list[str]:
    notes = []
    if flattened:
        notes.append(
            f"{plural(len(flattened), 'card')} that Anki cannot check (mcq, multi, truefalse, typed, "
            f"numeric, order) became Basic notes with the question and answer as text: "
            f"{', '.join(flattened[:5])}{' ...' if len(flattened) > 5 else ''}"
        )
    if lost_explain:
        notes.append(
            f"Anki's Basic note type has no place for 'explain'; it was left out for "
            f"{plural(len(lost_explain), 'flashcard')}: {', '.join(lost_explain[:5])}"
            f"{' ...' if len(lost_explain) > 5 else ''}"
        )
    return notes
