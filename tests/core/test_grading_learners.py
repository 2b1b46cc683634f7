"""Answers as learners really type them, for the shipped decks' kinds of card: each case here was
marked against what a player of a type-in flashcard or a short-answer quiz expects."""

from __future__ import annotations

import pytest

from kdquiz.core.grading import grade
from kdquiz.core.model import Item, Kind, Numeric, Typed


def numeric(answer: float, prompt: str, unit: str = "") -> Item:
    card = Numeric(
        id="n",
        kind=Kind.NUMERIC,
        prompt=prompt,
        answer=answer,
        answer_text=f"{answer:g}",
        unit=unit,
    )
    return Item("deck", card)


YEAR = numeric(2022, "In which year did Connect come out?")
COUNTRIES = numeric(190, "Netflix has viewers in more than how many countries?", "countries")
SHARE = numeric(30, "Product placement can cover up to what share of the budget?", "%")
HOURS = numeric(3.5, "How long is the shoot?", "hours")
COLD = numeric(-5, "How cold was the night shoot?", "°C")


@pytest.mark.parametrize(
    ("item", "given", "correct"),
    [
        (YEAR, "in 2022", True),  # the question's "In which year"
        (YEAR, "In 2022.", True),
        (YEAR, "in the year 2022", True),
        (YEAR, "the year 2022", True),
        (YEAR, "in 2021", False),
        (YEAR, "in 2021 or 2022", False),
        (COUNTRIES, ">190", True),  # "more than 190", as the question says
        (COUNTRIES, "> 190 countries", True),
        (COUNTRIES, "at least 190", True),
        (COUNTRIES, ">180", False),
        (COUNTRIES, "in 190 countries", True),
        (YEAR, "mid-2022", True),  # where in the year, still the year
        (YEAR, "late 2022", True),
        (YEAR, "in early 2022", True),
        (YEAR, "late 2021", False),
        (SHARE, "at most 30%", True),  # "up to", in other words
        (SHARE, "max 30%", True),
        (SHARE, "maximum 30 percent", True),
        (SHARE, "≤30%", True),
        (SHARE, "max 25%", False),
        (SHARE, "less than 30%", False),
    ],
)
def test_a_number_may_follow_the_words_that_lead_to_it(
    item: Item, given: str, correct: bool
) -> None:
    assert grade(item, given).correct is correct


def typed(answer: str, *accept: str, prompt: str = "?") -> Item:
    return Item("deck", Typed(id="t", kind=Kind.TYPED, prompt=prompt, answer=answer, accept=accept))


@pytest.mark.parametrize(
    ("answer", "given", "correct", "near_miss"),
    [
        # a slip in a word the learner ran together or split apart
        ("pre-production", "preprodution", True, True),
        ("pre-production", "pre prodution", True, True),
        ("original soundtrack", "orginal sound track", True, True),
        ("original soundtrack", "originalsoundtrak", True, True),
        ("Studio Dragon", "Studiodragn", True, True),
        # a hyphenated name is one word: its slip is measured against the whole of it
        ("Kim Eun-sook", "Kim Eun-sok", True, True),
        ("Kim Eun-sook", "Kim Eunsok", True, True),
        ("Kim Eun-sook", "kim eun sok", True, True),
        ("Park Chan-wook", "Park Chan-wok", True, True),
        ("Kim Eun-sook", "Kim Eun-sook", True, False),
        # and never more than one slip, nor a word of its own
        ("original soundtrack", "original song track", False, False),
        ("original soundtrack", "orginal song track", False, False),
        ("Studio Dragon", "Studiowagon", False, False),
        ("Studio Dragon", "Studio wagon", False, False),
        ("Kim Eun-sook", "Kim Eun-hee", False, False),
        ("Lee Min-ho", "Lee Min-jo", False, False),  # a part of two letters is a short word
        ("Bong Joon-ho", "Bong Joon-oh", False, False),
        ("Kim Eun-sook", "Park Eun-sook", False, False),
        ("Kim Eun-sook", "Kim", False, False),
        ("Seoul", "Seoul city", False, False),
        ("Miike", "T Miike", False, False),
        ("pre-production", "post-production", False, False),
        ("pre-production", "production", False, False),
    ],
)
def test_a_slip_is_forgiven_however_the_words_are_spaced(
    answer: str, given: str, correct: bool, near_miss: bool
) -> None:
    outcome = grade(typed(answer), given)
    assert (outcome.correct, outcome.near_miss) == (correct, near_miss)


@pytest.mark.parametrize(
    ("item", "given", "correct"),
    [
        (HOURS, "3½", True),  # a fraction typed as one character
        (HOURS, "3 ½ hours", True),
        (HOURS, "2½", False),
        (numeric(0.5, "What share?"), "½", True),
        (numeric(22.5e6, "How much?"), "22½ million", True),
        (COLD, "–5", True),  # a phone's or word processor's dash for the minus sign
        (COLD, "‐5 °C", True),
        (COLD, "negative 5", True),
        (COLD, "negative five", True),
        (COLD, "about -5", True),
        (COLD, "5", False),
        (COLD, "–6", False),
    ],
)
def test_a_number_typed_with_the_signs_a_phone_offers(
    item: Item, given: str, correct: bool
) -> None:
    assert grade(item, given).correct is correct


