"""Every kind in the registry, through everything a kind must do: read from YAML, grade a right and
a wrong answer, say its question and answer as plain text, be asked in plain mode, and survive
every export format (reading back as the same card from each format it claims)."""

from __future__ import annotations

import dataclasses
import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck_text
from kdquiz.core.grading import expected_text, grade, question_text, right_response, self_rated
from kdquiz.core.interchange.aiken import export_aiken
from kdquiz.core.interchange.anki_text import export_anki_text, parse_anki_text
from kdquiz.core.interchange.apkg import export_apkg
from kdquiz.core.interchange.common import answer_text
from kdquiz.core.interchange.common import question_text as plain_question
from kdquiz.core.interchange.csv_plain import export_csv, parse_csv
from kdquiz.core.interchange.gift import export_gift, parse_gift
from kdquiz.core.interchange.markdown_sheet import quiz_sheet
from kdquiz.core.kinds import KINDS, spec_of
from kdquiz.core.model import Deck, Item
from kdquiz.core.template import TEMPLATE

#: One card of each kind, as a teacher writes it.
CARDS: dict[str, dict[str, Any]] = {
    "flashcard": {"type": "flashcard", "front": "PD", "back": "Producer-director"},
    "cloze": {"type": "cloze", "text": "An {{OST}} is a drama's soundtrack."},
    "mcq": {
        "type": "mcq",
        "prompt": "What comes first?",
        "choices": ["The script", "The casting", "The editing"],
        "answer": "The script",
    },
    "multi": {
        "type": "multi",
        "prompt": "Who works on set?",
        "choices": ["Director", "Camera operator", "Subtitle translator"],
        "answers": ["Director", "Camera operator"],
    },
    "truefalse": {
        "type": "truefalse",
        "statement": "Some dramas air while filming.",
        "answer": True,
    },
    "typed": {
        "type": "typed",
        "prompt": "Which service?",
        "answer": "Netflix",
        "accept": ["Netflix Korea"],
    },
    "numeric": {"type": "numeric", "prompt": "Episodes in a season?", "answer": 16, "tolerance": 2},
    "order": {
        "type": "order",
        "prompt": "Put these in order.",
        "items": ["Script", "Casting", "Shooting"],
    },
    "matching": {
        "type": "matching",
        "prompt": "Match each role to its job.",
        "pairs": [
            {"PD": "Directs"},
            {"Writer": "Writes the script"},
            {"Editor": "Cuts the footage"},
        ],
        "distractors": ["Sells the rights"],
    },
}

#: A response each kind grades wrong (flashcards are rated by the learner instead).
WRONG: dict[str, object] = {
    "cloze": "Opening theme",
    "mcq": 1,
    "multi": frozenset({2}),
    "truefalse": False,
    "typed": "Disney",
    "numeric": "30",
    "order": (2, 1, 0),
    "matching": (1, 0, 2),
}

#: A plain-mode line each kind takes whatever the order it is shown in.
PLAIN_INPUT: dict[str, str] = {
    "flashcard": "\n3",
    "cloze": "OST",
    "mcq": "1",
    "multi": "1 2",
    "truefalse": "t",
    "typed": "Netflix",
    "numeric": "16",
    "order": "1 2 3",
    "matching": "1A 2B 3C",
}

IMPORTERS = {
    "gift": (export_gift, parse_gift, "x.gift"),
    "csv": (export_csv, parse_csv, "x.csv"),
    "anki-text": (export_anki_text, parse_anki_text, "x.txt"),
}

ALL = sorted(KINDS)


def deck_of(kind: str) -> Deck:
    card = {"id": f"{kind}-card", "explain": "Because.", **CARDS[kind]}
    return load_deck_text(
        dump_deck({"format": 1, "id": "kinds", "title": "Kinds", "cards": [card]}), "kinds.yaml"
    )


def item_of(kind: str) -> Item:
    return next(deck_of(kind).items())


def test_every_kind_has_a_sample_and_the_registry_matches_the_model() -> None:
    assert set(CARDS) == set(KINDS)
    for name, spec in KINDS.items():
        assert spec.name == name and spec.card_class.__name__ and spec.label and spec.keys
        assert f"# {name}:" in TEMPLATE  # the `kdquiz new` template shows an example of it


@pytest.mark.parametrize("kind", ALL)
def test_the_yaml_reader_builds_the_kind_and_refuses_an_unknown_key(kind: str) -> None:
    card = deck_of(kind).cards[0]
    assert isinstance(card, KINDS[kind].card_class) and card.kind == kind
    broken = dump_deck(
        {
            "format": 1,
            "id": "k",
            "title": "K",
            "cards": [{"id": "c", **CARDS[kind], "colour": "red"}],
        }
    )
    with pytest.raises(
        Exception, match=rf"k\.yaml:\d+:\d+: .*unknown key 'colour' in a {kind} card"
    ):
        load_deck_text(broken, "k.yaml")


