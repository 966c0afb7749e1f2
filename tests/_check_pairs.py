"""Hand-made English–Chinese sentence pairs and a builder of Alignments for the check tests.

The aligner is not needed: beads are given explicitly, so each test controls exactly what the
checks see.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilingual.model import Alignment, Bead, Document, Segment, Segmentation

GOOD: tuple[tuple[str, str], ...] = (
    (
        "The city council approved the new budget on Tuesday after a long debate.",
        "经过长时间的辩论，市议会周二批准了新预算。",
    ),
    ("The plan sets aside 15% of the money for public schools.", "该计划将15%的资金用于公立学校。"),
    (
        "Officials said the new bridge will open to traffic next spring.",
        "官员们说，新桥将于明年春天通车。",
    ),
    (
        "Local farmers are worried about the dry weather this summer.",
        "当地农民担心今年夏天的干旱天气。",
    ),
    (
        "The museum will show paintings by young artists from the region.",
        "博物馆将展出该地区年轻艺术家的画作。",
    ),
    (
        "Police asked drivers to avoid the main road during the parade.",
        "警方要求司机在游行期间避开主干道。",
    ),
    (
        "The company plans to hire 200 workers at its new factory.",
        "该公司计划在新工厂雇用200名工人。",
    ),
    (
        "Many residents welcomed the decision to build more parks.",
        "许多居民对建造更多公园的决定表示欢迎。",
    ),
    (
        "The library is now open every day until nine in the evening.",
        "图书馆现在每天开放到晚上九点。",
    ),
    (
        "Doctors recommend that children sleep at least nine hours a night.",
        "医生建议儿童每晚至少睡九个小时。",
    ),
    ("The train to the airport takes about forty minutes.", "去机场的火车大约需要四十分钟。"),
    (
        "Volunteers cleaned the beach and collected many bags of plastic.",
        "志愿者清理了海滩，收集了许多袋塑料垃圾。",
    ),
)


def _segmentation(
    doc_parts: Sequence[Sequence[str]], lang: str, name: str
) -> tuple[Segmentation, list[list[int]]]:
    """Lay the sentences out as one paragraph per group; return segment ids per group."""
    sep = "" if lang == "zh" else " "
    text_parts: list[str] = []
    segments: list[Segment] = []
    groups: list[list[int]] = []
    pos = 0
    paragraph = 0
    for group in doc_parts:
        ids = []
        if not group:
            groups.append(ids)
            continue
        if text_parts:
            text_parts.append("\n\n")
            pos += 2
        for k, s in enumerate(group):
            if k:
                text_parts.append(sep)
                pos += len(sep)
            segments.append(Segment(len(segments), paragraph, pos, pos + len(s), s, lang))
            ids.append(len(segments) - 1)
            text_parts.append(s)
            pos += len(s)
        groups.append(ids)
        paragraph += 1
    doc = Document("".join(text_parts), lang, name)
    for s in segments:
        assert doc.text[s.start : s.end] == s.text
    return Segmentation(doc, "sentence", tuple(segments), "test"), groups


def make_alignment(
    beads: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    src_lang: str = "en",
    tgt_lang: str = "zh",
    similarities: Sequence[float] | None = None,
) -> Alignment:
    """An Alignment whose beads are exactly ``beads`` (each bead its own paragraph)."""
    src, src_ids = _segmentation([b[0] for b in beads], src_lang, "src")
    tgt, tgt_ids = _segmentation([b[1] for b in beads], tgt_lang, "tgt")
    out = []
    for k, (s, t) in enumerate(zip(src_ids, tgt_ids, strict=True)):
        sim = similarities[k] if similarities is not None else float("nan")
        out.append(
            Bead(
                tuple(s),
                tuple(t),
                0.9,
                "sentence",
                tuple(sorted({src.segments[i].paragraph for i in s})),
                tuple(sorted({tgt.segments[i].paragraph for i in t})),
                sim if s and t else float("nan"),
            )
        )
    return Alignment(src, tgt, tuple(out), "test-alignment")


def good_beads() -> list[tuple[list[str], list[str]]]:
    return [([en], [zh]) for en, zh in GOOD]
