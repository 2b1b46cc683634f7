"""`kdquiz generate` reads a hostile text in time linear in its size: a "word" of thousands of
letters, a sentence of thousands of names, a paragraph of initials. What it makes of an ordinary
text is unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.generate import document_from_text
from kdquiz.core.generate.entities import Entity, EntityKind, first_apart
from kdquiz.core.generate.facts import speaker_line
from kdquiz.core.generate.text import (
    MAX_WORD_CHARS,
    _without_emphasis,
    last_words,
    sentence_spans,
)
from tests.core.generate_support import cards_of

FESTIVAL = (Path(__file__).parent.parent / "fixtures" / "generate" / "festival.md").read_text()


def _entity(start: int, length: int) -> Entity:
    return Entity(EntityKind.TERM, "x" * length, start, start + length)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=30))
def test_entities_kept_apart_as_a_look_at_each_would_keep_them(spans) -> None:
    order = [_entity(start, length) for start, length in spans]
    expected: list[Entity] = []
    for entity in order:
        if not any(entity.start < e.end and e.start < entity.end for e in expected):
            expected.append(entity)
    assert first_apart(order) == expected


WORDY = st.lists(st.sampled_from(["a", "B", " ", "Σ", "ß", "'", "-", "+", ".", "x" * 70, " " * 70]))


@settings(max_examples=300)
@given(WORDY.map("".join), st.integers(0, 2000))
def test_the_last_words_read_from_a_window_are_the_last_words(text: str, end: int) -> None:
    end = min(end, len(text))
    word = re.compile(r"[\w'’+-]+")
    assert (
        last_words(text, end, 3, word=word, casefold=True)
        == word.findall(text[:end].casefold())[-3:]
    )
    assert last_words(text, end, 2, start=end // 3) == text[end // 3 : end].split()[-2:]


def test_a_paragraph_of_initials_is_one_sentence() -> None:
    assert sentence_spans("J. R. " * 5_000 + "Tolkien wrote it.") == [
        (0, "J. R. " * 5_000 + "Tolkien wrote it.")
    ]


def test_a_sentence_holding_a_word_longer_than_any_is_left_out() -> None:
    longest = "x" * MAX_WORD_CHARS
    text = f"Alpha {longest} was founded in 1900. Beta {longest}y was founded in 1901."
    assert [s.text for s in document_from_text(text, "t.md").sentences] == [
        f"Alpha {longest} was founded in 1900."
    ]


def test_a_speaker_line_is_read_at_the_end_of_the_sentence_only() -> None:
    found = speaker_line("As recalled by Guido van Rossum:")
    assert found is not None and found.group(1) == "Guido van Rossum"
    found = speaker_line("Lasse Collin writes:")
    assert found is not None and found.group(2) == "Lasse Collin"
    assert speaker_line("A" * 20_000 + ":") is None
    assert speaker_line("said by " + "A" * 20_000 + ":") is None
    assert speaker_line("Lasse Collin writes: hello") is None


def test_hostile_paragraphs_add_nothing_to_an_ordinary_texts_cards() -> None:
    hostile = "\n\n".join(
        [
            "The city of " + "A" * 20_000 + " was founded in 1900 by King Sejong.",
            "Seoul, " * 3_000 + "is big.",
            "[a](" * 3_000,
            "*a " * 3_000,
        ]
    )
    assert cards_of(FESTIVAL.rstrip("\n") + "\n\n" + hostile) == cards_of(FESTIVAL)


#: Markdown emphasis as one pattern, the way `re` reads it from every opening mark.
_EMPHASIS = re.compile(r"(\*\*|(?<!\w)__(?![a-z][a-z0-9_]*__(?!\w))|\*|`)(?=\S)(.+?)(?<=\S)\1")


@settings(max_examples=500)
@given(
    st.lists(st.sampled_from(["*", "**", "_", "__", "`", " ", "a", "B", "x_y", "é"])).map("".join)
)
def test_emphasis_comes_off_as_the_one_pattern_takes_it_off(line: str) -> None:
    assert _without_emphasis(line) == _EMPHASIS.sub(r"\2", line)


def test_openings_never_closed_stay_as_written() -> None:
    line = "*a " * 20_000 + "and `code`"
    assert _without_emphasis(line) == "*a " * 20_000 + "and code"
