"""Rules stated as requirements: "The license must not discriminate against any person.",
"Every package in main must comply with the DFSG."

Standards, guidelines and game rules state their facts as what something must, should or may
not do, in everyday words: no name, number or term for a blank. What a learner should recall is
the requirement itself, so such a sentence is asked as a true/false statement, either as written
or with its requirement turned around ("must not" -> "may", "must" -> "need not"). Only a
sentence with one such verb, after a subject of its own and before a predicate, is asked: a
second modal would leave the turned statement half true. Every rule goes by the shape of the sentence, never its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The requirement verbs and what each becomes turned around: a prohibition becomes a
#: permission and a duty a choice ("must not" -> "may", "must" -> "need not"), so the false
#: statement asks whether the text requires it, rather than stating the absurd opposite ("must
#: discriminate"). A bare "may" is not turned: it may give a permission or a possibility.
TURNED = {
    "must not": "may",
    "must": "need not",
    "should not": "may",
    "should": "need not",
    "shall not": "may",
    "shall": "need not",
    "may not": "may",
}
_MODAL = re.compile(r"\b(?:must|should|shall|may)(?: not)?\b")
_TURNABLE = re.compile(r"\b(?P<modal>must not|should not|shall not|may not|must|should|shall)\b")
#: Subjects that lean elsewhere or address the reader: the statement would not stand alone.
_LEANING_SUBJECT = re.compile(
    r"^(?:it|this|that|these|those|they|he|she|we|you|i|one|there|such)\b", re.IGNORECASE
)


#: A subject that is itself a clause ("how programs", "what a package"): the requirement is
#: part of a description, not a statement.
_CLAUSE_WORD = re.compile(r"\b(?:how|what|which|that|who|whom|whose|when|where|whether|if)\b", re.I)
#: A second verb governed by the requirement, or a second clause after it.
_SECOND_CLAUSE = re.compile(r",\s(?:and|or|but)\s|;\s|,\s(?:then|so)\s")


@dataclass(frozen=True)
class Requirement:
    """A statement of one requirement, where its verb stands, and the statement turned."""

    statement: str
    modal: str
    start: int
    turned: str

    @property
    def predicate(self) -> str:
        """The requirement from its verb on: what the card asks about, one card per rule."""
        return self.statement[self.start :].rstrip(".")


def requirement(statement: str) -> Requirement | None:
    """The sentence as one requirement of a subject, or None: no requirement verb, more than
    one, a subject that leans elsewhere, or too little on either side of the verb."""
    if len(_MODAL.findall(statement)) != 1 or not statement.endswith("."):
        return None
    match = _TURNABLE.search(statement)
    if not match:
        return None
    subject, rest = statement[: match.start()].strip(), statement[match.end() :].split()
    subject_words = subject.split()
    if not 2 <= len(subject_words) <= 12 or not subject[:1].isupper():
        return None
    if _LEANING_SUBJECT.match(subject) or re.search(r"[,;:()]", subject):
        return None  # "If it fails, the caller must ...": a condition, or a referent
    if _CLAUSE_WORD.search(subject):
        return None  # "A set of conventions about how programs should ...": no statement
    if len(rest) < 3 or not rest[0].isalpha() or not rest[0].islower():
        return None  # the verb the requirement governs: "must comply with ..."
    if _SECOND_CLAUSE.search(statement[match.end() :]):
        return None  # "must not do X, and pass Y": turned, half of it would stay true
    modal = match.group("modal")
    turned = statement[: match.start()] + TURNED[modal] + statement[match.end() :]
    return Requirement(statement, modal, match.start(), turned)


#: A rule stated as a condition that always holds: "No two tents touch.", "Every block holds
#: each digit once.", "All the islands are connected.", "The lines never form a loop."
_CONDITION = re.compile(
    r"^(?:no|every|each|all|any)\s+\w|^there (?:are|is) (?:exactly|always|never|at most)\b"
    r"|^(?:the\s+)?\w+(?:\s+\w+){0,3}\s+never\s+[a-z]",
    re.IGNORECASE,
)
#: Words of a condition asked, at least and at most.
MIN_CONDITION_WORDS = 5
MAX_CONDITION_WORDS = 32


def condition(statement: str) -> bool:
    """Is the sentence a rule stated as a condition that always holds, whole and plain (no
    colon introducing a list, no "you", no question)?"""
    words = statement.split()
    if not MIN_CONDITION_WORDS <= len(words) <= MAX_CONDITION_WORDS:
        return False
    if not statement.endswith(".") or re.search(r"[:?]|\byou\b|\byour\b", statement, re.I):
        return False
    return bool(_CONDITION.match(statement))
