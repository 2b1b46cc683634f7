"""Which sentences state facts a card can stand on, rewritten to stand alone.

Questions, exclamations, first-person asides and every sentence that leans on another for who or
what it is about ("Currently, it supports ...", "this problem", "The company ...", credit lines,
lead-ins to a list) are skipped, unless the sentence just before names what is meant: "She ..."
becomes "Song Jinsun ..." when a person was just named, "Currently, it supports ..." becomes
"Currently, Debian supports ..." after a sentence that opens with Debian;
"But"/"If you ...," openers are dropped so the card reads as a plain statement. A first-person
passage introduced with its author's name ("written by Guido van Rossum:") is kept as quotations
of that author, since there the "I" is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.advice import Advice, advice, instruction
from kdquiz.core.generate.attribution import Claim, claims_of
from kdquiz.core.generate.citations import citation_only
from kdquiz.core.generate.descriptions import described_by_heading
from kdquiz.core.generate.entities import (
    YEAR,
    DocumentIndex,
    Entity,
    EntityKind,
    find_entities,
)
from kdquiz.core.generate.exposition import impersonal
from kdquiz.core.generate.glossary import (
    MIN_CATALOGUE,
    CatalogueEntry,
    catalogue_entry,
    catalogue_line,
    definition_item,
    dictionary_entry,
    headword,
    named_by_heading,
    named_entry,
)
from kdquiz.core.generate.howto import Howto, Procedure, howto, procedures
from kdquiz.core.generate.meanings import explained
from kdquiz.core.generate.pairs import (
    Pair,
    keys_in_brackets,
    pairs_in,
    without_leaning_asides,
)
from kdquiz.core.generate.requirements import condition, requirement
from kdquiz.core.generate.shapes import (
    SUBJECT_NOUNS,
    UNKNOWN_KIND,
    kinds_named,
    restated,
    shaped,
    subject_does,
    which_does,
)
from kdquiz.core.generate.siblings import Compared, compared_facts
from kdquiz.core.generate.text import Document, Sentence

MIN_WORDS = 6
MAX_WORDS = 40

_DISCOURSE = re.compile(
    r"^(?:but|and|yet|so|still|also|however|meanwhile|moreover|instead|then|"
    r"now|plus|besides|indeed|in fact|of course|after all|therefore|thus|hence|similarly|"
    r"afterwards?|"
    r"likewise|consequently|as a result|for example|for instance|by so doing|in so doing)\b,?\s+",
    re.IGNORECASE,
)
#: A short exclamatory lead-in set off by a dash: "With good reason --- the combination ...".
_DASHED_LEAD = re.compile(r"^[A-Za-z][\w ,'’]{0,30}\s(?:---|--|—)\s+(?=[a-z])")
#: "therefore", "thus" inside a sentence lean on the one before: "Python 1.6 therefore ...".
_INNER_CONNECTIVE = re.compile(r",? (?:therefore|thus|hence|consequently),? (?=[a-z])")
#: A hypothetical: "If there were only 5 people ..., it would never have gotten done."
_HYPOTHETICAL = re.compile(r"^(?:if|had|were)\b.*\b(?:would|might|could)\b", re.IGNORECASE)
_IF_YOU = re.compile(r"^if you[^,]{0,150},\s+", re.IGNORECASE)
_YOU_FIND = re.compile(
    r"^(?:you(?:['’]ll| will| can| may)? (?:find|see|notice|learn) (?:that )?|"
    r"(?:you (?:need|have|ought|want) to |(?:do )?)(?:reali[sz]e|remember|note|notice|"
    r"keep in mind|bear in mind|understand) that )",
    re.IGNORECASE,
)
#: A lead-in that only announces the statement after its colon: "A second thing to note: ...",
#: "Note: ...", "Tip: ...". The statement stands without it.
_ANNOUNCED = re.compile(
    r"^(?:note|tip|warning|caution|important|remember|in short|in brief|in other words|"
    r"(?:an?|the|one|another)(?: \w+){0,2} (?:thing|point|fact|rule|caveat|lesson|detail)"
    r"(?: (?:to|worth) (?:note|noting|remember|know))?)\s*:\s+(?=\S)",
    re.IGNORECASE,
)
_QUANTIFIERS = frozenset("some many most few several all both".split())
_BARE_VERBS = frozenset(
    "go are were have had do did will would can could may might say think use "
    "prefer choose aim opt of argue believe feel want need try tend".split()
)
_WORD = re.compile(r"[\w'’-]+")
#: Credit lines and other bracketed asides: "(Contributed by Eric Snow in 44590.)".
_CREDIT = re.compile(
    r"^\(|^(?:contributed|written|implemented|implementation|patch|pep written|"
    r"ideas inspired|reported|suggested) by\b",
    re.IGNORECASE,
)
#: A pronoun opening the main clause after a short lead-in: "Currently, it officially supports",
#: "At 12 episodes, it ...", "During his time as leader ...".
_CLAUSE_PRONOUN = re.compile(
    r"^(?:(?P<lead>[^,;:]{1,80}),\s+|\w+\s+)(?:it|they|he|she|his|her|its|their|him|them)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.IGNORECASE)
#: "this problem", "these tools", "such systems", "the one with ...", "the latter", "the
#: following would use 100GB", "the above string", "at the time of release" (which one?): the
#: thing meant is in another sentence.
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|these|those|such)\s+[a-z]|\bthe (?:one|ones|latter|former|following|above)\b(?!-)"
    r"|\bat the time of (?:the )?(?:release|writing|launch)\b(?! of)",
    re.IGNORECASE,
)
#: "The company ...", "The main team ...", "The two ...": a description that only the previous
#: sentence fills.
_VAGUE_THE = re.compile(
    r"^the\s+(?:(?:main\s+|new\s+|same\s+)?(?:company|project|team|group|release|tool|program|"
    r"book|article|latter|former|firm|site|service|show|series|film|conference|event)|"
    r"two|three|four|other)\b",
    re.IGNORECASE,
)


#: Sections that point elsewhere or thank people: reading lists, references, credits.
_REFERENCES = re.compile(
    r"\b(?:references?|further reading|bibliography|see also|acknowledge?ments?|credits|"
    r"thanks|resources|links)\b",
    re.IGNORECASE,
)
#: A line that starts with a dash names the source of the quotation above it.
_ATTRIBUTION = re.compile(r"^\s*(?:—|--|―|-\s)")
_PROPER = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|van|von|de|da))*"
#: "A, B, C and D helped with ...": three or more people thanked in one breath, or one or two
#: who "helped".
_CREDIT_LIST = re.compile(
    rf"^{_PROPER}(?:,\s+{_PROPER})+,?\s+and\s+{_PROPER},?\s+(?:have\s+|has\s+|also\s+)?"
    r"(?:helped|contributed|assisted|tested|reported|provided|sent|wrote)\b"
    # One or two helpers thanked: "Alexandre Sauvé helped converting the build system ...".
    rf"|^{_PROPER}(?:\s+and\s+{_PROPER})?\s+(?:also\s+)?(?:helped|assisted)\b"
)


@dataclass(frozen=True)
class Fact:
    """A sentence fit for a card: its standalone text, where it came from, and what it names."""

    doc: Document
    sentence: Sentence
    text: str
    entities: tuple[Entity, ...]
    #: Kept only for the shape it states, from a sentence otherwise skipped (one ending in a
    #: colon before its example): ranked below a sentence that stands whole.
    partial: bool = False
    #: A rule told to the reader ("Use the X helper to ..."), asked in the generator's words:
    #: `text` is then that statement, not the sentence.
    told: Advice | None = None
    #: An entry of a catalogue of lower-case names ("root: Root is the superuser."), asked
    #: from its definition to its name alone.
    entry: CatalogueEntry | None = None
    #: A command shown after the sentence that says what it is for, asked "How do you ...?":
    #: `text` is then that question.
    howto: Howto | None = None
    #: Numbered steps opened by this sentence, asked as their order: `text` is the question.
    procedure: Procedure | None = None
    #: A claim the text attributes to a named person, asked "Who ...?" (attribution.py).
    claim: Claim | None = None
    #: Things the sentence pairs each with what it does ("Ctrl+O opens ..., Ctrl+S saves
    #: ..."), each asked on its own.
    pairs: tuple[Pair, ...] = ()
    #: One of several things of a kind the text describes in turn, asked "Which <kind> ...?"
    #: from what this sentence alone says of it.
    compared: Compared | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


def facts_of(doc: Document, index: DocumentIndex) -> list[Fact]:
    """The document's sentences fit for a card, in order, each with the things it names."""
    facts: list[Fact] = []
    last_person = ""
    last_person_paragraph = -99
    speaker, speaker_heading = "", ""
    previous: Sentence | None = None
    previous_subject = previous_plural = previous_text = ""
    kinds = kinds_named([s.text for s in doc.sentences])
    attributions = {
        s.paragraph for s in doc.sentences if _ATTRIBUTION.match(s.text) and s.paragraph
    }
    catalogue = catalogue_of(doc)
    story = narrative(doc)
    objects = story_objects(doc) if story else {}
    steps = {p.first: p for p in procedures(list(doc.sentences))}
    compared = compared_facts(doc)
    for sentence in doc.sentences:
        if sentence.index in steps:
            facts.append(
                Fact(
                    doc, sentence, steps[sentence.index].prompt, (), procedure=steps[sentence.index]
                )
            )
        if sentence.index in catalogue:
            entry = catalogue[sentence.index]
            if entry:
                facts.append(Fact(doc, sentence, sentence.text, (), entry=entry))
            continue  # no other blank: the name is the point, its definition leans on it
        if sentence.code_after:
            asked = howto(sentence.text, sentence.heading, sentence.code_after)
            if asked:
                facts.append(Fact(doc, sentence, asked.prompt, (), howto=asked))
                continue
        if sentence.paragraph in attributions:
            continue  # "— A. Author. A Title, Publisher (2010).": who said it, not a fact
        entities_raw = find_entities(sentence.text, index)
        follows = (
            previous is not None
            and previous.index == sentence.index - 1
            and previous.paragraph == sentence.paragraph
        )
        source = sentence.text
        if story:
            source = _SPEECH_AFTER.sub(".", source)  # "..., saying, Arise, go ...": told apart
        if follows and previous_subject and previous:
            source = resolve_referent(source, previous_subject, previous.text)
        if follows and previous:
            source = named_again(same_year_named(source, previous.text), previous.text)
        source = described_by_heading(source, sentence.heading, doc.headings)
        adjacent = (
            previous is not None
            and previous.index == sentence.index - 1
            and previous.heading == sentence.heading
        )
        if adjacent and previous_plural:  # a paragraph may open on "They"
            source = _THEY.sub(previous_plural[:1].upper() + previous_plural[1:] + " ", source)
        previous, previous_subject = sentence, subject_of(source, index)
        previous_plural = plural_subject(source)
        text = standalone(
            source, last_person if sentence.paragraph - last_person_paragraph <= 3 else ""
        )
        if text is None and len(_WORD.findall(source)) < MIN_WORDS and definition_item(source):
            text = source  # "C-b: Move back one character.": short, but a whole list entry
        if text is not None:
            text = index.named_in_full(text)
        named_before = previous_text if follows else ""
        previous_text = text or ""
        if speaker and (sentence.heading != speaker_heading or sentence.text.endswith("?")):
            speaker = ""
        if text is None and speaker:
            quoted = attributed(sentence.text, speaker)
            if quoted:
                lead = len(speaker)
                found = [e for e in find_entities(quoted, index) if e.start > lead]
                if found:
                    facts.append(Fact(doc, sentence, quoted, tuple(found)))
                continue
        listed = tuple(pairs_in(text or sentence.text))
        told = advice(sentence.text) or instruction(sentence.text)
        if told and not (text and shaped(text)) and not refers_elsewhere(told.source):
            # "To extract ..., use X instead of the older tools" is asked by its shape.
            facts.append(Fact(doc, sentence, told.statement, (), told=told, pairs=listed))
            continue
        introduced = speaker_line(sentence.text)
        if introduced:
            speaker = introduced.group(1) or introduced.group(2)
            speaker_heading = sentence.heading
        people = [e for e in entities_raw if e.kind is EntityKind.PERSON]
        if people:
            last_person = index.full_name(people[-1].text)
            last_person_paragraph = sentence.paragraph
        if _QUOTE_OR_SELF.search(sentence.text):
            # Quotations and first-person passages name people by other means ("Bruce was
            # the natural choice to succeed me"): a later "He" may mean someone not indexed.
            last_person = ""
        if citation_only(sentence.text):
            continue  # "[The Politics of Individualism, p. 106].": where a quotation is from
        if listed and refers_elsewhere(without_leaning_asides(sentence.text)):
            listed = ()  # "They saves it ...": the list leans on another sentence
        if text is None and listed and not _REFERENCES.search(sentence.heading):
            # "You can use the keyboard to move (arrow keys), scale (< and > keys) ...": told
            # to the reader, but each pair stands alone.
            facts.append(Fact(doc, sentence, sentence.text, (), pairs=listed))
            continue
        if text is None:
            if _REFERENCES.search(sentence.heading):
                continue
            if named_before and _THIS_CALLED.match(sentence.text):
                # "... most code has regions where types rarely change. This concept is known
                # as type stability.": the two sentences together name what they describe.
                rescued: str | None = f"{named_before} {sentence.text}"
            else:
                rescued = _shape_alone(sentence.text, kinds)
            if rescued:
                facts.append(Fact(doc, sentence, rescued, (), partial=True))
            elif named_before:
                paired = _after_its_context(named_before, source, index)
                if paired:
                    facts.append(paired_fact(doc, sentence, paired))
            continue
        if _REFERENCES.search(sentence.heading) or _CREDIT_LIST.search(text):
            continue  # a reading list or a list of helpers: who wrote what is not the lesson
        entities = find_entities(text, index) if text != sentence.text else entities_raw
        if sentence.index in objects:
            entities = [*entities, *brought_in(text, objects[sentence.index])]
        if (
            entities
            or shaped(text)
            or explained(text)
            or subject_does(text, kinds)
            or which_does(text)
            or definition_item(text)
            or named_entry(text)
            or requirement(text)
            or condition(text)
            or listed
            or sentence.index in compared
        ):
            which = compared.get(sentence.index) if text == sentence.text else None
            does = subject_does(text, kinds) if which else None
            if which and (
                shaped(text)
                or does
                and does.group != UNKNOWN_KIND
                or which_does(text)
                or any(e.defined for e in entities)
            ):
                # "pip is the preferred installer program": asked by its shape, among its kin
                # ("What ... ?" alone has no choices: the set's are offered beside it).
                which = None
            facts.append(Fact(doc, sentence, text, tuple(entities), pairs=listed, compared=which))
    return _with_claims(doc, index, facts)


