"""Facts stated in shapes other than "X is a ...": terms defined by naming, and what a tool does.

Manuals define terms as 'By "internationalization", one refers to ...', '... are called a
character encoding', 'UTF stands for ...', and state what a command does as an instruction to
the reader: "You can use the cmp command to show ...". The instruction is first restated as a
plain fact ("The cmp command can be used to show ..."), then each shape is asked in the
generator's own words: "Which command can be used to show ...?", "What are the rules for ...
called?". Every rule goes by the shape of the sentence, never by the words of a given text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdquiz.core.generate import language
from kdquiz.core.generate import lexicon as lx

#: Kinds of thing a reader is told to use; they type the question ("Which command ...?").
TOOL_NOUNS = (
    "command|program|tool|utility|option|flag|function|method|module|library|package|script"
)
_TOOL = rf"(?:the )?[\w.+-]*[\w+](?: (?:{TOOL_NOUNS}))?"
_LEAD = r"(?P<lead>(?:given|with|for|when|once|after) [^,]{1,60}, )?"
_USE = re.compile(
    rf"^{_LEAD}(?:you can (?:also )?(?P<verb>use|type|press|enter|run)|use) (?P<x>{_TOOL}) "
    r"to (?P<rest>[^;:]+)$",
    re.I,
)
#: "You can move the cursor to the right with C-f": what a key or tool does, said to the reader.
_DO_WITH = re.compile(
    rf"^{_LEAD}you can (?:also )?(?P<rest>[a-z]+ [^,;:]{{3,80}}?) "
    rf"(?:with|using|by typing|by pressing) (?P<x>{_TOOL})\.?$",
    re.I,
)
#: The participle each instruction verb takes: "you can type X to ..." -> "X can be typed to".
_DONE = {"use": "used", "type": "typed", "press": "pressed", "enter": "entered", "run": "run"}
_TO_USE = re.compile(
    rf"^to (?P<goal>[^,;:]{{8,120}}), use (?P<x>{_TOOL})(?: instead of [^,;:]+)?\.?$", re.I
)
_BY_TERM = re.compile(
    r"^by [\"“](?P<term>[^\"”]{2,40})[\"”],? (?:one|we|i) (?P<verb>refers?|means?)"
    r"(?: to)? (?P<rest>.+)$",
    re.I,
)
#: 'One uses the expression "Native Language Support", or merely NLS, for speaking of ...'.
_USES_TERM = re.compile(
    r"^(?:one|we|people) (?:uses?|employs?) the (?:expression|term|word|name|phrase) "
    r"[\"“](?P<term>[^\"”]{2,40})[\"”](?:, or (?:merely |simply |just )?[^,]{1,20},)? "
    r"(?:for|to|when) (?:speaking of|speak of|talking about|talk about|refer to|referring to|"
    r"describe|describing|name|naming|mean|meaning) (?P<rest>.+)$",
    re.I,
)
_TOOL_USED = re.compile(
    r"^(?:[A-Z][^,]{1,60}, )?"
    rf"(?P<x>(?:[Tt]he )?(?P<name>[\w.+-]*[\w+])(?: (?P<noun>{TOOL_NOUNS}))?) can be "
    r"(?P<done>used|typed|pressed|entered|run) to (?P<what>.+?)\.?$"
)
_WORD = r"[A-Za-z](?:[\w.+-]*[\w+])?"
_TERM = rf"[\"“](?P<q>[^\"”]{{2,40}})[\"”]|(?P<w>{_WORD}(?: {_WORD}){{0,2}})"
_REFERS = re.compile(
    rf"^(?:The (?:term|word|expression|name|abbreviation|acronym) )?(?:{_TERM}) "
    r"(?P<verb>refers to|means|denotes) (?P<what>.{12,})$"
)
_STANDS_FOR = re.compile(
    r"^(?:The (?:abbreviation|acronym|name) )?[\"“]?(?P<term>[A-Z][\w.+-]*)[\"”]? stands for "
    r"(?:[\"“](?P<what>[A-Za-z][^\"”]{2,60})[\"”]"
    r"|(?P<caps>[A-Z][\w-]*(?: (?:of |and |for |the )?[A-Z][\w-]*){0,5}))(?=[\s.,;(]|$)"
)
_CALLED = re.compile(
    r"^(?P<what>(?:The|A|An) [^;:\"“]{5,200}?),? (?P<verb>is|are) "
    r"(?:(?:often|usually|also|sometimes|commonly|simply|generally) )?called "
    rf"(?:(?:an?|the) )?(?:{_TERM})(?=[,.;]|\s+or\b|\s+(?:for|in|of) (?:an?|the|this|that|each|its)\b|$)"
)
_CALLED_AFTER = re.compile(
    r"\b(?:that|which)(?:'s|’s| is| are) (?:(?:often|usually|also|sometimes|commonly) )?"
    rf"called (?:(?:an?|the) )?(?:{_TERM})(?=[,.;]|$)"
)
#: "... This concept is known as type stability." (two sentences as one fact): the term named.
_THIS_CALLED_TERM = re.compile(
    r"\. This (?:[a-z]+ ){1,2}(?:is|are) (?:(?:often|usually|also|sometimes|commonly) )?"
    rf"(?:known as|called|termed|referred to as|named) (?:(?:an?|the) )?(?:{_TERM})\.$"
)
_ALSO_KNOWN = re.compile(
    r"(?P<a>[A-Z][\w.+-]*(?: [\w.+-]+){0,3}), also (?:known as|called) "
    r"[\"“]?(?P<b>[\w.+-]+(?: [\w.+-]+){0,3}?)[\"”]?(?=[,.;)]|$)"
)
#: Where a description ends: what follows adds a side remark.
_CLAUSE_BREAK = re.compile(
    r",\s(?:and|but|which|so|rather than|instead of|while|whereas|although|though|unlike)\b"
    r"|;|\s[—–]\s|\s\("
)


#: Kinds of tool that stand in for one another as choices.
_KIN = {
    "program": "command",
    "tool": "command",
    "utility": "command",
    "script": "command",
    "flag": "option",
    "method": "function",
    "library": "module",
    "package": "module",
}


@dataclass(frozen=True)
class Shaped:
    """A fact's answer (where it stands in the fact) and the question that asks for it."""

    answer: str
    start: int
    end: int
    prompt: str  # "" for a fill-in-the-blank (the term in a relative clause)
    group: str  # what the answer is, for distractors: "command", "term", "expansion"
    abbreviation: str = ""  # "UTF" when the answer is what it stands for
    also: tuple[str, ...] = ()  # other right answers: the other names of a list of names


