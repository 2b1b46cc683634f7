"""Quality gates: every candidate passes all of them or is not written.

Each gate is a plain function of a candidate returning True when it passes, so tests can check the
gates on any card, not only on the ones the generator happened to keep. The near-duplicate gate
compares a candidate with the cards already chosen, so it lives in rank.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kdquiz.core.generate import language, pairs
from kdquiz.core.generate import lexicon as lx
from kdquiz.core.generate.boundaries import whole_answer
from kdquiz.core.generate.candidates import BLANK, Candidate
from kdquiz.core.generate.entities import NUMERIC_KINDS, EntityKind
from kdquiz.core.generate.guessable import same_stem_in
from kdquiz.core.model import Kind

ANSWER_IN_SOURCE = "answer-in-source"
NO_STOP_WORD = "not-a-stop-word"
NO_LEAK = "no-leak"
WHOLE_ANSWER = "whole-answer"
DISTINCT_CHOICES = "distinct-choices"
DISTRACTOR_NOT_TRUE = "distractor-not-in-source"
NEAR_DUPLICATE = "near-duplicate"

_ARTICLE_CUE = re.compile(r"\b(?:a|an)\s+(?:_{3,}|\[[^\]]*\])", re.IGNORECASE)


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold().strip()


def contains(haystack: str, needle: str) -> bool:
    """Whole-word, case-insensitive containment ("Kim" is not in "Kimchi")."""
    needle = _folded(needle)
    if not needle:
        return False
    text = _folded(haystack)
    position = text.find(needle)
    while position >= 0:
        end = position + len(needle)
        before_ok = position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")
        after_ok = end == len(text) or not (text[end].isalnum() or text[end] == "_")
        if before_ok and after_ok:
            return True
        position = text.find(needle, position + 1)
    return False


def answer_text(candidate: Candidate) -> str:
    return candidate.notes.get("answer_text", candidate.answer)


def answer_in_source(candidate: Candidate) -> bool:
    sentence = candidate.fact.sentence
    if candidate.notes.get("heading"):  # a rule asked for the section it is stated in
        return answer_text(candidate) == sentence.heading
    if candidate.fact.procedure:  # the steps' order, from the steps' own sentences
        return True
    if candidate.fact.howto:  # a command shown after the sentence that says what it is for
        return answer_text(candidate) == sentence.code_after
    claim = candidate.fact.claim
    if claim and candidate.notes.get("claim"):  # who said it: named in the line that says so
        return contains(claim.said, claim.person) or contains(claim.said, claim.person.split()[-1])
    return contains(sentence.text, answer_text(candidate))


def not_a_stop_word(candidate: Candidate) -> bool:
    words = re.findall(r"[\w'’-]+", answer_text(candidate).casefold())
    return bool(words) and not all(w in lx.STOP_WORDS for w in words)


def prompt_of(candidate: Candidate) -> str:
    """What the learner reads before answering, minus the choices themselves."""
    fields = candidate.fields
    if candidate.kind is Kind.CLOZE:
        return candidate.learner_text
    if candidate.kind is Kind.TRUEFALSE:
        return fields["statement"]
    return fields["prompt"]


def no_leak(candidate: Candidate) -> bool:
    """The answer is not visible in the prompt, not even as an "a"/"an" before the blank."""
    prompt = prompt_of(candidate)
    if _ARTICLE_CUE.search(prompt):
        return False
    rest = _without_answer(candidate) or prompt
    if _number_again(rest, candidate) or _name_part_in(rest, candidate):
        return False
    if candidate.kind is Kind.TRUEFALSE:
        # A false statement must not also contain the true value it replaced, nor its first
        # word alone ("Zentrix Corporation formed ... when Quorvel announced ...").
        return candidate.fields["answer"] or not (
            contains(prompt, candidate.answer)
            or candidate.entity.kind is not EntityKind.TERM
            and _part_alone_in(prompt, candidate.answer)
        )
    answer = answer_text(candidate)
    if contains(prompt, answer) or _derived_in(prompt, answer):
        return False
    if _shown_around(candidate) and same_stem_in(_around(candidate), answer):
        return False  # "{{anarchism}}" beside "anarchy": copied, not recalled
    if candidate.entity.expansion and contains(prompt, candidate.entity.expansion):
        return answer == candidate.entity.expansion  # "IPC (Inter Process Communication)"
    if candidate.entity.expansion and answer == candidate.entity.expansion:
        return True  # "What does QTF stand for?": the letters are the question, not a hint
    initials = abbreviation(answer)
    if initials and (re.search(rf"\b{initials}s?\b", prompt) or _in_code_name(prompt, initials)):
        return False
    if _spelled_out_in(prompt, answer):
        return False
    return candidate.entity.kind is EntityKind.TERM or not _part_alone_in(prompt, answer)


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,6}s?\Z")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w-]*(?:\s+(?:(?:for|of|and|the|on|in|to)\s+)*[A-Z][\w-]*)+")


def _spelled_out_in(prompt: str, answer: str) -> bool:
    """An acronym asked beside its expansion: "the Corporation for National Research
    Initiatives (_____)" spells out CNRI, and "Content Transfer Encoding" the "cte" of
    "cte_type"."""
    if _ACRONYM.match(answer):
        wanted = {answer.rstrip("s")}
    elif "_" in answer:
        wanted = {p.upper() for p in answer.split("_") if len(p) >= 2}
    else:
        return False
    for run in _CAPITALISED_RUN.finditer(prompt):
        initials = abbreviation(run.group())
        if any(initials == w or len(w) >= 3 and w in initials for w in wanted):
            return True
    return False


def _in_code_name(prompt: str, initials: str) -> bool:
    """An expansion asked beside a name from code made of its initials: "Content Transfer
    Encoding" beside "cte_type"."""
    for name in re.findall(r"\b\w+(?:[_.]\w+)+\b", prompt):
        if initials.casefold() in re.split(r"[_.]", name.casefold()):
            return True
    return False


