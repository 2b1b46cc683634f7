"""`kdquiz generate` on instructions, procedures and dictionaries: a command shown after the
sentence that says what it is for is asked "How do you ...?" with the text's other commands as
choices; an instruction about a specific thing told to "you" or with another verb is asked with
the thing as the blank; a dictionary's entries ("TERM, n. definition") are asked from the
definition to the headword. Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

from generate_support import cards_of, shown

from kdquiz.core.model import Kind

_DICTIONARY = (
    "# The Gardener's Dictionary\n\n"
    "## Entries\n\n"
    "MOLEHILL, n. A mountain seen by a gardener before breakfast.\n\n"
    "HOSE, n. A green serpent that coils itself around the ankles of visitors.\n\n"
    "WEED, n. A plant whose virtues the neighbours have not yet discovered.\n\n"
    "PRUNE, v.t. To improve a hedge by removing most of it.\n\n"
    "RAKE, n. [from RAKING] A tool for raking.\n\n"
    "TROWEL, n. A spoon that has gone to work.\n\n"
    "COMPOST, n. Yesterday's dinner, hopeful.\n"
)


def test_a_dictionary_entry_is_asked_from_its_definition_to_its_headword() -> None:
    cards = {c["answer"]: c for c in cards_of(_DICTIONARY, [Kind.MCQ])}
    weed = cards["Weed"]
    assert weed["prompt"] == (
        "Which word does the text define as “A plant whose virtues the neighbours have not "
        "yet discovered.”?"
    )
    assert len(weed["choices"]) == 4
    # Nouns among nouns: the verb PRUNE is no choice for a noun's definition.
    assert set(weed["choices"]) <= {"Molehill", "Hose", "Weed", "Trowel", "Compost"}


def test_a_definition_that_gives_its_headword_away_is_not_asked() -> None:
    everything = " ".join(shown(c) for c in cards_of(_DICTIONARY))
    assert "A tool for raking" not in everything
    assert "{{" not in everything  # no blank of a definition's words ("{{green}} serpent")


_PROCEDURE = (
    "# Brewing with the kettle tool\n\n"
    "## To brew a pot of tea\n\n"
    "Brewing a pot is quite easy, all you have to do is the following:\n\n"
    "    kettle brew --pot 2\n\n"
    "The leaves are measured like this:\n\n"
    "    kettle weigh --grams 5\n\n"
    "## Cleaning up\n\n"
    "You can use the following command to empty the strainer of old leaves:\n\n"
    "    kettle empty --strainer\n\n"
    "When that is done, you can rinse the pot using the leaves in question:\n\n"
    "    kettle rinse --cold\n"
)


def test_a_command_is_asked_by_what_the_sentence_before_it_says_it_does() -> None:
    cards = {c["prompt"]: c for c in cards_of(_PROCEDURE, [Kind.MCQ])}
    assert cards["How do you empty the strainer of old leaves?"]["answer"] == (
        "kettle empty --strainer"
    )
    assert cards["How are the leaves measured?"]["answer"] == "kettle weigh --grams 5"
    # The sentence only introduces the command: what it is for is the heading's "To ...".
    brew = cards["How do you brew a pot of tea?"]
    assert brew["answer"] == "kettle brew --pot 2"
    assert set(brew["choices"]) <= {
        "kettle brew --pot 2",
        "kettle weigh --grams 5",
        "kettle empty --strainer",
        "kettle rinse --cold",
    }
    assert len(brew["choices"]) == 4


def test_a_command_whose_purpose_leans_on_another_sentence_is_not_asked() -> None:
    answers = {c["answer"] for c in cards_of(_PROCEDURE, [Kind.MCQ])}
    assert "kettle rinse --cold" not in answers


_HOWTO = (
    "# The kettle tool\n\n"
    "## Options\n\n"
    "The kettle boils water in the pot that sits on its base.\n\n"
    "If you do not want the kettle to whistle, remove the flag '-loud' from the command line "
    "above.\n\n"
    "You can choose a different recipe file using the '-recipe {file}' argument with the "
    "commands shown below.\n\n"
    "To pour a second cup, press Ctrl+P.\n\n"
    "To tilt the pot, press Ctrl+L or Ctrl+R as needed.\n\n"
    "The tea is poured at once; if you wish to wait, you can use the --slow option to kettle "
    "pour.\n\n"
    "When that is done, remove the flag '-hot'.\n\n"
    "To brew in bulk, use a command like kettle -many 4 tea.\n"
)


def test_an_instruction_about_a_specific_thing_blanks_the_thing() -> None:
    texts = {shown(c) for c in cards_of(_HOWTO, [Kind.CLOZE])}
    assert (
        "If you do not want the kettle to whistle, remove the flag '{{-loud}}'." in texts
    )  # the pointer "from the command line above" is dropped
    assert "To pour a second cup, press {{Ctrl+P}}." in texts
    # The last clause after a semicolon stands as an instruction of its own.
    assert "If you wish to wait, you can use the {{--slow}} option to kettle pour." in texts


def test_an_option_inside_a_quotation_is_the_blank_and_leaning_or_example_rules_are_not_asked() -> (
    None
):
    texts = {shown(c) for c in cards_of(_HOWTO, [Kind.CLOZE])}
    assert "You can choose a different recipe file using the '{{-recipe}} {file}' argument." in (
        texts
    )
    everything = " ".join(texts)
    assert "-hot" not in everything  # "When that is done": leans on another sentence
    assert "Ctrl+L" not in everything  # "Ctrl+L or Ctrl+R": either fits the blank
    assert "{{-many" not in everything  # "a command like ...": an example


_STEPS = (
    "# Tea\n\n"
    "## Making a pot of tea\n\n"
    "The whole pot takes about ten minutes from cold water to the first cup.\n\n"
    "1. Fill the kettle with fresh water.\n"
    "2. Warm the pot, then empty it.\n"
    "3. Add one spoon of leaves per cup.\n"
    "4. Pour the boiling water over the leaves.\n\n"
    "## Why tea cools\n\n"
    "1. The pot loses heat through its walls.\n"
    "2. Steam carries heat away from the surface.\n"
    "3. Cold milk lowers the temperature of the cup.\n"
)


def test_numbered_steps_are_asked_as_their_order() -> None:
    cards = [c for c in cards_of(_STEPS, [Kind.MCQ]) if "order" in c["prompt"]]
    assert len(cards) == 1  # the numbered facts of "Why tea cools" are no procedure
    card = cards[0]
    assert card["prompt"] == "In what order does the text give the steps of “Making a pot of tea”?"
    # Each step shortened to its first clause ("Warm the pot, then empty it." -> "Warm the pot").
    right = (
        "Fill the kettle with fresh water → Warm the pot → Add one spoon of leaves per cup → "
        "Pour the boiling water over the leaves"
    )
    assert card["answer"] == right
    assert len(card["choices"]) == 4 and len(set(card["choices"])) == 4
    assert all(sorted(c.split(" → ")) == sorted(right.split(" → ")) for c in card["choices"])


def test_half_a_name_or_what_this_points_at_is_never_the_blank() -> None:
    text = (
        "# Kettles\n\n"
        "## History\n\n"
        "In 1891 Carpenter Electric Company of Chicago sold the first electric kettle.\n\n"
        "The element, or KETTLE K-7, which stands for 'X9.62/BSI coil of 2 kilowatts', is the "
        "name of the heating standard.\n\n"
        "In 1922 a large part of it was published with the title The Kettle's Long Song, a "
        "name which the author disliked.\n\n"
        "Kettles come in several flavors, using different heating methods. The most popular "
        "ones sold with stoves are GAS and INDUCTION, and this HOWTO will show how to use each "
        "of them.\n"
    )
    everything = " ".join(shown(c) for c in cards_of(text))
    assert "/{{BSI" not in everything and "/_____" not in everything
    assert "{{The Kettle" not in everything and "_____'s Long Song" not in everything
    assert "{{HOWTO" not in everything and "this _____" not in everything
