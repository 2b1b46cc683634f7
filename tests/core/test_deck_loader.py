"""The deck loader: good decks load exactly, bad decks get every problem with file and line."""

from __future__ import annotations

import textwrap

import pytest

from kdquiz.core.decks import MAX_FILE_BYTES, load_deck, load_deck_bytes, load_deck_text
from kdquiz.core.model import Cloze, Flashcard, Kind, MultipleChoice, MultiSelect, Numeric, Typed
from kdquiz.errors import DeckError

HEADER = """\
format: 1
id: test-deck
title: Test deck
sources:
  - id: art
    title: An article
cards:
"""


def deck(cards: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(cards), "  ")


def problems(text: str) -> list[str]:
    with pytest.raises(DeckError) as info:
        load_deck_text(text, "d.yaml")
    return [str(p) for p in info.value.problems]


#: One card of every kind, using every field a kind has; also read by test_deck_cache.
EVERY_KIND = """\
- id: f
  type: flashcard
  front: PD
  back: producer-director
  reverse: true
  source: {doc: art, paragraph: 2, hint: roles}
- id: c
  type: cloze
  text: "{{Seoul::city}} is home to {{Netflix}}'s hub."
- id: m
  type: mcq
  prompt: Where?
  choices: [Seoul, {text: Busan, feedback: Not there.}]
  answer: Seoul
- id: s
  type: multi
  prompt: Which?
  choices: [a, b, c]
  answers: [a, c]
- id: t
  type: truefalse
  statement: It is.
  answer: false
- id: y
  type: typed
  prompt: Name?
  answer: no
  accept: ["010", 1.10]
- id: n
  type: numeric
  prompt: How much?
  answer: 1.10
  tolerance: 5%
  unit: million dollars
- id: o
  type: order
  prompt: Order?
  items: [one, two, three]
- id: p
  type: matching
  prompt: Pair?
  pairs:
    - a: one
    - [b, two]
  distractors: [three]
"""


