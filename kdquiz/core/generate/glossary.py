"""Definition lists and key tables: "C-a: Move to the start of the line.", "parse_x — Splits
the first line on the colon.", "PDU: A unit of data sent as a whole."

Manuals, tutorials and design documents state many facts as a term, a colon or dash, and what
the term does or is. Read as an ordinary sentence such a line gives only bad blanks (the verb
"Move" taken for a name, the term guessed from nothing); read as a list item it asks "What does
C-a do?" with the other items' definitions of the same form as the choices. Only a specific term
is asked (a name from code, a key, an acronym, a rare word), never an everyday word ("Model:",
"Printing characters:"), and never a term the text defines twice (two tables may give one
method two behaviours). Every rule goes by the shape of the line, never by its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx

#: A term (a few tokens, no sentence punctuation), then ": " or a spaced dash, then a
#: definition that starts a new clause with a capital or a lower-case verb ("does Y").
_ITEM = re.compile(
    r"^(?P<term>[^\s:—–]{1,30}(?: (?:or|and) [^\s:—–]{1,30})*(?: [^\s:—–]{1,30}){0,2})"
    r"(?::| [—–-]) (?P<definition>[A-Za-z][^:]{8,})$"
)
#: Words that follow an imperative or third-person verb at the start of a definition: "Move to",
#: "Kill from", "Clear the", "Returns the", "Takes a".
_AFTER_VERB = frozenset(
    "the a an to from back forward backward forwards backwards one all any each its their "
    "this that up down out into over off on in and or".split()
)
_ARTICLE = frozenset({"A", "An", "The"})
#: Where a definition's first statement ends: what follows adds a remark or an example.
_FIRST_CLAUSE = re.compile(r",\s|;\s|\.\s|\s[—–]\s|\.$")
#: Longest definition offered as a choice, in words.
MAX_CHOICE_WORDS = 16

DOES = "does"  # the definition says what the term does: "Move to the start of the line"
IS = "is"  # the definition says what the term is: "An object that ..."


@dataclass(frozen=True)
class Item:
    """One entry of a definition list: its term, its definition's first clause and form."""

    term: str
    definition: str
    start: int  # where the definition starts in the line
    form: str  # DOES or IS

    @property
    def prompt(self) -> str:
        names = re.split(r" (?:or|and) ", self.term)
        shown = names[0] + (f" (or {', '.join(names[1:])})" if len(names) > 1 else "")
        return f"What does {shown} do?" if self.form == DOES else f"What is {shown}?"


def definition_item(text: str) -> Item | None:
    """The line as a definition-list entry, when its term is specific and its definition says
    what the term does or is; None for an ordinary sentence."""
    match = _ITEM.match(text)
    if not match:
        return None
    term, definition = match.group("term"), match.group("definition")
    if not all(_specific(name) for name in re.split(r" (?:or|and) ", term)):
        return None
    form = _form(definition)
    if not form:
        return None
    first = _FIRST_CLAUSE.split(definition, maxsplit=1)[0].strip()
    if not 2 <= len(first.split()) <= MAX_CHOICE_WORDS:
        return None
    return Item(term, first[:1].upper() + first[1:], match.start("definition"), form)


def listed_term_end(text: str) -> int:
    """Where the term of a line shaped as a list entry and the first word of its definition end
    ("binary_fold: Uses Header's ..."), whatever the definition says; -1 for an ordinary
    sentence. A blank of the term asks for it from a definition that may fit its neighbours as
    well, and one from the opening verb ("Uses Header") is no name."""
    match = _ITEM.match(text)
    if not match or not all(_specific(n) for n in re.split(r" (?:or|and) ", match["term"])):
        return -1
    return match.start("definition") + len(match["definition"].split()[0])


def _form(definition: str) -> str:
    words = definition.split()
    if len(words) < 3:
        return ""
    if words[0] in _ARTICLE:
        return IS
    verb, after = words[0], words[1].casefold()
    base = verb.casefold()
    if after not in _AFTER_VERB or not verb.isalpha() or base in lx.STOP_WORDS:
        return ""  # "If the value ...": a condition, not what the term does
    if language.lemma(base) == base or base.endswith("s") and language.lemma(base) != base:
        return DOES
    return ""


def _specific(name: str) -> bool:
    """A name worth asking about: from code or a key ("C-a", "header_fetch_parse"), an acronym
    ("DEL"), or one rare word ("Backspace"); not an everyday word or phrase."""
    if " " in name:
        return all(_specific(part) for part in name.split())  # "C-x C-u": a key sequence
    if not re.fullmatch(r"[\w.+()-]+", name):
        return False
    if re.search(r"[-_.+()]|\d", name) and re.search(r"[A-Za-z]", name):
        return True
    if re.fullmatch(r"[A-Z]{2,6}", name):
        return True
    return name.isalpha() and len(name) > 2 and language.zipf(name) < language.COMMON_ZIPF


