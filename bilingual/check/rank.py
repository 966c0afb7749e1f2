"""What a reviewer reads first: severity from confidence, ranking, grouping, conventions.

Pure functions over Finding objects (the comparable-text mode calls them too):

- ``severity_for(kind, confidence)``: the severity follows from the *risk*
  ``confidence × impact`` (how likely an expert confirms it × how much a confirmed one
  costs the reader; each kind's impact is in the finding-kind registry, ``check/kinds.py``).
  Cut points: risk ≥ ``ERROR_RISK`` is an error, ≥ ``WARNING_RISK`` a warning, anything
  lower information. Chosen on the development split of
  mqm-wmt23-zhen so that at most 5 % of the segments all three raters found clean carry a
  warning (BENCHMARKS.md, issue 20).
- ``group``: one finding per place (level, segments), kind and sub-kind with a ``count``
  instead of one per comma; its spans are all the places'.
- ``conventions``: a width or quote style the whole document follows (half-width commas on the
  Chinese side, straight quotes) becomes one document-level note; when the document mixes
  styles the exceptions stay.
- ``without_chrome``: no typography or punctuation findings on page chrome (short UI labels,
  tag lines, "Share:" buttons): they are not sentences.
- ``rank``: most important first: severity, then confidence, then document order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bilingual.check.kinds import impact
from bilingual.lang.script import HAN_CLASS
from bilingual.model import SEVERITIES, Evidence, Finding, FindingKind, Severity

WARNING_RISK = 0.25
ERROR_RISK = 0.5

# sub-kinds of punctuation/typography that follow a house style rather than slips
CONVENTION_CHECKS = frozenset({"width"})
# a style followed in this share of the places it could show is the document's convention
CONVENTION_SHARE = 0.8
# the fewest places before a style counts as a convention (two commas are no house style)
CONVENTION_MIN = 3
_CHROME_KINDS = frozenset({"typography", "punctuation_mismatch"})
_WORD = re.compile(f"[A-Za-z0-9]+|[{HAN_CLASS}]")
_PROSE_MARK = re.compile(r"[,.;!?，。；！？、]")
CHROME_WORDS = 12


def severity_for(kind: str, confidence: float) -> Severity:
    """The severity of a finding of ``kind`` an expert confirms with ``confidence``."""
    risk = confidence * impact(kind)
    if risk >= ERROR_RISK:
        return "error"
    if risk >= WARNING_RISK:
        return "warning"
    return "info"


def importance(f: Finding) -> tuple[int, float, int, int]:
    """Sort key, most important first: severity, confidence, then document position."""
    first = min([*f.src_ids, *f.tgt_ids], default=-1)
    conf = f.confidence if f.confidence is not None else 0.0
    return (-SEVERITIES.index(f.severity), -conf, 0 if f.level == "paragraph" else 1, first)


def rank(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """``findings`` most important first (a stable sort: ties keep their order)."""
    return tuple(sorted(findings, key=importance))


def sub_kind(f: Finding) -> str:
    """The test inside a kind that found ``f`` (its first evidence's name), e.g. ``width``."""
    return f.evidence[0].name if f.evidence else ""


def group(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """One finding per place, kind and sub-kind of the style kinds, with ``count`` and spans.

    Only punctuation and typography repeat per character; other kinds already report a
    place once. The first finding of a group keeps its message, with the count added.
    """
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    order: list[tuple] = []
    for k, f in enumerate(findings):
        if f.kind in _CHROME_KINDS:
            key: tuple = (f.kind, sub_kind(f), f.level, f.src_ids, f.tgt_ids, f.severity)
        else:
            key = ("#", k)
        if key not in groups:
            order.append(key)
        groups[key].append(f)
    out = []
    for key in order:
        fs = groups[key]
        if len(fs) == 1:
            out.append(fs[0])
            continue
        n = sum(f.count for f in fs)
        first = fs[0]
        out.append(
            replace(
                first,
                message=f"{first.message} (×{n} in this segment)",
                spans=tuple(s for f in fs for s in f.spans),
                count=n,
            )
        )
    return tuple(out)


def conventions(
    findings: Sequence[Finding], places: dict[str, int]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(notes, the rest): a style followed across the document becomes one note.

    ``places[side]`` is the number of segments on that side where the style could show
    (segments with punctuation). When the findings of one convention sub-kind cover at least
    ``CONVENTION_SHARE`` of them, the document follows that style: one information note
    replaces them. Otherwise the document mixes styles and the findings (the exceptions) stay.
    """
    by_side: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind == "punctuation_mismatch" and sub_kind(f) in CONVENTION_CHECKS:
            side = "src" if f.spans and f.spans[0].side == "src" else "tgt"
            by_side[(side, sub_kind(f))].append(f)
    notes: list[Finding] = []
    dropped: set[int] = set()
    for (side, check), fs in sorted(by_side.items()):
        segs = {i for f in fs for i in (f.src_ids if side == "src" else f.tgt_ids)}
        total = places.get(side, 0)
        if len(segs) < CONVENTION_MIN or not total or len(segs) / total < CONVENTION_SHARE:
            continue
        n = sum(f.count for f in fs)
        where = "source" if side == "src" else "target"
        marks = sorted({s.text for f in fs for s in f.spans})
        notes.append(
            Finding(
                kind="punctuation_mismatch",
                severity="info",
                src_ids=(),
                tgt_ids=(),
                level=fs[0].level,
                src_text="",
                tgt_text="",
                message=(
                    f"the {where} uses {check} style {' '.join(marks)} throughout "
                    f"({n} places in {len(segs)} of {total} segments): a house style, "
                    "reported once"
                ),
                evidence=(
                    Evidence(
                        f"{check}_convention",
                        tuple(marks) if side == "src" else (),
                        tuple(marks) if side == "tgt" else (),
                        float(len(segs) / total),
                    ),
                ),
                confidence=fs[0].confidence,
                count=n,
            )
        )
        dropped.update(id(f) for f in fs)
    return tuple(notes), tuple(f for f in findings if id(f) not in dropped)


def is_chrome(text: str) -> bool:
    """Page chrome rather than prose: a label, a button, a tag line, a dateline.

    No sentence punctuation inside or at the end (a colon after a label is allowed) and at
    most ``CHROME_WORDS`` words (a Han character counts as half a word): "Share:",
    "开源 闭源 大模型 编程", "AI News 2d ago Updated 19h ago".
    """
    t = text.strip()
    if not t:
        return True
    if _PROSE_MARK.search(t):
        return False
    words = _WORD.findall(t)
    latin = sum(1 for w in words if w.isascii())
    han = len(words) - latin
    if latin + han / 2 <= CHROME_WORDS:
        return True
    # a Chinese tag line: short items separated by spaces (Chinese prose has no spaces)
    items = t.split()
    return han > 0 and len(items) >= 4 and max(len(i) for i in items) <= 6


def _on_chrome(f: Finding) -> bool:
    if f.kind not in _CHROME_KINDS:
        return False
    sides = {s.side for s in f.spans}
    if sides == {"src"}:
        return is_chrome(f.src_text)
    if sides == {"tgt"}:
        return is_chrome(f.tgt_text)
    return is_chrome(f.src_text) and is_chrome(f.tgt_text)


def without_chrome(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """``findings`` without punctuation and typography on page chrome (the span's side)."""
    return tuple(f for f in findings if not _on_chrome(f))


def document_places(texts: Iterable[str]) -> int:
    """Segments that hold punctuation (where a width or quote style can show)."""
    return sum(1 for t in texts if re.search(r"[,.;:!?\"'，。；：！？“”‘’]", t))


def kinds_in(findings: Iterable[Finding]) -> tuple[FindingKind, ...]:
    """The kinds present, in first-seen order (for summaries of a ranked list)."""
    return tuple(dict.fromkeys(f.kind for f in findings))