def test_every_kind_loads_with_its_fields() -> None:
    loaded = load_deck_text(deck(EVERY_KIND), "d.yaml")
    assert [c.kind for c in loaded.cards] == list(Kind)
    f, c, m, s, t, y, n, _o, p = loaded.cards
    assert isinstance(f, Flashcard) and f.reverse and f.subkeys() == ("", "reverse")
    assert f.source is not None and (f.source.doc, f.source.paragraph, f.source.hint) == (
        "art",
        2,
        "roles",
    )
    assert isinstance(c, Cloze) and [g.answer for g in c.gaps] == ["Seoul", "Netflix"]
    assert c.gaps[0].hint == "city" and c.subkeys() == ("c1", "c2")
    assert isinstance(m, MultipleChoice) and m.answer == 0 and m.choices[1].feedback == "Not there."
    assert isinstance(s, MultiSelect) and s.answers == frozenset({0, 2})
    assert t.answer is False  # type: ignore[attr-defined]
    # Norway-style values stay exactly as written in text fields.
    assert isinstance(y, Typed) and y.answer == "no" and y.accept == ("010", "1.10")
    assert isinstance(n, Numeric) and n.answer == 1.1 and n.answer_text == "1.10"
    assert n.tolerance_percent and n.bounds() == pytest.approx((1.045, 1.155))
    assert p.pairs == (("a", "one"), ("b", "two")) and p.distractors == ("three",)  # type: ignore[attr-defined]
    assert [i.sub for i in loaded.items()] == [
        "",
        "reverse",
        "c1",
        "c2",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    assert f.line == 8


BAD_CASES = [
    # (cards yaml, expected "line:col: ... message" fragment)
    (
        "- id: a\n  type: matching\n  prompt: q\n  pairs: [{x: 1}]\n",
        "11:12: card 'a': a matching card needs 2 to 8 pairs, not 1",
    ),
    (
        "- id: a\n  type: matching\n  prompt: q\n  pairs: [{x: 1}, {x: 2}]\n",
        "11:21: card 'a': the left item 'x' appears twice (first at line 11)",
    ),
    (
        "- id: a\n  type: matching\n  prompt: q\n  pairs: [{x: 1}, {y: 2}]\n  distractors: [1]\n",
        "12:19: card 'a': the right item '1' appears twice (first at line 11)",
    ),
    (
        "- id: a\n  type: matching\n  prompt: q\n  pairs: [{x: 1}, y]\n",
        "11:21: card 'a': each pair is written '- left item: its match'",
    ),
    (
        "- id: a\n  type: matching\n  prompt: q\n  pairs: [{x: 1}, {y: 2}]\n  distractors: [b, c, d, e, f]\n",
        "12:18: card 'a': at most 4 distractors are allowed",
    ),
    (
        "- id: a\n  type: mcq\n  prompt: q\n  choices: [Seoul, Busan]\n  answer: Incheon\n",
        "12:13: card 'a': the answer 'Incheon' is not one of the choices",
    ),
    (
        "- id: a\n  type: mcq\n  prompt: q\n  choices: [Seoul, Busan]\n  answer: seoul\n",
        "is written differently from the choice 'Seoul'",
    ),
    (
        "- id: a\n  type: mcq\n  prompt: q\n  choices: [Seoul, Seoul]\n  answer: Seoul\n",
        "11:22: card 'a': the choice 'Seoul' appears twice",
    ),
    (
        "- id: a\n  type: multi\n  prompt: q\n  choices: [x, y]\n  answers: [x, z]\n",
        "12:18: card 'a': the answer 'z' is not one of the choices",
    ),
    (
        "- id: a\n  type: flashcard\n  front: x\n  back: y\n  revers: true\n",
        "12:5: card 'a': unknown key 'revers' in a flashcard card: did you mean 'reverse'?",
    ),
    ("- id: a\n  type: flashcard\n  front: x\n", "8:5: card 'a': 'back' is missing"),
    ("- id: a\n  type: flashcard\n  front: x\n  back: ''\n", "card 'a': 'back' is empty"),
    ("- id: a\n  type: flashcard\n  front: [x]\n  back: y\n", "'front' must be text, not a list"),
    ("- id: a\n  type: cloze\n  text: nothing hidden\n", "a cloze text needs at least one gap"),
    ("- id: a\n  type: cloze\n  text: 'open {{gap'\n", "a cloze text needs at least one gap"),
    (
        "- id: a\n  type: numeric\n  prompt: q\n  answer: twenty\n",
        "'answer' must be a number, not 'twenty'",
    ),
    (
        "- id: a\n  type: numeric\n  prompt: q\n  answer: 010\n",
        "leading zeros are ambiguous in YAML: write 10",
    ),
    (
        "- id: a\n  type: numeric\n  prompt: q\n  answer: 12:30\n",
        "'answer' must be a number, not '12:30'",
    ),
    (
        "- id: a\n  type: numeric\n  prompt: q\n  answer: 2001-12-14\n",
        "must be a number, not '2001-12-14'",
    ),
    (
        "- id: a\n  type: numeric\n  prompt: q\n  answer: 5\n  tolerance: much\n",
        "'tolerance' must be a number",
    ),
    (
        "- id: a\n  type: order\n  prompt: q\n  items: [only]\n",
        "an order card needs at least 2 items",
    ),
    ("- id: a\n  type: truefalse\n  statement: s\n  answer: no\n", "'answer' is 'no'"),
    (
        "- id: a\n  type: truefalse\n  statement: s\n  answer: '='\n",
        "'answer' must be true or false",
    ),
    ("- id: a\n  type: typed\n  answer: x\n", "'prompt' is missing"),
    ("- id: a\n  type: quiz\n", "unknown card type 'quiz'"),
    ("- id: a\n  type: typd\n", "did you mean 'typed'?"),
    ("- id: Not A Slug\n  type: typed\n  prompt: q\n  answer: x\n", "'id' must be a slug"),
    (
        "- type: typed\n  prompt: q\n  answer: x\n",
        "this card has no 'id': add a line such as id: q",
    ),
    ("- id: a\n  type: True/False\n", "kdquiz calls this kind 'truefalse': write type: truefalse"),
    ("- id: a\n  type: shortanswer\n", "kdquiz calls this kind 'typed'"),
    # What a teacher used to another quiz tool writes.
    (
        "- id: a\n  type: mcq\n  prompt: q\n  choices:\n"
        "    - {text: Seoul, correct: true}\n    - {text: Busan, correct: false}\n",
        "a choice does not say whether it is right here: write the right choice as the card's "
        "answer: Seoul, and take 'correct:' off the choices",
    ),
    (
        "- id: a\n  type: mcq\n  prompt: q\n  choices:\n"
        "    - {text: Seoul, right: yes}\n    - {text: Busan, right: yes}\n",
        "answers: [Seoul, Busan] (with type: multi)",
    ),
    ("- {id: a, type: Cloze, text: '{{Seoul}}'}\n", "type names are lower case: write type: cloze"),
    (
        "- {id: a, type: Basic (type in the answer), prompt: q, answer: x}\n",
        "kdquiz calls this kind 'typed'",
    ),
    (
        "- {id: a, type: short-answer, question: q, answer: a}\n",
        "unknown key 'question' in a card: did you mean 'prompt'?",  # typed's key, once fixed
    ),
    (
        "- {id: a, type: cloze, text: '{{c1::Seoul}} and {{c2::Busan::port}}'}\n",
        "{{c2::Busan::port}} is a gap written the Anki way: in kdquiz write {{Busan::port}}",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: ['true', 'null', '1990'], answer: 2}\n",
        'if you meant choice 2, write answer: "null"',  # quoted, or YAML reads no answer
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [10, 20, 30], answer: 1}\n",
        "the answer '1' is not one of the choices ('10', '20', '30'): copy it from the choices",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: b)}\n",
        "if you meant choice B, write answer: Busan",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: [Busan]}\n",
        "write the answer without brackets: answer: Busan",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: []}\n",
        "'answer' is an empty list: write the right choice",
    ),
    (
        "- {id: a, type: numeric, prompt: q, answer: 16 episodes}\n",
        "'answer' must be a number, not '16 episodes': write answer: 16 and unit: episodes",
    ),
    ("- {id: a, type: numeric, prompt: q, answer: 30%}\n", "write answer: 30 and unit: %"),
    (
        "- {id: a, type: numeric, prompt: q, answer: 2.5 million}\n",
        "write it in digits, answer: 2500000",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: B}\n",
        "the answer 'B' is not one of the choices ('Seoul', 'Busan'): if you meant choice B, "
        "write answer: Busan",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: 1}\n",
        "if you meant choice 1, write answer: Seoul",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: C}\n",
        "is not one of the choices ('Seoul', 'Busan'): copy it from the choices",
    ),
    (
        "- {id: a, type: mcq, prompt: q, choices: [Seoul, Busan], answer: [Seoul, Busan]}\n",
        "an mcq card has one right answer: for several, write type: multi",
    ),
    (
        "- {id: a, type: truefalse, prompt: Kimchi is fermented., answer: true}\n",
        "rename prompt: to statement:",
    ),
    (
        "- {id: a, type: cloze, text: 'The capital is {{c1::Seoul::city}}.'}\n",
        "{{c1::Seoul::city}} is a gap written the Anki way: in kdquiz write {{Seoul::city}}",
    ),
    (
        "- {id: a, type: flashcard, question: q, back: b}\n",
        "unknown key 'question' in a flashcard card: did you mean 'front'?",
    ),
    (
        "- {id: a, type: typed, question: q, answer: b}\n",
        "unknown key 'question' in a typed card: did you mean 'prompt'?",
    ),
    (
        "- {id: a, type: mcq, prompt: q, options: [x, y], answer: x}\n",
        "unknown key 'options' in a mcq card: did you mean 'choices'?",
    ),
    (
        "- id: a\n  type: typed\n  prompt: q\n  answer: x\n  source: {doc: other, paragraph: 1}\n",
        "source document 'other' is not listed in the deck's 'sources' (art)",
    ),
    (
        "- id: a\n  type: typed\n  prompt: q\n  answer: x\n  source: {doc: art, paragraph: 0}\n",
        "'paragraph' counts from 1",
    ),
    (
        "- id: a\n  type: typed\n  prompt: q\n  answer: x\n  time_limit: 0\n",
        "'time_limit' must be between",
    ),
    (
        "- id: a\n  type: typed\n  prompt: q\n  answer: x\n  points: 1.5\n",
        "'points' must be a whole number",
    ),
    ("- just text\n", "each card must be a mapping"),
    (
        '- id: a\n  type: typed\n  prompt: "\\x1b[2J"\n  answer: x\n',
        "'prompt' contains the invisible character U+001B",
    ),
    ('- id: a\n  type: typed\n  prompt: "\\x9b31m"\n  answer: x\n', "U+009B"),
    ('- id: a\n  type: typed\n  prompt: "\\u202Eevil"\n  answer: x\n', "U+202E (RLO)"),
]


