"""Korean typed as separate letters: "ㅅㅓㅇㅜㄹ" is "서울".

A terminal without a working Korean input method sends each key as its own letter (a Hangul
compatibility jamo) instead of composing syllables. This puts them together the way a Korean
keyboard would, so such an answer reads as the syllables the learner meant.
"""

from __future__ import annotations

import re

_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # index + 1: 0 is "none"
#: Two keys that make one vowel or one final consonant: ㅗ + ㅏ is ㅘ, ㄹ + ㄱ is ㄺ.
_VOWEL_PAIRS = {"ㅗㅏ": "ㅘ", "ㅗㅐ": "ㅙ", "ㅗㅣ": "ㅚ", "ㅜㅓ": "ㅝ", "ㅜㅔ": "ㅞ", "ㅜㅣ": "ㅟ",
                "ㅡㅣ": "ㅢ"}  # fmt: skip
_FINAL_PAIRS = {"ㄱㅅ": "ㄳ", "ㄴㅈ": "ㄵ", "ㄴㅎ": "ㄶ", "ㄹㄱ": "ㄺ", "ㄹㅁ": "ㄻ", "ㄹㅂ": "ㄼ",
                "ㄹㅅ": "ㄽ", "ㄹㅌ": "ㄾ", "ㄹㅍ": "ㄿ", "ㄹㅎ": "ㅀ", "ㅂㅅ": "ㅄ"}  # fmt: skip
_FIRST_SYLLABLE = 0xAC00
_LETTER = re.compile("[ㄱ-ㅣ]")


def compose_jamo(text: str) -> str:
    """Each initial consonant, vowel and optional final typed as separate letters, made one
    syllable; letters that make no syllable ("ㅋㅋ") and all other text stay as they are."""
    if _LETTER.search(text) is None:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        initial = text[i]
        if initial not in _INITIALS or i + 1 >= n or text[i + 1] not in _VOWELS:
            out.append(initial)
            i += 1
            continue
        vowel, i = text[i + 1], i + 2
        if i < n and vowel + text[i] in _VOWEL_PAIRS:
            vowel, i = _VOWEL_PAIRS[vowel + text[i]], i + 1
        final = ""
        # A consonant before a vowel starts the next syllable rather than closing this one.
        if i < n and text[i] in _FINALS and not _vowel_at(text, i + 1):
            final, i = text[i], i + 1
            if i < n and final + text[i] in _FINAL_PAIRS and not _vowel_at(text, i + 1):
                final, i = _FINAL_PAIRS[final + text[i]], i + 1
        code = (_INITIALS.index(initial) * len(_VOWELS) + _VOWELS.index(vowel)) * 28
        out.append(chr(_FIRST_SYLLABLE + code + (_FINALS.index(final) + 1 if final else 0)))
    return "".join(out)


def _vowel_at(text: str, index: int) -> bool:
    return index < len(text) and text[index] in _VOWELS
