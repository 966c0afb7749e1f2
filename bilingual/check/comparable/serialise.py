"""The comparable analysis and the mode decision as plain JSON values (schema.json)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bilingual.model import Claim, ComparableAnalysis, Contradiction, Mention, ModeDecision


def mode_to_dict(m: ModeDecision) -> dict[str, Any]:
    return asdict(m)


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "index": c.index,
        "segment": c.segment,
        "paragraph": c.paragraph,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "support": c.support,
        "similarity": c.similarity,
        "competition": c.competition,
        "lexical": c.lexical,
        "support_ids": list(c.support_ids),
        "weight": c.weight,
        "features": list(c.features),
    }


def _mention(m: Mention) -> dict[str, Any]:
    return {
        "claim": m.claim,
        "segment": m.segment,
        "paragraph": m.paragraph,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "value": m.value,
        "low": m.low,
        "high": m.high,
        "unit": m.unit,
    }


def _contradiction(x: Contradiction) -> dict[str, Any]:
    return {
        "id": x.id,
        "kind": x.kind,
        "unit": x.unit,
        "message": x.message,
        "src": [_mention(m) for m in x.src],
        "tgt": [_mention(m) for m in x.tgt],
    }


def analysis_to_dict(a: ComparableAnalysis) -> dict[str, Any]:
    return {
        "src_claims": [_claim(c) for c in a.src_claims],
        "tgt_claims": [_claim(c) for c in a.tgt_claims],
        "contradictions": [_contradiction(x) for x in a.contradictions],
        "signature": a.signature,
    }
