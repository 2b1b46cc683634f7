"""The parser's choices and defaults are plain strings (so building it imports no core module);
these tests keep them in step with the core they stand for."""

from __future__ import annotations

from kdquiz.commands import export_deck, generate, import_deck, optimize, play


def test_generate_kinds_are_kind_values() -> None:
    from kdquiz.core.generate import DEFAULT_KINDS
    from kdquiz.core.model import Kind

    assert generate.DEFAULT_KINDS == tuple(k.value for k in DEFAULT_KINDS)
    assert all(Kind(name) for name in generate.DEFAULT_KINDS)
    assert generate.parse_kinds("MCQ, cloze,mcq") == [Kind.MCQ, Kind.CLOZE]


def test_import_formats_are_the_importers() -> None:
    from kdquiz.core.interchange import IMPORTERS

    assert import_deck.IMPORT_FORMATS == tuple(IMPORTERS)


def test_export_formats_each_have_an_exporter() -> None:
    assert tuple(export_deck.text_exporters()) == export_deck.TEXT_FORMATS
    assert export_deck.FORMATS == [*export_deck.TEXT_FORMATS, "apkg", "markdown"]


def test_optimize_default_is_the_optimizer_minimum() -> None:
    from kdquiz.core.optimize import MIN_REVIEWS

    assert optimize.MIN_REVIEWS == MIN_REVIEWS


def test_quiz_modes_are_the_game_modes() -> None:
    from kdquiz.core.game import QuizMode

    assert play.QUIZ_MODES == tuple(m.value for m in QuizMode)
