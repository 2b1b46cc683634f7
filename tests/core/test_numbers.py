"""Numbers as people write them: any form of a number within tolerance is right, any other wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.grading import grade
from kdquiz.core.model import Item, Kind, Numeric
from kdquiz.core.numbers import Unit, amount_within, card_unit, is_amount, read_number, read_range

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    """English words for 0 <= n < 1000, written the usual ways ("one hundred and five", "twenty-one")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    rest = n % 100
    return f"{ONES[n // 100]} hundred" + ("" if rest == 0 else " and " + in_words(rest))


def card(answer: float, tolerance: float = 0, unit: str = "") -> Item:
    return Item("d", Numeric(id="n", kind=Kind.NUMERIC, prompt="?", answer=answer, answer_text=f"{answer:g}", tolerance=tolerance, unit=unit))  # fmt: skip


NETFLIX = card(22.5, 2.5, "million dollars")


@pytest.mark.parametrize(
    "given",
    ["$20 million", "22.5M", "twenty million", "22.5", "$22.5 million", "22,500,000 dollars",
     "twenty-two and a half million", "twenty two point five million", "USD 25 million",
     "25 million USD", "US$20m", "$20,000,000", "20 000 000", "22.5 million dollars", "2250만 달러",
     "2천2백5십만 달러", "이천이백오십만 달러", "about $21 million", "21 million US dollars", "22,5 million",
     "0.0225 billion", "22.5 mn", "24 millions", "22500 thousand", "twenty-one million", "22.5 bucks",
     "20-25 million", "$20-25 million", "$20 million to $25 million", "between 20 and 25 million dollars",
     "between $20m and $25m", "20–25M", "2천만~2천5백만 달러", "twenty to twenty-five million", "21 - 24"],
)  # fmt: skip
def test_the_netflix_budget_card_accepts_the_amount_as_people_write_it(given: str) -> None:
    assert grade(NETFLIX, given).correct, given


@pytest.mark.parametrize(
    "given",
    ["22.5 thousand", "22.5k", "22.5 billion", "22.5bn", "$19.9 million", "25.1M", "twenty-six million",
     "19,999,999", "22.5 million won", "€22.5 million", "KRW 22.5 million", "2천만원", "225억원", "22500",
     "half a million", "26", "15-25 million", "20-30 million", "20-25 thousand", "$20-25 million won",
     "20 or 25 million"],
)  # fmt: skip
def test_the_netflix_budget_card_rejects_other_amounts_magnitudes_and_currencies(
    given: str,
) -> None:
    assert not grade(NETFLIX, given).correct, given


@pytest.mark.parametrize(
    ("unit", "scale", "name", "currency"),
    [
        ("million dollars", 1e6, "dollars", "USD"),
        ("Million", 1e6, "", ""),
        ("billion won", 1e9, "won", "KRW"),
        ("억 원", 1e8, "원", "KRW"),
        ("만명", 1e4, "명", ""),
        ("₩", 1, "₩", "KRW"),
        ("US$", 1, "us$", "USD"),
        ("episodes", 1, "episodes", ""),
        ("m", 1, "m", ""),  # metres: a one-letter unit is never a magnitude
        ("%", 1, "%", ""),
    ],
)
def test_card_unit_splits_magnitude_from_name(
    unit: str, scale: float, name: str, currency: str
) -> None:
    assert card_unit(unit) == Unit(scale, name, currency)


