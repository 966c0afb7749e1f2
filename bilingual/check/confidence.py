"""A calibrated ``confidence`` for every finding: the probability an expert confirms it.

The model (``models/finding_confidence.json``, card ``models/finding_confidence.md``, fitted
by ``models/train_confidence.py`` on the development split of mqm-wmt23-zhen) holds

- for each finding kind and the severity its check assigned (the check's own strength of
  evidence), the share of such findings that at least two of three expert raters confirmed
  (an error of a matching category on that segment), smoothed towards the kind's overall
  share and that towards the share of all findings;
- for the phrase channel (:mod:`bilingual.check.phrase`), the fitted omission/addition model
  and, per finding kind, a binned map from its probability to the share of the channel's own
  findings of that kind the raters confirmed (an omission finding is confirmed by omissions,
  an addition finding by additions: one map for both overrated additions and underrated
  omissions).

``calibrate`` sets ``confidence`` and then the severity from confidence and the kind's
impact (:func:`bilingual.check.rank.severity_for`), with the check's own severity as a
ceiling: the fit is on machine translation, where errors are far denser than in the human
translations most users check, so it may lower a hand-set severity (a kind raters seldom
confirm) but never raise one, and only where it saw at least ``MIN_SUPPORT`` such findings
(or fewer, so seldom confirmed that the upper end of the share's 95 % interval grades lower).
The phrase channel has no hand-set severity (its findings come
as ``error``, the model decides). The model file is read once per process.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources

from bilingual.check.phrase import PhraseModel
from bilingual.check.rank import severity_for
from bilingual.model import SEVERITIES, Finding

MODEL_FILE = "finding_confidence.json"
# a (kind, severity) measured on fewer findings keeps its hand-set severity (its confidence is
# still the smoothed estimate): too little evidence to overrule the check (a broken
# placeholder, which news never has, stays an error), unless even the upper end of the
# share's 95 % interval grades it lower (``upper_share``)
MIN_SUPPORT = 30
# confidences are shown to two decimals; more would claim a precision the fit has not
DIGITS = 2


@dataclass(frozen=True)
class ConfidenceModel:
    """The fitted tables (see the module docstring)."""

    # (kind, check severity) -> confirmed share
    table: tuple[tuple[str, str, float], ...]
    # (kind, check severity) -> findings the share was measured on
    support: tuple[tuple[str, str, int], ...]
    # check severity -> confirmed share over all kinds (kinds the fit has not seen)
    fallback: tuple[tuple[str, float], ...]
    # the phrase omission/addition model (bilingual.check.phrase)
    phrase: PhraseModel | None
    # (finding kind, upper bound of the phrase probability, confirmed share), ascending bounds
    # per kind; kind "" applies to every kind without bins of its own (older model files)
    phrase_bins: tuple[tuple[str, float, float], ...]
    signature: str

    def lookup(self, kind: str, severity: str) -> float:
        for k, s, p in self.table:
            if k == kind and s == severity:
                return p
        return dict(self.fallback).get(severity, 0.5)

    def measured_on(self, kind: str, severity: str) -> int:
        for k, s, n in self.support:
            if k == kind and s == severity:
                return n
        return 0

    def phrase_confidence(self, kind: str, probability: float) -> float | None:
        """The confirmed share of a phrase finding at ``probability``; None for a kind the
        fit gave no map (the raw probability is not calibrated: the caller falls back to the
        kind's table)."""
        bins = [(u, p) for k, u, p in self.phrase_bins if k == kind]
        bins = bins or [(u, p) for k, u, p in self.phrase_bins if k == ""]
        for upper, p in bins:
            if probability <= upper:
                return p
        return bins[-1][1] if bins else None


def _bins(data: dict | list) -> tuple[tuple[str, float, float], ...]:
    # {kind: [[upper, share], ...]}; a bare list (models before per-kind bins) for every kind
    by_kind = data if isinstance(data, dict) else {"": data}
    return tuple((k, float(u), float(p)) for k, rows in by_kind.items() for u, p in rows)


def _phrase(d: dict | None) -> PhraseModel | None:
    if not d:
        return None
    return PhraseModel(
        features=tuple(d["features"]),
        mean=tuple(d["mean"]),
        scale=tuple(d["scale"]),
        coef=tuple(d["coef"]),
        bias=float(d["bias"]),
    )


def parse_model(data: dict) -> ConfidenceModel:
    """The model from its JSON form (as written by models/train_confidence.py)."""
    return ConfidenceModel(
        table=tuple(
            (kind, sev, float(p)) for kind, by in data["table"].items() for sev, p in by.items()
        ),
        support=tuple(
            (key.split("/")[0], key.split("/")[1], int(n))
            for key, n in data.get("counts", {}).items()
        ),
        fallback=tuple((sev, float(p)) for sev, p in data["fallback"].items()),
        phrase=_phrase(data.get("phrase")),
        phrase_bins=_bins(data.get("phrase_bins", [])),
        signature=str(data.get("signature", "conf:?")),
    )


@functools.lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel:
    """The model shipped as bilingual/models/finding_confidence.json."""
    text = resources.files("bilingual.models").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return parse_model(json.loads(text))


def raw_confidence(f: Finding, model: ConfidenceModel) -> float:
    """The confirmed share for ``f`` as its check reported it (before re-grading)."""
    for e in f.evidence:
        if e.name == "phrase_probability" and e.value is not None:
            mapped = model.phrase_confidence(f.kind, e.value)
            if mapped is not None:
                return mapped
            break
    return model.lookup(f.kind, f.severity)


# z of the two-sided 95 % interval of a share measured on few findings
_Z = 1.96


def upper_share(share: float, n: int) -> float:
    """The upper end of the 95 % Wilson interval of a confirmed ``share`` seen on ``n``
    findings: the most the share can plausibly be."""
    z2 = _Z * _Z
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return min(1.0, centre + half)


def calibrate(findings: Sequence[Finding], model: ConfidenceModel) -> tuple[Finding, ...]:
    """``findings`` with ``confidence`` set and the severity re-graded from it."""
    out = []
    for f in findings:
        conf = round(raw_confidence(f, model), DIGITS)
        severity = f.severity
        phrase = any(e.name == "phrase_probability" for e in f.evidence)
        n = model.measured_on(f.kind, f.severity)
        if phrase or n >= MIN_SUPPORT:
            severity = min(severity_for(f.kind, conf), f.severity, key=SEVERITIES.index)
        elif n:
            # Few findings, but so few confirmed that even the optimistic end of the share
            # grades lower: that much evidence does overrule the check. The share is the
            # model's smoothed confidence (what the table stores), taken as if measured on the
            # n findings. With the shipped model this grades partial_addition/warning (21
            # findings, share .06) and typography/warning (15, share .40) down to info
            # (BENCHMARKS.md, "Issue 20, round 4": kept as warnings, the former added 15 clean
            # Bible and 28 MAC-Dev warnings to bench_drift).
            optimistic = upper_share(conf, n)
            severity = min(severity_for(f.kind, optimistic), f.severity, key=SEVERITIES.index)
        out.append(replace(f, confidence=conf, severity=severity))
    return tuple(out)
