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
