"""How Anki spells what kdquiz reads and writes: its stock note types' names, which the kinds map
to and from, and the references to images and sounds inside a note's fields."""

from __future__ import annotations

import re

from kdquiz.core.closed_pattern import ClosedPattern, StopPattern

BASIC, REVERSED, CLOZE = "Basic", "Basic (and reversed card)", "Cloze"
#: An image and a sound as a note's field refers to them; group 1 is the media file's name.
IMAGE = StopPattern(
    r"<img\b", r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'>\s]+)[^>]*>""", ">", ">", re.IGNORECASE
)
SOUND = ClosedPattern(r"\[sound:([^\]]+)\]", "]")