@pytest.mark.parametrize(
    ("text", "value", "scaled", "currency"),
    [
        ("1억 2천만", 1.2e8, True, ""),
        ("2.5억 원", 2.5e8, True, "KRW"),
        ("이천오백만", 2.5e7, True, ""),
        ("3십", 30, False, ""),
        ("half a million", 5e5, True, ""),
        ("two and a half thousand", 2500, True, ""),
        ("one and a quarter", 1.25, False, ""),
        ("zero point five", 0.5, False, ""),
        ("2 and a half million", 2.5e6, True, ""),
        ("thirty per cent", 30, False, ""),
        ("30 pct", 30, False, ""),
        ("30퍼센트", 30, False, ""),
        ("30 프로", 30, False, ""),
        ("€5", 5, False, "EUR"),
        ("5 euros", 5, False, "EUR"),
        ("5000원", 5000, False, "KRW"),
        ("5 million won", 5e6, True, "KRW"),
        ("more than 190", 190, False, ""),
        ("up to 30%", 30, False, ""),
        ("약 2천만 원", 2e7, True, "KRW"),  # 약: about
        ("20일", 20, False, ""),  # 일 is also "one", but after digits alone it is a word (days)
    ],
)
def test_read_number_forms(text: str, value: float, scaled: bool, currency: str) -> None:
    reading = read_number(text)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert (reading.scaled, reading.currency) == (scaled, currency)


@pytest.mark.parametrize(
    "text",
    [
        "$20 million won",
        "오늘",
        "이름",
        "1억 2 3",
        "overall 5",
        "something 5",
        "twenty point",
        "twenty point million",
    ],
)
def test_read_number_refuses_what_is_not_one_amount(text: str) -> None:
    assert read_number(text) is None


# --- properties ------------------------------------------------------------------------------

# Amounts in quarter-millions keep every written form exact: no rounding across a bound.
QUARTERS = st.integers(min_value=1, max_value=4000)


def million_dollar_forms(quarters: int) -> list[str]:
    """One amount of quarters/4 million dollars, written every way the grading docs promise."""
    millions = quarters / 4
    whole = quarters * 250_000
    forms = [
        f"{millions:g}",
        f"${millions:g} million",
        f"{millions:g}M",
        f"{millions:g}m dollars",
        f"USD {millions:g} million",
        f"{millions:g} million US dollars",
        f"{whole:,}",
        f"${whole:,}",
        f"{whole:,} dollars".replace(",", " "),
        f"{whole}",
        f"{whole / 1000:g} thousand dollars",
        f"{whole / 1e9:g} billion",
        f"{whole // 10_000}만 달러" if whole % 10_000 == 0 else f"{whole:,}",
        f"{millions:g}".replace(".", ",") + " million",
    ]
    if quarters % 4 == 0 and millions < 1000:
        forms.append(f"{in_words(int(millions))} million")
    if quarters % 4 == 2 and millions < 1000:
        forms.append(f"{in_words(int(millions))} and a half million")
    return forms


@given(
    answer=QUARTERS,
    slack=st.integers(min_value=0, max_value=20),
    offset=st.integers(min_value=-40, max_value=40),
)
@settings(max_examples=150, deadline=None)
def test_any_written_form_within_tolerance_is_right_and_outside_is_wrong(
    answer: int, slack: int, offset: int
) -> None:
    item = card(answer / 4, slack / 4, "million dollars")
    given_quarters = answer + offset
    if given_quarters < 1:
        return
    inside = abs(offset) <= slack
    for form in million_dollar_forms(given_quarters):
        assert grade(item, form).correct is inside, form


@given(answer=QUARTERS, magnitude=st.sampled_from(["thousand", "k", "billion", "bn", "trillion"]))
@settings(max_examples=60, deadline=None)
def test_the_right_figure_with_the_wrong_magnitude_is_wrong(answer: int, magnitude: str) -> None:
    item = card(answer / 4, 0, "million dollars")
    assert not grade(item, f"{answer / 4:g} {magnitude}").correct


@given(
    percent=st.integers(min_value=0, max_value=999),
    tolerance=st.integers(min_value=0, max_value=5),
    offset=st.integers(min_value=-10, max_value=10),
)
@settings(max_examples=100, deadline=None)
def test_percentages_in_any_form(percent: int, tolerance: int, offset: int) -> None:
    item = card(percent, tolerance, "%")
    given_percent = percent + offset
    if given_percent < 0:
        return
    inside = abs(offset) <= tolerance
    for form in (f"{given_percent}%", f"{given_percent} %", f"{given_percent} percent", f"{given_percent} per cent",
                 f"{in_words(given_percent)} per cent", f"{given_percent}"):  # fmt: skip
        assert grade(item, form).correct is inside, form