@pytest.mark.parametrize(("cards", "expected"), BAD_CASES, ids=[e[:40] for _, e in BAD_CASES])
def test_bad_card_is_reported_with_place_and_fix(cards: str, expected: str) -> None:
    found = problems(HEADER + textwrap.indent(cards, "  "))
    assert any(expected in p for p in found), found
    assert all(p.startswith("d.yaml:") for p in found)


def test_every_problem_is_collected_not_just_the_first() -> None:
    found = problems(
        deck("""\
        - id: a
          type: mcq
          prompt: q
          choices: [x, y]
          answer: z
        - id: a
          type: typed
          prompt: q
          answer: x
        - id: b
          type: order
          prompt: q
          items: [one]
        """)
    )
    assert len(found) == 3
    assert "card id 'a' is used twice (first at line 8)" in found[1]


def test_a_card_with_a_repeated_id_is_still_checked_in_full() -> None:
    """The repeated id is one problem of the card: its others come in the same run."""
    found = problems(
        deck("""        - id: pd
          type: typed
          prompt: What is PD?
          answer: producer
        - id: pd
          type: typd
          prompt: What is PD?
          answer: producer
        - id: pd
          type: mcq
          prompt: q
          choices: [x, y]
          answer: z
        - id: pd
          type: typed
          prompt: q
          answer: x
          bogus: 1
        """)
    )
    assert [p.split(": ", 1)[0] for p in found] == [
        "d.yaml:12:9",
        "d.yaml:13:11",
        "d.yaml:16:9",
        "d.yaml:20:13",
        "d.yaml:21:9",
        "d.yaml:25:5",
    ]
    assert "card 'pd': unknown card type 'typd': did you mean 'typed'?" in found[1]
    assert sum("card id 'pd' is used twice (first at line 8)" in p for p in found) == 3
    assert "the answer 'z' is not one of the choices" in found[3]
    assert "unknown key 'bogus'" in found[-1]


