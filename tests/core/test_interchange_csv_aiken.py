"""Plain CSV/TSV and Aiken imports (and their exports)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck, load_deck_text
from kdquiz.core.interchange import detect_format
from kdquiz.core.interchange.aiken import export_aiken, parse_aiken
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.core.interchange.csv_plain import export_csv, parse_csv
from kdquiz.core.interchange.delimited import read_records
from kdquiz.core.model import Cloze, Deck, Flashcard, MultipleChoice

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def loaded(mapping: dict) -> Deck:
    return load_deck_text(dump_deck(mapping), "imported.yaml")


def test_csv_with_a_header_row() -> None:
    path = FIXTURES / "plain.csv"
    deck = loaded(parse_csv(path.read_text(encoding="utf-8"), str(path)).deck)
    assert deck.id == "plain" and deck.title == "Plain"
    assert [(c.front, c.back, c.tags) for c in deck.cards] == [  # type: ignore[attr-defined]
        ("What does PD stand for?", "Producer-director", ("roles",)),
        ("Who writes the script, usually?", "The screenwriter (jakga)", ("roles", "writing")),
        ("OST", "Original soundtrack, often sung by idols", ("music",)),
    ]


def test_csv_without_a_header_and_with_semicolons() -> None:
    deck = loaded(
        parse_csv("PD;Producer-director\nOST;Original soundtrack;music\n", "words.csv").deck
    )
    assert [(c.front, c.back) for c in deck.cards] == [  # type: ignore[attr-defined]
        ("PD", "Producer-director"),
        ("OST", "Original soundtrack"),
    ]
    assert deck.cards[1].tags == ("music",)


def test_tsv_by_extension_and_anki_cloze_in_the_front() -> None:
    deck = loaded(parse_csv("{{c1::Seoul}} is the capital, of course\tgeo\n", "c.tsv").deck)
    (card,) = deck.cards
    assert isinstance(card, Cloze) and card.text == "{{Seoul}} is the capital, of course"


def test_csv_row_without_a_back_names_its_line() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_csv("front,back\nPD,Producer-director\n\nOST\n", "x.csv")
    assert info.value.problems[0].line == 4
    assert "back" in info.value.problems[0].message


def test_csv_round_trip_keeps_flashcards_and_cloze() -> None:
    original = load_deck(FIXTURES / "all_kinds.yaml")
    back = loaded(parse_csv(export_csv(original).text, "all_kinds.csv").deck)
    by_id = {c.id: c for c in back.cards}
    for card in original.cards:
        again = by_id[card.id]
        if isinstance(card, Flashcard):
            assert (again.front, again.back, again.tags) == (card.front, card.back, card.tags)  # type: ignore[attr-defined]
        elif isinstance(card, Cloze):
            assert isinstance(again, Cloze)
            assert (again.text, again.explain, again.tags) == (card.text, card.explain, card.tags)
        else:
            assert isinstance(again, Flashcard) and again.explain == card.explain


def test_aiken_fixture() -> None:
    path = FIXTURES / "quiz_aiken.txt"
    text = path.read_text(encoding="utf-8")
    assert detect_format(text, str(path)) == "aiken"
    deck = loaded(parse_aiken(text, str(path)).deck)
    first, second = deck.cards
    assert isinstance(first, MultipleChoice) and isinstance(second, MultipleChoice)
    assert [c.text for c in first.choices] == ["The script", "The casting", "The editing"]
    assert first.answer == 0
    assert second.prompt == "Which network first aired many of the classic\nK-dramas of the 1990s?"
    assert [c.text for c in second.choices] == ["MBC", "Netflix", "YouTube", "Disney+"]


def test_aiken_bad_questions_are_reported_and_the_rest_imported() -> None:
    path = FIXTURES / "bad_aiken.txt"
    result = parse_aiken(path.read_text(encoding="utf-8"), str(path))
    assert [c["prompt"] for c in result.deck["cards"]] == ["First question?"]
    assert len(result.notes) == 2
    assert result.notes[0].startswith("skipped line 9: ANSWER: 'C' is not one of the options A, B")
    assert result.notes[1].startswith("skipped line 11: this question has no ANSWER")


def test_aiken_file_with_only_bad_questions_is_refused_with_each_line() -> None:
    text = "Q?\nA. a\nB. b\nANSWER: Z\n\nR?\nA. a\nC. c\nANSWER: A\n"
    with pytest.raises(ImportFileError) as info:
        parse_aiken(text, "bad.txt")
    assert [p.line for p in info.value.problems] == [4, 8]
    assert "out of order" in info.value.problems[1].message


def test_aiken_options_in_small_letters_are_named_as_such() -> None:
    text = "Q?\nA. a\nB. b\nANSWER: A\n\nWhich city?\na. Seoul\nb) Busan\nANSWER: a\n"
    result = parse_aiken(text, "quiz.txt")
    assert [c["prompt"] for c in result.deck["cards"]] == ["Q?"]
    assert result.notes == (
        "skipped line 9: the options are written with small letters (a. ..., b. ...), which "
        "Aiken reads as more of the question: write them as capitals, A. ..., B. ...",
    )


def test_aiken_options_without_a_space_as_in_moodle_files() -> None:
    path = FIXTURES / "moodle_aiken.txt"
    text = path.read_text(encoding="utf-8")
    assert detect_format(text, str(path)) == "aiken"
    assert detect_format(text.replace("\n", "\r\n"), "quiz.txt") == "aiken"
    result = parse_aiken(text, str(path))
    deck = loaded(result.deck)
    first, second = deck.cards
    assert isinstance(first, MultipleChoice) and isinstance(second, MultipleChoice)
    assert [c.text for c in first.choices] == [
        "My Love from the Star",
        "Boys Over Flowers",
        "Goblin",
    ]
    assert [c.text for c in second.choices] == ["The jakga", "The PD"]
    assert result.notes == ("skipped line 9: option C is out of order: expected B.",)


def test_aiken_export_reimports_multiple_choice() -> None:
    original = load_deck(FIXTURES / "all_kinds.yaml")
    exported = export_aiken(original)
    back = loaded(parse_aiken(exported.text, "a.txt").deck)
    mcq = [c for c in original.cards if isinstance(c, MultipleChoice)]
    assert [(c.prompt, [x.text for x in c.choices]) for c in back.cards][: len(mcq)] == [
        (c.prompt, [x.text for x in c.choices]) for c in mcq
    ]
    assert exported.notes  # the kinds Aiken cannot hold are listed


_FORMULA_TEXT = st.text(
    alphabet=st.sampled_from(list("=+-@'\t\rab1 ,\"")), min_size=1, max_size=12
).filter(lambda t: t.strip() and t == t.strip() and "\r" not in t and "\t" not in t)


@settings(max_examples=60, deadline=None)
@given(front=_FORMULA_TEXT, back=_FORMULA_TEXT)
def test_csv_export_neutralises_formulas_and_reads_them_back(front: str, back: str) -> None:
    """A deck CSV opened in a spreadsheet runs no formula, and imports back as it was."""
    import csv
    import io

    deck = load_deck_text(
        dump_deck(
            {
                "format": 1,
                "id": "f",
                "title": "F",
                "cards": [{"id": "c", "type": "flashcard", "front": front, "back": back}],
            }
        ),
        "f.yaml",
    )
    text = export_csv(deck).text
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    (again,) = loaded(parse_csv(text, "f.csv").deck).cards
    assert (again.front, again.back) == (front, back)  # type: ignore[attr-defined]


def test_european_csv_with_decimal_commas_is_split_on_its_semicolons() -> None:
    # Excel in a German locale: semicolons between cells, commas inside numbers and prose. The
    # first row has more commas than semicolons, but only the semicolon splits every row evenly.
    path = FIXTURES / "european_semicolons.csv"
    deck = loaded(parse_csv(path.read_text(encoding="utf-8"), str(path)).deck)
    assert [(c.front, c.back) for c in deck.cards] == [  # type: ignore[attr-defined]
        ("Was ist 1,5 + 1,0?", "2,5"),
        ("Hauptstadt von Frankreich, bitte?", "Paris"),
        ("Wie viel ist 0,5 * 4?", "2"),
    ]
    assert all(not c.tags for c in deck.cards)


def test_a_comma_file_with_a_stray_semicolon_stays_a_comma_file() -> None:
    text = "Seoul,capital; largest city\nBusan,port\nDaegu,inland\n"
    deck = loaded(parse_csv(text, "cities.csv").deck)
    assert [(c.front, c.back) for c in deck.cards][0] == ("Seoul", "capital; largest city")  # type: ignore[attr-defined]


def test_excel_sep_hint_line_names_the_separator_and_is_not_a_card() -> None:
    path = FIXTURES / "excel_sep_hint.csv"
    deck = loaded(parse_csv(path.read_text(encoding="utf-8"), str(path)).deck)
    assert [(c.front, c.back) for c in deck.cards] == [("Ein Hund, bitte", "a dog, please")]  # type: ignore[attr-defined]


def test_excel_sep_hint_keeps_line_numbers_of_the_file() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_csv("sep=;\nfront;back\nPD;\n", "x.csv")
    assert info.value.problems[0].line == 3


@pytest.mark.parametrize(
    ("first_line", "named"),
    [("sep=\r", "no separator"), ('sep="', "the quote mark"), ("sep=\x00", "a control character")],
)
def test_a_sep_line_naming_what_cannot_split_cells_is_refused_on_line_1(
    first_line: str, named: str
) -> None:
    with pytest.raises(ImportFileError, match=f"names {named}") as info:
        parse_csv(f"{first_line}\nfront,back\nSeoul,capital\n", "x.csv")
    assert info.value.problems[0].line == 1


def test_a_sep_line_may_name_the_tab() -> None:
    deck = loaded(parse_csv("sep=\t\nfront\tback\nSeoul\tcapital, largest city\n", "x.csv").deck)
    assert [(c.front, c.back) for c in deck.cards] == [("Seoul", "capital, largest city")]  # type: ignore[attr-defined]


def test_columns_a_header_names_but_kdquiz_does_not_read_are_named() -> None:
    text = "Term,Definition,Example,Picture,Notes\n사과,apple,사과를 먹어요,,a fruit\n"
    result = parse_csv(text, "words.csv")
    (card,) = result.deck["cards"]
    assert (card["front"], card["back"], card["explain"]) == ("사과", "apple", "a fruit")
    # "Picture" is empty in every row: nothing of it is lost, so it is not named.
    assert result.notes == (
        "left out the column 'Example', which kdquiz does not read (it reads front, back, tags, "
        "id, explain, type): to keep one as the card's explanation, name it explain in the "
        "header row",
    )


def test_without_a_header_the_third_and_later_columns_are_said() -> None:
    result = parse_csv("사과,apple,I eat an apple,page 4\n배,pear\n", "words.csv")
    assert result.deck["cards"][0]["tags"] == ["I", "eat", "an", "apple"]
    assert [n[:40] for n in result.notes] == [
        "read the third column as tags (words spl",
        "left out 1 column after the third, as no",
    ]
    assert parse_csv("사과,apple\n배,pear\n", "two.csv").notes == ()


@pytest.mark.parametrize(
    "header",
    ["Frage;Antwort", "Vorderseite;Rückseite", "Recto;Verso", "앞면;뒷면", "Pregunta;Respuesta"],
)
def test_a_header_row_in_another_language_is_not_read_as_a_card(header: str) -> None:
    deck = parse_csv(f"{header}\nder Hund;the dog\n", "de.csv").deck
    assert [(c["front"], c["back"]) for c in deck["cards"]] == [("der Hund", "the dog")]


class _CountedText(str):
    """Text that adds up how far each search for a line break reads."""

    scanned = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        if sub == "\n":
            stop = len(self) if found < 0 else found
            _CountedText.scanned += stop - (start or 0)
        return found


def test_a_row_of_many_cells_is_read_once_not_once_a_cell() -> None:
    """Where each line ends is looked for once a line: a row of 20,000 cells (a hostile file may
    hold a million) is read in one pass rather than once for every cell."""
    row = "front,back" + ",x" * 20_000
    text = _CountedText(f'{row}\n{row}\n"quoted\nover lines",b,c\n')
    _CountedText.scanned = 0
    records = list(read_records(text, ",", "wide.csv"))
    assert [len(r.fields) for r in records] == [20_002, 20_002, 3]
    assert records[2].fields[0] == "quoted\nover lines" and records[2].line == 3
    assert _CountedText.scanned <= len(text)