def _with_claims(doc: Document, index: DocumentIndex, facts: list[Fact]) -> list[Fact]:
    """Each attributed claim on the fact of its sentence, or on a fact of its own where the
    sentence was skipped (a quotation, a sentence too long until cut at a clause boundary)."""
    claims = claims_of(doc, index)
    if not claims:
        return facts
    plain = {
        f.sentence.index: n
        for n, f in enumerate(facts)
        if not (f.told or f.entry or f.howto or f.procedure or f.partial)
    }
    by_index = {s.index: s for s in doc.sentences}
    for number, claim in claims.items():
        first, *rest = claim.restated.split("\n") if claim.restated else [""]
        if number in plain:
            facts[plain[number]] = replace(facts[plain[number]], claim=claim)
        else:
            text = standalone(first, "") if first else None
            entities = tuple(find_entities(text, index)) if text else ()
            facts.append(Fact(doc, by_index[number], text or claim.said, entities, claim=claim))
        for other in filter(None, (standalone(r, "") for r in rest)):
            # Who said it is asked once, on the first half: here only what else it names.
            found = [e for e in find_entities(other, index) if e.text != claim.person]
            facts.append(Fact(doc, by_index[number], other, tuple(found)))
    facts.sort(key=lambda f: f.sentence.index)
    return facts


