"""The JSON form of a report: ``{"summary": {...}, "findings": [...], "signature": "..."}``.

Findings come most important first (severity, then confidence: bilingual.check.rank); each
has its calibrated ``confidence`` (two decimals) and the ``count`` of places it stands for.

The schema is ``bilingual/check/schema.json`` (JSON Schema 2020-12); ``report_schema()``
returns it. Numbers that are unknown (a mean similarity with no paired bead) are ``null``.
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources
from typing import Any

from bilingual.model import CheckReport, DriftSummary, Evidence, Finding, Span
from bilingual.precision import json_number


def _num(x: float | None) -> float | None:
    # Rounded to what users read, so the report's bytes do not move with BLAS or numpy.
    return json_number(x)


def summary_to_dict(s: DriftSummary) -> dict[str, Any]:
    return {
        "src_coverage": _num(s.src_coverage),
        "tgt_coverage": _num(s.tgt_coverage),
        "mean_similarity": _num(s.mean_similarity),
        "counts_by_kind": dict(s.counts_by_kind),
        "counts_by_severity": dict(s.counts_by_severity),
        "drift_score": _num(s.drift_score),
        "n_beads": s.n_beads,
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"name": e.name, "src": list(e.src), "tgt": list(e.tgt), "value": _num(e.value)}


def _span(s: Span) -> dict[str, Any]:
    return {"side": s.side, "segment": s.segment, "start": s.start, "end": s.end, "text": s.text}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "severity": f.severity,
        "level": f.level,
        "src_ids": list(f.src_ids),
        "tgt_ids": list(f.tgt_ids),
        "src_text": f.src_text,
        "tgt_text": f.tgt_text,
        "message": f.message,
        "evidence": [_evidence(e) for e in f.evidence],
        "spans": [_span(s) for s in f.spans],
        "units": list(f.units),
        "confidence": _num(f.confidence),
        "count": f.count,
    }


def report_to_dict(report: CheckReport) -> dict[str, Any]:
    out = {
        "summary": summary_to_dict(report.summary),
        "findings": [finding_to_dict(f) for f in report.findings],
        "signature": report.signature,
    }
    # the mode and the claim analysis appear when the check decided on a mode (check --mode)
    if report.mode is not None or report.comparable is not None:
        from bilingual.check.comparable.serialise import analysis_to_dict, mode_to_dict

        if report.mode is not None:
            out["mode"] = mode_to_dict(report.mode)
        if report.comparable is not None:
            out["comparable"] = analysis_to_dict(report.comparable)
    return out


def report_to_json(report: CheckReport, *, indent: int | None = 2) -> str:
    """Serialise ``report`` (UTF-8 text, non-ASCII kept as is, newline at the end)."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema that ``report_to_json`` output follows.

    The shipped file leaves the kind lists empty: the finding-kind enum and the per-kind
    counts are filled here from the registry, so a new kind needs no schema edit.
    """
    from bilingual.check.kinds import kinds  # the registry is filled when check is imported

    return copy.deepcopy(_schema_for(tuple(k.name for k in kinds())))


@functools.lru_cache(maxsize=4)
def _schema_for(names: tuple[str, ...]) -> dict[str, Any]:
    text = resources.files("bilingual.check").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    schema["properties"]["findings"]["items"]["properties"]["kind"]["enum"] = list(names)
    counts = schema["properties"]["summary"]["properties"]["counts_by_kind"]
    counts["properties"] = {k: {"type": "integer", "minimum": 0} for k in names}
    counts["required"] = list(names)
    return schema
