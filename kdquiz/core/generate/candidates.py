"""Candidate cards of each kind, built from a fact and one thing it names.

Every candidate is built without judging it; the gates (gates.py) then reject the faulty ones and
rank.py chooses among the rest. Each candidate keeps the source sentence and the answer as written
there, so the gates can check the card against the text it came from.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from kdquiz.core.generate import dates, numbers, pairs
from kdquiz.core.generate.advice import Advice
from kdquiz.core.generate.attribution import Claim, full_name, people
from kdquiz.core.generate.blanks import (
    bare_series,
    guessable_from_partner,
    in_bracketed_list,
    in_list_of_names,
    paired,
    series_names,
    worth_a_blank,
)
from kdquiz.core.generate.crossrefs import pointed_at
from kdquiz.core.generate.entities import (
    NUMERIC_KINDS,
    TOPIC_FREQUENCY,
    TYPED_NAMES,
    YEAR,
    DocumentIndex,
    Entity,
    EntityKind,
    plural_role,
)
from kdquiz.core.generate.facts import Fact
from kdquiz.core.generate.glossary import (
    CatalogueEntry,
    Item,
    NamedEntry,
    definition_item,
    listed_term_end,
    named_entry,
    named_in_rule,
    siblings,
    stems,
)
from kdquiz.core.generate.guessable import opposite_shown
from kdquiz.core.generate.howto import Howto, Procedure, order_text, orderings, same_tool
from kdquiz.core.generate.listednames import only_listed
from kdquiz.core.generate.meanings import explained, names_given
from kdquiz.core.generate.pairs import contains_word
from kdquiz.core.generate.questions import count_question, year_question
from kdquiz.core.generate.requirements import condition, requirement
from kdquiz.core.generate.rolenames import generic_subject
from kdquiz.core.generate.shapes import (
    TOOL_NOUNS,
    UNKNOWN_KIND,
    Shaped,
    kin_of,
    kinds_named,
    shaped,
    subject_does,
    which_does,
)
from kdquiz.core.generate.spelledout import half_of_a_term, own_title, spelled_out
from kdquiz.core.generate.text import Document
from kdquiz.core.model import Kind

BLANK = "_____"
#: Share of true/false cards left true (the rest swap in a wrong value), so "false" is no rule.
TRUE_SHARE = 0.3

#: How much a fact about each kind of thing is worth asking, before sentence quality.
WEIGHT = {
    EntityKind.MONEY: 1.0,
    EntityKind.PERCENT: 1.0,
    EntityKind.YEAR: 0.95,
    EntityKind.COUNT: 0.8,
    EntityKind.TITLE: 0.9,
    EntityKind.PERSON: 0.9,
    EntityKind.COMPANY: 0.85,
    EntityKind.ROLE: 0.75,
    EntityKind.PLACE: 0.6,
    EntityKind.TERM: 0.45,
    EntityKind.NAME: 0.3,
}
#: A term the text itself marks (defines, quotes, calls by name) is what it wants learnt.
NAMED_WEIGHT = 0.85
#: A requirement asked true or false ranks below a blank of a name: it fills the cards of texts
#: made of rules, not of texts made of names.
REQUIREMENT_WEIGHT = 0.6
#: A rule told to the reader about a specific thing ("Use the X helper to ...") ranks between a
#: requirement in everyday words and a term the text marks.
ADVICE_WEIGHT = 0.75
#: A bare plural role as a sentence's subject ("Scientists agree ..."): generic, asked last.
GENERIC_SUBJECT_WEIGHT = 0.2
#: A thing of a set asked from what the text says of it alone ranks with a defined term's card.
COMPARED_BONUS = 0.2
COMPARED_WORDS = 12
#: Sections stating rules as conditions that a text needs before a rule is asked for its
#: section, and the longest section name asked (a puzzle's, a game's, a part's name).
MIN_RULED_SECTIONS = 4
MAX_SECTION_WORDS = 3
#: Per card kind, a small preference so the kinds that read best win ties.
KIND_BONUS = {
    Kind.CLOZE: 0.1,
    Kind.MCQ: 0.08,
    Kind.NUMERIC: 0.05,
    Kind.TYPED: 0.0,
    Kind.TRUEFALSE: 0.02,
}
HINT = {
    EntityKind.YEAR: "year",
    EntityKind.MONEY: "amount",
    EntityKind.PERCENT: "percentage",
    EntityKind.COUNT: "number",
    EntityKind.TITLE: "title",
    EntityKind.PERSON: "person",
    EntityKind.COMPANY: "organisation",
    EntityKind.PLACE: "place",
    EntityKind.ROLE: "role",
}
#: "X was written by " before the answer: a passive whose agent is asked. The participle is a
#: regular "-ed" form or an irregular one ("written", "begun", "built", "taught").
_PASSIVE_BY = re.compile(
    r"^(?P<subject>[A-Za-z][^,;:().]{1,60}?) (?P<aux>was|were|is|are) "
    r"(?P<done>(?:(?:first|originally|later|also|mainly|largely|jointly) )?"
    r"[a-z]+(?:ed|en|wn|lt|ght|un)(?: [a-z]+){0,3}?) by $"
)
_VAGUE = re.compile(r"\b(?:it|its|they|them|their|this|these|those|he|she|his|her)\b", re.I)

WHAT = {
    EntityKind.TITLE: "Which title",
    EntityKind.PERSON: "Who",
    EntityKind.ROLE: "Who",
    EntityKind.COMPANY: "Which organisation",
    EntityKind.PLACE: "Which place",
    EntityKind.TERM: "What",
}


@dataclass
class Candidate:
    kind: Kind
    fact: Fact
    entity: Entity
    fields: dict[str, Any]  # the card's own YAML fields, in order
    learner_text: str  # everything the learner sees before answering
    score: float
    distractors: tuple[str, ...] = ()
    swapped: str = ""  # truefalse: the wrong value put in place of the entity
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def answer(self) -> str:
        return self.entity.text


def quote(text: str) -> str:
    return f"“{text}”"


_ACRONYM_AFTER = re.compile(r"^\s*\([A-Z][A-Z0-9&]{1,6}s?\)")


def blanked(text: str, entity: Entity, blank: str = BLANK) -> str:
    """The sentence with the entity replaced, giving nothing away: "a"/"an" before it becomes
    "a(n)" and an abbreviation after it ("assistant director (AD)") is dropped."""
    before = text[: entity.start]
    before = re.sub(r"\b([Aa])n?(\s+)$", r"\1(n)\2", before)
    after = text[entity.end :]
    if " " in entity.text:
        after = _ACRONYM_AFTER.sub("", after)
    return before + blank + after


def _swap(text: str, entity: Entity, replacement: str) -> str:
    before = text[: entity.start]
    after = text[entity.end :]
    if entity.kind is EntityKind.ROLE:
        after = _ACRONYM_AFTER.sub("", after)  # "assistant director (AD)"
    article = re.search(r"\b([Aa])(n?)(\s+)$", before)
    if article:
        vowel = replacement[:1].casefold() in "aeiou"
        word = article.group(1) + ("n" if vowel else "")
        before = before[: article.start()] + word + article.group(3)
    if re.search(r"\b[Tt]he\s$", before) and replacement.startswith("The "):
        replacement = replacement[4:]  # "the The Chief's Fishline": one article is enough
    return before + replacement + after


def _fact_quality(fact: Fact) -> float:
    words = fact.words
    quality = 1.0
    if words < 9:
        quality -= 0.15
    if words > 32:
        quality -= 0.02 * (words - 32)
    if fact.sentence.heading and fact.sentence.heading.endswith("?"):
        quality -= 0.05
    if fact.partial:
        quality -= 0.2
    return quality


class Builder:
    """Makes every candidate for one document set; distractor pools span the document."""

    def __init__(self, indexes: dict[str, DocumentIndex], facts: list[Fact], rng: random.Random):
        self.indexes = indexes
        self.rng = rng
        self.pools: dict[tuple[str, EntityKind], dict[str, str]] = defaultdict(dict)
        self.mentions: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        self._near_cache: dict[tuple[str, int, str], set[str]] = {}
        self._things: dict[tuple[str, str], list[str]] = {}
        #: Terms the text defines ("pip is the preferred installer program"), and apart from
        #: them those it quotes or names ('the suffix is "aN"'), per document: the distractors
        #: for one another.
        self.terms: dict[tuple[str, bool], dict[str, str]] = defaultdict(dict)
        for fact in facts:
            entry = named_entry(fact.text)
            for entity in fact.entities:
                if entry and entity.start < entry.start:
                    # "License Must Not Contaminate Other Software": a rule's name, no fair
                    # wrong answer for an organisation or a title.
                    self.mentions[(fact.doc.id, entity.key)].append(fact)
                    continue
                if (
                    entity.kind in TYPED_NAMES
                    and entity.kind is not EntityKind.TERM
                    or entity.kind is EntityKind.TERM
                    and entity.expansion
                ):
                    self.pools[(fact.doc.id, entity.kind)].setdefault(entity.key, _display(entity))
                if entity.named:
                    pool = (fact.doc.id, entity.defined)
                    self.terms[pool].setdefault(entity.key, entity.text)
                self.mentions[(fact.doc.id, entity.key)].append(fact)
        #: A year in the title, or in TOPIC_FREQUENCY sentences or more, dates the whole text.
        self.topic_years: dict[str, set[str]] = defaultdict(set)
        #: Upper-case names the text numbers ("RFC 5322"): generic alone.
        self.series: dict[str, set[str]] = {}
        for doc in {fact.doc.id: fact.doc for fact in facts}.values():
            self.topic_years[doc.id] = _topic_years(doc)
            self.series[doc.id] = series_names([s.text for s in doc.sentences])
        #: What each fact's shape asks for (shapes.py), and per document the answers of each
        #: group ("command", "term") with every "the X command" named: distractors of one kind.
        self.shaped: dict[tuple[str, int], Shaped] = {}
        self.shaped_pools: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        docs = {fact.doc.id: fact.doc for fact in facts}
        kinds = {key: kinds_named([s.text for s in doc.sentences]) for key, doc in docs.items()}
        for fact in facts:
            found = (
                names_given(fact.text)  # "also called "A" or "B"": any name counts
                or shaped(fact.text)
                or explained(fact.text)
                or subject_does(fact.text, kinds[fact.doc.id])
                or which_does(fact.text)
            )
            if found:
                self.shaped[(fact.doc.id, fact.sentence.index)] = found
                self.shaped_pools[(fact.doc.id, found.group)][found.answer.casefold()] = (
                    found.answer
                )
            for match in _NAMED_TOOL.finditer(fact.text):
                kin = self.shaped_pools[(fact.doc.id, kin_of(match.group(2)))]
                kin.setdefault(match.group(1).casefold(), match.group(1))
        #: Definition-list entries per document ("C-a: Move to the start of the line."), each
        #: asked with the others' definitions as choices; a term defined twice is not asked.
        self.items: dict[tuple[str, int], Item] = {}
        self.items_of: dict[tuple[str, str], list[Item]] = defaultdict(list)
        terms: Counter[tuple[str, str]] = Counter()
        for fact in facts:
            item = definition_item(fact.text)
            if item:
                self.items[(fact.doc.id, fact.sentence.index)] = item
                self.items_of[(fact.doc.id, fact.sentence.heading)].append(item)
                self.items_of[(fact.doc.id, "")].append(item)
                terms[(fact.doc.id, item.term)] += 1
        for key, item in list(self.items.items()):
            if terms[(key[0], item.term)] > 1:
                del self.items[key]
        #: Entries named by everyday phrases in title case, per section, from every sentence
        #: (an entry that is no fact is still a fair wrong choice); a name given twice is not
        #: asked.
        self.catalogue_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        #: A dictionary's headwords by part of speech: a noun's choices are nouns.
        self.part_of_speech: dict[tuple[str, str], str] = {}
        for fact in facts:
            if fact.entry:
                self.catalogue_of[(fact.doc.id, fact.sentence.heading)].append(fact.entry.term)
                self.part_of_speech[(fact.doc.id, fact.entry.term)] = fact.entry.part_of_speech
        #: Per document, the short section names under which rules are stated as conditions
        #: ("Slant": "The diagonal lines never form a loop."), in order.
        self.ruled_sections: dict[str, list[str]] = defaultdict(list)
        for fact in facts:
            heading = fact.sentence.heading
            sections = self.ruled_sections[fact.doc.id]
            if (
                heading
                and len(heading.split()) <= MAX_SECTION_WORDS
                and heading not in sections
                and not fact.entities
                and condition(fact.text)
            ):
                sections.append(heading)
        #: The one-line commands each document shows after a sentence: choices for each other.
        self.commands: dict[str, list[str]] = {
            doc.id: list(dict.fromkeys(s.code_after for s in doc.sentences if s.code_after))
            for doc in docs.values()
        }
        #: Each document's names of two words or more that it gives twice or more ("Dark
        #: Matter"): one of their words alone beside the others is given away.
        self.terms_of: dict[str, list[str]] = {
            key: [n for n, k in index.frequency.items() if k >= 2 and " " in n]
            for key, index in indexes.items()
        }
        #: The people each document names in full: the choices of "Who said that ...?".
        self.people: dict[str, list[str]] = {
            key: people(self.indexes[key], [f.claim for f in facts if f.claim and f.doc.id == key])
            for key in docs
        }
        self.quoted_in_full: dict[str, set[str]] = defaultdict(set)
        for fact in facts:
            if fact.claim and " " in fact.claim.person:
                self.quoted_in_full[fact.doc.id].add(fact.claim.person)
        self.named_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        for doc in docs.values():
            for sentence in doc.sentences:
                entry = named_entry(sentence.text)
                if entry:
                    self.named_of[(doc.id, sentence.heading)].append(entry.term)

    def build(self, fact: Fact, kinds: frozenset[Kind]) -> list[Candidate]:
        out: list[Candidate] = []
        index = self.indexes[fact.doc.id]
        quality = _fact_quality(fact)
        cited = _cited_from(fact.text)
        item = self.items.get((fact.doc.id, fact.sentence.index))
        opening = listed_term_end(fact.text)
        named = named_entry(fact.text)
        if named:
            opening = max(opening, named.start)  # "No Discrimination Against ...": no blank
        who = None
        if fact.claim and Kind.MCQ in kinds:
            # Its quality is the question's: a long sentence asked by its claim alone reads short.
            question = replace(fact, text=fact.claim.prompt)
            score = _fact_quality(question) * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ]
            who = self.who_said(fact, fact.claim, score)
            out.extend([who] if who else [])
        for entity in fact.entities:
            if who and full_name(entity.text, index) == full_name(who.answer, index):
                continue  # who said it is asked once, as "Who ...?"
            if entity.start >= cited:
                continue  # a reference's title, journal, publisher, year: nothing to learn
            if entity.start < opening:
                continue  # a list item's term, or the verb that opens its definition ("Move")
            if any(p.asked and contains_word(entity.text, p.thing) for p in fact.pairs):
                continue  # "Shift+Ctrl+S saves it under a new name": asked as its pair
            if index.is_topic(entity.text) or entity.key in self.topic_years[fact.doc.id]:
                continue
            if entity.kind is EntityKind.NAME and not worth_a_blank(entity, fact):
                continue
            if in_bracketed_list(fact.text, entity):
                continue
            if entity.kind not in NUMERIC_KINDS and in_list_of_names(fact, entity):
                continue
            if pointed_at(fact.text, entity.start) or (
                not entity.defined and own_title(entity.text, fact.doc.title)
            ):
                continue  # "See the {{Recipe Lists}}", "the {{Design Primer}}" of its own title
            if half_of_a_term(fact.text, entity.start, entity.end, self.terms_of[fact.doc.id]):
                continue  # "the matter ... is "{{Dark}}"": the text's term "Dark Matter" says it
            if not entity.expansion and spelled_out(fact.text, entity.start, entity.end):
                continue  # "Blue compact dwarfs ({{BCD}}s)": the initials stand beside it
            if only_listed(entity, self.mentions.get((fact.doc.id, entity.key), [])):
                continue  # "Keoe (Vega), and Humu (Altair)": a name given once, in a list
            if opposite_shown(fact.text, entity.start, entity.end):
                continue  # "Black" and "{{White}}": the other of the pair is shown
            if guessable_from_partner(fact.text, entity) or bare_series(
                fact.text, entity, self.series[fact.doc.id]
            ):
                continue
            if entity.kind is EntityKind.PLACE and _CITY_BEFORE.search(fact.text[: entity.start]):
                continue  # "Bordeaux, France": the country of a city named first is guessed
            if (
                entity.kind is EntityKind.TERM
                and not entity.expansion
                and not entity.named
                and "-" not in entity.text
                and "_" not in entity.text
            ):
                continue
            base = quality * (NAMED_WEIGHT if entity.named else WEIGHT[entity.kind])
            makers = {
                Kind.CLOZE: self.cloze,
                Kind.MCQ: self.mcq,
                Kind.TRUEFALSE: self.truefalse,
                Kind.NUMERIC: self.numeric,
                Kind.TYPED: self.typed,
            }
            wanted = kinds & _KINDS_FOR.get(entity.kind, kinds)
            if entity.kind is EntityKind.ROLE and generic_subject(
                fact.text, entity.start, entity.end, entity.key
            ):
                # "Scientists are now sure ...": "Who ...? Scientists" teaches nothing; a gap
                # stays, last of all, for a text that has nothing else to ask.
                wanted &= {Kind.CLOZE}
                base *= GENERIC_SUBJECT_WEIGHT
            for kind in sorted(wanted):
                candidate = makers[kind](fact, entity, base + KIND_BONUS[kind])
                if candidate is not None:
                    out.append(candidate)
        found = self.shaped.get((fact.doc.id, fact.sentence.index))
        if found and any(p.asked and contains_word(found.answer, p.thing) for p in fact.pairs):
            found = None  # "What packs files, unfrobz unpacks them?": the list asked pair by pair
        if found:
            out.extend(self.asked_by_shape(fact, found, kinds, quality * NAMED_WEIGHT))
        if item and Kind.MCQ in kinds:
            asked = self.list_item(fact, item, quality * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ])
            out.extend([asked] if asked else [])
        if named and Kind.MCQ in kinds:
            asked = self.named_item(fact, named, quality * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ])
            out.extend([asked] if asked else [])
        if fact.pairs:
            out.extend(self.paired(fact, kinds, quality * NAMED_WEIGHT))
        if fact.compared and Kind.MCQ in kinds:
            asked = self.compared(fact, quality * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ])
            out.extend([asked] if asked else [])
        if fact.procedure:
            if Kind.MCQ not in kinds:
                return out
            ordered = self.steps_in_order(fact, fact.procedure, quality * NAMED_WEIGHT)
            return [ordered] if ordered else []
        if fact.howto:
            if Kind.MCQ not in kinds:
                return out
            asked = self.command_asked(fact, fact.howto, quality * NAMED_WEIGHT)
            return [asked] if asked else []
        if fact.entry:
            if Kind.MCQ not in kinds:
                return out
            entry = self.catalogued(fact, fact.entry, quality * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ])
            return [entry] if entry else []
        if fact.told:
            out.extend(self.advised(fact, fact.told, kinds, quality * ADVICE_WEIGHT))
            return out
        if Kind.MCQ in kinds and not fact.entities and condition(fact.text):
            stated = self.stated_for(fact, quality * NAMED_WEIGHT + KIND_BONUS[Kind.MCQ])
            out.extend([stated] if stated else [])
        if Kind.TRUEFALSE in kinds:
            ruled = self.ruled(fact, named.definition if named else fact.text, quality)
            out.extend([ruled] if ruled else [])
        return out

    def who_said(self, fact: Fact, claim: Claim, score: float) -> Candidate | None:
        """ "As X noted, CLAIM." -> "Who noted that CLAIM?", three other people the text names
        as choices, none named in the sentence or the question, none sharing a name with X."""
        full = full_name(claim.person, self.indexes[fact.doc.id])
        if full != claim.person and full in self.quoted_in_full[fact.doc.id]:
            return None  # "As Vanzetti put it:" beside a claim of Bartolomeo Vanzetti's: one card
        names = set(full.split())
        seen = f"{fact.sentence.text} {claim.prompt} {claim.context}"
        wrong = [
            p
            for p in self.people[fact.doc.id]
            if not names & set(p.split())
            and not any(len(w) > 2 and re.search(rf"\b{re.escape(w)}\b", seen) for w in p.split())
        ]
        if " " not in claim.person:  # "As Darwin wrote, ...": surnames beside a surname
            wrong = list(dict.fromkeys(p.split()[-1] for p in wrong))
        candidate = self._choose(fact, claim.person, claim.prompt, wrong, score + 0.1)
        if candidate:
            candidate.notes.update(claim=True, said=claim.said)
            candidate.notes.pop("list_item", None)
        return candidate

    def paired(self, fact: Fact, kinds: frozenset[Kind], base: float) -> list[Candidate]:
        """ "Ctrl+O opens a document, Ctrl+S saves it, ..." -> "Which key saves the document?",
        each pair on its own, the list's other things the first wrong choices (the list says
        they do something else), then things of the same kind the text names elsewhere."""
        out: list[Candidate] = []
        kinds_of = {e.text: e.kind for e in fact.entities}
        for pair in fact.pairs:
            if not pair.asked:
                continue  # "Ctrl+S saves it": what it acts on is in another clause
            kind = kinds_of.get(pair.thing, EntityKind.TERM)
            which = pairs.which(pair) if pair.kind != "name" else WHAT.get(kind, "What")
            prompt = f"{which} {pair.asked}"
            siblings = [p.thing for p in fact.pairs if p is not pair]
            if pair.kind == "name":
                pool = list(self.pools.get((fact.doc.id, kind), {}).values())
            else:
                pool = self._things_of(fact.doc, pair.kind)
            sentence = fact.sentence.text
            others = sorted(
                {
                    t
                    for t in pool
                    if t.casefold() not in {x.casefold() for x in [pair.thing, *siblings]}
                    and not contains_word(sentence, t)
                    and not any(pairs.clash(t, x) for x in [pair.thing, *siblings])
                }
            )
            self.rng.shuffle(siblings)
            self.rng.shuffle(others)
            # Only things written like the answer ("Shift+middle click" beside a click).
            others = [t for t in others if pairs.same_shape(t, pair.thing)]
            wrong = (siblings + others)[:3]
            # Asked in other words: no blank where it stands ("Madrid of Spain" is no name).
            entity = Entity(kind, pair.thing, pair.start, pair.start, named=True)
            if len(wrong) == 3 and Kind.MCQ in kinds:
                candidate = self._mcq_of(fact, entity, prompt, wrong, base + 0.2)
            elif (
                Kind.TYPED in kinds
                and len(pair.thing.split()) <= 3
                and not pairs.joined(pair.thing)
            ):
                fields: dict[str, Any] = {"prompt": prompt, "answer": pair.thing}
                candidate = Candidate(Kind.TYPED, fact, entity, fields, prompt, base + 0.15)
            else:
                continue
            said = pairs.without_leaning_asides(sentence)
            candidate.notes.update(said=said, pair=pair.said, paired=tuple(siblings))
            out.append(candidate)
        return out

    def _things_of(self, doc: Document, kind: str) -> list[str]:
        """The keys (menu paths, options) the text names anywhere: wrong choices for a list's."""
        key = (doc.id, kind)
        if key not in self._things:
            found = (t for s in doc.sentences for t in pairs.things_of_kind(s.text, kind))
            self._things[key] = list(dict.fromkeys(found))
        return self._things[key]

    def catalogued(self, fact: Fact, entry: CatalogueEntry, score: float) -> Candidate | None:
        """ "root: Root is (typically) the superuser." -> "Which entry of “Users” is this?
        “_____ is (typically) the superuser.”", three other names of the section as choices,
        none of them in the line."""
        names = self.catalogue_of[(fact.doc.id, fact.sentence.heading)]
        wrong = sorted(
            n
            for n in names
            if n not in entry.term
            and entry.term not in n  # "sys" beside "syslog"
            and not re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", fact.text, re.I)
        )
        if entry.headword:
            pos = entry.part_of_speech
            wrong = [n for n in wrong if self.part_of_speech.get((fact.doc.id, n)) == pos]
            prompt = f"Which word does the text define as {quote(entry.definition)}?"
            candidate = self._choose(fact, entry.term, prompt, wrong, score)
        else:
            candidate = self._which_entry(fact, entry.term, entry.definition, wrong, score)
        if candidate:
            candidate.notes["said"] = entry.said
        return candidate

    def compared(self, fact: Fact, score: float) -> Candidate | None:
        """ "A lance can move any number of squares straight forward." among pieces described in
        turn -> "Which piece can move any number of squares straight forward?", three of the
        others as choices (siblings.py)."""
        assert fact.compared is not None
        candidate = self._choose(
            fact, fact.compared.answer, fact.compared.prompt, list(fact.compared.wrong), score
        )
        if candidate:
            # "Which piece is the only jumping piece?" reads better than a long description.
            words = len(fact.compared.prompt.split())
            candidate.score += COMPARED_BONUS - 0.01 * max(0, words - COMPARED_WORDS)
            candidate.notes["said"] = fact.compared.said
        return candidate

    def steps_in_order(self, fact: Fact, procedure: Procedure, score: float) -> Candidate | None:
        """Numbered steps -> "In what order does the text give the steps of “Heading”?", the
        right order among three others (two steps swapped, one moved to the end)."""
        right = order_text(procedure.steps)
        wrong = orderings(procedure.steps, self.rng)
        candidate = self._choose(fact, right, procedure.prompt, wrong, score)
        if candidate:
            candidate.score += KIND_BONUS[Kind.MCQ]
            steps = procedure.steps
            candidate.notes["said"] = " ".join(f"{n}. {s}." for n, s in enumerate(steps, 1))
        return candidate

    def command_asked(self, fact: Fact, asked: Howto, score: float) -> Candidate | None:
        """ "You can use the following command to list all curves:" "tool -list" -> "How do you
        list all curves?", three of the text's other commands as choices."""
        others = [c for c in self.commands[fact.doc.id] if c != asked.command]
        candidate = self._choose(
            fact, asked.command, asked.prompt, same_tool(asked.command, others), score
        )
        if candidate:
            candidate.score += KIND_BONUS[Kind.MCQ]
            candidate.notes["said"] = asked.said
        return candidate

    def stated_for(self, fact: Fact, score: float) -> Candidate | None:
        """ "The diagonal lines never form a loop." under "Slant" -> "Which of these does the
        text give this rule for?", the other sections that state rules as choices; only in a
        text of MIN_RULED_SECTIONS such sections with short names, and not when the rule
        repeats a word of its section's name ("No two tents touch" under "Tents")."""
        heading = fact.sentence.heading
        sections = self.ruled_sections.get(fact.doc.id, [])
        if len(sections) < MIN_RULED_SECTIONS or heading not in sections:
            return None
        if stems(heading) & stems(fact.text):
            return None
        wrong = [h for h in sections if h != heading]
        prompt = f"Which of these does the text give this rule for? {quote(fact.text)}"
        candidate = self._choose(fact, heading, prompt, wrong, score)
        if candidate:
            candidate.notes["heading"] = True
        return candidate

    def advised(
        self, fact: Fact, told: Advice, kinds: frozenset[Kind], base: float
    ) -> list[Candidate]:
        """ "Use the RET_NERRNO() helper to convert ..." -> "The text says to use _____ helper
        to convert ...", the thing named as the blank; a pair ("prefer X over Y") or a
        prohibition ("Do not use X in ...") -> true/false, as said or turned around."""
        if told.start >= 0:
            if Kind.CLOZE not in kinds:
                return []
            end = told.start + len(told.thing)
            entity = Entity(EntityKind.TERM, told.thing, told.start, end, named=True)
            cloze = self.cloze(fact, entity, base + KIND_BONUS[Kind.CLOZE])
            if cloze is None:
                return []
            cloze.notes["said"] = told.source
            return [cloze]
        if Kind.TRUEFALSE not in kinds:
            return []
        # The statement itself is the answer: the false one (swapped) does not contain it.
        entity = Entity(EntityKind.TERM, told.statement, 0, 0, named=True)
        score = base + KIND_BONUS[Kind.TRUEFALSE]
        truth = self.rng.random() < TRUE_SHARE
        statement = told.statement if truth else told.turned
        fields: dict[str, Any] = {"statement": statement, "answer": truth}
        candidate = Candidate(Kind.TRUEFALSE, fact, entity, fields, statement, score)
        candidate.notes.update(said=told.source, answer_text=told.thing, advice=True)
        return [candidate]

    def ruled(self, fact: Fact, statement: str, quality: float) -> Candidate | None:
        """ "The license must not discriminate against any person." -> true/false, as written
        or with its requirement turned around ("may"): the rule is what there is to recall."""
        rule = requirement(statement)
        if not rule:
            return None
        # The predicate, not its place: a requirement is asked in other words, one card each.
        entity = Entity(EntityKind.TERM, rule.predicate, 0, 0, named=True)
        score = quality * REQUIREMENT_WEIGHT + KIND_BONUS[Kind.TRUEFALSE]
        # A list entry's rule is quoted without its name: the true statement as written.
        if self.rng.random() < TRUE_SHARE:
            fields: dict[str, Any] = {"statement": statement, "answer": True}
            candidate = Candidate(Kind.TRUEFALSE, fact, entity, fields, statement, score)
        else:
            fields = {"statement": rule.turned, "answer": False}
            candidate = Candidate(Kind.TRUEFALSE, fact, entity, fields, rule.turned, score)
            candidate.notes["turned"] = rule.modal
        candidate.notes["said"] = statement
        return candidate

    def named_item(self, fact: Fact, entry: NamedEntry, score: float) -> Candidate | None:
        """ "Free Redistribution: The license may not ..." -> "Which entry of “The Guidelines”
        is this? “The license may not ...”", the names of the other entries of its section as
        choices; not when the rule repeats a word of its name, which gives it away."""
        names = self.named_of[(fact.doc.id, fact.sentence.heading)]
        if named_in_rule(entry) or names.count(entry.term) != 1:
            return None
        wrong = [n for n in names if n != entry.term and names.count(n) == 1]
        return self._which_entry(fact, entry.term, entry.definition, wrong, score)

    def _which_entry(
        self, fact: Fact, term: str, definition: str, wrong: list[str], score: float
    ) -> Candidate | None:
        """ "Which entry of “Section” is this? “definition”", the term among three of the
        wrong names; None with fewer than three."""
        heading = fact.sentence.heading
        where = f"of {quote(heading)} " if heading else "of the list "
        prompt = f"Which entry {where}is this? {quote(definition)}"
        return self._choose(fact, term, prompt, wrong, score)

    def _choose(
        self, fact: Fact, term: str, prompt: str, wrong: list[str], score: float
    ) -> Candidate | None:
        """An mcq of `prompt` with the term among three of the wrong names, as an entry of a
        list; None with fewer than three."""
        self.rng.shuffle(wrong)
        wrong = wrong[:3]
        if len(wrong) < 3:
            return None
        entity = Entity(EntityKind.TERM, term, 0, len(term), named=True)
        candidate = self._mcq_of(fact, entity, prompt, wrong, score)
        candidate.notes["list_item"] = True
        return candidate

    def _mcq_of(
        self, fact: Fact, entity: Entity, prompt: str, wrong: list[str], score: float
    ) -> Candidate:
        """The mcq asking `prompt`, the entity's text among the `wrong` choices in random order."""
        choices = [entity.text, *wrong]
        self.rng.shuffle(choices)
        return Candidate(
            Kind.MCQ,
            fact,
            entity,
            {"prompt": prompt, "choices": choices, "answer": entity.text},
            "\n".join([prompt, *choices]),
            score,
            distractors=tuple(wrong),
        )

    def list_item(self, fact: Fact, item: Item, score: float) -> Candidate | None:
        """ "C-a: Move to the start of the line." -> "What does C-a do?", the definitions of
        other entries of the same list (its section first, then the document) as choices."""
        near = siblings(self.items_of[(fact.doc.id, fact.sentence.heading)], item)
        far = [d for d in siblings(self.items_of[(fact.doc.id, "")], item) if d not in near]
        self.rng.shuffle(near)
        self.rng.shuffle(far)
        wrong = (near + far)[:3]
        if len(wrong) < 3:
            return None
        choices = [item.definition, *wrong]
        self.rng.shuffle(choices)
        entity = Entity(
            EntityKind.TERM,
            item.definition,
            item.start,
            item.start + len(item.definition),
            named=True,
        )
        candidate = Candidate(
            Kind.MCQ,
            fact,
            entity,
            {"prompt": item.prompt, "choices": choices, "answer": item.definition},
            "\n".join([item.prompt, *choices]),
            score,
            distractors=tuple(wrong),
        )
        candidate.notes["list_item"] = True
        return candidate

    def asked_by_shape(
        self, fact: Fact, found: Shaped, kinds: frozenset[Kind], base: float
    ) -> list[Candidate]:
        """A definition or a tool's use asked in other words: typed, and mcq among its kin."""
        entity = Entity(
            EntityKind.TERM,
            found.answer,
            found.start,
            found.end,
            defined=bool(found.prompt),
            named=True,
        )
        if found.abbreviation:
            acronym = Entity(
                EntityKind.TERM, found.abbreviation, 0, 0, expansion=found.answer, named=True
            )
            typed = self.typed(fact, acronym, base)
            return [typed] if typed and Kind.TYPED in kinds else []
        if not found.prompt:
            cloze = self.cloze(fact, entity, base + KIND_BONUS[Kind.CLOZE] + 0.1)
            return [cloze] if cloze and Kind.CLOZE in kinds else []
        out: list[Candidate] = []
        if Kind.TYPED in kinds and len(found.answer.split()) <= 4:
            fields: dict[str, Any] = {"prompt": found.prompt, "answer": found.answer}
            accept = _variants(found.answer, plural=False) + list(found.also)
            if accept:
                fields["accept"] = accept
            out.append(Candidate(Kind.TYPED, fact, entity, fields, found.prompt, base + 0.15))
        wrong = self._kin(fact, found) if found.group != UNKNOWN_KIND else []
        if Kind.MCQ in kinds and len(wrong) == 3:
            choices = [found.answer, *wrong]
            self.rng.shuffle(choices)
            out.append(
                Candidate(
                    Kind.MCQ,
                    fact,
                    entity,
                    {"prompt": found.prompt, "choices": choices, "answer": found.answer},
                    "\n".join([found.prompt, *choices]),
                    base + 0.2,
                    distractors=tuple(wrong),
                )
            )
        return out

    def _kin(self, fact: Fact, found: Shaped) -> list[str]:
        """Three other answers of the same group from the document, none in the sentence."""
        pool = self.shaped_pools.get((fact.doc.id, found.group), {})
        sentence = fact.sentence.text.casefold()
        options = sorted(
            text
            for key, text in pool.items()
            if key != found.answer.casefold()
            and not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", sentence)
            and _same_form(found.answer, text)
        )
        self.rng.shuffle(options)
        return options[:3]

    # -- kinds -------------------------------------------------------------------------------

    def cloze(self, fact: Fact, entity: Entity, score: float) -> Candidate | None:
        if entity.is_range or entity.unit in {"x", dates.DECADE_UNIT}:
            return None  # "10-60%", "1.7x", "1850's" typed exactly are traps; choices are not
        if entity.defined:
            return None  # "What is the preferred installer program?" asks it in other words
        if breaks_gap_markup(fact.text, entity):
            return None  # the other kinds ask it: their prompts are plain text
        hint = HINT.get(entity.kind, "")
        gap = f"{{{{{entity.text}::{hint}}}}}" if hint else f"{{{{{entity.text}}}}}"
        text = blanked(fact.text, entity, gap)
        shown = blanked(fact.text, entity, f"[{hint}]" if hint else "[...]")
        if entity.kind is EntityKind.TERM:
            score -= 0.1
        return Candidate(Kind.CLOZE, fact, entity, {"text": text}, shown, score)

    def mcq(self, fact: Fact, entity: Entity, score: float) -> Candidate | None:
        wrong = self.distractors(fact, entity, 3)
        if len(wrong) < 3:
            return None
        return self._mcq_of(fact, entity, self.question(fact, entity), wrong, score)

    def truefalse(self, fact: Fact, entity: Entity, score: float) -> Candidate | None:
        # Places are left out: "Asia" for "South Korea" may still be true.
        if entity.kind not in NUMERIC_KINDS and entity.kind not in {
            EntityKind.ROLE,
            EntityKind.PERSON,
            EntityKind.TITLE,
            EntityKind.COMPANY,
        }:
            return None
        if _quoted_word(fact.text, entity) or paired(fact, entity):
            return None
        wrong = self.distractors(fact, entity, 1)
        if not wrong:
            return None
        if self.rng.random() < TRUE_SHARE:
            return Candidate(
                Kind.TRUEFALSE,
                fact,
                entity,
                {"statement": fact.text, "answer": True},
                fact.text,
                score - 0.15,
            )
        statement = _swap(fact.text, entity, wrong[0])
        return Candidate(
            Kind.TRUEFALSE,
            fact,
            entity,
            {"statement": statement, "answer": False},
            statement,
            score - 0.1,
            distractors=(wrong[0],),
            swapped=wrong[0],
        )

    def numeric(self, fact: Fact, entity: Entity, score: float) -> Candidate | None:
        if entity.kind not in NUMERIC_KINDS or entity.unit in dates.SPAN_UNITS:
            return None  # a decade or a span of years is no number to type: asked as choices
        what = {
            EntityKind.YEAR: "Fill in the year",
            EntityKind.PERCENT: "Fill in the percentage",
            EntityKind.MONEY: "Fill in the amount",
            EntityKind.COUNT: "Fill in the number",
        }
        unit = entity.unit
        label = what[entity.kind]
        if entity.kind is EntityKind.MONEY and unit:
            label += f" (in {unit})"
        if entity.kind is EntityKind.COUNT and fact.text[entity.end : entity.end + 1] == "-":
            return None  # "twelve-episode": the unit is glued on; a cloze reads better
        prompt = f"{label}: {blanked(fact.text, entity)}"
        if entity.kind is EntityKind.YEAR:
            prompt = year_question(fact.text, entity) or prompt
        elif entity.kind is EntityKind.COUNT and unit != "x":
            prompt = count_question(fact.text, entity) or prompt
        if entity.high < entity.low:
            return None  # "fell from 20% to 10%": a change, not a range of right answers
        middle = (entity.low + entity.high) / 2
        fields: dict[str, Any] = {"prompt": prompt, "answer": _number_value(middle)}
        if entity.is_range:
            fields["tolerance"] = _number_value((entity.high - entity.low) / 2)
        if entity.kind is EntityKind.COUNT and unit != "x":
            unit = ""  # already in the sentence after the blank
        if unit:
            fields["unit"] = unit
        return Candidate(
            Kind.NUMERIC, fact, entity, fields, prompt, score, notes={"range": entity.is_range}
        )

    def typed(self, fact: Fact, entity: Entity, score: float) -> Candidate | None:
        if entity.defined:
            asked = self.question(fact, entity)
            if not asked.startswith(WHAT[EntityKind.TERM]):
                return None
            return Candidate(
                Kind.TYPED, fact, entity, {"prompt": asked, "answer": entity.text}, asked, score
            )
        if entity.kind is EntityKind.TERM and entity.expansion:
            expansion = entity.expansion
            accept = _variants(expansion)
            prompt = f"What does {entity.text} stand for?"
            fields: dict[str, Any] = {"prompt": prompt, "answer": expansion}
            if accept:
                fields["accept"] = accept
            typed = Candidate(Kind.TYPED, fact, entity, fields, prompt, score + 0.3)
            typed.notes["answer_text"] = expansion
            return typed
        if entity.kind not in {
            EntityKind.PERSON,
            EntityKind.TITLE,
            EntityKind.COMPANY,
            EntityKind.PLACE,
            EntityKind.ROLE,
        }:
            return None
        answer = entity.text
        if len(answer) > 32 or len(answer.split()) > 4:
            return None
        noun = {
            EntityKind.PERSON: "name",
            EntityKind.TITLE: "title",
            EntityKind.COMPANY: "organisation",
            EntityKind.PLACE: "place",
            EntityKind.ROLE: "role",
        }[entity.kind]
        asked = self.question(fact, entity)
        prompt = asked if asked.startswith(WHAT[entity.kind]) else ""
        prompt = prompt or f"Type the missing {noun}: {blanked(fact.text, entity)}"
        fields = {"prompt": prompt, "answer": answer}
        accept = _variants(answer, plural=entity.kind is EntityKind.ROLE)
        if accept:
            fields["accept"] = accept
        return Candidate(Kind.TYPED, fact, entity, fields, prompt, score - 0.05)

    # -- helpers -----------------------------------------------------------------------------

    def question(self, fact: Fact, entity: Entity) -> str:
        """A wh-question when the answer is the sentence's subject, else fill-the-blank."""
        text = fact.text
        if entity.kind in {EntityKind.YEAR, EntityKind.COUNT}:
            ask = year_question if entity.kind is EntityKind.YEAR else count_question
            plain = entity.unit not in {"x", *dates.SPAN_UNITS}
            reworded = ask(text, entity) if plain else None
            return reworded or f"Which fits the blank? {blanked(text, entity)}"
        lead = text[: entity.start]
        rest = text[entity.end :].strip()
        if entity.defined:
            rest = _CLAUSE_BREAK.split(rest)[0].rstrip(".") + "."
        subject = lead.strip() in {"", "The", "the"} or (
            entity.defined and lead.strip() in {"A", "An"}
        )
        rest_words = rest.split()
        verb_first = (
            bool(rest_words)
            and rest_words[0][:1].islower()
            and (rest_words[0] not in _STOP or rest_words[0] in _AUXILIARIES)
        )
        agent = _PASSIVE_BY.match(lead)
        if agent and entity.kind in WHAT and rest == "." and not _VAGUE.search(lead):
            # "lzmash and lzmadec were written by Lasse Collin." -> "Who were lzmash and
            # lzmadec written by?": the agent asked for, the rest of the sentence unchanged.
            thing = agent["subject"]
            if thing.startswith("The "):
                thing = "the " + thing[4:]
            return f"{WHAT[entity.kind]} {agent['aux']} {thing} {agent['done']} by?"
        if (
            subject
            and entity.kind in WHAT
            and verb_first
            and not re.search(r"[,;:—–]\s", rest)
            and not rest.startswith("(")
        ):
            # "X is also funded by ...": the "also" points at a sentence the card does not show.
            rest = re.sub(r"^(?:(\w+) )?also\b ?", lambda m: f"{m[1]} " if m[1] else "", rest)
            return f"{WHAT[entity.kind]} {rest.rstrip('.')}?"
        return f"Which fits the blank? {blanked(text, entity)}"

    def distractors(self, fact: Fact, entity: Entity, count: int) -> list[str]:
        if entity.kind in NUMERIC_KINDS:
            return numbers.wrong_values(entity, self.rng, count)
        if entity.named:
            pool = self.terms.get((fact.doc.id, entity.defined), {})
        elif entity.kind is EntityKind.TERM and not entity.expansion:
            return []  # a bare term has no kin in the text to stand beside it
        else:
            pool = self.pools.get((fact.doc.id, entity.kind), {})
        in_sentence = {e.key for e in fact.entities} | {entity.key}
        sentence_folded = fact.sentence.text.casefold()
        acronyms = self.indexes[fact.doc.id].acronyms
        # "the PSF" in the sentence: "Python Software Foundation" is no wrong answer beside it.
        in_sentence |= {
            acronyms[word].casefold()
            for word in re.findall(r"\b[A-Z][A-Z0-9&]{1,6}\b", fact.text)
            if word in acronyms
        }
        options = sorted(pool.items())
        self.rng.shuffle(options)
        chosen = []
        context: set[str] | None = None
        for key, text in options:
            if key in sentence_folded or any(k in key or key in k for k in in_sentence):
                continue  # "Korea" for "South Korea" in the same sentence is no wrong answer
            if not _same_form(entity.text, text, exact=entity.named):
                continue  # "FSF" beside "Free Software Foundation": a giveaway
            if context is None:
                context = _content_words(
                    fact.text[max(0, entity.start - 60) : entity.start]
                    + " "
                    + fact.text[entity.end : entity.end + 60]
                )
            if self.made_true(fact, key, context):
                continue
            chosen.append(text)
            if len(chosen) == count:
                break
        if entity.kind is EntityKind.ROLE and entity.text.casefold() != entity.key:
            chosen = [plural_role(c) for c in chosen]
        if entity.text[:1].isupper() and entity.kind is EntityKind.ROLE:
            chosen = [c[:1].upper() + c[1:] for c in chosen]
        return chosen

    def made_true(self, fact: Fact, other: str, context: set[str]) -> bool:
        """Does another sentence say the same thing about `other`? Then it is no wrong answer.

        `context` is the content words around the answer in the card's own sentence."""
        for mention in self.mentions.get((fact.doc.id, other), []):
            if mention.sentence.index == fact.sentence.index:
                return True
            if len(context & self._near(mention, other)) >= 2:
                return True
        return False

    def _near(self, mention: Fact, key: str) -> set[str]:
        cache_key = (mention.doc.id, mention.sentence.index, key)
        words = self._near_cache.get(cache_key)
        if words is None:
            position = mention.text.casefold().find(key)
            words = (
                set()
                if position < 0
                else _content_words(mention.text[max(0, position - 60) : position + len(key) + 60])
            )
            self._near_cache[cache_key] = words
        return words


