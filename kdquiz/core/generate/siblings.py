"""Things of one kind described one after another, each asked as "which one?".

Rules of games, manuals and textbooks describe several things of one kind in turn, in sentences of
one shape: the pieces of a board game ("The lance (L). A lance can move any number of squares
straight forward."), the parts of a cell, the planets, the tools of a program. The things are the
text's topic or everyday words, so no blank asks for them; what the text says of each is still the
lesson. Here the set of such things is found by its shape: three or more paragraphs or list items
in a row, each opening on a different one of them ("The king (K).", "Pawn: ...", "Wolf – ...",
or a subject and its verb); headings in a row that each name what their section describes ("##
Mars" over "Mars has two small moons"); the items of a list ending a sentence ("four states of
matter: solid, liquid, gas and plasma"); or four sentences in a row in one paragraph, each opening
on another thing with "a"/"an" or no article. Each sentence whose subject is one of them and whose
predicate is its own is asked "Which <kind> <predicate>?", with the others as choices: *Which
piece can move any number of squares straight forward?* (lance / rook / bishop / gold general).
The kind is said by the text: the noun its list is introduced by, a noun one of them is said to
be that a heading uses, or a heading's plural noun; else "Which of these".

A predicate the text states of two of them ("promotes to a gold general") asks nothing; one that
names another of them, leans on another sentence ("it", "also", "the same") or says nothing that
tells them apart gives no card. A thing whose own sentences say all the question says (the silver
general, which also "can move one square straight forward"), or say it does something in "any"
way that covers the question ("in any horizontal, vertical, or diagonal direction"), is never a
wrong choice; the choices have the answer's number ("ribosomes" among plurals).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.text import Document, Sentence

#: Fewest things of one kind described in turn, and the longest name of one (in words).
MIN_SIBLINGS = 3
MAX_NAME_WORDS = 3
#: Fewest and most words a question's predicate may have.
MIN_PREDICATE_WORDS = 3
MAX_PREDICATE_WORDS = 20

_NAME = r"[A-Za-z][\w'-]*(?: [A-Za-z][\w'-]*){0,2}"
#: "The king (K).", "Lance.", "The gold general:": a paragraph or list item that opens by
#: naming what it describes (an abbreviation in brackets may follow).
_LABEL = re.compile(rf"^(?:(?:The|A|An) )?(?P<name>{_NAME})(?: \([^()]{{1,15}}\))?[.:]?$")
#: Words after a plural subject that are no verb.
_NOT_VERB = r"(?:of|in|on|at|for|with|from|to|by|and|or|that|which|who|than|as|like|such|not)"
#: The verbs a subject's predicate may open with before the name is known: a modal or
#: auxiliary, or a present-tense verb in "-s" ("A rook promotes to ..."); a plural subject
#: ("Ribosomes build ...") may open on any verb that is not a past or a gerund.
_MODAL = r"(?:can|cannot|may|must|will|does|do|is|are|has|have|should|never|always|only)"
_OPENS = re.compile(
    rf"^(?:(?:The|A|An) )?(?P<name>{_NAME}?)(?::| [—–-](?= [a-z])| (?={_MODAL}\b|[a-z]{{2,}}(?<![su])s\b))"
)
_OPENS_PLURAL = re.compile(
    rf"^(?P<name>[A-Z][a-z]+(?: [a-z]+)?(?:s|ia|ae)) "
    rf"(?=(?!{_NOT_VERB}\b)[a-z]{{3,}}(?<!s)(?<!ed)(?<!ing)\b)"
)
_PREDICATE_VERB = re.compile(rf"^(?:{_MODAL}\b|[a-z]{{2,}}(?<![su])s\b)")
_PLURAL_VERB = re.compile(r"^[a-z]{3,}(?<!s)\b")
#: Where a predicate's own statement ends: a side remark, a comparison, a second clause.
_SIDE = re.compile(
    r",\s(?:which|and|but|so|just|as|like|unlike|in contrast|except|rather than|instead of|"
    r"while|whereas|although|though|i\.e\.|e\.g\.)\b|;|:|\s[—–]\s"
)
#: A key or a name from code ("C-a", "header_store_parse"), not a word.
_CODE_LIKE = re.compile(r"[\d_.+]|\w-\w|^[A-Z]{2,}$")
_BRACKETS = re.compile(r"\s*\([^()]*\)")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|'[^']*'")
#: Words that lean on another sentence or another thing of the set.
_LEANS = re.compile(
    r"\b(?:it|its|they|them|their|this|these|those|he|she|his|her|you|your|we|our|i|also|too|"
    r"other|others|same|similar|similarly|above|below|following|previous|former|latter|"
    r"respectively|likewise|again|instead|both|however|though|therefore|thus|even)\b",
    re.I,
)
#: "any horizontal, vertical, or diagonal direction": up to the end of its clause.
_ANY = re.compile(r"\bany\b(?:[ ,]+(?!and\b|but\b|which\b)[\w-]+){1,6}")
#: Words that tell one thing from another though STOP_WORDS lists them.
_TELLING = frozenset("one not no never only first last next".split())
_STOP = lx.STOP_WORDS - _TELLING
#: Nouns too general to name a kind ("Which thing ...?").
_VAGUE_KINDS = frozenset("thing way part type kind example case one move moves".split())


@dataclass(frozen=True)
class Compared:
    """One thing of a set, asked from what one sentence says of it alone."""

    answer: str
    prompt: str
    wrong: tuple[str, ...]  # the safe wrong choices, in the order the text names them
    said: str


@dataclass
class _Sibling:
    name: str  # as the choices show it
    key: str  # its dictionary form, lower case
    plural: bool
    first: int  # the sentence that first names it
    words: set[str]  # what its own sentences say of it
    #: What it is said to do in "any" way ("one square in any horizontal, vertical, or
    #: diagonal direction"): it may also do a narrower thing the question asks of another.
    anywhere: list[set[str]]


def _key(name: str) -> str:
    words = name.casefold().split()
    return " ".join([*words[:-1], language.lemma(words[-1])]) if words else ""


def _opening(sentence: Sentence) -> tuple[str, str]:
    """The thing a paragraph or list item opens on, and how it opens: on a label ("The king
    (K)."), a name and a colon ("Pawn: promotes to ..."), or a subject and its verb ("A lance
    can ...": the verb's dictionary form)."""
    label = _LABEL.match(sentence.text)
    if label:
        return label.group("name"), "label"
    # "Ribosomes build proteins" and "Leadership matters more": the shorter subject is the name.
    found = [m for m in (_OPENS.match(sentence.text), _OPENS_PLURAL.match(sentence.text)) if m]
    if not found:
        return "", ""
    opens = min(found, key=lambda m: len(m.group("name").split()))
    name = opens.group("name")
    if sentence.text[opens.end() - 1 : opens.end()] in {":", "—", "–", "-"}:
        return name, "colon"
    return name, "subject"


def _name_ok(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if words[0].casefold() in lx.STOP_WORDS or words[0] in lx.NOT_NAMES:
        return False
    if "'" in name or "’" in name:
        return False  # "Today's ...", "Python's string type": a possessive, not a name
    if words[-1].endswith("ly"):
        return False  # "gzip normally preserves ...": an adverb, not part of the name
    return all(
        w.casefold() not in lx.STOP_WORDS and w.casefold() not in lx.NUMBER_WORDS for w in words
    ) and all(w[:1].isalpha() for w in words)


def _runs(doc: Document) -> list[list[str]]:
    """Names that open three or more paragraphs in a row under one heading, one each, all in
    one way (all labels, all "Name:", or all subjects of a verb)."""
    firsts: dict[int, Sentence] = {}
    for sentence in doc.sentences:
        firsts.setdefault(sentence.paragraph, sentence)
    runs: list[list[str]] = []
    run: list[str] = []
    form = ""
    last: Sentence | None = None
    for paragraph in sorted(firsts):
        sentence = firsts[paragraph]
        name, opened = _opening(sentence)
        consecutive = (
            last is not None
            and last.paragraph == paragraph - 1
            and last.heading == sentence.heading
        )
        whole = f"{doc.title} {sentence.heading}".casefold()
        if (
            name
            and not (run and consecutive)
            and re.search(rf"\b{re.escape(_key(name))}s?\b", whole)
        ):
            name = ""  # "A cell contains several organelles." under "Parts of a cell": the whole
        if not (consecutive and opened == form and name and _name_ok(name)):
            runs.append(run)
            run = []
        if name and _name_ok(name):
            run.append(name)
            form = opened
        else:
            form = ""
        last = sentence
    runs.append(run)
    runs.extend(_heading_runs(doc))
    runs.extend(_listed(doc))
    runs.extend(_sentence_runs(doc))
    out = []
    for names in runs:
        keys = [_key(n) for n in names]
        if len(set(keys)) < MIN_SIBLINGS or len(set(keys)) != len(keys):
            continue
        if any(a != b and re.search(rf"\b{re.escape(a)}\b", b) for a in keys for b in keys):
            continue  # "gzip" beside "gzip file format": one thing and a part of it
        out.append(names)
    return out


_ITEM = r"(?:(?:the|a|an) )?[A-Za-z][\w'-]*(?: [a-z][\w'-]*){0,2}"
#: "four states of matter: solid, liquid, gas and plasma", "the moons are Io, Europa, ...":
#: a list of three or more short names after a colon, "are", "include" or "such as".
_LIST = re.compile(
    rf"(?::|\b(?:are|include|includes|including|such as|namely)) (?P<items>{_ITEM}(?:, {_ITEM}){{1,}},? "
    rf"(?:and|or) {_ITEM})[.;]?$"
)


#: Fewest sentences in a row, in one paragraph, that describe one thing each.
MIN_SENTENCE_RUN = 4


def _sentence_runs(doc: Document) -> list[list[str]]:
    """Sentences in a row in one paragraph that each open on a different kind of thing or name,
    all with "a"/"an" or none ("A solid has ... A liquid flows ... A gas spreads ...")."""
    runs: list[list[str]] = []
    run: list[str] = []
    shape: tuple[int, str] = (-1, "")
    for sentence in doc.sentences:
        name, opened = _opening(sentence)
        article = sentence.text.split(" ", 1)[0] if name else ""
        article = article if article in {"The", "A", "An"} else ""
        here = (sentence.paragraph, "a" if article == "An" else article.casefold())
        if article == "The":
            name = ""  # "The function takes ... The loop visits ...": parts of one example
        if not (name and opened == "subject" and _name_ok(name)) or here != shape:
            runs.append(run)
            run = []
        if name and opened == "subject" and _name_ok(name):
            run.append(name)
            shape = here
        else:
            shape = (-1, "")
    runs.append(run)
    return [r for r in runs if len({_key(n) for n in r}) >= MIN_SENTENCE_RUN]


def _listed(doc: Document) -> list[list[str]]:
    """The items of a list that ends a sentence, when they are short names."""
    out = []
    for sentence in doc.sentences:
        found = _LIST.search(sentence.text)
        if not found:
            continue
        items = re.split(r",? (?:and|or) |, ", found.group("items"))
        names = [re.sub(r"^(?:the|a|an) ", "", i) for i in items]
        if all(_name_ok(n) for n in names):
            out.append(names)
    return out


def _heading_runs(doc: Document) -> list[list[str]]:
    """Headings in a row that each name what their section then describes ("## Mars" over
    "Mars has two small moons ...")."""
    under: dict[str, list[Sentence]] = {}
    for sentence in doc.sentences:
        under.setdefault(sentence.heading, []).append(sentence)
    runs: list[list[str]] = [[]]
    for heading in under:
        words = heading.split()
        opens = re.compile(
            rf"^(?:(?:The|A|An) )?{re.escape(heading)}(?:s|es)?:? (?P<rest>.+)$", re.I
        )
        described = any(
            (m := opens.match(s.text)) and _PREDICATE_VERB.match(m.group("rest"))
            for s in under[heading]
        )
        if described and _name_ok(heading) and not words[0].endswith("ing"):
            runs[-1].append(heading)
        else:
            runs.append([])
    return runs


def _display(name: str, doc: Document) -> str:
    """The name as the text writes it inside a sentence ("gold general", "Selector")."""
    pattern = re.compile(rf"(?<=\w )({re.escape(name)})\b", re.I)
    seen = [m.group(1) for s in doc.sentences for m in pattern.finditer(s.text)]
    lower = [m for m in seen if m == m.lower()]
    return (lower or seen or [""])[0]


def _as_written(name: str, capitalised: bool | None) -> str:
    """A name met only at the start of sentences, written as the others are, or as a name when
    a later word of it is capitalised ("Anna Rilke") or it is no everyday word."""
    if any(w[:1].isupper() for w in name.split()[1:]):
        return name
    if capitalised is None:
        capitalised = language.zipf(name.split()[0]) < language.COMMON_ZIPF
    return name[:1].upper() + name[1:] if capitalised else name[:1].lower() + name[1:]


def _signature(text: str) -> set[str]:
    words = language.words_of(_QUOTED.sub(lambda m: m.group().strip("\"“”'"), text))
    return {language.lemma(w.casefold()) for w in words if w.casefold() not in _STOP}


@dataclass(frozen=True)
class _Said:
    sentence: Sentence
    key: str
    subject: str  # as written
    predicate: str  # the sentence after its subject


def _subject_of(
    sentence: Sentence, subject: re.Pattern[str], keys: dict[str, _Sibling]
) -> _Said | None:
    opens = subject.match(sentence.text)
    if not opens:
        return None
    name = opens.group("name")
    sibling = keys.get(_key(name))
    if sibling is None:
        return None
    rest = opens.group("rest").strip()
    plural = name.casefold() != sibling.name.casefold() or sibling.plural
    if not (_PREDICATE_VERB.match(rest) or plural and _PLURAL_VERB.match(rest)):
        return None
    return _Said(sentence, sibling.key, name, rest)


def _predicate(rest: str) -> str:
    """What a sentence says of its subject, without asides and trailing remarks."""
    text = _BRACKETS.sub("", rest).strip()
    text = _SIDE.split(text)[0].strip().rstrip(".!").strip()
    return re.sub(r"\s+", " ", text)


def _kind_noun(doc: Document, names: list[str], headings: set[str]) -> str:
    """The kind of thing the set is, where the text says it safely: a last word every name
    shares ("Zoom tool", "Rectangle tool"), or a noun one of them is said to be ("The knight is
    the only jumping piece") that the section's heading also uses ("The moves of the pieces")."""
    lasts = {n.split()[-1] for n in names}
    if (
        len(lasts) == 1
        and all(len(n.split()) > 1 for n in names)
        and lasts <= {*map(str.lower, lasts)}
    ):
        return lasts.pop()  # "Zoom tool", "Rectangle tool"; not "Anna Rilke", "Paul Rilke"
    keys = {_key(n) for n in names}
    for sentence in doc.sentences:
        listed = _LIST.search(sentence.text)
        before = _LISTED_AS.search(sentence.text[: listed.start()]) if listed else None
        items = re.split(r",? (?:and|or) |, ", listed.group("items")) if listed else []
        if before and {_key(re.sub(r"^(?:the|a|an) ", "", i)) for i in items} <= keys:
            noun = language.lemma(before.group("noun").casefold())
            if noun not in _VAGUE_KINDS and noun not in lx.STOP_WORDS:
                return noun  # "The basic ingredients are flour, water, salt and yeast."
    heading_words = {language.lemma(w.casefold()) for h in headings for w in language.words_of(h)}
    alternatives = "|".join(re.escape(n) for n in names)
    said_to_be = re.compile(
        rf"^(?:(?:The|A|An) )?(?:{alternatives})s? (?:is|are) (?:the|an?) (?:[\w-]+ ){{0,3}}?"
        r"(?P<noun>[a-z]{3,})(?=[,.;:]| (?:in|of|that|which|with|as|for|on|to)\b|$)",
        re.I,
    )
    for sentence in doc.sentences:
        found = said_to_be.match(sentence.text)
        if not found:
            continue
        noun = language.lemma(found.group("noun").casefold())
        if noun in heading_words and noun not in _VAGUE_KINDS and noun not in lx.STOP_WORDS:
            return noun
    for heading in [doc.title, *sorted(headings)]:
        named = _HEAD_NOUN.match(heading)
        noun = language.lemma(named.group("noun").casefold()) if named else ""
        if noun and noun not in _VAGUE_KINDS and noun not in lx.STOP_WORDS:
            return noun  # "Rivers of the region", "The inner planets"
    return ""


#: The plural noun a list is introduced by: "four states of matter: ...", "The basic
#: ingredients are ...".
_LISTED_AS = re.compile(r"\b(?P<noun>[a-z]{3,}s)(?: of(?: the)? [a-z]+)?\s*$")
#: The plural noun a short heading names its things by: "Rivers of the region", "The inner
#: planets", "The pieces of Tower".
_HEAD_NOUN = re.compile(r"^(?:The )?(?:[A-Za-z]+ )?(?P<noun>[A-Za-z]{3,}s)(?: of\b|$)", re.I)


def _plural(noun: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def compared_facts(doc: Document) -> dict[int, Compared]:
    """Per sentence index, the "which one?" question of each thing of a set that the sentence
    describes alone."""
    out: dict[int, Compared] = {}
    for names in _sets(doc):
        out.update(_asked(doc, names))
    return out


def _sets(doc: Document) -> list[list[str]]:
    """The sets of things described in turn; runs that share a thing are one set."""
    sets: list[list[str]] = []
    for run in _runs(doc):
        keys = {_key(n) for n in run}
        for names in sets:
            if keys & {_key(n) for n in names}:
                names.extend(n for n in run if _key(n) not in {_key(m) for m in names})
                break
        else:
            sets.append(list(run))
    return sets


def _asked(doc: Document, names: list[str]) -> dict[int, Compared]:
    siblings: dict[str, _Sibling] = {}
    shown = {name: _display(name, doc) for name in names}
    # A name met only at the start of sentences is written as the others are.
    capitalised = sum(d[:1].isupper() for d in shown.values()) * 2 > len(
        [d for d in shown.values() if d]
    )
    for name in names:
        display = shown[name] or _as_written(name, capitalised if any(shown.values()) else None)
        if not any(shown.values()) and not all(
            language.zipf(n.split()[0]) >= language.COMMON_ZIPF for n in names
        ):
            display = name  # "Gravity", "Buoyancy": no sign of how the text writes them inside
        key = _key(name)
        last = display.split()[-1]
        plural = last.islower() and language.lemma(last) != last  # "Mars" is a name
        siblings[key] = _Sibling(display, key, plural, len(doc.sentences), set(), [])
    if len({bool(_CODE_LIKE.search(s.name)) for s in siblings.values()}) > 1:
        return {}  # keys or names from code beside words: not things of one kind
    alternatives = "|".join(
        re.escape(s.name) for s in sorted(siblings.values(), key=lambda s: -len(s.name))
    )
    subject = re.compile(
        rf"^(?:(?:The|A|An) )?(?P<name>(?:{alternatives})(?:s|es)?)(?::| [—–-])? (?P<rest>.+)$",
        re.I,
    )
    said: list[_Said] = []
    headings: set[str] = set()
    for sentence in doc.sentences:
        found = _subject_of(sentence, subject, siblings)
        if found:
            said.append(found)
            sibling = siblings[found.key]
            sibling.first = min(sibling.first, sentence.index)
            sibling.words |= _signature(found.predicate)
            sibling.anywhere.extend(_signature(m.group()) for m in _ANY.finditer(found.predicate))
            headings.add(sentence.heading)
    kind = _kind_noun(doc, names, headings | {doc.title})
    # A word most of them are said to share ("move", "square") tells none apart.
    counts: dict[str, int] = defaultdict(int)
    for sibling in siblings.values():
        for word in sibling.words:
            counts[word] += 1
    common = {w for w, n in counts.items() if n * 2 > len(siblings)}
    generic = {w for w, n in counts.items() if n == len(siblings)}
    predicates = [(found, _predicate(found.predicate)) for found in said]
    owners: dict[frozenset[str], set[str]] = defaultdict(set)
    for found, predicate in predicates:
        owners[frozenset(_signature(predicate))].add(found.key)
    all_words = {w for n in names for w in n.casefold().split()}
    out: dict[int, Compared] = {}
    for found, predicate in predicates:
        signature = frozenset(_signature(predicate))
        telling = signature - common
        words = predicate.split()
        if len(owners[signature]) > 1 or not telling:
            continue  # "promotes to a gold general": said of two of them
        if not MIN_PREDICATE_WORDS <= len(words) <= MAX_PREDICATE_WORDS:
            continue
        unquoted = _QUOTED.sub(" ", predicate)
        if _LEANS.search(unquoted) or any(
            w.casefold() in all_words for w in language.words_of(unquoted)
        ):
            continue  # "is the same as the rook in international chess": names one of them
        sibling = siblings[found.key]
        if found.subject.casefold() != sibling.name.casefold():
            continue  # "Gold generals do not promote": asked of one, the verb would not agree
        wrong = tuple(
            s.name
            for s in sorted(siblings.values(), key=lambda s: s.first)
            if s.key != found.key
            and s.plural == sibling.plural
            and s.words  # the text says something of it
            and not telling <= s.words  # it might be the answer too
            and not any(len(a & signature - generic) >= 2 for a in s.anywhere)  # or more general
            and not re.search(rf"\b{re.escape(s.name)}\b", found.sentence.text, re.I)
        )
        if len(wrong) < 3:
            continue
        noun = kind if kind and kind not in signature else ""
        if noun and sibling.plural:
            noun = _plural(noun)
        asked = f"Which {noun}" if noun else "Which of these"
        out[found.sentence.index] = Compared(
            sibling.name, f"{asked} {predicate}?", wrong, found.sentence.text
        )
    return out
