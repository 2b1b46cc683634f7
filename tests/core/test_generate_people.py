"""`kdquiz generate` on short texts about people: a one-word name is a person when the text gives
a lifespan after it or names exactly one person in full with that first or last name; such a
mention is written out in full on the card, and "He"/"She" after it becomes that full name.
Each test feeds a text and reads the cards it gets."""

from __future__ import annotations

import pytest
from generate_support import cards_of, index_of, shown

from kdquiz.core.generate.entities import EntityKind


def test_a_lifespan_after_a_one_word_name_makes_a_person_that_he_can_refer_to() -> None:
    text = (
        "# Old orbits\n\n"
        "The correction proposed by Quorvath (90 – 168 A.D.) was the most agreed upon. "
        "He put the planets on Zentricles or circles whose center itself rotates on a circle.\n"
    )
    assert index_of(text).kind_of("Quorvath") is EntityKind.PERSON
    seen = [shown(c) for c in cards_of(text)]
    assert any(s.startswith("Quorvath put the planets on") for s in seen), seen
    assert not any(s.startswith("He ") for s in seen)


def test_without_a_lifespan_a_lone_name_stays_untyped_and_he_stays_unresolved() -> None:
    text = (
        "# Old orbits\n\n"
        "The correction proposed by Quorvath was the most agreed upon in 168. "
        "He put the planets on Zentricles or circles whose center itself rotates on a circle.\n"
    )
    assert index_of(text).kind_of("Quorvath") is not EntityKind.PERSON
    for card in cards_of(text):
        if "put the planets" in shown(card):  # only as written, after the sentence before
            assert "168. He put the planets" in shown(card), shown(card)


def test_a_first_name_used_alone_is_written_out_as_the_one_person_with_that_name() -> None:
    text = (
        "# Tools\n\n"
        "The first tool was written by Lasse Quendrin in 2004. "
        "Two years later the maintainer Lasse Quendrin moved to Oslo.\n\n"
        "In 2007 Igor Vantrel and Lasse started a new file format called Zetrafile.\n"
    )
    index = index_of(text)
    assert index.full_name("Lasse") == "Lasse Quendrin"
    seen = [shown(c) for c in cards_of(text)]
    assert any("Igor Vantrel and Lasse Quendrin started" in s for s in seen), seen
    assert not any("and Lasse started" in s for s in seen)


def test_a_first_name_shared_by_two_people_is_left_as_written() -> None:
    text = (
        "# Leaders\n\n"
        "The leader Ian Varlow was elected in 1996. The leader Ian Strand followed in 1998. "
        "After the vote of 1999, Ian took a less public role at Quentix Studios.\n"
    )
    assert index_of(text).full_name("Ian") == "Ian"
    seen = [shown(c) for c in cards_of(text)]
    assert any("Ian took a less public role" in s for s in seen), seen


@pytest.mark.parametrize(
    "sentence",
    ["Lasse Quendrin's tool", "the Lasse-based tool"],
    ids=["already-full", "part-of-a-word"],
)
def test_a_name_already_whole_or_inside_a_word_is_not_expanded(sentence: str) -> None:
    index = index_of(
        "# Tools\n\nThe maintainer Lasse Quendrin moved to Oslo. Lasse Quendrin wrote it.\n"
    )
    assert index.named_in_full(sentence) == sentence


def test_a_one_word_name_never_answers_a_card_of_its_own() -> None:
    """The card shows the full name, which the source sentence does not: the answer could not
    be checked against the text, so the mention is context, not an answer."""
    text = (
        "# Tools\n\n"
        "The first tool was written by the developer Lasse Quendrin in 2004. "
        "The maintainer Lasse Quendrin moved to Oslo in 2006.\n\n"
        "In 2009 Lasse started a file format called Zetrafile.\n"
    )
    answers = [str(c.get("answer", "")) for c in cards_of(text)]
    assert "Lasse" not in answers
