"""`kdquiz generate` on short texts: referents resolved from the sentence before, definitions of
kinds asked in other words, lead-ins dropped, untyped names blanked only when specific, and at
most one card of a kind per sentence. Each test feeds a text and reads the cards it gets."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from generate_support import refused_plainly

from kdquiz.core.generate import GenerateError, document_from_text, generate_deck, read_document
from kdquiz.core.model import Kind

CORPUS = Path(__file__).parents[1] / "fixtures" / "generator_corpus"


def _cards(text: str, kinds: list[Kind] | None = None) -> list[dict]:
    deck, _ = generate_deck(
        [document_from_text(text, "t.md")], kinds=kinds or list(Kind), max_cards=40
    )
    return deck["cards"]


def _shown(card: dict) -> str:
    return str(card.get("text") or card.get("prompt") or card.get("statement"))


def test_an_opening_it_becomes_the_name_the_sentence_before_opened_with() -> None:
    cards = _cards(
        "# Zorblax\n\nZorblax, remaining true to its principles, has grown a lot since then. "
        "Currently, it officially supports 14 hardware release architectures.\n",
        [Kind.NUMERIC],
    )
    assert [c["answer"] for c in cards] == [14]
    assert cards[0]["prompt"] == (
        "Currently, how many hardware release architectures does Zorblax officially support?"
    )


@pytest.mark.parametrize(
    "text",
    [
        # a new paragraph: the name may no longer be what "it" means
        "# Zorblax\n\nZorblax, remaining true to its principles, has grown a lot.\n\n"
        "Currently, it officially supports 14 hardware release architectures.\n",
        # an "it" that points at no thing
        "# Zorblax\n\nZorblax has grown a lot since then. "
        "It is important that 14 hardware release architectures are supported.\n",
        # a person is "he" or "she", not "it"
        "# Zorblax\n\nAda Quist has grown a lot since then, said the director Ada Quist. "
        "Currently, it officially supports 14 hardware release architectures.\n",
    ],
    ids=["other-paragraph", "dummy-it", "person"],
)
def test_it_is_left_unresolved_where_the_name_is_not_safe(text: str) -> None:
    _only_as_written(text)


def _only_as_written(text: str) -> None:
    """No card rewrites the second sentence's "it"/"this" with a guessed name: it is either not
    asked, or shown as written right after the sentence before it (same paragraph only)."""
    paragraphs = text.split("\n\n")[1:]
    try:
        cards = _cards(text, [Kind.NUMERIC])
    except GenerateError:
        cards = []
    last = paragraphs[-1].strip()
    tail = " ".join(last.rsplit(". ", 1)[-1].split()[1:4]).casefold()  # after "it"/"this"
    for card in cards:
        prompt = card["prompt"].casefold()
        if tail not in prompt:
            continue  # a card on the sentence before alone
        assert len(paragraphs) == 1, card  # a new paragraph: nothing shown before it
        before, after = last.split(". ", 1)
        assert f"{before}. {after.split(' ')[0]} ".casefold() in prompt, prompt


def test_the_project_is_the_name_the_sentence_before_called_a_project() -> None:
    cards = _cards(
        "# Zorblax\n\nLegally speaking, Zorblax is a project managed by a volunteer association. "
        "The project has 1,200 registered developers in 40 countries.\n",
        [Kind.NUMERIC],
    )
    prompts = [c["prompt"] for c in cards]
    assert prompts and all("does Zorblax have" in p for p in prompts), prompts


def test_this_name_after_a_sentence_about_a_name_is_the_name_itself() -> None:
    cards = _cards(
        "# Zorblax\n\nLook no further: Zorblax is not an acronym. This name is, in reality, a "
        "contraction of two first names: that of Ian Murdock, and his friend at the time, "
        "Debrina.\n",
        [Kind.CLOZE],
    )
    texts = [c["text"] for c in cards if "contraction" in c["text"]]
    assert len(texts) == 1, texts  # one blank of a kind per sentence
    assert texts[0].startswith("The name Zorblax is, in reality, a contraction"), texts
    assert "{{Ian Murdock" in texts[0] or "{{Debrina}}" in texts[0]


def test_a_definition_of_a_kind_of_thing_is_asked_in_other_words() -> None:
    cards = _cards(
        "# Keyboards\n\nA virtual keyboard is a software component that lets people type without "
        "a physical keyboard, rather than pressing real keys.\n",
        [Kind.TYPED, Kind.CLOZE],
    )
    assert [(c["type"], c["prompt"], c["answer"]) for c in cards] == [
        (
            "typed",
            "What is a software component that lets people type without a physical keyboard?",
            "virtual keyboard",
        )
    ]


def test_a_remark_shaped_like_a_definition_is_no_definition() -> None:
    with pytest.raises(GenerateError):
        _cards(
            "# Keyboards\n\nA good example is a software component that lets people type "
            "without a physical keyboard.\n",
            [Kind.TYPED, Kind.CLOZE],
        )


def test_lead_ins_that_only_announce_the_statement_are_dropped() -> None:
    cards = _cards(
        "# Ports\n\nA second thing to note: low number ports are usually reserved for "
        '"well known" services.\n\nBut if you plan to reuse your socket, you need to realize '
        "that there is no EOT (End of Transfer) on a socket.\n",
        [Kind.CLOZE, Kind.TYPED],
    )
    shown = {c["type"]: _shown(c) for c in cards}
    assert shown["cloze"] == 'Low number ports are usually reserved for "{{well known}}" services.'
    assert shown["typed"] == "What does EOT stand for?"  # "End of Transfer" is no title
    assert [c["answer"] for c in cards if c["type"] == "typed"] == ["End of Transfer"]


def test_specific_untyped_names_are_blanked_and_common_or_partial_ones_are_not() -> None:
    cards = _cards(
        "# Releases\n\n"
        "Debian 2.1 (Slink) featured official support for the Alpha architecture.\n\n"
        "It was released for the Intel i386 and Motorola 68000 series architectures.\n\n"
        "The installer runs on many Linux systems without changes.\n\n"
        "Ports are reserved for well known services (HTTP, SNMP etc) on every host.\n\n"
        "Consult the Trademark Usage Policy for more information on Zorblax.\n",
        [Kind.CLOZE],
    )
    assert [c["text"] for c in cards] == [
        "Debian 2.1 ({{Slink}}) featured official support for the Alpha architecture."
    ]


def test_us_is_a_country_not_the_first_person() -> None:
    cards = _cards(
        "# Donations\n\nDonations to the Zorblax Foundation are tax-exempt in the US since 2004.\n",
        [Kind.NUMERIC],
    )
    assert [c["answer"] for c in cards] == [2004]


def _asks_a_pair(card: dict) -> bool:
    """A card on one pair of a sentence's list: its explanation states the pair first."""
    answer = str(card.get("answer", ""))
    return str(card["explain"]).casefold().startswith(f"{answer.casefold()} ")