def test_a_faulty_list_in_a_card_does_not_hide_the_cards_other_problems() -> None:
    """A repeated choice, pair or item, or too few choices, is one problem among the card's
    others: the answers are still checked against the list, and every repeat is named."""
    found = problems(
        deck("""\
        - id: a
          type: mcq
          prompt: q
          choices: [x, x, y]
          answer: z
        - id: b
          type: multi
          prompt: q
          choices: [x]
          answers: [z, x]
        - id: c
          type: matching
          prompt: q
          pairs: [{a: b}, {a: c}]
          distractors: [b, e, f, g, h]
        - id: d
          type: order
          prompt: q
          items: [one, one, two, two]
        """)
    )
    said = [p.split(": ", 2)[2] for p in found]
    assert said == [
        "the choice 'x' appears twice (first at line 11): each choice must be different",
        "the answer 'z' is not one of the choices ('x', 'x', 'y'): copy it from the choices",
        "a question needs at least two choices",
        "the answer 'z' is not one of the choices ('x'): copy it from the choices",
        "the left item 'a' appears twice (first at line 21): each must be different",
        "at most 4 distractors are allowed: remove some",
        "the right item 'b' appears twice (first at line 21): each must be different",
        "the item 'one' appears twice: each item must be different",
        "the item 'two' appears twice: each item must be different",
    ]


