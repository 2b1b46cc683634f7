"""A note type's card templates say which fields Anki asks: shared decks often ask the second."""

from __future__ import annotations

import pytest

from kdquiz.core.interchange.anki_templates import layout

ANSWER = "{{FrontSide}}<hr id=answer>"


@pytest.mark.parametrize(
    ("fields", "templates", "reversed_"),
    [  # Anki's stock note types: read as they are
        (["Front", "Back"], [("Card 1", "{{Front}}", ANSWER + "{{Back}}")], False),
        (
            ["Front", "Back"],
            [("Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}<hr id=answer>{{type:Back}}")],
            False,
        ),
        (
            ["Front", "Back"],
            [
                ("Card 1", "{{Front}}", ANSWER + "{{Back}}"),
                ("Card 2", "{{Back}}", ANSWER + "{{Front}}"),
            ],
            True,
        ),
        (
            ["Front", "Back", "Add Reverse"],
            [
                ("Card 1", "{{Front}}", ANSWER + "{{Back}}"),
                ("Card 2", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", ANSWER + "{{Front}}"),
            ],
            False,  # only on a condition: the note's own field says (see the importer)
        ),
    ],
)
def test_stock_note_types_keep_their_field_order(
    fields: list[str], templates: list[tuple[str, str, str]], reversed_: bool
) -> None:
    assert layout(fields, templates) == (None, reversed_)


def test_a_note_type_asking_its_second_field_is_read_in_the_order_anki_asks() -> None:
    fields = ["Korean", "English", "Audio", "Notes"]
    templates = [
        ("Recognition", "{{English}}{{hint:Notes}}", ANSWER + "{{Korean}}<br>{{Audio}}"),
        ("Production", "{{Korean}}{{Audio}}", ANSWER + "{{English}}"),
    ]
    found, reversed_ = layout(fields, templates)
    assert found is not None and reversed_
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
        False,
    )
    assert layout(["Front"], []) == (None, False)


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
    assert layout(["Text", "Back Extra"], stock) == (None, False)