@pytest.mark.parametrize("kind", ALL)
def test_the_right_answer_grades_right_and_a_wrong_one_wrong(kind: str) -> None:
    for item in deck_of(kind).items():
        if KINDS[kind].self_rated:
            with pytest.raises(ValueError):
                grade(item, right_response(item))
            assert self_rated(item, True).correct and not self_rated(item, False).correct
            continue
        right = grade(item, right_response(item))
        assert (right.correct, right.score) == (True, 1.0)
        wrong = grade(item, WRONG[kind])
        assert not wrong.correct and wrong.score < 1.0
        assert wrong.expected == right.expected == expected_text(item) != ""


@pytest.mark.parametrize("kind", ALL)
def test_question_and_answer_as_plain_text(kind: str) -> None:
    item = item_of(kind)
    card = item.card
    assert question_text(item) and expected_text(item)
    assert spec_of(card).question_text(item) and spec_of(card).answer_text(item)
    assert plain_question(card) and answer_text(card)


@pytest.mark.parametrize("kind", ALL)
def test_asked_in_plain_mode(kind: str) -> None:
    from kdquiz.plain import Console, _ask

    out = io.StringIO()
    item = item_of(kind)
    console = Console(io.StringIO(PLAIN_INPUT[kind] + "\n"), out)
    how, response = _ask(console, item, random.Random(3))
    assert (
        question_text(item).split("\n")[0] in out.getvalue() or item.card.prompt in out.getvalue()
    )
    if KINDS[kind].self_rated:
        assert how == "reveal"
    else:
        assert how == "answer"
        grade(item, response)  # a response of the kind's own type


@pytest.mark.parametrize("kind", ALL)
def test_every_export_format_writes_the_card_or_says_why_not(kind: str, tmp_path: Path) -> None:
    deck = deck_of(kind)
    card = deck.cards[0]
    seen = card.prompt or getattr(card, "front", "") or getattr(card, "statement", "") or "OST"
    for result in (
        export_gift(deck),
        export_csv(deck),
        export_anki_text(deck),
        export_aiken(deck),
        quiz_sheet(deck),
        quiz_sheet(deck, rng=random.Random(1), version="B"),
    ):
        assert seen.split()[0] in result.text or any(card.id in note for note in result.notes)
    export_apkg(deck, tmp_path / "k.apkg", timestamp=0)
    assert zipfile.is_zipfile(tmp_path / "k.apkg")


@pytest.mark.parametrize(
    ("kind", "fmt"), [(k, f) for k in ALL for f in sorted(KINDS[k].round_trips)]
)
def test_round_trips_through_every_format_it_claims(kind: str, fmt: str) -> None:
    export, parse, path = IMPORTERS[fmt]
    deck = deck_of(kind)
    again = load_deck_text(dump_deck(parse(export(deck).text, path).deck), "again.yaml")
    before, after = deck.cards[0], again.cards[0]
    assert type(after) is type(before)
    # A flashcard's back is its whole answer side: GIFT's essay and Anki's Basic note have no
    # other place for an explanation, and the Anki exporter says so in its notes.
    # A card back from Anki also carries the note it was (`anki`), for the next export.
    same = {"line": 0, "id": "x", "tags": (), "anki": ()} | (
        {"explain": ""} if kind == "flashcard" else {}
    )
    assert dataclasses.replace(after, **same) == dataclasses.replace(before, **same)


def test_every_kind_claims_a_format_unless_none_can_hold_it() -> None:
    assert {name for name, spec in KINDS.items() if not spec.round_trips} == {"order"}


@pytest.mark.parametrize(
    ("typed", "most", "numbers"),
    [
        ("1 3", 4, [1, 3]),
        ("1,3", 4, [1, 3]),
        ("1, 3", 4, [1, 3]),
        ("1;3", 4, [1, 3]),
        ("1 and 3", 4, [1, 3]),
        ("1 & 3", 4, [1, 3]),
        ("13", 4, [1, 3]),  # run together, as a class game player types it
        ("231", 3, [2, 3, 1]),
        ("", 4, []),  # nothing picked: a select-all question may have no right choice
        ("10", 12, [10]),  # ten choices or more: "10" is ten, never one and zero
        ("5", 4, None),
        ("0", 4, None),
        ("b", 4, None),
        ("1 x", 4, None),
    ],
)
def test_plain_mode_reads_picked_numbers_as_players_type_them(
    typed: str, most: int, numbers: list[int] | None
) -> None:
    from kdquiz.core.kinds.base import numbers_in

    assert numbers_in(typed, most) == numbers


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("t", True),
        ("True", True),
        ("yes.", True),
        (" O ", True),  # the O of a Korean OX quiz
        ("참", True),
        ("f", False),
        ("NO!", False),
        ("x", False),
        ("거짓", False),
        ("maybe", None),
        ("", None),
        ("tf", None),
    ],
)
def test_true_or_false_reads_what_players_type(typed: str, meant: bool | None) -> None:
    from kdquiz.core.kinds.truefalse import true_or_false

    assert true_or_false(typed) is meant
