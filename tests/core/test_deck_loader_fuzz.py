"""Whatever bytes or YAML-like structures the loader is given, it returns a Deck or a DeckError."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kdquiz.core.decks import load_deck_bytes, load_deck_text
from kdquiz.core.model import Deck
from kdquiz.errors import DeckError

KEYS = [
    "format",
    "id",
    "title",
    "cards",
    "type",
    "prompt",
    "answer",
    "choices",
    "answers",
    "items",
    "text",
    "front",
    "back",
    "statement",
    "tolerance",
    "unit",
    "source",
    "doc",
    "paragraph",
    "sources",
    "accept",
    "reverse",
    "tags",
    "points",
    "time_limit",
    "explain",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["mcq", "cloze", "no", "1.10", "010", "{{x}}", "="]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)


def _outcome(load, arg) -> None:
    try:
        assert isinstance(load(arg), Deck)
    except DeckError as exc:
        assert exc.problems, "a DeckError always lists at least one problem"
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _outcome(lambda d: load_deck_bytes(d, "fuzz.yaml"), data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_arbitrary_yaml_structures(value) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    _outcome(lambda t: load_deck_text(t, "fuzz.yaml"), text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.text(max_size=6),
                "type": st.sampled_from(
                    [
                        "flashcard",
                        "cloze",
                        "mcq",
                        "multi",
                        "truefalse",
                        "typed",
                        "numeric",
                        "order",
                        "x",
                    ]
                ),
            },
            optional={
                k: scalars | st.lists(scalars, max_size=4) for k in KEYS if k not in ("id", "type")
            },
        ),
        max_size=4,
    )
)
def test_arbitrary_cards_in_a_valid_deck(cards) -> None:
    text = yaml.safe_dump(
        {"format": 1, "id": "d", "title": "t", "cards": cards}, allow_unicode=True
    )
    _outcome(lambda t: load_deck_text(t, "fuzz.yaml"), text)
