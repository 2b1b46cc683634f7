"""`kdquiz generate` on definition lists, key tables and instructions to the reader: "C-a: Move to
the start of the line." asks what the key does, with the other entries' definitions as choices;
"You can type C-b to move ..." and "Typing C-s searches ..." ask for the key in the generator's
own words. Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

from generate_support import asked, cards_of, passing_candidates

from kdquiz.core.generate.glossary import definition_item, listed_term_end
from kdquiz.core.model import Kind

_KEYS = (
    "# Editing keys of the Blorp shell\n\n"
    "## Moving\n\n"
    "`Q-a`: Jump to the first column of the prompt.\n\n"
    "`Q-e`: Jump to the last column of the prompt.\n\n"
    "`Q-w`: Skip forward over one whole token.\n\n"
    "`Q-v`: Scroll the history pane upwards.\n\n"
    "`Q-b`: Step back one cell.\n\n"
    "## Removing\n\n"
    "`Q-x`: Erase the token under the caret.\n"
)


def test_a_key_table_asks_what_each_key_does_with_the_others_as_choices() -> None:
    cards = {c["prompt"]: c for c in cards_of(_KEYS, [Kind.MCQ])}
    card = cards["What does Q-a do?"]
    assert card["answer"] == "Jump to the first column of the prompt"
    # The distractors are the other keys' definitions, its own table's first.
    assert (
        card["answer"] in card["choices"]
        and "Erase the token under the caret" not in (card["choices"])
    )
    assert set(card["choices"]) <= {
        "Jump to the first column of the prompt",
        "Jump to the last column of the prompt",
        "Skip forward over one whole token",
        "Scroll the history pane upwards",
        "Step back one cell",
    }
    assert {"What does Q-e do?", "What does Q-w do?", "What does Q-x do?"} <= set(cards)
    assert cards["What does Q-b do?"]["answer"] == "Step back one cell"  # short, but an entry


def test_a_list_entry_gives_no_blank_of_its_term_or_of_the_word_opening_its_definition() -> None:
    text = (
        "# Hooks\n\n"
        "zap_fetch: Uses Header's folding to fold the long header lines.\n\n"
        "zap_store: If the value is bytes, return it as a Header object.\n\n"
        "Alma Vetch added the two hooks to the Grobnik mailer in 2004.\n"
    )
    blanked = {c.answer for c in passing_candidates(text) if not c.notes.get("list_item")}
    assert not blanked & {"zap_fetch", "zap_store", "Uses Header"}
    assert "2004" in blanked


def test_a_dashed_list_of_names_from_code_and_definitions_saying_what_a_thing_is() -> None:
    text = (
        "# Parts of the Quux engine\n\n"
        "- **frob_parse** — An object that reads the raw frames into records.\n"
        "- **frob_store** — An object that writes the records back to the disk.\n"
        "- **frob_index** — A table that maps each key to its record.\n"
        "- **frob_cache** — A buffer that keeps the most recent records in memory.\n"
    )
    cards = {c["prompt"]: c for c in cards_of(text, [Kind.MCQ])}
    assert cards["What is frob_index?"]["answer"] == "A table that maps each key to its record"


def test_an_everyday_word_a_term_defined_twice_or_a_condition_is_no_list_entry() -> None:
    assert definition_item("Model: An object structure that represents a whole message.") is None
    assert definition_item("zap_fetch: If the value is bytes, return it unchanged.") is None
    assert definition_item("The meeting ended: Nobody had agreed on the budget.") is None
    assert definition_item("zap_fetch: Returns the value as stored.") is not None
    # The term of a list-shaped line is never a blank, whatever its definition says.
    assert listed_term_end("zap_fetch: If the value is bytes, return it unchanged.") == 13
    twice = (
        "# Two policies\n\n"
        "## Old\n\nzap_fetch: Returns the value as stored.\n\nzap_store: Returns the name.\n\n"
        "zap_fold: Folds the long lines.\n\nzap_bin: Encodes the bytes.\n\n"
        "## New\n\nzap_fetch: Parses the value with the new parser.\n"
    )
    prompts = [c["prompt"] for c in cards_of(twice, [Kind.MCQ])]
    assert "What does zap_fetch do?" not in prompts
    assert "What does zap_store do?" in prompts


def test_an_instruction_to_type_a_key_is_asked_in_the_generators_own_words() -> None:
    text = (
        "# The Blorp shell\n\n"
        "You can type Q-b to move the caret one cell to the left.\n\n"
        "You can scroll the history pane downwards with Q-n.\n\n"
        "Typing Q-s searches forward through the saved history.\n"
    )
    questions = asked(text)
    assert questions["What can be typed to move the caret one cell to the left?"] == "Q-b"
    assert questions["What can be used to scroll the history pane downwards?"] == "Q-n"
    assert questions["What, when typed, searches forward through the saved history?"] == "Q-s"


def test_a_typed_key_whose_effect_points_elsewhere_is_not_asked() -> None:
    text = (
        "# Keys\n\n"
        "If your board lacks a LFD key, typing Q-j will produce the desired character.\n\n"
        "Typing Q-s searches forward through the saved history.\n"
    )
    answers = [str(c["answer"]) for c in cards_of(text, [Kind.TYPED])]
    assert "Q-s" in answers
    assert not any("Q-j" in answer for answer in answers)
