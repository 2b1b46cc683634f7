"""`kdquiz generate` on instructions, procedures and dictionaries: a command shown after the
sentence that says what it is for is asked "How do you ...?" with the text's other commands as
choices; an instruction about a specific thing told to "you" or with another verb is asked with
the thing as the blank; a dictionary's entries ("TERM, n. definition") are asked from the
definition to the headword. Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

from generate_support import cards_of, shown

from kdquiz.core.model import Kind

_DICTIONARY = (
    "# The Gardener's Dictionary\n\n"
    "## Entries\n\n"
    "MOLEHILL, n. A mountain seen by a gardener before breakfast.\n\n"
    "HOSE, n. A green serpent that coils itself around the ankles of visitors.\n\n"
    "WEED, n. A plant whose virtues the neighbours have not yet discovered.\n\n"
    "PRUNE, v.t. To improve a hedge by removing most of it.\n\n"
    "RAKE, n. [from RAKING] A tool for raking.\n\n"
    "TROWEL, n. A spoon that has gone to work.\n\n"
    "COMPOST, n. Yesterday's dinner, hopeful.\n"
)


def test_a_dictionary_entry_is_asked_from_its_definition_to_its_headword() -> None:
    cards = {c["answer"]: c for c in cards_of(_DICTIONARY, [Kind.MCQ])}
    weed = cards["WEED"]
    assert weed["prompt"] == (
        "Which word does the text define as “A plant whose virtues the neighbours have not "
        "yet discovered.”?"
    )
    assert len(weed["choices"]) == 4
    # Nouns among nouns: the verb PRUNE is no choice for a noun's definition.
    assert set(weed["choices"]) <= {"MOLEHILL", "HOSE", "WEED", "TROWEL", "COMPOST"}


def test_a_definition_that_gives_its_headword_away_is_not_asked() -> None:
    everything = " ".join(shown(c) for c in cards_of(_DICTIONARY))
    assert "A tool for raking" not in everything
    assert "{{" not in everything  # no blank of a definition's words ("{{green}} serpent")
