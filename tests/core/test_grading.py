"""Grading: each kind answered the way people expect, with the rules from docs/grading.md."""

from __future__ import annotations

import random
import unicodedata

import pytest

from kdquiz.core.grading import (
    NO_ANSWER,
    expected_text,
    grade,
    parse_number,
    question_text,
    self_rated,
    shuffled,
    unanswered,
)
from kdquiz.core.kinds import CHECKABLE
from kdquiz.core.model import (
    Choice,
    Cloze,
    Flashcard,
    Item,
    Kind,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Order,
    TrueFalse,
    Typed,
    parse_gaps,
)
from kdquiz.core.textnorm import edit_distance, fold


def typed(answer: str, *accept: str, **options: bool) -> Item:
    card = Typed(id="t", kind=Kind.TYPED, prompt="?", answer=answer, accept=accept, **options)
    return Item("deck", card)


def cloze(text: str, gap: int) -> Item:
    card = Cloze(id="c", kind=Kind.CLOZE, text=text, gaps=tuple(parse_gaps(text)))
    return Item("deck", card, f"c{gap + 1}")


def numeric(
    answer: float, text: str = "", *, tolerance: float = 0.0, percent: bool = False, unit: str = ""
) -> Item:
    card = Numeric(
        id="n",
        kind=Kind.NUMERIC,
        prompt="How many?",
        answer=answer,
        answer_text=text or f"{answer:g}",
        tolerance=tolerance,
        tolerance_percent=percent,
        unit=unit,
    )
    return Item("deck", card)


CHOICES = (
    Choice("Seoul"),
    Choice("Busan", feedback="Busan is the second city."),
    Choice("Incheon"),
)
MCQ = Item(
    "deck", MultipleChoice(id="m", kind=Kind.MCQ, prompt="Capital?", choices=CHOICES, answer=0)
)
MULTI = Item(
    "deck",
    MultiSelect(
        id="ms",
        kind=Kind.MULTI,
        prompt="On set?",
        choices=(
            Choice("Director"),
            Choice("Camera operator"),
            Choice("Translator", feedback="Later."),
            Choice("Gaffer"),
        ),
        answers=frozenset({0, 1, 3}),
    ),
)
TF = Item(
    "deck",
    TrueFalse(
        id="tf",
        kind=Kind.TRUEFALSE,
        prompt="True or false?",
        statement="Dramas air live.",
        answer=True,
    ),
)
ORDER = Item(
    "deck",
    Order(
        id="o", kind=Kind.ORDER, prompt="Order", items=("Script", "Casting", "Shooting", "Editing")
    ),
)
FLASH = Item(
    "deck",
    Flashcard(id="f", kind=Kind.FLASHCARD, front="PD", back="Producer-director", reverse=True),
)


