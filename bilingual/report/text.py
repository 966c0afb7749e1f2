"""The terminal form of a report: a summary and a rich table of findings."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from bilingual.model import CheckReport, Finding

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}

# Control characters of checked text (ESC starts colour codes and cursor moves; C1 controls act
# like ESC on some terminals) are shown as \xNN: the report shows text, it never drives the
# terminal. Tab and newline stay.
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n"}


def visible(text: str) -> str:
    """``text`` with terminal control characters written out as ``\\xNN``."""
    return text.translate(_VISIBLE)


def _where(ids: tuple[int, ...]) -> str:
    if not ids:
        return "–"
    return str(ids[0]) if len(ids) == 1 else f"{ids[0]}–{ids[-1]}"


# findings on the first screen; the rest is counted and shown with ``--all``
FIRST_SCREEN = 10
# How to read the score, in one line (README "How to read the numbers" has the measurements).
READING_GUIDE = (
    "reading it: 0 = same content, 100 = unrelated; professional translations score ~20-25, "
    "separately written versions ~80"
)


def _print_summary(console: Console, report: CheckReport) -> None:
    """The lines above the findings: documents, drift score, counts, mode, claims."""
    from rich.text import Text

    s = report.summary
    a = report.alignment
    console.print(
        Text(
            visible(
                f"{a.src.document.name} ({a.src.document.lang}) ↔ "
                f"{a.tgt.document.name} ({a.tgt.document.lang}): {s.n_beads} beads"
            ),
            style="bold",
        )
    )
    sim = "n/a" if s.mean_similarity != s.mean_similarity else f"{s.mean_similarity:.2f}"
    console.print(
        f"drift score {s.drift_score:.1f}/100 · coverage source {s.src_coverage:.0%}, "
        f"target {s.tgt_coverage:.0%} · mean similarity {sim}"
    )
    console.print(READING_GUIDE, style="dim")
    sev = ", ".join(f"{n} {k}" for k, n in reversed(s.counts_by_severity))
    kinds = ", ".join(f"{k} {n}" for k, n in s.counts_by_kind if n)
    console.print(f"findings: {sev}" + (f" ({kinds})" if kinds else ""))
    if report.mode is not None:
        console.print(Text(f"mode: {report.mode.reason}", style="bold"))
    if report.comparable is not None:
        from bilingual.check.comparable.findings import UNSUPPORTED

        c = report.comparable
        sides = []
        for doc, claims in ((a.src.document, c.src_claims), (a.tgt.document, c.tgt_claims)):
            said = sum(x.support >= UNSUPPORTED for x in claims)
            sides.append(f"{doc.lang} {len(claims)} ({said} said on the other side)")
        console.print(f"claims: {', '.join(sides)} · contradictions: {len(c.contradictions)}")


def _findings_table(shown: list[Finding]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("level", no_wrap=True)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("tgt", justify="right", no_wrap=True)
    table.add_column("message", ratio=1, overflow="fold")
    for i, f in enumerate(shown, 1):
        table.add_row(
            str(i),
            Text(f.severity, style=_STYLE[f.severity]),
            "–" if f.confidence is None else f"{f.confidence:.2f}",
            f.kind,
            f.level[:4],
            _where(f.src_ids),
            _where(f.tgt_ids),
            Text(visible((f"[{', '.join(f.units)}] " if f.units else "") + f.message)),
        )
    return table


def render_text(
    report: CheckReport,
    *,
    width: int = 120,
    color: bool = False,
    min_severity: str = "info",
    limit: int | None = FIRST_SCREEN,
) -> str:
    """A readable report: summary lines, then the findings most important first.

    The report's findings are ranked (bilingual.check.rank); ``limit`` of them are listed
    and a last line says how many more there are (``None``: all).
    """
    from rich.console import Console
    from rich.text import Text

    order = ("info", "warning", "error")
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
    )
    _print_summary(console, report)
    eligible = [f for f in report.findings if order.index(f.severity) >= order.index(min_severity)]
    shown = eligible if limit is None else eligible[:limit]
    if shown:
        console.print(_findings_table(shown))
        if len(eligible) > len(shown):
            more = len(eligible) - len(shown)
            console.print(
                f"… {more} more finding{'s' if more != 1 else ''} "
                "(most important first; --all lists them all)"
            )
    else:
        console.print("no findings.")
    console.print(Text(visible(f"signature: {report.signature}"), style="dim"))
    return buf.getvalue()