@given(
    n=st.integers(min_value=1, max_value=999),
    scale=st.sampled_from([("thousand", 1e3), ("million", 1e6), ("billion", 1e9)]),
)
@settings(max_examples=100, deadline=None)
def test_number_words_with_magnitudes(n: int, scale: tuple[str, float]) -> None:
    word, factor = scale
    assert read_number(f"{in_words(n)} {word}") == read_number(f"{n:,} {word}")
    assert amount_within(f"{in_words(n)} {word}", "", n * factor, n * factor)
    assert amount_within(f"{in_words(n)} {word}", "", n, n) is False


@given(n=st.integers(min_value=1, max_value=10**11))
@settings(max_examples=150, deadline=None)
def test_korean_magnitudes_read_like_digits(n: int) -> None:
    """2억 3456만 7890 and 234567890 are one number, written in groups of four digits."""
    groups = [(n // 10**8, "억"), (n // 10**4 % 10**4, "만"), (n % 10**4, "")]
    korean = " ".join(f"{value}{unit}" for value, unit in groups if value)
    reading = read_number(korean)
    assert reading is not None and reading.value == n


@given(
    answer=QUARTERS,
    slack=st.integers(min_value=0, max_value=20),
    ends=st.tuples(st.integers(-30, 30), st.integers(-30, 30)),
    style=st.sampled_from(
        [
            "{a}-{b} million",
            "${a}m to ${b}m",
            "between {a} and {b} million dollars",
            "{a}–{b}",
            "{a} to {b}",
        ]
    ),
)
@settings(max_examples=150, deadline=None)
def test_a_range_is_right_when_both_ends_are(
    answer: int, slack: int, ends: tuple[int, int], style: str
) -> None:
    item = card(answer / 4, slack / 4, "million dollars")
    low, high = sorted(answer + offset for offset in ends)
    if low < 1:
        return
    text = style.format(a=f"{low / 4:g}", b=f"{high / 4:g}")
    assert is_amount(text, "million dollars") and len(read_range(text, "million dollars")) == 2
    inside = all(abs(end - answer) <= slack for end in (low, high))
    assert grade(item, text).correct is inside, text


@pytest.mark.parametrize("text", ["20 or 30", "1/2", "lots", "between", "to 20", "20-25-30"])
def test_what_is_neither_a_number_nor_a_range_is_not_an_amount(text: str) -> None:
    assert not is_amount(text)
    assert grade(card(20), text).given == f"{text} (not a number)"


def won_forms(amount: int) -> list[str]:
    """One amount of won, written the ways Korean and English writers do."""
    forms = [
        f"{amount}",
        f"{amount:,}",
        f"₩{amount:,}",
        f"KRW {amount}",
        f"{amount:,}원",
        f"{amount:,} won",
    ]
    if amount % 10_000 == 0:
        man, rest = divmod(amount // 10_000, 10_000)
        forms += [
            f"{amount // 10_000}만 원",
            f"{man}억 {rest}만원" if man and rest else f"{amount // 10_000}만원",
        ]
    if amount % 1_000 == 0:
        forms.append(f"{amount // 1000:,} thousand won")
    return forms


@given(
    answer=st.integers(min_value=1, max_value=10**6).map(lambda n: n * 10_000),
    slack=st.sampled_from([0, 10_000, 50_000]),
    offset=st.sampled_from([-100_000, -50_000, -10_000, 0, 10_000, 50_000, 100_000]),
)
@settings(max_examples=120, deadline=None)
def test_won_in_any_form_within_tolerance_is_right(answer: int, slack: int, offset: int) -> None:
    item = card(answer, slack, "won")
    given_amount = answer + offset
    if given_amount < 1:
        return
    for form in won_forms(given_amount):
        assert grade(item, form).correct is (abs(offset) <= slack), form
    assert not grade(item, f"${given_amount:,}").correct  # dollars are not won
