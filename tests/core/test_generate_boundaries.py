"""`kdquiz generate` blanks whole names only, skips reading lists and credits, and asks for the
subject of a sentence that says what a named thing does. Each test feeds a made-up text and reads
the cards it gets (or checks the rule on one sentence), so no rule can be keyed to a real text."""

from __future__ import annotations

import re

import pytest

from kdquiz.core.generate import DEFAULT_KINDS, GenerateError, document_from_text, generate_deck
from kdquiz.core.generate.boundaries import whole_answer
from kdquiz.core.generate.shapes import kinds_named, subject_does
from kdquiz.core.model import Kind


def _cards(text: str, kinds: list[Kind] | None = None) -> list[dict]:
    deck, _ = generate_deck(
        [document_from_text(text, "t.md")], kinds=kinds or list(DEFAULT_KINDS), max_cards=40
    )
    return deck["cards"]


def _shown(card: dict) -> str:
    """Everything a card shows and asks, in one string."""
    return " ".join(
        str(card.get(k, "")) for k in ("text", "prompt", "statement", "answer", "choices")
    )


def _whole(sentence: str, answer: str, numeric: bool = False) -> bool:
    start = sentence.index(answer)
    return whole_answer(sentence, start, start + len(answer), numeric=numeric)


#: A part of a name, a unit or a modifier is no whole answer; a whole name, number or command is.
@pytest.mark.parametrize(
    ("sentence", "answer", "numeric", "whole"),
    [
        ("The disc holds a single QRB-7731 image of the whole system.", "7731", True, False),
        ("A string of plain text is also valid WTF-9 text in that scheme.", "9", True, False),
        ("The tool compresses data using Abelard–Zorn coding by default.", "Abelard", False, False),
        ("The tool compresses data using Abelard–Zorn coding by default.", "Zorn", False, False),
        ("Most scripts keep working with QV Kettles as they are.", "QV", False, False),
        ("Frank helped converting the build to use Zamfir Autotools.", "Zamfir", False, False),
        ("Frank helped converting the build to use Zamfir Autotools.", "Autotools", False, False),
        ("The old tool took a few hundred KiQ of memory on small machines.", "KiQ", False, False),
        (
            "The archive fitted into 700 MiQ after the change to the new format.",
            "MiQ",
            False,
            False,
        ),
        (
            "Messages are shown in many user-pickable languages at run time.",
            "user-pickable",
            False,
            False,
        ),
        ("Its map was drawn by Qarim al-Dazir in the late 13th century.", "Qarim", False, False),
        ("Borvald of Tessamy was one of the first to suggest it.", "Tessamy", False, False),
        ("The followers of the Zorbaic world view kept adding wheels.", "Zorbaic", False, False),
        ("The disc holds a single QRB-7731 image of the whole system.", "QRB-7731", False, True),
        (
            "The tool compresses data using Abelard–Zorn coding by default.",
            "Abelard–Zorn",
            False,
            True,
        ),
        ("Most scripts keep working with QV Kettles as they are.", "QV Kettles", False, True),
        ("A string of QWIK text is also valid in the newer scheme.", "QWIK", False, True),
        ("The project ran from 1993–1996 under its first leader.", "1993", True, True),
        ("In 1999 Zamfir Gorse became the leader of the project.", "Zamfir Gorse", False, True),
        ("The blorp command shows the lines where two files differ.", "blorp", False, True),
    ],
)
def test_only_a_whole_name_number_or_command_is_a_whole_answer(
    sentence: str, answer: str, numeric: bool, whole: bool
) -> None:
    assert _whole(sentence, answer, numeric) is whole


def test_no_card_blanks_half_of_a_hyphenated_or_two_word_name() -> None:
    text = (
        "# Packing\n\n"
        "One goal was to fit the whole system on a single 700 MiQ QRB-7731 image in 2004.\n\n"
        "Practically all scripts written for the old zorp tool work as is with QV Kettles.\n\n"
        "Frank Gallow helped converting the build system to use Zamfir Autotools in 2006.\n"
    )
    cards = _cards(text)
    shown = " ".join(_shown(c) for c in cards)
    assert "2004" in shown or "2006" in shown, "the whole facts still give cards"
    for card in cards:
        text_of = str(card.get("text", "")) + str(card.get("prompt", ""))
        assert not re.search(r"QRB-(?:\{\{|_)", text_of), card
        assert not re.search(r"\}\} Kettles|_____ Kettles|\}\} Autotools|_____ Autotools", text_of)
        assert "{{MiQ" not in text_of and card.get("answer") != "MiQ"