#: Sentences opening with "And", "Then", "So", "But" or "Now", at least this share of a
#: text's: a story told in a chain of events, not an exposition.
NARRATIVE_SHARE = 0.3
_CHAINED = re.compile(r"^(?:and|then|so|but|now)\b", re.IGNORECASE)
#: Unquoted speech after a narrative's clause: "..., saying, Arise, go to Nineveh ..." and "...,
#: and said, I am ...": the clause before it is told by the narrator, the speech is not.
_SPEECH_AFTER = re.compile(
    r"(?<=\w)[,;:]\s+(?:and\s+)?(?:saying|said|say|says)(?:\s+unto\s+\w+)?,\s+[A-Z].*$"
)
#: "prepared a great fish", "found a ship": a thing a story brings in with "a"/"an" and one
#: word before it at most.
_BROUGHT_IN = re.compile(r"\b(?:a|an)\s+(?:(?P<adj>[a-z]+)\s+)?(?P<noun>[a-z]{3,})\b")
#: Mentions with "the" after its first, at least: the story comes back to it.
MIN_RETURNS = 2


def narrative(doc: Document) -> bool:
    """Is the text a story told as a chain of events ("And ... Then ... So ...")?"""
    sentences = doc.sentences
    chained = sum(1 for s in sentences if _CHAINED.match(s.text))
    return bool(sentences) and chained >= NARRATIVE_SHARE * len(sentences)


