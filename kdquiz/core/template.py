"""The deck `kdquiz new` writes: one commented example of every card kind, ready to edit.

Kept as literal YAML text (not generated) because the comments are the point: a teacher learns
the format by reading this file. Each kind's example lives in its module (`KindSpec.example`).
A test loads it with the real deck loader.
"""

from __future__ import annotations

from kdquiz.core.interchange.ids import slugify
from kdquiz.core.kinds import KINDS
from kdquiz.core.yaml_hints import reads_back_plain

DECK_ID_PLACEHOLDER = "my-new-deck"
TITLE_PLACEHOLDER = "My new deck"

_HEAD = """\
# A kdquiz deck. Edit the examples, delete what you do not need, and check your work with:
#     kdquiz check THIS-FILE.yaml        (add --watch to re-check every time you save)
#     kdquiz preview THIS-FILE.yaml      (play it without touching your own progress)
# The whole format is described by `kdquiz help deck-format`.
# Text with ': ', ' #', or starting with * & ! { [ ' " goes in double quotes: "like: this #1".

format: 1                         # always 1 for now
id: my-new-deck                   # a-z, 0-9, '-', '_' or '.'; never change it once learners start
title: My new deck
description: What this deck is about, in a sentence.
author: Your name
language: en                      # en, ko, en-GB ...
tags: [example]

# Optional: the documents your cards come from. Cards point at them with `source:`.
sources:
  - id: article                   # a short id of your choice
    title: The article the questions are based on
    url: https://example.org/article

cards:
  # Every card needs an `id` (unique in this deck; progress is kept by it, so do not renumber)
  # and a `type`. Optional on every card: explain, source, tags, time_limit (seconds in a quiz),
  # points (the most a quiz answer earns, default 1000).

"""


#: The head, then each kind's commented example, in the registry's order.
TEMPLATE = _HEAD + "\n".join(spec.example for spec in KINDS.values())


def template_text(deck_id: str = DECK_ID_PLACEHOLDER, title: str = TITLE_PLACEHOLDER) -> str:
    """The template with its deck id and title filled in (the id is made a valid slug)."""
    safe_id = slugify(deck_id, 60) or DECK_ID_PLACEHOLDER
    safe_title = " ".join(title.split()) or TITLE_PLACEHOLDER
    quoted_title = (
        safe_title if reads_back_plain(safe_title) else "'" + safe_title.replace("'", "''") + "'"
    )
    # The id's comment stays in the column of the comments around it (at least two spaces out).
    head = f"id: {DECK_ID_PLACEHOLDER}"
    start = TEMPLATE.index(head)
    comment = TEMPLATE.index("#", start)
    line = f"id: {safe_id}".ljust(comment - start - 2) + "  "
    return (TEMPLATE[:start] + line + TEMPLATE[comment:]).replace(
        f"title: {TITLE_PLACEHOLDER}\n", f"title: {quoted_title}\n", 1
    )


def title_from_filename(stem: str) -> str:
    """A title made from the file's name, without the characters a deck may not hold."""
    from kdquiz.core.safe_text import without_unsafe

    words = without_unsafe(stem).replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else TITLE_PLACEHOLDER