def siblings(items: list[Item], item: Item) -> list[str]:
    """Definitions of other terms of the same form, none equal to or inside the answer's."""
    answer = item.definition.casefold()
    out: list[str] = []
    for other in items:
        wanted = other.definition.casefold()
        if other.term == item.term or other.form != item.form:
            continue
        if wanted in answer or answer in wanted or any(wanted == o.casefold() for o in out):
            continue
        out.append(other.definition)
    return out


#: A list entry named by a phrase in title case ("Free Redistribution: The license may not
#: ...", "License Must Not Be Specific to Debian: ..."): two to eight words, each capitalised
#: but for short joining words, then a colon and a whole sentence.
_NAMED = re.compile(
    r"^(?P<term>[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|[a-z]{1,3}))*? [A-Z][\w’'-]*)"
    r": (?P<definition>[A-Z][^:]{20,}[.!])$"
)
#: Words of a definition asked as a choice, at most.
MAX_NAMED_WORDS = 40


@dataclass(frozen=True)
class NamedEntry:
    """An entry of a list of rules or principles whose names are everyday phrases: asked from
    its rule ("Which entry says: ...?"), its siblings' names as the choices."""

    term: str
    definition: str
    start: int  # where the definition starts in the line


def named_entry(text: str) -> NamedEntry | None:
    """The line as an entry named in title case, when its name is an everyday phrase (a
    specific term is `definition_item`'s) of at most eight words and its definition one
    sentence; None otherwise."""
    match = _NAMED.match(text)
    if not match:
        return None
    term, definition = match.group("term"), match.group("definition")
    words = term.split()
    if not 2 <= len(words) <= 8 or definition_item(text):
        return None
    if not 6 <= len(definition.split()) <= MAX_NAMED_WORDS or ". " in definition:
        return None
    return NamedEntry(term, definition, match.start("definition"))


def stems(text: str) -> set[str]:
    """Content words by their first five letters: "Discrimination" and "discriminate" meet."""
    return {
        w.casefold()[:5]
        for w in re.findall(r"[A-Za-z]{4,}", text)
        if w.casefold() not in lx.STOP_WORDS
    }


def named_in_rule(entry: NamedEntry) -> bool:
    """Does the rule repeat a word of its own name ("Source Code: The program must include
    source code")? Then the name is the obvious choice, and the entry is not asked."""
    return bool(stems(entry.term) & stems(entry.definition))


#: A catalogue line: a lower-case name (or two, "nobody, nogroup") as a system or a program
#: spells it, a colon, and a sentence about it: "root: Root is (typically) the superuser."
_CATALOGUED = re.compile(
    r"^(?P<term>[a-z][a-z0-9_.+-]{1,30}(?:, [a-z][a-z0-9_.+-]{1,30})?): "
    r"(?P<definition>[A-Z][^?]{8,}\.)$"
)
#: Entries a section needs in order to read as a catalogue rather than a few labelled lines.
MIN_CATALOGUE = 4
#: Words of a masked definition, besides its blanks, at least and at most.
MIN_ENTRY_WORDS = 4
MAX_ENTRY_WORDS = 40


@dataclass(frozen=True)
class CatalogueEntry:
    """An entry of a catalogue of lower-case names ("daemon: Some unprivileged daemons ..."):
    asked from its first sentence, the name masked, the section's other names as choices."""

    term: str
    definition: str  # the first sentence, every mention of the name masked
    start: int  # where the definition starts in the line
    #: The line as the explanation quotes it: "this user" named ("the sync user") where the
    #: section's heading says what its entries are ("Users and groups").
    said: str = ""
    #: An entry of a dictionary ("ABSURDITY, n. A statement ..."): asked "Which word does the
    #: text define as ...?" rather than by its section.
    headword: bool = False
    part_of_speech: str = ""  # a dictionary entry's ("n.", "v.t."): choices share it


def catalogue_line(text: str) -> str:
    """The name of a line shaped as a catalogue entry ("root: Root is ..."), or "" for any
    other line, a specific term's entry saying what it does included."""
    match = _CATALOGUED.match(text)
    if not match:
        return ""
    item = definition_item(text)
    return "" if item and item.form == DOES else match["term"]


