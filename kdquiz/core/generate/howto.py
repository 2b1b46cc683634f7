"""Commands shown after the sentence that says what they are for: "You can use the following
command to list all supported curves:" then the line "tool curves -list".

Procedures and how-tos teach most of what they teach in the commands they show, code the other
rules never read. Where a sentence ending in a colon introduces a one-line command and says what
it does, the command is asked in the generator's own words: "How do you list all supported
curves?", the text's other commands as the choices. The purpose comes from the sentence ("...
the following command to X:", "you have to X:", "The request is created like this:") or, when
the sentence only introduces ("all you have to do is the following:"), from a heading shaped
"To X" or "How to X"; a purpose that leans on another sentence ("using the parameters in
question", "When that is done, ...") is not asked. Every rule goes by the shape of the
sentence, never its words.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from kdquiz.core.generate.advice import INSTRUCTION_VERBS
from kdquiz.core.generate.language import lemma
from kdquiz.core.generate.text import Sentence

#: "... use the following command to X", "... run this to X": the purpose after the command.
_FOLLOWING_TO = re.compile(
    r"\b(?:use|run|type|enter|try)\s+(?:the\s+following|this)(?:\s+(?:command|line|code))?"
    r"\s+to\s+(?P<purpose>\w.*)$",
    re.IGNORECASE,
)
#: "First, you have to X", "you can also X", "you need to X": the purpose is the clause.
_YOU_DO = re.compile(
    r"^(?:(?P<step>first|then|next|finally|now)\s*,?\s+)?you\s+(?:have\s+to|need\s+to|must|"
    r"should|can|may)(?:\s+also)?\s+(?P<purpose>\w.*)$",
    re.IGNORECASE,
)
#: "The certificate request is created like this", "Keys are made as follows".
_PASSIVE = re.compile(
    r"^(?P<thing>(?:the\s+|a\s+|an\s+)?[\w-]+(?:\s+[\w-]+){0,3})\s+(?P<be>is|are)\s+"
    r"(?P<done>[a-z]+ed)\s+(?:like\s+this|as\s+follows|this\s+way)$",
    re.IGNORECASE,
)
#: A sentence that only introduces what follows: its purpose is the heading's.
_INTRODUCES = re.compile(r"\b(?:the\s+following|like\s+this|as\s+follows)$", re.IGNORECASE)
#: A heading that says what its section is for: "To generate a key", "How to install it".
_HEADING_PURPOSE = re.compile(r"^(?:how\s+)?to\s+(?P<purpose>[a-z]\w*(?:\s+\S+){1,8})$", re.I)
#: A purpose that leans on another sentence or on what follows.
_LEANING = re.compile(
    r"\b(?:this|that|these|those|it|them|above|below|following|in\s+question|such|same|"
    r"created|previous)\b",
    re.IGNORECASE,
)
#: A remark in brackets: "(actually, several keys can be ...)".
_REMARK = re.compile(r"\s*\([^()]*\)")
#: Longest purpose asked, in words.
MAX_PURPOSE_WORDS = 14


@dataclass(frozen=True)
class Howto:
    """A command and the question that asks for it, in the generator's words."""

    prompt: str  # "How do you list all supported curves?"
    command: str
    said: str  # what the text shows, standing alone: "To list all supported curves: tool -list"


def _purpose_of(sentence: str) -> tuple[str, bool] | None:
    """What the command does, as the sentence says it ("list all supported curves"), and
    whether it is a step of something larger ("First, you have to ..."); None if it says no
    purpose of its own."""
    text = _REMARK.sub("", sentence.strip().removesuffix(":")).strip()
    found = _FOLLOWING_TO.search(text)
    if found:
        return found["purpose"], False
    # "When that is done, you can ...": a lead-in is dropped, and must not lean elsewhere.
    lead, _, rest = text.rpartition(", you ")
    if lead and not re.fullmatch(r"(?:first|then|next|finally|now)", lead, re.IGNORECASE):
        if _LEANING.search(lead):
            return None
        text = "you " + rest
    found = _YOU_DO.match(text)
    if found:
        return found["purpose"], bool(found["step"])
    return None


