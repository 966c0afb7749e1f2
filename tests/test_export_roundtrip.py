"""Property: for random alignments, every writer -> reader round trip keeps every segment once.

Texts mix XML and Markdown specials (<>&"'|\\*_`), CJK, emoji and arbitrary letters, numbers,
punctuation and symbols; bead structures are random monotone partitions with omissions.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import check_invariants, make_alignment
from test_export_jsonl import assert_same_alignment

from bilingual.export import (
    parse_gold,
    parse_jsonl,
    parse_markdown,
    parse_moses,
    parse_tmx,
    parse_tsv,
    write_gold,
    write_jsonl,
    write_markdown,
    write_moses,
    write_tmx,
    write_tsv,
)
from bilingual.model import Alignment
from bilingual.precision import rounded

SPECIALS = [*"<>&\"'|\\*_`[]~# .,;:!?", "😀", "🇨🇳", "👩\u200d💻", "中", "文", "。", "“", "”"]
CHARS = st.one_of(st.sampled_from(SPECIALS), st.characters(categories=("L", "N", "P", "S")))
TEXT = st.lists(CHARS, min_size=1, max_size=20).map("".join).map(str.strip).filter(bool)
SCORE = st.one_of(st.floats(0.0, 1.0), st.just(float("nan")))
LANGS = st.sampled_from([("en", "zh"), ("zh", "en"), ("de", "fr")])


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    n_src = draw(st.integers(0, 8))
    n_tgt = draw(st.integers(0 if n_src else 1, 8))
    k = draw(st.integers(1, n_src + n_tgt))
    src_of = sorted(draw(st.lists(st.integers(0, k - 1), min_size=n_src, max_size=n_src)))
    tgt_of = sorted(draw(st.lists(st.integers(0, k - 1), min_size=n_tgt, max_size=n_tgt)))
    beads = []
    for j in range(k):
        s = [i for i, b in enumerate(src_of) if b == j]
        t = [i for i, b in enumerate(tgt_of) if b == j]
        if s or t:
            beads.append((s, t, draw(SCORE)))
    src_lang, tgt_lang = draw(LANGS)
    src = draw(st.lists(TEXT, min_size=n_src, max_size=n_src))
    tgt = draw(st.lists(TEXT, min_size=n_tgt, max_size=n_tgt))
    return make_alignment(src, tgt, beads, src_lang=src_lang, tgt_lang=tgt_lang)


def _sep(lang: str) -> str:
    return "" if lang == "zh" else " "


def expected(a: Alignment) -> list[tuple[str, str]]:
    s, t = _sep(a.src.document.lang), _sep(a.tgt.document.lang)
    return [
        (
            s.join(a.src.segments[i].text for i in b.src),
            t.join(a.tgt.segments[i].text for i in b.tgt),
        )
        for b in a.beads
    ]


def sides(a: Alignment) -> list[tuple[str, str]]:
    return [
        (
            "".join(a.src.segments[i].text for i in b.src),
            "".join(a.tgt.segments[i].text for i in b.tgt),
        )
        for b in a.beads
    ]


def scores_match(original: list[float], back: list[float], tol: float = 0.0) -> bool:
    """Scores read back equal the originals at the output precision (within ``tol`` beyond it)."""
    return len(original) == len(back) and all(
        (math.isnan(x) and math.isnan(y)) or abs(rounded(x) - y) <= tol
        for x, y in zip(original, back, strict=True)
    )


@settings(max_examples=100, deadline=None)
@given(alignments())
def test_every_format_keeps_every_segment_once(a: Alignment) -> None:
    langs = {"src_lang": a.src.document.lang, "tgt_lang": a.tgt.document.lang}
    want = expected(a)
    scores = [b.score for b in a.beads]

    back = parse_jsonl(write_jsonl(a))
    check_invariants(back)
    assert_same_alignment(a, back)
    assert write_jsonl(back) == write_jsonl(a)  # what was written reads back to the same bytes

    assert [(b.src, b.tgt) for b in parse_gold(write_gold(a))] == [(b.src, b.tgt) for b in a.beads]

    # Moses has no scores (None); Markdown shows three decimals.
    for back, tol in (
        (parse_tsv(write_tsv(a), **langs), 0.0),
        (parse_moses(*write_moses(a), **langs), None),
        (parse_markdown(write_markdown(a)), 5e-4 + 1e-12),  # half a unit of the 3rd decimal
        (parse_tmx(write_tmx(a, include_omissions=True).encode("utf-8")), 0.0),
    ):
        check_invariants(back)
        assert (back.src.document.lang, back.tgt.document.lang) == (
            a.src.document.lang,
            a.tgt.document.lang,
        )
        assert sides(back) == want
        if tol is not None:
            assert scores_match(scores, [b.score for b in back.beads], tol)

    # Default TMX: omission beads skipped, every paired segment exactly once.
    tmx = parse_tmx(write_tmx(a).encode("utf-8"))
    check_invariants(tmx)
    paired = [(b, w) for b, w in zip(a.beads, want, strict=True) if b.src and b.tgt]
    assert sides(tmx) == [w for _, w in paired]
    assert scores_match([b.score for b, _ in paired], [b.score for b in tmx.beads])
