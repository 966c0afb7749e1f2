"""Quantities that differ between the two sides, per bead and over the whole document.

Quantities come from :mod:`bilingual.numbers` (English and Chinese numerals, money, scales,
hedges and ranges, normalised) and are compared as multisets with its tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.check.context import ASIDE, BeadView, CheckContext, finding, is_cjk
from bilingual.lang.pair import pair_sides
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
    out = []
    for s in seg.segments:
        lang = s.lang or seg.document.lang
        found = extract_numbers(s.text, lang)
        if found and is_cjk(lang):
            found = _outside_names(s.text, found)
        out.append(found)
    return out


def _outside_names(
    text: str, found: tuple[Quantity, ...], other_names: Sequence[str] = ()
) -> tuple[Quantity, ...]:
    """``found`` without numerals that belong to a name: 八 in 雅八 (Jabal), 三 in 张三.

    Transliterations use numeral characters for their sound; the tagger that finds Chinese
    names says where a name is, and so does an English name of the other side that the name
    matcher finds here (罗小四 for "Luo Xiaosi", which the tagger does not know): a numeral
    written in characters inside one is no count. Digits (三星 is no transliteration) and 第
    ordinals are kept.
    """
    spelt = [q for q in found if not any(c.isdigit() for c in q.text) and "第" not in q.text]
    if not spelt:
        return found
    from bilingual.check.names import chinese_names, find_in_chinese

    names = list(chinese_names(text))
    for name in other_names:
        m = find_in_chinese(name, text)
        if m.how:
            names.append((m.start, m.end))
    inside = {id(q) for q in spelt if any(a <= q.start and q.end <= b for a, b in names)}
    return tuple(q for q in found if id(q) not in inside) if inside else found


def _without_named_numerals(
    ctx: CheckContext, src_q: list[tuple[Quantity, ...]], tgt_q: list[tuple[Quantity, ...]]
) -> None:
    """Drop, in place, the numerals of Chinese segments inside a rendering of an English name
    of the same bead (the bead's other side)."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return
    from bilingual.check.names import english_names

    sides = pair_sides(ctx.src_lang, ctx.tgt_lang)
    seg = ctx.alignment.src if sides.chinese == "src" else ctx.alignment.tgt
    qs = src_q if sides.chinese == "src" else tgt_q
    for v in ctx.beads:
        if not v.is_pair:
            continue
        ids = sides.chinese_of(v.bead.src, v.bead.tgt)
        if not any(qs[i] for i in ids):
            continue
        names = [n for n, _, _ in english_names(sides.latin_of(v.src_text, v.tgt_text))]
        if not names:
            continue
        for i in ids:
            if qs[i]:
                qs[i] = _outside_names(seg.segments[i].text, qs[i], names)


def _asides(seg: Segmentation, qs: list[tuple[Quantity, ...]]) -> set[int]:
    """Ids of quantities inside brackets: notes, cross-references and conversions.

    (列王下二十四章八节作十八岁), (约合1000美元): a translator's aside states numbers the
    source does not, without drifting from it.
    """
    out: set[int] = set()
    for s, found in zip(seg.segments, qs, strict=True):
        if not found:
            continue
        spans = [(m.start(), m.end()) for m in ASIDE.finditer(s.text)]
        out.update(id(q) for q in found if any(a < q.start and q.end < b for a, b in spans))
    return out


def _texts(qs: Sequence[Quantity]) -> tuple[str, ...]:
    return tuple(q.text for q in qs)


def _said_nearby(q: Quantity, pool: Sequence[Quantity]) -> bool:
    """Whether a neighbouring bead states ``q`` itself (the aligner drew the border elsewhere).

    Stricter than :func:`quantities_match`: a hedge's interval ("about 30" metres, 25.5-34.5,
    unit unread) overlapping a number is no evidence that the number moved across a border
    (过去25年 for "the past two decades" was excused by the previous sentence's "about 30").
    """
    return any(
        quantities_match(q, p)
        and (not (q.approx or p.approx) or abs(q.value - p.value) <= 0.02 * abs(p.value))
        for p in pool
    )


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


def _spelt_count(q: Quantity) -> bool:
    """A count, rank or duration written in words only (十八, 一万, "twenty"), no digit."""
    return not any(c.isdigit() for c in q.text) and q.unit in _VAGUE_UNITS


def _stated_as_word(q: Quantity, words: frozenset[float]) -> bool:
    """A small spelt count or rank that a numeral-like word of the other side carries, or a
    spelt rank of one (first, 第一, 首), which translations render by many non-numbers."""
    if any(c.isdigit() for c in q.text) or q.unit not in ("", "ordinal") or q.approx:
        return False
    return (q.unit == "ordinal" and q.value == 1) or (q.value <= 10 and q.value in words)


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


@dataclass(frozen=True)
class _DocQuantities:
    """The quantities of every segment of both sides, and which the other side never states."""

    src_q: list[tuple[Quantity, ...]]
    tgt_q: list[tuple[Quantity, ...]]
    aside: set[int]  # id() of quantities in a bracketed aside
    only_src: set[int]  # id() of source quantities the target states nowhere
    only_tgt: set[int]


def _doc_quantities(ctx: CheckContext) -> _DocQuantities:
    src_q = _segment_quantities(ctx.alignment.src)
    tgt_q = _segment_quantities(ctx.alignment.tgt)
    _without_named_numerals(ctx, src_q, tgt_q)
    aside = _asides(ctx.alignment.src, src_q) | _asides(ctx.alignment.tgt, tgt_q)
    all_src = [q for qs in src_q for q in qs]
    all_tgt = [q for qs in tgt_q for q in qs]
    # The whole document's numbers: indexed, as a pairwise comparison is quadratic (issue 24).
    doc = compare_quantities_indexed(all_src, all_tgt)
    return _DocQuantities(
        src_q, tgt_q, aside, {id(q) for q in doc.src_only}, {id(q) for q in doc.tgt_only}
    )


def _unpaired(
    v: BeadView, d: _DocQuantities, qs: list[Quantity], qt: list[Quantity]
) -> Finding | None:
    """Content without counterpart is an omission/addition; its quantities are only
    mentioned when the other side never states them."""
    lonely_s = [q for q in qs if id(q) in d.only_src]
    lonely_t = [q for q in qt if id(q) in d.only_tgt]
    if not lonely_s and not lonely_t:
        return None
    # A date, amount of money or percentage that the other side never states is a fact the
    # reader of that side misses (or gets in addition): worth a warning.
    facts = any(_is_fact(q) for q in lonely_s + lonely_t)
    severity: Severity = "warning" if facts else "info"
    return _report(v, severity, qs, qt, lonely_s, lonely_t, d.only_src, d.only_tgt)


def _leftovers(
    ctx: CheckContext, d: _DocQuantities, k: int, diff_s: list[Quantity], diff_t: list[Quantity]
) -> tuple[list[Quantity], list[Quantity]] | None:
    """The unmatched quantities of bead ``k`` that are no alignment border and no count said
    as a word; None when nothing is left to report."""
    views = ctx.beads
    v = views[k]
    # The same values one bead away mean the aligner drew the border differently.
    near = range(max(0, k - 1), min(len(views), k + 2))
    near_t = [q for j in near if j != k for i in views[j].bead.tgt for q in d.tgt_q[i]]
    near_s = [q for j in near if j != k for i in views[j].bead.src for q in d.src_q[i]]
    real_s = [q for q in diff_s if not _said_nearby(q, near_t) and not _copied(q, v.tgt_text)]
    real_t = [q for q in diff_t if not _said_nearby(q, near_s) and not _copied(q, v.src_text)]
    if not real_s or not real_t:
        # One side only: a count the other side states as a word ("a second son" =
        # 第二个儿子, "the first cracks" = 最初的裂痕) or a spelt rank of one ("first" is
        # also "earliest", 首/初/先/头 or nothing) is no number that drifted.
        words_s = _word_values(ctx.alignment.src, v.bead.src, d.src_q)
        words_t = _word_values(ctx.alignment.tgt, v.bead.tgt, d.tgt_q)
        kept_s = [q for q in real_s if not _stated_as_word(q, words_t)]
        kept_t = [q for q in real_t if not _stated_as_word(q, words_s)]
        if (real_s or real_t) and not kept_s and not kept_t:
            return None
        real_s, real_t = kept_s, kept_t
    return real_s, real_t


def _copied(q: Quantity, other: str) -> bool:
    """A token with digits that the other side writes letter for letter (3K眼镜 / "3K
    glasses", A320): the same thing, whatever each side's parser makes of it (the English
    reads 3K as 3,000, the Chinese as no number)."""
    token = q.text.strip()
    if not any(c.isdigit() for c in token) or not any(c.isalpha() for c in token):
        return False
    at = other.find(token)
    while at >= 0:
        before = other[at - 1 : at]
        after = other[at + len(token) : at + len(token) + 1]
        if not (before.isascii() and before.isalnum()) and not (
            after.isascii() and after.isalnum()
        ):
            return True
        at = other.find(token, at + 1)
    return False


def _strong(
    ctx: CheckContext,
    d: _DocQuantities,
    v: BeadView,
    real_s: list[Quantity],
    real_t: list[Quantity],
) -> tuple[list[Quantity], list[Quantity]]:
    """The leftovers that are evidence of a changed or missing number."""
    # A one-sided leftover is weak evidence when the other side has a numeral-like word of
    # the same count ("both" = 2, 唯一 = 1) or when it sits in a bracketed aside (a
    # translator's note or conversion). Leftovers on both sides are a changed number.
    no_excuse: frozenset[float] = frozenset()
    excuse_s = no_excuse if real_t else _word_values(ctx.alignment.tgt, v.bead.tgt, d.tgt_q)
    excuse_t = no_excuse if real_s else _word_values(ctx.alignment.src, v.bead.src, d.src_q)
    strong_s = [q for q in real_s if not _minor(q, excuse_s) and (real_t or id(q) not in d.aside)]
    strong_t = [q for q in real_t if not _minor(q, excuse_t) and (real_s or id(q) not in d.aside)]
    # A count spelt in words that the other side leaves out, with nothing there in its
    # place, is a manner of speaking (十万八千里, 千年, "a million times", "forty days and
    # forty nights" rendered 许多天) more often than a figure; figures are written in digits.
    # Spelt against spelt, or against digits, stays a changed number.
    if not real_t:
        strong_s = [q for q in strong_s if not _spelt_count(q)]
    if not real_s:
        strong_t = [q for q in strong_t if not _spelt_count(q)]
    # Every number of one merged segment unmatched, nothing unmatched on the other side:
    # that segment's content is missing (an omission or addition, reported as such), not
    # a number that drifted.
    # A number the other side never states anywhere stays (issue 19): the same finding
    # whether the aligner drew a 1:1 or a 4:3 bead around it.
    if not real_t and _whole_segment(real_s, v.bead.src, d.src_q):
        strong_s = [q for q in strong_s if id(q) in d.only_src]
    if not real_s and _whole_segment(real_t, v.bead.tgt, d.tgt_q):
        strong_t = [q for q in strong_t if id(q) in d.only_tgt]
    return strong_s, strong_t


def _severity(d: _DocQuantities, strong_s: list[Quantity], strong_t: list[Quantity]) -> Severity:
    if not strong_s and not strong_t:
        # Small counts spelt out ("two", 两) come and go in faithful translations.
        return "info"
    if any(
        units_compatible(a.unit, b.unit) and not (a.approx or b.approx)
        for a in strong_s
        for b in strong_t
    ):
        # A precise value on each side where one was expected: a changed number.
        return "error"
    if any(id(q) in d.only_src for q in strong_s) or any(id(q) in d.only_tgt for q in strong_t):
        # A number one side states and the other never states anywhere.
        return "warning"
    # Stated on the other side elsewhere: phrasing or an alignment border.
    return "info"


def number_mismatch(ctx: CheckContext) -> list[Finding]:
    """Beads whose quantities differ, and quantities found on one side of the document only."""
    d = _doc_quantities(ctx)
    out: list[Finding] = []
    for k, v in enumerate(ctx.beads):
        qs = [q for i in v.bead.src for q in d.src_q[i]]
        qt = [q for i in v.bead.tgt for q in d.tgt_q[i]]
        if not qs and not qt:
            continue
        if not v.is_pair:
            lonely = _unpaired(v, d, qs, qt)
            if lonely is not None:
                out.append(lonely)
            continue
        diff = compare_quantities(qs, qt)
        if diff.equal:
            continue
        left = _leftovers(ctx, d, k, list(diff.src_only), list(diff.tgt_only))
        if left is None:
            continue
        severity = _severity(d, *_strong(ctx, d, v, *left))
        only_s, only_t = list(diff.src_only), list(diff.tgt_only)
        out.append(_report(v, severity, qs, qt, only_s, only_t, d.only_src, d.only_tgt))
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
