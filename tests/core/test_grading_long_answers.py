"""A long typed answer is graded in time linear in its length: the typo distance looks only
near the diagonal, and numbers in words are read from a few words, not the rest of the answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kdquiz.core import textnorm
from kdquiz.core.grading import grade
from kdquiz.core.model import Item, Kind, Typed
from kdquiz.core.numbers import SPELLED_WORDS
from kdquiz.core.textnorm import edit_distance


def _full_table(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance over the whole table, capped at limit + 1."""
    table = [
        [max(i, j) if not i or not j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)
    ]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(
                table[i - 1][j] + 1,
                table[i][j - 1] + 1,
                table[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return min(table[-1][-1], limit + 1)


@settings(max_examples=500)
@given(st.text("abc", max_size=12), st.text("abc", max_size=12), st.integers(0, 4))
def test_the_banded_distance_is_the_full_tables(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == _full_table(a, b, limit)


class _Counted(str):
    """A string that counts the characters read from it."""

    reads = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        _Counted.reads += 1
        return str.__getitem__(self, key)


def test_the_distance_reads_each_character_a_few_times_not_once_per_other() -> None:
    n = 5_000
    _Counted.reads = 0
    assert edit_distance(_Counted("a" * n + "x"), _Counted("a" * n + "y"), 2) == 1
    assert _Counted.reads <= 6 * 5 * (n + 1)  # 5 cells a row, at most 6 reads each; not n * n


def _typed(answer: str) -> Item:
    return Item("deck", Typed(id="t", kind=Kind.TYPED, prompt="?", answer=answer, accept=()))


def test_numbers_in_words_are_read_from_a_few_words(monkeypatch) -> None:
    seen: list[int] = []
    real = textnorm.spelled_number

    def spelled(words: list[str]) -> tuple[int, int] | None:
        seen.append(len(words))
        return real(words)

    monkeypatch.setattr(textnorm, "spelled_number", spelled)
    answer = "one thousand two hundred " + "sailors " * 5_000
    assert grade(_typed(answer), "1200 " + "sailros " * 5_000).correct
    assert max(seen) <= SPELLED_WORDS


def test_a_long_answer_with_one_typo_per_word_is_still_right() -> None:
    assert grade(_typed("longword " * 3_000), "lnogword " * 3_000).correct
    assert grade(_typed("ab" * 4_000), "ba" * 4_000).correct  # one letter moved: 2 edits
    assert not grade(_typed("abc" * 3_000), "acb" * 3_000).correct
