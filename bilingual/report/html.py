"""One self-contained HTML page showing a check report side by side.

The page has no external asset and makes no request (a Content-Security-Policy forbids
scripts and network loads as a second line of defence): inline CSS, an inline SVG plot of the
alignment path, and no JavaScript. It is built with the escaping builder in
``bilingual.report._markup``, so every piece of input text is escaped by construction.

Structure a test (or a person) can rely on:
- each finding is one element with ``data-finding-kind`` and ``data-severity``, placed right
  after the bead row it concerns (paragraph findings under their paragraph header; findings
  that cannot be placed on one bead in a "document" section), so counting
  ``[data-finding-kind]`` gives the number of findings;
- the part of a segment a finding points at (an uncovered clause, a broken placeholder) is a
  ``mark.span`` with ``data-span-kind`` inside the segment's text;
- the warnings and errors among the first ten findings (the report is ranked) are repeated as
  ``ol.top-findings`` above the table, without ``data-finding-kind``;
- the legend (``section.legend``) has one ``[data-legend-kind]`` row per finding kind;
- each bead row is ``tr.bead`` with ``data-src``/``data-tgt`` (segment ids), ``data-confidence``
  and ``data-similarity``; a bead with findings also has the class ``flagged`` and
  ``sev-<severity>`` of its worst finding; a finding about translation-file units has
  ``data-units`` (unit ids joined by ``|``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.model import FINDING_KINDS, SEVERITIES, Alignment, Bead, CheckReport, Finding, Span
from bilingual.report._markup import Element, Trusted, h, html_document

__all__ = ["render_html"]

_CSS = Trusted(
    """
