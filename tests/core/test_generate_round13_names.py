"""`kdquiz generate` and the names it blanks: a role written before a person's name stays in the
sentence, the answer is the name. Each test feeds a made-up text and reads what it gets."""

from __future__ import annotations

from generate_support import cards_of, index_of, shown

from kdquiz.core.generate.entities import EntityKind, find_entities

_SURVEY = (
    "# The river survey\n\n"
    "In 1921 Surveyor Maren Okafor mapped the upper reaches of the Tallow river by canoe.\n\n"
    "Every surveyor of the time carried a chain, a compass and a notebook.\n\n"
    "Maren Okafor later taught the method at a school in the valley town of Brisk.\n\n"
    "Professor Idris Varga wrote the first account of the survey in 1925.\n\n"
    "Idris Varga praised the maps for their care with the river's bends.\n"
)


def test_a_role_before_a_name_is_left_out_of_the_answer() -> None:
    index = index_of(_SURVEY)
    text = "In 1921 Surveyor Maren Okafor mapped the upper reaches of the Tallow river by canoe."
    names = [e.text for e in find_entities(text, index)]
    assert "Maren Okafor" in names
    assert not any(n.startswith("Surveyor") for n in names)
    assert index.kind_of("Maren Okafor") is EntityKind.PERSON
    titled = "Professor Idris Varga wrote the first account of the survey in 1925."
    assert "Idris Varga" in [e.text for e in find_entities(titled, index)]
    answers = [c.get("answer") for c in cards_of(_SURVEY)]
    assert not any(str(a).startswith(("Surveyor", "Professor")) for a in answers)
    for card in cards_of(_SURVEY):
        if card.get("answer") == "Maren Okafor":
            assert "Surveyor" in shown(card)


def test_a_first_name_that_is_also_a_word_stays_in_the_name() -> None:
    text = "Hunter Mills Grant founded the press. Hunter Mills Grant printed maps of the valley."
    index = index_of("# Press\n\n" + text + "\n")
    assert "Hunter Mills Grant" in [e.text for e in find_entities(text.split(". ")[0] + ".", index)]
