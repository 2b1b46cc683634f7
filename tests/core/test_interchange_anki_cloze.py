"""Anki's cloze deletions as real notes hold them: hints, several card numbers, deletions inside
deletions, one never closed, Image Occlusion notes; and HTML tables and lists as text."""

from __future__ import annotations

import pytest

from kdquiz.core.deck_writer import dump_deck
from kdquiz.core.decks import load_deck_text
from kdquiz.core.interchange.anki_cloze import read_anki_cloze
from kdquiz.core.interchange.anki_text import parse_anki_text
from kdquiz.core.interchange.common import ImportFileError
from kdquiz.core.interchange.csv_plain import parse_csv
from kdquiz.core.model import Cloze
from kdquiz.core.syntax.html import html_to_text

HEAD = "#separator:tab\n#html:true\n#notetype column:1\n"


def test_hints_and_card_numbers_of_each_deletion() -> None:
    read = read_anki_cloze("{{c1::Kimchi::food}} is {{c2::fermented}} and {{c1::spicy}}")
    assert read.text == "{{Kimchi::food}} is {{fermented}} and {{spicy}}"
    assert read.numbers == (1, 2, 1) and read.folded == 0


@pytest.mark.parametrize(
    ("anki", "kdquiz", "folded"),
    [
        ("the {{c1::Han {{c2::river}} bank}} floods", "the {{Han river bank}} floods", 1),
        ("{{c1::a {{c2::b::hint}} {{c3::c {{c4::d}}}}}}", "{{a b c d}}", 3),
        ("{{c2::x}} then {{c1::y {{c1::z}}}}", "{{x}} then {{y z}}", 1),
    ],
)
def test_a_deletion_inside_another_is_folded_into_its_gap(
    anki: str, kdquiz: str, folded: int
) -> None:
    read = read_anki_cloze(anki)
    assert (read.text, read.folded, len(read.numbers)) == (kdquiz, folded, kdquiz.count("{{"))


def test_a_deletion_never_closed_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"\{\{c3::Seoul is big\.\.\. is never closed"):
        read_anki_cloze("{{c1::ok}} and {{c3::Seoul is big")


def test_a_nested_cloze_note_makes_a_valid_deck_and_is_said() -> None:
    text = HEAD + "Cloze\tNested {{c1::outer {{c2::inner}} text}} here\textra\n"
    result = parse_anki_text(text, "n.txt")
    deck = load_deck_text(dump_deck(result.deck), "n.yaml")
    (card,) = deck.cards
    assert isinstance(card, Cloze) and card.text == "Nested {{outer inner text}} here"
    assert result.notes == (
        "line 4: 1 cloze deletion inside another folded into the gap around it (a kdquiz gap "
        "holds plain text, so only the outer deletion is asked)",
    )


def test_an_unclosed_deletion_skips_only_its_note() -> None:
    text = HEAD + "Cloze\t{{c1::Seoul is big\t\nCloze\t{{c1::Busan}} is a port\t\n"
    result = parse_anki_text(text, "u.txt")
    assert [c["text"] for c in result.deck["cards"]] == ["{{Busan}} is a port"]
    assert result.notes[0].startswith("skipped line 4: the cloze deletion {{c1::Seoul is big")


def test_a_csv_row_with_an_unclosed_deletion_names_its_line() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_csv("front,back\n{{c1::Seoul is big,x\n", "c.csv")
    assert info.value.problems[0].line == 2
    assert "never closed" in info.value.problems[0].message


@pytest.mark.parametrize("notetype", ["Image Occlusion", "Anatomy (IO)"])
def test_image_occlusion_notes_are_left_out_with_the_reason(notetype: str) -> None:
    occlusion = "{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}"
    text = HEAD + f'{notetype}\t{occlusion}\t<img src="map.png">\tLabel the map\t\n'
    text += "Basic\tcat\t고양이\n"
    result = parse_anki_text(text, "io.txt")
    assert [c.get("front") for c in result.deck["cards"]] == ["cat"]
    (note,) = result.notes
    assert note.startswith("skipped line 4: it is an Image Occlusion note")


def test_table_cells_and_list_items_stay_apart() -> None:
    table = (
        "<table><tr><th>Word</th><th>Meaning</th></tr><tr><td>사과</td><td>apple</td></tr></table>"
    )
    assert html_to_text(table) == "Word | Meaning\n사과 | apple"
    lists = '<ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li><li>four</li></ol>'
    assert html_to_text(lists) == "• one\n• two\n3. three\n4. four"
    assert html_to_text("<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>") == "1. a\n• b\n2. c"


def test_ruby_readings_follow_their_word_in_brackets() -> None:
    ruby = "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を書く"
    assert html_to_text(ruby) == "漢字(かんじ)を書く"
    assert html_to_text("<ruby>韓<rt>한</rt>國<rt>국</rt></ruby>") == "韓(한)國(국)"


