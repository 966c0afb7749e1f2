"""The corpus report: ``report.json`` for scripts and a self-contained ``report.html`` for people.

report.json: ``{"format": "bilingual-corpus-report", "version": 1, "signature", "filters",
"seconds", "totals": {...}, "documents": [{id, src, tgt, status, error, pairs, kept, dropped:
{reason: n}, mean_confidence, drift_score, src_coverage, tgt_coverage, seconds}], "unpaired":
[paths], "histograms": [{name, lo, hi, counts}]}``. ``status`` is ``ok``, ``failed`` or
``skipped`` (done by an earlier run with the same inputs and settings; its counts are reused).

report.html follows the check report's conventions (bilingual.report.html): built with the
escaping builder, no script, no external request (a CSP forbids both), inline CSS and SVG.
Each document row is ``tr.doc`` with ``data-doc``, ``data-status``, ``data-kept`` and
``data-dropped``; each histogram is an ``svg.hist`` with one ``rect.bar`` per bin carrying
``data-count``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.io import write_text_atomic
from bilingual.precision import json_number
from bilingual.report._markup import Element, Trusted, h, html_document

FORMAT = "bilingual-corpus-report"
VERSION = 1

_CSS = Trusted(
    """
body { font: 15px/1.5 system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 0 auto;
  max-width: 1400px; padding: 1rem 1.5rem 3rem; color: #222; background: #fff; }
h1 { font-size: 1.35rem; } h2 { font-size: 1.1rem; margin-top: 1.4rem; }
.sig { font: 12px/1.4 ui-monospace, monospace; color: #666; word-break: break-all; }
table { border-collapse: collapse; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #ddd; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.doc.failed > td { background: #fdecea; }
tr.doc.skipped > td { color: #555; }
.hists { display: flex; gap: 2rem; flex-wrap: wrap; }
figure { margin: 0; } figcaption { font-size: .85rem; color: #666; }
rect.bar { fill: #5c85c8; }
"""
)


@dataclass(frozen=True)
class Histogram:
    """Counts of values in equal bins over [lo, hi] (values outside go to the end bins)."""

    name: str
    lo: float
    hi: float
    counts: tuple[int, ...]

    @staticmethod
    def empty(name: str, lo: float, hi: float, bins: int) -> Histogram:
        return Histogram(name, lo, hi, (0,) * bins)

    def add(self, value: float) -> Histogram:
        if value is None or math.isnan(value):
            return self
        n = len(self.counts)
        k = int((value - self.lo) / (self.hi - self.lo) * n)
        k = min(max(k, 0), n - 1)
        counts = list(self.counts)
        counts[k] += 1
        return dataclasses.replace(self, counts=tuple(counts))


@dataclass(frozen=True)
class DocReport:
    """One document's line in the report."""

    id: str
    src: str
    tgt: str | None
    status: str
    error: str
    pairs: int
    kept: int
    dropped: tuple[tuple[str, int], ...]
    mean_confidence: float
    drift_score: float
    src_coverage: float
    tgt_coverage: float
    seconds: float


@dataclass(frozen=True)
class Totals:
    """Sums over the documents."""

    documents: int
    ok: int
    failed: int
    skipped: int
    unpaired: int
    pairs: int
    kept: int
    dropped: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class CorpusReport:
    """Everything report.json and report.html show."""

    documents: tuple[DocReport, ...]
    unpaired: tuple[str, ...]
    totals: Totals
    signature: str
    filters: str
    histograms: tuple[Histogram, ...]
    seconds: float = 0.0

    @staticmethod
    def build(
        docs: Sequence[DocReport],
        unpaired: Sequence[str],
        *,
        signature: str,
        filters: str,
        histograms: Sequence[Histogram],
    ) -> CorpusReport:
        dropped: Counter[str] = Counter()
        for d in docs:
            dropped.update(dict(d.dropped))
        status = Counter(d.status for d in docs)
        totals = Totals(
            documents=len(docs),
            ok=status["ok"],
            failed=status["failed"],
            skipped=status["skipped"],
            unpaired=len(unpaired),
            pairs=sum(d.pairs for d in docs),
            kept=sum(d.kept for d in docs),
            dropped=tuple(sorted(dropped.items())),
        )
        return CorpusReport(
            tuple(docs), tuple(unpaired), totals, signature, filters, tuple(histograms)
        )

    def with_seconds(self, seconds: float) -> CorpusReport:
        return dataclasses.replace(self, seconds=seconds)


def _num(v: float | None) -> float | None:
    return json_number(v)


def report_to_dict(r: CorpusReport) -> dict[str, Any]:
    """The JSON form (see the module docstring)."""
    t = r.totals
    return {
        "format": FORMAT,
        "version": VERSION,
        "signature": r.signature,
        "filters": r.filters,
        "seconds": r.seconds,
        "totals": {
            "documents": t.documents,
            "ok": t.ok,
            "failed": t.failed,
            "skipped": t.skipped,
            "unpaired": t.unpaired,
            "pairs": t.pairs,
            "kept": t.kept,
            "dropped": dict(t.dropped),
        },
        "documents": [
            {
                "id": d.id,
                "src": d.src,
                "tgt": d.tgt,
                "status": d.status,
                "error": d.error,
                "pairs": d.pairs,
                "kept": d.kept,
                "dropped": dict(d.dropped),
                "mean_confidence": _num(d.mean_confidence),
                "drift_score": _num(d.drift_score),
                "src_coverage": _num(d.src_coverage),
                "tgt_coverage": _num(d.tgt_coverage),
                "seconds": d.seconds,
            }
            for d in r.documents
        ],
        "unpaired": list(r.unpaired),
        "histograms": [
            {"name": x.name, "lo": x.lo, "hi": x.hi, "counts": list(x.counts)} for x in r.histograms
        ],
    }


def _fmt(v: float, digits: int = 2) -> str:
    return "–" if v is None or math.isnan(v) else f"{v:.{digits}f}"


def _svg_histogram(x: Histogram, width: int = 420, height: int = 140) -> Element:
    n = len(x.counts)
    top = max(x.counts) or 1
    bw = width / n
    bars = []
    for k, c in enumerate(x.counts):
        bh = round((height - 20) * c / top, 2)
        lo = x.lo + (x.hi - x.lo) * k / n
        bars.append(
            h(
                "rect",
                {
                    "class_": "bar",
                    "x": round(k * bw, 2),
                    "y": round(height - 16 - bh, 2),
                    "width": round(bw - 1, 2),
                    "height": bh,
                    "data_count": c,
                    "data_lo": round(lo, 4),
                },
                h("title", None, f"{lo:.2f}: {c}"),
            )
        )
    labels = [
        h("text", {"x": 0, "y": height - 2, "font-size": 11}, f"{x.lo:g}"),
        h("text", {"x": width - 24, "y": height - 2, "font-size": 11}, f"{x.hi:g}"),
    ]
    return h(
        "figure",
        None,
        h(
            "svg",
            {
                "class_": "hist",
                "data_name": x.name,
                "xmlns": "http://www.w3.org/2000/svg",
                "width": width,
                "height": height,
                "viewBox": f"0 0 {width} {height}",
                "role": "img",
            },
            bars,
            labels,
        ),
        h("figcaption", None, f"{x.name} of aligned pairs ({sum(x.counts)})"),
    )


def _doc_row(d: DocReport) -> Element:
    dropped = ", ".join(f"{r} {n}" for r, n in d.dropped) or "–"
    return h(
        "tr",
        {
            "class_": f"doc {d.status}",
            "data_doc": d.id,
            "data_status": d.status,
            "data_kept": d.kept,
            "data_dropped": sum(n for _, n in d.dropped),
        },
        h("td", None, d.id),
        h("td", None, d.status),
        h("td", {"class_": "n"}, d.pairs),
        h("td", {"class_": "n"}, d.kept),
        h("td", None, dropped),
        h("td", {"class_": "n"}, _fmt(d.mean_confidence)),
        h("td", {"class_": "n"}, _fmt(d.drift_score, 1)),
        h("td", {"class_": "n"}, f"{_fmt(d.src_coverage)} / {_fmt(d.tgt_coverage)}"),
        h("td", {"class_": "n"}, _fmt(d.seconds)),
        h("td", None, d.error),
    )


def render_html(r: CorpusReport) -> str:
    """The report page (self-contained, escaped by construction)."""
    t = r.totals
    failed = [d for d in r.documents if d.status == "failed"]
    summary = h(
        "table",
        {"class_": "summary", "id": "totals"},
        [
            h("tr", {"data_total": key}, h("th", None, key), h("td", {"class_": "n"}, value))
            for key, value in (
                ("documents", t.documents),
                ("ok", t.ok),
                ("skipped", t.skipped),
                ("failed", t.failed),
                ("unpaired", t.unpaired),
                ("pairs", t.pairs),
                ("kept", t.kept),
                *((f"dropped: {k}", n) for k, n in t.dropped),
                ("seconds", _fmt(r.seconds, 1)),
            )
        ],
    )
    head_cells = (
        "document", "status", "pairs", "kept", "dropped by reason",
        "mean conf.", "drift", "coverage src / tgt", "seconds", "error",
    )  # fmt: skip
    return html_document(
        f"bilingual corpus report: {t.kept} pairs from {t.documents} docs",
        _CSS,
        h(
            "body",
            None,
            h("h1", None, "Corpus report"),
            h("p", {"class_": "sig"}, r.signature),
            h("p", {"class_": "sig"}, "filters: ", r.filters),
            summary,
            h("h2", None, "Distributions"),
            h("div", {"class_": "hists"}, [_svg_histogram(x) for x in r.histograms]),
            h("h2", {"id": "failed"}, f"Failed documents ({len(failed)})"),
            h(
                "ul",
                {"class_": "failed"},
                [h("li", {"data_doc": d.id}, d.id, ": ", d.error) for d in failed],
            ),
            h("h2", {"id": "unpaired"}, f"Unpaired inputs ({len(r.unpaired)})"),
            h("ul", {"class_": "unpaired"}, [h("li", None, p) for p in r.unpaired]),
            h("h2", None, "Documents"),
            h(
                "table",
                {"class_": "docs"},
                h("thead", None, h("tr", None, [h("th", None, c) for c in head_cells])),
                h("tbody", None, [_doc_row(d) for d in r.documents]),
            ),
        ),
    )


def write_reports(r: CorpusReport, out_dir: Path) -> None:
    """report.json and report.html into ``out_dir``, each atomically."""
    text = json.dumps(report_to_dict(r), ensure_ascii=False, indent=1, allow_nan=False)
    write_text_atomic(out_dir / "report.json", text + "\n")
    write_text_atomic(out_dir / "report.html", render_html(r))