#: A reference to a publication: a page range or a volume ("pp. 100-118", "Vol. 64").
_CITATION = re.compile(r"\b(?:pp?\.\s?\d|[Vv]ol\.\s?(?:\d|[A-Z]\b))")


def breaks_gap_markup(text: str, entity: Entity) -> bool:
    """Whether a gap for `entity` in `text` would not read back as that one gap: the text has
    braces of its own ("{{ name }}" from a template, an Anki "{{c1::…}}") that become gaps too, the
    answer holds "::" (C++'s "std::vector" would read as the answer "std" with a hint), or a brace
    touches the answer ("{Seoul}" would give the answer "{Seoul")."""
    if "{{" in text or "}}" in text or "::" in entity.text or "{" in entity.text:
        return True
    before = text[entity.start - 1 : entity.start] if entity.start else ""
    return before == "{" or text[entity.end : entity.end + 1] == "}" or "}" in entity.text


def _cited_from(text: str) -> int:
    """Where a sentence's reference begins (its quoted title), or past the end when it cites
    nothing: "... discovered by Esko Ukkonen in "Algorithms for ...", Information and Control
    Vol. 64, 1985, pp. 100-118." asks for Ukkonen, never for the journal or the year."""
    citation = _CITATION.search(text)
    if not citation:
        return len(text) + 1
    title = re.search(r"[\"“]", text)
    return title.start() if title else citation.start()


