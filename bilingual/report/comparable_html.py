"""The comparable-mode part of the HTML report: both versions side by side, claim by claim.

No script (the report CSP forbids it): each claim is a ``span.claim`` shaded by its support
(``data-support``, classes ``sup-0`` … ``sup-4``), unsupported claims (support below the
findings threshold) also carry ``unsupported`` and a side mark. Every place of a contradiction
is an ``a.ct-end`` with ``data-contradiction`` = its id and an ``id`` of its own, linking to the
next place of the same contradiction (the last back to the first): following a link makes that
end the document's ``:target``, and one CSS rule per contradiction highlights every end of it
(``body:has([data-contradiction="3"]:target) [data-contradiction="3"]``), so clicking one end
lights up the others and jumps to the next. The finding list links to each end too.
Each paragraph is a ``p.par`` with ``id`` ``par-<side>-<n>``; the two paragraphs of a
rewritten pair (one passage told differently, ``ComparableAnalysis.rewritten``) are
``p.par.rewritten`` and their marks link to each other.

Rows are the alignment's paragraph beads (paragraphs in order on each side); content that moved
is found through its claim's support, not its row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from bilingual.check.comparable.findings import UNSUPPORTED
from bilingual.lang import joiner
from bilingual.model import Alignment, CheckReport, Claim, Contradiction, Segmentation
from bilingual.report._markup import Element, Trusted, h

__all__ = ["comparable_css", "comparable_view", "end_id"]

COMPARABLE_CSS = """
table.diff { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: .5rem; }
table.diff th, table.diff td { border-bottom: 1px solid var(--line); padding: .4rem .6rem;
  vertical-align: top; overflow-wrap: anywhere; }