# --- typed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "accept", "given", "correct", "near_miss"),
    [
        ("Netflix", (), "Netflix", True, False),
        ("Netflix", (), "  netflix  ", True, False),
        ("Netflix", (), "NETFLIX!", True, False),
        ("Netflix", ("Netflix Korea",), "netflix korea", True, False),
        ("Netflix", ("Netflix Korea",), "Netflix-Korea.", True, False),
        ("K-drama", (), "k drama", True, False),
        ("K-drama", (), "kdrama", True, False),
        ("The Host", (), "host", True, False),
        ("Host", (), "the host", True, False),
        ("Host", (), "a host", True, False),
        ("A", (), "a", True, False),
        ("don't", (), "dont", True, False),
        ("Café Society", (), "cafe society", True, False),
        ("Zoë", (), "zoe", True, False),
        ("Straße", (), "strasse", True, False),
        ("Søren", (), "soren", True, False),
        ("1,000 won", (), "1000 won", True, False),
        ("1.5 hours", (), "1.5 hours", True, False),
        # small typos in words of 5+ letters (1 edit) and 9+ letters (2 edits) are accepted as near misses
        ("Netflix", (), "Netflx", True, True),
        ("Netflix", (), "Netfilx", True, True),  # a swap of neighbours is one edit
        ("Netflix", (), "Nextflix", True, True),
        ("cinematography", (), "cinematograpy", True, True),
        ("cinematography", (), "cinemtaograpy", True, True),
        ("Netflix", (), "Nutflax", False, False),
        ("cinematography", (), "cinemotagrophy", False, False),
        ("Busan", (), "Busam", True, True),
        ("Seoul", (), "Seoul Station", False, False),
        # words under five letters must be spelled exactly
        ("tvN", (), "tvM", False, False),
        ("KBS", (), "KBC", False, False),
        ("Seo", (), "Seu", False, False),
        # never a typo in a number
        ("2019", (), "2018", False, False),
        ("2019", (), "2019", True, False),
        ("Season 2019", (), "Seasn 2019", True, True),
        ("Season 2019", (), "Season 2018", False, False),
        ("2019", (), "20 19", False, False),
        ("16 episodes", (), "15 episodes", False, False),
        ("Squid Game 2", (), "Squid Game 3", False, False),
        ("Netflix", (), "Netfl1x", False, False),
        # numbers below a hundred in words or digits alike, still never a typo in the number
        ("16", (), "sixteen", True, False),
        ("sixteen", (), "16", True, False),
        ("21 episodes", (), "twenty-one episodes", True, False),
        ("twenty one", (), "21", True, False),
        ("12 episodes", (), "twelve episdes", True, True),
        ("sixteen", (), "sixten", True, True),
        ("Squid Game 2", (), "Squid Game two", True, False),
        ("Squid Game 2", (), "Squid Game three", False, False),
        ("ninety-nine", (), "98", False, False),
        ("one", (), "won", False, False),
        # ordinals, a title's abbreviation, and "percent" after a number, in either form
        ("1st", (), "first", True, False),
        ("21st century", (), "twenty-first century", True, False),
        ("the 11th hour", (), "eleventh hour", True, False),
        ("Dr. Romantic", (), "Doctor Romantic", True, False),
        ("Mr. Sunshine", (), "mister sunshine", True, False),
        ("30%", (), "30 percent", True, False),
        ("30%", (), "30 per cent", True, False),
        ("30%", (), "31 percent", False, False),
        # "&" between words is "and"; inside a name it is a mark like any other
        ("rock and roll", (), "rock & roll", True, False),
        ("Lee & Kim", (), "lee and kim", True, False),
        ("AT&T", (), "ATT", True, False),
        ("R&B", (), "R and B", False, False),
        ("", (), "", False, False),
        ("Netflix", (), "", False, False),
        ("Netflix", (), "   ", False, False),
    ],
)
def test_typed(
    answer: str, accept: tuple[str, ...], given: str, correct: bool, near_miss: bool
) -> None:
    outcome = grade(typed(answer, *accept), given)
    assert (outcome.correct, outcome.near_miss) == (correct, near_miss)
    assert outcome.score == (1.0 if correct else 0.0)
    assert outcome.expected == answer


@pytest.mark.parametrize(
    ("answer", "given", "correct", "near_miss"),
    [
        ("서울", "서울", True, False),
        ("서울", " 서울. ", True, False),
        ("서울", "부산", False, False),
        ("서울", "서을", False, False),  # two syllables: spelled exactly
        ("서울", unicodedata.normalize("NFD", "서울"), True, False),  # jamo typed by some keyboards
        ("한국 드라마", "한국드라마", True, False),
        ("사랑의 불시착", "사랑의 불시착!", True, False),
        ("서울특별시", "서울특별사", True, True),  # five syllables: one slip allowed
        ("서울특별시", "서울특별", True, True),  # one missing syllable is one edit
        ("서울특별시", "서울시", False, False),
        ("드라마 2019", "드라마 2018", False, False),
        ("Café 서울", "cafe 서울", True, False),
    ],
)
def test_typed_korean(answer: str, given: str, correct: bool, near_miss: bool) -> None:
    outcome = grade(typed(answer), given)
    assert (outcome.correct, outcome.near_miss) == (correct, near_miss)