def test_cards_from_several_decks_are_tagged_with_their_deck() -> None:
    text = (
        "#separator:tab\n#html:false\n#deck column:1\n"
        "Korean\tcat\t고양이\nKorean::Food\tapple\t사과\nKorean::Food\trice\t밥\n"
    )
    deck = parse_anki_text(text, "d.txt").deck
    assert deck["title"] == "Korean"
    assert [c.get("tags") for c in deck["cards"]] == [
        ["Korean"],
        ["Korean::Food"],
        ["Korean::Food"],
    ]
    units = (
        "#separator:tab\n#html:false\n#deck column:1\n"
        "Korean Vocab::Unit 1\tcat\t고양이\nKorean Vocab::Unit 2\tdog\t개\n"
    )
    both = parse_anki_text(units, "u.txt").deck
    assert (both["title"], both["id"]) == ("Korean Vocab", "korean-vocab")  # the parent deck
    one = parse_anki_text("#separator:tab\n#html:false\n#deck:Korean\ncat\t고양이\n", "o.txt")
    assert "tags" not in one.deck["cards"][0]  # one deck: its name is the title, not a tag


@pytest.mark.parametrize("notetype", ["Lückentext", "Texte à trous", "穴埋め"])
def test_a_cloze_note_type_named_in_another_language_is_a_cloze(notetype: str) -> None:
    # Anki names its stock note types in the learner's language; the text export says that name.
    text = HEAD + f"{notetype}\t{{{{c1::Seoul}}}} ist die Hauptstadt\tExtra\n"
    (card,) = parse_anki_text(text, "de.txt").deck["cards"]
    assert card["type"] == "cloze" and card["text"] == "{{Seoul}} ist die Hauptstadt"
    assert card["explain"] == "Extra"


def test_an_english_basic_note_showing_cloze_syntax_stays_a_flashcard() -> None:
    text = HEAD + "Basic\tHow does Anki write {{c1::x}}?\tAs a cloze deletion\n"
    (card,) = parse_anki_text(text, "b.txt").deck["cards"]
    assert card["type"] == "flashcard" and card["front"] == "How does Anki write {{c1::x}}?"


def test_an_answer_to_type_that_is_only_a_picture_or_a_sound_is_named() -> None:
    # As a package shows its media: the learner could never type "[image: flag.png]".
    from kdquiz.core.interchange.anki_text import _note_to_card

    with pytest.raises(ValueError, match="a cloze deletion is only an image or a sound"):
        _note_to_card(["The flag: {{c1:: [image: flag.png] }}", ""], "Cloze", 0, "p.apkg")
    with pytest.raises(ValueError, match="the answer to type is only an image or a sound"):
        _note_to_card(["Say hello", "[audio: hi.mp3]"], "Basic (type in the answer)", 0, "p")
    card = _note_to_card(["{{c1::Seoul}} [image: map.png]", ""], "Cloze", 0, "p.apkg")
    assert card["text"] == "{{Seoul}} [image: map.png]"  # a picture beside the gap is fine
    text = HEAD + 'Cloze\tThe flag: {{c1::<img src="flag.png">}}\t\nCloze\t{{c1::Seoul}}\t\n'
    result = parse_anki_text(text, "flags.txt")  # a text export has no picture at all
    assert result.notes[0].startswith("skipped line 4: a cloze deletion is empty (or hid only")


def test_a_deletion_numbered_with_thousands_of_digits_is_named_on_its_line() -> None:
    """A card number no note holds is a problem on its line in words a teacher can act on, not
    Python's message about its integer limit."""
    huge = "{{c" + "1" * 5000 + "::Seoul}} is the capital"
    with pytest.raises(ValueError, match="card number of 5000 digits: number the deletions c1"):
        read_anki_cloze(huge)
    with pytest.raises(ImportFileError) as info:
        parse_csv(f"front,back\n{{{{c1::Busan}}}} is a port,y\n{huge},x\n", "c.csv")
    (problem,) = info.value.problems
    assert problem.line == 3 and "5000 digits" in problem.message
    assert "int_max_str_digits" not in problem.message
    assert read_anki_cloze("{{c123456789::Seoul}}").numbers == (123456789,)


@pytest.mark.parametrize(
    "text",
    [
        "In Vue, {{c1::interpolation}} is written {{ msg }}.",  # would become a second gap
        "An {{c1::OST}} ends with }} here",  # would make a deck the loader refuses
        "{{ a }} then {{c1::b}}",
    ],
)
def test_braces_written_as_text_beside_deletions_skip_the_note_with_the_reason(
    text: str,
) -> None:
    notes = f"{HEAD}Cloze\t{text}\t\nBasic\tPD\tproducer-director\n"
    result = parse_anki_text(notes, "n.txt")
    deck = load_deck_text(dump_deck(result.deck), "d.yaml")
    assert [c.kind for c in deck.cards] == ["flashcard"]
    assert result.notes == (
        "skipped line 4: the text holds {{ or }} outside its gaps (as a template's {{ name }} "
        "does), which a kdquiz cloze reads as a gap of its own: take those braces out in Anki, "
        "or change the note type to Basic",
    )


def test_a_csv_cloze_row_with_braces_outside_its_gaps_is_named_by_line() -> None:
    text = "id,type,front,back\nc1,cloze,The {{Han}} river }} x,\nc2,cloze,The {{Han}} river,\n"
    with pytest.raises(ImportFileError) as caught:
        parse_csv(text, "kinds.csv")
    assert [(p.line, p.message.split(":")[0]) for p in caught.value.problems] == [
        (
            2,
            "this cloze row holds {{ or }} outside its gaps (as a template's {{ name }} does), "
            "which a kdquiz cloze reads as a gap of its own",
        )
    ]