@pytest.mark.parametrize(
    "path",
    sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md"),
    ids=lambda p: p.stem,
)
def test_a_second_card_on_a_sentence_asks_another_kind_and_never_beside_a_statement(
    path: Path,
) -> None:
    if refused_plainly(path):
        return
    deck, _ = generate_deck([read_document(path)])
    by_sentence: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for card in deck["cards"]:
        by_sentence[(card["source"]["paragraph"], card["source"]["hint"])].append(card)
    for cards in by_sentence.values():
        # The pairs of a list ("Ctrl+O opens ..., Ctrl+S saves ...") are asked one card each,
        # of one kind, their explanation naming the pair first: together, one more kind.
        pairs = {c["type"] for c in cards if _asks_a_pair(c)}
        kinds = [c["type"] for c in cards if not _asks_a_pair(c)] + sorted(pairs)
        assert len(kinds) == len(set(kinds)), [c["id"] for c in cards]
        if any(c["type"] == "truefalse" for c in cards):  # true, or false in one value
            assert len(cards) == 1, [c["id"] for c in cards]


def test_a_passive_it_after_a_sentence_that_says_what_its_subject_is_becomes_that_name() -> None:
    cards = _cards(
        "# Tools\n\nfrobnicate is a command-line tool for packing files. "
        "It was written in C++ by the Zentrix developers in 2004.\n",
        [Kind.NUMERIC],
    )
    assert [c["answer"] for c in cards] == [2004]
    assert "frobnicate was written in C++ by the Zentrix developers in _____" in cards[0]["prompt"]