def test_accent_folding_keeps_hangul_syllables() -> None:
    assert fold("서울") == "서울"
    assert fold("Éclair 한국어") == "eclair 한국어"
    assert fold(unicodedata.normalize("NFD", "한국어")) == "한국어"


@pytest.mark.parametrize(
    ("options", "given", "correct"),
    [
        ({"case_sensitive": True}, "Netflix", True),
        ({"case_sensitive": True}, "netflix", False),
        (
            {"case_sensitive": True},
            "Netflx",
            False,
        ),  # exact spelling when the teacher says details matter
        ({"accent_sensitive": True}, "Netflix", True),
        ({"accent_sensitive": True}, "Nétflix", False),
        ({"accent_sensitive": True}, "netflix", True),
    ],
)
def test_typed_sensitive_options(options: dict[str, bool], given: str, correct: bool) -> None:
    assert grade(typed("Netflix", **options), given).correct is correct


def test_typed_accent_sensitive_answer_with_accent() -> None:
    item = typed("Café", accent_sensitive=True)
    assert grade(item, "café").correct
    assert not grade(item, "cafe").correct
    assert grade(typed("Café"), "cafe").correct


def test_typed_answer_made_of_punctuation_is_compared_as_written() -> None:
    item = typed("?!")
    assert grade(item, "?!").correct
    assert not grade(item, "!?").correct
    assert not grade(item, "").correct


def test_typed_given_shows_what_was_typed() -> None:
    assert grade(typed("Netflix"), "  Netflx ").given == "Netflx"
    assert grade(typed("Netflix"), "").given == NO_ANSWER


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("netflix", "netflix", 0), ("netflix", "netflx", 1), ("netflix", "netfilx", 1), ("abc", "cab", 2),
     ("kitten", "sitting", 3), ("", "abc", 3)],
)  # fmt: skip
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 5) == distance
    assert edit_distance(a, b, 0) == min(distance, 1)


EPISODES = "How many episodes does a miniseries have?"


@pytest.mark.parametrize(
    ("prompt", "answer", "given", "correct"),
    [
        (EPISODES, "16", "16 episodes", True),
        (EPISODES, "16", "sixteen episodes", True),
        (EPISODES, "16 episodes", "16", True),
        ("How many writers worked on it?", "20", "20 writer", True),
        ("In what year was it released?", "2019", "released in 2019", True),
        # a hedge, another number or a word the question does not say is still wrong
        (EPISODES, "16", "12 or 16", False),
        (EPISODES, "16", "not 16 episodes", False),
        (EPISODES, "16", "16 episodes and 2 specials", False),
        (EPISODES, "16", "episodes", False),
        ("What is the number?", "16", "16 episodes", False),
        ("In what year was it released?", "2019", "released in 2018", False),
        # a question naming both units: the unit typed must be the right one
        ("Is a marathon about 42 km or 42 miles?", "42 km", "42 miles", False),
        ("Is a marathon about 42 km or 42 miles?", "42 km", "42 km", True),
        ("Did it run 16 weeks or 16 months?", "16 weeks", "16 months", False),
        ("Was it 50 BC or 50 AD?", "50 BC", "50 AD", False),
        # only for numbers: in a name a word of the question may be a hedge
        ("Was it directed by Bong or Park?", "Bong", "Park Bong", False),
    ],
)
def test_a_number_answer_may_say_what_the_question_asks_about(
    prompt: str, answer: str, given: str, correct: bool
) -> None:
    card = Typed(id="t", kind=Kind.TYPED, prompt=prompt, answer=answer)
    found = grade(Item("deck", card), given)
    assert found.correct is correct
    assert found.given == given


def test_a_cloze_number_may_bring_the_words_around_its_gap() -> None:
    text = "A K-drama miniseries usually has {{16}} episodes."
    assert grade(cloze(text, 0), "16 episodes").correct
    assert not grade(cloze(text, 0), "16 seasons").correct


# --- cloze ---------------------------------------------------------------------------------