def test_a_deck_whose_only_fault_is_a_repeated_id_says_only_that() -> None:
    found = problems(deck("- {id: a, type: typed, prompt: q, answer: x}\n" * 2))
    assert len(found) == 1 and "card id 'a' is used twice" in found[0]


DECK_LEVEL = [
    ("format: 1\nid: x\ntitle: t\n", "'cards' is missing"),
    ("format: 1\nid: x\ntitle: t\ncards: []\n", "'cards' is empty"),
    ("format: 2\nid: x\ntitle: t\ncards: []\n", "uses format 2; this kdquiz reads format 1"),
    ("id: x\ntitle: t\ncards: []\n", "'format' is missing"),
    (
        "format: 1\nid: x\ntitle: t\ntitle: u\ncards: []\n",
        "4:1: duplicate key 'title' (first at line 3)",
    ),
    (
        "format: 1\nid: x\ntitel: t\ncards: []\n",
        "unknown key 'titel' in the deck: did you mean 'title'?",
    ),
    ("- a\n- b\n", "the deck must be a mapping of keys to values, found a list"),
    ("just words\n", "found plain text"),
    ("", "the file is empty"),
    ("# only a comment\n", "the file is empty"),
    ("format: 1\n---\nid: x\n", "more than one YAML document"),
    ("a: &x [1]\nb: *x\n", "YAML anchors (&x) are not allowed"),
    ("a: !!python/object/apply:os.system ['echo hi']\n", "YAML tags"),
    ("a: !custom x\n", "YAML tags (!custom) are not allowed"),
    ("a: [b\n", "not valid YAML"),
    ("a: 'unclosed\n", "not valid YAML"),
    (
        "format: 1\nid: x\ntitle: t\nsources: [{id: s, title: a}, {id: s, title: b}]\ncards: []\n",
        "source id 's' is used twice",
    ),
    ('format: 1\nid: x\ntitle: "a\u0007b"\ncards: []\n', "3:10: the invisible character U+0007"),
]


@pytest.mark.parametrize(("text", "expected"), DECK_LEVEL, ids=[e[:40] for _, e in DECK_LEVEL])
def test_deck_level_problems(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in p for p in found), found


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    found = problems("\n".join(lines))
    assert found == [
        "d.yaml:1:5: YAML anchors (&a0) are not allowed in decks: write each value out in full"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[\n" * 100_000 + "]\n" * 100_000,
        "{a:\n" * 100_000 + "}\n" * 100_000,
        "".join(" " * i + "a:\n" for i in range(0, 2000, 1)) + " " * 2000 + "b",
    ],
    ids=["flow-lists", "flow-maps", "block-maps"],
)
def test_deep_nesting_is_refused_before_the_tree_is_built(text: str) -> None:
    found = problems(text)
    assert len(found) == 1 and "nested more than" in found[0]


