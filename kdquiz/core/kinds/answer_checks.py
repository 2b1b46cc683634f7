"""The comparisons the kinds grade with: each kind's module (`kdquiz.core.kinds`) decides what its
answer is, and these say whether a typed text, a number or a pick matches it, in one way for all.

Every rule here is written out for teachers and players in docs/grading.md; change both together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kdquiz.core.inflection import never_a_typo
from kdquiz.core.model import Card, Choice, Cloze, Gap, Item, Numeric
from kdquiz.core.numbers import amount_within
from kdquiz.core.textnorm import (
    digit_runs,
    edit_distance,
    fold,
    joined_compounds,
    one_form,
    same_answer,
    same_word,
    typo_allowance,
    word_forms,
    words,
)

TYPE_CHECKING = False  # random is only for the type checker here
if TYPE_CHECKING:
    import random

#: What `given` says when nothing was typed or picked.
NO_ANSWER = "(no answer)"


@dataclass(frozen=True)
class Outcome:
    correct: bool  # fully right (after any typo tolerance)
    score: float  # 0.0..1.0 partial credit (multi/order), 1.0 when right, 0.0 when wrong
    expected: str  # the right answer as plain text, for feedback
    given: str  # what the learner answered, as plain text
    hinted: bool = False  # a hint was shown/used
    near_miss: bool = False  # accepted despite a small typo ("Netflx" for "Netflix")
    feedback: str = ""  # per-choice feedback from the deck, if any


def shuffled(n: int, rng: random.Random, *, scramble: bool = False) -> list[int]:
    """A presentation order for n choices or items, drawn from the injected random source.

    `scramble=True` never returns the original order when n > 1: an order question shown in its
    correct order would give the answer away.
    """
    order = list(range(max(0, n)))
    rng.shuffle(order)
    if scramble and n > 1 and order == sorted(order):
        order.append(order.pop(0))
    return order


def grade_text(
    given: str,
    answers: Sequence[str],
    *,
    case_sensitive: bool = False,
    accent_sensitive: bool = False,
    question: str = "",
) -> Outcome:
    """`given` against each of `answers`; `question` (what the learner was asked) lets a number
    answer go with or without the words the question already says ("16 episodes" for "16")."""
    shown = given.strip() or NO_ANSWER
    options = {"case_sensitive": case_sensitive, "accent_sensitive": accent_sensitive}
    typed = fold(given, **options)
    answers = [answer for answer in answers if _keeps_article(typed, answer)]
    if not case_sensitive and not accent_sensitive:
        answers = [*answers, *(swapped for a in answers if (swapped := given_name_first(a)))]
    candidates = [(answer, fold(answer, **options)) for answer in answers]
    # Each answer also with its compounds as one word, for typos: "Kim Eunsok" for "Kim Eun-sook".
    compounds = [
        fold(joined, **options)
        for joined in map(joined_compounds, answers)
        if joined not in answers
    ]
    for answer, folded in candidates:
        if not folded:  # an answer made only of punctuation ("?!") is compared as written
            if answer.strip() and given.strip() == answer.strip():
                return outcome(True, shown)
        elif _same(typed, folded, inflections=not case_sensitive and not accent_sensitive):
            return outcome(True, shown)
    # The teacher asked for exact case or accents: then the spelling must be exact too.
    if not case_sensitive and not accent_sensitive:
        folds = [folded for _, folded in candidates]
        if not _part_of(typed, folds) and any(
            folded and _close(typed, folded) for folded in (*compounds, *folds)
        ):
            return Outcome(True, 1.0, "", shown, near_miss=True)
        if question:
            # "in" leads to a year whatever the question's words: "in 2022", asked "When ...?"
            asked = [*one_form(words(fold(question))), "in"]
            for _, folded in candidates:
                found = _within_question(typed, folded, asked)
                if found is not None:
                    return Outcome(True, 1.0, "", shown, near_miss=found)
    return outcome(False, shown)


#: Family names of Korea (in the common romanisations) and China: a name that starts with one is
#: also written given name first in English ("Eun-sook Kim" for "Kim Eun-sook").
FAMILY_NAMES = frozenset(
    """
    ahn an bae baek bak ban bang bong byeon byun cha chae chang cho choe choi choo chu chun chung
    do eom eum gang geum gi gil go gong goo gu gwak gwon ha ham han heo hong huh hwang hyeon hyun
    im jang je jeon jeong ji jin jo joo ju jun jung kang ki kim ko kong koo kwak kwon la lee lim
    ma maeng min mo moon mun myeong myung na nam no noh o oh ok pak park paik pyo ra rhee roh ryu
    seo seok seol seong shim shin sim sin sohn son song suh sung tak um uhm wang won woo yang ye
    yeo yeom yeon yi yim yoo yook yoon yu yun
    bai cai cao chen cheng cui dai deng ding dong du fan fang feng gao guo he hu huang jia jiang
    kong lai li liang liao lin liu lu luo lv ma mao meng pan peng qian qin ren shen shi song su sun
    tan tang tian wan wei wen wu xi xia xiao xie xiong xu xue yan yao ye yin yu yuan zeng zhang
    zhao zheng zhong zhou zhu zou
    """.split()
)
#: Numbers said in Korean (Sino-Korean) and Chinese: "Gu Sip" (ninety) turned round is "Sip Gu"
#: (nineteen), another answer, so a name with one is never turned round.
NUMBER_WORDS = frozenset(
    "il i sam sa o yuk chil pal gu sip baek cheon man yi er san si wu liu qi ba jiu shi bai "
    "qian wan ling".split()
)
#: One to three syllables of romanised Korean or Chinese (pinyin): "eun", "sook", "jinping".
_SYLLABLE = (
    r"(?:ch|sh|zh|kk|tt|pp|ss|jj|[bcdfghjklmnpqrstwxyz])?"
    r"(?:yeo|yae|wae|iang|iong|uang|iao|uai|ian|ie|ia|iu|ua|uo|ui|eo|eu|ae|oe|wa|wo|we|wi|ya"
    r"|ye|yo|yu|oo|ee|ou|ai|ao|ei|a|e|i|o|u)(?:ng|[kmnlpt])?"
)
_GIVEN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,3}}")


def given_name_first(answer: str) -> str | None:
    """`answer` with its family name moved to the end, when it is a Korean or Chinese name
    written family name first: a family name of `FAMILY_NAMES`, then a given name of one or two
    capitalised words of romanised syllables ("Kim Eun-sook", "Park Chan-wook", "Kim Eun Sook",
    "Xi Jinping"); None otherwise. Not when the given name holds a number word ("Gu Sip", ninety)
    or ends in a family name (then the name may be written given name first already, "Ki Hong
    Lee", or be two names, "Song Kang")."""
    parts = answer.split()
    if not 2 <= len(parts) <= 3 or parts[0].lower() not in FAMILY_NAMES:
        return None
    given = [word.lower() for word in parts[1:]]
    if not all(part[:1].isupper() for part in parts) or given[-1] in FAMILY_NAMES:
        return None
    syllables = [piece for word in given for piece in word.split("-")]
    if any(piece in NUMBER_WORDS or not _GIVEN_WORD.fullmatch(piece) for piece in syllables):
        return None
    return " ".join([*parts[1:], parts[0]])


def _part_of(typed: str, answers: Sequence[str]) -> bool:
    """Whether the folded `typed` is only some of the words of one of the folded `answers`:
    "script" for "script supervisor" is half the answer, not a slip for its "scripty"."""
    got = words(typed)
    return bool(got) and any(
        len(got) < len(want) and all(any(same_word(g, w) for w in want) for g in got)
        for want in map(words, answers)
    )


#: "A" or "an" joined to the next word by a hyphen is part of it, not an article to leave out.
_JOINED_ARTICLE = re.compile(r"^\s*(an?)[-\u2010\u2011](?=[^\W\d_])", re.IGNORECASE)


def _keeps_article(typed: str, answer: str) -> bool:
    """Whether the folded `typed` starts with the "A" of an answer such as "A-list": "list" and
    "B-list" are other answers, though a leading article may be left out elsewhere."""
    joined = _JOINED_ARTICLE.match(answer)
    return joined is None or typed.startswith(joined.group(1).casefold())


#: Words a hedge is made of, never set aside as the question's ("12 or 16", "not 16").
_HEDGES = frozenset({"or", "and", "not", "no", "nor", "but", "either", "neither", "maybe"})


def _within_question(typed: str, expected: str, asked: list[str]) -> bool | None:
    """Whether a number answer matches once words the question says are set aside on either
    side: "16 episodes" for "16" and "16" for "16 episodes", asked "How many episodes ...?".
    None: it does not; else whether only as a near miss. Only answers with a digit (a count, a
    year, an amount): in a name, a word from the question may be a hedge ("Park Bong" for
    "Bong", asked "Bong or Park?"), and a number or a hedge word is never set aside."""
    want = one_form(words(expected))
    got = one_form(words(typed))
    if not any(c.isdigit() for word in want for c in word):
        return None

    def said(word: str, other: list[str]) -> bool:
        return (
            not any(c.isdigit() for c in word)
            and word not in _HEDGES
            and any(same_word(word, a) for a in asked)
            and not any(same_word(word, o) for o in other)
        )

    # One side at a time: set aside on both at once, "42 miles" would match "42 km" asked
    # "Is it 42 km or 42 miles?".
    got_left = [w for w in got if not said(w, want)]
    want_left = [w for w in want if not said(w, got)]
    found: bool | None = None
    for left, right in ((got_left, want), (got, want_left)):
        if not left or not right or (left, right) == (got, want):
            continue
        typed_words, expected_words = " ".join(left), " ".join(right)
        if same_answer(typed_words, expected_words):
            return False
        if _close(typed_words, expected_words):
            found = True
    return found


def _same(typed: str, expected: str, *, inflections: bool = True) -> bool:
    return same_answer(typed, expected, inflections=inflections)


def _close(typed: str, expected: str) -> bool:
    """Every word within its typo allowance, and words with digits exactly equal; also when the
    words are run together or split apart ("orginal sound track" for "original soundtrack")."""
    typed_words, expected_words = words(typed), words(expected)
    return any(_close_words(t, e) for t, e in word_forms(typed, expected)) or (
        len(typed_words) != len(expected_words)
        # a letter on its own is a word of its own ("T. Miike"), never a stray space
        and _letters(typed_words) <= _letters(expected_words)
        and digit_runs(typed) == digit_runs(expected)
        and _close_run_together("".join(typed_words), tuple(expected_words))
    )


def _close_run_together(letters: str, expected_words: tuple[str, ...]) -> bool:
    """`_split_close`, tried only when the letters are near those of the answer at all: one slip
    and the "es" of a plural."""
    joined = "".join(expected_words)
    return edit_distance(letters, joined, _RUN_TOGETHER_SLACK) <= _RUN_TOGETHER_SLACK and (
        _split_close(letters, expected_words)
    )


def _letters(parts: list[str]) -> int:
    return sum(len(part) == 1 for part in parts)


_RUN_TOGETHER_SLACK = 3


def _split_close(letters: str, expected_words: tuple[str, ...]) -> bool:
    """Whether `letters` splits into pieces, one per expected word in turn, each the word or
    within its typo allowance, with one typo at most in all: spaces put in or left out and a
    slip as well, but never more ("original song track" is not "original soundtrack", nor
    "Studiowagon" "Studio Dragon")."""
    seen: set[tuple[int, int, int]] = set()

    def fits(start: int, index: int, slips: int) -> bool:
        if index == len(expected_words):
            return start == len(letters)
        if (start, index, slips) in seen:
            return False
        seen.add((start, index, slips))
        want = expected_words[index]
        # Two letters more leave room for a plural ("soundtracks"), checked by same_word.
        for end in range(start + max(1, len(want) - 1), start + len(want) + 3):
            if end > len(letters):
                break
            piece = letters[start:end]
            if same_word(piece, want) and fits(end, index + 1, slips):
                return True
            if (
                slips
                and _close_words([piece], [want])
                and edit_distance(piece, want, 1) == 1
                and fits(end, index + 1, 0)
            ):
                return True
        return False

    return bool(expected_words) and fits(0, 0, 1)


def _close_words(typed_words: list[str], expected_words: list[str]) -> bool:
    if not expected_words or len(typed_words) != len(expected_words):
        return False
    for got, want in zip(typed_words, expected_words):
        if same_word(got, want):
            continue
        if any(c.isdigit() for c in got + want):
            return False
        allowed = typo_allowance(want)
        if allowed == 0 or never_a_typo(got, want) or edit_distance(got, want, allowed) > allowed:
            return False
    return True


def grade_numeric(card: Numeric, response: object) -> Outcome:
    if isinstance(response, bool) or not isinstance(response, (str, int, float)):
        raise wrong_type(card, response, "str")
    if isinstance(response, str):
        text = typed = response.strip()
    else:
        text = f"{response:g}" if isinstance(response, float) else str(response)
        typed = repr(response)  # every digit, to be read like typed text
    right = amount_within(typed, card.unit, *card.bounds())
    if right is None:
        shown = f"{text} (not a number)" if text else NO_ANSWER
        return outcome(False, shown)
    return outcome(right, text)


def outcome(correct: bool, given: str) -> Outcome:
    return Outcome(correct, 1.0 if correct else 0.0, "", given)


def gap_of(item: Item, card: Cloze) -> Gap:
    index = item.gap_index
    if index is None or not 0 <= index < len(card.gaps):
        raise ValueError(f"cloze card '{card.id}' has no gap '{item.sub}'")
    return card.gaps[index]


def text_of(response: object, card: Card) -> str:
    if not isinstance(response, str):
        raise wrong_type(card, response, "str")
    return response


def index_of(value: object, card: Card) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(card, value, "int")
    return value


def wrong_type(card: Card, response: object, wanted: str) -> TypeError:
    return TypeError(
        f"a {card.kind} answer for card '{card.id}' must be {wanted}, not {type(response).__name__}"
    )


def choice_text(choices: Sequence[Choice], index: int) -> str:
    return choices[index].text if 0 <= index < len(choices) else f"(choice {index} does not exist)"


def item_text(items: Sequence[str], index: int) -> str:
    return items[index] if 0 <= index < len(items) else f"(item {index} does not exist)"


def feedback_of(choices: Sequence[Choice], picks: Iterable[int]) -> str:
    picked = [choices[i] for i in picks if 0 <= i < len(choices)]
    return " ".join(choice.feedback for choice in picked if choice.feedback)


def yes_no(value: bool) -> str:
    return "True" if value else "False"


def with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    if len(unit) == 1 and not unit.isalnum():  # a currency sign such as $ or ₩ goes first
        return f"{unit}{number}"
    return f"{number} {unit}"
