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

from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.model import SEVERITIES, Alignment, Bead, CheckReport, Finding, Span
from bilingual.report._css import PAGE_CSS as _CSS
from bilingual.report._format import colour as _colour
from bilingual.report._format import ids as _ids
from bilingual.report._format import num as _num
from bilingual.report._format import pct as _pct
from bilingual.report._markup import Element, Trusted, h, html_document
from bilingual.report._plot import drift_bar as _drift_bar
from bilingual.report._plot import path_plot as _path_plot

__all__ = ["render_html"]


@dataclass(frozen=True)
class _Placement:
    """Where each finding goes: per bead, per paragraph bead, or the document section."""

    by_bead: tuple[tuple[Finding, ...], ...]
    by_paragraph: tuple[tuple[Finding, ...], ...]
    document: tuple[Finding, ...]


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
    from bilingual.check.kinds import kinds

    return {k.name: k.legend for k in kinds()}


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
                    h("td", None, text),
                )
                for k, text in legend.items()
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