def test_a_document_number_after_capitals_is_no_year() -> None:
    cards = _cards(
        "# Formats\n\n"
        "The frozzle file format is specified in Internet QFC 1952, published by Pim Dorrit.\n\n"
        "The zorble format is specified in Internet QFC 1951, also published by Pim Dorrit.\n"
    )
    for card in cards:
        assert "year" not in str(card.get("text", "")), card
        assert card.get("answer") not in {"1951", "1952", 1951, 1952}, card


def test_a_reading_list_and_a_list_of_helpers_give_no_cards() -> None:
    text = (
        "# The zorble story\n\n"
        "In 2004 Ana Pelt released the first zorble archiver, written in 9,000 lines of C.\n\n"
        "Tom Kettering, Ida Marsh, Bo Lund and Eve Sand helped with minor things over the years.\n\n"
        "## References\n\n"
        "A good introduction to the format was written by Karl Wendt in a magazine in 2009.\n\n"
        "Another good introductory article was written by Joan Sparr for a newsletter.\n"
    )
    shown = " ".join(_shown(c) for c in _cards(text))
    assert "2004" in shown or "Ana Pelt" in shown, "the history sentence still gives a card"
    for name in ("Karl Wendt", "Joan Sparr", "Eve Sand", "Bo Lund", "2009"):
        assert name not in shown


@pytest.mark.parametrize(
    ("sentence", "kinds", "prompt", "answer"),
    [
        (
            "frobz reduces the size of the named files using Mallory–Kent coding.",
            {"frobz": "program"},
            "Which program reduces the size of the named files using Mallory–Kent coding?",
            "frobz",
        ),
        (
            "The frobz program will only attempt to compress regular files.",
            {},
            "Which program will only attempt to compress regular files?",
            "frobz",
        ),
        (
            "frobz can also uncompress files that have the right magic number.",
            {},
            "What can uncompress files that have the right magic number?",
            "frobz",
        ),
        (
            "Zanthic Code describes how letters are stored as numbered points.",
            {"zanthic code": "standard"},
            "Which standard describes how letters are stored as numbered points?",
            "Zanthic Code",
        ),
    ],
)
def test_a_named_subject_saying_what_it_does_is_asked_for(
    sentence: str, kinds: dict[str, str], prompt: str, answer: str
) -> None:
    found = subject_does(sentence, kinds)
    assert found is not None
    assert (found.prompt, found.answer) == (prompt, answer)


@pytest.mark.parametrize(
    "sentence",
    [
        "The specializer will combine common instruction pairs into one instruction.",
        "Timestamps must fall within the range that the format can store.",
        "Zanthic describes how letters are stored as numbered points.",  # kind unknown
        "frobz is a program that reduces the size of files.",  # a definition, asked elsewhere
        "Frobz Tools explores faster ways to build Frobz programs.",  # half answers itself
    ],
)
def test_a_common_noun_or_an_unknown_or_leaking_subject_is_not_asked(sentence: str) -> None:
    assert subject_does(sentence, {}) is None


def test_the_kind_of_a_name_comes_from_the_text() -> None:
    kinds = kinds_named(
        ["Run the frobz program on each file.", "blarg is a small command for archives."]
    )
    assert kinds == {"frobz": "program", "blarg": "command"}


def test_subject_questions_give_typed_cards_and_choices_only_among_kin() -> None:
    text = (
        "# Squeezing files\n\n"
        "The frobz program is the main tool of the squish suite.\n\n"
        "frobz reduces the size of the named files using Mallory–Kent coding.\n\n"
        "The unfrob program restores files created by frobz or by older packers.\n\n"
        "The catfrob program writes the restored data on the standard output.\n\n"
        "The frobcheck program tests compressed files for damage before restoring them.\n"
    )
    cards = _cards(text, [Kind.TYPED, Kind.MCQ])
    asked = {c["prompt"]: c for c in cards}
    card = asked.get("Which program reduces the size of the named files using Mallory–Kent coding?")
    assert card is not None and card["answer"] == "frobz"
    if card["type"] == "mcq":
        assert set(card["choices"]) == {"frobz", "unfrob", "catfrob", "frobcheck"}