table.diff thead th { position: sticky; top: 0; background: #f6f6f6; text-align: left; }
table.diff td .pn { font: 11px ui-monospace, monospace; color: #999; margin-right: .3rem; }
span.claim { border-radius: 2px; padding: 0 1px; }
span.claim.sup-0 { background: #ffcdd2; } span.claim.sup-1 { background: #ffe0b2; }
span.claim.sup-2 { background: #fff3c4; } span.claim.sup-3 { background: #eef7e8; }
span.claim.sup-4 { background: transparent; }
span.claim.unsupported { border-bottom: 2px solid var(--err); }
span.claim .only { font: 600 10px/1 ui-monospace, monospace; color: var(--err);
  vertical-align: super; margin-left: .15rem; }
a.ct-end { color: inherit; text-decoration: none; border: 2px solid var(--err);
  border-radius: 3px; padding: 0 2px; font-weight: 600; scroll-margin-top: 4rem; }
a.ct-end:target { box-shadow: 0 0 0 3px #ff8a80; }
.scale span { display: inline-block; padding: 0 .5rem; margin-right: .2rem; font-size: .8rem; }
p.mode { font-weight: 600; }
p.par.one-sided { border-left: 4px solid var(--err); padding-left: .4rem; }
p.par.one-sided .pn { color: var(--err); font-weight: 600; }
p.par.rewritten { border-left: 4px dashed var(--warn); padding-left: .4rem; }
p.par.rewritten a.pn { color: var(--warn); font-weight: 600; text-decoration: none; }
p.par:target { box-shadow: 0 0 0 3px #ffe082; scroll-margin-top: 4rem; }
"""


def end_id(x: Contradiction, side: str, k: int) -> str:
    """The element id of place ``k`` of ``side`` ("src"/"tgt") of contradiction ``x``."""
    return f"ct-{x.id}-{side}{k}"


def comparable_css(report: CheckReport) -> Trusted:
    """The page's extra CSS: the diff view plus one highlight rule per contradiction (ids are
    integers this module makes, never input text)."""
    rules = [COMPARABLE_CSS]
    analysis = report.comparable
    if analysis is not None:
        for x in analysis.contradictions:
            n = int(x.id)
            rules.append(
                f'body:has([data-contradiction="{n}"]:target) [data-contradiction="{n}"] '
                "{ background: #ff8a80; outline: 3px solid var(--err); }"
            )
    return Trusted("\n".join(rules))


def _band(support: float) -> int:
    return min(4, int(support * 5))


def _ends(analysis_contradictions: Sequence[Contradiction]) -> dict[tuple[str, int], list]:
    """(side, segment) -> [(mention, contradiction, element id, next element id)]."""
    out: dict[tuple[str, int], list] = defaultdict(list)
    for x in analysis_contradictions:
        places = [("src", k, m) for k, m in enumerate(x.src)] + [
            ("tgt", k, m) for k, m in enumerate(x.tgt)
        ]
        for i, (side, k, m) in enumerate(places):
            nside, nk, _ = places[(i + 1) % len(places)]
            out[(side, m.segment)].append((m, x, end_id(x, side, k), end_id(x, nside, nk)))
    return out


def _claim_children(text: str, start: int, ends: Sequence[tuple]) -> list[Element | str]:
    """``text`` (a claim starting at ``start`` of its sentence) with contradiction ends linked."""
    out: list[Element | str] = []
    pos = 0
    for m, x, own, nxt in sorted(ends, key=lambda e: e[0].start):
        a, b = m.start - start, m.end - start
        if a < pos or b > len(text):
            continue
        out.append(text[pos:a])
        out.append(
            h(
                "a",
                {
                    "class_": "ct-end",
                    "id": own,
                    "href": "#" + nxt,
                    "data_contradiction": str(x.id),
                    "title": x.message,
                },
                text[a:b],
            )
        )
        pos = b
    out.append(text[pos:])
    return out


def _sentence(
    seg_text: str, claims: Sequence[Claim], ends: Sequence[tuple], tag: str
) -> list[Element | str]:
    out: list[Element | str] = []
    pos = 0
    for c in sorted(claims, key=lambda c: c.start):
        out.append(seg_text[pos : c.start])
        inside = [e for e in ends if c.start <= e[0].start and e[0].end <= c.end]
        unsupported = c.support < UNSUPPORTED
        out.append(
            h(
                "span",
                {
                    "class_": f"claim sup-{_band(c.support)}"
                    + (" unsupported" if unsupported else ""),
                    "data_claim": f"{c.side}-{c.index}",
                    "data_support": f"{c.support:.2f}",
                    "title": f"support {c.support:.2f} (best similarity {c.similarity:.2f})",
                },
                _claim_children(c.text, c.start, inside),
                h("span", {"class_": "only"}, f"{tag} only") if unsupported else "",
            )
        )
        pos = c.end
    out.append(seg_text[pos:])
    return out


def _paragraph_cell(
    seg: Segmentation,
    side: str,
    paragraphs: Sequence[int],
    claims: dict[int, list[Claim]],
    ends: dict[tuple[str, int], list],
    one_sided: frozenset[int] = frozenset(),
    rewritten: Mapping[int, tuple[str, int]] | None = None,
) -> Element:
    """``rewritten``: this side's paragraph -> (the other side's tag, its paragraph) of a
    rewritten pair."""
    tag = seg.document.lang.upper()[:2]
    sep = joiner(seg.document.lang)
    other_side = "tgt" if side == "src" else "src"
    parts: list[Element | str] = []
    for p in paragraphs:
        sentences = [s for s in seg.segments if s.paragraph == p]
        alone = p in one_sided
        pair = (rewritten or {}).get(p)
        body: list[Element | str]
        if pair is not None:
            other_tag, q = pair
            body = [
                h(
                    "a",
                    {"class_": "pn", "href": f"#par-{other_side}-{q}"},
                    f"¶{p} said differently in {other_tag} ¶{q}",
                )
            ]
        else:
            body = [h("span", {"class_": "pn"}, f"¶{p} {tag} only" if alone else f"¶{p}")]
        for k, s in enumerate(sentences):
            if k:
                body.append(sep)
            body.append(
                h(
                    "span",
                    {"class_": "sent", "data_seg": str(s.index)},
                    _sentence(s.text, claims.get(s.index, []), ends.get((side, s.index), []), tag),
                )
            )
        cls = "par rewritten" if pair is not None else "par one-sided" if alone else "par"
        attrs = {"class_": cls, "data_paragraph": str(p), "id": f"par-{side}-{p}"}
        parts.append(h("p", attrs, body))
    return h("td", {"class_": side, "lang": seg.document.lang}, parts)


def _rows(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    if alignment.paragraph_beads:
        return [(b.src, b.tgt) for b in alignment.paragraph_beads]
    sp = sorted({s.paragraph for s in alignment.src.segments})
    tp = sorted({s.paragraph for s in alignment.tgt.segments})
    return [(tuple(sp), tuple(tp))]


def _place_links(x: Contradiction) -> list[Element | str]:
    out: list[Element | str] = []
    for side, ms in (("src", x.src), ("tgt", x.tgt)):
        for k, m in enumerate(ms):
            out.append(" ")
            out.append(
                h(
                    "a",
                    {"class_": "ct-link", "href": "#" + end_id(x, side, k)},
                    f"{m.text} (¶{m.paragraph})",
                )
            )
    return out


def _one_sided(report: CheckReport) -> dict[str, frozenset[int]]:
    """The paragraphs of each side that an ``unsupported_paragraph`` finding names."""
    out: dict[str, set[int]] = {"src": set(), "tgt": set()}
    for f in report.findings:
        if f.kind != "unsupported_paragraph":
            continue
        side, ids = ("src", f.src_ids) if f.src_ids else ("tgt", f.tgt_ids)
        seg = report.alignment.src if side == "src" else report.alignment.tgt
        out[side].update(seg.segments[i].paragraph for i in ids)
    return {k: frozenset(v) for k, v in out.items()}


def comparable_view(report: CheckReport) -> list[Element]:
    """The mode line, the contradictions with links to every place, and the diff table."""
    analysis = report.comparable
    alignment = report.alignment
    if analysis is None:
        return []
    claims: dict[str, dict[int, list[Claim]]] = {"src": defaultdict(list), "tgt": defaultdict(list)}
    for c in analysis.src_claims + analysis.tgt_claims:
        claims[c.side][c.segment].append(c)
    ends = _ends(analysis.contradictions)
    one_sided = _one_sided(report)
    src_tag = alignment.src.document.lang.upper()[:2]
    tgt_tag = alignment.tgt.document.lang.upper()[:2]
    to_tgt = {x.src: (tgt_tag, x.tgt) for x in analysis.rewritten}
    to_src = {x.tgt: (src_tag, x.src) for x in analysis.rewritten}
    rows = [
        h(
            "tr",
            {"class_": "prow"},
            _paragraph_cell(alignment.src, "src", s, claims["src"], ends, one_sided["src"], to_tgt),
            _paragraph_cell(alignment.tgt, "tgt", t, claims["tgt"], ends, one_sided["tgt"], to_src),
        )
        for s, t in _rows(alignment)
    ]
    src_doc, tgt_doc = alignment.src.document, alignment.tgt.document
    scale = h(
        "p",
        {"class_": "scale muted"},
        "claim support: ",
        [
            h("span", {"class_": f"claim sup-{k}"}, f"{k / 5:.1f}–{(k + 1) / 5:.1f}")
            for k in range(5)
        ],
        " · underlined: said nowhere on the other side · bar on the left: a paragraph the other "
        "side mostly does not say · dashed bar: a passage both sides tell differently "
        "(its mark links to the other side's) · boxed: a contradiction (click one end "
        "to light up all of them and jump to the next)",
    )
    out: list[Element] = []
    if analysis.contradictions:
        out.append(h("h2", None, "Contradictions"))
        out.append(
            h(
                "ul",
                {"class_": "contradictions"},
                [
                    h(
                        "li",
                        {"data_contradiction_item": str(x.id)},
                        x.message,
                        " —",
                        _place_links(x),
                    )
                    for x in analysis.contradictions
                ],
            )
        )
    out += [
        h("h2", None, "Side by side, claim by claim"),
        scale,
        h(
            "table",
            {"class_": "diff"},
            h("colgroup", None, h("col"), h("col")),
            h(
                "thead",
                None,
                h(
                    "tr",
                    None,
                    h("th", None, f"{src_doc.name} ({src_doc.lang})"),
                    h("th", None, f"{tgt_doc.name} ({tgt_doc.lang})"),
                ),
            ),
            h("tbody", None, rows),
        ),
    ]
    return out
