"""`kdquiz generate` on essays, histories and argued text: a decade or a range of years is one
answer whose wrong choices are of its own form. Each test feeds a made-up text and reads the
cards it gets."""

from __future__ import annotations

import re

from generate_support import cards_of, index_of, passing_candidates, shown

from kdquiz.core.generate.entities import EntityKind
from kdquiz.core.model import Kind

_HISTORY = (
    "# A short history of the canal\n\n"
    "The Grand Ouse Canal was dug between 1788 and 1793 by gangs of navvies from the north.\n\n"
    "Barges carried coal along the canal from 1801 to 1839, when the railway took the trade.\n\n"
    "Engineers have described the lock flight at Harwell as a wonder since the 1850s.\n\n"
    "Steam tugs first worked the canal in the early 1870's, pulling six barges at a time.\n"
)


def _mcq_answered(text: str, answer: str) -> dict:
    return next(c for c in cards_of(text, [Kind.MCQ]) if c["answer"] == answer)


def test_a_decade_is_asked_among_other_decades() -> None:
    card = _mcq_answered(_HISTORY, "1850s")
    assert card["prompt"].endswith("as a wonder since the _____.")
    assert all(re.fullmatch(r"1[5-9]\d0s", c) for c in card["choices"])
    written = _mcq_answered(_HISTORY, "1870's")  # as the text writes it
    assert all(re.fullmatch(r"1[5-9]\d0's", c) for c in written["choices"])


def test_a_range_of_years_is_asked_among_other_ranges() -> None:
    card = _mcq_answered(_HISTORY, "1788 and 1793")
    assert "dug between _____ by gangs" in card["prompt"]
    for choice in card["choices"]:
        first, last = (int(y) for y in re.fullmatch(r"(\d{4}) and (\d{4})", choice).groups())
        assert last - first == 5
    assert _mcq_answered(_HISTORY, "1801 to 1839")


def test_a_span_of_years_is_never_typed_as_one_number() -> None:
    cards = cards_of(_HISTORY)
    assert not [c for c in cards if c["type"] == "numeric" and c["answer"] in {1850, 1870, 1788}]
    # Not a single year of a range either: "between _____ and 1793" with 1795 among the choices.
    assert not [c for c in cards if re.search(r"\b(?:between|from) _____ (?:and|to) \d", shown(c))]


_ESSAY = (
    "# Notes on the history of evolution\n\n"
    "## Early views\n\n"
    "As Charles Lyell argued, the surface of the earth was shaped by slow processes still at "
    "work today.\n\n"
    "In 1798, Thomas Malthus wrote that populations grow faster than the food supply that "
    "feeds them.\n\n"
    "According to the naturalist Alfred Russel Wallace, the animals of Borneo and Lombok differ "
    "more than their distance suggests.\n\n"
    "The fossil record, as Louis Agassiz insisted, was formed by a creator and never changed.\n\n"
    "As Gregor Mendel wrote in his paper on peas, the traits of the parents pass to the young "
    "unmixed.\n\n"
    "## Darwin\n\n"
    "In the words of Charles Darwin:\n\n"
    '> "Natural selection acts only by the preservation of variations in some way '
    'advantageous to the living being."\n\n'
    'Thomas Henry Huxley called himself "Darwin\'s bulldog" after the Oxford debate.\n\n'
    "Richard Owen said that it was a danger to the order of the natural sciences.\n\n"
    '> "Nothing in biology makes sense except in the light of evolution."\n\n'
    "— Theodosius Dobzhansky, 1973\n\n"
    "Gregor Mendel, a monk in Brno, bred peas in the garden of his abbey for eight years.\n"
)