def story_objects(doc: Document) -> dict[int, str]:
    """The things a story brings in ("the LORD had prepared a great fish") and comes back to
    ("the belly of the fish", "unto the fish"), by the sentence that brings each in: what the
    story turns on, worth a blank there although an everyday word."""
    first: dict[str, int] = {}
    returns: dict[str, int] = {}
    for sentence in doc.sentences:
        for match in _BROUGHT_IN.finditer(sentence.text):
            noun = match["noun"]
            if noun not in lx.STOP_WORDS and (
                not match["adj"] or match["adj"] not in lx.STOP_WORDS
            ):
                first.setdefault(noun, sentence.index)
        for noun in re.findall(r"\bthe\s+([a-z]{3,})(?:['’]s)?\b", sentence.text):
            if noun in first and first[noun] < sentence.index:
                returns[noun] = returns.get(noun, 0) + 1
    out: dict[int, str] = {}
    for noun, at in first.items():
        if returns.get(noun, 0) >= MIN_RETURNS and at not in out:
            out[at] = noun
    return out


def brought_in(text: str, noun: str) -> list[Entity]:
    """The story's thing where the sentence brings it in ("a great {fish}"), as a term."""
    for match in _BROUGHT_IN.finditer(text):
        if match["noun"] == noun:
            start = match.start("noun")
            return [Entity(EntityKind.TERM, noun, start, start + len(noun), named=True)]
    return []


def catalogue_of(doc: Document) -> dict[int, CatalogueEntry | None]:
    """The lines of a document's catalogues of lower-case names, by sentence: each section
    with at least MIN_CATALOGUE such lines of different names. A line asked is its entry; one
    that cannot be asked (its name in plain sight, a request for help) is None: no card."""
    sections: dict[str, dict[int, CatalogueEntry | None]] = {}
    for sentence in doc.sentences:
        if not catalogue_line(sentence.text):
            continue
        entry = catalogue_entry(sentence.text)
        if entry:
            entry = replace(entry, said=named_by_heading(entry, sentence.heading))
        if entry and refers_elsewhere(entry.said):
            entry = None
        sections.setdefault(sentence.heading, {})[sentence.index] = entry
    out: dict[int, CatalogueEntry | None] = {}
    for entries in sections.values():
        terms = [catalogue_line(doc.sentences[i].text) for i in entries]
        if len(set(terms)) >= MIN_CATALOGUE and len(set(terms)) == len(terms):
            out.update(entries)
    out.update(dictionary_of(doc))
    return out


def dictionary_of(doc: Document) -> dict[int, CatalogueEntry | None]:
    """The entries of a document's dictionaries ("ABSURDITY, n. A statement ..."), by sentence:
    each section with at least MIN_CATALOGUE entries of different headwords. An entry whose
    definition is the next sentence ("ABRIDGE, v.t." "To shorten.") takes it, and that sentence
    gets no card of its own; an entry that gives its headword away is None: no card."""
    sections: dict[str, dict[int, CatalogueEntry | None]] = {}
    terms: dict[str, list[str]] = {}
    sentences = doc.sentences
    for number, sentence in enumerate(sentences):
        found = headword(sentence.text)
        if not found:
            continue
        term, part_of_speech, definition = found
        said = sentence.text
        entries = sections.setdefault(sentence.heading, {})
        following = sentences[number + 1] if number + 1 < len(sentences) else None
        if not definition and following and following.paragraph == sentence.paragraph:
            definition, said = following.text, f"{sentence.text} {following.text}"
            entries[following.index] = None
        entries[sentence.index] = dictionary_entry(term, part_of_speech, definition, said)
        terms.setdefault(sentence.heading, []).append(term)
    out: dict[int, CatalogueEntry | None] = {}
    for heading, entries in sections.items():
        names = terms[heading]
        if len(set(names)) >= MIN_CATALOGUE and len(set(names)) == len(names):
            out.update(entries)
    return out