def test_called_the_term_for_after_a_long_description_is_asked_in_other_words() -> None:
    cards = _cards(
        "# Squiggles\n\n"
        "The set of squiggles used in one region, together with all its word lists, is called "
        'the "zorm" for that region.\n',
        [Kind.TYPED],
    )
    asked = {c["prompt"]: c["answer"] for c in cards}
    assert asked == {"What is the set of squiggles used in one region called?": "zorm"}


def test_the_source_line_of_a_quotation_gives_no_card() -> None:
    text = (
        "# Quotes\n\n"
        "> Program or be zonked. Choose the former, and you gain the panel of the city.\n>\n"
        "> — Dora Pushkin. Program or be zonked, Q/R Books (2010).\n\n"
        "> Data analysis is a human behaviour and not purely computational.\n>\n"
        "> — Five ways to mend sums, Natura, 551, Nov 2017.\n\n"
        "In 1999 the Zorg Foundation gave 400 grants to small projects in Elbonia.\n"
    )
    shown = " ".join(_shown(c) for c in _cards(text))
    assert "1999" in shown or "400" in shown
    for part in ("2010", "2017", "Natura", "Q/R Books", "Dora Pushkin"):
        assert part not in shown


def test_a_number_the_sentence_names_in_a_word_is_not_asked() -> None:
    cards = _cards(
        "# Sets\n\n"
        "Zimbel's quartet shows how four data sets of different shapes give the same line.\n\n"
        "The Zorg Foundation gave 400 grants to small projects in Elbonia during 1999.\n"
    )
    answers = [str(c.get("answer")) for c in cards] + [str(c.get("text")) for c in cards]
    assert not any("{{four" in a or a in {"4", "4.0"} for a in answers), answers
    assert any("400" in a or "1999" in a for a in answers)


def test_a_word_made_from_the_answer_gives_it_away() -> None:
    cards = _cards(
        "# Wheels\n\n"
        "Followers of the Zorbelic world view added wheels for centuries after Zorbely.\n\n"
        "The idea of wheels within wheels was first proposed by Zorbely in 1201.\n"
    )
    asked = [c for c in cards if c.get("answer") == "Zorbely" or "{{Zorbely" in str(c.get("text"))]
    assert asked, "the sentence that does not give the name away still gives a card"
    for card in asked:
        assert "Zorbelic" not in str(card.get("text", "")) + str(card.get("prompt", ""))


@pytest.mark.parametrize(
    ("sentence", "term", "asked"),
    [
        # an everyday word in quotes used as a word of the sentence: a modifier, a verb
        (
            'There were several interim "point" releases made to the Zorblax 1.3 line.',
            "point",
            False,
        ),
        ('The Zorblax frame then "jumps" to the new code inside the new frame.', "jumps", False),
        # named or defined: at the end of its clause, explained in brackets, or defined next
        ('In Zorblax 3.11, the core modules needed for startup are "frozen".', "frozen", True),
        ('Zorblax only optimises code that is "hot" (executed multiple times).', "hot", True),
        ('A "line" consists of the text up to and including a newline character.', "line", True),
        # a rare word is a term wherever it stands
        ('Zorblax needs to be "bootstrapped" before its first run.', "bootstrapped", True),
    ],
    ids=["modifier", "verb", "end-of-clause", "explained", "defined", "rare-word"],
)
def test_an_everyday_word_in_scare_quotes_is_no_term(sentence: str, term: str, asked: bool) -> None:
    try:
        cards = _cards(f"# Zorblax\n\n{sentence}\n", [Kind.CLOZE])
    except GenerateError:
        cards = []  # no fact found in the sentence at all
    assert any(c["text"].count("{{" + term) == 1 for c in cards) is asked


def test_the_country_after_a_city_is_not_asked() -> None:
    cards = _cards(
        "# Meetings\n\nThe first meeting of the Zorblax developers took place in Quentor, "
        "Varnesia from the 5th to the 9th of July 2000.\n\nThe hosts flew in from Varnesia.\n",
        [Kind.TYPED],
    )
    answers = [c["answer"] for c in cards]
    assert "Quentor" in answers
    assert not any("Quentor, _____" in c["prompt"] for c in cards)