def restated(text: str) -> str:
    """A reader-addressed instruction or a 'By "X", one means ...' as a plain statement."""
    match = _USE.match(text) or _TO_USE.match(text) or _DO_WITH.match(text)
    if match:
        rest = match.groupdict().get("rest") or match.group("goal")
        tool = match.group("x")
        if " " not in tool and tool.casefold() in lx.STOP_WORDS:
            return text
        lead = match.groupdict().get("lead") or ""
        if tool.startswith("the ") and not lead:
            tool = tool[0].upper() + tool[1:]
        done = _DONE[(match.groupdict().get("verb") or "use").casefold()]
        return f"{lead}{tool} can be {done} to {rest.rstrip('.')}."
    match = _USES_TERM.match(text)
    if match:
        return f"“{match.group('term')}” refers to {match.group('rest')}"
    match = _BY_TERM.match(text)
    if match:
        verb = "refers to" if match.group("verb").casefold().startswith("refer") else "means"
        rest = match.group("rest")
        return f"“{match.group('term')}” {verb} {rest}"
    return text


def shaped(text: str) -> Shaped | None:
    """The answer a sentence's shape asks for, with its question, if it has one."""
    match = _TOOL_USED.match(text)
    if match and _specific(match.group("name"), quoted=bool(match.group("noun"))):
        noun = match.group("noun")
        what = _description(match.group("what"))
        asked = f"Which {noun}" if noun else "What"
        start, end = match.span("name")
        return Shaped(
            match.group("name"),
            start,
            end,
            f"{asked} can be {match.group('done')} to {what}?",
            kin_of(noun or "command"),
        )
    match = _STANDS_FOR.match(text)
    if match:
        name = "what" if match.group("what") else "caps"
        start, end = match.span(name)
        return Shaped(
            match.group(name).strip(),
            start,
            end,
            f"What does {match.group('term')} stand for?",
            "expansion",
            match.group("term"),
        )
    for pattern, ask in ((_REFERS, _asked_refers), (_CALLED, _asked_called)):
        match = pattern.match(text)
        if match and _term_ok(match):
            return _term_shaped(match, ask(match))
    match = _CALLED_AFTER.search(text) or _THIS_CALLED_TERM.search(text)
    if match and _term_ok(match):
        return _term_shaped(match, "")
    match = _ALSO_KNOWN.search(text)
    if match and _specific(match.group("b"), quoted=True):
        start, end = match.span("b")
        a = re.sub(r"^(The|A|An) ", lambda m: m.group(1).lower() + " ", match.group("a"))
        return Shaped(match.group("b"), start, end, f"What is {a} also known as?", "term")
    return None


