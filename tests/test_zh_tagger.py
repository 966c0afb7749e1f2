"""check/zh_tagger: jieba's part-of-speech tags, the HMM step over arrays (issue 22).

A pure speed change: every text must come out word for word and tag for tag as
``jieba.posseg.lcut`` gives it. ``bench/compare_zh_tagger.py``'s full comparison (every
Chinese line of the shared gold sets) is in BENCHMARKS.md; here the repository's samples and
the cases that take jieba's rarer paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.check.zh_tagger import tag, viterbi

jieba = pytest.importorskip("jieba")
posseg = pytest.importorskip("jieba.posseg")

DATA = Path(__file__).resolve().parent.parent / "data"


def _jieba(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in posseg.lcut(text))


def _lines() -> list[str]:
    out: list[str] = []
    for name in ("sample.zh.txt", "sample-page.txt"):
        out += [x for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


EDGE = [
    "",
    "丄",  # a Han character neither jieba's dictionary nor its HMM's character table has
    "丄丅丏丠",  # a run of them: every state is possible at every step
    "约翰·史密斯说：“阿比米勒和亚比亚他在基列。”",
    "2024年GDP增长5.2%，iPhone15销量下降",
    "耶和华对摩西说，你吩咐亚伦的子孙拿答、亚比户",
    "哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈",
    "鿕鿔鿓",  # the last characters of jieba's Han range
    "a b\tc\r\n北京",
]


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases_tag_as_jieba(text: str) -> None:
    assert tag(text) == _jieba(text)


def test_sample_documents_tag_as_jieba() -> None:
    lines = _lines()
    assert len(lines) > 20
    assert [tag(x) for x in lines] == [_jieba(x) for x in lines]


def test_viterbi_route_is_jiebas() -> None:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    for run in ["阿比米勒", "亚比亚他", "丄丅丏", "基", "迦南地的示剑城"]:
        _, route = jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)
        assert viterbi(run) == route
