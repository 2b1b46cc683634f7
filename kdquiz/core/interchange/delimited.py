"""Delimiter-separated records with the line each starts on, for Anki text exports and plain CSV.

Python's csv module cannot say where a record started, nor tell a quoted "#..." field from an
Anki comment line, so this small reader does both: fields may be quoted with double quotes (a
doubled quote inside is one quote) and may then span lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kdquiz.core.interchange.common import ImportFileError, Progress


@dataclass(frozen=True)
class Record:
    line: int
    fields: list[str]


def read_records(
    text: str,
    sep: str,
    path: str,
    *,
    first_line: int = 1,
    comments: bool = False,
    progress: Progress | None = None,
) -> Iterator[Record]:
    """Records of `text` (which starts at `first_line` of the file); blank lines are skipped.

    With `comments`, a line starting with an unquoted '#' is skipped, as Anki does.
    """
    total = text.count("\n") + 1
    pos, line, n = 0, first_line, len(text)
    while pos < n:
        if progress is not None:
            progress(line - first_line, total)
        if text[pos] == "\n" or text.startswith("\r\n", pos):
            pos += 2 if text[pos] == "\r" else 1
            line += 1
            continue
        if comments and text[pos] == "#":
            end = text.find("\n", pos)
            pos = n if end < 0 else end + 1
            line += 1
            continue
        start_line = line
        fields: list[str] = []
        line_end = -1  # the line break ending the fields read so far: found once a line
        while True:
            if line_end < pos:
                line_end = _line_end(text, pos)
            if pos < n and text[pos] == '"':
                value, pos, line = _quoted(text, pos + 1, line, path, start_line)
                line_end = _line_end(text, pos) if line_end < pos else line_end
                # Anything between the closing quote and the separator is kept, as csv does.
                tail_end = _field_end(text, pos, sep, line_end)
                value += text[pos:tail_end]
                pos = tail_end
            else:
                end = _field_end(text, pos, sep, line_end)
                value = text[pos:end]
                pos = end
            fields.append(value.rstrip("\r"))
            if pos < n and text[pos] == sep:
                pos += 1
                continue
            break
        if pos < n:  # at a line break
            pos += 1
            line += 1
        yield Record(start_line, fields)
    if progress is not None:
        progress(total, total)


def _line_end(text: str, pos: int) -> int:
    """The first line break at or after `pos` (or the end)."""
    found = text.find("\n", pos)
    return len(text) if found < 0 else found


def _field_end(text: str, pos: int, sep: str, line_end: int) -> int:
    """Where the field starting at `pos` ends: the next separator before `line_end`, the line
    break after it (looked for once per line, not per field: a row of a million cells would
    otherwise be read a million times)."""
    sep_at = text.find(sep, pos, line_end)
    return line_end if sep_at < 0 else sep_at


def _quoted(text: str, pos: int, line: int, path: str, start_line: int) -> tuple[str, int, int]:
    parts: list[str] = []
    n = len(text)
    while True:
        quote = text.find('"', pos)
        if quote < 0:
            raise ImportFileError.at(
                path,
                start_line,
                "a quoted field starts here but its closing "
                'quote (") is missing: add it, or double any quote inside the '
                'field ("")',
            )
        chunk = text[pos:quote]
        parts.append(chunk)
        line += chunk.count("\n")
        if quote + 1 < n and text[quote + 1] == '"':
            parts.append('"')
            pos = quote + 2
            continue
        return "".join(parts).replace("\r\n", "\n"), quote + 1, line


def needs_quotes(field: str, sep: str) -> bool:
    return any(c in field for c in (sep, '"', "\n", "\r")) or field.startswith("#")


def write_record(fields: list[str], sep: str) -> str:
    """One record, quoting only where needed (and a leading '#', which Anki would read as a comment)."""
    out = []
    for field in fields:
        out.append('"' + field.replace('"', '""') + '"' if needs_quotes(field, sep) else field)
    return sep.join(out)
