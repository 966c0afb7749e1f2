"""The reviewer's spreadsheet: one row per finding, both texts, evidence and severity.

The ``Findings`` sheet has a bold frozen header row and an autofilter over every column, so a
reviewer can sort and filter by severity, kind or unit in any spreadsheet program; the
uncovered or broken part of a finding (its span) has a column of its own. A second sheet,
``Summary``, holds the drift summary and the signature saying how the report was made.
"""

from __future__ import annotations

import io

from bilingual.errors import DependencyError
from bilingual.extras import install_command
from bilingual.model import CheckReport, Evidence, Finding

__all__ = ["COLUMNS", "render_xlsx"]

COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 6),
    ("severity", 10),
    ("confidence", 11),
    ("kind", 22),
    ("check", 18),
    ("level", 10),
    ("count", 7),
    ("unit", 16),
    ("src ids", 9),
    ("tgt ids", 9),
    ("source", 60),
    ("target", 45),
    ("span", 30),
    ("message", 60),
    ("evidence", 50),
)
_FILL = {"error": "FDECEA", "warning": "FFF6E0", "info": "EEF5FD"}
# Spreadsheet programs treat text starting with these as a formula: quote it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n" or ord(c) >= 32)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _evidence(ev: tuple[Evidence, ...]) -> str:
    parts = []
    for e in ev:
        p = e.name
        if e.src:
            p += " src [" + ", ".join(e.src) + "]"
        if e.tgt:
            p += " tgt [" + ", ".join(e.tgt) + "]"
        if e.value is not None:
            p += f" = {e.value:.3f}"
        parts.append(p)
    return "; ".join(parts)


def _row(n: int, f: Finding) -> list[object]:
    check = f.evidence[0].name if f.evidence else ""
    return [
        n,
        f.severity,
        f.confidence,
        f.kind,
        check,
        f.level,
        f.count,
        ", ".join(f.units),
        " ".join(map(str, f.src_ids)),
        " ".join(map(str, f.tgt_ids)),
        _cell(f.src_text),
        _cell(f.tgt_text),
        _cell(" | ".join(f"{s.side}:{s.segment}[{s.start}:{s.end}] {s.text}" for s in f.spans)),
        _cell(f.message),
        _cell(_evidence(f.evidence)),
    ]


def render_xlsx(report: CheckReport) -> bytes:
    """The report as an XLSX workbook (bytes)."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as e:
        raise DependencyError(
            f"--format xlsx needs openpyxl; run: {install_command('formats')}"
        ) from e
    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    sheet.append([name for name, _ in COLUMNS])
    for k, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(k)].width = width
        sheet.cell(row=1, column=k).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, f in enumerate(report.findings, 1):
        sheet.append(_row(n, f))
        fill = PatternFill("solid", fgColor=_FILL[f.severity])
        for k in range(1, len(COLUMNS) + 1):
            c = sheet.cell(row=n + 1, column=k)
            c.alignment = wrap
            if k == 2:
                c.fill = fill
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(report.findings) + 1}"
    sheet.freeze_panes = "A2"
    summary = book.create_sheet("Summary")
    a, s = report.alignment, report.summary
    rows: list[tuple[str, object]] = [
        ("source", a.src.document.name),
        ("target", a.tgt.document.name),
        ("drift score", s.drift_score),
        ("source coverage", s.src_coverage),
        ("target coverage", s.tgt_coverage),
        ("beads", s.n_beads),
        ("findings", len(report.findings)),
        *((f"findings: {k}", v) for k, v in s.counts_by_severity),
        *((f"kind: {k}", v) for k, v in s.counts_by_kind),
        ("signature", report.signature),
    ]
    for name, value in rows:
        summary.append([name, _cell(value) if isinstance(value, str) else value])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
