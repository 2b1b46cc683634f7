"""`kdquiz generate` on sentences that state several facts at once: "Ctrl+O opens a document,
Ctrl+S saves it, and Shift+Ctrl+S saves it under a new name", "Paris is the capital of France,
Madrid of Spain", "Hydrogen has one proton, helium two and lithium three". Each pair is asked
as a card of its own, from what the thing does to the thing, the list's other things as the
first wrong choices. Also the shapes of bad cards held-out set 9 showed: half a key or a menu
path, a key and its verb typed as a person. Each test feeds a made-up text and reads the cards
it gets."""

from __future__ import annotations

from generate_support import cards_of, passing_candidates, shown

from kdquiz.core.model import Kind

_EDITOR = (
    "# The Quill editor\n\n"
    "## Files\n\n"
    "Ctrl+O opens a document, Ctrl+S saves it, and Shift+Ctrl+S saves it under a new name.\n\n"
    "To print a page, use File⇒Print (Ctrl+P).\n\n"
    "To close the window, use File⇒Close or press Ctrl+W.\n\n"
    "## Drawing\n\n"
    "Use F4 for rectangles and F5 for ellipses.\n\n"
    "You can use the keyboard to move (arrow keys), stretch (< and > keys), and turn ([ and ] "
    "keys) shapes.\n\n"
    "Alt+Q closes every palette at once.\n"
)


def _by_prompt(text: str, kinds: list[Kind] | None = None) -> dict[str, dict]:
    return {str(c.get("prompt")): c for c in cards_of(text, kinds)}


def test_each_key_of_a_list_of_keys_and_actions_is_asked_on_its_own() -> None:
    cards = _by_prompt(_EDITOR, [Kind.MCQ, Kind.TYPED])
    save_as = cards["Which key saves the document under a new name?"]
    assert save_as["answer"] == "Shift+Ctrl+S"
    # The list's other keys are the first wrong choices: it says they do something else.
    assert {"Ctrl+O", "Ctrl+S"} <= set(save_as["choices"])
    assert save_as["explain"].startswith("Shift+Ctrl+S saves it under a new name. The text says")
    assert cards["Which key opens a document?"]["answer"] == "Ctrl+O"
    # "Ctrl+S saves it": "it" is the document the first pair opens.
    assert cards["Which key saves the document?"]["answer"] == "Ctrl+S"


def test_a_menu_command_and_its_key_give_the_key_a_card_of_its_own() -> None:
    cards = _by_prompt(_EDITOR, [Kind.MCQ, Kind.TYPED])
    assert cards["Which key is used to close the window?"]["answer"] == "Ctrl+W"
    assert cards["Which key is used to print a page?"]["answer"] == "Ctrl+P"
    # A key alone as the subject of its sentence is asked the same way.
    assert cards["Which key closes every palette at once?"]["answer"] == "Alt+Q"


def test_keys_named_for_what_they_are_used_for_are_asked_each() -> None:
    cards = _by_prompt(_EDITOR, [Kind.MCQ, Kind.TYPED])
    assert cards["Which key is used for ellipses?"]["answer"] == "F5"
    turn = cards["Which keys are used to turn shapes?"]
    assert turn["answer"] == "[ and ] keys"
    assert {"arrow keys", "< and > keys"} <= set(turn["choices"])


_ELEMENTS = (
    "# Light elements\n\n"
    "The lightest elements were made in the first minutes after the Big Bang.\n\n"
    "Hydrogen has one proton, helium two and lithium three.\n"
)

_CAPITALS = (
    "# Capitals of Europe\n\n"
    "Many capitals of Europe grew on rivers.\n\n"
    "Lisbon is the capital of Portugal, Madrid of Spain.\n\n"
    "Python was created by Guido van Rossum, and Debian was founded by Ian Murdock.\n"
)


def test_a_list_that_leaves_its_verb_to_the_first_clause_is_asked_pair_by_pair() -> None:
    cards = _by_prompt(_ELEMENTS, [Kind.TYPED])
    assert cards["What has two protons?"]["answer"] == "helium"
    assert cards["What has three protons?"]["answer"] == "lithium"
    prompts = {str(c.get("prompt")): c["answer"] for c in cards_of(_CAPITALS, [Kind.TYPED])}
    asked = {p: a for p, a in prompts.items() if p.endswith("is the capital of Spain?")}
    assert list(asked.values()) == ["Madrid"]


