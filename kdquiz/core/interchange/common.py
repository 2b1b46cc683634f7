"""What every importer and exporter shares: the error type, the deck mapping, cards as plain text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kdquiz.core.kinds import spec_of
from kdquiz.core.model import CLOZE_GAP, Card
from kdquiz.core.plural import plural
from kdquiz.core.safe_text import without_unsafe
from kdquiz.core.syntax.plain import FORBIDDEN
from kdquiz.core.syntax.plain import LETTERS as LETTERS
from kdquiz.core.syntax.plain import blanked_cloze as blanked_cloze
from kdquiz.core.syntax.plain import clean as clean
from kdquiz.core.syntax.plain import lettered as lettered
from kdquiz.core.syntax.plain import number_text as number_text
from kdquiz.errors import DeckError, Problem

#: Called with (units done, units in total) while a big file is read, for a progress bar.
Progress = Callable[[int, int], None]


class ImportFileError(DeckError):
    """A file could not be imported; each problem names the file and line and says how to fix it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, title="Cannot import")

    @classmethod
    def at(cls, path: str, line: int, message: str) -> ImportFileError:
        return cls([Problem(path, line, 1, message)])


@dataclass(frozen=True)
class ImportResult:
    deck: dict[str, Any]
    #: Questions the deck format cannot hold (skipped) or fields it dropped, said once each.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportResult:
    text: str
    #: Cards or fields the target format cannot carry, said once each, for the teacher to read.
    notes: tuple[str, ...] = ()
    #: Ids of the cards left out of the file, so the count printed is of cards actually written.
    skipped: tuple[str, ...] = ()


def media_folder(deck_file: Path) -> Path:
    """Where a package's images and sounds go: a folder beside the deck, named after it."""
    return deck_file.with_name(f"{deck_file.stem}.media")


