"""The comparable analysis and the mode decision as plain JSON values (schema.json).

Floats go through ``bilingual.precision.json_number`` like every other report number."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bilingual.model import (
    Claim,
    ComparableAnalysis,
    Contradiction,
    Mention,
    ModeDecision,
    RewrittenPair,
)
from bilingual.precision import json_number


def mode_to_dict(m: ModeDecision) -> dict[str, Any]:
    return {k: json_number(v) if isinstance(v, float) else v for k, v in asdict(m).items()}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "index": c.index,
        "segment": c.segment,
        "paragraph": c.paragraph,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "support": json_number(c.support),
        "similarity": json_number(c.similarity),
        "competition": json_number(c.competition),
        "lexical": json_number(c.lexical),
        "unlinked": json_number(c.unlinked),
        "unlinked_run": c.unlinked_run,
        "content_words": c.content_words,
        "missing_numbers": c.missing_numbers,
        "claimed": json_number(c.claimed),
        "support_ids": list(c.support_ids),
        "weight": json_number(c.weight),
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
        "value": json_number(m.value),
        "low": json_number(m.low),
        "high": json_number(m.high),
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


def _rewritten(x: RewrittenPair) -> dict[str, Any]:
    return {"src": x.src, "tgt": x.tgt, "similarity": json_number(x.similarity)}


def analysis_to_dict(a: ComparableAnalysis) -> dict[str, Any]:
    return {
        "src_claims": [_claim(c) for c in a.src_claims],
        "tgt_claims": [_claim(c) for c in a.tgt_claims],
        "contradictions": [_contradiction(x) for x in a.contradictions],
        "rewritten": [_rewritten(x) for x in a.rewritten],
        "signature": a.signature,
    }
