"""Claims a text attributes to a named person, asked "Who ...?" with other people it names.

Essays, histories and argued writing teach who said what: "As Rudolf Rocker noted, for
anarchists, socialism is ...", "According to Max Nettlau, Joseph Dejacque published ...",
"Darwin argued that species ...", and a quotation set off after "In the words of L. Susan
Brown:" or followed by its author on a line of its own ("— Rudolf Rocker"). Each becomes one
multiple-choice card, the person among three other people the text names:

- "As X noted, CLAIM." / "CLAIM, as X noted." -> "Who noted that CLAIM?" ("put it" and
  "expresses it" are asked as "said");
- "X argued that CLAIM." -> "Who argued that CLAIM?"; "X called Y Z." -> "Who called Y Z?";
- "According to X, CLAIM." -> "Whom does the text cite for this: “CLAIM”?";
- a quotation introduced by a line naming its author and ending in a colon, or followed by a
  line opening with a dash and a name -> "Whose words are these? “QUOTATION”".

The claim must stand alone: it may not open on "it", "this", "they" and the like, nor speak of
"this X" anywhere. A claim over MAX_CLAIM_WORDS words is cut at its last clause boundary (a
semicolon, a dash, "while") that leaves it short enough, a quotation cut there closed with "…";
a claim that cannot be cut so is not asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.entities import DocumentIndex, EntityKind
from kdquiz.core.generate.text import Document, Sentence

MIN_CLAIM_WORDS = 6
#: A claim inside a sentence is asked in a question of its own words: cut beyond this length.
MAX_CLAIM_WORDS = 35
#: A quotation set off on its own is asked whole, its first sentences up to this length.
MAX_QUOTED_WORDS = 40

#: A person's name: two to four capitalised words or initials ("L. Susan Brown", "Guido van
#: Rossum", "P-J Proudhon"), or one capitalised word ("Darwin") checked against everyday words.
_NAME = (
    r"(?:[A-Z]\.\s?)*[A-Z][\w'’-]+(?:\s(?:van|von|de|da|del|der|du|le|la|bin|ibn)\b)?"
    r"(?:\s(?:[A-Z]\.\s?)*[A-Z][\w'’-]+){0,3}"
)
#: Words that describe the person before the name: "anarchist historian", "the biologist".
_DESCRIPTOR = r"(?:(?:the|a|an|fellow|[a-z][a-z-]+)\s){0,3}?"
#: Verbs of saying after "As X ...": "noted", "put it", "has argued", "once wrote".
_SAID = (
    r"(?P<adverb>(?:once|famously|later|rightly|aptly|so aptly|memorably|also|himself|herself)\s)?"
    r"(?P<aux>(?:has|had|have)\s)?"
    r"(?P<verb>noted|notes|observed|observes|remarked|remarks|wrote|writes|said|says|argued|"
    r"argues|explained|explains|pointed out|points out|insisted|insists|stressed|stresses|"
    r"claimed|claims|suggested|suggests|warned|warns|put it|puts it|expressed it|"
    r"expresses it|reminds us|reminded us|concluded|concludes|declared|declares|"
    r"maintained|maintains|showed|shows)"
)
#: Verbs that take a "that" clause: "X argued that ...".
_THAT_VERBS = (
    r"noted|observed|remarked|wrote|writes|said|says|argued|argues|claimed|claims|believed|"
    r"believes|held|holds|maintained|maintains|insisted|insists|suggested|suggests|warned|"
    r"warns|concluded|concludes|declared|declares|showed|shows|proposed|proposes|predicted|"
    r"predicts|explained|explains|stated|states|contended|contends|asserted|asserts|"
    r"pointed out|points out"
)
#: Verbs that name or describe: "X called Y Z", "X described Y as Z", "X coined the term Y".
_NAMING_VERBS = r"called|calls|described|describes|dubbed|coined|named|defined|defines"
_LEAD = r"(?P<lead>[A-Z][^,;:\"“]{0,60},\s)?"
#: Where or when it was said, after the verb: "As Orwell wrote in 1946, ...".
_WHERE = r"(?:\s(?:in|of|about|during|at)\s[^,;:\"“]{1,40})?"
_AS_SAID = re.compile(
    rf"^{_LEAD}[Aa]s {_DESCRIPTOR}(?P<name>{_NAME}) {_SAID}{_WHERE},\s(?P<claim>.+)$"
)
_SAID_AFTER = re.compile(rf"^(?P<claim>[A-Z].+?),\s+as {_DESCRIPTOR}(?P<name>{_NAME}) {_SAID}\.$")
_ACCORDING = re.compile(rf"^{_LEAD}[Aa]ccording to {_DESCRIPTOR}(?P<name>{_NAME}),\s(?P<claim>.+)$")
_ACCORDING_AFTER = re.compile(
    rf"^(?P<claim>[A-Z].+?),\s+according to {_DESCRIPTOR}(?P<name>{_NAME})\.$"
)
_THAT = re.compile(
    rf"^{_LEAD}(?P<name>{_NAME}) (?P<aux>(?:has|had|once|later|also|famously)\s)?"
    rf"(?P<verb>{_THAT_VERBS}) that\s(?P<claim>.+)$"
)
_NAMING = re.compile(
    rf"^{_LEAD}(?P<name>{_NAME}) (?P<aux>(?:has|had|once|later|also|famously)\s)?"
    rf"(?P<verb>{_NAMING_VERBS})\s(?P<claim>.+)$"
)
#: A line that introduces a quotation set off after it: "In the words of X:", "As X put it:",
#: "X wrote:", "To quote X:".
_INTRODUCES = re.compile(
    rf"(?:\b(?:[Ii]n the words of|[Tt]o quote) {_DESCRIPTOR}(?P<name>{_NAME})"
    rf"|\b[Aa]s {_DESCRIPTOR}(?P<name2>{_NAME}) {_SAID.replace('?P<', '?P<i_')}"
    rf"|^(?P<name3>{_NAME}) (?:once |later |also )?(?:wrote|writes|said|says|put it|puts it)"
    rf"(?: (?:this|it) \w+)?)\s*:$"
)
#: A line naming the author of the quotation above it: "— Rudolf Rocker", "-- L. S. Brown, 1993".
_BYLINE = re.compile(rf"^\s*(?:—|--|―|-)\s*(?P<name>{_NAME})\s*(?:[,(.]|$)")
#: Openers that point at another sentence: the claim does not stand alone.
_LEANS = re.compile(
    r"^(?:it|its|this|that|these|those|they|them|their|he|she|his|her|such|here|the latter|"
    r"the former|the same|so|thus|therefore)\b",
    re.IGNORECASE,
)
_POINTS_AT = re.compile(r"\b(?:this|these|those|such)\s+[a-z]", re.IGNORECASE)
#: Where a long claim may be cut, the first part staying true: a semicolon, a dash, "while".
_BOUNDARY = re.compile(r";\s|\s(?:--|—|–)\s|,?\s(?:while|whereas)\s")
_DISCOURSE_LEAD = re.compile(
    r"^(?:for|or|and|but|so|yet|thus|indeed|however|still|also|hence|therefore)\b,?\s*$",
    re.IGNORECASE,
)
#: A claim that opens on its verb: the lead before "as X said," is its subject.
_PREDICATE = re.compile(
    r"^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did|"
    r"do|[a-z]+ed)\b"
)
_CITATION = re.compile(r"\s*\[[^\]]*\]\s*$")
_QUOTES = '"“”'
_PARTICLES = frozenset("le la les el il lo de del der den di du da van von".split())


@dataclass(frozen=True)
class Claim:
    """Something the text says a person said: the question, the person as the text names them
    there ("Vanzetti", "Bartolomeo Vanzetti"), and the words as written, for the explanation."""

    prompt: str
    person: str
    said: str
    #: The sentence cut to the claim's length when it had to be cut ("According to X, A while
    #: B." -> "According to X, A.", and on a line of its own "According to X, B."), else "":
    #: facts of their own for the other cards.
    restated: str = ""
    #: The paragraphs the claim and its author are named in: a person named there (a
    #: co-author in the citation) is no fair wrong choice.
    context: str = ""


def claims_of(doc: Document, index: DocumentIndex) -> dict[int, Claim]:
    """Every attributed claim of the document, by the index of the sentence it stands in."""
    out: dict[int, Claim] = {}
    sentences = list(doc.sentences)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for position, sentence in enumerate(sentences):
        claim = in_sentence(sentence.text, index)
        if claim:
            around = " ".join(s.text for s in by_paragraph[sentence.paragraph])
            out[sentence.index] = replace(claim, context=around)
            continue
        introduced = _INTRODUCES.search(sentence.text)
        if introduced and position + 1 < len(sentences):
            name = introduced["name"] or introduced["name2"] or introduced["name3"]
            quoted = sentences[position + 1]
            if quoted.paragraph != sentence.paragraph and _person(name, index):
                group = by_paragraph[quoted.paragraph]
                claim = _quotation(quoted, group, name, index, before=sentence.text)
                if claim:
                    # Kept on the line that names the author: the card's source shows both.
                    around = " ".join(s.text for s in group)
                    out[sentence.index] = replace(claim, context=f"{sentence.text} {around}")
    # A quotation followed by its author on a line of its own: a sentence of its own ("—
    # Rudolf Rocker."), or, without a closing stop, a line read as a heading.
    bylines = [(by_paragraph.get(p - 1), g[0].text) for p, g in by_paragraph.items()]
    bylines += [
        (by_paragraph[a.paragraph], b.heading)
        for a, b in zip(sentences, sentences[1:], strict=False)
        if b.heading != a.heading
    ]
    for before, line in bylines:
        byline = _BYLINE.match(line)
        if not (byline and before and _person(byline["name"], index)):
            continue
        claim = _quotation(before[0], before, byline["name"], index, after=line)
        if claim and before[0].index not in out:
            around = " ".join(s.text for s in before)
            out[before[0].index] = replace(claim, context=f"{around} {line}")
    return out


def in_sentence(text: str, index: DocumentIndex) -> Claim | None:
    """The claim of one sentence that names who said it, or None."""
    for pattern in (_AS_SAID, _SAID_AFTER, _ACCORDING, _ACCORDING_AFTER, _THAT, _NAMING):
        match = pattern.match(text)
        if not match or not _person(match["name"], index):
            continue
        claim, restated = _fitted(match["claim"], text, match.start("claim"))
        if claim is None:
            return None
        groups = match.groupdict()
        lead = groups.get("lead") or ""
        if pattern in (_THAT, _NAMING):
            lead = ""  # "In 1859, Darwin argued that ...": the lead dates the saying, not the claim
        if lead and not _DISCOURSE_LEAD.match(lead.strip().rstrip(",")):
            if _PREDICATE.match(claim):
                lead = (
                    lead.rstrip().rstrip(",") + " "
                )  # "The X, as Y insisted, was ...": its subject
            claim = _lower_first(lead, index) + claim
        person = match["name"]
        if pattern in (_ACCORDING, _ACCORDING_AFTER):
            prompt = f"Whom does the text cite for this: “{_upper_first(claim)}”?"
        elif pattern is _NAMING:
            if _LEANS.match(claim):
                return None
            prompt = f"Who {_verb(match)} {claim}?"
        else:
            prompt = f"Who {_verb(match)} that {_lower_first(claim, index)}?"
        return Claim(prompt, person, text, restated)
    return None


def _verb(match: re.Match[str]) -> str:
    """The verb as the question asks it: "put it" and "expresses it" are what someone said."""
    verb = match["verb"]
    if verb.endswith(" it"):
        verb = "says" if verb.split()[0].endswith("s") else "said"
    aux = (match.groupdict().get("aux") or "").strip()
    return f"{aux} {verb}" if aux in {"has", "had", "have"} else verb


def _fitted(claim: str, sentence: str, start: int) -> tuple[str | None, str]:
    """The claim without its final stop, cut at a clause boundary when too long (and the
    sentence so cut, for a fact of its own), or None when it does not stand alone."""
    claim = _CITATION.sub("", claim).strip()
    claim = claim.rstrip(".").rstrip()
    restated = ""
    if len(claim.split()) > MAX_CLAIM_WORDS:
        cuts = [m.start() for m in _BOUNDARY.finditer(claim)]
        fitting = [c for c in cuts if MIN_CLAIM_WORDS <= len(claim[:c].split()) <= MAX_CLAIM_WORDS]
        if not fitting:
            return None, ""
        boundary = _BOUNDARY.match(claim, fitting[-1])
        rest = claim[boundary.end() :].strip() if boundary else ""
        claim = claim[: fitting[-1]].rstrip(",")
        if not _open_quote(claim):
            restated = sentence[:start] + claim + "."
            # "According to X, A while B.": B is X's too, a fact of its own when it stands alone.
            if MIN_CLAIM_WORDS <= len(rest.split()) <= MAX_CLAIM_WORDS and not _LEANS.match(rest):
                restated += "\n" + sentence[:start] + rest + "."
    if len(claim.split()) < MIN_CLAIM_WORDS or _LEANS.match(claim) or _POINTS_AT.search(claim):
        return None, ""
    if _open_quote(claim):
        claim = _closed(claim.rstrip("."))
    return claim, restated


def _closed(text: str) -> str:
    """A quotation the sentence ends before it closes, closed with "…" in its own marks."""
    text = text.removesuffix(" …")
    return text + (' …"' if text.count('"') % 2 else " …”")


def _open_quote(text: str) -> bool:
    """A quotation opened and not closed: its close lies past the cut."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _quotation(
    first: Sentence,
    paragraph: list[Sentence],
    name: str,
    index: DocumentIndex,
    before: str = "",
    after: str = "",
) -> Claim | None:
    """ "Whose words are these? “...”" for a quotation set off in a paragraph of its own: its
    first sentence, with the next ones while they fit and stand alone."""
    if after and not first.text.lstrip().startswith(tuple(_QUOTES)):
        return None  # a line after a paragraph of prose: no quotation's author
    words: list[str] = []
    for sentence in paragraph:
        text = _CITATION.sub("", sentence.text).strip()
        if text.startswith("[") or not text:
            break
        if words and (_LEANS.match(text.lstrip(_QUOTES)) or _POINTS_AT.search(text)):
            break
        if len(" ".join([*words, text]).split()) > MAX_QUOTED_WORDS:
            break
        words.append(text)
    if not words:
        return None
    quoted = " ".join(words).strip().strip(_QUOTES).strip()
    if (
        len(quoted.split()) < MIN_CLAIM_WORDS
        or _LEANS.match(quoted)
        or _POINTS_AT.search(quoted)
        or '"' in quoted
    ):
        return None
    said = " ".join([before, *words, after]).strip()
    return Claim(f"Whose words are these? “{quoted}”", name, said)


