"""Textual's Header, drawn with characters Rich measures without its Unicode width table.

Rich measures text in Latin, Greek, Cyrillic and box-drawing characters at once; any other
character (Textual's default header icon U+2B58, the em dash it puts between title and subtitle)
makes it import its whole Unicode width table, about 6,400 objects and 5 ms before the first
frame, enough to bring a full garbage collection (20-40 ms) into it as well (measured in
docs/benchmarks.md, "First paint, 2026-12-03"). The look is the same: a circle for the icon, a
middle dot between title and subtitle. U+2B58 is also missing from many terminal fonts.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Header

#: The icon at the header's left (opens the command palette), U+25CB WHITE CIRCLE.
ICON = "○"


def app_header() -> Header:
    """The header every screen shows."""
    return Header(icon=ICON)


def title_line(title: str, sub_title: str) -> Content:
    """What the header shows: an app's `format_title`, with a middle dot for Textual's em dash."""
    if not sub_title:
        return Content(title)
    return Content.assemble(Content(title), (" · ", "dim"), Content(sub_title).stylize("dim"))
