"""The comparable analysis as ranked findings: contradictions, one-sided paragraphs, then
unsupported claims.

Order is what an editor reads first: every contradiction (error), a word of the other script
left inside a text (a certain, one-word fix), every paragraph whose claims the other side
mostly does not make (one finding for a one-sided section, ranked above the sentences it
holds; its plain claims become information under it; page chrome such as a tag line is no
section), then the claims one side
makes and the other does not, ranked by ``(1 - support) * weight`` so claims with numbers,
money, dates, names and strong assertions come before connective filler. Severity: a claim
with support below ``UNSUPPORTED`` is a warning (info when it is filler, unless a tiny claim
said nowhere near, or when its quantity is already reported as a contradiction), an error
when it is also nearly certainly absent (support below ``CERTAIN``) and carries a number, a
date or a name; claims the other side says produce no finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilingual.check.comparable.salience import brief
from bilingual.check.context import short
from bilingual.check.rank import is_chrome
from bilingual.lang import is_cjk, joiner
from bilingual.lang.script import HAN_RUN
from bilingual.model import (
    Alignment,
    Claim,
    ComparableAnalysis,
    Contradiction,
    Evidence,
    Finding,
    Segmentation,
    Severity,
    Span,
)

# A claim with support below UNSUPPORTED has no clear counterpart; below ABSENT it is said
# nowhere. ``bench_comparable.py --sweep`` (dev half, BENCHMARKS.md issue 21, third round):
# 0.7/0.8/0.85/0.9 gave recall of dropped+added .888/.904/.907/.920 at precision
# .900/.860/.842/.822; 0.8 was the lowest with recall >= .90. With the fifth round's support
# (the ``claimed`` column): 0.7/0.75/0.8/0.85/0.9 give .927/.927/.933/.933/.939 at precision
# .951/.943/.932/.904/.882, reports >= 8 of the first 10 real 58/58/58/57/56 of 59: kept at
# 0.8 (the most recall without losing a report).
UNSUPPORTED = 0.8
ABSENT = 0.5
CERTAIN = 0.2
# A paragraph of at least MIN_PARAGRAPH_CLAIMS claims is one-sided when its claims' mean
# (1 - support), weighted by their length, reaches PARAGRAPH_ONE_SIDED (chosen on the dev half
# of the generated pairs with one-sided paragraphs, the lowest with precision >= .95 there:
# 0.5/0.6/0.7 give recall .97/.95/.90 at precision .93/.98/.99; ``--paragraphs``).
PARAGRAPH_ONE_SIDED = 0.6
MIN_PARAGRAPH_CLAIMS = 2
_FEATURE_WORDS = {
    "number": "a number",
    "money": "money",
    "date": "a date",
    "name": "a name",
    "assertion": "a strong assertion",
}


_SPECIFIC = frozenset({"number", "date", "name"})


def _lang_tag(seg: Segmentation) -> str:
    return seg.document.lang.upper()[:2]


def claim_rank(c: Claim) -> float:
    """How much an editor needs to see this claim when the other side lacks it."""
    return (1.0 - c.support) * c.weight


def _severity(c: Claim, lang: str) -> Severity | None:
    if c.support >= UNSUPPORTED:
        return None
    # a connective or a tiny claim is context, unless it is a tiny one nothing on the other
    # side is near (an exclamation or a line of dialogue one version adds; its weight keeps
    # it last). A connective opener the encoder cannot place ("然而，我们必须对另一面保持警惕。")
    # is mostly said in other words, so it stays context.
    if "filler" in c.features and not (c.support < CERTAIN and brief(c.text, lang)):
        return "info"
    if c.support < CERTAIN and {"number", "date", "name"} & set(c.features):
        return "error"
    return "warning"


def _claim_finding(
    c: Claim,
    alignment: Alignment,
    in_contradiction: bool,
    in_paragraph: bool = False,
    rest_said: bool = False,
) -> Finding | None:
    mine = alignment.src if c.side == "src" else alignment.tgt
    severity = _severity(c, mine.document.lang)
    if severity is None:
        return None
    # one clause of a sentence whose other clause the other side says, itself only weakly
    # matched: mostly a translation that put the clause in other words or another sentence
    # (dev half: 4 of 19 such findings real), so it is context, not a finding to act on
    if rest_said and c.support >= ABSENT:
        severity = "info"
    # its amount already leads the report as a contradiction: the claim itself is context,
    # unless it is said nowhere (then the claim, not only its number, is one-sided)
    if in_contradiction and c.support >= ABSENT:
        severity = "info"
    # its one-sided paragraph is the finding to act on; this claim says which part, unless it
    # carries what an editor checks one by one (a number, a date, a name)
    if in_paragraph and severity == "warning" and not _SPECIFIC & set(c.features):
        severity = "info"
    tag = _lang_tag(mine)
    marks = [_FEATURE_WORDS[f] for f in c.features if f in _FEATURE_WORDS]
    about = f" ({', '.join(marks)})" if marks else ""
    verdict = "is said nowhere" if c.support < ABSENT else "has no clear counterpart"
    message = (
        f"{tag} only, ¶{c.paragraph}{about}: “{short(c.text, 70)}” {verdict} on the "
        f"other side (support {c.support:.2f})"
    )
    span = Span(c.side, c.segment, c.start, c.end, c.text)
    other = "tgt" if c.side == "src" else "src"
    return Finding(
        kind="unsupported_claim",
        severity=severity,
        src_ids=(c.segment,) if c.side == "src" else (),
        tgt_ids=(c.segment,) if c.side == "tgt" else (),
        level="sentence",
        src_text=c.text if c.side == "src" else "",
        tgt_text=c.text if c.side == "tgt" else "",
        message=message,
        evidence=(
            Evidence("support", value=c.support),
            Evidence("similarity", value=c.similarity),
            Evidence("weight", value=c.weight),
            Evidence(
                "closest",
                src=tuple(str(i) for i in c.support_ids) if other == "src" else (),
                tgt=tuple(str(i) for i in c.support_ids) if other == "tgt" else (),
            ),
            Evidence(
                "features",
                src=c.features if c.side == "src" else (),
                tgt=c.features if c.side == "tgt" else (),
            ),
        ),
        spans=(span,),
        # P(the claim is one-sided) from the calibrated support (reliability: BENCHMARKS.md)
        confidence=round(1.0 - c.support, 3),
    )


def _contradiction_finding(x: Contradiction, alignment: Alignment) -> Finding:
    src_ids = tuple(sorted({m.segment for m in x.src}))
    tgt_ids = tuple(sorted({m.segment for m in x.tgt}))
    spans = tuple(Span(m.side, m.segment, m.start, m.end, m.text) for m in x.src + x.tgt)
    return Finding(
        kind="contradiction",
        severity="error",
        src_ids=src_ids,
        tgt_ids=tgt_ids,
        level="sentence",
        src_text=" ".join(alignment.src.segments[i].text for i in src_ids),
        tgt_text="".join(alignment.tgt.segments[i].text for i in tgt_ids),
        message=f"the versions disagree about the same {_unit_words(x.unit)}: {x.message}",
        evidence=(
            Evidence("contradiction", value=float(x.id)),
            Evidence("values", src=tuple(m.text for m in x.src), tgt=tuple(m.text for m in x.tgt)),
        ),
        spans=spans,
    )


def paragraph_one_sidedness(claims: Sequence[Claim]) -> float:
    """Mean (1 - support) of ``claims``, weighted by their length."""
    size = sum(len(c.text) for c in claims)
    return sum(len(c.text) * (1.0 - c.support) for c in claims) / size if size else 0.0


def _paragraph_text(seg: Segmentation, ids: Sequence[int]) -> str:
    return joiner(seg.document.lang).join(seg.segments[i].text for i in ids)


def one_sided_paragraphs(claims: Sequence[Claim]) -> dict[int, float]:
    """The paragraphs of one side whose claims the other side mostly does not make, with
    their one-sidedness (length-weighted mean of 1 - support)."""
    by: dict[int, list[Claim]] = {}
    for c in claims:
        by.setdefault(c.paragraph, []).append(c)
    out: dict[int, float] = {}
    for p, cs in by.items():
        score = paragraph_one_sidedness(cs)
        if len(cs) < MIN_PARAGRAPH_CLAIMS or score < PARAGRAPH_ONE_SIDED:
            continue
        # labels and tag lines ("开源 闭源 大模型 编程", "分享到:") are no section of prose
        if all(is_chrome(c.text) for c in cs):
            continue
        # one long unsaid claim can carry the mean: that claim is the finding, not the
        # paragraph (a one-sided paragraph has most of its claims unsaid)
        if 2 * sum(c.support < UNSUPPORTED for c in cs) < len(cs):
            continue
        out[p] = score
    return out


def paragraph_findings(analysis: ComparableAnalysis, alignment: Alignment) -> list[Finding]:
    """One finding per one-sided paragraph, most one-sided first (a paragraph that is one
    half of a rewritten pair is reported with its pair instead)."""
    found: list[tuple[float, Finding]] = []
    for side, claims in (("src", analysis.src_claims), ("tgt", analysis.tgt_claims)):
        seg = alignment.src if side == "src" else alignment.tgt
        paired = {(x.src if side == "src" else x.tgt) for x in analysis.rewritten}
        for p, score in one_sided_paragraphs(claims).items():
            if p in paired:
                continue
            cs = [c for c in claims if c.paragraph == p]
            ids = tuple(sorted({c.segment for c in cs}))
            text = _paragraph_text(seg, ids)
            alone = sum(c.support < UNSUPPORTED for c in cs)
            message = (
                f"{_lang_tag(seg)} only, ¶{p}: {alone} of its {len(cs)} claims are not said on "
                f"the other side (paragraph support {1.0 - score:.2f}): “{short(text, 70)}”"
            )
            finding = Finding(
                kind="unsupported_paragraph",
                severity="warning",
                src_ids=ids if side == "src" else (),
                tgt_ids=ids if side == "tgt" else (),
                level="sentence",
                src_text=text if side == "src" else "",
                tgt_text=text if side == "tgt" else "",
                message=message,
                evidence=(
                    Evidence("paragraph", value=float(p)),
                    Evidence("support", value=round(1.0 - score, 3)),
                    Evidence("claims", value=float(len(cs))),
                    Evidence("unsupported_claims", value=float(alone)),
                ),
                confidence=round(score, 3),
            )
            found.append((score, finding))
    found.sort(key=lambda x: -x[0])
    return [f for _, f in found]


def rewritten_findings(analysis: ComparableAnalysis, alignment: Alignment) -> list[Finding]:
    """One finding per rewritten pair (:mod:`.rewrites`): the passage is on both sides, said
    differently; nearest pairs first."""
    out = []
    for x in sorted(analysis.rewritten, key=lambda x: (-x.similarity, x.src, x.tgt)):
        parts = []
        for claims, seg, p in (
            (analysis.src_claims, alignment.src, x.src),
            (analysis.tgt_claims, alignment.tgt, x.tgt),
        ):
            cs = [c for c in claims if c.paragraph == p]
            ids = tuple(sorted({c.segment for c in cs}))
            alone = sum(c.support < UNSUPPORTED for c in cs)
            parts.append((seg, ids, _paragraph_text(seg, ids), alone, len(cs)))
        (s_seg, s_ids, s_text, s_alone, s_n), (t_seg, t_ids, t_text, t_alone, t_n) = parts
        message = (
            f"{_lang_tag(s_seg)} ¶{x.src} and {_lang_tag(t_seg)} ¶{x.tgt} say this differently: "
            f"claim by claim {s_alone} of {s_n} and {t_alone} of {t_n} have no counterpart, "
            f"but they stand in the same place and are near as wholes (similarity "
            f"{x.similarity:.2f}): “{short(s_text, 50)}” ↔ “{short(t_text, 40)}”"
        )
        out.append(
            Finding(
                kind="rewritten_paragraph",
                severity="warning",
                src_ids=s_ids,
                tgt_ids=t_ids,
                level="sentence",
                src_text=s_text,
                tgt_text=t_text,
                message=message,
                evidence=(
                    # numbers as values, named per side (unsupported_paragraph's "paragraph"
                    # and "unsupported_claims" are values too: one shape per name)
                    Evidence("src_paragraph", value=float(x.src)),
                    Evidence("tgt_paragraph", value=float(x.tgt)),
                    Evidence("similarity", value=x.similarity),
                    Evidence("src_unsupported_claims", value=float(s_alone)),
                    Evidence("tgt_unsupported_claims", value=float(t_alone)),
                ),
            )
        )
    return out


def _unit_words(unit: str) -> str:
    if "/" in unit:
        return f"amount per {unit.split('/')[1]}"
    return {
        "year": "year",
        "years": "time span",
        "months": "time span",
        "days": "time span",
        "%": "percentage",
        "": "count",
    }.get(unit, "quantity")


def stray_script(alignment: Alignment) -> list[Finding]:
    """Chinese characters inside English text (a word left from editing: "a疯狂 investment")."""
    out: list[Finding] = []
    for side, seg in (("src", alignment.src), ("tgt", alignment.tgt)):
        if is_cjk(seg.document.lang):
            continue
        for s in seg.segments:
            for m in HAN_RUN.finditer(s.text):
                out.append(
                    Finding(
                        kind="untranslated",
                        severity="warning",
                        src_ids=(s.index,) if side == "src" else (),
                        tgt_ids=(s.index,) if side == "tgt" else (),
                        level="sentence",
                        src_text=s.text if side == "src" else "",
                        tgt_text=s.text if side == "tgt" else "",
                        message=f"Chinese “{m.group()}” inside the {_lang_tag(seg)} text: "
                        f"“{short(s.text[max(0, m.start() - 25) : m.end() + 25], 60)}”",
                        spans=(Span(side, s.index, m.start(), m.end(), m.group()),),  # type: ignore[arg-type]
                    )
                )
    return out


def comparable_findings(analysis: ComparableAnalysis, alignment: Alignment) -> list[Finding]:
    """Contradictions first, then stray-script words (certain, and a one-word fix), one-sided
    paragraphs, rewritten paragraph pairs, then unsupported claims by rank."""
    out = [_contradiction_finding(x, alignment) for x in analysis.contradictions]
    out += stray_script(alignment)
    paragraphs = paragraph_findings(analysis, alignment)
    out += paragraphs
    rewritten = rewritten_findings(analysis, alignment)
    out += rewritten
    # a claim inside a one-sided or a rewritten paragraph is read under that finding
    one_sided = {("src", i) for f in paragraphs + rewritten for i in f.src_ids}
    one_sided |= {("tgt", i) for f in paragraphs + rewritten for i in f.tgt_ids}
    claims = sorted(
        analysis.src_claims + analysis.tgt_claims,
        key=lambda c: (-claim_rank(c), c.side, c.index),
    )
    linked = {(m.side, m.claim) for x in analysis.contradictions for m in x.src + x.tgt}
    said: dict[tuple[str, int], list[int]] = {}
    for c in claims:
        if c.support >= UNSUPPORTED:
            said.setdefault((c.side, c.segment), []).append(c.index)
    found = [
        f
        for c in claims
        if (
            f := _claim_finding(
                c,
                alignment,
                (c.side, c.index) in linked,
                (c.side, c.segment) in one_sided,
                any(i != c.index for i in said.get((c.side, c.segment), ())),
            )
        )
        is not None
    ]
    sev = {"error": 0, "warning": 1, "info": 2}
    # errors and warnings before infos, rank order inside each
    found.sort(key=lambda f: sev[f.severity] if f.severity == "info" else 0)
    return out + found