def test_encodings() -> None:
    body = (HEADER + "  - id: a\n    type: typed\n    prompt: Où?\n    answer: Séoul\n").encode()
    assert load_deck_bytes(b"\xef\xbb\xbf" + body, "d.yaml").cards[0].answer == "Séoul"  # type: ignore[attr-defined]
    with pytest.raises(DeckError, match="the file is UTF-16; save it as UTF-8"):
        load_deck_bytes(body.decode().encode("utf-16"), "d.yaml")
    with pytest.raises(DeckError, match=r"d.yaml:10:14: the file is not UTF-8 \(perhaps Latin-1"):
        load_deck_bytes(body.decode().encode("latin-1"), "d.yaml")
    with pytest.raises(DeckError, match="NUL bytes"):
        load_deck_bytes(b"format: 1\x00", "d.yaml")


def test_text_is_normalised_to_nfc() -> None:
    loaded = load_deck_text(deck('- id: a\n  type: typed\n  prompt: q\n  answer: "Se\u0301oul"\n'))
    assert loaded.cards[0].answer == "S\u00e9oul"  # type: ignore[attr-defined]


def test_raw_control_characters_are_found_by_line() -> None:
    found = problems(HEADER + '  - id: a\n    type: typed\n    prompt: "bell\x07"\n    answer: x\n')
    assert found == [
        (
            "d.yaml:10:18: the invisible character U+0007 (control character) is not allowed "
            "in a deck: delete it"
        )
    ]


def test_size_limits(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(DeckError, match="decks are limited to 32 MiB"):
        load_deck(big)
    found = problems("format: 1\nprompt: " + "x" * 1_000_000 + "\n")
    assert found == [
        "d.yaml:2:1: line is 1,000,008 characters long; the limit is 20,000: break it up"
    ]
    found = problems(
        deck(f'- id: a\n  type: typed\n  prompt: "{"x" * 5000}\\n{"y" * 6000}"\n  answer: x\n')
    )
    assert any("'prompt' is 11,001 characters long; the limit is 10,000" in p for p in found)


def test_missing_file_is_a_deck_error(tmp_path) -> None:
    with pytest.raises(DeckError, match="cannot read the file"):
        load_deck(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    "answer", ["1990s", "3rd", "4K", "10x", "16 or 17", "2 to 3", "3 ½", "0x10", "٣ km", "5m"]
)
def test_a_numeric_answer_is_split_into_number_and_unit_only_where_it_is_one(answer: str) -> None:
    """'1990s' is a decade and '16 or 17' a choice: telling the teacher to write 'unit: s' or
    'unit: or 17' would be wrong, so they get the plain message."""
    found = problems(HEADER + f"  - {{id: a, type: numeric, prompt: q, answer: '{answer}'}}\n")
    assert any(f"'answer' must be a number, not '{answer}'" in p for p in found), found
    assert not any("unit:" in p or "in digits" in p for p in found), found


def test_a_large_amount_in_words_is_given_back_exactly_in_digits() -> None:
    found = problems(
        HEADER + "  - {id: a, type: numeric, prompt: q, answer: 1.23456789 thousand}\n"
    )
    assert any("write it in digits, answer: 1234.56789" in p for p in found), found


def test_ids_offered_to_cards_without_one_differ_and_hide_a_cloze_answer() -> None:
    found = problems(
        HEADER
        + "  - {type: typed, prompt: What is the capital of Korea?, answer: Seoul}\n"
        + "  - {type: typed, prompt: What is the capital of Japan?, answer: Tokyo}\n"
        + "  - {type: cloze, text: '{{Seoul}} is the capital'}\n"
    )
    offered = [p.split("such as id: ")[1].split()[0] for p in found if "such as id: " in p]
    assert offered == ["what-is-the-capital-of", "what-is-the-capital-of-2", "is-the-capital"]


def test_a_numbered_gap_beside_a_plain_one_is_the_teachers_own() -> None:
    """Only a card whose every gap is numbered was copied from Anki: 'C4' is also an answer."""
    deck = load_deck_text(
        HEADER + "  - {id: a, type: cloze, text: 'The {{c4::photosynthesis}} of {{maize}}'}\n",
        "d.yaml",
    )
    card = deck.cards[0]
    assert isinstance(card, Cloze) and [g.answer for g in card.gaps] == ["c4", "maize"]
