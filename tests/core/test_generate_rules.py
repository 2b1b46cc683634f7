"""`kdquiz generate` on texts made of rules: a requirement ("must not", "should") is asked
true or false, as written or turned around; an entry of a list of rules named by an everyday
phrase in title case is asked from its rule, its siblings' names as the choices, and its name is
never blanked or offered as a wrong answer elsewhere; a number or a person's name the prompt
already carries is not asked. Each test feeds a made-up text and reads the cards it gets."""

from __future__ import annotations

import random

from generate_support import cards_of, passing_candidates

from kdquiz.core.generate import document_from_text
from kdquiz.core.generate.candidates import Builder
from kdquiz.core.generate.entities import DocumentIndex, EntityKind
from kdquiz.core.generate.facts import facts_of
from kdquiz.core.model import Kind

_CHARTER = (
    "# The Orchard Charter\n\n"
    "## The Grafting Principles\n\n"
    "The Grafting Principles form the charter of every member orchard. These are:\n\n"
    "1. Open Gates: The keeper of a member orchard may not forbid any neighbour from walking "
    "between its rows at harvest.\n\n"
    "2. Shared Seedlings: Each grower gives a tenth of the spring cuttings to the common "
    "nursery beside the mill.\n\n"
    "3. Quiet Burning: Brush fires are lit only after the first frost and never near a "
    "beehive.\n\n"
    "4. Honest Weights: Every basket sold at the Tuesday market is weighed on the guild's "
    "brass scale.\n\n"
    "5. Fair Pruning: No branch overhanging a lane is cut without asking the owner first.\n"
)


def test_an_entry_named_by_an_everyday_phrase_is_asked_from_its_rule() -> None:
    cards = [c for c in cards_of(_CHARTER, [Kind.MCQ]) if c["answer"] == "Open Gates"]
    assert cards, "the entry is asked"
    card = cards[0]
    assert "may not forbid any neighbour" in card["prompt"]
    assert "The Grafting Principles" in card["prompt"]
    others = set(card["choices"]) - {"Open Gates"}
    assert others <= {"Shared Seedlings", "Quiet Burning", "Honest Weights", "Fair Pruning"}
    assert len(others) == 3


def test_an_entry_whose_rule_repeats_its_name_is_not_asked() -> None:
    # "Honest Weights ... is weighed": the name is the obvious choice.
    answers = {c["answer"] for c in cards_of(_CHARTER, [Kind.MCQ])}
    assert "Honest Weights" not in answers
    assert "Fair Pruning" in answers  # "No branch ... is cut": no word of "Fair Pruning"


def test_the_name_of_a_rule_is_never_blanked_nor_a_wrong_answer() -> None:
    # "... Other Growers Union" reads as an organisation: still the name of a rule.
    text = (
        "# The Orchard Charter\n\n"
        "## The Grafting Principles\n\n"
        "The Orchard Grafting Principles (OGP) were written by the Weald Growers Union in "
        "1921.\n\n"
        "1. Open Gates: The keeper of a member orchard may not forbid any neighbour from "
        "walking between its rows at harvest.\n\n"
        "2. No Tolls Against Carters or Drovers: A keeper may not ask carters to pay for "
        "crossing the orchard on market days.\n\n"
        "3. Charter Must Not Bind Other Growers Union: The charter places no duty on orchards "
        "outside the union of growers.\n\n"
        "4. Honest Weights: Every basket sold at the Tuesday market is weighed on the brass "
        "scale.\n\n"
        "5. Fair Pruning: No branch overhanging a lane is cut without asking the owner first.\n\n"
        "Every orchard of the Weald Growers Union and of the Kent Fruit Centre keeps the OGP "
        "(Orchard Grafting Principles) in its barn.\n\n"
        "The first copies of the charter were printed for the Weald Growers Union by "
        "Harrow Press.\n\n"
        "The Kent Fruit Centre bought its copies from the Weald Growers Union.\n"
    )
    rule = "Charter Must Not Bind Other Growers Union"
    doc = document_from_text(text, "t.md")
    index = DocumentIndex(list(doc.sentences))
    facts = facts_of(doc, index)
    builder = Builder({doc.id: index}, facts, random.Random(0))
    companies = [(fact, e) for fact in facts for e in fact.entities if e.kind is EntityKind.COMPANY]
    assert companies
    for fact, entity in companies:
        assert rule not in builder.distractors(fact, entity, 10), fact.text
    # Not in the pools any wrong answer of a name's type is drawn from.
    assert all(rule not in pool.values() for pool in builder.pools.values())
    for candidate in passing_candidates(text):
        if candidate.notes.get("list_item"):
            continue  # the list's own question, its siblings' names as the choices
        assert candidate.answer != rule, candidate.learner_text
        assert rule not in candidate.distractors, candidate.learner_text


