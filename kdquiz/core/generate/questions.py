"""Questions in the generator's own words, where a safe rewording of the sentence exists.

"Debian 2.1 was released on 09 March, 1999." becomes "In what year was Debian 2.1 released?",
"Wichert Akkerman succeeded Ian Jackson as leader in January of 1999." becomes "In what year did
Wichert Akkerman succeed Ian Jackson as leader?". Only plain shapes are reworded (a named subject,
then "was/were" + participle or a regular past-tense verb, then the date); anything else stays a
fill-in-the-blank, which is never wrong.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.entities import Entity

_MONTH = "|".join(sorted(lx.MONTHS))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: The date words before a year, to be dropped with it: "on 09 March,", "at the beginning of
#: January,", "in January of", "July".
_DATE_LEAD = re.compile(
    rf"(?:\s(?:in|on|during|by|at|around|about))?"
    rf"(?:\s(?:the\s)?(?:beginning|end|middle|start|spring|summer|autumn|fall|winter)(?:\sof)?)?"
    rf"(?:\s(?:early|late|mid-?))?"
    rf"(?:\s{_DAY})?(?:\s(?:of\s)?(?:{_MONTH}))?(?:\s{_DAY})?,?(?:\sof)?\s*$"
)
_PASSIVE = re.compile(r"^(?P<subject>[^,;:]{2,60}?) (?P<aux>was|were) (?P<rest>[a-z][^,;:]*)$")
_ACTIVE = re.compile(
    r"^(?P<subject>[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,3}) (?P<verb>[a-z]+ed) (?P<rest>[^,;:]+)$"
)
#: Endings of past participles: released, chosen, shown, begun, built, bought.
_PARTICIPLE = ("ed", "en", "wn", "un", "lt", "ught")
_SUBORDINATORS = frozenset(
    "when while after before once as although though since because if unless until".split()
)
_VAGUE = re.compile(r"\b(?:it|its|he|she|his|her|they|their|this|these|that|those)\b", re.I)


def year_question(text: str, entity: Entity) -> str | None:
    """ "In what year ...?" for a sentence whose year dates its main event, else None."""
    before = text[: entity.start].strip()
    if ". " in before:
        return None  # a sentence shown before this one: not part of the question
    lead = _DATE_LEAD.sub("", before).strip()
    if not lead or lead == before:
        return None  # no "in", "on" or month before the year: it dates something else
    if len(lead.split()) > 18 or _VAGUE.search(lead) or not lead[:1].isupper():
        return None
    if lead.split()[0].casefold() in _SUBORDINATORS:
        return None  # "When Debian was created in 1993": the year dates the clause, not the fact
    passive = _PASSIVE.match(lead)
    if passive and any(w.endswith(_PARTICIPLE) for w in passive["rest"].split()[:2]):
        subject = passive["subject"]
        if subject.startswith("The "):
            subject = "the " + subject[4:]
        return f"In what year {passive['aux']} {subject} {passive['rest']}?"
    active = _ACTIVE.match(lead)
    if active:
        verb = active["verb"]
        base = language.lemma(verb)
        if base != verb and base.isalpha() and verb.startswith(base[:3]):
            return f"In what year did {active['subject']} {base} {active['rest']}?"
    return None


_SUBJECT = r"(?P<subject>(?:[Tt]he )?[A-Za-z][\w.+/-]*(?: [A-Za-z0-9][\w.+/-]*){0,4}?)"
_HOW_MANY_LEAD = re.compile(
    rf"^(?P<lead>[A-Z]\w+(?: \w+){{0,3}}, )?{_SUBJECT} (?P<adverb>[a-z]{{3,}}ly )?"
    r"(?P<verb>[a-z]{3,}) (?P<approx>(?:more than|over|about|around|nearly|almost|at least|"
    r"roughly|some|approximately) )?$"
)
_BE = frozenset("is are was were be been being do does did".split())
_HAVE = {"has": "does", "have": "do", "had": "did"}


def count_question(text: str, entity: Entity) -> str | None:
    """ "Debian officially supports nine hardware release architectures." -> "How many hardware
    release architectures does Debian officially support?": a named subject, a verb, the count
    and its noun ending the sentence; the verb's dictionary form comes from simplemma."""
    match = _HOW_MANY_LEAD.match(text[: entity.start]) if ". " not in text[: entity.start] else None
    # What is counted ends at the first break: "nine hardware release architectures and
    # several variations of each ..." counts the architectures.
    rest = re.split(r"[,;:()—–]| and | or | but ", text[entity.end :])[0].strip().rstrip(".")
    if not match or not rest or len(rest.split()) > 10:
        return None
    subject, verb = match["subject"], match["verb"]
    first = subject.split()[0]
    if _VAGUE.search(subject) or first.casefold() in lx.STOP_WORDS - {"the"} or verb in _BE:
        return None
    if verb in _HAVE:
        base, do = "have", _HAVE[verb]
    else:
        base = language.lemma(verb)
        if base == verb or not base.isalpha() or not verb.startswith(base[:2]):
            return None  # not an inflected verb the dictionary knows
        do = "does" if verb.endswith("s") and not verb.endswith("ss") else "did"
    if subject.startswith("The "):
        subject = "the " + subject[4:]
    adverb = match["adverb"] or ""
    asked = "About how many" if match["approx"] else "How many"
    lead = match["lead"] or ""
    if lead:
        asked = lead + asked.lower()
    return f"{asked} {rest} {do} {subject} {adverb}{base}?"