def _asked_refers(match: re.Match[str]) -> str:
    return f"Which term {match.group('verb')} {_description(match.group('what'))}?"


def _asked_called(match: re.Match[str]) -> str:
    what = match.group("what").split(", ")[0]  # ", together with ...": a side remark
    return f"What {match.group('verb')} {what[0].lower() + what[1:]} called?"


def _term_shaped(match: re.Match[str], prompt: str) -> Shaped:
    """The quoted or plain term a definition names, asked with `prompt` ("" for a cloze)."""
    name = "q" if match.group("q") else "w"
    start, end = match.span(name)
    return Shaped(match.group(name), start, end, prompt, "term")


def kin_of(noun: str) -> str:
    """The group a kind of tool shares choices with: a program beside commands."""
    return _KIN.get(noun, noun)


def _description(what: str) -> str:
    return _CLAUSE_BREAK.split(what)[0].strip().rstrip(".")


def _term_ok(match: re.Match[str]) -> bool:
    if match.group("q"):
        return True
    return _specific(match.group("w"), quoted=False)


def _specific(term: str, quoted: bool) -> bool:
    """A term worth asking for: not a pronoun or everyday word (a quoted or typed one may be)."""
    words = language.words_of(term)
    if not words or words[0].casefold() in lx.STOP_WORDS or words[0] in lx.NOT_NAMES:
        return False
    if quoted or len(words) > 1:
        return not all(w.casefold() in lx.STOP_WORDS for w in words)
    return language.zipf(term) < language.COMMON_ZIPF or not term.isalpha()


#: Kinds of named thing a sentence's subject may be, asked as "Which <kind> ...?".
SUBJECT_NOUNS = f"{TOOL_NOUNS}|format|standard|protocol|language|encoding|class|exception"
#: A name's word; one from code may end in "()": "float.hex()", "repr()".
_NAME_WORD = r"[A-Za-z][\w.+-]*[\w+](?:\(\))?|[A-Za-z]"
#: A leading clause that sets the circumstances: "When two people have made independent
#: changes to a common original, diff3 can report ..."; kept at the front of the question.
_CIRCUMSTANCE = (
    r"(?P<clause>(?:When|If|Once|Unless|After|Before|Although|While)\b[^,;:()]{0,80}, )?"
)
_SUBJECT_DOES = re.compile(
    rf"^{_CIRCUMSTANCE}(?P<the>[Tt]he )?(?P<name>(?:{_NAME_WORD})(?: [A-Z][\w.+-]*[\w+]){{0,2}})"
    rf"(?: (?P<noun>{SUBJECT_NOUNS}))? (?:(?P<adverb>[a-z]{{3,}}ly) )?"
    r"(?P<verb>(?:can|cannot|will|may|must|does|should)(?: not)? [a-z]+|[a-z]{3,}(?<![su])s)"
    r" (?P<rest>.+)$"
)
_KNOWN_AS = re.compile(
    rf"\b(?:[Tt]he (?P<a>[\w.+-]*[\w+]) (?P<an>{SUBJECT_NOUNS})\b"
    rf"|(?P<b>[\w.+-]*[\w+]) is an? (?:[\w-]+ ){{0,3}}?(?P<bn>{SUBJECT_NOUNS})\b)"
)
#: "... the decimal module which implements decimal arithmetic ...": a named tool and what it
#: does, in a relative clause that stands on its own whatever the rest of the sentence leans on.
_WHICH_DOES = re.compile(
    rf"\b[Tt]he (?P<name>[\w.+-]*[\w+](?:\(\))?) (?P<noun>{TOOL_NOUNS}) (?:which|that) "
    r"(?P<verb>(?:can|will|may)(?: not)? [a-z]+|[a-z]{3,}(?<![su])s) (?P<rest>[^;:]+)$"
)
#: The group of a subject whose kind the text never says: typed only, no choices to offer.
UNKNOWN_KIND = "thing"
_NOT_AFTER_VERB = frozenset("is are was were be been has have had".split())


def kinds_named(sentences: list[str]) -> dict[str, str]:
    """What kind of thing each name is, where the text says so: "the gzip program",
    "zcat is a command" -> {"gzip": "program", "zcat": "command"}."""
    out: dict[str, str] = {}
    for text in sentences:
        for match in _KNOWN_AS.finditer(text):
            name = match.group("a") or match.group("b")
            if _specific(name, quoted=False) and not name.islower() or _code_like(name):
                out.setdefault(name.casefold(), match.group("an") or match.group("bn"))
    return out


