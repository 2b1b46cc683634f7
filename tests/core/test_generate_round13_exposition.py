"""`kdquiz generate` on exposition told as "we" and "you" (textbooks, primers, recipes): a
general "we call ...", "we measure ... in ...", "you add ... to ..." is restated as an impersonal
fact and asked; narrative, opinion and conditions in the first person stay skipped. Each test
feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

from generate_support import cards_of, shown

from kdquiz.core.generate import document_from_text
from kdquiz.core.generate.candidates import _swap
from kdquiz.core.generate.descriptions import described_by_heading
from kdquiz.core.generate.entities import DocumentIndex, Entity, EntityKind
from kdquiz.core.generate.exposition import impersonal
from kdquiz.core.generate.facts import facts_of, standalone

_PRIMER = (
    "# A primer on bread\n\n"
    "## Dough\n\n"
    "We call the fermented starter of flour and water the levain.\n\n"
    "We measure the strength of flour in grams of protein per hundred grams.\n\n"
    "You add diastatic malt powder to the dough at about 1 percent of the flour weight.\n\n"
    "As we saw, the yeast Saccharomyces cerevisiae turns sugar into carbon dioxide.\n\n"
    "The rise of a loaf in the oven is what we call oven spring.\n\n"
    "In most bakeries, we usually bake rye loaves at 230 degrees for an hour.\n\n"
    "We believe that sourdough tastes better than any other bread.\n\n"
    "We will use these in the next chapter.\n"
)


def test_exposition_in_the_first_person_is_restated_in_the_passive() -> None:
    assert impersonal("We measure gravity in degrees Plato.") == (
        "Gravity is measured in degrees Plato."
    )
    assert impersonal("You add the hops at the end of the boil to keep their aroma.") == (
        "The hops are added at the end of the boil to keep their aroma."
    )
    assert impersonal("We can divide galaxies into three types by shape.") == (
        "Galaxies can be divided into three types by shape."
    )
    assert impersonal("In chemistry, we usually express mass in grams.") == (
        "In chemistry, mass is usually expressed in grams."
    )
    assert (
        impersonal("We call the sugary liquid the wort.") == "The sugary liquid is called the wort."
    )
    assert (
        impersonal("We refer to such stars as giants.") == "Such stars are referred to as giants."
    )
    assert (
        impersonal("The sweet liquid is what we call wort.") == "The sweet liquid is called wort."
    )
    assert impersonal("Here we see that the orbit is an ellipse.") == "The orbit is an ellipse."
    assert impersonal("Next, we build up our recipe by layers.") == (
        "Next, the recipe is built up by layers."
    )
    assert impersonal("The survey tells us that most birds migrate at night.") == (
        "According to the survey, most birds migrate at night."
    )
    assert impersonal("Two cups of flour will give us a loaf of 500 grams.") == (
        "Two cups of flour will give a loaf of 500 grams."
    )


def test_narrative_opinion_and_conditions_stay_first_person() -> None:
    for text in (
        "We will use these in the next chapter.",
        "We believe in the power of data.",
        "We use it to test the dough.",
        "We use this flour for this.",
        "If we heat water to 100 degrees, it boils.",
        "We divide our galaxy into four arms.",
        "You can use the left click to select, or rotate the wheel to zoom.",
        "We chose an Irish stout as an example.",
    ):
        assert standalone(text, "") is None, text


def test_a_primer_in_the_first_person_gets_cards_of_its_facts() -> None:
    cards = cards_of(_PRIMER)
    asked = {str(c.get("prompt")): c.get("answer") for c in cards}
    assert asked.get("What is the fermented starter of flour and water called?") == "levain"
    assert asked.get("What is the rise of a loaf in the oven called?") == "oven spring"
    texts = [shown(c) for c in cards]
    assert any(t.startswith("Diastatic malt powder is added to the dough at about") for t in texts)
    assert any("In most bakeries, rye loaves are usually baked at" in t for t in texts)
    assert any(t.startswith("The yeast") for t in texts)  # "As we saw," dropped
    assert not any(w in t.split() for t in texts for w in ("we", "We", "you", "You"))
    assert not any("sourdough" in t for t in texts)


_PLANETS = (
    "# The solar system\n\n## Planets\n\n"
    "Eight planets orbit the Sun, four rocky ones and four giants of gas and ice.\n\n"
    "### Mars\n\nThe planet has two small moons called Phobos and Deimos.\n\n"
    "### Jupiter\n\nThe planet itself holds more than twice the mass of all the other planets "
    "combined.\n\n"
    "This planet was visited by the Galileo probe, which orbited it from 1995 to 2003.\n\n"
    "## Early life\n\nThe planet cooled for millions of years before its first oceans formed.\n\n"
    "## Names\n\n### Olympus Mons\n\n"
    "The literal translation means the “Mount Olympus” of the Greek gods.\n"
)


def test_a_description_is_named_by_the_section_heading() -> None:
    doc = document_from_text(_PLANETS, "t.md")
    texts = [f.text for f in facts_of(doc, DocumentIndex(list(doc.sentences)))]
    assert "The planet Mars has two small moons called Phobos and Deimos." in texts
    assert any(t.startswith("The planet Jupiter holds more than twice the mass") for t in texts)
    assert any(t.startswith("The planet Jupiter was visited by the Galileo probe") for t in texts)
    assert any(t.startswith("The literal translation of Olympus Mons means") for t in texts)
    # "Early life" is no name: its "The planet" is left as written.
    assert not any("planet Early" in t for t in texts)


def test_described_by_heading_needs_a_name_and_a_listed_kind() -> None:
    headings = ("The solar system", "Planets", "Mars", "Moons", "Early life")
    assert described_by_heading("The planet is red.", "Mars", headings) == "The planet Mars is red."
    assert described_by_heading("The planet is red.", "Early life", headings) == (
        "The planet is red."
    )
    # The kind must be listed by an earlier heading, and the thing not named already.
    assert described_by_heading("The moon is red.", "Mars", headings) == "The moon is red."
    assert described_by_heading("The planet Mars is red.", "Mars", headings) == (
        "The planet Mars is red."
    )
    assert described_by_heading("The planets are red.", "Mars", headings) == (
        "The planets are red."
    )


def test_a_swapped_name_of_its_own_article_takes_no_second_one() -> None:
    text = "The center of the line is the Kite of Ravens."
    start = text.index("Kite")
    entity = Entity(EntityKind.NAME, "Kite of Ravens", start, start + len("Kite of Ravens"))
    assert _swap(text, entity, "The Seven Sisters") == (
        "The center of the line is the Seven Sisters."
    )


def test_a_named_answer_is_compared_by_its_head_noun_only() -> None:
    # "Na Hiku" marked as a term and "Na Hiku" found as a name are one answer, so one card;
    # the dictionary's lemma of a short first word ("na") must not tell them apart.
    term = Entity(EntityKind.TERM, "Na Hiku", 0, 7, named=True)
    name = Entity(EntityKind.NAME, "Na Hiku", 0, 7)
    assert term.key == name.key
    assert Entity(EntityKind.TERM, "socket clients", 0, 14, named=True).key == "socket client"


def test_a_description_inside_a_clause_is_left_for_its_section() -> None:
    headings = ("Games", "Harrow")
    assert described_by_heading("The game ends when no stone can move.", "Harrow", headings) == (
        "The game Harrow ends when no stone can move."
    )
    assert described_by_heading("The center of the game is the ring.", "Harrow", headings) == (
        "The center of the game Harrow is the ring."
    )
    assert described_by_heading("No stone may move when the game ends.", "Harrow", headings) == (
        "No stone may move when the game ends."
    )


def test_think_of_need_and_find_are_restated_too() -> None:
    assert impersonal("You can think of a derivative as the slope of a curve.") == (
        "A derivative can be thought of as the slope of a curve."
    )
    assert impersonal("We need a catalyst to start the reaction.") == (
        "A catalyst is needed to start the reaction."
    )
    assert impersonal("We find iron and nickel in the inner core.") == (
        "Iron and nickel are found in the inner core."
    )
    assert impersonal("Now we need to work on the hops.") == "Now we need to work on the hops."
