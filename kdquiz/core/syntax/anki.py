"""The names of Anki's stock note types, which kdquiz's kinds map to and from."""

from __future__ import annotations

BASIC, REVERSED, CLOZE = "Basic", "Basic (and reversed card)", "Cloze"
