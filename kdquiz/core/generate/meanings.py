"""Words the text explains: where a word comes from and what it means, asked for the word.

Essays, histories and science writing explain their words in passing rather than in a
definition list: "The word atom comes from the Greek atomos, meaning uncuttable", "...
anarchy, which means absence of government, ...", '... to create anarchy, "the absence of a
master, of a sovereign."'. Each is asked from the explanation to the word, in the generator's
own words ("Which word comes from the Greek “atomos”, meaning “uncuttable”?", "Which word does
the text say means “absence of government”?"), as shapes.py asks a term a sentence defines.
"""

from __future__ import annotations

import re

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.shapes import Shaped

_LANGUAGES = (
    r"(?:(?:Ancient|Old|Middle|Classical|Late|Medieval|Modern) )?"
    r"(?:Greek|Latin|French|German|Arabic|Persian|Sanskrit|Hebrew|Italian|Spanish|Portuguese|"
    r"Dutch|Norse|English|Japanese|Chinese|Hindi|Turkish|Russian|Celtic|Gaelic|Welsh|Malay|"
    r"Czech|Polish|Swedish|Danish|Norwegian|Icelandic|Irish|Korean|Tamil|Nahuatl|Quechua|Maori|"
    r"Hawaiian|Aramaic|Egyptian|Basque|Finnish|Hungarian)"
)
#: "The word atom comes from the Greek atomos, meaning uncuttable": the word, the language and
#: the word it comes from, and what that means.
_ORIGIN = re.compile(
    r"^(?:(?:The|the) (?:word|term|name|expression) )?[\"“]?(?P<word>[A-Za-z][\w'-]*"
    r"(?: [a-z][\w'-]*){0,2}?)[\"”]?,? "
    r"(?:(?:ultimately|originally|itself) )?"
    r"(?:comes|came|derives|derived|is derived|was derived|stems|is borrowed|was borrowed) "
    rf"from (?P<source>(?:the )?{_LANGUAGES}(?: (?:word|words|term|root|verb|noun|name))?) "
    r"[\"“]?(?P<origin>[^,;:\"”()]{1,40}?)[\"”]?"
    r"(?:,? \(?(?:meaning|which means|that means|for|i\.e\.) [\"“]?(?P<meaning>[^\"”.;()]{2,60}?)"
    r"[\"”]?\)?)?\.?$"
)
#: "anarchy, which means absence of government," and 'anarchy, "the absence of a master"': a
#: word followed by what it means, set off by commas or quotation marks.
_GLOSSED = re.compile(
    r"(?<![\w\"“-])(?P<word>[a-z][a-z-]{3,}), "
    r"(?:(?:which|that) (?:means|meant|signifies) (?!that\b)[\"“]?(?P<meaning>[a-z][^,;:.\"”()]{2,60}?)"
    r"[\"”]?(?=[,;.)]|\s[—–]|$)"
    r"|[\"“](?P<gloss>(?:the|a|an) [^\"”]{4,80}?)[.,]?[\"”])"
)

#: A determiner before the word: "the ship, which ..." speaks of a thing, not of a word.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|each|every)\s+$", re.I
)


#: "Entropy is defined as a measure of ...": the verb marks the word as a term, however common.
_DEFINED_AS = re.compile(
    r"^(?:(?:The|the) (?:term|word|concept|notion|expression) |(?:A|An|The) )?"
    r"[\"“]?(?P<word>[A-Za-z][\w'-]*(?: [a-z][\w'-]*){0,2}?)[\"”]? (?P<be>is|are) "
    r"(?:(?:formally|usually|often|commonly|generally|simply|technically) )?defined as "
    r"(?P<what>[a-z][^;:]{10,})$"
)
#: Where a definition's description ends: what follows adds a side remark.
_SIDE_REMARK = re.compile(
    r",\s(?:and|but|which|so|while|whereas|although|though)\b|;|\s[—–]\s|\s\("
)


