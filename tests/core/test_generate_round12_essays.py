"""`kdquiz generate` on essays, histories and argued text: a decade or a range of years is one
answer whose wrong choices are of its own form. Each test feeds a made-up text and reads the
cards it gets."""

from __future__ import annotations

import re

from generate_support import cards_of, shown

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