def catalogue_entry(text: str) -> CatalogueEntry | None:
    """The line as a catalogue entry of a lower-case name, or None: an entry of a specific
    term that says what it does or is (`definition_item`), a question, a line with a
    feedback mark ("HELP:"), a definition that spells the name inside a longer word
    or its first four letters ("klog: Used by klogd ...") or one too short to ask about once the name is masked."""
    match = _CATALOGUED.match(text)
    if not match or not catalogue_line(text):
        return None  # "parse_x: Splits the line ...": asked what it does
    term, definition = match["term"], match["definition"]
    if re.match(r"[A-Z]{3,}:", definition):
        return None  # "HELP: ...": a note to the maintainers, not a definition
    names = term.split(", ")
    masked = definition
    for name in names:
        masked = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", "_____", masked, flags=re.I)
    if any(name[:4] in masked.casefold() for name in names):
        return None  # "Used by klogd", "Added by sane-utils": the name is in plain sight
    words = [w for w in masked.split() if "_____" not in w]
    if not MIN_ENTRY_WORDS <= len(words) <= MAX_ENTRY_WORDS:
        return None
    return CatalogueEntry(term, masked, match.start("definition"), text)


def named_by_heading(entry: CatalogueEntry, heading: str) -> str:
    """The entry's line with "this user" written "the sync user", where "user" is a word of
    the section's heading: what the catalogue lists, so "this" means the entry itself."""
    listed = {language.lemma(w.casefold()) for w in re.findall(r"[A-Za-z]+", heading)}
    name = entry.term.split(", ")[0]

    def named(match: re.Match[str]) -> str:
        if language.lemma(match[1].casefold()) not in listed:
            return match[0]
        return f"{'T' if match[0][0] == 'T' else 't'}he {name} {match[1]}"

    return re.sub(r"\b[Tt]his ([a-z]+)\b", named, entry.said)


#: A dictionary's entry: a headword and its part of speech, "ABSURDITY, n. A statement ...",
#: "ABRIDGE, v.t. To shorten.", "absurdity (n.) A statement ...", or a headword in capitals and
#: a spaced dash, "ABSURDITY — A statement ...". The definition may be the next sentence (the
#: part of speech's full stop ends the first).
_HEADWORD = re.compile(
    r"^(?P<term>[A-Za-z][A-Za-z'’-]+(?: [A-Za-z][A-Za-z'’-]+){0,2})"
    r"(?:,? \(?(?P<pos>(?:n|v|adj|adv|pron|prep|conj|interj|pl|v\.t|v\.i|p\.p)\.)\)?"
    r"|(?P<dash> [—–]))(?:\s+(?P<definition>.*))?$"
)
#: An etymology before a definition: "[from ACADEME] A modern school ...".
_ETYMOLOGY = re.compile(r"^\[[^\]]*\]\s*")
#: Words of a dictionary definition, at least (a definition may be short: "To shorten.").
MIN_HEADWORD_WORDS = 2


def headword(text: str) -> tuple[str, str, str] | None:
    """The headword of a line shaped as a dictionary entry, its part of speech and its
    definition ("" when the definition is the next sentence), or None. With a dash, the headword is in capitals: a
    "term — definition" line of another shape is a definition list's."""
    match = _HEADWORD.match(text)
    if not match:
        return None
    term = match["term"]
    if match["dash"] and not term.isupper():
        return None
    if match["pos"] and not (term.isupper() or term.islower()):
        return None  # "Version, n. 2 of ...": not a dictionary's headword
    definition = _ETYMOLOGY.sub("", match["definition"] or "").strip()
    return term, match["pos"] or "", definition


def dictionary_entry(
    term: str, part_of_speech: str, definition: str, said: str
) -> CatalogueEntry | None:
    """A dictionary entry asked from its definition to its headword; None when the definition
    gives the headword away (its stem, "ACADEMY ... [from ACADEME]") or is too short or long."""
    if not definition or stems(term) & stems(definition):
        return None
    if any(part[:4].casefold() in definition.casefold() for part in term.split() if len(part) > 3):
        return None
    lemmas = {language.lemma(w.casefold()) for w in re.findall(r"[A-Za-z]+", definition)}
    if any(language.lemma(part.casefold()) in lemmas for part in term.split()):
        return None  # "RAKE, n. A tool for raking."
    if not MIN_HEADWORD_WORDS <= len(definition.split()) <= MAX_ENTRY_WORDS:
        return None
    # "ABSURDITY" shown "Absurdity": a word among words, not an acronym among names.
    shown = term[:1] + term[1:].lower() if term.isupper() else term
    return CatalogueEntry(shown, definition, 0, said, True, part_of_speech)
