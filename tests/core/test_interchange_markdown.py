"""The printable quiz sheet: numbering, lettered choices, an answer key that matches, A/B versions."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.interchange.markdown_sheet import PAGE_BREAK, escape, quiz_sheet
from kdquiz.core.model import Choice, Deck, Kind, MultipleChoice

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def deck() -> Deck:
    return load_deck(FIXTURES / "all_kinds.yaml")


def split(text: str) -> tuple[str, str]:
    questions, _, key = text.partition("## Answer key")
    return questions, key


def numbered(block: str) -> list[str]:
    return re.findall(r"^(\d+)\. ", block, re.MULTILINE)


def test_numbered_questions_lettered_choices_and_a_key_at_the_end() -> None:
    text = quiz_sheet(deck()).text
    questions, key = split(text)
    n = len(deck().cards)
    assert numbered(questions) == [str(i) for i in range(1, n + 1)]
    assert numbered(key) == [str(i) for i in range(1, n + 1)]
    assert "5. What comes first in making a K-drama? (hint: think #1)" in questions
    # Choices alphabetical: the deck lists the right one first, the sheet must not.
    assert "    - A. The casting\n    - B. The editing = last\n    - C. The script" in questions
    assert "5. C. The script" in key
    assert "*(choose all that apply)*" in questions
    assert "6. A. Camera operator, B. Director" in key
    assert "(a) __________ (abbreviation)" in questions and "(b) __________." in questions
    assert "3. (a) OST, (b) original soundtrack" in key
    assert "9. 16 (± 2)" in key


def test_order_items_never_give_the_answer_away_unshuffled() -> None:
    questions, key = split(quiz_sheet(deck()).text)
    assert "- A. Casting\n    - B. Editing\n    - C. Script\n    - D. Shooting" in questions
    assert "11. C, A, D, B (Script → Casting → Shooting → Editing)" in key


def answer_letter_matches(text: str, original: Deck) -> None:
    """For every mcq, the key's letter points at the right choice as printed in that version."""
    questions, key = split(text)
    key_lines = dict(re.findall(r"^(\d+)\. (.*)$", key, re.MULTILINE))
    blocks = re.split(r"^(?=\d+\. )", questions, flags=re.MULTILINE)
    for card in original.cards:
        if not isinstance(card, MultipleChoice):
            continue
        block = next(b for b in blocks if escape(card.prompt) in b)
        number = block.split(".", 1)[0]
        letter = key_lines[number].split(".", 1)[0]
        printed = re.search(rf"- {letter}\. (.*)", block)
        assert printed is not None
        assert printed.group(1) == escape(card.choices[card.answer].text)


def test_seeds_make_different_versions_with_consistent_keys() -> None:
    original = deck()
    a = quiz_sheet(original, rng=random.Random(1), version="A").text
    a_again = quiz_sheet(original, rng=random.Random(1), version="A").text
    b = quiz_sheet(original, rng=random.Random(2), version="B").text
    assert a == a_again
    assert a != b
    assert "**Version A**" in a and "## Answer key (version B)" in b
    for text in (a, b):
        answer_letter_matches(text, original)
        assert numbered(split(text)[0]) == [str(i) for i in range(1, len(original.cards) + 1)]


def test_deck_text_is_literal_markdown() -> None:
    assert escape("*bold* [link](x) <b> _u_") == r"\*bold\* \[link\](x) \<b\> \_u\_"
    assert escape("# not a heading\n- not a bullet") == "\\# not a heading\n\\- not a bullet"


def test_numbers_are_not_escaped_unless_they_would_start_a_list() -> None:
    assert escape("7.0") == "7.0"
    assert escape("7.0 episodes\n1999") == "7.0 episodes\n1999"
    assert escape("7. Seven\n3) three") == "7\\. Seven\n3\\) three"


def test_numeric_answers_in_the_key_have_no_stray_backslash() -> None:
    sheet = load_deck_text(
        "format: 1\nid: n\ntitle: N\ncards:\n"
        "  - {id: a, type: numeric, prompt: Rating?, answer: 7.5}\n"
        "  - {id: b, type: typed, prompt: Which list?, answer: 2. Second}\n",
        "n.yaml",
    )
    _, key = split(quiz_sheet(sheet).text)
    assert "1. 7.5" in key
    assert "2. 2\\. Second" in key
    assert "\\7" not in key


def test_the_key_starts_on_a_new_page_in_html_and_latex() -> None:
    text = quiz_sheet(deck()).text
    before_key = text.partition("## Answer key")[0]
    assert before_key.rstrip().endswith(PAGE_BREAK)
    assert "page-break-before: always" in PAGE_BREAK and "\\newpage" in PAGE_BREAK


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _one_card_sheet(tmp_path: Path) -> Path:
    one = load_deck_text(
        "format: 1\nid: n\ntitle: N\ncards:\n  - {id: a, type: typed, prompt: Hi?, answer: Yo}\n",
        "n.yaml",
    )
    source = tmp_path / "sheet.md"
    source.write_text(quiz_sheet(one).text, encoding="utf-8")
    return source


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_html_and_latex_break_the_page_before_the_key(tmp_path: Path) -> None:
    def render(to: str) -> str:
        return subprocess.run(
            ["pandoc", str(_one_card_sheet(tmp_path)), "-t", to],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout

    html, latex = render("html"), render("latex")
    assert "page-break-before: always" in html.partition("Answer key")[0]
    assert "newpage" not in html  # the LaTeX break is not shown as text
    assert "\\newpage" in latex.partition("Answer key")[0]
    assert "page-break" not in latex  # nor the HTML one in the PDF


@pytest.mark.skipif(
    shutil.which("pandoc") is None or shutil.which("pdflatex") is None,
    reason="pandoc with a LaTeX engine is not installed",
)
def test_pandoc_pdf_puts_the_key_on_its_own_page(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    subprocess.run(
        ["pandoc", str(_one_card_sheet(tmp_path)), "-o", str(pdf)], check=True, timeout=120
    )
    assert _pdf_pages(pdf.read_bytes()) == 2  # questions, then the key on a page of its own


@pytest.mark.parametrize(
    ("choices", "printed"),
    [
        (["10", "100", "16", "5"], ["5", "10", "16", "100"]),  # numbers by value
        (["Seoul", "Busan", "None of the above"], ["Busan", "Seoul", "None of the above"]),
        (["Seoul", "All of these", "Busan"], ["Busan", "Seoul", "All of these"]),
        (["Seoul", "Busan", "Incheon", "A and C"], ["Seoul", "Busan", "Incheon", "A and C"]),
    ],
)
def test_unshuffled_choices_are_sorted_as_a_printed_test_reads(
    choices: list[str], printed: list[str]
) -> None:
    card = MultipleChoice(
        id="q", kind=Kind.MCQ, prompt="Which?", choices=tuple(map(Choice, choices)), answer=0
    )
    questions, _ = split(quiz_sheet(Deck(id="d", title="D", cards=(card,))).text)
    assert re.findall(r"- [A-Z]\. (.*)", questions) == printed
