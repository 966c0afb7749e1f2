"""Hand-built CheckReports for the HTML report tests (no aligner or checker needed).

Texts are given as paragraphs of sentences; segments get true offsets into the document so the
model's invariant ``doc.text[s.start:s.end] == s.text`` holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilingual.model import (
    Alignment,
    Bead,
    CheckReport,
    Document,
    DriftSummary,
    Evidence,
    Finding,
    Segment,
    Segmentation,
)

HOSTILE = (
    "<script>document.body.appendChild(document.createElement('pwned-script'))</script>",
    "<img src=x onerror=\"document.body.appendChild(document.createElement('pwned-img'))\">",
    '"><svg onload="document.body.appendChild(document.createElement(\'pwned-svg\'))">',
    "'><iframe src=\"javascript:parent.document.body.appendChild("
    "parent.document.createElement('pwned-iframe'))\"></iframe>",
    '</td></tr></table><b id="pwned-b">bold</b><!--',
    "&lt;script&gt; & &amp; \u0000 \x07 </style></title>",
)


def segmentation(
    paragraphs: Sequence[Sequence[str]], lang: str, name: str, sep: str
) -> Segmentation:
    """A sentence Segmentation of a document made of ``paragraphs`` (lists of sentences)."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for p, sentences in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            pos += 2
        for k, sentence in enumerate(sentences):
            if k:
                parts.append(sep)
                pos += len(sep)
            segments.append(Segment(len(segments), p, pos, pos + len(sentence), sentence, lang))
            parts.append(sentence)
            pos += len(sentence)
    doc = Document("".join(parts), lang, name)
    return Segmentation(doc, "sentence", tuple(segments), "seg:test")


def make_report(
    src: Sequence[Sequence[str]],
    tgt: Sequence[Sequence[str]],
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], float, float]],
    paragraph_beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    findings: Sequence[Finding],
    names: tuple[str, str] = ("en.txt", "zh.txt"),
) -> CheckReport:
    """A CheckReport over hand-written texts, beads (src, tgt, confidence, similarity)."""
    s = segmentation(src, "en", names[0], " ")
    t = segmentation(tgt, "zh", names[1], "")
    bead_objs = tuple(
        Bead(
            a,
            b,
            conf,
            "sentence",
            tuple(sorted({s.segments[i].paragraph for i in a})),
            tuple(sorted({t.segments[j].paragraph for j in b})),
            sim,
        )
        for a, b, conf, sim in beads
    )
    pbeads = tuple(Bead(a, b, 0.9, "paragraph", a, b, 0.8) for a, b in paragraph_beads)
    alignment = Alignment(s, t, bead_objs, "align:test", pbeads)
    kinds: dict[str, int] = {}
    sev: dict[str, int] = {}
    for f in findings:
        kinds[f.kind] = kinds.get(f.kind, 0) + 1
        sev[f.severity] = sev.get(f.severity, 0) + 1
    summary = DriftSummary(
        src_coverage=0.93,
        tgt_coverage=0.88,
        mean_similarity=0.71,
        counts_by_kind=tuple(sorted(kinds.items())),
        counts_by_severity=tuple(sorted(sev.items())),
        drift_score=37.5,
        n_beads=len(bead_objs),
    )
    return CheckReport(alignment, tuple(findings), summary, "bilingual:test|check:test")


def seed_like_report(hostile: bool = False) -> CheckReport:
    """A small EN/ZH report in the spirit of the seed page: drifted numbers, one-sided paragraphs.

    With ``hostile`` every text, name, message and evidence value holds markup and script.
    """
    src = [
        ["AI coding agents are booming.", "Prices start at $500/month.", "Most teams pay more."],
        ["Think of it like Linux in the 1990s."],
        ["Adoption will keep growing."],
    ]
    tgt = [
        ["AI编程代理正在蓬勃发展。", "价格为每月2000美元。", "很多团队每月花费数千美元。"],
        ["预计2026年初会普及。", "未来5到10年会更快。"],
        ["定价权属于少数公司。"],
    ]
    names = ("en <analysis>.txt", 'zh "analysis".txt')
    if hostile:
        evil = HOSTILE
        src = [
            [sent + " " + evil[(i + j) % len(evil)] for j, sent in enumerate(par)]
            for i, par in enumerate(src)
        ]
        tgt = [
            [sent + evil[(i + j + 3) % len(evil)] for j, sent in enumerate(par)]
            for i, par in enumerate(tgt)
        ]
        names = (evil[0], evil[2])
    s_flat = [x for par in src for x in par]
    t_flat = [x for par in tgt for x in par]
    beads = [
        ((0,), (0,), 0.97, 0.86),
        ((1,), (1,), 0.81, 0.62),
        ((2,), (2,), 0.55, 0.44),
        ((3,), (), 0.30, float("nan")),
        ((), (3,), 0.40, float("nan")),
        ((), (4,), 0.35, float("nan")),
        ((4,), (5,), 0.12, 0.09),
    ]
    pbeads = [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]
    extra = (" " + HOSTILE[1]) if hostile else ""
    findings = [
        Finding(
            "number_mismatch",
            "error",
            (1,),
            (1,),
            "sentence",
            s_flat[1],
            t_flat[1],
            "numbers differ: $500/month vs 每月2000美元" + extra,
            (Evidence("numbers", ("500",) + ((HOSTILE[2],) if hostile else ()), ("2000",)),),
        ),
        Finding(
            "number_mismatch",
            "warning",
            (2,),
            (2,),
            "sentence",
            s_flat[2],
            t_flat[2],
            "target has a quantity (数千) the source lacks" + extra,
            (Evidence("numbers", (), ("several thousand",)),),
        ),
        Finding(
            "omission",
            "warning",
            (3,),
            (),
            "sentence",
            s_flat[3],
            "",
            "source sentence has no counterpart in the target" + extra,
        ),
        Finding(
            "omission",
            "warning",
            (1,),
            (),
            "paragraph",
            s_flat[3],
            "",
            "source paragraph 1 (Linux analogy) has no counterpart" + extra,
        ),
        Finding(
            "addition",
            "warning",
            (),
            (3,),
            "sentence",
            "",
            t_flat[3],
            "target sentence has no counterpart in the source" + extra,
        ),
        Finding(
            "addition",
            "info",
            (),
            (4,),
            "sentence",
            "",
            t_flat[4],
            "target sentence has no counterpart in the source" + extra,
        ),
        Finding(
            "low_similarity",
            "error",
            (4,),
            (5,),
            "sentence",
            s_flat[4],
            t_flat[5],
            "similarity 0.09 is far below this document's typical 0.70" + extra,
            (Evidence("similarity", value=0.09),),
        ),
        Finding(
            "number_mismatch",
            "warning",
            (),
            (),
            "sentence",
            "",
            "",
            "numbers on one side of the document only: 2026年初, 5到10年" + extra,
            (Evidence("numbers", (), ("2026", "5-10")),),
        ),
    ]
    return make_report(src, tgt, beads, pbeads, findings, names)
