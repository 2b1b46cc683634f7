"""The model's records are frozen, slotted dataclasses: fields, replace, ==, hash, repr, pickling
and immutability (kdquiz.core.catalog and kdquiz.core.plan rely on these)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from kdquiz.core.model import (
    Card,
    Choice,
    Cloze,
    Deck,
    Flashcard,
    Gap,
    Item,
    Kind,
    MultiSelect,
    Numeric,
    Source,
    SourceRef,
    Typed,
    field_names,
)


def cloze() -> Cloze:
    return Cloze(
        id="ost",
        kind=Kind.CLOZE,
        text="An {{OST}}",
        gaps=(Gap("OST"),),
        tags=("music",),
        source=SourceRef("art", 2, "end"),
    )


def deck() -> Deck:
    multi = MultiSelect(
        id="m",
        kind=Kind.MULTI,
        prompt="Pick",
        choices=(Choice("a", "yes"), Choice("b")),
        answers=frozenset({0}),
    )
    return Deck("drama", "Drama", (cloze(), multi), sources=(Source("art", "An article"),))


def test_fields_are_those_of_the_dataclass_in_order() -> None:
    assert [f.name for f in dataclasses.fields(Typed)] == [
        "id",
        "kind",
        "prompt",
        "explain",
        "source",
        "tags",
        "time_limit",
        "points",
        "line",
        "anki",
        "answer",
        "accept",
        "case_sensitive",
        "accent_sensitive",
    ]
    assert all(f.kw_only for f in dataclasses.fields(Typed))
    assert [(f.name, f.default) for f in dataclasses.fields(Source)] == [
        ("id", dataclasses.MISSING),
        ("title", dataclasses.MISSING),
        ("author", ""),
        ("url", ""),
    ]
    by_id = dataclasses.fields(Deck)[-1]
    assert (by_id.name, by_id.compare, by_id.repr, by_id.default_factory) == (
        "_by_id",
        False,
        False,
        dict,
    )
    assert dataclasses.is_dataclass(deck()) and Card.__dataclass_params__.frozen
    assert (
        Source.__match_args__ == ("id", "title", "author", "url") and Flashcard.__match_args__ == ()
    )


def test_field_names_match_dataclasses_fields() -> None:
    for cls in (
        Source,
        SourceRef,
        Choice,
        Gap,
        Card,
        Cloze,
        MultiSelect,
        Numeric,
        Typed,
        Item,
        Deck,
    ):
        assert field_names(cls) == tuple(f.name for f in dataclasses.fields(cls))


def test_replace_builds_a_new_record_and_deck_reindexes_its_cards() -> None:
    original = deck()
    smaller = dataclasses.replace(original, cards=original.cards[:1], _by_id={})
    assert smaller.card("ost") == original.cards[0] and smaller.card("m") is None
    assert original.card("m") is not None
    assert dataclasses.replace(cloze(), text="A {{drama}}").text == "A {{drama}}"


def test_equality_hash_and_repr_follow_the_fields() -> None:
    assert cloze() == cloze() and hash(cloze()) == hash(cloze())
    assert deck() == deck() and hash(deck()) == hash(deck())
    assert cloze() != dataclasses.replace(cloze(), line=3)
    assert Gap("a") != ("a", "") and Choice("a") != Gap("a")
    assert repr(Gap("a", "b")) == "Gap(answer='a', hint='b')"
    assert repr(Item("d", Card(id="x", kind=Kind.TYPED), "c1")) == (
        "Item(deck_id='d', card=Card(id='x', kind=<Kind.TYPED: 'typed'>, prompt='', explain='', "
        "source=None, tags=(), time_limit=None, points=None, line=0, anki=()), sub='c1')"
    )
    assert "_by_id" not in repr(deck())


def test_records_are_frozen_and_have_no_instance_dict() -> None:
    card = cloze()
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.text = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del card.text  # type: ignore[misc]
    # Python 3.11's slotted frozen dataclasses raise TypeError here (a known CPython bug in the
    # generated __setattr__), later versions AttributeError: either way nothing is added.
    with pytest.raises((AttributeError, TypeError)):
        card.extra = 1  # type: ignore[attr-defined]
    assert not hasattr(card, "__dict__") and not hasattr(deck(), "__dict__")


def test_missing_or_unknown_arguments_are_refused_like_a_dataclass() -> None:
    with pytest.raises(TypeError):
        Flashcard(id="x", kind=Kind.FLASHCARD, front="f")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Numeric("x", Kind.NUMERIC, answer=1.0, answer_text="1")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Gap("a", "b", "c")  # type: ignore[call-arg]


def test_pickle_and_copy_round_trip() -> None:
    original = deck()
    for again in (
        pickle.loads(pickle.dumps(original)),
        copy.deepcopy(original),
        copy.copy(original),
    ):
        assert again == original and again.card("m") == original.card("m")
    assert pickle.loads(pickle.dumps(cloze())).source == SourceRef("art", 2, "end")