@pytest.mark.parametrize(
    ("given", "correct"),
    [
        ("script supervisor", True),
        ("scripty", True),
        ("scipty", True),  # a slip in an accepted answer
        ("script supervisr", True),
        ("script", False),  # half of the answer, though one letter from "scripty"
        ("supervisor", False),
        ("scripts", False),
    ],
)
def test_part_of_the_answer_is_not_a_slip_for_another_accepted_answer(
    given: str, correct: bool
) -> None:
    item = typed("script supervisor", "script supervisors", "scripty")
    assert grade(item, given).correct is correct


#: Typed answers as learners write them, and wrong ones that look alike.
TYPED_AS_WRITTEN = [
    # "Mrs" is another word, not many "Mr"s.
    ("Mr. Sunshine", "Mr Sunshine", True),
    ("Mr. Sunshine", "Mister Sunshine", True),
    ("Mr. Sunshine", "Mrs Sunshine", False),  # another person, not many Mr Sunshines
    ("Mr. Sunshine", "Mrs. Sunshine", False),
    ("Mrs. Doubtfire", "Mr Doubtfire", False),
    ("Mrs. Doubtfire", "Mrs Doubtfire", True),
    # A letter joined by a hyphen is part of the answer, never an article to leave out.
    ("A-list", "A list", True),
    ("A-list", "alist", True),
    ("A-list", "a-list", True),
    ("A-list", "list", False),  # the "A" is the answer, not an article
    ("A-list", "B-list", False),
    ("A-list", "the list", False),
    ("e-mail", "email", True),
    ("e-mail", "mail", False),
    ("K-pop", "J-pop", False),
    ("The Host", "host", True),  # a real article may still be left out
    # A space before three digits groups thousands, as a comma does.
    ("1,000", "1 000", True),  # thousands grouped with a space
    ("1000", "1 000", True),
    ("1000", "1\u00a0000", True),
    ("1,000,000 viewers", "1 000 000 viewers", True),
    ("2019", "20 19", False),  # still two numbers
    ("1000", "1 0000", False),
    ("1000", "10 00", False),
    ("2 100m races", "2100m races", False),
    # Korean typed letter by letter, as a terminal without a Korean input method sends it.
    ("서울", "ㅅㅓㅇㅜㄹ", True),
    ("김은숙", "ㄱㅣㅁㅇㅡㄴㅅㅜㄱ", True),
    ("사랑의 불시착", "ㅅㅏㄹㅏㅇㅇㅢ ㅂㅜㄹㅅㅣㅊㅏㄱ", True),
    ("왕", "ㅇㅗㅏㅇ", True),  # two keys for one vowel
    ("닭이", "ㄷㅏㄹㄱㅇㅣ", True),  # two keys for one final consonant
    ("서울", "ㅅㅓㅇㅜ", False),
    ("서울", "ㅂㅜㅅㅏㄴ", False),
    ("ㅋㅋㅋ", "ㅋㅋㅋ", True),  # letters that make no syllable stay letters
    # A whole number of a hundred or more, written in words.
    ("1,000", "one thousand", True),
    ("1000", "a thousand", True),  # the "a" is the number, not an article
    ("100", "one hundred", True),
    ("101 Dalmatians", "One Hundred and One Dalmatians", True),
    ("2022", "two thousand twenty-two", True),
    ("200 episodes", "two hundred episodes", True),
    ("1,000", "ten thousand", False),
    ("101 Dalmatians", "one hundred Dalmatians", False),
    ("5000", "five hundred", False),
    ("2022", "two thousand", False),
    # A Korean or Chinese name, family name first, typed the English way round.
    ("Kim Eun-sook", "Eun-sook Kim", True),
    ("Kim Eun-sook", "eunsook kim", True),
    ("Kim Eun-sook", "Eun-sok Kim", True),  # a slip, as in the other order
    ("Kim Eun Sook", "Eun Sook Kim", True),
    ("Park Chan-wook", "Chan-wook Park", True),
    ("Bong Joon-ho", "Joon-ho Bong", True),
    ("Xi Jinping", "Jinping Xi", True),
    ("Park Chan-wook", "Chan-wook Lee", False),
    ("Park Chan-wook", "Park", False),  # half the name
    ("Park Chan-wook", "Chan-wook", False),
    ("Kim Eun-sook", "Sook Kim Eun", False),  # only the family name moves
    ("Hello Kitty", "Kitty Hello", False),  # no family name first
    # Not a name written family name first, or another answer when turned round.
    ("Gu Sip", "sip gu", False),  # ninety is not nineteen
    ("Wu Shi", "shi wu", False),  # fifty is not fifteen
    ("Lee Isaac Chung", "Isaac Chung Lee", False),  # a given name that is not Korean
    ("Kim Kardashian", "Kardashian Kim", False),
    ("Ki Hong Lee", "Hong Lee Ki", False),  # written given name first already
    ("Song Kang", "Kang Song", False),  # two family names: which is which?
]


@pytest.mark.parametrize(("answer", "given", "correct"), TYPED_AS_WRITTEN)
def test_typed_answers_as_learners_write_them(answer: str, given: str, correct: bool) -> None:
    assert grade(typed(answer), given).correct is correct


@pytest.mark.parametrize(
    ("given", "correct"),
    [
        ("2022", True),
        ("in 2022", True),  # as a numeric card reads it, though the question has no "in"
        ("in 2021", False),
        ("in 2022 or 2023", False),
        ("not in 2022", False),
    ],
)
def test_a_typed_year_may_follow_in(given: str, correct: bool) -> None:
    item = typed("2022", prompt="When did Connect come out?")
    assert grade(item, given).correct is correct
