"""`kdquiz generate` on shapes that texts of new genres use: a relative clause that says what a
named tool does, a method's sentence that ends in a colon before its example, a person named in
full once and then by first name, "They" after a plural subject, a name given to what the
sentence before described, long sentences with a side remark, and blanks that teach nothing
(numbers that only identify, a referent the card does not show, an item of a bracketed list, a
program taken for a place). Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

import re

import pytest
from generate_support import asked, cards_of, index_of, shown

from kdquiz.core.generate import DEFAULT_KINDS, document_from_text, generate_deck
from kdquiz.core.generate.entities import EntityKind, find_entities
from kdquiz.core.generate.facts import plural_subject, refers_elsewhere
from kdquiz.core.generate.questions import count_question
from kdquiz.core.generate.shapes import subject_does, which_does
from kdquiz.core.model import Kind


def test_a_relative_clause_saying_what_a_named_module_does_is_asked_for_the_module() -> None:
    text = (
        "# Exact arithmetic\n\n"
        "Another form of exact arithmetic is supported by the quibble module which implements "
        "arithmetic based on rational numbers (so thirds are exact).\n\n"
        "Another helpful tool is the zorp.fsum() function which helps mitigate loss of "
        "precision during summation.\n"
    )
    questions = asked(text)
    assert questions["Which module implements arithmetic based on rational numbers?"] == "quibble"
    assert (
        questions["Which function helps mitigate loss of precision during summation?"]
        == "zorp.fsum()"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Use the main function which implements the whole loop of the program.",  # a description
        "Try the quibble module which implements it for any number type.",  # "it": leans on another
        "Try the decimal module which implements decimal arithmetic for accountants.",  # leaks
    ],
)
def test_a_relative_clause_on_a_description_or_leaning_on_another_is_not_asked(
    sentence: str,
) -> None:
    assert which_does(sentence) is None


def test_a_method_sentence_ending_in_a_colon_before_its_example_is_still_asked() -> None:
    text = (
        "# Exact values\n\n"
        "The float.frobnicate() method expresses the value of a float as a fraction:\n\n"
        "The gadget command lists the files of a folder in reverse order:\n"
    )
    questions = asked(text)
    assert questions["Which method expresses the value of a float as a fraction?"] == (
        "float.frobnicate()"
    )
    assert questions["Which command lists the files of a folder in reverse order?"] == "gadget"


def test_a_name_given_a_version_number_is_no_place_though_it_follows_in() -> None:
    text = (
        "# Numbers\n\n"
        "Floats are printed in Zython with the shortest repr that round-trips.\n\n"
        "Starting with Zython 3.1, the shortest of these is displayed.\n\n"
        "Most tea is grown in Quendia for export to the whole of Europe.\n"
    )
    index = index_of(text)
    assert index.kind_of("Zython") is not EntityKind.PLACE
    assert index.kind_of("Quendia") is EntityKind.PLACE
    assert not any("::place}}" in shown(c) and "Zython" in shown(c) for c in cards_of(text))


def test_a_number_after_a_hash_only_identifies_and_is_not_asked() -> None:
    text = (
        "# Release notes\n\n"
        "The matcher no longer crashes on long lines [Bug#44754 introduced in release 3.5].\n\n"
        "Issue #2001 was closed after 120 days of discussion on the mailing list.\n"
    )
    seen = " ".join(shown(c) + str(c.get("answer")) for c in cards_of(text))
    assert "44754" not in seen.replace("Bug#44754", "")
    assert "{{44754" not in seen and "{{2001" not in seen
    assert "4000" in seen or "120" in seen  # real quantities are still asked


@pytest.mark.parametrize(
    "sentence",
    [
        "Historically, the prompt would choose the one with 17 significant digits.",
        "With only 80,000 lines of input, the following would use 100GB of memory.",
        "The latter was released by Quorvath Labs in 1998.",
    ],
)
def test_the_one_the_latter_and_the_following_lean_on_another_sentence(sentence: str) -> None:
    assert refers_elsewhere(sentence)
    assert not refers_elsewhere("The one-word name Quorvath was chosen by Zentra Labs in 1998.")


def test_a_person_named_in_full_once_then_by_first_name_is_that_person() -> None:
    text = (
        "# In memory\n\n"
        "Thavro Sellingham died on December 26th, 2008 in a tragic car accident. "
        "Thavro was involved in the project in many ways. "
        "He was the main supporter of the ports to the QIPS architecture.\n"
    )
    index = index_of(text)
    assert index.kind_of("Thavro Sellingham") is EntityKind.PERSON
    seen = [shown(c) for c in cards_of(text)]
    assert any("Thavro Sellingham was the main supporter" in s for s in seen), seen
    assert not any(s.startswith(("He ", "Thavro was")) for s in seen)


def test_a_word_that_stands_alone_and_in_other_names_makes_no_person() -> None:
    text = (
        "# Distributions\n\n"
        "Corvel announced the Quix Storm distribution in 1999. "
        "Quix International and the Quix Foundation backed it. "
        "Quix runs on many machines today.\n"
    )
    assert index_of(text).kind_of("Quix Storm") is not EntityKind.PERSON


def test_they_after_a_plural_subject_is_that_subject_even_across_a_paragraph() -> None:
    text = (
        "# Sockets\n\n"
        "Of the various forms of messaging, sockets are by far the most popular.\n\n"
        "They were invented in Berkeley as part of the BSD flavour of Unix.\n"
    )
    seen = [shown(c) for c in cards_of(text)]
    assert any(s.startswith("Sockets were invented in") for s in seen), seen
    assert plural_subject("Sockets are by far the most popular.") == "sockets"
    assert plural_subject("Many users are not aware of this.") == ""
    assert plural_subject("Sockets are popular, but pipes are faster.") == ""  # which one?


def test_a_name_for_what_the_sentence_before_described_is_asked_with_both() -> None:
    text = (
        "# Speed\n\n"
        "The general idea is that most code has regions where objects and types rarely "
        "change. This concept is known as type quietude.\n"
    )
    cards = cards_of(text, [Kind.CLOZE])
    texts = [str(c.get("text")) for c in cards]
    assert (
        "The general idea is that most code has regions where objects and types rarely change. "
        "This concept is known as {{type quietude}}."
    ) in texts, texts


def test_a_long_sentence_loses_its_trailing_side_remark_and_keeps_its_statement() -> None:
    text = (
        "# Careers\n\n"
        "Arvid Quellmann went on to be founding director of Quix International, chief "
        "executive of the Free Zandards Group and later the Quix Foundation, and leader of "
        "Project Indigo at Zun Microsystems, which he described as taking the lesson that "
        "Quix has brought to the operating system and providing that for a much older system "
        "that nobody used any more.\n"
    )
    seen = [shown(c) for c in cards_of(text)]
    assert seen, "the statement before the side remark is kept"
    assert all("which he described" not in s for s in seen)
    assert any(s.endswith("Project Indigo at Zun Microsystems.") for s in seen), seen


def test_no_blank_is_an_item_of_a_bracketed_list_of_exceptions() -> None:
    text = (
        "# Options\n\n"
        "The --zap option prints every match in colour on the terminal.\n\n"
        "The --quux option prints the byte offset before each line.\n\n"
        "The --blip option counts the matching lines of every file.\n\n"
        "A slow regression with many patterns was fixed in common cases (no backref, and no use "
        "of -o or --glim).\n"
    )
    cards = cards_of(text)
    assert len(cards) == 3, [shown(c) for c in cards]  # one for each option's own sentence
    assert all("regression" not in shown(c) for c in cards)


def test_a_trailing_remark_that_leans_on_another_sentence_is_cut_not_the_statement() -> None:
    text = (
        "# Design\n\n"
        "The frobtext library was written by Arvel Quint in 1998 to minimize the impact of "
        "translation on program sources, keeping this impact as small as possible.\n"
    )
    seen = [shown(c) for c in cards_of(text)]
    assert seen, "the statement before the remark stands alone"
    assert all("this impact" not in s for s in seen), seen
    assert not refers_elsewhere(
        "The frobtext library was written by Arvel Quint in 1998 to minimize the impact of "
        "translation on program sources."
    )


def test_the_above_leans_on_another_sentence() -> None:
    assert refers_elsewhere("The above string takes 24 bytes compared to 6 bytes in ASCII.")


def test_a_value_filed_under_a_two_word_class_is_no_definition() -> None:
    text = (
        "# Characters\n\n"
        "Q+26AB is a code point, which represents some particular glyph in the Zentrix tables.\n\n"
        "frobnik is the preferred installer program of the Zentrix tables.\n"
    )
    asked = {str(c.get("prompt")): c.get("answer") for c in cards_of(text, [Kind.TYPED])}
    assert "What is a code point?" not in asked, asked
    assert asked.get("What is the preferred installer program of the Zentrix tables?") == (
        "frobnik"
    ), asked


def test_a_sentence_kept_only_for_its_shape_ranks_below_one_that_stands_whole() -> None:
    text = (
        "# The quux tool\n\n"
        "The quux program lists tables of characters and their code points:\n\n"
        "The quux program describes how characters are represented by code points.\n"
    )
    asked = [str(c.get("prompt")) for c in cards_of(text, [Kind.TYPED])]
    assert asked == ["Which program describes how characters are represented by code points?"]


def test_a_name_whose_first_word_stands_alone_in_the_prompt_is_not_asked() -> None:
    text = (
        "# Alliances\n\n"
        "The desktop company Quorvel Corporation formed an alliance with Debian when Quorvel "
        "announced a new distribution for the office.\n\n"
        "The Zentrix Corporation and the Blarn Studios joined later.\n"
    )
    cards = cards_of(text)
    assert cards
    for card in cards:
        if "when Quorvel announced" in shown(card):
            # neither a blank for it nor a false statement that swaps it out
            assert "{{Quorvel" not in shown(card) and "Quorvel Corporation" in shown(card), card


def test_a_leading_when_clause_and_an_adverb_stay_in_the_subject_question() -> None:
    kinds = {"frob3": "program"}
    found = subject_does(
        "When two people have made independent changes to a common original, frob3 can report "
        "the differences between the original and the two changed versions.",
        kinds,
    )
    assert found is not None and found.answer == "frob3"
    assert found.prompt == (
        "When two people have made independent changes to a common original, which program can "
        "report the differences between the original and the two changed versions?"
    )
    found = subject_does("frob3 normally reports the lines that differ in two files.", kinds)
    assert found is not None
    assert found.prompt == "Which program normally reports the lines that differ in two files?"
    assert subject_does("When it is run twice, frob3 reports the same lines again.", kinds) is None


def test_also_is_dropped_from_a_who_question() -> None:
    text = (
        "# Funding\n\n"
        "The main team is paid by Zentrix Media. "
        "Arvel Quintana is also funded by Blarnco Films to work on the interpreter part-time.\n"
    )
    prompts = [str(c.get("prompt")) for c in cards_of(text, [Kind.TYPED])]
    assert "Who is funded by Blarnco Films to work on the interpreter part-time?" in prompts, (
        prompts
    )


def test_a_count_with_a_plus_or_a_capitalised_unit_is_a_count() -> None:
    for text, answer in (
        ("# Releases\n\nThe second Quix release shipped 1500+ packages to its users.\n", "1500"),
        ("# Releases\n\nThe Quix archive is maintained by 400 Debian developers.\n", "400"),
    ):
        answers = {str(c.get("answer")) for c in cards_of(text, [Kind.NUMERIC])}
        assert answer in answers, (text, answers)
    assert refers_elsewhere("At the time of release, there were 1500+ packages in the archive.")


def test_a_passive_with_its_agent_last_asks_who_did_it() -> None:
    text = (
        "# Tools\n\n"
        "frobsh and frobdec were written by Arvel Quintana.\n\n"
        "The Zentrix format was designed by Blarnco Studios.\n\n"
        "Ilsa Vantrel and Corin Dask joined the Quix project in 2003.\n"
    )
    prompts = {str(c.get("prompt")): c["answer"] for c in cards_of(text, [Kind.TYPED, Kind.MCQ])}
    assert prompts.get("Who were frobsh and frobdec written by?") == "Arvel Quintana", prompts
    assert prompts.get("Which organisation was the Zentrix format designed by?") == (
        "Blarnco Studios"
    ), prompts


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        (
            "Currently, Quix officially supports nine hardware architectures and several "
            "variations of each.",
            "Currently, how many hardware architectures does Quix officially support?",
        ),
        (
            "Quix has more than 31,000 source packages.",
            "About how many source packages does Quix have?",
        ),
        (
            "The Quix archive contained 474 packages.",
            "How many packages did the Quix archive contain?",
        ),
        ("It contained 474 packages.", None),  # leans on another sentence
        ("Quix is 474 packages.", None),  # no verb to ask with
    ],
)
def test_a_count_after_a_named_subject_and_verb_is_asked_how_many(
    sentence: str, asked: str | None
) -> None:
    found = find_entities(sentence, index_of(f"# Counts\n\n{sentence}\n"))
    count = next(e for e in found if e.kind is EntityKind.COUNT)
    assert count_question(sentence, count) == asked


def test_one_helper_thanked_is_a_credit_not_a_fact() -> None:
    text = (
        "# History\n\n"
        "Arvel Quintana wrote the first Zentrix decoder in 2004.\n\n"
        "Ilsa Vantrel helped converting the build system to use GNU Autotools in 2006.\n"
    )
    seen = [shown(c) for c in cards_of(text)]
    assert seen and not any("helped converting" in s for s in seen), seen


def test_a_sentence_leaning_on_the_one_before_is_asked_after_it_on_its_own_names() -> None:
    text = (
        "# Releases\n\n"
        "Quix 2.0 was released in July 1998 for the Zentrix and Blarn architectures. "
        "This release marked the move to a new system library called Frobc, with 1500+ "
        "packages.\n"
    )
    seen = [shown(c) for c in cards_of(text, [Kind.CLOZE, Kind.NUMERIC])]
    paired = [s for s in seen if "This release marked" in s]
    assert paired, seen
    for s in paired:
        assert s.split(": ", 1)[-1].startswith("Quix 2.0 was released in July 1998"), s
        assert "{{1998" not in s and "Zentrix" in s  # blanks only in the second sentence


def test_a_pointer_past_the_sentence_before_is_not_paired_with_it() -> None:
    text = (
        "# Releases\n\n"
        "Quix 2.0 was released in July 1998 for the Zentrix architecture. "
        "The following list shows the 1500+ packages of the Blarnix suite.\n"
    )
    assert not any("following" in shown(c) for c in cards_of(text))


def test_a_pointer_to_the_previous_section_leans_elsewhere() -> None:
    assert refers_elsewhere(
        "To summarize the previous section: a Zentrix string is a sequence of 40 code points."
    )


def test_an_article_with_terminal_escapes_and_bidi_marks_gives_a_deck_that_passes_check() -> None:
    """Text copied from a terminal or a web page may hold colour codes, a title or clipboard
    sequence, and invisible bidi marks: the draft must pass `kdquiz check` (which refuses
    them) and carry none of them, with the words around them kept."""
    import yaml

    from kdquiz.core.decks import load_deck_text
    from kdquiz.core.safe_text import shows_as_is

    text = (
        "# Harbours\n\n"
        "The harbour of \x1b[1mBusan\x1b[0m was opened in 1876 by the \u202eJoseon\u202c court.\n\n"
        "A crane\x1b]52;c;cHduZWQ=\x07 at the Pusan Terminal lifts 65 tonnes\x1b]0;x at a time.\n"
    )
    cards = cards_of(text)
    assert cards
    for card in cards:
        for value in card.values():
            assert shows_as_is(str(value)), card
    shown_text = " ".join(shown(card) for card in cards)
    assert "1876" in shown_text or "Busan" in shown_text
    assert "[1m" not in shown_text and "52;c;" not in shown_text
    deck, _ = generate_deck([document_from_text(text, "t.md")], kinds=list(DEFAULT_KINDS))
    load_deck_text(yaml.safe_dump(deck, allow_unicode=True), "t.yaml")  # raises on a problem


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2014 the Jinja engine by Armin Ronacher wrote {{ name }} for a value in Vienna.",
        "In 2019 Kim Min-ji copied the card {{c1::Seoul}} from Anki in Busan.",
    ],
)
def test_a_cloze_is_written_only_where_its_gap_reads_back_as_the_one_gap(sentence: str) -> None:
    """Braces in the article become gaps of their own (there is no escape for them), a brace
    touching the answer joins it, and "::" in an answer is read as its hint: every cloze the
    generator writes must load back with exactly the gap it meant."""
    from kdquiz.core.cards import parse_gaps

    text = f"# Notes\n\n{sentence}\n\nKim Min-ji was born in 1990 in Daegu.\n"
    cards = cards_of(text)
    assert any(card["type"] != "cloze" for card in cards)  # the sentence is still asked
    for card in cards:
        if card["type"] == "cloze":
            (gap,) = parse_gaps(card["text"])
            marked = re.search(r"\{\{.+?\}\}", card["text"])
            assert marked
            filled = card["text"].replace(marked.group(), gap.answer)
            assert filled in text, card["text"]


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("The set {Busan} was named in 2019.", "Busan"),  # would read as the answer "{Busan"
        ("The std::vector type was added in 1994.", "std::vector"),  # answer "std", hint "vector"
        ("The Data::Dumper module came in 1996.", "Data::Dumper"),
    ],
)
def test_no_gap_is_made_of_an_answer_that_touches_braces_or_holds_a_hint_mark(
    sentence: str, answer: str
) -> None:
    from kdquiz.core.generate.candidates import breaks_gap_markup
    from kdquiz.core.generate.entities import Entity

    start = sentence.index(answer)
    entity = Entity(EntityKind.TERM, answer, start, start + len(answer))
    assert breaks_gap_markup(sentence, entity)
    year = re.search(r"\d{4}", sentence)
    assert year
    assert not breaks_gap_markup(sentence, Entity(EntityKind.YEAR, year[0], *year.span()))


def test_a_stray_comma_before_an_abbreviation_in_brackets_is_read_without_a_crash() -> None:
    """A word that is only punctuation ("director , (AD)", as text pasted from a table reads)
    left an empty word where the abbreviation's initials were taken."""
    cards = cards_of(
        "# Crew\n\nIn 1990 Kim Min-ji worked as assistant director , (AD) for Studio Dragon.\n"
    )
    assert any("1990" in str(card.get("answer")) or "1990" in shown(card) for card in cards)


@pytest.mark.parametrize("numbers", ["70–60%", "7—0%", "from $25 million to $20 million"])
def test_a_span_written_from_high_to_low_gives_no_card_with_a_negative_tolerance(
    numbers: str,
) -> None:
    """A numeric card takes any value of a range; one written high to low (a change, or a typo)
    would be a range with a negative tolerance, which no deck may hold."""
    from generate_support import passing_candidates

    text = f"# Compression\n\nIn 1993 Jean-loup Gailly found that text shrinks by {numbers}.\n"
    candidates = passing_candidates(text)
    assert candidates
    for candidate in candidates:
        assert candidate.fields.get("tolerance", 0) >= 0, candidate.fields