#: Words a card of two sentences may have at most.
MAX_PAIRED_WORDS = 55


def _after_its_context(
    before: str, text: str, index: DocumentIndex
) -> tuple[str, int, list[Entity]] | None:
    """A sentence that leans on the one before it ("Debian 2.0 was released July 1998 ... This
    release marked the move to glibc2."), as the two together, where the second's own names
    start, and those names; None when it leans further back or says nothing to ask."""
    second = standalone(text, "", shown_after=before)
    if not second:
        return None
    combined = f"{before} {second}"
    if len(_WORD.findall(combined)) > MAX_PAIRED_WORDS:
        return None
    found = [e for e in find_entities(second, index)]
    if not found:
        return None
    return combined, len(before) + 1, found


def paired_fact(doc: Document, sentence: Sentence, paired: tuple[str, int, list[Entity]]) -> Fact:
    """The fact of a sentence shown after the one it leans on; its blanks are its own names."""
    combined, offset, found = paired
    shifted = tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in found)
    return Fact(doc, sentence, combined, shifted, partial=True)


def _shape_alone(text: str, kinds: dict[str, str]) -> str | None:
    """A sentence skipped as a whole that still states what a named tool does, asked on that
    alone (no other blank of it): "The float.hex() method expresses a float in hexadecimal:"
    only introduces an example, and in "Another form ... is supported by the fractions module
    which implements ..." the relative clause needs nothing from elsewhere."""
    if "?" in text or text.endswith("!"):
        return None
    if text.endswith(":"):
        statement = standalone(text[:-1] + ".", "")
        if statement and subject_does(statement, kinds):
            return statement
    if which_does(text) and not _FIRST_WORD_VAGUE.match(text):
        return text if text.endswith((".", ")")) else None
    return None


_FIRST_WORD_VAGUE = re.compile(r"^(?:it|this|that|these|those|they|he|she)\b", re.I)


#: "..., written by Guido van Rossum:", "Ian Murdock writes:": what follows is in their words.
#: A speaker's name: two or three capitalised parts, each a word of at most 40 letters (the
#: bound keeps the search short on a "word" of thousands of letters).
_NAME = r"([A-Z][\w’'-]{1,40}(?: (?:van|von|de|da|der) )?(?: ?[A-Z][\w’'-]{1,40}){1,2})"
_SPEAKER = re.compile(
    rf"(?:(?:written|said|told|recalled|explained|recounted) by {_NAME}\s*:\s*$)|"
    rf"(?:^{_NAME} (?:writes|says|states|recalls|explains|remembers|notes)\s*:\s*$)"
)


#: No speaker line ("As recalled by Guido van Rossum:") is longer than this: its name has at
#: most three parts of 41 characters.
_SPEAKER_LINE_CHARS = 200


def speaker_line(text: str) -> re.Match[str] | None:
    """The line that introduces someone's own words, read only at the end of the sentence,
    where the pattern must end: a long sentence is not searched from each of its words."""
    end = len(text.rstrip())
    if not text[end - 1 : end] == ":":
        return None
    return _SPEAKER.search(text, max(0, end - _SPEAKER_LINE_CHARS))


def attributed(text: str, speaker: str) -> str | None:
    """A first-person sentence of a passage in someone's own words, as a quotation of them:
    'Guido van Rossum: “During the 1989 Christmas holidays, I had a lot of time ...”'."""
    text = text.strip()
    words = [w.casefold() for w in _WORD.findall(text)]
    if text.endswith(("?", "!")) or not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if not any(w in lx.FIRST_PERSON for w in words) or "you" in words:
        return None
    if refers_elsewhere(text) or words[0] in lx.VAGUE_OPENERS:
        return None
    return f"{speaker}: “{text}”"


#: The named subject a sentence opens with, before a singular verb: "Debian, remaining true to
#: its principles, has had ...", "Legally speaking, Debian is a project ...".
_SUBJECT = re.compile(
    r"^(?:[A-Z][a-z]+(?: [a-z]+){0,3}[,:]\s+)?(?P<subject>(?:The )?[A-Z][\w.+/-]*"
    r"(?: (?:[A-Z0-9][\w.+/-]*|of|for|de|van)){0,4}?)(?:,[^,;:]{1,80},| \([^()]{1,40}\))?"
    r" (?:is|was|has|had|does|did|can|could|will|would|may|might|must|should|"
    r"(?!is\b|was\b|has\b|does\b)[a-z]{2,}(?:s|ed))\b"
)
#: "it" as the subject of the main clause, possibly after a short lead-in: "Currently, it ...".
_IT = re.compile(r"^(?P<lead>[^,;:]{1,60},\s+)?(?P<pronoun>it|its)\b(?P<rest>.*)$", re.I | re.S)
#: "It is important to", "it seems that", "it means": an "it" that points at no thing.
_DUMMY_IT = re.compile(
    r"^\s+(?:(?:is|was|['’]s|would be|will be|may be|might be|can be|could be|has been)"
    r"(?! (?:a|an|the|one)\b)|seems|seemed|appears|appeared|takes|took|means|meant|follows|"
    r"turns out|happens|happened|occurred|makes sense)\b",
    re.I,
)
#: "The project ...", "This tool ...": a description the previous sentence gave its subject.
_DESCRIBED = re.compile(r"^(?:The|This) (?P<noun>[a-z]{3,})\b")