def _person(name: str, index: DocumentIndex) -> bool:
    """A person's name, not an organisation's, a place's, a work's or an everyday word's."""
    words = name.split()
    kind = index.types.get(name)
    if kind is not None and kind not in {EntityKind.PERSON, EntityKind.NAME}:
        return False
    if any(w in lx.ORG_WORDS or w in lx.KNOWN_COMPANIES or w in lx.COUNTRIES for w in words):
        return False
    if name in lx.NOT_NAMES or words[0] in {"The", "This", "That", "These", "It", "We", "I"}:
        return False
    if len(words) == 1:  # "Darwin": only as the short name of a person the text names in full
        return full_name(name, index) != name
    if name in index.with_article or name.isupper():
        return False  # "According to the Debian Project", "According to NASA"
    return not language.is_generic_name(name)


def full_name(name: str, index: DocumentIndex) -> str:
    """The name in full: "Darwin" is "Charles Darwin" when the text names exactly one person
    (a two- or three-word name, every word capitalised) ending in it."""
    full = index.full_name(name)
    if full != name or " " in name:
        return full
    owners = {
        n
        for n in index.frequency
        if n.split()[-1] == name
        and 2 <= len(n.split()) <= 3
        and index.types.get(n, EntityKind.PERSON) in {EntityKind.PERSON, EntityKind.NAME}
        and not language.is_generic_name(n)
    }
    return owners.pop() if len(owners) == 1 else name


def people(index: DocumentIndex, claims: list[Claim]) -> list[str]:
    """The people a document names in full: wrong choices for one another."""
    named = {full_name(c.person, index) for c in claims}
    named |= {
        index.full_name(n)
        for n, kind in index.types.items()
        if kind is EntityKind.PERSON
        and " " in index.full_name(n)
        and n not in index.with_article  # "the Libertarian Party"
        and n.split()[0].casefold() not in _PARTICLES  # "Le Libertaire": a paper's name
    }
    return sorted(named)


def _lower_first(text: str, index: DocumentIndex) -> str:
    """The claim inside a question: its first word in lower case unless it is a name."""
    first = text.split()[0] if text.split() else ""
    word = first.strip(",;:")
    name = word.casefold() not in lx.STOP_WORDS and (word in index.mid_caps or word in index.types)
    if first[:1].isupper() and not name:
        return text[:1].lower() + text[1:]  # never capitalised inside a sentence: no name
    return text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
