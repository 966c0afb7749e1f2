"""Quantities that differ between the two sides, per bead and over the whole document.

Quantities come from :mod:`bilingual.numbers` (English and Chinese numerals, money, scales,
hedges and ranges, normalised) and are compared as multisets with its tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilingual.check.context import BeadView, CheckContext, finding
from bilingual.model import Evidence, Finding, Segmentation, Severity
from bilingual.numbers import (
    Quantity,
    compare_quantities,
    extract_numbers,
    numeral_words,
    quantities_match,
    units_compatible,
)


def _segment_quantities(seg: Segmentation) -> list[tuple[Quantity, ...]]:
    return [extract_numbers(s.text, s.lang or seg.document.lang) for s in seg.segments]


def _texts(qs: Sequence[Quantity]) -> tuple[str, ...]:
    return tuple(q.text for q in qs)


def _found_in(q: Quantity, pool: Sequence[Quantity]) -> bool:
    return any(quantities_match(q, p) for p in pool)


def _minor(q: Quantity, excused: bool = False) -> bool:
    """Whether a quantity without counterpart is weak evidence of drift.

    - a small count spelt as a word ("two", 两): often dropped or added in good translations;
    - a vague amount without unit ("thousands", 数百, "dozens"): a manner of speaking;
    - when ``excused`` (the other side has an unparsed numeral-like word such as "both", 唯一,
      首, and no unmatched quantity of its own): a bare whole number below 10.
    A changed quantity with a unit, or of 10 and more, is never minor.
    """
    spelt = not any(c.isdigit() for c in q.text)
    if spelt and q.unit in ("", "ordinal") and abs(q.value) <= 10:
        return True
    if spelt and q.approx and q.unit == "":
        return True
    return (
        excused
        and q.unit in ("", "ordinal")
        and not q.approx
        and q.value == int(q.value)
        and abs(q.value) < 10
    )


def _has_numeral_words(
    seg: Segmentation, ids: Sequence[int], qs: list[tuple[Quantity, ...]]
) -> bool:
    return any(
        numeral_words(seg.segments[i].text, seg.segments[i].lang or seg.document.lang, qs[i])
        for i in ids
    )


def number_mismatch(ctx: CheckContext) -> list[Finding]:
    """Beads whose quantities differ, and quantities found on one side of the document only."""
    src_q = _segment_quantities(ctx.alignment.src)
    tgt_q = _segment_quantities(ctx.alignment.tgt)
    all_src = [q for qs in src_q for q in qs]
    all_tgt = [q for qs in tgt_q for q in qs]
    doc = compare_quantities(all_src, all_tgt)
    doc_only_src = {id(q) for q in doc.src_only}
    doc_only_tgt = {id(q) for q in doc.tgt_only}
    views = ctx.beads
    out: list[Finding] = []
    for k, v in enumerate(views):
        qs = [q for i in v.bead.src for q in src_q[i]]
        qt = [q for i in v.bead.tgt for q in tgt_q[i]]
        if not qs and not qt:
            continue
        if not v.is_pair:
            # Content without counterpart is an omission/addition; its quantities are only
            # mentioned when the other side never states them.
            lonely = [q for q in qs if id(q) in doc_only_src] + [
                q for q in qt if id(q) in doc_only_tgt
            ]
            if lonely:
                out.append(
                    _report(
                        v,
                        "info",
                        qs,
                        qt,
                        [q for q in qs if id(q) in doc_only_src],
                        [q for q in qt if id(q) in doc_only_tgt],
                        doc_only_src,
                        doc_only_tgt,
                    )
                )
            continue
        diff = compare_quantities(qs, qt)
        if diff.equal:
            continue
        # The same values one bead away mean the aligner drew the border differently.
        near = range(max(0, k - 1), min(len(views), k + 2))
        near_t = [q for j in near if j != k for i in views[j].bead.tgt for q in tgt_q[i]]
        near_s = [q for j in near if j != k for i in views[j].bead.src for q in src_q[i]]
        real_s = [q for q in diff.src_only if not _found_in(q, near_t)]
        real_t = [q for q in diff.tgt_only if not _found_in(q, near_s)]
        severity: Severity
        # A one-sided leftover next to "both"/唯一/首 on the other side is likely that word.
        excuse_s = not real_t and _has_numeral_words(ctx.alignment.tgt, v.bead.tgt, tgt_q)
        excuse_t = not real_s and _has_numeral_words(ctx.alignment.src, v.bead.src, src_q)
        strong_s = [q for q in real_s if not _minor(q, excuse_s)]
        strong_t = [q for q in real_t if not _minor(q, excuse_t)]
        if not strong_s and not strong_t:
            # Small counts spelt out ("two", 两) come and go in faithful translations.
            severity = "info"
        elif any(
            units_compatible(a.unit, b.unit) and not (a.approx or b.approx)
            for a in strong_s
            for b in strong_t
        ):
            # A precise value on each side where one was expected: a changed number.
            severity = "error"
        elif any(id(q) in doc_only_src for q in strong_s) or any(
            id(q) in doc_only_tgt for q in strong_t
        ):
            # A number one side states and the other never states anywhere.
            severity = "warning"
        else:
            # Stated on the other side elsewhere: phrasing or an alignment border.
            severity = "info"
        out.append(
            _report(
                v,
                severity,
                qs,
                qt,
                list(diff.src_only),
                list(diff.tgt_only),
                doc_only_src,
                doc_only_tgt,
            )
        )
    return out


def _report(
    v: BeadView,
    severity: Severity,
    qs: Sequence[Quantity],
    qt: Sequence[Quantity],
    only_s: Sequence[Quantity],
    only_t: Sequence[Quantity],
    doc_s: set[int],
    doc_t: set[int],
) -> Finding:
    parts = []
    if only_s:
        parts.append(f"source has {', '.join(q.text for q in only_s)}")
    if only_t:
        parts.append(f"target has {', '.join(q.text for q in only_t)}")
    lonely = [q.text for q in only_s if id(q) in doc_s] + [q.text for q in only_t if id(q) in doc_t]
    msg = "numbers differ: " + "; ".join(parts)
    if lonely:
        msg += f" (never stated on the other side: {', '.join(lonely)})"
    return finding(
        v,
        "number_mismatch",
        severity,
        msg,
        [
            Evidence("values", src=_texts(qs), tgt=_texts(qt)),
            Evidence("unmatched", src=_texts(only_s), tgt=_texts(only_t)),
            Evidence(
                "document_only",
                src=tuple(q.text for q in only_s if id(q) in doc_s),
                tgt=tuple(q.text for q in only_t if id(q) in doc_t),
            ),
            Evidence(
                "normalised",
                src=tuple(f"{q.value:g} {q.unit}".strip() for q in only_s),
                tgt=tuple(f"{q.value:g} {q.unit}".strip() for q in only_t),
            ),
        ],
    )