_QUOTED = r"[\"“][^\"”]{2,40}?,?[\"”]"
_NAMES = rf"(?P<names>{_QUOTED}(?:,? {_QUOTED})*,? (?:and|or) {_QUOTED})"
_OFTEN = r"(?:(?:also|sometimes|often|usually|commonly|variously) )?"
#: 'Anarchists also call their ideas "free socialism", "libertarian socialism" or ...': the
#: names someone gives a thing, two or more, quoted.
_CALL_NAMES = re.compile(
    rf"^(?P<who>[A-Z][\w-]*(?: [a-z][\w-]*){{0,2}}?) {_OFTEN}(?P<verb>call|calls|called) "
    rf"(?P<what>(?:their|its|his|her|the) [a-z][\w -]{{2,40}}?) {_NAMES}\.?$"
)
#: 'The Milky Way is also called "the Galaxy" or "the Way"'.
_CALLED_NAMES = re.compile(
    rf"^(?P<what>(?:The |An? )?[A-Za-z][\w -]{{2,40}}?) (?P<be>is|are|was|were) {_OFTEN}"
    rf"(?:called|known as|named) {_NAMES}\.?$"
)
_DO = {"call": "do", "calls": "does", "called": "did"}


def names_given(text: str) -> Shaped | None:
    """A thing's other names, asked typed: any of them counts."""
    match = _CALL_NAMES.match(text) or _CALLED_NAMES.match(text)
    if not match:
        return None
    names = [n.strip(",") for n in re.findall(r"[\"“]([^\"”]{2,40}?)[\"”]", match["names"])]
    if len(set(names)) < 2:
        return None
    what = match["what"]
    often = re.search(
        r"\b(also|sometimes|often|usually|commonly|variously) (?:call|is|are|was|were|called)\b",
        match.group(),
    )
    also = f" {often.group(1)}" if often else ""
    if "who" in match.groupdict():
        who = match["who"]
        if language.zipf(who.split()[0]) >= 3.0:
            who = who[:1].lower() + who[1:]  # "Anarchists", "Botanists": no name
        prompt = f"What {_DO[match['verb']]} {who}{also} call {what}?"
    else:
        if what.startswith(("The ", "A ", "An ")):
            what = what[:1].lower() + what[1:]
        prompt = f"What {match['be']} {what}{also} called?"
    prompt += f" (Any of the {len(names)} names the text gives counts.)"
    first = names[0]
    start = text.find(first, match.start("names"))
    return Shaped(first, start, start + len(first), prompt, "term", also=tuple(names[1:]))


def explained(text: str) -> Shaped | None:
    """The word a sentence explains, with the question that asks for it, if it has one."""
    listed = names_given(text)
    if listed:
        return listed
    match = _DEFINED_AS.match(text)
    if match and _word_ok(match.group("word")):
        what = _SIDE_REMARK.split(match.group("what"))[0].strip().rstrip(".")
        start, end = match.span("word")
        prompt = f"Which term {match.group('be')} defined as {what}?"
        return Shaped(match.group("word"), start, end, prompt, "term")
    match = _ORIGIN.match(text)
    if match and _word_ok(match.group("word")):
        source = match.group("source")
        if not source.startswith("the "):
            source = "the " + source
        prompt = f"Which word comes from {source} “{match.group('origin').strip()}”"
        if match.group("meaning"):
            prompt += f", meaning “{match.group('meaning').strip()}”"
        start, end = match.span("word")
        return Shaped(match.group("word"), start, end, prompt + "?", "term")
    for match in _GLOSSED.finditer(text):
        word = match.group("word")
        meaning = (match.group("meaning") or match.group("gloss") or "").strip().rstrip(",.")
        if not _word_ok(word) or word.casefold() in meaning.casefold():
            continue
        if _DETERMINER_BEFORE.search(text, 0, match.start()):
            continue  # "He named the ship, "the fastest ..."": a thing described, not a word
        start, end = match.span("word")
        return Shaped(word, start, end, f"Which word does the text say means “{meaning}”?", "term")
    return None


def _word_ok(word: str) -> bool:
    """A word worth asking for: not a function word, a pronoun or a name's fragment."""
    first = word.split()[0].casefold()
    return first not in lx.STOP_WORDS and word not in lx.NOT_NAMES and len(word) >= 3