def test_names_told_for_what_they_are_used_for_are_asked_each() -> None:
    text = (
        "# House style\n\n"
        "The house style was set by the design office in 1998.\n\n"
        "Use Arial for headings and Georgia for body text.\n"
    )
    prompts = {str(c.get("prompt")): c["answer"] for c in cards_of(text, [Kind.TYPED])}
    assert prompts["What is used for body text?"] == "Georgia"


def test_programs_named_in_lower_case_are_asked_each_but_not_a_comparison_cut_short() -> None:
    text = (
        "# Packing tools\n\n"
        "The packing tools were written for the Zentrix archive in 1994.\n\n"
        "frobz packs files, unfrobz unpacks them, and zfrobcat prints them to standard output.\n\n"
        "blorp is faster than frobz, and zlorp is older.\n"
    )
    prompts = {str(c.get("prompt")): c["answer"] for c in cards_of(text, [Kind.TYPED])}
    assert prompts["What unpacks the files?"] == "unfrobz"
    assert prompts["What prints the files to standard output?"] == "zfrobcat"
    assert "What is older?" not in prompts  # older than what?


def test_two_facts_with_different_verbs_are_no_list_of_pairs() -> None:
    told = [c.notes.get("pair", "") for c in passing_candidates(_CAPITALS)]
    assert not any("Rossum" in t or "Murdock" in t for t in told)


def test_a_key_is_never_cut_at_a_space_nor_a_menu_path_at_a_lower_case_word() -> None:
    text = (
        "# Viewing\n\n"
        "Open Help⇒Keys and Mouse Reference to see every shortcut.\n\n"
        "You can use Ctrl+middle click to zoom in on the page.\n\n"
        "Pressing Esc closes the open dialog.\n"
    )
    everything = " ".join(shown(c) for c in cards_of(text))
    assert "{{Help⇒Keys}}" not in everything
    assert "{{Ctrl+middle}}" not in everything
    assert "Pressing Esc::" not in everything and "{{Pressing Esc" not in everything


_ESSAY = (
    "# On gardens\n\n"
    'Gardening is an old craft, "the patience of a century." [A. Mole, The Hedge, p. 12] In '
    "other words, gardening is the craft of the Kew Society, founded in 1759.\n\n"
    '> "Every hedge is a promise." [The Quiet Garden, p. 106]\n\n'
    "Hedgerows are older than the Kew Society, which recorded them in 1802.\n"
)


def test_a_bracketed_citation_is_never_a_card_and_is_cut_from_the_sentence_after_it() -> None:
    cards = cards_of(_ESSAY)
    everything = " ".join(shown(c) for c in cards)
    assert "Mole" not in everything and "The Hedge" not in everything
    assert "The Quiet Garden" not in everything
    said = [c["explain"] for c in cards if "1759" in c["explain"]]
    assert said and all("[A. Mole" not in s for s in said)


_GAME = (
    "# Fox and Hounds\n\n"
    '## Players\n\nThe two sides are called "Fox" and "Hounds"; the fox moves first.\n\n'
    '"North" and "South" are just the names of the two tables; the tables are not marked.\n\n'
    "## Pieces\n\n"
    'A hound promotes to a hunter (usually referred to as a "promoted hound") on the last '
    "rank.\n\n"
    'The words "feudalism" and "feudal" were coined by the lawyer Henri Boulainvilliers.\n'
)


def test_a_blank_the_prompt_gives_away_by_its_stem_or_its_opposite_is_not_asked() -> None:
    everything = " ".join(shown(c) for c in cards_of(_GAME))
    assert "{{promoted hound" not in everything  # "promotes" and "hound" are in the prompt
    asked = {c.answer for c in passing_candidates(_GAME)}
    assert not {"North", "South"} & asked  # one of a pair of opposites, the other shown
    assert "{{feudalism" not in everything and "{{feudal}}" not in everything
    assert "Henri Boulainvilliers" in everything  # a name beside them is still asked
