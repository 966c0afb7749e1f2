"""The style sheet of the check report page (inline: the page loads nothing)."""

from __future__ import annotations

from bilingual.report._markup import Trusted

PAGE_CSS = Trusted(
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
