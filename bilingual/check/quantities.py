"""Quantities that differ between the two sides, per bead and over the whole document.

Quantities come from :mod:`bilingual.numbers` (English and Chinese numerals, money, scales,
hedges and ranges, normalised) and are compared as multisets with its tolerance.
"""

from __future__ import annotations

import re
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
from bilingual.numbers.index import compare_quantities_indexed


def _segment_quantities(seg: Segmentation) -> list[tuple[Quantity, ...]]:
    return [extract_numbers(s.text, s.lang or seg.document.lang) for s in seg.segments]


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def _asides(seg: Segmentation, qs: list[tuple[Quantity, ...]]) -> set[int]:
    """Ids of quantities inside brackets: notes, cross-references and conversions.

    (列王下二十四章八节作十八岁), (约合1000美元): a translator's aside states numbers the
    source does not, without drifting from it.
    """
    out: set[int] = set()
    for s, found in zip(seg.segments, qs, strict=True):
        if not found:
            continue
        spans = [(m.start(), m.end()) for m in _ASIDE.finditer(s.text)]
        out.update(id(q) for q in found if any(a < q.start and q.end < b for a, b in spans))
    return out


def _texts(qs: Sequence[Quantity]) -> tuple[str, ...]:
    return tuple(q.text for q in qs)


def _found_in(q: Quantity, pool: Sequence[Quantity]) -> bool:
    return any(quantities_match(q, p) for p in pool)


def _minor(q: Quantity, excuses: frozenset[float] = frozenset()) -> bool:
    """Whether a quantity without counterpart is weak evidence of drift.

    - a small count spelt as a word ("two", 两): often dropped or added in good translations;
    - a vague amount of a count or duration ("thousands", 数百, 十几岁, "decades"): a manner
      of speaking;
    - a whole count or duration below 10 whose value an unparsed numeral-like word on the other
      side carries (``excuses``: "both" = 2, 唯一 = 1, 双 = 2, "an hour" = 1).
    Money, percentages, dates and times, and anything of 10 or more written in digits, are
    never minor. Only one-sided leftovers get excuses (the caller decides).
    """
    spelt = not any(c.isdigit() for c in q.text)
    if spelt and q.unit in ("", "ordinal") and abs(q.value) <= 10:
        return True
    if spelt and q.approx and q.unit in _VAGUE_UNITS:
        return True
    return (
        q.unit in _VAGUE_UNITS
        and q.value == int(q.value)
        and abs(q.value) < 10
        and q.value in excuses
    )


# Units of counts, ranks, multiples and durations: a vague or article-like amount of these is
# phrasing. Money, percentages, years, months and clock times are facts worth a warning.
_VAGUE_UNITS = frozenset(
    {"", "ordinal", "x", "years", "months", "weeks", "days", "hours", "minutes", "seconds"}
)


def _is_fact(q: Quantity) -> bool:
    """A year, an amount of money or a percentage (not a count, rank or duration)."""
    return q.unit in ("year", "%") or q.unit.split("/")[0] in _CURRENCIES


_CURRENCIES = frozenset({"USD", "CNY", "EUR", "GBP", "JPY", "HKD"})


def _whole_segment(
    left: Sequence[Quantity], ids: Sequence[int], qs: list[tuple[Quantity, ...]]
) -> bool:
    """Whether ``left`` is exactly the counts of one segment of a bead of several."""
    if len(ids) < 2 or not left or any(q.unit not in _VAGUE_UNITS for q in left):
        return False  # money, percentages and dates stay facts worth a warning
    left_ids = {id(q) for q in left}
    return any(qs[i] and {id(q) for q in qs[i]} == left_ids for i in ids)


def _word_values(
    seg: Segmentation, ids: Sequence[int], qs: list[tuple[Quantity, ...]]
) -> frozenset[float]:
    """Counts that unparsed numeral-like words of these segments carry."""
    return frozenset(
        w.value
        for i in ids
        for w in numeral_words(
            seg.segments[i].text, seg.segments[i].lang or seg.document.lang, qs[i]
        )
    )


def number_mismatch(ctx: CheckContext) -> list[Finding]:
    """Beads whose quantities differ, and quantities found on one side of the document only."""
    src_q = _segment_quantities(ctx.alignment.src)
    tgt_q = _segment_quantities(ctx.alignment.tgt)
    aside = _asides(ctx.alignment.src, src_q) | _asides(ctx.alignment.tgt, tgt_q)
    all_src = [q for qs in src_q for q in qs]
    all_tgt = [q for qs in tgt_q for q in qs]
    # The whole document's numbers: indexed, as a pairwise comparison is quadratic (issue 24).
    doc = compare_quantities_indexed(all_src, all_tgt)
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
                # A date, amount of money or percentage that the other side never states is a
                # fact the reader of that side misses (or gets in addition): worth a warning.
                facts = any(_is_fact(q) for q in lonely)
                out.append(
                    _report(
                        v,
                        "warning" if facts else "info",
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
        # A one-sided leftover is weak evidence when the other side has a numeral-like word of
        # the same count ("both" = 2, 唯一 = 1) or when it sits in a bracketed aside (a
        # translator's note or conversion). Leftovers on both sides are a changed number.
        no_excuse: frozenset[float] = frozenset()
        excuse_s = no_excuse if real_t else _word_values(ctx.alignment.tgt, v.bead.tgt, tgt_q)
        excuse_t = no_excuse if real_s else _word_values(ctx.alignment.src, v.bead.src, src_q)
        strong_s = [q for q in real_s if not _minor(q, excuse_s) and (real_t or id(q) not in aside)]
        strong_t = [q for q in real_t if not _minor(q, excuse_t) and (real_s or id(q) not in aside)]
        # Every number of one merged segment unmatched, nothing unmatched on the other side:
        # that segment's content is missing (an omission or addition, reported as such), not
        # a number that drifted.
        # A number the other side never states anywhere stays (issue 19): the same finding
        # whether the aligner drew a 1:1 or a 4:3 bead around it.
        if not real_t and _whole_segment(real_s, v.bead.src, src_q):
            strong_s = [q for q in strong_s if id(q) in doc_only_src]
        if not real_s and _whole_segment(real_t, v.bead.tgt, tgt_q):
            strong_t = [q for q in strong_t if id(q) in doc_only_tgt]
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