def test_cloze_grades_each_gap_like_typed() -> None:
    text = "An {{OST::abbreviation}} is a drama's {{original soundtrack}}."
    assert grade(cloze(text, 0), "ost").correct
    assert not grade(cloze(text, 0), "original soundtrack").correct
    second = grade(cloze(text, 1), "Original Sountrack")
    assert second.correct and second.near_miss
    assert second.expected == "original soundtrack"
    assert grade(cloze(text, 1), "original soundtrack", hinted=True).hinted


def test_cloze_with_a_missing_gap_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="no gap 'c3'"):
        grade(cloze("{{a}} {{b}}", 2), "a")


def test_question_text_blanks_the_gap() -> None:
    text = "An {{OST::abbreviation}} is a drama's {{original soundtrack}}."
    assert question_text(cloze(text, 0)) == "An [abbreviation] is a drama's original soundtrack."
    assert question_text(cloze(text, 1)) == "An OST is a drama's [...]."


# --- mcq, multi, truefalse ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pick", "correct", "given", "feedback"),
    [(0, True, "Seoul", ""), (1, False, "Busan", "Busan is the second city."), (2, False, "Incheon", ""),
     (7, False, "(choice 7 does not exist)", ""), (-1, False, "(choice -1 does not exist)", "")],
)  # fmt: skip
def test_mcq(pick: int, correct: bool, given: str, feedback: str) -> None:
    outcome = grade(MCQ, pick)
    assert (outcome.correct, outcome.given, outcome.feedback, outcome.expected) == (
        correct,
        given,
        feedback,
        "Seoul",
    )


@pytest.mark.parametrize(
    ("picks", "correct", "score"),
    [
        ({0, 1, 3}, True, 1.0),
        ({0, 1}, False, 2 / 3),
        ({0}, False, 1 / 3),
        ({0, 1, 2}, False, 1 / 3),  # two right, one wrong
        ({0, 1, 2, 3}, False, 2 / 3),  # all right ones plus a wrong one
        ({2}, False, 0.0),
        ({0, 2}, False, 0.0),
        (set(), False, 0.0),
        ({0, 1, 3, 9}, False, 2 / 3),  # a choice that does not exist counts as a wrong pick
    ],
)
def test_multi_partial_credit(picks: set[int], correct: bool, score: float) -> None:
    outcome = grade(MULTI, frozenset(picks))
    assert outcome.correct is correct
    assert outcome.score == pytest.approx(score)
    assert outcome.expected == "Director, Camera operator, Gaffer"


def test_multi_given_and_feedback() -> None:
    outcome = grade(MULTI, frozenset({2, 0}))
    assert outcome.given == "Director, Translator"
    assert outcome.feedback == "Later."
    assert grade(MULTI, frozenset()).given == NO_ANSWER
    assert grade(MULTI, [3, 1, 0]).correct  # any collection of indices works


@pytest.mark.parametrize(
    ("value", "correct", "given"), [(True, True, "True"), (False, False, "False")]
)
def test_truefalse(value: bool, correct: bool, given: str) -> None:
    outcome = grade(TF, value)
    assert (outcome.correct, outcome.given, outcome.expected) == (correct, given, "True")


# --- order ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "correct", "score"),
    [
        ((0, 1, 2, 3), True, 1.0),
        ((1, 2, 3, 0), False, 2 / 3),  # everything shifted: B→C and C→D are still right
        ((0, 1, 3, 2), False, 1 / 3),
        ((3, 2, 1, 0), False, 0.0),
        ((1, 0, 3, 2), False, 0.0),
        ((0, 1, 2), False, 2 / 3),  # an item left out
        (
            (0, 1, 0, 1, 2, 3),
            False,
            1.0,
        ),  # repeats never earn more than all pairs, and are not exact
        ((), False, 0.0),
        ((0, 1, 2, 9), False, 2 / 3),
    ],
)
def test_order(order: tuple[int, ...], correct: bool, score: float) -> None:
    outcome = grade(ORDER, list(order))
    assert outcome.correct is correct
    assert outcome.score == pytest.approx(score)
    assert outcome.expected == "Script → Casting → Shooting → Editing"