#: "This was the first release including ...": a bare "this" that ranks the thing just named.
_THIS_FIRST = re.compile(
    r"^(?P<this>This) (?:is|was) (?:the (?:first|only|last|latest|oldest|largest|smallest)|"
    r"one of the (?:first|last|few))\b"
)
#: "This set of differences is often called a "diff"": a naming sentence whose "this" only
#: points at an example; the thing named is any such set.
_THIS_NAMED = re.compile(
    r"^This (?=[a-z]+ of [a-z][a-z ]{0,40}? (?:is|are) (?:often |usually |also |commonly )?"
    r"(?:called|known as|termed|referred to as|named)\b)"
)

#: "This name ..." after a sentence about Debian is about the name "Debian".
_NAMING_NOUNS = frozenset("name word term title acronym abbreviation".split())


#: A name from code, or a GNU tool, opening a sentence that says what it is: "virtualenv is a
#: third party alternative ...", "GNU ed is a line-oriented text editor".
_CODE_SUBJECT = re.compile(
    r"^(?P<subject>(?:[A-Z]{2,} )?[a-z][\w.+-]*[a-z0-9]) (?:is|was) (?:a|an|the|one)\b"
)


def subject_of(text: str, index: DocumentIndex) -> str:
    """The thing a sentence is about, when it opens with a name that is not a person's."""
    code = _CODE_SUBJECT.match(text)
    if code and _code_name(code["subject"]):
        return code["subject"]
    match = _SUBJECT.match(text)
    if not match:
        return ""
    subject = match["subject"]
    names = [w for w in subject.split() if w[:1].isupper() and w not in lx.NOT_NAMES]
    if not names or index.kind_of(subject) is EntityKind.PERSON or _PERSONAL.search(subject):
        return ""
    if subject.startswith("The "):
        subject = "the " + subject[4:]
    return subject


def resolve_referent(text: str, subject: str, previous: str) -> str:
    """The sentence with an opening "it"/"its", or "The/This <noun>" that the previous sentence
    used to describe its subject, replaced by that subject; else the sentence unchanged.

    Only the previous sentence of the same paragraph is looked at, and only when it opens with a
    name: "Debian ... has had so much success ... Currently, it officially supports nine
    architectures" gives "Currently, Debian officially supports nine architectures"."""
    it = _IT.match(text)
    referring = it and (not _DUMMY_IT.match(it["rest"]) or _described_passive(it["rest"], previous))
    if it and referring and not _names_someone(it["lead"] or ""):
        name = subject if it["pronoun"].casefold() == "it" else _possessive_of(subject)
        if not it["lead"] and name.startswith("the "):
            name = "The" + name[3:]  # "virtualenv" keeps its case
        return (it["lead"] or "") + name + it["rest"]
    first = _THIS_FIRST.match(text)
    if first:
        return subject[:1].upper() + subject[1:] + text[first.end("this") :]
    described = _DESCRIBED.match(text)
    if described and described["noun"] in _NAMING_NOUNS:
        return f"The {described['noun']} {subject}" + text[described.end() :]
    if described:
        noun = described["noun"]
        said = re.search(
            rf"\b(?:is|was|are|were) (?:a|an|the|one of the)\b[^.;:]{{0,60}}?\b{noun}\b", previous
        )
        if said and subject in previous:
            return subject[:1].upper() + subject[1:] + text[described.end() :]
    return text


_SAME_YEAR = re.compile(r"\b(?:(?P<month>[A-Z][a-z]+) of )?(?P<the>[Tt]he same year|that year)\b")


def same_year_named(text: str, previous: str) -> str:
    """ "In October of the same year, ..." after a sentence that names one year: "In October
    2000, ...". With no year or several before it, the sentence is unchanged."""
    match = _SAME_YEAR.search(text)
    years = set(YEAR.findall(previous))
    if not match or len(years) != 1:
        return text
    year = years.pop()
    month = match.group("month")
    if month and month not in lx.MONTHS:
        return text
    said = f"{month} {year}" if month else year
    return text[: match.start()] + said + text[match.end() :]


#: Kinds of named thing a manual points back to with "that" or "this".
_NAMED_KINDS = f"{SUBJECT_NOUNS}|variable|setting|field|key|file|directory|parameter"
_THAT_THING = re.compile(rf"\b(?P<that>[Tt]hat|[Tt]his) (?P<noun>{_NAMED_KINDS})\b(?! \w+ed\b)")


