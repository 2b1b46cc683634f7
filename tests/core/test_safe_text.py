"""safe_text: nothing but visible text comes out, and plain text comes out unchanged."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.safe_text import (
    data_output,
    safe_text,
    shell_word,
    shows_as_is,
    without_unsafe,
)

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
KEPT_FORMAT = {"\u00ad", "\u200c", "\u200d"}  # soft hyphen, zero-width non-joiner and joiner


def unsafe(char: str, *, multiline: bool = False) -> bool:
    """The property itself, from the Unicode database rather than from the helper's table."""
    if multiline and char in "\n\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI:
        return True
    return (
        category == "Cf"
        and char not in KEPT_FORMAT
        and not 0x600 <= ord(char) <= 0x8FF
        and ord(char) not in (0x110BD, 0x110CD)
    )


def plain_text() -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")))


@settings(max_examples=300)
@given(st.text())
def test_no_control_bidi_or_invisible_character_comes_out(text: str) -> None:
    shown = safe_text(text)
    assert not [c for c in shown if unsafe(c)]
    lines = safe_text(text, multiline=True)
    assert not [c for c in lines if unsafe(c, multiline=True)]
    assert "\r" not in lines


@settings(max_examples=300)
@given(st.text())
def test_without_unsafe_leaves_only_what_shows_as_is(text: str) -> None:
    left = without_unsafe(text)
    assert shows_as_is(left)
    assert [c for c in left if not c.isspace()] == [
        c for c in text if not c.isspace() and shows_as_is(c)
    ]


@settings(max_examples=200)
@given(plain_text())
def test_plain_text_is_unchanged(text: str) -> None:
    assert safe_text(text) == text
    assert safe_text(text, multiline=True) == text
    assert without_unsafe(text) == text


def test_every_unsafe_character_in_unicode_is_escaped() -> None:
    for code in range(0x110000):
        char = chr(code)
        if unsafe(char):
            assert safe_text(char) != char, f"U+{code:04X} {unicodedata.name(char, '')}"


def test_escapes_are_visible_and_say_which_character() -> None:
    assert safe_text("Kim\x1b]52;c;aGVsbG8=\x07") == "Kim\\x1b]52;c;aGVsbG8=\\x07"
    assert safe_text("evil\x1b]0;pwned\x1b\\") == "evil\\x1b]0;pwned\\x1b\\"
    assert safe_text("name.yaml\nfake: line") == "name.yaml\\nfake: line"
    assert safe_text("abc\u202etxt.yaml") == "abc\\u202etxt.yaml"
    assert safe_text("\x9b31m") == "\\x9b31m"
    assert safe_text("tag\U000e0041") == "tag\\U000e0041"
    assert safe_text("bad-\udcff.yaml") == "bad-\\xff.yaml"  # an undecodable byte of a file name


def test_multiline_keeps_lines_and_tabs_but_not_carriage_returns() -> None:
    assert safe_text("one\r\ntwo\n\tthree", multiline=True) == "one\ntwo\n\tthree"
    assert safe_text("over\rwrite", multiline=True) == "over\\rwrite"
    assert safe_text("a\tb") == "a\\tb"


def test_markup_is_left_as_text() -> None:
    # Markup is the renderer's business (plain-text widgets); the helper must not mangle it.
    text = "[link=https://x]x[/link] [@click=app.quit]x[/] [bold]"
    assert safe_text(text) == text


def test_non_strings_are_shown_by_their_str() -> None:
    from pathlib import Path

    assert safe_text(Path("decks") / "a\nb.yaml") == "decks/a\\nb.yaml"


@settings(max_examples=100)
@given(st.text())
def test_shell_word_reads_back_exactly_and_stays_on_one_line(word: str) -> None:
    quoted = shell_word(word)
    assert "\n" not in quoted and not [c for c in quoted if unsafe(c)]
    if "\x00" in word or any(0xD800 <= ord(c) < 0xDC80 or 0xDD00 <= ord(c) <= 0xDFFF for c in word):
        return  # no argument holds NUL, and only surrogates from undecodable bytes stand for bytes
    out = subprocess.run(
        ["bash", "-c", f"printf %s {quoted}"],
        capture_output=True,
        check=True,
        env={"LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "")},
    )
    assert out.stdout == word.encode("utf-8", "surrogateescape")


def test_shell_word_quotes_ordinary_words_the_usual_way() -> None:
    assert shell_word("card-1") == "card-1"
    assert shell_word("it's mine") == "'it'\"'\"'s mine'"
    assert shell_word("a\nb") == "$'a\\nb'"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_data_goes_to_a_file_or_pipe_as_it_is() -> None:
    pipe = io.StringIO()
    with data_output(pipe) as out:
        assert out is pipe
        out.write('{"player": "\x1b]52;c;eA==\x07"}\n')
    assert pipe.getvalue() == '{"player": "\x1b]52;c;eA==\x07"}\n'


def test_data_on_a_terminal_is_escaped() -> None:
    tty = Tty()
    with data_output(tty) as out:
        out.write('{"player": "\x1b]52;c;eA==\x07\u202e"}\r\n')
        out.write("next\n")
    assert tty.getvalue() == '{"player": "\\x1b]52;c;eA==\\x07\\u202e"}\nnext\n'


def test_a_table_on_a_terminal_keeps_each_record_on_one_line() -> None:
    import csv

    tty = Tty()
    with data_output(tty, table=True) as out:
        csv.writer(out).writerows([["player", "score"], ["Kim\nforged,line\x1b[2J", "10"]])
    assert tty.getvalue() == 'player,score\n"Kim\\nforged,line\\x1b[2J",10\n'


def test_importing_the_helper_stays_cheap() -> None:
    code = "import sys, kdquiz.core.safe_text; print('typing' in sys.modules, 'textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@given(st.text(max_size=40))
def test_text_shows_as_is_exactly_when_safe_text_leaves_it_alone(text: str) -> None:
    from kdquiz.core.safe_text import shows_as_is

    assert shows_as_is(text) == (safe_text(text) == text)
