"""Cards are checked one by one while the YAML is read, so a big deck's tree never exists whole.

Checking them that way must find exactly what checking the whole tree finds: same deck, same
problems, same limits, whatever order the keys come in.
"""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_deck_loader import DECK_LEVEL, EVERY_KIND, deck
from test_deck_loader_fuzz import KEYS, scalars, structures

from kdquiz.core import decks, yamlsafe
from kdquiz.core.model import Deck
from kdquiz.errors import DeckError

HOSTILE = sorted((Path(__file__).parents[1] / "hostile" / "decks").iterdir())


def outcome(text: str, *, streamed: bool) -> Deck | list[str]:
    """The deck, or every problem as text; streamed, or with the reader building the whole tree."""
    whole_tree = yamlsafe.compose
    try:
        if streamed:
            return decks.load_deck_text(text, "d.yaml")
        with patch.object(yamlsafe, "compose", lambda text, sink=None: whole_tree(text)):
            return decks.load_deck_text(text, "d.yaml")
    except DeckError as exc:
        return [str(p) for p in exc.problems]


def same_either_way(text: str) -> None:
    assert outcome(text, streamed=True) == outcome(text, streamed=False)


@pytest.mark.parametrize("path", HOSTILE, ids=[p.name for p in HOSTILE])
def test_hostile_files(path: Path) -> None:
    data = path.read_bytes()
    try:
        text = decks.decode(data, str(path))
    except DeckError:
        return
    same_either_way(text)


@pytest.mark.parametrize(("text", "expected"), DECK_LEVEL, ids=[e[:40] for _, e in DECK_LEVEL])
def test_deck_level(text: str, expected: str) -> None:
    same_either_way(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["a", "b", "B", "c-1"]),
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
        max_size=5,
    ),
    st.booleans(),
    st.booleans(),
)
def test_arbitrary_cards(cards: list, sources_first: bool, cards_twice: bool) -> None:
    top: dict = {"format": 1, "id": "d", "title": "t"}
    sources = [{"id": "art", "title": "A"}, {"id": "x", "title": "X"}]
    if sources_first:
        top["sources"] = sources
    top["cards"] = cards
    if not sources_first:
        top["sources"] = sources
    text = yaml.safe_dump(top, allow_unicode=True, sort_keys=False)
    if cards_twice:
        text += "cards: [{id: z, type: typed, prompt: p, answer: a}]\n"
    same_either_way(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_arbitrary_structures(value) -> None:
    same_either_way(yaml.safe_dump(value, allow_unicode=True))


def test_sources_after_the_cards_are_still_found() -> None:
    cards = (
        "cards:\n  - {id: a, type: typed, prompt: p, answer: x, source: {doc: art, paragraph: 1}}\n"
    )
    later = "format: 1\nid: d\ntitle: t\n" + cards + "sources: [{id: art, title: A}]\n"
    assert isinstance(outcome(later, streamed=True), Deck)
    missing = "format: 1\nid: d\ntitle: t\n" + cards + "sources: [{id: other, title: A}]\n"
    assert any("source document 'art' is not listed" in p for p in outcome(missing, streamed=True))


def test_more_cards_than_the_limit_is_one_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decks, "MAX_CARDS", 3)
    text = deck(
        "".join(f"- {{id: c{i}, type: typed, answer: x}}\n" for i in range(5))
    )  # no prompts
    assert outcome(text, streamed=True) == ["d.yaml:8:3: the deck has 5 cards; the limit is 3"]
    same_either_way(text)


def test_a_yaml_error_after_bad_cards_is_the_only_problem() -> None:
    text = deck("- {id: a, type: typed}\n- {id: b, type: nope}\n") + "oops: [\n"
    assert len(outcome(text, streamed=True)) == 1
    same_either_way(text)


def test_a_bug_in_a_check_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise ZeroDivisionError("oops")

    from kdquiz.core.kinds import KINDS

    monkeypatch.setattr(KINDS["flashcard"], "parse", broken)
    (problem,) = outcome(deck(EVERY_KIND), streamed=True)
    assert "could not be read (ZeroDivisionError: oops)" in problem


def test_the_streamed_list_is_not_kept_in_the_tree() -> None:
    class Count(yamlsafe.ItemSink):
        key = "cards"

        def __init__(self) -> None:
            self.taken: list[yamlsafe.Node] = []

        def item(self, node: yamlsafe.Node) -> None:
            self.taken.append(node)

    sink = Count()
    root, _ = yamlsafe.compose(deck(EVERY_KIND) + "other:\n  cards: [1]\n", sink)
    assert isinstance(root, yamlsafe.Mapping)
    listed = root.get("cards")
    assert isinstance(listed, yamlsafe.Sequence) and listed.items == []
    assert [n.get("id").value for n in sink.taken] == list("fcmstynop")  # type: ignore[union-attr]
    nested = root.get("other")
    assert isinstance(nested, yamlsafe.Mapping) and nested.get("cards") is not None
