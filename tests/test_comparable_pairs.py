"""The comparable-pair generator of bench/ (issue 21): every sentence of a document lands in
exactly one paragraph, and a headline keeps a line of its own."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def pairs_module():
    sys.path.insert(0, str(BENCH))
    try:
        import comparable_pairs

        yield comparable_pairs
    finally:
        sys.path.remove(str(BENCH))


def test_paragraphs_hold_every_sentence_once(pairs_module) -> None:
    # the old merge of a one-sentence last paragraph overwrote the first paragraph
    for n in range(6, 40):
        for seed in range(20):
            paras = pairs_module._paragraphs(n, random.Random(seed))
            assert sorted(i for p in paras for i in p) == list(range(n))
            assert all(p == list(range(p[0], p[-1] + 1)) for p in paras)


def test_a_headline_ends_its_line(pairs_module) -> None:
    text = pairs_module._join(
        ["Volcano spews ash on Mexico City", "Ash reached the city.", "Yes."], " "
    )
    assert text == "Volcano spews ash on Mexico City\nAsh reached the city. Yes."
    assert (
        pairs_module._join(["火山喷发", "火山灰已飘至城区。", "是的。"], "")
        == "火山喷发\n火山灰已飘至城区。是的。"
    )


def test_a_name_change_replaces_a_name_both_sides_state(pairs_module) -> None:
    en = "On Monday the president met Merkel in Berlin."
    zh = "周一，总统在柏林会见了默克尔。"
    changed = pairs_module._change_name(en, zh, ["马克龙"], random.Random(1))
    # one of the two names both sides state is swapped, the rest of the sentence kept
    assert changed in ("周一，总统在马克龙会见了默克尔。", "周一，总统在柏林会见了马克龙。")
    # no other name to put there, or no name the English states: no change
    assert pairs_module._change_name(en, zh, [], random.Random(1)) is None
    assert pairs_module._change_name("It rained.", "下雨了。", ["马克龙"], random.Random(1)) is None


def test_a_rewrite_keeps_two_thirds_of_the_clauses_in_new_sentences(pairs_module) -> None:
    sentences = ["甲方今天开会，讨论了预算。", "乙方没有出席，但发来了信。", "会议持续了三个小时。"]
    clauses = pairs_module._clauses(sentences)
    assert len(clauses) == 5
    out = pairs_module._rewrite(sentences, random.Random(3))
    kept = pairs_module._clauses(out)
    # a third dropped, the rest kept word for word, regrouped: no old sentence survives
    assert len(kept) == len(clauses) - len(clauses) // 3 and set(kept) <= set(clauses)
    assert all(s.endswith("。") for s in out) and out != sentences[: len(out)]