def test_order_given_text() -> None:
    assert grade(ORDER, (1, 0, 2, 3)).given == "Casting → Script → Shooting → Editing"


# --- numeric -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("20", "", 20),
        ("  20  ", "", 20),
        ("20 million", "", 20e6),
        ("20 Million", "", 20e6),
        ("20M", "", 20e6),
        ("1 234,5", "", 1234.5),
        ("1 234.567", "", 1234.567),
        ("20,000,000", "", 20e6),
        ("20.000.000", "", 20e6),
        ("20 000 000", "", 20e6),
        ("$20 million", "", 20e6),
        ("$20m", "", 20e6),
        ("20m", "", 20e6),
        ("20m", "m", 20),  # the card's unit is metres: "m" is not million
        ("20 m", "m", 20),
        ("1.5k", "", 1500),
        ("1.5 thousand", "", 1500),
        ("2.5bn", "", 2.5e9),
        ("twenty", "", 20),
        ("Twenty-five", "", 25),
        ("one hundred and five", "", 105),
        ("a million", "", 1e6),
        ("twenty million", "", 20e6),
        ("sixteen episodes", "episodes", 16),
        ("20 episodes", "episodes", 20),
        ("1 episode", "episodes", 1),
        ("20 episodes", "", 20),
        ("15%", "%", 15),
        ("15 %", "%", 15),
        ("15 percent", "%", 15),
        ("15", "%", 15),
        ("1,5", "", 1.5),  # a decimal comma: a thousands group always has three digits
        ("0,5", "", 0.5),
        ("1,500", "", 1500),  # three digits after one comma: read as thousands
        ("1.234,5", "", 1234.5),
        ("1,234.5", "", 1234.5),
        ("1.5", "", 1.5),
        (".5", "", 0.5),
        ("-3", "", -3),
        ("−3", "", -3),
        ("minus 3", "", -3),
        ("+3", "", 3),
        ("about 20", "", 20),
        ("~20", "", 20),
        ("1e6", "", 1e6),
        ("２０", "", 20),  # full-width digits
        ("20억", "", 2e9),
        ("2천만 원", "", 2e7),
        ("5 km²", "km²", 5),
        ("₩5,000", "₩", 5000),
        ("US$20", "US$", 20),
        ("KRW 5000", "KRW", 5000),
        ("5000 krw", "KRW", 5000),
        ("20 mm", "m", 20),  # not the unit, and not a scale word: ignored like any other word
    ],
)
def test_parse_number(text: str, unit: str, value: float) -> None:
    assert parse_number(text, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "twenty or thirty", "20 or 30", "20-30", "1/2", "1,2,3", "12,34,567", "1.2.3",
     "1,234,56", "million", "m", "and", "1 2", "2019 2020", "nan", "inf", "1e999", "x" * 500],
)  # fmt: skip
def test_parse_number_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("item", "given", "correct"),
    [
        (numeric(20e6, "20 million"), "20 million", True),
        (numeric(20e6, "20 million"), "20,000,000", True),
        (numeric(20e6, "20 million"), "$20m", True),
        (numeric(20e6, "20 million"), "19 million", False),
        (numeric(20e6, "20 million", tolerance=10, percent=True), "19 million", True),
        (numeric(20e6, "20 million", tolerance=10, percent=True), "22 million", True),
        (numeric(20e6, "20 million", tolerance=10, percent=True), "22.1 million", False),
        (numeric(16, unit="episodes", tolerance=2), "18 episodes", True),
        (numeric(16, unit="episodes", tolerance=2), "19", False),
        (numeric(16, unit="episodes"), "sixteen", True),
        (numeric(15, unit="%"), "15%", True),
        (numeric(15, unit="%"), "16%", False),
        (numeric(1.1, "1.10"), "1.1", True),
        (numeric(0.3, "0.3"), "0.30", True),
        (numeric(2019, "2019"), "2018", False),
        (numeric(2019, "2019"), "2,019", True),
    ],
)
def test_numeric(item: Item, given: str, correct: bool) -> None:
    outcome = grade(item, given)
    assert outcome.correct is correct
    assert outcome.given == given