def named_again(text: str, previous: str) -> str:
    """ "If that variable has not been assigned ..." after "... the isearch-terminators variable
    are used to ...": "If the isearch-terminators variable has not been assigned ...". Only
    when the sentence before names exactly one thing of that kind."""
    match = _THAT_THING.search(text)
    if not match:
        return text
    noun = match.group("noun")
    names = set(re.findall(rf"\b[Tt]he ([\w.+-]*[\w+]) {noun}\b", previous))
    if len(names) != 1:
        return text
    name = names.pop()
    if name.casefold() in lx.STOP_WORDS or name.casefold() in lx.TOOL_MODIFIERS:
        return text  # "the same variable", "the main program": no name
    the = "The" if match.group("that")[0].isupper() and match.start() == 0 else "the"
    return text[: match.start()] + f"{the} {name} {noun}" + text[match.end() :]


#: "This concept is known as type stability": a name for what the sentence before described.
_THIS_CALLED = re.compile(
    r"^This (?:[a-z]+ ){1,2}(?:is|are) (?:(?:often|usually|also|sometimes|commonly) )?"
    r"(?:known as|called|termed|referred to as|named) [^,;:]{3,40}\.$"
)
#: "They" opening a sentence, as the subject of its verb.
_THEY = re.compile(r"^They (?=(?:\w+ly )?[a-z]+(?:ed|en)?\b)(?!are\b|were\b(?! [a-z]+ed\b))")
#: A plain plural noun as the subject of a clause: "..., sockets are about the only game".
_PLURAL_SUBJECT = re.compile(
    r"(?:^|, )(?P<np>(?:[a-z][\w-]+ )?[a-z][\w-]+[^s's]s) "
    r"(?:are|were|have|had|can|could|will|would|do|did|may|must)\b"
)


def plural_subject(text: str) -> str:
    """The plural noun a sentence makes the subject of a clause ("Sockets are by far the most
    popular"), which an opening "They" in the next sentence means: "They were invented in
    Berkeley" -> "Sockets were invented in Berkeley". One such subject only, or none."""
    found = {m["np"] for m in _PLURAL_SUBJECT.finditer(text[:1].lower() + text[1:])}
    if len(found) != 1:
        return ""
    phrase = found.pop()
    words = phrase.split()
    if any(w in lx.STOP_WORDS or w in _QUANTIFIERS for w in words):
        return ""
    if language.lemma(words[-1]) == words[-1]:
        return ""  # "news", "series": not a plural the dictionary knows
    return phrase


def _code_name(subject: str) -> bool:
    """A lower-case name no dictionary has ("virtualenv", "debian-installer"), or a lower-case
    word named after an all-capitals project name ("GNU ed")."""
    words = subject.split()
    if len(words) == 2:
        return words[1] not in lx.STOP_WORDS
    return language.zipf(subject) < language.COMMON_ZIPF and subject not in lx.STOP_WORDS


#: "It is used to ...", "It was written in C++": a passive whose "it" is a thing, unless the
#: verb is one of saying or deciding ("It was decided to ...", "It is believed that ...").
_PASSIVE = re.compile(r"^\s+(?:is|was)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+(?:ed|en)|made|built|used)\b")
_IMPERSONAL = frozenset(
    "decided believed thought said known expected hoped agreed assumed estimated shown argued "
    "claimed felt considered reported noted recommended suggested understood required needed "
    "proposed feared planned rumored rumoured found seen given".split()
)
#: The sentence before says what its subject is: "GNU ed is a line-oriented text editor."
_COPULA = re.compile(r"^[^,;:]{1,60}? (?:is|was) (?:a|an|the|one)\b")


def _described_passive(rest: str, previous: str) -> bool:
    """A passive "it" right after a sentence that described its subject: that subject."""
    passive = _PASSIVE.match(rest)
    return bool(passive and passive["verb"] not in _IMPERSONAL and _COPULA.match(previous))


