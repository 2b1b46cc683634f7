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
        if b"\x00" in data or _mostly_utf8(data):
            raise  # binary, or UTF-8 with a stray byte: the error names where
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
            text = ""
        if not text or not _reads_as_western(text):
            raise DeckError.single(
                path,
                "the file is not UTF-8, nor text in Windows-1252 (it may be in a Korean, "
                "Japanese, Chinese or Cyrillic encoding): save it from the spreadsheet as CSV "
                "UTF-8",
            ) from None
        return text, WINDOWS_1252_NOTE


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 with a few stray bytes (well-formed letters beyond ASCII
    outnumber the bytes that are not): read as Windows-1252, the rest would be garbled. Another
    encoding's text forms a well-formed UTF-8 letter only now and then, by chance."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd") > bad


#: Above this share of non-ASCII characters, text read as Windows-1252 is more likely another
#: encoding's (each Korean or Russian letter becomes one or two accented Latin letters).
MOST_WESTERN_SHARE = 0.2


def _reads_as_western(text: str) -> bool:
    """Whether `text`, read as Windows-1252, looks like a Western language's: its accented
    letters are few (café, informação) rather than runs making up much of the text (»ç°ú is
    사과 in Korean's CP949)."""
    letters = [c for c in text if not c.isspace()]
    accented = [i for i, c in enumerate(text) if ord(c) > 0x7F]
    if not accented:
        return True
    in_runs = sum(
        1
        for i in accented
        if (i > 0 and ord(text[i - 1]) > 0x7F) or (i + 1 < len(text) and ord(text[i + 1]) > 0x7F)
    )
    return len(accented) <= MOST_WESTERN_SHARE * len(letters) or in_runs * 2 <= len(accented)
