"""Reports of ``bilingual score``: JSON for scripts and a text table for people."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bilingual.precision import json_number
from bilingual.score import MAX_TER_TOKENS, ScoreReport


def _num(x: float) -> float | None:
    return json_number(x)


def report_to_json(report: ScoreReport) -> str:
    """The report as JSON: ``{"corpus", "segments", "alignment", "signature"}``."""
    data = {
        "lang": report.lang,
        "corpus": {
            m.name: {"score": _num(m.score), "signature": m.signature, "formatted": m.formatted}
            | ({"skipped_long_pairs": report.ter_skipped} if m.name == "TER" else {})
            for m in report.corpus
        },
        "segments": [
            {
                "index": s.index,
                "hyp_ids": list(s.hyp_ids),
                "ref_ids": list(s.ref_ids),
                "bleu": _num(s.bleu),
                "chrf": _num(s.chrf),
                "ter": _num(s.ter),
                "hyp": s.hyp,
                "ref": s.ref,
            }
            for s in report.segments
        ],
        "alignment": {
            "aligned": report.aligned,
            "n_hyp": report.n_hyp,
            "n_ref": report.n_ref,
            "pairs": len(report.segments),
            "merged_hyp": report.merged_hyp,
            "merged_ref": report.merged_ref,
            "unmatched_hyp": report.unmatched_hyp,
            "unmatched_ref": report.unmatched_ref,
        },
        "signature": report.signature,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _ids(ids: Sequence[int]) -> str:
    return ",".join(str(i) for i in ids) if ids else "-"


def report_to_text(report: ScoreReport) -> str:
    """A plain-text report: corpus scores with signatures, alignment counts, segment table."""
    lines = [m.formatted + "  " + m.signature for m in report.corpus]
    if report.aligned:
        lines.append(
            f"aligned {report.n_hyp} hypothesis and {report.n_ref} reference segments into "
            f"{len(report.segments)} pairs: merged {report.merged_hyp} hyp / "
            f"{report.merged_ref} ref segments, unmatched {report.unmatched_hyp} hyp / "
            f"{report.unmatched_ref} ref"
        )
    else:
        lines.append(f"{len(report.segments)} segment pairs, scored line by line")
    if report.ter_skipped:
        lines.append(
            f"TER skipped for {report.ter_skipped} pair(s) longer than {MAX_TER_TOKENS} tokens"
        )
    lines.append("")
    lines.append("seg\thyp\tref\tBLEU\tchrF\tTER")
    for s in report.segments:
        lines.append(
            f"{s.index}\t{_ids(s.hyp_ids)}\t{_ids(s.ref_ids)}\t{s.bleu:.2f}\t"
            f"{s.chrf:.2f}\t{s.ter:.2f}"
        )
    lines.append(f"# {report.signature}")
    return "\n".join(lines) + "\n"
