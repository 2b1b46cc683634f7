"""Other quiz and flashcard formats in and out: Anki, CSV, Moodle GIFT, Aiken, printable Markdown.

Importers turn a file's text into a deck *mapping* (the YAML format as plain data, written with
`kdquiz.core.deck_writer.write_deck`); exporters turn a loaded `Deck` into text (the .apkg
exporter writes its file). Everything here is pure: no terminal, no files except where a path is passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kdquiz.core.interchange.aiken import looks_like_aiken, parse_aiken
from kdquiz.core.interchange.anki_text import looks_like_anki_text, parse_anki_text
from kdquiz.core.interchange.common import (
    ExportResult,
    ImportFileError,
    ImportResult,
    Progress,
    dropped_characters,
)
from kdquiz.core.interchange.csv_plain import names_columns, parse_csv
from kdquiz.core.interchange.gift import parse_gift

Importer = Callable[..., ImportResult]

#: `kdquiz import --from NAME`: every format kdquiz reads.
IMPORTERS: dict[str, Importer] = {
    "anki": parse_anki_text,
    "csv": parse_csv,
    "gift": parse_gift,
    "aiken": parse_aiken,
}

__all__ = [
    "IMPORTERS",
    "ExportResult",
    "ImportFileError",
    "ImportResult",
    "Progress",
    "detect_format",
    "import_text",
]


def detect_format(text: str, path: str) -> str:
    """Which importer fits: Anki headers first, then the extension, then the content."""
    suffix = Path(path).suffix.lower()
    if looks_like_anki_text(text):
        return "anki"
    if suffix == ".gift":
        return "gift"
    if suffix in (".csv", ".tsv", ".tab"):
        return "csv"
    if looks_like_aiken(text):
        return "aiken"
    if "{" in text and "}" in text and not text.lstrip().startswith(("{", "[")):
        return "gift"
    if "\t" in text and not names_columns(text.lstrip("\ufeff").split("\n", 1)[0], "\t"):
        return "anki"  # a spreadsheet's tab-separated text with a header row is read as CSV
    return "csv"


def import_text(
    text: str, path: str, fmt: str = "auto", *, progress: Progress | None = None
) -> ImportResult:
    """The deck `text` makes, with a note when it held characters the deck leaves out."""
    if "\r" in text and "\n" not in text:  # old Mac line ends (Excel's "CSV (Macintosh)")
        text = text.replace("\r", "\n")
    name = detect_format(text, path) if fmt == "auto" else fmt
    result = IMPORTERS[name](text, path, progress=progress)
    dropped = dropped_characters(text)
    if dropped is None:
        return result
    from dataclasses import replace

    return replace(result, notes=(*result.notes, dropped))
