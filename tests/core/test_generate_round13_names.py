"""`kdquiz generate` and the names it blanks: a role written before a person's name stays in the
sentence, the answer is the name. Each test feeds a made-up text and reads what it gets."""

from __future__ import annotations

from generate_support import cards_of, index_of, passing_candidates, shown

from kdquiz.core.generate.entities import EntityKind, find_entities
from kdquiz.core.generate.spelledout import half_of_a_term
from kdquiz.core.model import Kind

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


_HERBS = (
    "# Garden herbs\n\n"
    "The healer Anna Brisk grew herbs behind the old mill for forty years.\n\n"
    "Anna Brisk taught the village children to dry leaves in the shade.\n\n"
    "The border holds three herbs Kalo Mint (Mentha Vera), Sorrel Dun (Rumex Ater), and "
    "Pale Tansy (Tanacetum Album).\n\n"
    "Kalo Mint grows best in wet ground beside the stream.\n\n"
    "Sorrel Dun (Rumex Ater) and Pale Tansy (Tanacetum Album) flower in the late summer.\n\n"
    "The paths run from North to South between the beds of thyme.\n\n"
    "The seeds came from Ravel, a market town two days down the river.\n"
)


def test_a_name_glossed_in_brackets_is_no_person_and_a_direction_no_place() -> None:
    index = index_of(_HERBS)
    assert index.kind_of("Anna Brisk") is EntityKind.PERSON
    for herb in ("Sorrel Dun", "Pale Tansy"):
        assert index.kind_of(herb) is not EntityKind.PERSON
    assert index.kind_of("North") is not EntityKind.PLACE
    assert index.kind_of("South") is not EntityKind.PLACE
    for card in cards_of(_HERBS):
        if card.get("answer") == "Anna Brisk":
            assert not {"Sorrel Dun", "Pale Tansy", "Kalo Mint"} & set(card.get("choices", []))
        if card.get("answer") == "Ravel":
            assert not {"North", "South"} & set(card.get("choices", []))


def test_a_name_met_only_in_lists_is_not_asked() -> None:
    answers = {str(c.answer) for c in passing_candidates(_HERBS)}
    assert not {"Sorrel Dun", "Pale Tansy"} & answers
    # the one the text says something of on its own is still asked
    assert "Kalo Mint" in answers


_REEF = (
    "# The reef survey\n\n"
    "Scientists now agree that the northern reef lost half of its coral between 1998 and 2016.\n\n"
    "The survey team counted 412 species of fish on the outer slope in 2019.\n\n"
    "Divers from the Marine Trust of Kerala mapped the slope with a towed camera.\n"
)


def test_a_bare_plural_role_as_subject_is_no_question() -> None:
    found = passing_candidates(_REEF)
    generic = [c for c in found if str(c.answer).casefold().startswith("scientist")]
    assert all(c.kind is Kind.CLOZE for c in generic)  # never "Who ...? Scientists"
    others = [c.score for c in found if c not in generic]
    assert all(c.score < min(others) for c in generic)  # a gap asked last of all


def test_an_acronym_beside_its_words_is_not_blanked() -> None:
    text = (
        "# Lakes\n\n"
        "Shallow alpine lakes (SALs) freeze to the bottom in most winters above 2,400 metres.\n\n"
        "The Hollen Valley holds 31 lakes, the largest of them Lake Orrin at 40 hectares.\n"
    )
    found = passing_candidates(text)
    assert not any(str(c.answer).startswith("SAL") for c in found)
    assert any(c.answer == "Lake Orrin" for c in found)


_GUIDE = (
    "# The Kiln Handbook\n\n"
    "Firing and glazing fill the two parts of the Kiln Handbook, in that order.\n\n"
    "The potter Ilse Marrow built the first brick kiln at Wexley in 1932.\n\n"
    "Read the firing logs in Clay Quarterly.\n\n"
    "See the Glaze Tables for every recipe.\n\n"
    "Soda Firing leaves a glossy orange peel surface on the pots.\n\n"
    "Soda Firing needs a kiln lined with hard brick.\n\n"
    'Salt glaze is older, but this firing is far less harmful to the lungs, hence "Soda".\n'
)


def test_a_pointer_the_own_title_and_half_a_term_are_not_blanked() -> None:
    answers = {str(c.answer) for c in passing_candidates(_GUIDE)}
    assert not {"Clay Quarterly", "Glaze Tables", "Kiln Handbook", "Soda"} & answers
    assert "Ilse Marrow" in answers


def test_one_word_of_the_texts_term_beside_the_rest_is_given_away() -> None:
    text = 'The firing leaves no glaze of salt at all, hence it is "Soda".'
    at = text.index("Soda")
    assert half_of_a_term(text, at, at + 4, ["Soda Firing"])
    assert not half_of_a_term(text, at, at + 4, ["Soda Ash"])


def test_a_persons_first_name_after_a_place_cue_is_no_place() -> None:
    text = (
        "# The weaver\n\n"
        "A woman from Tarrow named Odile Ferrand kept the old patterns alive.\n\n"
        "The patterns were handed down to Odile by her grandmother.\n\n"
        "With the patterns learned from Odile, the guild wove a new banner.\n"
    )
    index = index_of(text)
    assert index.kind_of("Odile") is not EntityKind.PLACE
    assert index.kind_of("Tarrow") is EntityKind.PLACE


def test_the_place_the_title_names_is_not_blanked() -> None:
    text = (
        "# Icelandic Sagas\n\n"
        "The sagas were written down in the 13th century by farmers who had sailed home to "
        "Iceland from Norway.\n\n"
        "The scribe Snorri Sturluson wrote the Prose Edda around 1220 at his farm in Reykholt.\n"
    )
    answers = {str(c.answer) for c in passing_candidates(text)}
    assert "Iceland" not in answers
    assert "Snorri Sturluson" in answers or "Reykholt" in answers


def test_a_name_written_after_a_or_an_is_no_person() -> None:
    text = (
        "# Clouds\n\n"
        "A Mackerel Sky is a sheet of small rounded clouds in rows.\n\n"
        "Sailors say a Mackerel Sky brings rain within a day or two.\n\n"
        "The naturalist Luke Howard named the main kinds of cloud in 1802.\n"
    )
    index = index_of(text)
    said = "Sailors say a Mackerel Sky brings rain within a day or two."
    kinds = {e.text: e.kind for e in find_entities(said, index)}
    assert kinds["Mackerel Sky"] is not EntityKind.PERSON


def test_a_swapped_name_does_not_double_the_article() -> None:
    from kdquiz.core.generate.candidates import _swap

    text = "The centre of the map is the Old Square of Dunmore."
    start = text.index("Old Square")
    entity = find_entities(text, index_of("# Map\n\n" + text + "\n"))[-1]
    assert entity.start == start
    assert "the The" not in _swap(text, entity, "The Long Walk of Dunmore")
