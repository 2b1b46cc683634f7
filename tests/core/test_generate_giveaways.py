"""`kdquiz generate` leaves out blanks the prompt gives away or that teach nothing, and types names
by their shape: an acronym beside its expansion, an expansion beside a name from code made of
its initials, a term beside its own verb, a word beside its opposite, a series name without its
number, one name of a plain list, upper-case legal text and its parties, and a person's name
with a particle. Each test feeds a made-up text and reads the cards it gets (or the type the
name index gives)."""

from __future__ import annotations

from generate_support import cards_of, index_of, passing_candidates, shown

from kdquiz.core.generate.entities import EntityKind
from kdquiz.core.model import Kind


def _answers(text: str, kinds: list[Kind] | None = None) -> dict[str, str]:
    return {str(c.get("answer", "")): shown(c) for c in cards_of(text, kinds)}


def test_an_acronym_is_not_asked_right_after_its_expansion() -> None:
    text = (
        "# Grobnik\n\n"
        "In 1995, Alma Vetch continued her work on Grobnik at the Institute for Quiet Orbital "
        "Research (IQOR) in Reston, Virginia.\n\n"
        "In 1998, Alma Vetch moved to the Borlin Lab to lead the Vetch Group.\n"
    )
    asked = [c for c in passing_candidates(text) if c.answer == "IQOR"]
    assert not [c for c in asked if "Quiet Orbital Research" in c.learner_text]


def test_an_expansion_is_not_asked_beside_a_code_name_made_of_its_initials() -> None:
    text = (
        "# Mail settings\n\n"
        "The qte_mode setting decides whether Quoted Text Encoding is applied to the body of "
        "the reply.\n\n"
        "The wrap_width setting decides how long each line of the reply may be.\n"
    )
    for candidate in passing_candidates(text):
        assert candidate.answer not in {"Quoted Text Encoding", "qte_mode"}


def test_a_term_is_not_asked_beside_its_own_dictionary_form() -> None:
    text = (
        "# Notes\n\n"
        '"Stashing" a draft means to hide it away, usually by "shelving" it (\'stash\' and '
        "'shelve' are the older words).\n\n"
        'A draft kept for later is called a "shelf copy" by most writers.\n'
    )
    answers = {c.answer for c in passing_candidates(text)}
    assert "shelving" not in answers and "shelf copy" in answers


def test_a_word_is_not_asked_beside_its_opposite() -> None:
    text = (
        "# Modes\n\n"
        'There are two playback modes: "interleaved" and "non-interleaved".\n\n'
        'The engine offers both "external" hooks for plug-ins and "internal" hooks for the '
        "Grobnik core.\n"
    )
    for card in cards_of(text):
        assert card.get("answer") not in {"non-interleaved", "interleaved", "external"}
        assert "{{non-interleaved" not in shown(card) and "{{external" not in shown(card)


def test_a_series_name_without_its_number_is_not_asked() -> None:
    text = (
        "# Formats\n\n"
        "The header layout follows QFC 1234, which Alma Vetch wrote in 1997.\n\n"
        "The reader splits a message into the two parts discussed by the QFC: the header and "
        "the body.\n"
    )
    for card in cards_of(text):
        assert "{{QFC}}" not in shown(card) and card.get("answer") != "QFC"


def test_one_name_of_a_plain_list_is_not_asked() -> None:
    text = (
        "# Keys\n\n"
        "Specifically, DEL, ZSC, LFQ, SPQ, RQT, and TBQ all stand for themselves in the "
        "Grobnik manual.\n\n"
        "The Grobnik manual was written by Alma Vetch in 1999.\n"
    )
    answers = {c.answer for c in passing_candidates(text)}
    assert not answers & {"DEL", "ZSC", "LFQ", "SPQ", "RQT", "TBQ"}
    assert "Alma Vetch" in answers


def test_upper_case_legal_words_and_parties_are_no_organisations() -> None:
    text = (
        "# Licence\n\n"
        "This agreement is between the Grobnik Foundation (GF) and Licensee.\n\n"
        "GF is making Grobnik available to Licensee on an AS IS basis.\n\n"
        "BY WAY OF EXAMPLE, BUT NOT LIMITATION, GF MAKES NO REPRESENTATION OF FITNESS.\n\n"
        "Nothing in this agreement creates a partnership between GF and Licensee.\n\n"
        "The Borlin Corporation was a sponsoring member of the GF.\n\n"
        "The Quell Corporation and the Grobnik Foundation were founded in 2001.\n"
    )
    index = index_of(text)
    assert index.kind_of("LIMITATION") is not EntityKind.COMPANY
    assert index.kind_of("Licensee") is not EntityKind.COMPANY
    for card in cards_of(text):
        choices = card.get("choices", [])
        assert "LIMITATION" not in choices and "Licensee" not in choices
        assert "LIMITATION" not in str(card.get("statement", "")).replace("BUT NOT LIMITATION", "")


def test_a_name_with_a_particle_is_a_person_not_a_title() -> None:
    text = (
        "# Grobnik\n\n"
        "Grobnik was created in the early 1990s by Alma van Rostin at the Borlin Lab in the "
        "Netherlands as a successor of a language called QBC.\n\n"
        "Alma remains Grobnik's principal author.\n"
    )
    assert index_of(text).kind_of("Alma van Rostin") is EntityKind.PERSON
    for card in cards_of(text):
        if card.get("answer") == "Alma van Rostin":
            assert "title" not in shown(card)


def test_the_same_year_and_that_variable_are_named_from_the_sentence_before() -> None:
    text = (
        "# Grobnik\n\n"
        "In May 2003, Alma Rostin and the Grobnik team moved to Borlin Labs. In October of the "
        "same year, the Quellworks team moved to Digital Forges, which became Zarn Corporation.\n\n"
        "The characters listed in the zorp-stoppers variable end an incremental search. If that "
        "variable has no value, the ESC and C-J characters end an incremental search.\n"
    )
    seen = " ".join(shown(c) for c in cards_of(text))
    assert "In October 2003, the" in seen
    assert "the same year" not in seen
    assert "If the zorp-stoppers variable has no value" in seen
    assert "that variable" not in seen


def test_an_organisation_is_no_wrong_answer_beside_its_own_acronym() -> None:
    text = (
        "# Grobnik\n\n"
        "In 2001, the Grobnik Software Foundation (GSF) was formed to own the Grobnik code.\n\n"
        "Zarn Corporation was a sponsoring member of the GSF.\n\n"
        "In 2004, the Quell Corporation moved to Borlin, which later became Borlin Company.\n"
    )
    for card in cards_of(text, [Kind.TRUEFALSE, Kind.MCQ]):
        if "member of the GSF" in shown(card):
            assert "Grobnik Software Foundation" not in shown(card)
            assert "Grobnik Software Foundation" not in card.get("choices", [])
