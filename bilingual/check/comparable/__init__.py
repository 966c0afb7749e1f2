"""Comparable versions: two texts about the same thing written separately, not translated.

Forcing such a pair into sentence beads produces findings about the forcing, not the texts.
Instead (``check --mode comparable``, or ``auto`` when :mod:`.mode` says the alignment is not
a translation's): each side is cut into claims (:mod:`.claims`), each claim finds its best
support anywhere on the other side (:mod:`.support`), unsupported claims are ranked by what an
editor checks first (:mod:`.salience`), and quantities of the same kind that disagree are
linked into one contradiction naming every place (:mod:`.contradictions`). :mod:`.findings`
turns that into the report's findings; the analysis itself travels on ``CheckReport.comparable``
for the HTML diff view and the JSON ``comparable`` block.
"""

from __future__ import annotations

import logging

from bilingual.check.comparable.analyse import compare_alignment
from bilingual.check.comparable.findings import comparable_findings
from bilingual.check.comparable.mode import decide_mode
from bilingual.check.context import CheckContext
from bilingual.model import CheckReport, Finding, ModeDecision

log = logging.getLogger(__name__)

__all__ = ["check_comparable", "compare_alignment", "decide_mode"]

MODES = ("auto", "translation", "comparable")


def check_comparable(
    ctx: CheckContext, requested: str, signature: str
) -> tuple[ModeDecision | None, CheckReport | None]:
    """The mode decision and, in comparable mode, the report of ``ctx``. The report is None
    when the pair is checked as a translation (``auto`` decided so); the decision is None too
    when no encoder is configured to compare claims with. ``signature`` is the check's own
    (alignment, check version, settings); the mode and the analysis are added to it."""
    from bilingual.check.format import format_checks
    from bilingual.check.summary import summarise

    if ctx.config.encoder is None:
        log.warning("comparable mode needs a sentence encoder; checking as a translation.")
        return None, None
    decision = decide_mode(ctx, requested)
    log.info("%s", decision.reason)
    if decision.mode != "comparable":
        return decision, None
    analysis = compare_alignment(ctx.alignment, ctx.config.encoder)
    findings: list[Finding] = comparable_findings(analysis, ctx.alignment)
    # typography is about one side's own text, whatever the other side says
    findings += [f for f in format_checks(ctx) if f.kind == "typography"]
    findings = [f for f in findings if f.kind in ctx.config.kinds]
    summary = summarise(ctx, findings)
    signature = "|".join([signature, "mode:comparable", analysis.signature])
    return decision, CheckReport(
        ctx.alignment, tuple(findings), summary, signature, decision, analysis
    )