def test_a_claim_is_asked_who_made_it_among_other_people_of_the_text() -> None:
    cards = {c["prompt"]: c for c in cards_of(_ESSAY, [Kind.MCQ])}
    asked = {
        "Who argued that the surface of the earth was shaped by slow processes still at work "
        "today?": "Charles Lyell",
        # The date belongs to the writing, not to the claim: it is left out.
        "Who wrote that populations grow faster than the food supply that feeds them?": (
            "Thomas Malthus"
        ),
        "Whom does the text cite for this: “The animals of Borneo and Lombok differ more than "
        "their distance suggests”?": "Alfred Russel Wallace",
        # "X, as Y insisted, was ...": X is the claim's subject.
        "Who insisted that the fossil record was formed by a creator and never changed?": (
            "Louis Agassiz"
        ),
        'Who called himself "Darwin\'s bulldog" after the Oxford debate?': "Thomas Henry Huxley",
        # Where it was written is left out of the question.
        "Who wrote that the traits of the parents pass to the young unmixed?": "Gregor Mendel",
    }
    for prompt, person in asked.items():
        card = cards[prompt]
        assert card["answer"] == person
        others = set(card["choices"]) - {person}
        assert len(others) == 3
        assert others <= {
            "Charles Lyell",
            "Thomas Malthus",
            "Alfred Russel Wallace",
            "Louis Agassiz",
            "Charles Darwin",
            "Thomas Henry Huxley",
            "Richard Owen",
            "Theodosius Dobzhansky",
            "Gregor Mendel",
        }
    # "it was a danger": a claim that leans on another sentence is not asked.
    assert not [p for p in cards if "danger to the order" in p]


def test_a_quotation_set_off_is_asked_whose_words_it_holds() -> None:
    cards = {c["answer"]: c for c in cards_of(_ESSAY, [Kind.MCQ])}
    assert cards["Charles Darwin"]["prompt"] == (
        "Whose words are these? “Natural selection acts only by the preservation of variations "
        "in some way advantageous to the living being.”"
    )
    # The author on a line of its own after the quotation.
    assert cards["Theodosius Dobzhansky"]["prompt"] == (
        "Whose words are these? “Nothing in biology makes sense except in the light of evolution.”"
    )


def test_who_made_a_claim_is_asked_once_not_also_as_a_blank() -> None:
    # Every candidate that passes the gates, chosen or not: no blank of the speaker beside the
    # "Who ...?" card ("{{Thomas Malthus}} wrote that ...").
    candidates = passing_candidates(_ESSAY)
    malthus = [c for c in candidates if c.answer == "Thomas Malthus"]
    assert [c.kind for c in malthus] == [Kind.MCQ]


_SPEECH = (
    "# The bridge debate\n\n"
    "Charles Grey spoke first in the debate of 1840 on the new bridge.\n\n"
    "Ada Byron Lovelace, Isambard Brunel and Thomas Telford also spoke.\n\n"
    "As Grey said, a bridge of iron would outlast every bridge of stone in the county.\n\n"
    "According to the Tyne Navigators, the first span would open within three years.\n\n"
    "As the Royal Society argued, the river was too wide for a single span of iron.\n\n"
    "The Telford Society says that every arch must be inspected twice in each year.\n"
)


def test_a_claim_of_a_surname_is_asked_among_surnames_and_organisations_are_no_speakers() -> None:
    cards = {c["prompt"]: c for c in cards_of(_SPEECH, [Kind.MCQ])}
    grey = cards[
        "Who said that a bridge of iron would outlast every bridge of stone in the county?"
    ]
    assert grey["answer"] == "Grey"
    assert set(grey["choices"]) == {"Grey", "Lovelace", "Brunel", "Telford"}
    everything = " ".join(cards)
    assert (
        "three years" not in everything
    )  # "According to the Tyne Navigators": "the" names no person
    assert "single span" not in everything  # "As the Royal Society argued"
    assert "inspected twice" not in everything  # "The Telford Society says"


_CHRONICLE = (
    "# The chronicle of the abbey\n\n"
    "The records were kept by Anselm Vane, Hugh Marren, Walter Ease and Odo Brisk.\n\n"
    "Hugh Marren, Walter Ease and Odo Brisk copied the older rolls.\n\n"
    "According to the chronicler Anselm Vane, the monks of the valley built the first stone "
    "bridge over the river in the spring after the great flood, and the abbey paid for it, "
    "while the mill on the northern bank dates from 1614 when the abbot granted the land to "
    "the millers of the town.\n"
)


