"""The text of a file to import, in the encodings spreadsheets and quiz sites really save.

Deck files must be UTF-8, but a teacher's material often is not: Excel's plain "CSV" on Windows
is Windows-1252, its "Unicode Text" is UTF-16 with a byte-order mark. Those are read (the first
with a note, since a guessed encoding is worth a look), and a workbook (.xlsx, .xls, .ods) given
instead of its CSV is named as such rather than as text in some odd encoding.
"""

from __future__ import annotations

from kdquiz.core.decks import decode
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.errors import DeckError

#: A zip (.xlsx, .ods, .numbers) or an OLE2 compound file (.xls): a workbook, not text.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WINDOWS_1252_NOTE = (
    "the file is not UTF-8, so it was read as Windows-1252 (Excel's plain CSV on Windows): check "
    "the accented letters, or save it from the spreadsheet as CSV UTF-8 and import that"
)


def import_text_of(data: bytes, path: str) -> tuple[str, str | None]:
    """The file's text, and a note for the teacher when its encoding was guessed."""
    if data.startswith(WORKBOOK_MAGIC):
        raise ImportFileError.at(
            path,
            1,
            "this is a spreadsheet workbook, not text: in the spreadsheet use Save As (or "
            "Download) -> CSV UTF-8, and import that file",
        )
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), None  # the mark says which byte order, and goes
        except UnicodeDecodeError:
            raise ImportFileError.at(
                path, 1, "the file starts as UTF-16 but is not readable as it: save it as UTF-8"
            ) from None
    try:
        return decode(data, path), None
    except DeckError:
        if b"\x00" in data or _has_utf8_letters(data):
            raise  # binary, or UTF-8 with a stray byte: the error names where
        try:
            return data.decode("cp1252"), WINDOWS_1252_NOTE
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
            raise DeckError.single(
                path, "the file is not UTF-8 nor Windows-1252: save it as UTF-8"
            ) from None


def _has_utf8_letters(data: bytes) -> bool:
    """Whether the bytes hold any well-formed UTF-8 beyond ASCII (so they are not Windows-1252)."""
    return any(ord(c) > 0x7F and c != "\ufffd" for c in data.decode("utf-8", "replace"))
