"""Plain CSV/TSV spreadsheets of front,back (the simplest thing a teacher has), and CSV export.

The separator is the tab for .tsv files, the one an Excel `sep=;` first line names, otherwise the
one of tab, semicolon and comma that splits the rows evenly (see `guess_separator`). The first
row is a header when it names the columns (front/question/term, back/answer/definition, tags, id,
explain, type); without one the columns are front, back, tags. Columns the import does not read
are named in its notes when any row fills them.
A front with `{{c1::...}}` (Anki) or a `type` of cloze makes a cloze card.
"""

from __future__ import annotations

import re
from itertools import islice
from pathlib import Path
from typing import Any

from kdquiz.core.interchange.anki_cloze import has_deletion, read_anki_cloze
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
    imported_from,
    outside_name,
    title_from_path,
)
from kdquiz.core.interchange.delimited import read_records, write_record
from kdquiz.core.interchange.ids import IdAllocator, content_id, slugify
from kdquiz.core.kinds import spec_of
from kdquiz.core.model import CLOZE_GAP, Deck
from kdquiz.core.plural import plural
from kdquiz.core.safe_text import shows_as_is
from kdquiz.core.spreadsheet import neutralised_text, safe_cell
from kdquiz.errors import Problem

COLUMN_NAMES = {
    "front": "front",
    "question": "front",
    "term": "front",
    "prompt": "front",
    "word": "front",
    "back": "back",
    "answer": "back",
    "definition": "back",
    "meaning": "back",
    "tags": "tags",
    "tag": "tags",
    "id": "id",
    "guid": "id",
    "explain": "explain",
    "explanation": "explain",
    "notes": "explain",
    "extra": "explain",
    "type": "type",
    "kind": "type",
}
#: The front and back as a header names them in other languages: Anki's own names for the Basic
#: note type's fields in each (Vorderseite/Rückseite, Recto/Verso, 앞면/뒷면, ...) and the words a
#: teacher's sheet uses, so such a header row is read as one rather than as a card.
FOREIGN_COLUMN_NAMES = {
    "front": (
        "vorderseite frage begriff recto terme anverso pregunta término fronte domanda "
        "frente pergunta 앞면 질문 단어 表面 質問"
    ),
    "back": (
        "rückseite antwort bedeutung verso réponse définition reverso respuesta definición "
        "retro risposta resposta 뒷면 답 정답 뜻 裏面 答え"
    ),
}
COLUMN_NAMES.update(
    {word: role for role, words in FOREIGN_COLUMN_NAMES.items() for word in words.split()}
)


#: The column roles kdquiz reads, as a header row may name them.
COLUMN_ROLES = ("front", "back", "tags", "id", "explain", "type")
#: The separators a file without a `sep=` line is tried with, the first preferred on a tie.
CANDIDATES = ("\t", ";", ",")
#: How many records the separator is judged on.
SNIFF_RECORDS = 50
#: Excel's first-line hint naming the separator (`sep=;`), written by some exports.
_SEP_HINT = re.compile(r"sep=(.)\r?\Z", re.IGNORECASE)


def guess_separator(text: str, path: str) -> str:
    """The separator the file's records are split on: the tab for .tsv files; else the one whose
    first row names the columns; else the one that splits the most rows into the same number of
    columns (tab, then semicolon, then comma on a tie). A European spreadsheet's semicolons win
    over the decimal commas in its cells that way, and a comma file's stray semicolons lose."""
    if Path(path).suffix.lower() in (".tsv", ".tab"):
        return "\t"
    sample = {sep: _sample(text, sep, path) for sep in CANDIDATES}
    for sep, records in sample.items():
        if records and _header_columns(records[0]) is not None:
            return sep

    def score(sep: str) -> tuple[int, int, int]:
        counts = [len(fields) for fields in sample[sep] if len(fields) > 1]
        modal = max(counts.count(n) for n in set(counts)) if counts else 0
        return len(counts), modal, -CANDIDATES.index(sep)

    best = max(CANDIDATES, key=score)
    return best if score(best)[0] else ","


def _sample(text: str, sep: str, path: str) -> list[list[str]]:
    """The first records as `sep` splits them ([] when a quote is left open that way)."""
    try:
        return [r.fields for r in islice(read_records(text, sep, path), SNIFF_RECORDS)]
    except ImportFileError:
        return []


def _separator_hint(text: str, path: str) -> tuple[str | None, str, int]:
    """Excel's `sep=;` first line: the separator it names, the text after it, and the line the
    records start on; the text as it is when there is no such line. A line break, a quote mark
    or a control character cannot split cells (a bare `sep=` ending in CRLF would name the CR)."""
    first, newline, rest = text.partition("\n")
    match = _SEP_HINT.match(first)
    if match is None:
        return None, text, 1
    sep = match.group(1)
    if sep == '"' or (sep != "\t" and not shows_as_is(sep)):
        if sep == "\r":
            why = "the first line, sep=, names no separator"
        else:
            named = "the quote mark" if sep == '"' else "a control character"
            why = f"the first line names {named} as the separator (sep=), which cannot split cells"
        raise ImportFileError.at(
            path, 1, f"{why}: write the separator after sep= (sep=, or sep=;), or delete that line"
        )
    return sep, rest if newline else "", 2


def _header_columns(fields: list[str]) -> dict[str, int] | None:
    """Column roles when the first row is a header (it must name at least a front and a back)."""
    roles: dict[str, int] = {}
    for index, name in enumerate(fields):
        role = COLUMN_NAMES.get(name.strip().lower())
        if role and role not in roles:
            roles[role] = index
    return roles if {"front", "back"} <= roles.keys() else None


