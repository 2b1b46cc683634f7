"""The word-level judgements behind `kdquiz generate`: specific or everyday words, sentences that
lean on another one, and questions in the generator's own words. Checked on real sentences from
the development corpus (tests/fixtures/generator_corpus)."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kdquiz.core.generate import language, numbers
from kdquiz.core.generate.entities import DocumentIndex, EntityKind, find_entities
from kdquiz.core.generate.facts import refers_elsewhere
from kdquiz.core.generate.questions import year_question
from kdquiz.core.generate.text import Sentence


@pytest.mark.parametrize("term", ["full-time", "third-party", "per-user", "cross-platform"])
def test_compounds_of_everyday_words_are_generic(term: str) -> None:
    assert language.is_generic_term(term)


@pytest.mark.parametrize("term", ["debian-installer", "simple-cdd", "de-specialize"])
def test_compounds_with_a_rare_part_are_specific(term: str) -> None:
    assert not language.is_generic_term(term)


def test_names_of_everyday_words_are_generic_and_rare_words_rank_higher() -> None:
    assert language.is_generic_name("Public Interest")
    assert not language.is_generic_name("Bruce Perens")
    assert language.specificity("Perens") > language.specificity("software")


def test_lemmas_give_the_dictionary_form() -> None:
    assert language.lemma("succeeded") == "succeed"
    assert language.lemma("clients") == "client"


@pytest.mark.parametrize(
    "sentence",
    [
        "Currently, it officially supports nine hardware release architectures.",
        "During his time as Project Leader, Debian gained market share.",
        "(Contributed by Eric Snow, Guido van Rossum and Kumar Aditya in numerous issues.)",
        "The company eventually filed for bankruptcy in April of 2007.",
        "With the introduction of wheels, this problem is expected to diminish over time.",
        "The following Debian versions were released during this time:",
        "Python versions are numbered A.B.C or A.B:",
        'The two "clients" are free to chat it up on a dynamically allocated port.',
    ],
)
def test_sentences_that_lean_on_another_are_recognised(sentence: str) -> None:
    assert refers_elsewhere(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "When Ian Murdock left Debian, he appointed Bruce Perens as the next leader.",
        "Python will only specialize when it sees code that is hot.",
        "Debian 2.1 was released on 09 March, 1999.",
        "When he created Debian, in 1993, Ian Murdock had clear objectives.",
    ],
)
def test_self_contained_sentences_are_kept(sentence: str) -> None:
    assert not refers_elsewhere(sentence)


def _year(text: str) -> str | None:
    index = DocumentIndex([Sentence(text, 1, 0)])
    year = next(e for e in find_entities(text, index) if e.kind is EntityKind.YEAR)
    return year_question(text, year)


def test_year_questions_in_own_words() -> None:
    assert (
        _year("Debian 2.1 was released on 09 March, 1999, after being delayed by a week.")
        == "In what year was Debian 2.1 released?"
    )
    assert (
        _year("Wichert Akkerman succeeded Ian Jackson as Debian Project Leader in January of 1999.")
        == "In what year did Wichert Akkerman succeed Ian Jackson as Debian Project Leader?"
    )
    assert (
        _year("Distutils was first added to the Python standard library in 1998.")
        == "In what year was Distutils first added to the Python standard library?"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "When Debian was created in 1993 the aims were clear.",  # the year dates a clause
        "Ian Murdock died on 28 December 2015 in San Francisco.",  # no safe rewording
        "Interpreter startup became faster in 1998 for most users.",  # no named subject
    ],
)
def test_no_rewording_without_a_plain_shape(sentence: str) -> None:
    assert _year(sentence) is None


def test_the_word_lists_stay_off_the_start_up_path(tmp_path: Path) -> None:
    """The TUI and the other commands start without loading the word data; generate loads it."""
    code = (
        "import sys\n"
        "import kdquiz.cli, kdquiz.ui.app, kdquiz.core.generate\n"
        "print(sorted(m for m in ('wordfreq', 'simplemma') if m in sys.modules))\n"
    )
    env = {**os.environ, "KDQUIZ_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"


def test_a_factor_is_a_number_with_distractors_of_its_own_form() -> None:
    text = "In simple recursive functions like factorial, a 1.7x speedup was observed."
    index = DocumentIndex([Sentence(text, 1, 0)])
    (factor,) = [e for e in find_entities(text, index) if e.kind is EntityKind.COUNT]
    assert (factor.text, factor.low, factor.unit) == ("1.7x", 1.7, "x")
    wrong = numbers.wrong_values(factor, random.Random(0), 3)
    assert len(wrong) == 3 and "1.7x" not in wrong
    assert all(re.fullmatch(r"\d\.\dx", w) and float(w[:-1]) > 1 for w in wrong), wrong