def _part_alone_in(prompt: str, answer: str) -> bool:
    """The distinctive first word of a longer name stands alone in the prompt: "Corel
    announced ..." beside a blank for Corel Corporation. (Not for terms: "GNU" is what
    "GNU is Not Unix" spells out.)"""
    words = answer.split()
    first = words[0]
    if len(words) < 2 or len(first) < 3 or not first[:1].isupper() or first in lx.NOT_NAMES:
        return False
    if first.casefold() in lx.STOP_WORDS or language.zipf(first) >= language.COMMON_ZIPF:
        return False
    return re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])(?! [A-Z])", prompt) is not None


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


def _without_answer(candidate: Candidate) -> str:
    """The sentence without the asked value, when it is blanked where it stands: what a
    true/false statement shows around it as well as a blank's prompt."""
    entity, text = candidate.entity, candidate.fact.text
    if text[entity.start : entity.end] != entity.text:
        return ""
    return text[: entity.start] + " " + text[entity.end :]


def _shown_around(candidate: Candidate) -> bool:
    """A name (not a value, not a name from code: "the {{--user}} option ... for the current
    user" names its effect by design) blanked in the sentence the learner sees around it."""
    if candidate.entity.kind in NUMERIC_KINDS or not re.fullmatch(r"[A-Za-z ]+", candidate.answer):
        return False
    return candidate.kind is Kind.CLOZE or BLANK in str(candidate.fields.get("prompt", ""))


def _around(candidate: Candidate) -> str:
    """What the learner sees around the blank: the sentence without the answer (a cloze), or the
    prompt with its blank."""
    if candidate.kind is Kind.CLOZE:
        return _without_answer(candidate)
    return str(candidate.fields["prompt"])


