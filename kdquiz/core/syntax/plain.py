"""Plain-text forms every format shares: text cleaned as the deck loader keeps it, numbers as a
teacher writes them, lettered options, and a cloze with its gaps hidden."""

from __future__ import annotations

import re
import string
import unicodedata

from kdquiz.core.cards import CLOZE_GAP

#: The deck loader refuses these (C0/C1 controls, bidi overrides); imports drop them and say so.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LETTERS = string.ascii_uppercase


def clean(text: str) -> str:
    """Text as the deck loader will keep it: NFC, no control characters, no outer whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return FORBIDDEN.sub("", unicodedata.normalize("NFC", text)).strip()


def number_text(value: float) -> str:
    """1.0 -> "1", 0.5 -> "0.5": how a teacher writes a number."""
    return f"{value:.10g}" if value != int(value) or abs(value) >= 1e15 else str(int(value))


def blanked_cloze(text: str) -> str:
    """Every gap hidden: `[hint]` where the teacher gave a hint, else `[...]`."""

    def hide(match: re.Match[str]) -> str:
        _, _, hint = match.group(1).partition("::")
        return f"[{hint.strip()}]" if hint.strip() else "[...]"

    return CLOZE_GAP.sub(hide, text)


def lettered(options: list[str]) -> list[str]:
    return [f"{LETTERS[i]}. {text}" for i, text in enumerate(options)]
