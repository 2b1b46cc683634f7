"""How GIFT (Moodle's quiz format) spells text: backslash escapes, the `[html]`-style format
markers and their reach over answers and feedback, one answer line. The GIFT importer and exporter
(kdquiz.core.interchange.gift) and each kind's own GIFT questions (kdquiz.core.kinds) use it.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from kdquiz.core.syntax.html import html_to_text
from kdquiz.core.syntax.plain import clean

# Escaped control characters are swapped for private-use placeholders while parsing (as Moodle does).
ESCAPABLE = ":#={}~"
_PLACEHOLDER = {c: chr(0xE000 + i) for i, c in enumerate(ESCAPABLE)}
_BACKSLASH = "\ue010"
_RESTORE = {v: k for k, v in _PLACEHOLDER.items()} | {_BACKSLASH: "\\"}
FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
#: The question text's format marker; Moodle applies it to the answers and feedback too.
ANSWER_FORMAT: ContextVar[str] = ContextVar("gift_answer_format", default="moodle")


def protect(text: str) -> str:
    """Escapes swapped for placeholders, so parsing never splits on an escaped `:#={}~`."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in _PLACEHOLDER:
                out.append(_PLACEHOLDER[nxt])
            elif nxt == "n":
                out.append("\n")
            elif nxt == "\\":
                out.append(_BACKSLASH)
            else:
                out.append(c + nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def restore(text: str) -> str:
    return "".join(_RESTORE.get(c, c) for c in text)


def plain_text(text: str) -> str:
    """Question or answer text: format marker removed, HTML reduced, escapes restored.

    Text without a marker of its own takes the question's (Moodle's rule for answers/feedback)."""
    text = text.strip()
    fmt = ANSWER_FORMAT.get()
    match = FORMAT.match(text)
    if match:
        text, fmt = text[match.end() :], match.group(1)
    if fmt == "html":
        return clean(html_to_text(restore(text)))
    return clean(restore(text))


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for c in ESCAPABLE:
        text = text.replace(c, "\\" + c)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def answer_line(mark: str, text: str, feedback: str) -> str:
    return f"\t{mark}{escape(text)}" + (f"#{escape(feedback)}" if feedback else "")