def _topic_years(doc: Document) -> set[str]:
    """Years that date the whole document: asking for one teaches nothing."""
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        counts.update(set(YEAR.findall(sentence.text)))
    years = {year for year, n in counts.items() if n >= TOPIC_FREQUENCY}
    return years | set(YEAR.findall(doc.title))


#: A thing of a kind a reader uses, named as such: "the cmp command", "the -N option".
_NAMED_TOOL = re.compile(rf"\b[Tt]he ([\w.+-]*[\w+]) ({TOOL_NOUNS})\b")

#: Where the description of a defined term ends: what follows adds a side remark.
_CLAUSE_BREAK = re.compile(
    r",\s(?:and|but|which|so|rather than|instead of|while|whereas|although|though|unlike)\b"
    r"|;|\s[—–]\s"
)
_STOP = frozenset(
    "the a an and or of to in on for with by as at is are was were be been has have "
    "had this that these those it its their his her from but not can".split()
)


_CODE_FORM = re.compile(r"_|^--|\w\.\w")
_ACRONYM_FORM = re.compile(r"[A-Z][A-Z0-9&+]{1,6}s?\Z")


def _same_form(answer: str, other: str, exact: bool = False) -> bool:
    """Choices look alike: acronyms with acronyms, and about as many words (as many, for terms:
    "bN" beside "rcN", never "bootstrapped" beside "pip")."""
    if exact and len(answer.split()) != len(other.split()):
        return False
    if bool(_ACRONYM_FORM.match(answer)) != bool(_ACRONYM_FORM.match(other)):
        return False
    if bool(_CODE_FORM.search(answer)) != bool(_CODE_FORM.search(other)):
        return False  # "__pycache__" among plain words stands out
    if answer[:1].isupper() != other[:1].isupper():
        return False  # "pip" beside "Python Packaging Authority"
    return abs(len(answer.split()) - len(other.split())) <= 2 and not (
        other.split()[-1] in answer.split() and _ACRONYM_FORM.match(other.split()[-1])
    )