def _number_again(prompt: str, candidate: Candidate) -> bool:
    """A number asked where the prompt states the same number: "3 degrees brix is _____ sugar"
    (3%) is answered by copying."""
    if candidate.entity.kind not in NUMERIC_KINDS:
        return False
    asked = _NUMBER.search(answer_text(candidate))
    return asked is not None and asked.group() in _NUMBER.findall(prompt)


def _name_part_in(prompt: str, candidate: Candidate) -> bool:
    """A person asked where the prompt carries a part of their name, in any case: "degrees
    brix ... named after _____" (Adolf Brix)."""
    if candidate.entity.kind is not EntityKind.PERSON:
        return False
    parts = [w for w in re.findall(r"[^\W\d_]{3,}", answer_text(candidate)) if w[:1].isupper()]
    return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", prompt, re.I) for w in parts)


def _derived_in(prompt: str, answer: str) -> bool:
    """A word made from a one-word name is in the prompt: "Ptolemaic" beside a blank for Ptolemy;
    or the dictionary form of a one-word term: 'yank' beside a blank for "yanking"."""
    if " " in answer or len(answer) < 5:
        return False
    if re.fullmatch(r"[a-z]+", answer):
        base = language.lemma(answer)
        return (
            base != answer
            and len(base) >= 4
            and re.search(rf"(?<![\w-]){re.escape(base)}(?![\w-])", prompt, re.I) is not None
        )
    if not answer[:1].isupper():
        return False
    stem = re.escape(answer[:-1])
    return re.search(rf"\b{stem}\w{{2,}}", prompt) is not None


def abbreviation(text: str) -> str:
    """ "directors of photography" -> "DP": the letters a reader would recognise it by."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.casefold() not in lx.STOP_WORDS]
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else ""


def distinct_choices(candidate: Candidate) -> bool:
    if candidate.kind is Kind.MCQ:
        choices = [_folded(c) for c in candidate.fields["choices"]]
        if len(set(choices)) != len(choices):
            return False
        answer = _folded(candidate.fields["answer"])
        return not any(c != answer and pairs.clash(c, answer) for c in choices)
    if candidate.kind is Kind.TRUEFALSE and candidate.swapped:
        return _folded(candidate.swapped) != _folded(candidate.answer)
    return True


def distractor_not_in_source(candidate: Candidate) -> bool:
    """A wrong answer the same sentence mentions could be what the text means: never offer it
    -- unless the sentence pairs it with something else ("Ctrl+O opens a document, Ctrl+S
    saves it"): then it is the wrong answer the list itself gives."""
    paired = candidate.notes.get("paired", ())
    return not any(
        contains(candidate.fact.sentence.text, d) for d in candidate.distractors if d not in paired
    )


def whole(candidate: Candidate) -> bool:
    """The blank is a whole name: not half of "ISO-9660" or "XZ Utils", a unit or a modifier."""
    entity = candidate.entity
    if candidate.fact.text[entity.start : entity.end] != entity.text:
        return True  # asked in other words, not blanked where it stands
    numeric = entity.kind in NUMERIC_KINDS
    return whole_answer(candidate.fact.text, entity.start, entity.end, numeric=numeric)


GATES: dict[str, Callable[[Candidate], bool]] = {
    ANSWER_IN_SOURCE: answer_in_source,
    NO_STOP_WORD: not_a_stop_word,
    NO_LEAK: no_leak,
    WHOLE_ANSWER: whole,
    DISTINCT_CHOICES: distinct_choices,
    DISTRACTOR_NOT_TRUE: distractor_not_in_source,
}

#: Every gate name, in the order the report lists them.
GATE_NAMES: tuple[str, ...] = (*GATES, NEAR_DUPLICATE)


def first_failure(candidate: Candidate) -> str | None:
    """The name of the first gate the candidate fails, or None when it passes them all."""
    for name, gate in GATES.items():
        if not gate(candidate):
            return name
    return None
