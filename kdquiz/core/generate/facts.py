"""Which sentences state facts a card can stand on, rewritten to stand alone.

Questions, exclamations, first-person asides and sentences that open with an unresolvable "it" or
"this" are skipped; "She ..." becomes "Song Jinsun ..." when a person was just named; "But"/"If
you ...," openers are dropped so the card reads as a plain statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.entities import DocumentIndex, Entity, EntityKind, find_entities
from kdquiz.core.generate.text import Document, Sentence

MIN_WORDS = 6
MAX_WORDS = 60

_DISCOURSE = re.compile(
    r"^(?:but|and|yet|so|still|also|however|meanwhile|moreover|instead|then|"
    r"now|plus|besides|indeed|in fact|of course|after all)\b,?\s+",
    re.IGNORECASE,
)
_IF_YOU = re.compile(r"^if you[^,]{0,150},\s+", re.IGNORECASE)
_YOU_FIND = re.compile(
    r"^you(?:['’]ll| will| can| may)? (?:find|see|notice|learn) (?:that )?", re.IGNORECASE
)
_QUANTIFIERS = frozenset("some many most few several all both".split())
_BARE_VERBS = frozenset(
    "go are were have had do did will would can could may might say think use "
    "prefer choose aim opt of argue believe feel want need try tend".split()
)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Fact:
    """A sentence fit for a card: its standalone text, where it came from, and what it names."""

    doc: Document
    sentence: Sentence
    text: str
    entities: tuple[Entity, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


def facts_of(doc: Document, index: DocumentIndex) -> list[Fact]:
    facts: list[Fact] = []
    last_person = ""
    last_person_paragraph = -99
    for sentence in doc.sentences:
        entities_raw = find_entities(sentence.text, index)
        text = standalone(
            sentence.text, last_person if sentence.paragraph - last_person_paragraph <= 3 else ""
        )
        people = [e for e in entities_raw if e.kind is EntityKind.PERSON]
        if people:
            last_person, last_person_paragraph = people[-1].text, sentence.paragraph
        if text is None:
            continue
        entities = find_entities(text, index) if text != sentence.text else entities_raw
        if entities:
            facts.append(Fact(doc, sentence, text, tuple(entities)))
    return facts


def standalone(text: str, last_person: str) -> str | None:
    """The sentence as a self-contained statement, or None when it is not a statement of fact."""
    text = text.strip()
    if text.endswith(("?", "!")) or "?" in text[:-1]:
        return None
    text = _IF_YOU.sub("", text)
    text = _YOU_FIND.sub("", text)
    for _ in range(2):
        text = _DISCOURSE.sub("", text)
    if not text:
        return None
    words = [w.casefold() for w in _WORD.findall(text)]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if any(w in lx.FIRST_PERSON for w in words) or any(
        w in {"you", "your", "you're", "you’re", "you'll", "you’ll", "yours"} for w in words
    ):
        return None
    first = words[0]
    if first in lx.RHETORICAL_OPENERS or first == "others":
        return None
    if first in _QUANTIFIERS and len(words) > 1 and words[1] in _BARE_VERBS:
        return None  # "Some go for ...": some what?
    if first in lx.PERSONAL_PRONOUNS:
        if not last_person:
            return None
        rest = text[len(first) :]
        text = last_person + lx.PERSONAL_PRONOUNS[first] + rest
    elif first in lx.VAGUE_OPENERS or first.replace("’", "'") in lx.VAGUE_OPENERS:
        return None
    if not text[0].isupper():
        text = text[0].upper() + text[1:]
    if not text.endswith((".", "”", '"', "’", ")")):
        text += "."
    return text
