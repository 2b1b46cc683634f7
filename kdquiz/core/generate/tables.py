"""Two-column tables read as the sentences they stand for.

A chronology ("| 1876 | The port was opened to trade. |") says "In 1876, the port was opened to
trade."; a glossary table ("| Tonnage | The size of a ship. |") says "Tonnage: The size of a
ship.", the shape the definition-list rule reads. Any other table (three or more columns, cells
of a word or two) is data no sentence states, and is left out rather than run together into one
long "sentence" of cells.
"""

from __future__ import annotations

import re

_ROW = re.compile(r"^\s*\|?(.*?)\|?\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
#: A date a chronology's first column gives: a year, a decade, a year range, a month and year.
_WHEN = re.compile(
    r"^(?:(?:c\.|ca\.|about)\s*)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+)?"
    r"\d{3,4}(?:s|\s*[-–]\s*\d{2,4})?(?:\s*(?:BC|BCE|AD|CE))?$"
)
_LOWER_FIRST = frozenset("the a an this that these those its their his her".split())


def table_lines(lines: list[str]) -> tuple[dict[int, str], set[int]]:
    """For each table in `lines`: the text each data row stands for (by line index, "" for a row
    no sentence states) and the indexes of its header and separator lines, which are hidden."""
    rows: dict[int, str] = {}
    hidden: set[int] = set()
    index = 0
    while index < len(lines) - 1:
        if "|" not in lines[index] or not _SEPARATOR.match(lines[index + 1]):
            index += 1
            continue
        header = _cells(lines[index])
        hidden.update((index, index + 1))
        index += 2
        while index < len(lines) and "|" in lines[index] and lines[index].strip():
            rows[index] = _sentence(header, _cells(lines[index]))
            index += 1
    return rows, hidden


def _cells(line: str) -> list[str]:
    found = _ROW.match(line)
    inner = found.group(1) if found else line
    return [cell.strip() for cell in inner.split("|")]


def _sentence(header: list[str], cells: list[str]) -> str:
    if len(cells) != 2 or len(header) != 2 or not all(cells):
        return ""
    first, second = cells
    if len(second.split()) < 3:
        return ""  # a value ("| Busan | 3.4 million |"): data, not a statement
    if second[-1] not in ".!?":
        second += "."
    if _WHEN.match(first):
        word = second.split(maxsplit=1)[0]
        if word.casefold() in _LOWER_FIRST and word[:1].isupper():
            second = second[:1].lower() + second[1:]
        first = re.sub(r"^(?:c\.|ca\.)\s*", "about ", first)  # "c. 1905": circa
        return f"In {first}, {second}"
    return f"{first}: {second}"
