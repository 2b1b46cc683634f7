"""`kdquiz generate` on short texts stated in the shapes of manuals: terms defined by naming
('By "X", one refers to ...', '... are called X', 'X stands for ...', 'X, also known as Y'),
instructions that say what a tool does ("You can use the frob command to ..."), citations with
page numbers and initials, and answers a text repeats. Each test feeds a text and reads the
cards it gets; the texts are made up, so no rule can be keyed to a word of them."""

from __future__ import annotations

import pytest

from kdquiz.core.generate import DEFAULT_KINDS, document_from_text, generate_deck
from kdquiz.core.generate.text import split_sentences
from kdquiz.core.model import Kind


def _cards(text: str, kinds: list[Kind] | None = None) -> list[dict]:
    deck, _ = generate_deck(
        [document_from_text(text, "t.md")], kinds=kinds or list(DEFAULT_KINDS), max_cards=40
    )
    return deck["cards"]


def _asked(cards: list[dict]) -> dict[str, dict]:
    return {str(c.get("prompt")): c for c in cards if c.get("prompt")}


TOOLS = (
    "# Comparing files with the wibble suite\n\n"
    "Computer users often find occasion to ask how two files differ.\n\n"
    "You can use the frob command to show the lines where two files differ.\n\n"
    "You can use the quux command to show differences among three directories.\n\n"
    "You can use the zarg command to merge two files interactively.\n\n"
    "Given a frob listing, you can use the blit program to update a copy of the file.\n"
)


def test_an_instruction_to_use_a_command_is_asked_as_which_command_does_it() -> None:
    asked = _asked(_cards(TOOLS, [Kind.TYPED, Kind.MCQ]))
    card = asked["Which command can be used to show the lines where two files differ?"]
    assert card["answer"] == "frob"
    if card["type"] == "mcq":
        # the other commands of the text, never a word from elsewhere
        assert set(card["choices"]) <= {"frob", "quux", "zarg", "blit"}
        assert len(card["choices"]) == 4
    assert asked["Which command can be used to merge two files interactively?"]["answer"] == "zarg"


def test_commands_of_the_text_are_the_choices_for_one_another() -> None:
    cards = _cards(TOOLS, [Kind.MCQ])
    assert cards, "four commands in the text give each other's choices"
    for card in cards:
        assert set(card["choices"]) == {"frob", "quux", "zarg", "blit"}


def test_an_instruction_with_a_lead_in_keeps_it_and_an_unnamed_tool_is_not_asked() -> None:
    cards = _cards(
        "# Tools\n\nGiven a frob listing, you can use the blit program to restore a copy of the "
        "file exactly.\n\nYou can use a command like this one to do almost anything at all.\n",
        [Kind.TYPED],
    )
    assert [(c["prompt"], c["answer"]) for c in cards] == [
        ("Which program can be used to restore a copy of the file exactly?", "blit")
    ]
    assert "Given a frob listing, the blit program can be used" in cards[0]["explain"]


def test_to_do_something_use_a_tool_is_the_same_fact() -> None:
    cards = _cards(
        "# Archives\n\nTo extract archives with several members, use unpax instead of "
        "the older tools.\n",
        [Kind.TYPED],
    )
    assert [(c["prompt"], c["answer"]) for c in cards] == [
        ("What can be used to extract archives with several members?", "unpax")
    ]


def test_by_a_quoted_term_one_refers_to_is_a_definition() -> None:
    cards = _cards(
        '# Words\n\nBy "glorpification", one refers to the operation by which a program is '
        "made aware of several calendars.\n",
        [Kind.TYPED],
    )
    assert [(c["prompt"], c["answer"]) for c in cards] == [
        (
            "Which term refers to the operation by which a program is made aware of several "
            "calendars?",
            "glorpification",
        )
    ]


def test_by_a_term_we_mean_is_a_definition_though_it_says_we() -> None:
    cards = _cards(
        '# Words\n\nBy "zentering", we mean the careful alignment of every column in a '
        "printed table.\n",
        [Kind.TYPED],
    )
    assert [c["answer"] for c in cards] == ["zentering"]
    assert cards[0]["prompt"].startswith("Which term means the careful alignment")


def test_what_something_is_called_is_asked_in_other_words() -> None:
    cards = _cards(
        "# Bytes\n\nThe rules for turning a string of glyphs into a sequence of bytes are "
        "called a snorkel mapping, or just a mapping.\n",
        [Kind.TYPED],
    )
    assert [(c["prompt"], c["answer"]) for c in cards] == [
        (
            "What are the rules for turning a string of glyphs into a sequence of bytes called?",
            "snorkel mapping",
        )
    ]


