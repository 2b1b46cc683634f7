"""Finding years, money, percentages, counts, titles, people, roles and companies."""

from __future__ import annotations

import random
import re
from pathlib import Path

from kdquiz.core.generate import read_document
from kdquiz.core.generate.entities import DocumentIndex, EntityKind, find_entities
from kdquiz.core.generate.numbers import wrong_values

FIXTURES = Path(__file__).parents[1] / "fixtures" / "generate"


def _festival() -> tuple[list[str], DocumentIndex]:
    doc = read_document(FIXTURES / "festival.md")
    return [s.text for s in doc.sentences], DocumentIndex(list(doc.sentences))


def _kinds(text: str, index: DocumentIndex) -> dict[str, EntityKind]:
    return {e.text: e.kind for e in find_entities(text, index)}


def test_the_opening_paragraph_yields_every_kind_of_fact() -> None:
    sentences, index = _festival()
    found: dict[str, EntityKind] = {}
    for text in sentences[:3]:
        found.update(_kinds(text, index))
    assert found["1998"] is EntityKind.YEAR
    assert found["2011"] is EntityKind.YEAR
    assert found["$4 million to $5 million"] is EntityKind.MONEY
    assert found["35%"] is EntityKind.PERCENT
    assert found["Anna Reyes"] is EntityKind.PERSON
    assert found["Tom Okafor"] is EntityKind.PERSON
    assert found["director"] is EntityKind.ROLE
    assert found["producer"] is EntityKind.ROLE
    for title in ("The Quiet Tide", "Salt Roads", "Paper Lanterns"):
        assert found[title] is EntityKind.TITLE


def test_companies_and_counts() -> None:
    sentences, index = _festival()
    text = next(s for s in sentences if s.startswith("Blue Harbor"))
    found = {e.text: e for e in find_entities(text, index)}
    assert found["Blue Harbor Films"].kind is EntityKind.COMPANY
    assert found["Northwind Media"].kind is EntityKind.COMPANY
    assert found["12"].kind is EntityKind.COUNT
    assert found["12"].unit == "countries"


def test_a_money_range_is_one_range_not_a_sum() -> None:
    _, index = _festival()
    money = next(e for e in find_entities("It cost $20 million to $25 million per season.", index))
    assert money.kind is EntityKind.MONEY
    assert (money.low, money.high, money.unit) == (20, 25, "million dollars")
    assert money.is_range


def test_acronyms_are_tied_to_what_they_stand_for() -> None:
    doc_text = (
        "The assistant director (AD) keeps things moving. "
        "Kdramas are known for OSTs (original soundtracks) that sell well."
    )
    from kdquiz.core.generate import document_from_text

    doc = document_from_text(doc_text, "a.txt")
    index = DocumentIndex(list(doc.sentences))
    assert index.acronyms == {"AD": "assistant director", "OST": "original soundtracks"}


def test_wrong_numbers_keep_the_format_and_differ() -> None:
    _, index = _festival()
    rng = random.Random(3)
    for text, entity_text in [
        ("It cost $20 million to $25 million.", "$20 million to $25 million"),
        ("Sales cover 30% of it.", "30%"),
        ("It was founded in 1998 there.", "1998"),
    ]:
        entity = next(e for e in find_entities(text, index) if e.text == entity_text)
        wrong = wrong_values(entity, rng, 3)
        assert len(wrong) == 3
        assert len(set(wrong)) == 3 and entity.text not in wrong
        shape = re.sub(r"\d+", "9", entity.text)  # "$9 million to $9 million", "9%", "9"
        for value in wrong:
            assert re.sub(r"\d+", "9", value.replace(".", "")) == shape
