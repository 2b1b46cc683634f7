"""A note type's card templates say which fields Anki asks: shared decks often ask the second."""

from __future__ import annotations

import pytest

from kdquiz.core.interchange.anki_templates import layout

ANSWER = "{{FrontSide}}<hr id=answer>"


@pytest.mark.parametrize(
    ("fields", "templates", "reverse"),
    [  # Anki's stock note types: read as they are
        (["Front", "Back"], [("Card 1", "{{Front}}", ANSWER + "{{Back}}")], ""),
        (
            ["Front", "Back"],
            [("Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}")],
            "",
        ),
        (
            ["Front", "Back"],
            [
                ("Card 1", "{{Front}}", ANSWER + "{{Back}}"),
                ("Card 2", "{{Back}}", ANSWER + "{{Front}}"),
            ],
            "reversed",
        ),
        (
            ["Front", "Back", "Add Reverse"],
            [
                ("Card 1", "{{Front}}", ANSWER + "{{Back}}"),
                ("Card 2", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", ANSWER + "{{Front}}"),
            ],
            "optional",  # only when the note fills its third field
        ),
    ],
)
def test_stock_note_types_keep_their_field_order(
    fields: list[str], templates: list[tuple[str, str, str]], reverse: str
) -> None:
    assert layout(fields, templates) == (None, reverse)


def test_a_note_type_asking_its_second_field_is_read_in_the_order_anki_asks() -> None:
    fields = ["Korean", "English", "Audio", "Notes"]
    templates = [
        ("Recognition", "{{English}}{{hint:Notes}}", ANSWER + "{{Korean}}<br>{{Audio}}"),
        ("Production", "{{Korean}}{{Audio}}", ANSWER + "{{English}}"),
    ]
    found, reverse = layout(fields, templates)
    assert found is not None and reverse == "reversed"
    assert found.fields(["김치", "kimchi", "[sound:k.mp3]", "food"]) == [
        "kimchi",
        "김치",
        "[sound:k.mp3]",
        "food",
    ]


def test_every_field_on_the_question_makes_the_front() -> None:
    fields = ["Word", "Picture", "Meaning"]
    found, _ = layout(fields, [("Card 1", "{{Word}}<br>{{Picture}}", ANSWER + "{{Meaning}}")])
    assert found is not None
    assert found.fields(["사과", '<img src="apple.png">', "apple"]) == [
        '사과<br><img src="apple.png">',
        "apple",
    ]
    assert found.fields(["사과", "", "apple"]) == ["사과", "apple"]  # an empty one adds nothing


def test_templates_naming_no_field_leave_the_order_alone() -> None:
    assert layout(["Front", "Back"], [("Card 1", "{{Tags}} {{Deck}}", "{{FrontSide}}")]) == (
        None,
        "",
    )
    assert layout(["Front"], []) == (None, "")


def test_a_cloze_note_type_with_its_text_elsewhere_is_read_from_its_cloze_field() -> None:
    found, _ = layout(
        ["Source", "Text", "Back Extra"],
        [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}<br>{{Source}}")],
    )
    assert found is not None
    assert found.fields(["Wikipedia", "{{c1::Seoul}} is big", "extra"]) == [
        "{{c1::Seoul}} is big",
        "extra",
        "Wikipedia",
    ]
    stock = [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}")]
    assert layout(["Text", "Back Extra"], stock) == (None, "")


def test_an_optional_reverse_in_another_language_puts_its_switch_third() -> None:
    # Anki's "Basic (optional reversed card)" in German, with a field of the teacher's own first.
    fields = ["Quelle", "Vorderseite", "Rückseite", "Umgekehrte Karte hinzufügen"]
    templates = [
        ("Karte 1", "{{Vorderseite}}", ANSWER + "{{Rückseite}}<br>{{Quelle}}"),
        (
            "Karte 2",
            "{{#Umgekehrte Karte hinzufügen}}{{Rückseite}}{{/Umgekehrte Karte hinzufügen}}",
            ANSWER + "{{Vorderseite}}",
        ),
    ]
    found, reverse = layout(fields, templates)
    assert reverse == "optional" and found is not None
    assert found.fields(["Buch", "Hund", "dog", "y"]) == ["Hund", "dog", "y", "Buch"]