def names_columns(line: str, sep: str) -> bool:
    """Whether `line`, split on `sep`, is a header row naming a front and a back column."""
    return _header_columns(line.rstrip("\r").split(sep)) is not None


def parse_csv(text: str, path: str, *, progress: Progress | None = None) -> ImportResult:
    hinted, text, first = _separator_hint(text.lstrip("\ufeff"), path)
    sep = hinted or guess_separator(text, path)
    records = list(read_records(text, sep, path, first_line=first, progress=progress))
    if not records:
        raise ImportFileError.at(
            path, 1, "the file is empty: write one card per line as front,back"
        )
    header = records[0].fields
    roles = _header_columns(header)
    if roles is not None:
        records = records[1:]
        notes = _unread_named(header, roles, records)
    else:
        roles = {"front": 0, "back": 1, "tags": 2}
        notes = _unread_unnamed(records)
    ids = IdAllocator()
    cards: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for record in records:

        def get(role: str, fields: list[str] = record.fields) -> str:
            index = roles.get(role)
            if index is None or index >= len(fields):
                return ""
            return clean(neutralised_text(fields[index]))

        front, back = get("front"), get("back")
        if not any(f.strip() for f in record.fields):
            continue
        is_cloze = get("type").lower() == "cloze" or has_deletion(front)
        if is_cloze:
            try:
                card: dict[str, Any] = {"type": "cloze", "text": read_anki_cloze(front).text}
            except ValueError as exc:
                problems.append(Problem(path, record.line, 1, str(exc)))
                continue
            if braces_outside_gaps(card["text"]):
                problems.append(
                    Problem(
                        path,
                        record.line,
                        1,
                        f"this cloze row {BRACES_OUTSIDE}: write each gap as {{{{answer}}}}, "
                        "and take out the other braces",
                    )
                )
                continue
            if not CLOZE_GAP.search(card["text"]):
                problems.append(
                    Problem(
                        path,
                        record.line,
                        1,
                        "this cloze row has no gap: write the "
                        "hidden words as {{answer}} in the first column",
                    )
                )
                continue
        elif not front or not back:
            side = "front (first column)" if not front else "back (second column)"
            hint = "" if len(record.fields) > 1 else f"; the separator used is {sep!r}"
            problems.append(
                Problem(
                    path,
                    record.line,
                    1,
                    f"the {side} is empty: each row needs a front and a back{hint}",
                )
            )
            continue
        else:
            card = {"type": "flashcard", "front": front, "back": back}
        explain = get("explain")
        if explain:
            card["explain"] = explain
        tags = get("tags").replace(",", " ").split()
        if tags:
            card["tags"] = list(dict.fromkeys(tags))
        wanted = get("id") or content_id(front, card["type"])
        cards.append({"id": ids.take(wanted), **card})
    if problems:
        raise ImportFileError(problems)
    if not cards:
        raise ImportFileError.at(path, 1, "no cards found: write one card per line as front,back")
    return ImportResult(
        deck_mapping(
            slugify(Path(path).stem, 60) or "imported",
            title_from_path(path),
            cards,
            description=imported_from(path),
        ),
        tuple(notes),
    )


def _filled(records: list[Any], index: int) -> bool:
    return any(index < len(r.fields) and r.fields[index].strip() for r in records)


def _unread_named(header: list[str], roles: dict[str, int], records: list[Any]) -> list[str]:
    """The note naming the header's columns kdquiz does not read, when any row fills one."""
    read = set(roles.values())
    unread = [
        name.strip() or f"column {i + 1}"
        for i, name in enumerate(header)
        if i not in read and _filled(records, i)
    ]
    if not unread:
        return []
    names = ", ".join(repr(outside_name(n)[:40]) for n in unread)
    return [
        f"left out the column{'s' if len(unread) > 1 else ''} {names}, which kdquiz does not read "
        f"(it reads {', '.join(COLUMN_ROLES)}): to keep one as the card's explanation, name it "
        "explain in the header row"
    ]


def _unread_unnamed(records: list[Any]) -> list[str]:
    """What a file without a header row gives its third and later columns, said when filled."""
    notes = []
    if _filled(records, 2):
        notes.append(
            "read the third column as tags (words split by spaces or commas), as no header row "
            "names the columns: if it holds something else, add a header row such as "
            "front,back,explain"
        )
    widest = max(len(r.fields) for r in records)
    later = [i for i in range(3, widest) if _filled(records, i)]
    if later:
        notes.append(
            f"left out {plural(len(later), 'column')} after the third, as no header row names "
            "them: add a header row (front, back, tags, explain) to say what each one holds"
        )
    return notes


def export_csv(deck: Deck) -> ExportResult:
    """id,type,front,back,explain,tags; cloze cards keep their {{gaps}} so the importer reads them back."""
    rows = [write_record(["id", "type", "front", "back", "explain", "tags"], ",")]
    for card in deck.cards:
        front = spec_of(card).csv_front(card)
        cells = [
            card.id,
            str(card.kind),
            front,
            answer_text(card, with_explain=False),
            card.explain,
            " ".join(card.tags),
        ]
        # A cell a spreadsheet would run as a formula ("=...", "-5 ...") gets a leading quote.
        rows.append(write_record([str(safe_cell(cell)) for cell in cells], ","))
    return ExportResult("\r\n".join(rows) + "\r\n")