def test_numeric_unreadable_answer_says_so() -> None:
    outcome = grade(numeric(16, unit="episodes"), "lots")
    assert not outcome.correct
    assert outcome.given == "lots (not a number)"
    assert grade(numeric(16), "  ").given == NO_ANSWER


def test_numeric_accepts_numbers_as_well_as_text() -> None:
    assert grade(numeric(16), 16).correct
    assert grade(numeric(1.5), 1.5).correct
    assert not grade(numeric(16), float("nan")).correct
    assert not grade(numeric(16), 10**400).correct


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (numeric(16, "16", unit="episodes"), "16 episodes"),
        (numeric(20e6, "20 million"), "20 million"),
        (numeric(15, "15", unit="%"), "15%"),
        (numeric(5000, "5,000", unit="₩"), "₩5,000"),
        (numeric(20e6, "20 million", tolerance=10, percent=True), "20 million (± 10%)"),
        (numeric(16, "16", unit="episodes", tolerance=2), "16 episodes (± 2 episodes)"),
    ],
)
def test_numeric_expected_text(item: Item, expected: str) -> None:
    assert expected_text(item) == expected


# --- flashcards, wrong types, helpers --------------------------------------------------------


def test_flashcards_are_not_graded() -> None:
    with pytest.raises(ValueError, match="rated by the learner"):
        grade(FLASH, "Producer-director")


def test_flashcard_self_rating_and_expected_side() -> None:
    assert self_rated(FLASH, True) == self_rated(FLASH, True)
    assert (
        self_rated(FLASH, True).correct and self_rated(FLASH, True).expected == "Producer-director"
    )
    assert not self_rated(FLASH, False).correct
    assert expected_text(Item("deck", FLASH.card, "reverse")) == "PD"
    assert question_text(Item("deck", FLASH.card, "reverse")) == "Producer-director"
    with pytest.raises(TypeError):
        self_rated(FLASH, "yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("item", "response"),
    [
        (typed("x"), 3),
        (typed("x"), None),
        (cloze("{{x}}", 0), b"x"),
        (MCQ, "0"),
        (MCQ, True),  # a bool is not an index
        (MCQ, 1.0),
        (MULTI, "013"),
        (MULTI, 3),
        (MULTI, ["0"]),
        (TF, "true"),
        (TF, 1),
        (ORDER, "0123"),
        (ORDER, {0, 1, 2, 3}),
        (ORDER, [0, "1"]),
        (numeric(1), True),
        (numeric(1), None),
    ],
)
def test_wrong_response_type_is_a_type_error(item: Item, response: object) -> None:
    with pytest.raises(TypeError, match=item.card.kind.value):
        grade(item, response)


def test_unanswered() -> None:
    outcome = unanswered(MCQ)
    assert (outcome.correct, outcome.score, outcome.expected) == (False, 0.0, "Seoul")


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 9])
def test_shuffled_is_a_seeded_permutation(n: int) -> None:
    first = shuffled(n, random.Random(7))
    assert sorted(first) == list(range(n))
    assert first == shuffled(n, random.Random(7))


def test_scrambled_order_never_gives_the_answer_away() -> None:
    rng = random.Random(0)
    for n in (2, 3, 4):
        for _ in range(200):
            assert shuffled(n, rng, scramble=True) != list(range(n))


def test_right_response_is_graded_fully_right_for_every_checkable_item_of_the_shipped_decks() -> (
    None
):
    from kdquiz.core.catalog import load_catalog
    from kdquiz.core.grading import right_response

    items = [item for deck in load_catalog(None).decks for item in deck.items()]
    checkable = [item for item in items if item.card.kind != "flashcard"]
    assert {item.card.kind for item in checkable} == set(CHECKABLE)
    for item in checkable:
        outcome = grade(item, right_response(item))
        assert (outcome.correct, outcome.score) == (True, 1.0), item.key
    assert all(right_response(item) is None for item in items if item.card.kind == "flashcard")