def subject_does(text: str, kinds: dict[str, str]) -> Shaped | None:
    """ "gzip reduces the size of files using Lempel-Ziv coding." -> "Which program reduces the
    size of files using Lempel-Ziv coding?", when the subject is a specific name; "Which <kind>"
    when the sentence or the text says what kind of thing it is, else "What" (and no choices:
    there is no kin to offer)."""
    match = _SUBJECT_DOES.match(text)
    if not match:
        return None
    name, verb = match.group("name"), match.group("verb")
    gerund = _GERUND.match(name)
    if gerund and not match.group("clause") and not match.group("noun"):
        return _typed_does(text, match, gerund)
    noun = match.group("noun") or kinds.get(name.casefold(), "")
    words = name.split()
    if verb.split()[0] in lx.STOP_WORDS - _MODALS or not _specific(name, False):
        return None
    if not noun and (match.group("the") or not (_code_like(name) or len(words) > 1)):
        return None  # "The specializer ...": a common noun; "Unicode ...": a kind unknown
    clause = match.group("clause") or ""
    if clause and (_VAGUE_WORD.search(clause) or not name[:1].islower() and not noun):
        return None  # "When it is ...": leans on another sentence; "When Debian ...": a name
    if len(words) > 1 and not all(w[:1].isupper() for w in words):
        return None
    what = _description(match.group("rest"))
    if len(what.split()) < 3 or what.split()[0] in _NOT_AFTER_VERB or what.endswith(":"):
        return None
    if any(w.casefold() in what.casefold().split() for w in words):
        return None  # "What explores optimizations for CPython?" half answers itself
    verb = re.sub(r" also\b", "", verb)
    if match.group("adverb"):
        verb = f"{match.group('adverb')} {verb}"
    start, end = match.span("name")
    asked = f"Which {noun}" if noun else "What"
    if clause:
        asked = clause + asked.lower()
    return Shaped(
        name, start, end, f"{asked} {verb} {what}?", kin_of(noun) if noun else UNKNOWN_KIND
    )


#: A key or command as the object of a gerund subject: "Typing C-s searches forward ...".
_GERUND = re.compile(r"(?P<how>Typing|Pressing|Entering) (?P<key>\S+(?: \S+)?)\Z")
_PARTICIPLE = {"Typing": "typed", "Pressing": "pressed", "Entering": "entered"}
#: "the desired character", "the same line": what is meant is said elsewhere.
_POINTER = re.compile(r"\bthe (?:desired|same|above|following|former|latter|previous)\b", re.I)


def _typed_does(text: str, match: re.Match[str], gerund: re.Match[str]) -> Shaped | None:
    """ "Typing C-s searches forward through the history." -> "What, when typed, searches
    forward through the history?", answered by the key alone, not "Typing C-s"."""
    key = gerund.group("key")
    if not _specific(key, quoted=True):
        return None
    what = _description(match.group("rest"))
    if len(what.split()) < 2 or _VAGUE_WORD.search(what) or _POINTER.search(what):
        return None
    start = match.start("name") + gerund.start("key")
    verb = re.sub(r" also\b", "", match.group("verb"))
    done = _PARTICIPLE[gerund.group("how")]
    return Shaped(key, start, start + len(key), f"What, when {done}, {verb} {what}?", UNKNOWN_KIND)


def which_does(text: str) -> Shaped | None:
    """ "... try the decimal module which implements decimal arithmetic for accounting." ->
    "Which module implements decimal arithmetic for accounting?": the clause names the tool and
    says what it does, so the question needs nothing else from the sentence."""
    match = _WHICH_DOES.search(text)
    if not match:
        return None
    name, noun, verb = match.group("name"), match.group("noun"), match.group("verb")
    if name.casefold() in lx.TOOL_MODIFIERS or name.casefold() in lx.STOP_WORDS:
        return None  # "the main function which ...": a description, not a name
    what = _description(match.group("rest"))
    if len(what.split()) < 3 or _VAGUE_WORD.search(what) or name.casefold() in what.casefold():
        return None
    start, end = match.span("name")
    return Shaped(name, start, end, f"Which {noun} {verb} {what}?", kin_of(noun))


_VAGUE_WORD = re.compile(
    r"\b(?:it|its|they|them|their|this|these|those|that|he|she|his|her|you|your|i|we|our)\b",
    re.I,
)


def _code_like(name: str) -> bool:
    """ "gzip", "lzmadec", "diff3": one lower-case word no dictionary has."""
    return (
        name.islower()
        and " " not in name
        and not name.endswith("s")  # "timestamps": a plural noun, not a program's name
        and _specific(name, quoted=False)
    )


_MODALS = frozenset("can cannot will may must does should".split())
