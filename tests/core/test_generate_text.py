"""Reading documents for `kdquiz generate`: paragraphs, sentences, titles, and refused inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kdquiz.core.generate import (
    MAX_DOCUMENT_BYTES,
    GenerateError,
    document_from_bytes,
    read_document,
)
from kdquiz.core.generate.text import document_from_text, split_sentences
from kdquiz.errors import KdquizError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "generate"


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = (
        "Writers like Kim (The Glory, Mr. Sunshine) have freedom. Budgets grew, e.g. for "
        "sets. J. R. Smith agreed! Did it work? Yes."
    )
    assert split_sentences(text) == [
        "Writers like Kim (The Glory, Mr. Sunshine) have freedom.",
        "Budgets grew, e.g. for sets.",
        "J. R. Smith agreed!",
        "Did it work?",
        "Yes.",
    ]


def test_paragraphs_count_non_empty_lines_even_when_markdown_is_wrapped() -> None:
    doc = read_document(FIXTURES / "wrapped.md")
    assert doc.title == "Notes on a wrapped paragraph"
    assert doc.id == "wrapped"
    by_start = {s.text.split()[0]: s.paragraph for s in doc.sentences}
    # Non-empty lines: 1 heading, 2-4 the wrapped paragraph, 5 "Mr. Ortiz ...".
    assert by_start == {"The": 2, "About": 3, "Mr.": 5}
    assert doc.sentences[0].text.endswith("who worked on it for 11 years.")


def test_plain_text_lines_are_paragraphs_and_short_open_lines_are_headings() -> None:
    text = "My Article\nFirst fact here is true.\nA heading\nSecond fact is here too.\n"
    doc = document_from_bytes(text.encode(), "my_article.txt")
    assert doc.title == "My Article"
    assert [(s.paragraph, s.heading) for s in doc.sentences] == [
        (2, "My Article"),
        (4, "A heading"),
    ]


def test_title_falls_back_to_the_file_name_when_the_first_line_is_long() -> None:
    text = ("word " * 60).strip() + ".\n"
    doc = document_from_bytes(text.encode(), "netflix-secrets.txt")
    assert doc.title == "Netflix secrets"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\n  \n\t\n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "office document (.docx"),
        (b"\x00\x01\x02 some binary", "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document, not text"),
        (b"{\\rtf1\\ansi The harbour of Busan was opened in 1876.\\par }", "Rich Text (RTF)"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b"a" * (MAX_DOCUMENT_BYTES + 1), "limit"),
    ],
)
def test_unusable_input_raises_a_clear_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(GenerateError) as caught:
        document_from_bytes(data, "lesson.txt")
    assert isinstance(caught.value, KdquizError)
    assert caught.value.message.startswith("lesson.txt")
    assert message in caught.value.message


def test_enormous_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 10)
    with pytest.raises(GenerateError, match="huge.txt.*limit"):
        read_document(path)


def test_non_utf8_error_gives_the_line() -> None:
    with pytest.raises(GenerateError, match=r"notes.txt:3:"):
        document_from_bytes(b"one\ntwo\nthr\xffee\n", "notes.txt")


def test_a_lone_dunder_name_is_code_not_bold_type() -> None:
    doc = document_from_text(
        "# Caching\n\nPython caches bytecode in the __pycache__ directory, and __this__ is "
        "__bold text__ here.\n",
        "c.md",
    )
    assert doc.sentences[0].text == (
        "Python caches bytecode in the __pycache__ directory, and __this__ is bold text here."
    )


def test_an_open_line_telling_what_happened_when_is_a_fact_not_a_heading() -> None:
    text = (
        "# Zorblax releases\n\n"
        "1.1 Quartz released June 1996 (474 packages, fully ELF)\n\n"
        "1.2 Onyx released December 1996 (848 packages, 120 developers)\n\n"
        "Release 1.3 of the suite\n\n"
        "It was the last release of the year.\n"
    )
    doc = document_from_text(text, "z.md")
    assert [s.text for s in doc.sentences][:2] == [
        "1.1 Quartz released June 1996 (474 packages, fully ELF)",
        "1.2 Onyx released December 1996 (848 packages, 120 developers)",
    ]
    assert doc.headings == ("Zorblax releases", "Release 1.3 of the suite")


def test_sentences_split_before_letters_of_any_script() -> None:
    assert split_sentences("드라마는 16부작으로 제작된다. 작가는 대본을 쓴다.") == [
        "드라마는 16부작으로 제작된다.",
        "작가는 대본을 쓴다.",
    ]
    assert split_sentences("It was shot in Seoul. Éric Rohmer liked it.") == [
        "It was shot in Seoul.",
        "Éric Rohmer liked it.",
    ]