def test_a_term_named_in_a_relative_clause_becomes_a_cloze() -> None:
    cards = _cards(
        "# Drawing\n\nA letter is drawn on a screen by a set of small strokes that's called "
        "a plinth.\n",
        [Kind.CLOZE],
    )
    assert [c["text"] for c in cards] == [
        "A letter is drawn on a screen by a set of small strokes that's called a(n) {{plinth}}."
    ]


def test_stands_for_and_also_known_as_are_asked_back() -> None:
    cards = _cards(
        '# Names\n\nQTF stands for "Quick Transfer Format", and the Q is always written in '
        "capitals.\n\nThe Kestrel interpreter, also known as Kessie, runs on small boards.\n",
        [Kind.TYPED],
    )
    asked = {(c["prompt"], c["answer"]) for c in cards}
    assert ("What does QTF stand for?", "Quick Transfer Format") in asked
    assert ("What is the Kestrel interpreter also known as?", "Kessie") in asked


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("See Myers, Algorithmica 1, 2 (1986), pp. 251-266. It is good.", 2),
        ("The tale by J. R. R. Tolkien (ed.) was long. It is good.", 2),
        ("As Myers et al. showed, the bound holds. It is good.", 2),
        ("Vol. 64, p. 12 has it. It is good.", 2),
        ("You can use the frob command to show files. frob can also show bytes.", 2),
        ("It costs 5 dollars etc. and more. It is good.", 2),
    ],
)
def test_references_and_initials_do_not_end_a_sentence(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


def test_a_citation_gives_its_author_but_not_its_journal_year_or_publisher() -> None:
    cards = _cards(
        "# Algorithms\n\nThe method was found independently by Ottilie Brandvold in "
        '"Fast Matching of Strings", Acta Informatica Vol. 64, 1985, pp. 100-118.\n\n'
        "Ottilie Brandvold later taught at the Zentrum Institute in Hamburg.\n"
    )
    answers = {str(c.get("answer", "")) for c in cards} | {
        c["text"].split("{{")[1].split("}}")[0].split("::")[0] for c in cards if "text" in c
    }
    assert "1985" not in answers and "Acta Informatica" not in answers
    assert not any("Vol. 64" in str(c.get("prompt", "")) and c.get("answer") == 64 for c in cards)


def test_a_name_with_initials_is_one_answer() -> None:
    cards = _cards(
        "# People\n\nRelated methods are surveyed by Alfred Q. Brandvold in a long chapter.\n\n"
        "The chapter was praised by Mina Okonkwo and by Alfred Q. Brandvold again.\n",
        [Kind.CLOZE],
    )
    assert any("{{Alfred Q. Brandvold" in c["text"] for c in cards)
    assert not any("{{Alfred Q}}" in c["text"] for c in cards)


def test_one_card_per_answer_even_for_a_year() -> None:
    cards = _cards(
        "# Releases\n\nThe Zorblax 1.0 release was published on 3 May 1998 by Ada Quist.\n\n"
        "The Zorblax mailing list was opened in July 1998 by Bo Lindqvist.\n\n"
        "The Zorblax logo was drawn in 2004 by Cy Tamura.\n",
        [Kind.NUMERIC, Kind.CLOZE],
    )
    years = [
        c.get("answer") if c["type"] == "numeric" else c["text"].split("{{")[1][:4]
        for c in cards
        if c["type"] == "numeric" or "::year" in c.get("text", "")
    ]
    assert sorted(str(y) for y in years).count("1998") == 1


def test_a_year_that_dates_the_whole_text_is_not_asked() -> None:
    text = "# The 2031 almanac\n\n" + "".join(
        f"In 2031 the town of {town} opened a new library with {n} shelves.\n\n"
        for town, n in [("Aldford", 40), ("Brixham", 55), ("Cowley", 61), ("Dunmore", 72)]
    )
    cards = _cards(text, [Kind.NUMERIC, Kind.CLOZE, Kind.MCQ])
    assert cards
    assert not any(str(c.get("answer")) == "2031" for c in cards)
    assert not any("{{2031" in c.get("text", "") for c in cards)


def test_therefore_and_hypotheticals_do_not_reach_a_card() -> None:
    cards = _cards(
        "# Access\n\nThe Zorblax tree moved to Gitfarm in May 2004. Zorblax 1.6 therefore "
        "contains all the work done at Quarry Labs until 2004.\n\n"
        "If there were only 7 people with write access, the task would never have been done.\n",
        [Kind.TRUEFALSE, Kind.CLOZE, Kind.NUMERIC],
    )
    for card in cards:
        shown = str(card.get("text") or card.get("statement") or card.get("prompt"))
        assert "therefore" not in shown
        assert "If there were" not in shown