def test_a_gnu_tool_named_in_lower_case_is_the_subject_an_it_refers_to() -> None:
    cards = _cards(
        "# Editors\n\nGNU frob is a line-oriented text editor. "
        "It is used to create and display text files since 1987.\n",
        [Kind.NUMERIC],
    )
    assert [c["answer"] for c in cards] == [1987]
    assert "GNU frob is used to create" in cards[0]["prompt"]


@pytest.mark.parametrize(
    "text",
    [
        # the sentence before does not say what its subject is: "it" may be lzfrob
        "# Tools\n\nZorblax Utils 4.2 included also lzfrob, a small decoder. "
        "It was written in C++ by the Zentrix developers in 2004.\n",
        # a verb of deciding: the "it" points at no thing
        "# Tools\n\nfrobnicate is a command-line tool for packing files. "
        "It was decided in 2004 to call the Zentrix format stable.\n",
        # an everyday word is no name from code
        "# Tools\n\nsoftware is a thing that people write for packing files. "
        "It was written in C++ by the Zentrix developers in 2004.\n",
    ],
    ids=["not-described", "impersonal", "everyday-word"],
)
def test_a_passive_it_stays_unresolved_where_the_thing_is_not_safe(text: str) -> None:
    _only_as_written(text)


def test_this_was_the_first_after_a_named_subject_becomes_that_name() -> None:
    cards = _cards(
        "# Releases\n\nZorblax 2.2 (Quartz) was released in August 2000 for four architectures. "
        "This was the first release including the Varnix port, which took 14 months.\n",
        [Kind.NUMERIC],
    )
    shown = [c["prompt"] for c in cards]
    assert any("Zorblax 2.2 was the first release including" in s for s in shown), shown


@pytest.mark.parametrize(
    "text",
    [
        # "This is" without a rank: it may mean the whole event the sentence before told
        "# Releases\n\nZorblax 2.2 was released in August 2000 for four architectures. "
        "This was a big step for the Varnix port, which took 14 months.\n",
        # the sentence before names no subject
        "# Releases\n\nA new port began at this time, for the Varnix kernel. "
        "This was the first port to use the Varnix kernel, which took 14 months.\n",
    ],
    ids=["no-rank", "no-subject"],
)
def test_a_bare_this_stays_unresolved_otherwise(text: str) -> None:
    _only_as_written(text)


def test_this_x_of_y_is_called_names_any_such_thing() -> None:
    cards = _cards(
        "# Files\n\nfrobdiff outputs differences between files line by line. "
        'This set of differences is often called a "frobpatch" by the Zentrix developers.\n',
        [Kind.CLOZE],
    )
    texts = [c["text"] for c in cards]
    assert any(t.startswith("A set of differences is often called") for t in texts), texts


def test_a_false_statement_shows_the_rest_of_its_sentence_so_no_blank_stands_beside_it() -> None:
    text = (
        "# Tools\n\nThe developer Ada Quist wrote GNU frob in 1991 at Quentix Studios.\n\n"
        "The maintainer Cy Dorran moved to Varnesia in 1995. "
        "The developer Di Emmet joined Zentrix Media in 1997.\n"
    )
    for seed in range(6):
        deck, _ = generate_deck(
            [document_from_text(text, "t.md")],
            kinds=[Kind.TRUEFALSE, Kind.CLOZE],
            max_cards=40,
            seed=seed,
        )
        by_sentence: dict[str, list[str]] = defaultdict(list)
        for card in deck["cards"]:
            by_sentence[card["source"]["hint"]].append(card["type"])
        for kinds in by_sentence.values():
            assert "truefalse" not in kinds or len(kinds) == 1, (seed, by_sentence)