:root { --err:#c62828; --warn:#b26a00; --info:#1565c0; --line:#ddd; --muted:#666; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; margin: 0 auto;
  max-width: 1400px; padding: 1rem 1.5rem 3rem; color: #222; background: #fff; }
h1 { font-size: 1.35rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
.muted, .sig { color: var(--muted); }
.sig { font: 12px/1.4 ui-monospace, monospace; word-break: break-all; }
.top { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
table.summary { border-collapse: collapse; }
table.summary th { text-align: left; font-weight: 600; padding: .15rem 1rem .15rem 0; }
table.summary td { padding: .15rem 0; font-variant-numeric: tabular-nums; }
.counts { display: flex; gap: 2rem; flex-wrap: wrap; align-items: flex-start; }
.counts table { border-collapse: collapse; }
.counts td, .counts th { padding: .1rem .8rem .1rem 0; text-align: left; }
.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0; }
figcaption { font-size: .85rem; color: var(--muted); }
table.beads { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: .5rem; }
table.beads col.id { width: 7rem; } table.beads col.sc { width: 7.5rem; }
table.beads th, table.beads td { border-bottom: 1px solid var(--line); padding: .35rem .5rem;
  vertical-align: top; overflow-wrap: anywhere; }
table.beads thead th { position: sticky; top: 0; background: #f6f6f6; text-align: left;
  z-index: 1; }
tr.para th { background: #eef2f7; text-align: left; font-weight: 600; font-size: .85rem;
  border-top: 2px solid #b8c4d4; }
tr.para th .scores { font-weight: 400; color: var(--muted); margin-left: .8rem; }
td.ids { font: 12px/1.4 ui-monospace, monospace; color: var(--muted); }
td.sc { font: 12px/1.5 ui-monospace, monospace; }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px;
  vertical-align: -1px; margin-right: .3rem; }
.seg + .seg { margin-left: .25rem; }
.seg .n { font: 10px ui-monospace, monospace; color: #999; vertical-align: super;
  margin-right: .1rem; }
.empty { color: #999; font-style: italic; }
tr.bead.sev-error > td { background: #fdecea; }
tr.bead.sev-warning > td { background: #fff6e0; }
tr.bead.sev-info > td { background: #eef5fd; }
tr.findings > td { padding-top: 0; }
.finding { margin: .15rem 0; padding: .2rem .5rem; border-left: 4px solid var(--info);
  background: #f7f9fc; font-size: .9rem; }
.finding.sev-error { border-left-color: var(--err); background: #fdecea; }
.finding.sev-warning { border-left-color: var(--warn); background: #fff6e0; }
.badge { font: 600 11px/1.6 ui-monospace, monospace; text-transform: uppercase; margin-right: .4rem;
  color: var(--info); }
.sev-error .badge { color: var(--err); } .sev-warning .badge { color: var(--warn); }
.evidence { display: block; font: 12px/1.4 ui-monospace, monospace; color: #555; }
.filter { font-size: .9rem; margin: .8rem 0 0; }
mark.span { background: #ffd54f; border-bottom: 2px solid var(--warn); padding: 0 1px; }
mark.span.sev-error { background: #ffcdd2; border-bottom-color: var(--err); }
mark.span.sev-info { background: #e3f2fd; border-bottom-color: var(--info); }
table.legend { border-collapse: collapse; font-size: .85rem; }
table.legend td { padding: .1rem .8rem .1rem 0; vertical-align: top; }
table.legend td.k { font: 12px/1.5 ui-monospace, monospace; white-space: nowrap; }
body:has(#only-flagged:checked) tbody.group:not(:has(.flagged)),
body:has(#only-flagged:checked) tr.bead:not(.flagged) { display: none; }
"""
)


@dataclass(frozen=True)
class _Placement:
    """Where each finding goes: per bead, per paragraph bead, or the document section."""

    by_bead: tuple[tuple[Finding, ...], ...]
    by_paragraph: tuple[tuple[Finding, ...], ...]
    document: tuple[Finding, ...]


def _num(value: float, digits: int = 2) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def _pct(value: float) -> str:
    return "–" if math.isnan(value) else f"{100 * value:.1f} %"


def _ids(ids: Sequence[int]) -> str:
    if not ids:
        return "–"
    if len(ids) == 1:
        return str(ids[0])
    if list(ids) == list(range(ids[0], ids[-1] + 1)):
        return f"{ids[0]}–{ids[-1]}"
    return ",".join(str(i) for i in ids)


def _colour(confidence: float) -> str:
    """Red (0) through amber to green (1); grey when unknown."""
    if math.isnan(confidence):
        return "#9e9e9e"
    c = min(1.0, max(0.0, confidence))
    return f"hsl({round(120 * c)}, 65%, {round(45 - 5 * c)}%)"


def _worst(findings: Sequence[Finding]) -> str | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=SEVERITIES.index)


def _owner_map(beads: Sequence[Bead], side: str) -> dict[int, int]:
    owner: dict[int, int] = {}
    for k, bead in enumerate(beads):
        for i in bead.src if side == "src" else bead.tgt:
            owner.setdefault(i, k)
    return owner


def _locate(
    finding: Finding,
    beads: Sequence[Bead],
    exact: dict[tuple, int],
    src_owner: dict[int, int],
    tgt_owner: dict[int, int],
) -> int | None:
    key = (tuple(finding.src_ids), tuple(finding.tgt_ids))
    if key in exact:
        return exact[key]
    for i in finding.src_ids:
        if i in src_owner:
            return src_owner[i]
    for j in finding.tgt_ids:
        if j in tgt_owner:
            return tgt_owner[j]
    return None


def _place(report: CheckReport) -> _Placement:
    alignment = report.alignment
    beads, pbeads = alignment.beads, alignment.paragraph_beads
    lookups = {
        "beads": (
            {(b.src, b.tgt): k for k, b in enumerate(beads)},
            _owner_map(beads, "src"),
            _owner_map(beads, "tgt"),
        ),
        "paragraphs": (
            {(b.src, b.tgt): k for k, b in enumerate(pbeads)},
            _owner_map(pbeads, "src"),
            _owner_map(pbeads, "tgt"),
        ),
    }
    by_bead: list[list[Finding]] = [[] for _ in beads]
    by_par: list[list[Finding]] = [[] for _ in pbeads]
    document: list[Finding] = []
    for f in report.findings:
        if f.level == alignment.level:
            k = _locate(f, beads, *lookups["beads"])
            if k is not None:
                by_bead[k].append(f)
                continue
        elif f.level == "paragraph" and pbeads:
            k = _locate(f, pbeads, *lookups["paragraphs"])
            if k is not None:
                by_par[k].append(f)
                continue
        document.append(f)
    return _Placement(
        tuple(tuple(x) for x in by_bead), tuple(tuple(x) for x in by_par), tuple(document)
    )


def _paragraph_groups(alignment: Alignment) -> list[tuple[int | None, list[int]]]:
    """Group sentence beads under the paragraph bead holding them, in document order.

    A sentence bead whose paragraph is in no paragraph bead (inconsistent input) stays with
    the group before it, so every bead is shown exactly once.
    """
    pbeads = alignment.paragraph_beads
    if not pbeads or alignment.level == "paragraph":
        return [(None, list(range(len(alignment.beads))))]
    src_par = _owner_map(pbeads, "src")
    tgt_par = _owner_map(pbeads, "tgt")
    members: list[list[int]] = [[] for _ in pbeads]
    last = 0
    for k, bead in enumerate(alignment.beads):
        src_p = bead.src_paragraphs or tuple(alignment.src.segments[i].paragraph for i in bead.src)
        tgt_p = bead.tgt_paragraphs or tuple(alignment.tgt.segments[j].paragraph for j in bead.tgt)
        group = next((src_par[p] for p in src_p if p in src_par), None)
        if group is None:
            group = next((tgt_par[p] for p in tgt_p if p in tgt_par), last)
        members[group].append(k)
        last = group
    return list(enumerate(members))


def kind_legend() -> dict[str, str]:
    """One line per kind, from the finding-kind registry.

    Imported when a report is drawn, not with this module: the registry imports every check.
    """
    from bilingual.check.kinds import KINDS

    return {k.name: k.legend for k in KINDS}


def _marked(text: str, spans: Sequence[tuple[Span, Finding]]) -> list[Element | str]:
    """``text`` with each finding's span wrapped in a ``mark`` (overlaps: the first wins)."""
    parts: list[Element | str] = []
    pos = 0
    for span, f in sorted(spans, key=lambda x: (x[0].start, -x[0].end)):
        a, b = max(span.start, pos), min(span.end, len(text))
        if a >= b:
            continue
        parts.append(text[pos:a])
        parts.append(
            h(
                "mark",
                {
                    "class_": "span sev-" + f.severity,
                    "data_span_kind": f.kind,
                    "title": f.kind.replace("_", " "),
                },
                text[a:b],
            )
        )
        pos = b
    parts.append(text[pos:])
    return parts


def _segments_cell(
    alignment: Alignment, ids: Sequence[int], side: str, findings: Sequence[Finding] = ()
) -> Element:
    seg = alignment.src if side == "src" else alignment.tgt
    lang = seg.document.lang
    if not ids:
        return h("td", {"class_": side + " empty"}, "(no counterpart)")
    marks: dict[int, list[tuple[Span, Finding]]] = {}
    for f in findings:
        for sp in f.spans:
            if sp.side == side:
                marks.setdefault(sp.segment, []).append((sp, f))
    spans = [
        h(
            "span",
            {"class_": "seg", "data_seg": i},
            h("span", {"class_": "n"}, str(i)),
            _marked(seg.segments[i].text, marks[i]) if i in marks else seg.segments[i].text,
        )
        for i in ids
    ]
    return h("td", {"class_": side, "lang": lang}, spans)


def _legend() -> Element:
    legend = kind_legend()
    return h(
        "section",
        {"class_": "legend"},
        h("h2", None, "Finding kinds"),
        h(
            "table",
            {"class_": "legend"},
            [
                h(
                    "tr",
                    {"data_legend_kind": k},
                    h("td", {"class_": "k"}, k.replace("_", " ")),
                    h("td", None, legend.get(k, "")),
                )
                for k in FINDING_KINDS
            ],
        ),
        h(
            "p",
            {"class_": "muted"},
            "The part of a sentence a finding points at is ",
            h("mark", {"class_": "span sev-warning"}, "highlighted"),
            " in the text.",
        ),
    )


def _evidence_line(finding: Finding) -> list[Element]:
    parts: list[str] = []
    for ev in finding.evidence:
        text = ev.name + ":"
        if ev.src:
            text += " src [" + ", ".join(ev.src) + "]"
        if ev.tgt:
            text += " tgt [" + ", ".join(ev.tgt) + "]"
        if ev.value is not None:
            text += " = " + _num(ev.value, 3)
        parts.append(text)
    return [h("span", {"class_": "evidence"}, " · ".join(parts))] if parts else []


def _finding(finding: Finding) -> Element:
    return h(
        "div",
        {
            "class_": "finding sev-" + finding.severity,
            "data_finding_kind": finding.kind,
            "data_severity": finding.severity,
            "data_level": finding.level,
            "data_src": " ".join(map(str, finding.src_ids)),
            "data_tgt": " ".join(map(str, finding.tgt_ids)),
            "data_units": "|".join(finding.units) or None,
            "data_confidence": None if finding.confidence is None else _num(finding.confidence),
            "data_count": str(finding.count) if finding.count > 1 else None,
        },
        h(
            "span",
            {"class_": "badge"},
            finding.severity
            + " · "
            + finding.kind.replace("_", " ")
            + ("" if finding.confidence is None else " · p " + _num(finding.confidence)),
        ),
        ("[" + ", ".join(finding.units) + "] ") if finding.units else "",
        finding.message,
        _evidence_line(finding),
    )


def _top_item(f: Finding) -> Element:
    """A line of the ranked list at the top (not a ``[data-finding-kind]``: the finding itself
    stays under its bead, so counting those still counts findings once)."""
    where = " ".join(
        part
        for part in (
            "src " + ",".join(map(str, f.src_ids)) if f.src_ids else "",
            "tgt " + ",".join(map(str, f.tgt_ids)) if f.tgt_ids else "",
        )
        if part
    )
    conf = "" if f.confidence is None else " · p " + _num(f.confidence)
    return h(
        "li",
        {"class_": "sev-" + f.severity},
        h("span", {"class_": "badge"}, f.severity + " · " + f.kind.replace("_", " ") + conf),
        f" [{where}] " if where else " ",
        f.message,
    )


def _scores(confidence: float, similarity: float) -> list[Element | str]:
    return [
        h("span", {"class_": "swatch", "style": "background:" + _colour(confidence)}),
        "conf " + _num(confidence),
        h("br"),
        "sim\u00a0 " + _num(similarity),
    ]


def _bead_rows(alignment: Alignment, k: int, findings: Sequence[Finding]) -> list[Element]:
    bead = alignment.beads[k]
    worst = _worst(findings)
    cls = "bead" + (" flagged sev-" + worst if worst else "")
    rows = [
        h(
            "tr",
            {
                "class_": cls,
                "id": f"b{k}",
                "data_src": " ".join(map(str, bead.src)),
                "data_tgt": " ".join(map(str, bead.tgt)),
                "data_confidence": _num(bead.score, 4),
                "data_similarity": _num(bead.similarity, 4),
            },
            h("td", {"class_": "ids"}, _ids(bead.src) + " ↔ " + _ids(bead.tgt)),
            _segments_cell(alignment, bead.src, "src", findings),
            _segments_cell(alignment, bead.tgt, "tgt", findings),
            h("td", {"class_": "sc"}, _scores(bead.score, bead.similarity)),
        )
    ]
    if findings:
        rows.append(
            h(
                "tr",
                {"class_": "findings flagged"},
                h("td"),
                h("td", {"colspan": 3}, [_finding(f) for f in findings]),
            )
        )
    return rows


def _paragraph_header(pbead: Bead, p: int, findings: Sequence[Finding]) -> list[Element]:
    worst = _worst(findings)
    rows = [
        h(
            "tr",
            {
                "class_": "para" + (" flagged sev-" + worst if worst else ""),
                "id": f"p{p}",
                "data_src": " ".join(map(str, pbead.src)),
                "data_tgt": " ".join(map(str, pbead.tgt)),
            },
            h(
                "th",
                {"colspan": 4},
                "¶ source " + _ids(pbead.src) + " ↔ target " + _ids(pbead.tgt),
                h(
                    "span",
                    {"class_": "scores"},
                    h("span", {"class_": "swatch", "style": "background:" + _colour(pbead.score)}),
                    "confidence " + _num(pbead.score) + " · similarity " + _num(pbead.similarity),
                ),
            ),
        )
    ]
    if findings:
        rows.append(
            h(
                "tr",
                {"class_": "findings flagged"},
                h("td"),
                h("td", {"colspan": 3}, [_finding(f) for f in findings]),
            )
        )
    return rows


def _beads_table(report: CheckReport, placement: _Placement) -> Element:
    alignment = report.alignment
    bodies: list[Element] = []
    for group, members in _paragraph_groups(alignment):
        rows: list[Element] = []
        if group is not None:
            rows += _paragraph_header(
                alignment.paragraph_beads[group], group, placement.by_paragraph[group]
            )
        for k in members:
            rows += _bead_rows(alignment, k, placement.by_bead[k])
        bodies.append(h("tbody", {"class_": "group"}, rows))
    src_doc, tgt_doc = alignment.src.document, alignment.tgt.document
    return h(
        "table",
        {"class_": "beads"},
        h(
            "colgroup",
            None,
            h("col", {"class_": "id"}),
            h("col"),
            h("col"),
            h("col", {"class_": "sc"}),
        ),
        h(
            "thead",
            None,
            h(
                "tr",
                None,
                h("th", None, alignment.level),
                h("th", None, "source · " + src_doc.name + " (" + src_doc.lang + ")"),
                h("th", None, "target · " + tgt_doc.name + " (" + tgt_doc.lang + ")"),
                h("th", None, "scores"),
            ),
        ),
        bodies,
    )


def _path_plot(alignment: Alignment, size: int = 280) -> Element:
    """SVG of the alignment path: source index across, target index up, beads by confidence."""
    n_src, n_tgt = max(1, len(alignment.src)), max(1, len(alignment.tgt))
    pad = 34
    sx, sy = size / n_src, size / n_tgt
    width, height = size + pad + 10, size + pad + 10

    def x(i: float) -> float:
        return round(pad + i * sx, 2)

    def y(j: float) -> float:
        return round(10 + size - j * sy, 2)

    shapes: list[Element] = []
    points: list[str] = [f"{x(0)},{y(0)}"]
    i0 = j0 = 0
    for k, bead in enumerate(alignment.beads):
        i1 = bead.src[-1] + 1 if bead.src else i0
        j1 = bead.tgt[-1] + 1 if bead.tgt else j0
        i_start = bead.src[0] if bead.src else i0
        j_start = bead.tgt[0] if bead.tgt else j0
        w = max(3.0, (i1 - i_start) * sx)
        ht = max(3.0, (j1 - j_start) * sy)
        label = (
            f"bead {k}: src {_ids(bead.src)} ↔ tgt {_ids(bead.tgt)}, confidence {_num(bead.score)}"
        )
        shapes.append(
            h(
                "a",
                {"href": f"#b{k}"},
                h(
                    "rect",
                    {
                        "x": x(i_start),
                        "y": round(y(j_start) - ht, 2),
                        "width": round(w, 2),
                        "height": round(ht, 2),
                        "fill": _colour(bead.score),
                        "class_": "bead-mark",
                    },
                    h("title", None, label),
                ),
            )
        )
        i0, j0 = i1, j1
        points.append(f"{x(i0)},{y(j0)}")
    axes = [
        h(
            "rect",
            {"x": pad, "y": 10, "width": size, "height": size, "fill": "#fafafa", "stroke": "#ccc"},
        ),
        h(
            "line",
            {
                "x1": x(0),
                "y1": y(0),
                "x2": x(n_src),
                "y2": y(n_tgt),
                "stroke": "#ddd",
                "stroke-dasharray": "4 3",
            },
        ),
        h(
            "polyline",
            {"points": " ".join(points), "fill": "none", "stroke": "#555", "stroke-width": 0.8},
        ),
        h(
            "text",
            {"x": pad + size / 2, "y": height - 4, "text-anchor": "middle", "font-size": 11},
            f"source {alignment.level} (0–{len(alignment.src)})",
        ),
        h(
            "text",
            {
                "x": 11,
                "y": 10 + size / 2,
                "text-anchor": "middle",
                "font-size": 11,
                "transform": f"rotate(-90 11 {10 + size / 2})",
            },
            f"target {alignment.level} (0–{len(alignment.tgt)})",
        ),
    ]
    return h(
        "figure",
        None,
        h(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "width": width,
                "height": height,
                "viewBox": f"0 0 {width} {height}",
                "role": "img",
                "aria-label": "alignment path",
                "class_": "path-plot",
            },
            axes[:2],
            shapes,
            axes[2:],
        ),
        h(
            "figcaption",
            None,
            "Alignment path; each bead coloured by confidence ",
            h("span", {"class_": "swatch", "style": "background:" + _colour(0.0)}),
            "0 ",
            h("span", {"class_": "swatch", "style": "background:" + _colour(0.5)}),
            ".5 ",
            h("span", {"class_": "swatch", "style": "background:" + _colour(1.0)}),
            "1",
        ),
    )


def _drift_bar(score: float) -> Element:
    fill = 0.0 if math.isnan(score) else min(100.0, max(0.0, score))
    return h(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": 160,
            "height": 12,
            "viewBox": "0 0 160 12",
            "class_": "drift-bar",
        },
        h("rect", {"width": 160, "height": 12, "fill": "#eee", "rx": 2}),
        h(
            "rect",
            {"width": round(1.6 * fill, 1), "height": 12, "rx": 2, "fill": _colour(1 - fill / 100)},
        ),
    )


def _summary(report: CheckReport) -> Element:
    s = report.summary
    rows = [
        ("drift score", [_num(s.drift_score, 1) + " / 100 ", _drift_bar(s.drift_score)]),
        ("source coverage", [_pct(s.src_coverage)]),
        ("target coverage", [_pct(s.tgt_coverage)]),
        ("mean similarity", [_num(s.mean_similarity, 3)]),
        ("beads", [str(s.n_beads)]),
        ("findings", [str(len(report.findings))]),
    ]
    table = h(
        "table",
        {"class_": "summary"},
        [h("tr", None, h("th", None, name), h("td", None, value)) for name, value in rows],
    )

    def counts(title: str, pairs: Sequence[tuple[str, int]]) -> Element:
        return h(
            "table",
            None,
            h("tr", None, h("th", {"colspan": 2}, title)),
            [
                h(
                    "tr",
                    None,
                    h("td", None, name.replace("_", " ")),
                    h("td", {"class_": "n"}, str(n)),
                )
                for name, n in pairs
            ],
        )

    return h(
        "section",
        {"class_": "summary"},
        h("h2", None, "Summary"),
        table,
        h(
            "div",
            {"class_": "counts"},
            counts("by severity", s.counts_by_severity),
            counts("by kind", s.counts_by_kind),
        ),
    )


def _render_comparable(report: CheckReport) -> str:
    """Comparable mode: ranked findings, contradictions and the claim-by-claim diff view."""
    from bilingual.report.comparable_html import comparable_css, comparable_view

    alignment = report.alignment
    src_doc, tgt_doc = alignment.src.document, alignment.tgt.document
    title = "bilingual check: " + src_doc.name + " ↔ " + tgt_doc.name
    body = h(
        "body",
        None,
        h("h1", None, title),
        h("p", {"class_": "sig"}, report.signature),
        h("p", {"class_": "mode"}, report.mode.reason if report.mode else ""),
        # what the editor acts on comes first: the ranked findings, then the texts
        h("h2", None, "Findings, most important first"),
        h("section", {"class_": "document-findings"}, [_finding(f) for f in report.findings]),
        comparable_view(report),
        h("div", {"class_": "top"}, _summary(report)),
        _legend(),
        h("p", {"class_": "sig"}, "alignment: " + alignment.signature),
    )
    return html_document(title, Trusted(_CSS.text + comparable_css(report).text), body)


# warnings and errors listed above the side-by-side table, most important first
TOP_FINDINGS = 10


def render_html(report: CheckReport) -> str:
    """Render ``report`` as one self-contained HTML page (UTF-8 text, no external assets)."""
    if report.comparable is not None:
        return _render_comparable(report)
    alignment = report.alignment
    placement = _place(report)
    src_doc, tgt_doc = alignment.src.document, alignment.tgt.document
    title = "bilingual check: " + src_doc.name + " ↔ " + tgt_doc.name
    doc_findings: list[Element] = []
    top = [f for f in report.findings[:TOP_FINDINGS] if f.severity != "info"]
    if top:
        # the report's findings come ranked (bilingual.check.rank): the first screen
        doc_findings += [
            h("h2", None, "Most important findings"),
            h("ol", {"class_": "top-findings"}, [_top_item(f) for f in top]),
        ]
    if placement.document:
        doc_findings += [
            h("h2", None, "Findings about the whole document"),
            h(
                "section",
                {"class_": "document-findings"},
                [_finding(f) for f in placement.document],
            ),
        ]
    body = h(
        "body",
        None,
        h("h1", None, title),
        h("p", {"class_": "sig"}, report.signature),
        h(
            "div",
            {"class_": "top"},
            _summary(report),
            h("section", None, h("h2", None, "Alignment path"), _path_plot(alignment)),
        ),
        doc_findings,
        h("h2", None, "Side by side"),
        h(
            "label",
            {"class_": "filter"},
            h("input", {"type": "checkbox", "id": "only-flagged"}),
            " show only beads with findings",
        ),
        _beads_table(report, placement),
        _legend(),
        h("p", {"class_": "sig"}, "alignment: " + alignment.signature),
    )
    return html_document(
        title,
        _CSS,
        body,
    )