_RULES = (
    "# Keeping bees on the allotment\n\n"
    "Every hive on the allotment must stand well away from the footpath.\n\n"
    "A beekeeper with a single hive should not feed the colonies with bought syrup.\n\n"
    "The allotment committee must not charge a fee for a beginner's hive.\n\n"
    "A set of notes about how keepers should label their jars is kept in the shed.\n\n"
    "The secretary must record each swarm, and tell the neighbours within a day.\n"
)


def test_a_requirement_is_asked_true_or_false_as_written_or_turned_around() -> None:
    statements = {c["statement"]: c["answer"] for c in cards_of(_RULES, [Kind.TRUEFALSE])}
    written = {
        "Every hive on the allotment must stand well away from the footpath.",
        "A beekeeper with a single hive should not feed the colonies with bought syrup.",
        "The allotment committee must not charge a fee for a beginner's hive.",
    }
    turned = {
        "Every hive on the allotment need not stand well away from the footpath.",
        "A beekeeper with a single hive may feed the colonies with bought syrup.",
        "The allotment committee may charge a fee for a beginner's hive.",
    }
    assert len(statements) == 3
    for statement, answer in statements.items():
        assert statement in (written if answer else turned), statement


def test_a_turned_requirement_says_what_the_text_requires() -> None:
    turned = [c for c in cards_of(_RULES, [Kind.TRUEFALSE]) if not c["answer"]]
    assert turned
    for card in turned:
        said, original = card["explain"].split("“")[1:3]
        said, original = said.split("”")[0], original.split("”")[0]
        assert card["explain"].startswith("False: the text says “")
        assert f" {said} " in original and original in _RULES
        assert card["statement"] != original


def test_a_requirement_in_a_clause_or_with_a_second_verb_is_not_turned() -> None:
    for card in cards_of(_RULES, [Kind.TRUEFALSE]):
        assert "label their jars" not in card["statement"]  # "about how keepers should ..."
        assert "tell the neighbours" not in card["statement"]  # ", and tell ...": half true


def test_a_number_the_prompt_already_states_is_not_asked() -> None:
    text = (
        "# Syrup\n\n"
        "Syrup strength is given in parts per ten, so a syrup of 6 parts is 6% sugar by "
        "volume in the Grobnik scale of 1911.\n\n"
        "The Grobnik scale was replaced in 1932 by the Vetch scale of 40 steps.\n"
    )
    for candidate in passing_candidates(text):
        assert candidate.answer not in {"6%", "6"}, candidate.learner_text
    assert "1932" in {c.answer for c in passing_candidates(text)}


def test_a_person_is_not_asked_where_the_prompt_carries_part_of_their_name() -> None:
    text = (
        "# Units\n\n"
        "Degrees quorn measure the hardness of wax, and the unit was named after Ottilie "
        "Quorn, who built the first wax press in Leeds in 1888.\n\n"
        "The press was improved in 1901 by Harold Vetch, a miller.\n"
    )
    answers = {c.answer for c in passing_candidates(text)}
    assert "Ottilie Quorn" not in answers
    assert "Harold Vetch" in answers
