"""`kdquiz generate` on rules told to the reader and on catalogues: an imperative about a
specific thing ("Use the X helper to ...", "We prefer X over Y", "Do not use X in ...") is asked
in the generator's words; a list of lower-case "term: definition" lines is asked from the
definition to the term. Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

from generate_support import cards_of, shown

from kdquiz.core.model import Kind

_GUIDE = (
    "# Kettle Style\n\n"
    "## Writing\n\n"
    "- We prefer `<<fold>>` over `<<wrap>>` in recipes you publish, please.\n\n"
    "- Do not write `stir ()`, write `stir()`.\n\n"
    "- Use the `BREW_LIMIT` constant to cap the steeping time of every pot.\n\n"
    "- When pouring from a flask, please preferably use `pour_slow()` as defined by the "
    "kettle library.\n\n"
    '- Do not use "Brewed-By:" in your tasting notes.\n\n'
    "- Use an enum for it, if possible.\n\n"
    "- Hence, please use this:\n"
)


def test_a_preference_between_two_specific_things_is_asked_true_or_false() -> None:
    cards = [c for c in cards_of(_GUIDE, [Kind.TRUEFALSE]) if "<<fold>>" in c["statement"]]
    assert len(cards) == 1
    card = cards[0]
    said = "to use <<fold>> rather than <<wrap>> in recipes you publish."
    swapped = "to use <<wrap>> rather than <<fold>> in recipes you publish."
    assert card["statement"] == f"The text says {said if card['answer'] else swapped}"
    assert "We prefer <<fold>> over <<wrap>>" in card["explain"]


def test_do_not_write_x_write_y_is_asked_true_or_false() -> None:
    statements = {c["statement"]: c["answer"] for c in cards_of(_GUIDE, [Kind.TRUEFALSE])}
    wanted = {
        "The text says to write stir() rather than stir ().": True,
        "The text says to write stir () rather than stir().": False,
    }
    assert len(set(statements.items()) & set(wanted.items())) == 1


def test_the_thing_to_use_is_the_blank_with_its_purpose_and_condition() -> None:
    texts = [shown(c) for c in cards_of(_GUIDE, [Kind.CLOZE])]
    assert (
        "The text says to use the {{BREW_LIMIT}} constant to cap the steeping time of every pot."
        in texts
    )
    assert (
        "When pouring from a flask, the text says to use {{pour_slow()}} as defined by the "
        "kettle library." in texts
    )


def test_a_prohibition_of_a_quoted_thing_is_asked_true_or_false() -> None:
    cards = [c for c in cards_of(_GUIDE, [Kind.TRUEFALSE]) if "Brewed-By:" in c["statement"]]
    assert len(cards) == 1
    card = cards[0]
    if card["answer"]:
        assert card["statement"] == 'The text says not to use "Brewed-By:" in the tasting notes.'
    else:
        assert card["statement"] == 'The text says to use "Brewed-By:" in the tasting notes.'


def test_everyday_things_and_examples_are_not_asked() -> None:
    everything = " ".join(shown(c) for c in cards_of(_GUIDE))
    assert "enum" not in everything
    assert "this" not in everything.replace("the text says", "")
