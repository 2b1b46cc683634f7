"""Choosing the cards to write: best first, spread across paragraphs and kinds, no near-duplicates.

Greedy with lazy re-scoring: a candidate's score only drops as cards from its paragraph and
sentence are chosen, so a popped candidate whose fresh score still beats the next stored score is
the true best. Near-duplicate checks compare one candidate with the cards already chosen (at most
--max), never all pairs, so the cost stays linear in the number of candidates.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from kdquiz.core.generate.candidates import Candidate
from kdquiz.core.generate.entities import EntityKind
from kdquiz.core.generate.gates import prompt_of
from kdquiz.core.model import Kind

#: Prompts at least this similar (rapidfuzz ratio, 0-100) ask the same thing.
DUPLICATE_SIMILARITY = 85
PARAGRAPH_PENALTY = 0.3
SENTENCE_PENALTY = 0.45
ANSWER_PENALTY = 0.5
KIND_PENALTY = 0.06  # per card already of that kind, so the deck mixes kinds
MAX_PER_SENTENCE = 2


def _normalised(text: str) -> str:
    text = re.sub(r"_{3,}|\[[^\]]*\]|\{\{[^}]*\}\}", " ", text)
    text = re.sub(
        r"^(?:fill in the \w+(?: \([^)]*\))?|which fits the blank\?|type the missing \w+):",
        "",
        text.casefold(),
    )
    return re.sub(r"\W+", " ", text).strip()


def _shows_sentence(candidate: Candidate) -> bool:
    """A true/false card prints its sentence whole, a false one with only one value swapped:
    beside it, a blank of the same sentence is given away or reads as the same card."""
    return candidate.kind is Kind.TRUEFALSE


def _pair(candidate: Candidate) -> bool:
    """A card on one pair of a sentence's list ("Ctrl+S saves ..."): its list's other pairs
    are other facts, asked as cards of the same kind without counting against the sentence."""
    return bool(candidate.notes.get("pair"))


def _list_item(candidate: Candidate) -> bool:
    """A definition-list card ("What does C-a do?"): its prompt differs from its neighbours'
    only by the term, which is the whole question."""
    return bool(candidate.notes.get("list_item"))


class Selection:
    def __init__(self, kinds: Iterable[Kind], max_cards: int) -> None:
        self.kinds = sorted(set(kinds))
        self.max_cards = max_cards
        self.quota = math.ceil(max_cards / max(1, len(self.kinds)))
        self.chosen: list[Candidate] = []
        self.duplicates: Counter[Kind] = Counter()
        self._texts: list[tuple[str, tuple[str, int], Kind, bool, bool | str]] = []
        self._facts: set[tuple[str, int, str]] = set()
        self._per_paragraph: Counter[tuple[str, int]] = Counter()
        self._per_sentence: Counter[tuple[str, int]] = Counter()
        self._per_answer: Counter[tuple[str, str]] = Counter()
        self._per_kind: Counter[Kind] = Counter()
        #: What a sentence's chosen cards ask for: a second card may ask for another kind of
        #: thing (the budget, then the share of it), never the same kind again.
        self._kinds_in: defaultdict[tuple[str, int, EntityKind], bool] = defaultdict(bool)
        self._card_kinds_in: defaultdict[tuple[str, int], set[Kind]] = defaultdict(set)
        #: Cards on the pairs of a sentence's list, apart: they do not count against the
        #: sentence for one another, but do for any other card of it.
        self._pairs_in: Counter[tuple[str, int]] = Counter()
        self._pair_kinds_in: defaultdict[tuple[str, int], set[Kind]] = defaultdict(set)

    def score(self, candidate: Candidate) -> float:
        doc = candidate.fact.doc.id
        sentence = candidate.fact.sentence
        return (
            candidate.score
            - PARAGRAPH_PENALTY * self._per_paragraph[(doc, sentence.paragraph)]
            - SENTENCE_PENALTY * self._sentence_count(candidate)
            - ANSWER_PENALTY * self._per_answer[(doc, candidate.entity.key)]
            - KIND_PENALTY * self._per_kind[candidate.kind]
        )

    def _sentence_count(self, candidate: Candidate) -> int:
        """The cards already taken from the candidate's sentence: a pair card does not count
        the other pairs of its list, any other card counts them as one."""
        where = (candidate.fact.doc.id, candidate.fact.sentence.index)
        taken = self._per_sentence[where] - self._pairs_in[where]
        # A list's pairs count as one card for any other card of the sentence.
        return taken if _pair(candidate) else taken + min(1, self._pairs_in[where])

    def is_duplicate(self, candidate: Candidate) -> bool:
        doc = candidate.fact.doc.id
        fact_key = (doc, candidate.fact.sentence.index, candidate.entity.key)
        if fact_key in self._facts or (
            self._kinds_in[(doc, fact_key[1], candidate.entity.kind)] and not _pair(candidate)
        ):
            return True  # "from 1993 to 1996", "camera operators and DPs": the same question again
        pair = _pair(candidate)
        if not pair and candidate.kind in self._pair_kinds_in[fact_key[:2]]:
            return True  # a pair's card of this kind beside it reads as the same card
        if (
            candidate.kind is not Kind.NUMERIC
            and candidate.kind in self._card_kinds_in[fact_key[:2]]
        ):
            return True  # two blanks of one sentence read as one card; a numeric names its unit
        if self._per_answer[(doc, fact_key[2])]:
            return True  # one card per answer: four cards answered "2000" teach one thing
        # Cards of different kinds from one sentence read alike by nature; what they ask is
        # compared above. Two of one kind read as one card, though, and a true statement shows
        # the whole sentence: beside it, any blank is given away.
        whole = _shows_sentence(candidate)
        if any(where == fact_key[:2] and (whole or shown) for _, where, _, shown, _ in self._texts):
            return True  # a true statement beside any other card of its sentence gives it away
        item = _list_item(candidate)
        others = [
            text
            for text, where, kind, shown, other_item in self._texts
            if (where != fact_key[:2] or whole or shown or kind is candidate.kind)
            and not (
                item and other_item is True
            )  # "What does C-a do?" and "... C-e ...": two terms
            and not (pair and other_item == "pair" and where == fact_key[:2])
        ]
        if not others:
            return False
        match = process.extractOne(
            _normalised(prompt_of(candidate)),
            others,
            scorer=fuzz.ratio,
            score_cutoff=DUPLICATE_SIMILARITY,
        )
        return match is not None

    def add(self, candidate: Candidate) -> None:
        doc = candidate.fact.doc.id
        sentence = candidate.fact.sentence
        self.chosen.append(candidate)
        self._texts.append(
            (
                _normalised(prompt_of(candidate)),
                (doc, sentence.index),
                candidate.kind,
                _shows_sentence(candidate),
                "pair" if _pair(candidate) else _list_item(candidate),
            )
        )
        self._facts.add((doc, sentence.index, candidate.entity.key))
        if _pair(candidate):
            self._pairs_in[(doc, sentence.index)] += 1
            self._pair_kinds_in[(doc, sentence.index)].add(candidate.kind)
        else:
            self._kinds_in[(doc, sentence.index, candidate.entity.kind)] = True
            self._card_kinds_in[(doc, sentence.index)].add(candidate.kind)
        self._per_paragraph[(doc, sentence.paragraph)] += 1
        self._per_sentence[(doc, sentence.index)] += 1
        self._per_answer[(doc, candidate.entity.key)] += 1
        self._per_kind[candidate.kind] += 1

    def run(self, candidates: list[Candidate]) -> list[Candidate]:
        """Pick up to max_cards: first kind by kind in turn (each up to its quota), so every
        requested kind is represented, then the best of whatever is left."""
        heaps: dict[Kind, list[tuple[float, int, Candidate]]] = {k: [] for k in self.kinds}
        for order, candidate in enumerate(candidates):
            heaps.setdefault(candidate.kind, []).append((-candidate.score, order, candidate))
        for heap in heaps.values():
            heapq.heapify(heap)
        leftovers: list[tuple[float, int, Candidate]] = []
        active = [k for k in self.kinds if heaps.get(k)]
        while active and len(self.chosen) < self.max_cards:
            kind = min(active, key=lambda k: (self._per_kind[k], self.kinds.index(k)))
            if self._per_kind[kind] >= self.quota or not self._take_best(heaps[kind], leftovers):
                active.remove(kind)
        rest = [entry for heap in heaps.values() for entry in heap] + leftovers
        heapq.heapify(rest)
        while rest and len(self.chosen) < self.max_cards:
            self._take_best(rest, [])
        return self.chosen

    def _take_best(
        self, heap: list[tuple[float, int, Candidate]], blocked: list[tuple[float, int, Candidate]]
    ) -> bool:
        """Choose the best candidate on the heap (lazy re-scoring); False when none is usable."""
        while heap:
            _, order, candidate = heapq.heappop(heap)
            if self._sentence_count(candidate) >= MAX_PER_SENTENCE:
                blocked.append((-candidate.score, order, candidate))
                continue
            fresh = -self.score(candidate)
            if heap and fresh > heap[0][0] + 1e-9:
                heapq.heappush(heap, (fresh, order, candidate))
                continue
            if self.is_duplicate(candidate):
                self.duplicates[candidate.kind] += 1
                continue
            self.add(candidate)
            return True
        return False