def card_mapping(card_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A card as the YAML format spells it; empty optional values are left out."""
    out: dict[str, Any] = {"id": card_id, "type": kind}
    for key, value in fields.items():
        if value in ("", None, [], ()) or value is False:
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def deck_mapping(
    deck_id: str,
    title: str,
    cards: list[dict[str, Any]],
    *,
    description: str = "",
    tags: list[str] | None = None,
) -> dict[str, Any]:
    deck: dict[str, Any] = {"format": 1, "id": deck_id, "title": title}
    if description:
        deck["description"] = description
    if tags:
        deck["tags"] = tags
    deck["cards"] = cards
    return deck


def title_from_path(path: str) -> str:
    """A title made from the file's name, without the characters a deck may not hold."""
    stem = " ".join(without_unsafe(Path(path).stem).replace("_", " ").replace("-", " ").split())
    return stem[:1].upper() + stem[1:] if stem else "Imported deck"


def outside_name(name: str) -> str:
    """A name from outside (a file name, an Anki deck name, a GIFT category) fit to be stored in
    a deck: control, bidi and invisible characters taken out, spaces collapsed."""
    return " ".join(without_unsafe(name).split())


def outside_names(names: list[str]) -> list[str]:
    """Each of `names` (tags from a file) fit to be stored in a deck; those left empty go."""
    return [name for name in map(outside_name, names) if name]


def shared_deck(names: list[str]) -> str:
    """The Anki deck that all of `names` are or sit in ("Korean" for `Korean` and
    `Korean::Food`, "Korean Vocab" for its `::Unit 1` and `::Unit 2`); "" when they share none."""
    parts = [name.split("::") for name in dict.fromkeys(names) if name]
    shared: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        shared.append(level[0])
    return "::".join(shared)


def tag_by_group(grouped: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The cards of (group, card) pairs, each tagged with its group (an Anki deck or subdeck, a
    GIFT category) when the file holds more than one group, so what sorted them is kept."""
    if len({group for group, _ in grouped if group}) > 1:
        for group, card in grouped:
            if group:
                card["tags"] = list(dict.fromkeys([*card.get("tags", []), group]))
    return [card for _, card in grouped]


#: Why a cloze text the file spells with `{{` or `}}` as text cannot be one (said after what).
BRACES_OUTSIDE = (
    "holds {{ or }} outside its gaps (as a template's {{ name }} does), which a kdquiz cloze "
    "reads as a gap of its own"
)


def braces_outside_gaps(text: str) -> bool:
    """Whether the kdquiz cloze `text` has a `{{` or `}}` that is not part of a gap, which the
    deck loader refuses: an importer checks what it made, so a file's own braces (a note about
    Vue or Jinja templates) are said of the file, not found wrong in the deck written."""
    outside = CLOZE_GAP.sub("", text)
    return "{{" in outside or "}}" in outside


def deck_safe_fields(fields: list[str]) -> list[str]:
    """A note's fields as kept for sending it back to Anki (`anki:`), without the characters a
    deck may not hold; the import's note about left-out characters counts them."""
    return [FORBIDDEN.sub("", field) for field in fields]


def keeps_note(fields: list[str]) -> bool:
    """Whether a note's HTML fits in the deck's `anki:` key, which holds fields of at most the
    length a card's text may have: HTML pasted from a document (a `<span style=...>` around
    each word) or holding an embedded picture is longer. Such a note comes in as its text, the
    import says which (`html_too_long`), and an export sends it to Anki as a new note."""
    from kdquiz.core.deck_checks import MAX_TEXT_CHARS

    return all(len(field) <= MAX_TEXT_CHARS for field in fields)


def html_too_long(place: str, places: list[int]) -> str:
    """The import's note on the notes `keeps_note` turned down, named by line or note number."""
    from kdquiz.core.deck_checks import MAX_TEXT_CHARS

    one = len(places) == 1
    return (
        f"{plural(len(places), 'note')} ({named_places(place, places)}) came in as text only: "
        f"{'its' if one else 'their'} HTML is longer than the {MAX_TEXT_CHARS:,} characters a "
        "deck keeps (formatting pasted from a document, or an embedded picture), so an export "
        f"back to Anki writes {'it' if one else 'them'} with kdquiz's own note types instead of "
        f"updating the {'note' if one else 'notes'} Anki has"
    )


def imported_from(path: str | Path, what: str = "") -> str:
    """The description an imported deck gets: where it came from, the file named safely."""
    name = outside_name(Path(path).name) or "a file"
    return f"Imported from {name}" + (f" ({what})." if what else ".")


#: How many lines (or notes) a note about left-out characters names before it counts the rest.
NAMED_PLACES = 10


def dropped_characters(text: str) -> str | None:
    """The import's note for a file whose text holds characters a deck may not hold (control and
    bidi characters, which `clean` leaves out): how many, and on which lines; None for none."""
    count = 0
    lines: list[int] = []
    line, last = 1, 0
    for found in FORBIDDEN.finditer(text):
        line += text.count("\n", last, found.start())
        last = found.start()
        count += 1
        if not lines or lines[-1] != line:
            lines.append(line)
    return dropped_note(count, "line", lines) if count else None


def dropped_note(count: int, place: str, places: list[int]) -> str:
    """`count` characters left out, at the `places` (line or note numbers) named, the first few
    of them: said once per file, so a teacher can look at what the file held there."""
    return (
        f"left out {plural(count, 'control or bidi-override character')}, which a deck may "
        f"not hold, on {named_places(place, places)}"
    )


def skipped_notes(skips: list[tuple[int, str]], place: str) -> list[str]:
    """The import's notes on notes left out, one per reason, each `reason` starting with what
    follows the place (": why"): `skipped line 4: why` for one note, `skipped 120 notes (on
    lines 4, 9, ... and 110 more lines): why` for many, so a big collection's notes that share a
    reason fill one line, not a screen."""
    by_reason: dict[str, list[int]] = {}
    for at, reason in skips:
        by_reason.setdefault(reason, []).append(at)
    return [
        f"skipped {place} {places[0]}{reason}"
        if len(places) == 1
        else f"skipped {len(places)} notes (on {named_places(place, places)}){reason}"
        for reason, places in by_reason.items()
    ]


def named_places(place: str, places: list[int]) -> str:
    """`lines 3, 9 and 2 more lines`: the first few places, and how many more."""
    named = [str(p) for p in places[:NAMED_PLACES]]
    more = len(places) - len(named)
    if more:
        named.append(plural(more, f"more {place}"))
    where = f"{place}s " if len(places) > 1 else f"{place} "
    return where + (f"{', '.join(named[:-1])} and {named[-1]}" if len(named) > 1 else named[0])


def question_text(card: Card) -> str:
    """The question side as plain text, for formats that only have a front and a back."""
    return spec_of(card).plain_question(card)


def answer_text(card: Card, *, with_explain: bool = True) -> str:
    """The answer side as plain text; the explanation follows for kinds that are not flashcards."""
    answer = spec_of(card).plain_answer(card)
    if spec_of(card).self_rated:  # a flashcard's back is the whole answer side
        return answer
    return f"{answer}\n\n{card.explain}" if card.explain and with_explain else answer
