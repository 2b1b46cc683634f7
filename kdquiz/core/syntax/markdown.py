"""How a printable quiz sheet (Markdown) spells text: deck text made literal, the blank to fill
in, lettered choices, the order choices are printed in. Used by the sheet exporter
(kdquiz.core.interchange.markdown_sheet) and each kind's own questions (kdquiz.core.kinds).
"""

from __future__ import annotations

import random
import re

from kdquiz.core.syntax.plain import LETTERS

BLANK = "__________"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+-])", re.MULTILINE)
# "7. x" starts a list, "7.0" does not; a digit cannot be escaped, so the dot is.
_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)


#: The answer key's page break: raw HTML for HTML and HTML-based PDF, `\newpage` for LaTeX PDF
#: (pandoc passes each to its own output format and drops it from the others).
def escape(text: str) -> str:
    """Deck text as literal Markdown: emphasis, links, HTML and line-start markers neutralised."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def sheet_order(n: int, rng: random.Random | None) -> list[int]:
    order = list(range(n))
    if rng is not None:
        rng.shuffle(order)
    return order


def choice_lines(texts: list[str]) -> str:
    return "\n".join(f"- {LETTERS[i]}. {escape(t)}" for i, t in enumerate(texts))