def _possessive_of(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


_QUOTE_OR_SELF = re.compile(r"^\s*[“\"]|\b(?:I|me|my|we|our)\b")


#: A leading clause whose "he"/"she" the main clause then names.
_CATAPHORA = re.compile(
    r"^(?:when|while|after|before|once|as|although|though|since)\s+(?:he|she)\b[^.;:]*?,\s+"
    r"(?:[^,.;:]+,\s+){0,2}[A-Z][a-z]+(?:\s[A-Z][a-z]+)+\s+[a-z]+",
    re.IGNORECASE,
)


#: A pointer to other reading ("Consult the Trademark Usage Policy for more information"):
#: the name in it is a cross-reference, not a fact.
_CROSS_REFERENCE = re.compile(
    r"\b(?:consult|refer to|links? to|for (?:more|further) (?:information|details)|"
    r"can be found (?:in|at|on)|(?:is|are) (?:described|documented|explained|listed) in|"
    r"the rest is in|the (?:previous|preceding|next|last|following) (?:section|chapter|part))\b"
    r"|^see\b|\(see\b",
    re.IGNORECASE,
)


def refers_elsewhere(text: str) -> bool:
    """Does the sentence lean on another one for who or what it is about?"""
    head, dot, tail = text.rpartition(". ")
    if dot and _THIS_CALLED.match(tail):
        text = head + "."  # "... This concept is known as X.": named by the sentence before
    if _CREDIT.search(text) or _DEMONSTRATIVE.search(text) or _VAGUE_THE.search(text):
        return True
    if _CROSS_REFERENCE.search(text):
        return True
    brackets = text.count("(")
    if text.rstrip().endswith((":", ":.")) or brackets != text.count(")"):
        return True  # introduces a list, a command or a quotation; or a broken aside
    if brackets >= 3 and not keys_in_brackets(text):
        return True  # three asides; not "move (arrow keys), scale (< and > keys), ...": pairs
    if _CATAPHORA.match(text):
        return False  # "When he created Debian, in 1993, Ian Murdock had …": named right after
    clause = _CLAUSE_PRONOUN.search(text)
    if clause and not (clause.group("lead") and _names_someone(clause.group("lead"))):
        return True
    personal = _PERSONAL.search(text)
    return bool(personal and not _names_someone(text[: personal.start()]))


def _names_someone(text: str) -> bool:
    """A capitalised word other than the first, that is no sentence opener: a name."""
    words = _WORD.findall(text)[1:]
    return any(w[:1].isupper() and w not in lx.NOT_NAMES for w in words)


#: Where a side remark begins, that a long sentence can lose: ", which he described as ...".
_SIDE_REMARK = re.compile(r"(?:,|;) (?:which|who|whom|although|though|while|whereas) |; ")
#: Where a trailing side remark begins: a relative or concessive clause, or a participle
#: (", keeping this impact as small as possible").
_TRAILING_REMARK = re.compile(
    r"(?:,|;) (?:which|who|whom|although|though|while|whereas|because|since|so that|"
    r"[a-z]{3,}ing)\b|; |\s[—–]\s"
)


def _without_leaning_remark(text: str) -> str:
    """The sentence without the trailing side remark that alone leans on another sentence
    ("GNU gettext is designed to minimize the impact of internationalization on program
    sources, keeping this impact as small ... as possible" keeps its first clause); "" when no
    such cut leaves a statement of MIN_WORDS that stands alone."""
    for match in reversed(list(_TRAILING_REMARK.finditer(text))):
        head = text[: match.start()].rstrip() + "."
        if len(_WORD.findall(head)) >= MIN_WORDS and not refers_elsewhere(head):
            return head
    return ""


#: A sentence that introduces a list or a command, or points past the sentence before it.
_BROKEN = re.compile(r":\.?$")
_FAR_POINTER = re.compile(r"\bthe (?:following|above|below)\b|\b(?:as follows|see below)\b", re.I)


def _trimmed(text: str) -> str:
    """A sentence over MAX_WORDS cut before its last side remark that makes it fit, so a long
    sentence still gives its main statement ("Ian went on to be founding director of Linux
    International, ..., which he described as ..."); unchanged when no cut fits."""
    if len(_WORD.findall(text)) <= MAX_WORDS:
        return text
    for match in reversed(list(_SIDE_REMARK.finditer(text))):
        head = text[: match.start()]
        if len(_WORD.findall(head)) <= MAX_WORDS:
            if head.count("(") != head.count(")") or head.count('"') % 2:
                return text
            return head + "."
    return text


def standalone(text: str, last_person: str, shown_after: str = "") -> str | None:
    """The sentence as a self-contained statement, or None when it is not a statement of fact.
    With `shown_after` (the sentence before, which the card shows first), an "it", "this" or
    "he" that leans on that sentence is fine."""
    text = text.strip()
    if text.endswith(("?", "!")) or "?" in text[:-1]:
        return None
    for _ in range(2):
        text = _DISCOURSE.sub("", text)
        text = _ANNOUNCED.sub("", text)
        text = _DASHED_LEAD.sub("", text)
        text = _IF_YOU.sub("", text)
        text = _YOU_FIND.sub("", text)
        text = impersonal(restated(text))
    text = _INNER_CONNECTIVE.sub(" ", text)
    text = _THIS_NAMED.sub("A ", text)
    if not text or _HYPOTHETICAL.match(text):
        return None
    text = _trimmed(text)
    # "the US" is a country, not "us".
    words = [w.casefold() for w in _WORD.findall(text) if w != "US"]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if any(w in lx.FIRST_PERSON for w in words) or any(
        w in {"you", "your", "you're", "you’re", "you'll", "you’ll", "yours"} for w in words
    ):
        return None
    first = words[0]
    if first in lx.RHETORICAL_OPENERS or first in {"others", "another"}:
        return None
    if first in _QUANTIFIERS and len(words) > 1 and words[1] in _BARE_VERBS:
        return None  # "Some go for ...": some what?
    if shown_after:
        if _BROKEN.search(text) or text.count("(") != text.count(")") or _CREDIT.search(text):
            return None
        if _CROSS_REFERENCE.search(text) or _FAR_POINTER.search(text) or first == "here":
            return None
    elif first in lx.PERSONAL_PRONOUNS:
        if not last_person:
            return None
        rest = text[len(first) :]
        text = last_person + lx.PERSONAL_PRONOUNS[first] + rest
    elif first in lx.VAGUE_OPENERS or first.replace("’", "'") in lx.VAGUE_OPENERS:
        return None
    if not shown_after and refers_elsewhere(text):
        text = _without_leaning_remark(text)
        if not text:
            return None
    first_word = _WORD.findall(text)[0]
    if not text[0].isupper() and language.zipf(first_word) >= language.COMMON_ZIPF:
        text = text[0].upper() + text[1:]  # "pip", "venv", "debian-installer" keep their case
    if not text.endswith((".", "”", '"', "’", ")")):
        text += "."
    return text
