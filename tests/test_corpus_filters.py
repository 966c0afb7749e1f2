"""Corpus filters: each reason on a hand-made pair, switches, and corpus-wide deduplication."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bilingual.corpus.filters import (
    REASONS,
    Deduplicator,
    FilterConfig,
    exact_key,
    length_ratio,
    near_key,
    pair_reasons,
)
from bilingual.corpus.worker import Candidate

GOOD = ("The boat came in at seven.", "船七点钟进港。")


def cand(src: str = GOOD[0], tgt: str = GOOD[1], score: float = 0.9, **kw: object) -> Candidate:
    return Candidate(
        src=src,
        tgt=tgt,
        score=score,
        src_ids=kw.get("src_ids", (0,)),  # type: ignore[arg-type]
        tgt_ids=kw.get("tgt_ids", (0,)),  # type: ignore[arg-type]
        flags=kw.get("flags", ()),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("c", "reason"),
    [
        (cand(), None),
        (cand(tgt="", tgt_ids=()), "omission"),
        (cand(src="", src_ids=()), "omission"),
        (cand(score=0.05), "low_confidence"),
        (cand(score=math.nan), "low_confidence"),
        (cand(src="A", tgt="甲"), "too_short"),
        (cand(src="word " * 500, tgt="词" * 900), "too_long"),
        (cand(tgt="This was left in English in the Chinese file."), "wrong_language"),
        (cand(src="这是一句没有翻译的中文句子。"), "wrong_language"),
        (cand(src=GOOD[0] * 8), "length_ratio"),
        (cand(flags=("number_mismatch",)), "number_mismatch"),
        (cand(flags=("untranslated",)), "untranslated"),
        (cand(flags=("low_similarity",)), None),  # reported as a flag, not a filter
    ],
)
def test_each_reason(c: Candidate, reason: str | None) -> None:
    got = pair_reasons(c, FilterConfig())
    assert (got[0] if got else None) == reason


def test_every_filter_switches_off() -> None:
    off = FilterConfig(
        min_confidence=None,
        drop_omissions=False,
        max_length_ratio=None,
        drop_number_mismatch=False,
        drop_untranslated=False,
        check_language=False,
        min_chars=None,
        max_chars=None,
    )
    for c in (
        cand(tgt="", tgt_ids=()),
        cand(score=0.0),
        cand(src="A", tgt="甲"),
        cand(tgt="This was left in English in the Chinese file."),
        cand(src=GOOD[0] * 8, flags=("number_mismatch", "untranslated")),
    ):
        assert pair_reasons(c, off) == ()


def test_reasons_come_in_declared_order() -> None:
    got = pair_reasons(cand(src="A", tgt="甲", score=0.0, flags=("untranslated",)), FilterConfig())
    assert list(got) == sorted(got, key=REASONS.index)
    assert got[0] == "low_confidence"


def test_length_ratio_weights_han() -> None:
    assert length_ratio("abc", "甲") == pytest.approx(1.0)
    assert length_ratio("abcdef", "甲") == pytest.approx(2.0)
    assert length_ratio("", "") == 1.0
    assert math.isinf(length_ratio("abc", ""))


def test_dedup_keeps_first_and_names_the_kind() -> None:
    d = Deduplicator(FilterConfig())
    assert d.reason("Hello  world.", "你好世界。") is None
    assert d.reason("Hello world.", "你好世界。") == "duplicate"  # whitespace folded
    assert d.reason("HELLO, world 2!", "你好，世界！") == "near_duplicate"
    assert d.reason("Hello moon.", "你好月亮。") is None
    off = Deduplicator(FilterConfig(dedup=False, near_dedup=False))
    assert off.reason("a", "b") is None and off.reason("a", "b") is None


@given(st.text(max_size=30), st.text(max_size=30))
@example("ῗ", "")  # casefold decomposes it differently from its upper case
def test_exact_duplicates_are_near_duplicates(a: str, b: str) -> None:
    # the near key folds more than the exact key, never less
    assert exact_key(a, b) == exact_key(f"  {a} ", b)
    assert near_key(a, b) == near_key(a.upper(), f"{b} 123 !")
