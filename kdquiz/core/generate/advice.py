"""Rules told to the reader: "Use the RET_NERRNO() helper to convert ...", "We prefer
/* comments */ over // comments in code you commit", "Do not write foo (), write foo()".

Style guides, FAQs and how-tos state their rules as imperatives and to "you", which the other
rules skip as addressing the reader. Where the thing the rule names is specific (a name from
code, a quoted string, an upper-case constant, a rare word), the rule is asked in the
generator's own words: "The text says to use /* comments */ rather than // comments in code
you commit." (true, or false with the two swapped), or "The text says to use _____ helper to
convert ..." with the named thing as the blank. A rule whose thing is an everyday word ("Use an
enum for it") or that introduces an example ("Hence, please use this:") is left alone. Every
rule goes by the shape of the sentence, never its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kdquiz.core.generate import language

#: The imperative clause: at the start of the sentence, or after a condition and a comma
#: ("When returning from main(), please use ..."). "please", "preferably", "always" and
#: "generally" before the verb are dropped.
_CLAUSE = re.compile(
    r"(?:^|,\s+)(?:then\s+)?(?:please\s+)?(?:(?:preferably|always|generally)\s+)?"
    r"(?P<clause>(?:we\s+prefer|prefer|use|do\s+not\s+(?:use|write)|don['’]t\s+(?:use|write)|"
    r"never\s+(?:use|write))\s.*)$",
    re.IGNORECASE,
)
#: "use X instead of Y ...", "prefer X over Y ...", "use X rather than Y ...".
_PAIR = re.compile(
    r"^(?:we\s+prefer|prefer|use)\s+(?P<good>.{1,40}?)\s+(?:over|instead\s+of|rather\s+than|to)"
    r"\s+(?P<bad>.{1,40}?)(?P<rest>(?:\s+(?:in|for|when|on|inside|within)\s.*)?)$",
    re.IGNORECASE,
)
#: "do not write X, write Y", "don't use X; use Y".
_NOT_BUT = re.compile(
    r"^(?:do\s+not|don['’]t|never)\s+(?P<verb>use|write)\s+(?P<bad>.{1,40}?)[,;]\s+"
    r"(?:but\s+|instead\s+)?(?P=verb)\s+(?P<good>.{1,40}?)(?:\s+instead)?$",
    re.IGNORECASE,
)
#: "do not use X in ...": the thing to avoid and what follows.
_NOT = re.compile(
    r"^(?:do\s+not|don['’]t|never)\s+use\s+(?P<bad>\S.*?)(?P<rest>\s+(?:in|for|when|on|with|"
    r"as|to)\s.*)?$",
    re.IGNORECASE,
)
#: "use [the] X [helper|macro|...] to/for/if/in ...": what to use and what for.
_USE = re.compile(
    r"^use\s+(?P<article>the\s+|a\s+|an\s+)?(?P<good>\S+(?:\s+and\s+\S+)?)"
    r"(?P<noun>\s+(?:helper|macro|wrapper|function|option|flag|command|tag|header|file|"
    r"argument|switch|setting|call|variable|type|attribute|constant|class|module|method|key|"
    r"field|parameter|keyword|prefix|suffix|format))?"
    r"(?P<rest>\s+(?:to|for|if|in|when|as|with|so|on)\s.*)$",
    re.IGNORECASE,
)
#: A lead-in that leans on another sentence ("Since this is ...", "Hence, ..."): dropped, the
#: rule stands without it.
_LEANING_LEAD = re.compile(
    r"\b(?:this|that|these|those|it|they|we|our|hence|thus|so|also|i\.e|e\.g)\b", re.IGNORECASE
)
#: A quoted string, or a name from code: an underscore, brackets, a slash or star, a dot or
#: hyphen between letters, a digit, or two or more capitals in a row.
_CODE = re.compile(r"[_()/*<>{}\[\]]|\w[.-]\w|\d|[A-Z]{2,}")
#: "... error returning. e.g.", "... like so: For example:": a pointer to an example after the
#: rule, dropped.
_EXAMPLE_AFTER = re.compile(r"\.\s+(?:e\.g\.|i\.e\.|for example:?)$", re.IGNORECASE)
#: A rule ending in a colon before its example still states a whole rule when it says what to
#: use the thing for: "use SYNTHETIC_ERRNO wrapper to tell the logging system ...:".
_USE_TO = re.compile(r"\buse\s+\S+.*\s(?:to|for)\s\w+.*\s\w+", re.IGNORECASE)
#: A lead-in kept as the rule's condition: "If ...", "When ...", "To extract zip files ...".
_CONDITION = re.compile(r"(?:if|when|where|for|to)\b", re.IGNORECASE)
#: What the thing is for leans on another sentence: "use an enum for it", "... with them".
_LEANING_REST = re.compile(r"\s+\w+\s+(?:it|this|that|these|those|them)\b", re.IGNORECASE)
#: Longest rule asked, in words.
MAX_WORDS = 40


@dataclass(frozen=True)
class Advice:
    """A rule told to the reader, in the generator's words: what it says to use (and, for a
    pair, what not to), where it stands in `statement`, and the statement with the two
    swapped (a pair) or the thing to avoid said to be used (a prohibition)."""

    statement: str
    source: str  # the sentence as the text words it, without a pointer to its example
    thing: str  # what the card asks for: the thing to use, or the thing to avoid
    start: int  # where `thing` stands in `statement` (-1: a true/false card only)
    turned: str = ""  # the statement made false: a pair swapped, a prohibition lifted


def specific(thing: str) -> bool:
    """A thing worth asking about: quoted, from code, upper-case, or one rare word."""
    thing = thing.strip()
    if not thing or len(thing.split()) > 4:
        return False
    if re.fullmatch(r"[\"“'‘].+[\"”'’]", thing):
        return True
    if _CODE.search(thing):
        return True
    words = thing.split()
    return len(words) == 1 and thing.isalpha() and language.zipf(thing) < language.COMMON_ZIPF


def advice(text: str) -> Advice | None:
    """The sentence as a rule told to the reader about a specific thing, in the generator's
    own words; None for any other sentence."""
    text = _EXAMPLE_AFTER.sub(".", text.strip())
    source = text[:-1] + "."
    if len(text.split()) > MAX_WORDS or text.startswith("("):
        return None
    if not text.endswith(".") and not (text.endswith(":") and _USE_TO.search(text)):
        return None  # "Hence, please use this:" introduces an example, no rule of its own
    match = _CLAUSE.search(text[:-1])
    if not match:
        return None
    lead = re.split(r",\s+(?:i\.e\.|e\.g\.)", text[: match.start()])[0].strip()
    if lead and (_LEANING_LEAD.search(lead) or not _CONDITION.match(lead)):
        lead = ""  # "Since we typically want ...": the rule stands without it
    clause = re.sub(r",?\s+please$", "", match.group("clause").strip())
    clause = re.sub(r"\byour\b", "the", clause)
    opening = f"{lead[:1].upper()}{lead[1:]}, the text says to " if lead else "The text says to "
    pair = _PAIR.match(clause)
    if pair and specific(pair["good"]) and specific(pair["bad"]):
        good, bad, rest = pair["good"], pair["bad"], pair["rest"]
        statement = f"{opening}use {good} rather than {bad}{rest}."
        turned = f"{opening}use {bad} rather than {good}{rest}."
        return Advice(statement, source, good, -1, turned)
    not_but = _NOT_BUT.match(clause)
    if not_but and specific(not_but["good"]) and specific(not_but["bad"]):
        verb, good, bad = not_but["verb"].lower(), not_but["good"], not_but["bad"]
        statement = f"{opening}{verb} {good} rather than {bad}."
        turned = f"{opening}{verb} {bad} rather than {good}."
        return Advice(statement, source, good, -1, turned)
    avoid = _NOT.match(clause)
    if avoid and specific(avoid["bad"]):
        rest = avoid["rest"] or ""
        statement = f"{opening.removesuffix('to ')}not to use {avoid['bad']}{rest}."
        turned = f"{opening}use {avoid['bad']}{rest}."
        return Advice(statement, source, avoid["bad"], -1, turned)
    use = _USE.match(clause)
    if not use or _LEANING_REST.match(use["rest"]):
        return None  # "use an enum for it": what for is in another sentence
    good = use["good"].split(" and ")[0]
    kind_of_thing = (use["article"] or "").strip().lower() in {"a", "an"}
    if not _CODE.search(good) and (kind_of_thing or not specific(good)):
        return None  # "use an enum": a kind of thing, not a name
    if specific(good):
        # "use the X helper": keep the article and the noun around the blank.
        said = clause[len("use ") :]
        statement = f"{opening}use {said}."
        start = len(opening) + len("use ") + said.find(good)
        return Advice(statement, source, good, start)
    return None


#: Verbs an instruction opens with, besides "use" and "write" (above): the imperative of a
#: how-to ("Run ...", "Remove the flag ...", "Press ...").
INSTRUCTION_VERBS = (
    "run|type|press|remove|add|set|open|save|select|choose|click|enter|install|create|specify|"
    "pass|call|edit|delete|replace|change|put|place|hold|drag|move|copy|keep|check|turn|start|"
    "stop|include|insert|give|use|try|append|prepend|configure|enable|disable|unset|rename"
)
#: An instruction: after an optional condition or purpose ("If you ..., ", "To X, "), "you can
#: (should, must, need to, have to) VERB ..." or an imperative verb at the start.
_INSTRUCTION = re.compile(
    r"^(?P<lead>(?:(?:if|when|to|before|after|once)\s[^,]{3,80},\s+))?"
    r"(?P<clause>(?:(?P<you>you\s+(?:can|should|must|need\s+to|have\s+to|may)"
    r"(?:\s+(?:also|simply|just|then))?)\s+)?"
    rf"(?P<verb>(?:then\s+)?(?:{INSTRUCTION_VERBS}))\s.*)$",
    re.IGNORECASE,
)
#: A specific thing an instruction names: a quoted string, an option ("-des3", "--no-edit"), a
#: key or key combination, whole ("Ctrl+N", "F4", "C-b", "Ctrl+middle click"), a menu path,
#: whole ("File⇒Save", "Help⇒Keys and Mouse Reference"), a file name
#: ("openssl.cnf") or a name from code ("pour_slow()", "BREW_LIMIT").
_THING = re.compile(
    r"(?P<quoted>['‘\"“](?P<inner>[^'’\"”\s][^'’\"”]{0,28})['’\"”])"
    r"|(?<![\w<>-])(?P<option>--?[A-Za-z][\w-]*)(?![\w>])"
    r"|(?<!\w)(?P<key>(?:(?:Ctrl|Alt|Shift|Cmd|Meta|Super)\+)+\S+(?: (?:click|drag|double-click))?"
    r"|F\d{1,2}|[CM]-[a-z_?])(?![\w+])"
    r"|(?P<menu>\w+(?:⇒[\w…]+(?: (?:(?:and|of|from|to|the|with|for|in) )*[A-Z][\w…]*)*)+)"
    r"|(?<![\w./<-])(?P<file>[A-Za-z][\w-]*\.[a-z]{2,4})(?![\w/>])"
    r"|(?<![\w<])(?P<code>[A-Za-z]\w*\(\)|[A-Za-z]+_[\w]+)(?![\w>])"
)
#: A place in the text pointed at: "from the command line above", "with the commands shown
#: below": dropped, the instruction stands without it.
_POINTER_AFTER = re.compile(
    r"\s+(?:from|in|with|on|to)\s+the\s+[\w\s]{0,30}?(?:above|below)$", re.IGNORECASE
)


#: An instruction that shows an example of its thing rather than naming it.
_LIKE = re.compile(r"\b(?:like|such\s+as|e\.g\.|for\s+example)\s", re.IGNORECASE)


def instruction(text: str) -> Advice | None:
    """An instruction told to the reader about a specific thing ("If you do not want a
    password, remove the flag '-des3'.", "You can specify another file with the '-config'
    argument.", "To create a new document, press Ctrl+N."), the thing as the blank; None for
    any other sentence, or one whose thing is an everyday word."""
    text = _EXAMPLE_AFTER.sub(".", text.strip())
    if not text.endswith("."):
        return None
    body = _POINTER_AFTER.sub("", text[:-1].rstrip())
    match = _INSTRUCTION.match(body)
    if not match and "; " in body:
        # "Your change is kept; if you wish to ..., you can use the --no-edit option.": the
        # last clause stands as a sentence of its own.
        last = body.rsplit("; ", 1)[1]
        body = last[:1].upper() + last[1:]
        match = _INSTRUCTION.match(body)
    if not match or len(body.split()) > MAX_WORDS:
        return None
    lead = match["lead"] or ""
    if lead and _LEANING_LEAD.search(re.sub(r"\byou\b|\byour\b", "", lead)):
        return None  # "If not, use ...", "When that is done, ...": leans on another sentence
    clause = match["clause"]
    if _LIKE.search(clause):
        return None  # "use a command like gunzip -S .zip": an example, not the rule's thing
    thing = _THING.search(clause, len(match["you"] or ""))
    if not thing:
        return None
    alternative = (
        _THING.match(clause, thing.end() + len(" or "))
        if clause[thing.end() :].startswith(" or ")
        else None
    )
    if alternative and alternative.lastgroup == thing.lastgroup:
        return None  # "type C-r or C-s as appropriate": either key fits the blank
    statement = f"{body}."
    said, start = thing[0], len(lead) + thing.start()
    if thing["inner"]:
        # "the '-config {file}' argument": the option inside the quotation, or all of it.
        inner = _THING.search(thing["inner"]) if " " in thing["inner"] else None
        said = inner[0] if inner and not inner["quoted"] else thing["inner"]
        start += 1 + (inner.start() if inner and not inner["quoted"] else 0)
    return Advice(statement, statement, said, start)
