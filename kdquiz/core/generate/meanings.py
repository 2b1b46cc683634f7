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


def explained(text: str) -> Shaped | None:
    """The word a sentence explains, with the question that asks for it, if it has one."""
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
