"""`Problem` keeps the value behaviour it had as a frozen, ordered dataclass."""

from __future__ import annotations

import pytest

from kdquiz.errors import DeckError, Problem


def test_problem_is_an_immutable_ordered_value() -> None:
    first = Problem("a.yaml", 2, 5, "no answer", "q1")
    assert first == Problem("a.yaml", 2, 5, "no answer", "q1")
    assert hash(first) == hash(Problem("a.yaml", 2, 5, "no answer", "q1"))
    assert Problem("a.yaml", 1, 1, "x").card_id == ""
    assert repr(first) == (
        "Problem(path='a.yaml', line=2, column=5, message='no answer', card_id='q1')"
    )
    with pytest.raises(AttributeError):
        first.line = 3  # type: ignore[misc]
    problems = [
        Problem("b.yaml", 1, 1, "z"),
        first,
        Problem("a.yaml", 2, 1, "y"),
        Problem("a.yaml", 10, 1, "w"),
    ]
    assert [(p.path, p.line, p.column) for p in sorted(problems)] == [
        ("a.yaml", 2, 1),
        ("a.yaml", 2, 5),
        ("a.yaml", 10, 1),
        ("b.yaml", 1, 1),
    ]


def test_problem_text_and_deck_error_order() -> None:
    error = DeckError(
        [
            Problem("d.yaml", 9, 13, "the answer 'c' is not one of the choices", "x"),
            Problem("d.yaml", 3, 1, "missing 'title'"),
        ]
    )
    assert str(error) == (
        "d.yaml:3:1: missing 'title'\n"
        "d.yaml:9:13: card 'x': the answer 'c' is not one of the choices"
    )
    assert str(DeckError.single("e.yaml", "empty")) == "e.yaml:1:1: empty"
