"""The deck `kdquiz new` writes: one commented example of every card kind, ready to edit.

Kept as literal YAML text (not generated) because the comments are the point: a teacher learns
the format by reading this file. A test loads it with the real deck loader.
"""

from __future__ import annotations

from kdquiz.core.interchange.ids import slugify

DECK_ID_PLACEHOLDER = "my-new-deck"
TITLE_PLACEHOLDER = "My new deck"

TEMPLATE = """\
# A kdquiz deck. Edit the examples, delete what you do not need, and check your work with:
#     kdquiz check THIS-FILE.yaml        (add --watch to re-check every time you save)
#     kdquiz preview THIS-FILE.yaml      (play it without touching your own progress)
# The whole format is described in docs/deck-format.md.

format: 1                         # always 1 for now
id: my-new-deck                   # lowercase letters, digits and '-'; never change it once learners start
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

  # flashcard: the learner thinks of the answer, turns the card and rates how well they knew it.
  - id: pd-role
    type: flashcard
    front: PD
    back: Producer-director, who both produces and directs a drama
    reverse: true                 # also ask back -> front, scheduled on its own
    tags: [roles]

  # cloze: each {{answer}} is hidden in turn; {{answer::hint}} shows the hint in the blank.
  - id: ost-meaning
    type: cloze
    text: An {{OST::abbreviation}} is a drama's {{original soundtrack}}.
    explain: Shown after the learner answers.

  # mcq: exactly one right answer; `answer` is copied exactly from the choices.
  - id: first-step
    type: mcq
    prompt: What comes first in making a K-drama?
    choices:
      - The script
      - text: The casting
        feedback: Casting follows once the script is ready.   # shown if this choice is picked
      - The editing
    answer: The script
    source: {doc: article, paragraph: 2}    # paragraph counts non-empty lines from 1

  # multi: select all that apply; partial answers earn partial credit.
  - id: crew-roles
    type: multi
    prompt: Which of these work on set during a shoot?
    choices: [Director, Camera operator, Translator of the finished episodes]
    answers: [Director, Camera operator]

  # truefalse: answer is true or false (not yes/no).
  - id: live-shoot
    type: truefalse
    statement: Some K-dramas are still being filmed while early episodes air.
    answer: true

  # typed: the learner types the answer; small typos are forgiven.
  - id: network
    type: typed
    prompt: Which streaming service is the article about?
    answer: Netflix
    accept: [Netflix Korea]       # other answers that count as right
    case_sensitive: false
    accent_sensitive: false

  # numeric: a number, with an optional tolerance (absolute, or a percentage like 10%).
  - id: episodes
    type: numeric
    prompt: How many episodes does a typical K-drama season have?
    answer: 16
    tolerance: 2
    unit: episodes
    time_limit: 30

  # order: list the items in the right order; the learner sees them shuffled.
  - id: pipeline
    type: order
    prompt: Put these stages in order.
    items: [Script, Casting, Shooting, Editing]
    points: 2000
"""


def template_text(deck_id: str = DECK_ID_PLACEHOLDER, title: str = TITLE_PLACEHOLDER) -> str:
    """The template with its deck id and title filled in (the id is made a valid slug)."""
    safe_id = slugify(deck_id, 60) or DECK_ID_PLACEHOLDER
    safe_title = " ".join(title.split()) or TITLE_PLACEHOLDER
    quoted_title = safe_title if _plain_yaml(safe_title) else "'" + safe_title.replace("'", "''") + "'"
    return (TEMPLATE
            .replace(f"id: {DECK_ID_PLACEHOLDER}  ", f"id: {safe_id}  ", 1)
            .replace(f"title: {TITLE_PLACEHOLDER}\n", f"title: {quoted_title}\n", 1))


def _plain_yaml(text: str) -> bool:
    """True when `text` reads back as the same string without quotes."""
    import yaml

    try:
        return yaml.safe_load(f"v: {text}") == {"v": text}
    except yaml.YAMLError:
        return False


def title_from_filename(stem: str) -> str:
    words = stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else TITLE_PLACEHOLDER