#: A name of unknown type is only blanked: no type hint to give, no kin to offer as choices.
#: A place named just before a comma: what follows it is the region the place is in.
_CITY_BEFORE = re.compile(r"\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,\s$")
_KINDS_FOR = {EntityKind.NAME: frozenset({Kind.CLOZE})}


def _quoted_word(text: str, entity: Entity) -> bool:
    """“creative producer” in quotes is talk about the word, not a claim about who did what."""
    return text[entity.start - 1 : entity.start] in "“\"‘'" and entity.start > 0


_AUXILIARIES = frozenset(
    "is are was were has have had can could will would may might must should "
    "often also still".split()
)


_CONTENT_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.casefold()) if w not in _STOP}


def _display(entity: Entity) -> str:
    """How an answer is shown as a choice: roles in their singular dictionary form."""
    if entity.kind is EntityKind.ROLE:
        return entity.key
    return entity.text


def _variants(answer: str, plural: bool = True) -> list[str]:
    """Other spellings that count: without a leading "The", and singular for plural terms."""
    out = []
    if answer.casefold().startswith("the "):
        out.append(answer[4:])
    if plural and answer.endswith("s") and not answer.endswith("ss"):
        out.append(answer[:-1])
    return out


def _number_value(value: float) -> int | float:
    return int(value) if value == int(value) else round(value, 6)