def test_a_long_claim_is_cut_at_while_and_each_half_kept_with_its_source() -> None:
    cards = cards_of(_CHRONICLE)
    shown_all = [shown(c) for c in cards]
    assert (
        "Whom does the text cite for this: “The monks of the valley built the first stone bridge "
        "over the river in the spring after the great flood, and the abbey paid for it”?"
    ) in shown_all
    # The half after "while" is the chronicler's too, asked with its year.
    assert any(
        s.startswith("According to the chronicler Anselm Vane, the mill on the northern bank")
        and ("{{1614" in s or "1614" not in s)  # the year asked
        for s in shown_all
    )


def test_a_name_opening_with_a_foreign_article_is_no_person() -> None:
    index = index_of(
        "# Papers\n\nLe Figaro and La Stampa were read in Paris. Jean Moulin read Le Figaro "
        "daily and La Stampa weekly.\n"
    )
    assert index.types.get("Le Figaro") is not EntityKind.PERSON
    assert index.types.get("La Stampa") is not EntityKind.PERSON
    assert index.types["Jean Moulin"] is EntityKind.PERSON


_WORDS = (
    "# Words of science\n\n"
    "The word atom comes from the Greek atomos, meaning uncuttable.\n\n"
    "Algebra derives from the Arabic al-jabr, meaning the reunion of broken parts.\n\n"
    "Early chemists sought quintessence, which means the fifth element, in every substance.\n\n"
    'The ancients wrote of entropy, "a turning towards change."\n\n'
    'The keeper named the ship, "the fastest in the fleet".\n'
)


def test_a_word_the_text_explains_is_asked_from_its_origin_or_meaning() -> None:
    asked_for = {c["prompt"]: c["answer"] for c in cards_of(_WORDS, [Kind.TYPED])}
    assert asked_for["Which word comes from the Greek “atomos”, meaning “uncuttable”?"] == "atom"
    assert (
        asked_for[
            "Which word comes from the Arabic “al-jabr”, meaning “the reunion of broken parts”?"
        ]
        == "Algebra"
    )
    assert asked_for["Which word does the text say means “the fifth element”?"] == "quintessence"
    assert asked_for["Which word does the text say means “a turning towards change”?"] == "entropy"
    # "the ship, ...": a thing described, not a word explained.
    assert not [p for p in asked_for if "fastest" in p]


_NAMES_TEXT = (
    "# Plants of the high meadow\n\n"
    'Early botanists often called the plant "wolfsbane", "monkshood" or "devil\'s helmet".\n\n'
    'The Milky Way is also called "the Galaxy" or "the Way".\n\n'
    "Photosynthesis is defined as the making of sugar from light, water and carbon dioxide, "
    "which happens in the leaves.\n"
)


def test_the_names_a_thing_is_given_are_asked_with_any_of_them_counting() -> None:
    cards = {c["prompt"]: c for c in cards_of(_NAMES_TEXT, [Kind.TYPED])}
    plant = cards[
        "What did early botanists often call the plant? (Any of the 3 names the text gives counts.)"
    ]
    assert {plant["answer"], *plant["accept"]} >= {"wolfsbane", "monkshood", "devil's helmet"}
    galaxy = cards["What is the Milky Way also called? (Any of the 2 names the text gives counts.)"]
    assert {galaxy["answer"], *galaxy["accept"]} >= {"the Galaxy", "the Way"}


def test_a_term_defined_as_is_asked_from_its_definition() -> None:
    asked_for = {c["prompt"]: c["answer"] for c in cards_of(_NAMES_TEXT, [Kind.TYPED])}
    # However common the word: "is defined as" marks it as a term.
    assert (
        asked_for[
            "Which term is defined as the making of sugar from light, water and carbon dioxide?"
        ]
        == "Photosynthesis"
    )
