"""Stable ids for imported cards, and Anki guids that survive the trip through a deck file."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kdquiz.core.decks import SLUG
from kdquiz.core.interchange.ids import IdAllocator, content_id, guid_for_id, id_from_guid, slugify

# Anki guids: printable, no surrounding whitespace (Anki's own are 10 base91 characters).
guids = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=24)


@given(guids)
def test_any_anki_guid_becomes_a_valid_card_id_and_comes_back(guid: str) -> None:
    card_id = id_from_guid(guid)
    assert SLUG.match(card_id)
    assert guid_for_id(card_id) == guid


def test_slug_guids_are_kept_as_they_are() -> None:
    assert id_from_guid("pd-role") == "pd-role"
    assert guid_for_id("pd-role") == "pd-role"
    assert guid_for_id("anki-not-base32!") == "anki-not-base32!"


def test_content_ids_are_readable_stable_and_valid() -> None:
    assert content_id("What does PD stand for?", "flashcard") == content_id(
        "What does PD stand for?", "flashcard"
    )
    assert content_id("What does PD stand for?", "flashcard").startswith("what-does-pd-stand-for-")
    assert content_id("What does PD stand for?", "flashcard") != content_id(
        "What does PD mean?", "flashcard"
    )
    assert content_id("안녕하세요").startswith("card-")
    for text in ("안녕하세요", "Ünïcödé ácçents", "x" * 500, "--", ""):
        assert SLUG.match(content_id(text))


def test_allocator_makes_clashes_unique() -> None:
    ids = IdAllocator()
    assert [ids.take("q1"), ids.take("q1"), ids.take("q1"), ids.take("Not A Slug!")] == [
        "q1",
        "q1-2",
        "q1-3",
        "not-a-slug",
    ]


def test_slugify() -> None:
    assert slugify("K-drama::Basics") == "k-drama-basics"
    assert slugify("Café Society") == "cafe-society"
    assert slugify("한국어") == ""


class _CountedSet(set[str]):
    """A set that counts the lookups made in it."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        _CountedSet.lookups += 1
        return super().__contains__(item)


def test_ids_wanted_again_and_again_try_each_number_once() -> None:
    """A file of identical rows (a hostile one may hold 100,000) gets q, q-2, q-3 ... with each
    number tried once, not every earlier one again for each row; an id taken as it is in between
    is still skipped."""
    allocator = IdAllocator()
    allocator.used = _CountedSet()
    _CountedSet.lookups = 0
    taken = [allocator.take("q") for _ in range(3)] + [allocator.take("q-4")]
    taken += [allocator.take("q") for _ in range(2_000)]
    assert taken[:6] == ["q", "q-2", "q-3", "q-4", "q-5", "q-6"]
    assert len(set(taken)) == len(taken) == 2_004
    assert _CountedSet.lookups <= 3 * len(taken)
