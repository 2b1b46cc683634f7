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


_CATALOGUE = (
    "# Accounts of the Harbour System\n\n"
    "## Accounts\n\n"
    "Each account below is created when the harbour system is installed.\n\n"
    "keeper: Keeper owns the tide tables and may change every other account.\n\n"
    "ferry: The boat timetable daemon runs as this account and writes its logs there.\n\n"
    "crane: Cargo lifting tools run as user crane so they can lock the quay.\n\n"
    "pilot: HELP: Nobody knows who still uses this account?\n\n"
    "buoy: Used by buoyd, the signal daemon.\n\n"
    "lantern: Lighthouse clocks are owned by this account, so they start at dusk.\n"
)


def test_a_catalogue_of_lower_case_names_is_asked_from_definition_to_name() -> None:
    cards = {c["answer"]: c for c in cards_of(_CATALOGUE, [Kind.MCQ])}
    assert "keeper" in cards
    card = cards["keeper"]
    assert card["prompt"] == (
        "Which entry of “Accounts” is this? “_____ owns the tide tables and may change every "
        "other account.”"
    )
    assert set(card["choices"]) - {"keeper"} <= {"ferry", "crane", "lantern"}
    assert len(card["choices"]) == 4
    crane = cards["crane"]["prompt"]
    assert "run as user _____ so they can lock the quay" in crane
    # "this account" is the entry itself: the prompt keeps it, the explanation names it.
    ferry = cards["ferry"]
    assert "runs as this account" in ferry["prompt"]
    assert "runs as the ferry account and writes" in ferry["explain"]


def test_catalogue_lines_that_give_the_name_away_or_ask_for_help_are_not_asked() -> None:
    cards = cards_of(_CATALOGUE)
    answers = {c.get("answer") for c in cards}
    assert "buoy" not in answers  # "Used by buoyd"
    assert "pilot" not in answers  # "HELP: ...?"
    assert "keeper" in answers
    # No blank of the definition's words: the name is what an entry asks for.
    assert not [shown(c) for c in cards if c["type"] == "cloze"]


def test_three_labelled_lines_are_no_catalogue() -> None:
    text = _CATALOGUE.split("pilot:")[0]
    answers = {c.get("answer") for c in cards_of(text + "Harbour clocks keep GMT since 1884.\n")}
    assert "keeper" not in answers


_STORY = (
    "# The Miller of Orvand\n\n"
    "Now the word of the council came unto Tobren the son of Halvick, saying, Go to Orvand, "
    "and grind the grain of the hill farms.\n\n"
    "And Tobren went down to Orvand, and the farmers were glad.\n\n"
    "Then the council had built a great windmill beside the river for Tobren.\n\n"
    "And the windmill turned all summer, and the farmers brought their sacks.\n\n"
    "So Tobren climbed the windmill every morning, and he sang.\n\n"
    "But the river rose in the autumn, and the farmers were afraid.\n\n"
    "And Tobren said unto them, Fear not, for the windmill stands on stone.\n\n"
    "Then the flood passed, and the miller slept.\n"
)


def test_a_thing_a_story_brings_in_and_comes_back_to_is_blanked_where_it_comes_in() -> None:
    texts = [shown(c) for c in cards_of(_STORY, [Kind.CLOZE])]
    assert "The council had built a great {{windmill}} beside the river for Tobren." in texts
    # "the river" comes back once only: an everyday word, no blank.
    assert not any("{{river}}" in t for t in texts)


def test_unquoted_speech_is_left_out_of_a_story_sentence() -> None:
    texts = [shown(c) for c in cards_of(_STORY, [Kind.CLOZE])]
    assert "The word of the council came unto Tobren the son of {{Halvick}}." in texts


def test_an_exposition_blanks_no_everyday_thing_it_comes_back_to() -> None:
    text = (
        "# Buffers\n\n"
        "The Dunmore library allocates a buffer for every open file in 1998.\n\n"
        "The buffer holds 512 bytes of the file.\n\n"
        "When the buffer is full, the library writes it out to the disk.\n"
    )
    assert not any("{{buffer}}" in shown(c) for c in cards_of(text, [Kind.CLOZE]))


_GAMES = (
    "# Four Board Games\n\n"
    "## Harrow\n\nEach player starts with nine stones on the outer ring.\n\n"
    "No stone ever moves backwards along a spoke.\n\n"
    "## Kestle\n\nThe cards are dealt in threes.\n\n"
    "Every trick is won by the highest lantern card played.\n\n"
    "## Wend\n\nThe board has forty holes.\n\n"
    "A pebble never jumps over two pebbles at once.\n\n"
    "## Ossory\n\nThe dice are thrown together.\n\n"
    "All the towers must stand on black squares when the game ends.\n\n"
    "## Tallow\n\nNo tallow piece may leave the board.\n"
)


def test_a_rule_stated_as_a_condition_is_asked_for_the_section_it_is_stated_in() -> None:
    cards = {c["answer"]: c for c in cards_of(_GAMES, [Kind.MCQ])}
    card = cards["Wend"]
    assert card["prompt"] == (
        "Which of these does the text give this rule for? “A pebble never jumps over two "
        "pebbles at once.”"
    )
    assert set(card["choices"]) <= {"Harrow", "Kestle", "Wend", "Ossory", "Tallow"}
    assert {"Harrow", "Kestle", "Ossory"} <= set(cards)
    assert "Tallow" not in cards  # "No tallow piece ...": the rule names its section


def test_three_sections_of_rules_are_not_asked_for_their_section() -> None:
    text = _GAMES.split("## Ossory")[0]
    assert not [c for c in cards_of(text, [Kind.MCQ]) if "rule for" in c["prompt"]]