def howto(sentence: str, heading: str, command: str) -> Howto | None:
    """The command asked as "How do you X?" from the sentence that introduces it, or None."""
    command = command.strip()
    if not command or len(command) > 80 or not sentence.rstrip().endswith(":"):
        return None
    heading_purpose = _HEADING_PURPOSE.match(heading.strip())
    passive = _PASSIVE.match(_REMARK.sub("", sentence.strip().removesuffix(":")).strip())
    if passive and not _LEANING.search(passive["thing"]):
        thing = passive["thing"]
        thing = (
            thing[:1].lower() + thing[1:] if thing[:1].isupper() and thing[1:2].islower() else thing
        )
        be, done = passive["be"].lower(), passive["done"].lower()
        said = f"{passive['thing']} {be} {done} with {command}"
        return Howto(f"How {be} {thing} {done}?", command, said)
    found = _purpose_of(sentence)
    if found is None:
        if heading_purpose and _INTRODUCES.search(sentence.strip().removesuffix(":")):
            purpose = heading_purpose["purpose"]
            return Howto(f"How do you {purpose}?", command, f"To {purpose}: {command}")
        return None
    purpose, step = found
    purpose = re.sub(r"\byour\b", "the", purpose.strip())
    if _LEANING.search(purpose) or len(purpose.split()) > MAX_PURPOSE_WORDS:
        return None
    if heading_purpose and heading_purpose["purpose"].casefold() != purpose.casefold():
        whole = heading_purpose["purpose"]
        said = f"To {whole}, {purpose}: {command}"
        return Howto(f"To {whole}, how do you {purpose}?", command, said)
    if step:
        return None  # "First, you have to ...": a step of what, the text does not say here
    return Howto(f"How do you {purpose}?", command, f"To {purpose}: {command}")


def same_tool(command: str, others: list[str]) -> list[str]:
    """The other commands as choices: those of the same program first ("tool a", "tool b")."""
    tool = command.split()[0]
    near = [o for o in others if o.split()[0] == tool]
    return near if len(near) >= 3 else others


#: Steps of a procedure asked in order, at least and at most; words of a shortened step, at
#: most, and of all the steps together.
MIN_STEPS, MAX_STEPS = 3, 8
MAX_STEP_WORDS = 8
MAX_STEPS_WORDS = 40
#: Where a step's first clause ends: what follows explains it.
_STEP_CLAUSE = re.compile(r",\s|;\s|:\s|\.\s|\s[—–]\s|\s\(|\.$")
#: A step told as an instruction: an imperative verb, then what it acts on.
_STEP_OBJECT = frozenset(
    "the a an your its their each every all some one two three it them this that up down out "
    "into over off on in".split()
)


@dataclass(frozen=True)
class Procedure:
    """Numbered steps under one heading, each shortened to its first clause, in order."""

    heading: str
    steps: tuple[str, ...]
    first: int  # the index of the sentence that opens the first step

    @property
    def prompt(self) -> str:
        return f"In what order does the text give the steps of “{self.heading}”?"


def _imperative(step: str) -> bool:
    """Does the step open with a verb telling the reader what to do ("Open the lid")?"""
    words = step.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    verb = words[0].casefold()
    if re.fullmatch(INSTRUCTION_VERBS, verb):
        return True
    return verb.isalpha() and lemma(verb) == verb and words[1].casefold() in _STEP_OBJECT


def procedures(sentences: list[Sentence]) -> list[Procedure]:
    """Runs of numbered steps 1, 2, 3 ... under one heading whose every step is a short,
    distinct instruction: each run asked once, as the order of its steps."""
    runs: list[list[Sentence]] = []
    for sentence in sentences:
        if not sentence.step:
            continue
        run = runs[-1] if runs else None
        if run and sentence.step == run[-1].step + 1 and sentence.heading == run[-1].heading:
            run.append(sentence)
        elif sentence.step == 1:
            runs.append([sentence])
    out = []
    for run in runs:
        steps = [_STEP_CLAUSE.split(s.text, maxsplit=1)[0].strip() for s in run]
        if not MIN_STEPS <= len(steps) <= MAX_STEPS or not run[0].heading:
            continue
        if not all(_imperative(step) for step in steps):
            continue  # a numbered list of facts, not of things to do
        if any(len(step.split()) > MAX_STEP_WORDS for step in steps):
            continue
        if sum(len(step.split()) for step in steps) > MAX_STEPS_WORDS:
            continue
        if len({step.casefold() for step in steps}) < len(steps):
            continue
        out.append(Procedure(run[0].heading, tuple(steps), run[0].index))
    return out


def orderings(steps: tuple[str, ...], rng: random.Random, count: int = 3) -> list[str]:
    """`count` wrong orders of the steps, each a neighbour swap or a rotation of the right one."""
    wrong: list[tuple[str, ...]] = []
    for i in range(len(steps) - 1):
        swapped = list(steps)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        wrong.append(tuple(swapped))
    wrong.append(steps[1:] + steps[:1])
    wrong.append(tuple(reversed(steps)))
    unique = list(dict.fromkeys(w for w in wrong if w != steps))
    rng.shuffle(unique)
    return [order_text(w) for w in unique[:count]]


def order_text(steps: tuple[str, ...]) -> str:
    return " → ".join(steps)
