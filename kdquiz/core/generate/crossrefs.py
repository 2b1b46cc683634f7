"""A pointer to somewhere else: "See the Recipe Lists.", "Read the winning recipes in Zymurgy."

An imperative to read, look or go, followed by where: the place pointed at (a page, a chapter, a
magazine, a link's text) says nothing of the subject, so it is no blank, in any genre.
"""

from __future__ import annotations

import re

#: The verb that opens a pointer, and the words up to where it points.
_POINTER = re.compile(
    r"(?:(?:For more|For details|For further)[^,]*,\s*)?"
    r"(?:Read|See|Examine|Consult|Refer|Check|Visit|Browse|Review)\b"
    r"[^.;:]*?\b(?:in|at|to|on|from|under)\s+(?:the\s+)?[\"“‘']?\Z",
)
_BARE_POINTER = re.compile(r"(?:See|Read|Consult|Visit)(?:\s+also)?\s+(?:the\s+)?[\"“‘']?\Z")


def pointed_at(text: str, start: int) -> bool:
    """Whether the answer starting at `start` is where an imperative to read or look points."""
    before = text[:start]
    return bool(_POINTER.match(before) or _BARE_POINTER.match(before))
