"""The quality report of `kdquiz generate` is computed from the committed labels, and refuses
labels it cannot count."""

from __future__ import annotations

import pytest

from bench.generate_quality import CORPUS, group_of, report, show_cards, tally_round

FACTS = {"news": {"facts": {"n1": "a", "n2": "b", "n3": "c", "n4": "d"}}}


def _labels(*cards: tuple[str, str, list[str]]) -> dict:
    return {
        "texts": {
            "news": {
                "cards": {cid: {"label": label, "facts": facts} for cid, label, facts in cards}
            }
        }
    }


def test_shares_and_recall_count_good_and_edit_cards_only() -> None:
    tally = tally_round(
        _labels(("a", "GOOD", ["n1"]), ("b", "EDIT", ["n2", "n1"]), ("c", "BAD", ["n3"])), FACTS
    )["news"]
    assert (tally.cards, tally.good, tally.edit) == (3, 1, 1)
    assert tally.covered == {"news:n1", "news:n2"}  # the BAD card's n3 does not count
    assert tally.row("news") == "| news | 3 | 1 (33%) | 2 (67%) | 2 (50%) |"


@pytest.mark.parametrize("card", [("a", "MAYBE", []), ("a", "GOOD", ["n9"])], ids=["label", "fact"])
def test_a_label_or_fact_it_does_not_know_is_an_error(card: tuple[str, str, list[str]]) -> None:
    with pytest.raises(ValueError, match="card a"):
        tally_round(_labels(card), FACTS)


def test_the_committed_labels_give_a_table_per_round() -> None:
    lines = report(CORPUS)
    assert sum(line.startswith("## labels-") for line in lines) >= 2
    assert any(line.startswith("| **corpus, all** |") for line in lines)


def test_cards_are_listed_for_judging(tmp_path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "cards:\n  - id: tf-1\n    type: truefalse\n    statement: Water is wet.\n"
        "    answer: true\n    explain: x\n",
        encoding="utf-8",
    )
    assert show_cards(deck)[:2] == ["tf-1 [truefalse]", "    Water is wet. -> True"]


def test_held_out_texts_and_seeds_are_summed_apart_from_the_corpus() -> None:
    assert [group_of(t) for t in ("news", "heldout-news", "heldout2-history", "seed:drama")] == [
        "corpus",
        "held-out set 1",
        "held-out set 2",
        "seeds",
    ]
    lines = report(CORPUS)
    held_out = [line for line in lines if line.startswith("| **held-out set 1, all** |")]
    assert held_out  # the held-out round is reported on its own line
    assert all("heldout-" not in line for line in lines if "**corpus, all**" in line)
