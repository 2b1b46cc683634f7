"""The parser: built for one command when the line names one, and its choices and defaults are
plain strings (so building it imports no core module) kept in step with the core they stand for."""

from __future__ import annotations

import argparse

import pytest

from kdquiz.cli import build_parser, command_named
from kdquiz.commands import COMMANDS, export_deck, generate, import_deck, optimize, play


def commands_of(parser: argparse.ArgumentParser) -> list[str]:
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def test_commands_map_every_command_to_its_module_in_help_order() -> None:
    assert commands_of(build_parser()) == list(COMMANDS)
    for command, module in COMMANDS.items():
        assert commands_of(build_parser(command)) == [c for c, m in COMMANDS.items() if m == module]


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["check", "x.yaml"], "check"),
        (["--data-dir", "d", "export-progress"], "export-progress"),
        (["--data-dir=d", "--data-dir", "check", "decks"], "decks"),  # "check" is the folder here
        (["--data-dir", "d"], None),
        ([], None),
        (["--help"], None),
        (["--version", "check"], None),
        (["--data", "d", "check"], None),  # abbreviated: left to the whole parser
        (["--data-dir", "-d", "check"], None),
        (["chekc"], None),
    ],
)
def test_command_named_reads_only_the_plain_shape(argv: list[str], command: str | None) -> None:
    assert command_named(argv) == command


def test_one_command_parser_parses_like_the_whole_one() -> None:
    argv = ["--data-dir", "d", "quiz", "a", "b", "-n", "3", "--mode", "survival", "--plain"]
    assert build_parser(command_named(argv)).parse_args(argv) == build_parser().parse_args(argv)


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
