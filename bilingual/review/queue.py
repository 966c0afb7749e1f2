"""Doubt: how likely each bead is wrong, so the reviewer sees the worst ones first.

``doubt`` adds up, per bead (each term in [0, 1], weights chosen by hand, not fitted):

- ``1 - score`` (a hand-edited bead with no score counts 0.5);
- the worst finding's severity (error 1, warning 0.6, info 0.25), plus 0.1 per further finding;
- 0.5 for an omission/addition bead (one side empty), 0.2 for any other non-1:1 bead;
- an unusual length ratio: the robust z-score of ``log(tgt chars / src chars)`` against the
  document's 1:1 beads, as ``min(|z| / 6, 1) * 0.5``.

Confirmed beads have doubt 0 and are left out of the queue. Page chrome (a bead whose every
side is a short fragment without a sentence ending: "Share:", "Subscribe", "分享：") goes to the
end of the queue whatever its doubt: it is low-confidence by nature and worth nothing to review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from bilingual.lang.script import HAN
from bilingual.model import Finding
from bilingual.precision import rounded
from bilingual.review.state import ReviewState

SEVERITY_WEIGHT = {"info": 0.25, "warning": 0.6, "error": 1.0}


def _spans(state: ReviewState, side: str) -> tuple[np.ndarray, np.ndarray]:
    """First segment id and segment count of each bead on ``side`` (ids are contiguous)."""
    ids = [b.src if side == "src" else b.tgt for b in state.beads]
    first = np.array([x[0] if x else 0 for x in ids], dtype=np.int64)
    count = np.array([len(x) for x in ids], dtype=np.int64)
    return first, count


def bead_of_segments(state: ReviewState) -> tuple[np.ndarray, np.ndarray]:
    """For each source and each target segment, the index of the bead holding it."""
    beads = np.arange(len(state.beads), dtype=np.int64)
    _, src_count = _spans(state, "src")
    _, tgt_count = _spans(state, "tgt")
    return np.repeat(beads, src_count), np.repeat(beads, tgt_count)


def findings_by_bead(state: ReviewState, findings: Sequence[Finding]) -> list[list[int]]:
    """For each bead, the indices into ``findings`` of those about its segments.

    Findings name segment ids, which edits never change, so findings computed for an older
    version still land on the bead that now holds their first segment. Paragraph-level
    findings go to the first bead holding a sentence of their first paragraph.
    """
    out: list[list[int]] = [[] for _ in state.beads]
    if not findings:
        return out
    src_of, tgt_of = bead_of_segments(state)
    first_of_par: dict[tuple[str, int], int] = {}
    if any(f.level == "paragraph" for f in findings):
        for side, seg in (("src", state.base.src), ("tgt", state.base.tgt)):
            where = src_of if side == "src" else tgt_of
            for s in reversed(seg.segments):
                first_of_par[(side, s.paragraph)] = int(where[s.index])
    for n, f in enumerate(findings):
        bead: int | None = None
        if f.level == "paragraph" and state.base.level == "sentence":
            if f.src_ids:
                bead = first_of_par.get(("src", f.src_ids[0]))
            elif f.tgt_ids:
                bead = first_of_par.get(("tgt", f.tgt_ids[0]))
        elif f.src_ids and f.src_ids[0] < len(src_of):
            bead = int(src_of[f.src_ids[0]])
        elif f.tgt_ids and f.tgt_ids[0] < len(tgt_of):
            bead = int(tgt_of[f.tgt_ids[0]])
        if bead is not None:
            out[bead].append(n)
    return out


def _chars(state: ReviewState, side: str, first: np.ndarray, count: np.ndarray) -> np.ndarray:
    seg = state.base.src if side == "src" else state.base.tgt
    lengths = np.array([len(s.text) for s in seg.segments], dtype=np.float64)
    cum = np.concatenate([[0.0], np.cumsum(lengths)])
    return cum[first + count] - cum[first]


def doubt(
    state: ReviewState, findings: Sequence[Finding], per_bead: Sequence[Sequence[int]]
) -> np.ndarray:
    """The doubt of every bead (see the module docstring); 0 for confirmed beads."""
    n = len(state.beads)
    if n == 0:
        return np.zeros(0)
    # The score as the save file keeps it, so a resumed review ranks beads exactly as before.
    score = np.array([rounded(b.bead.score) for b in state.beads], dtype=np.float64)
    d = np.where(np.isnan(score), 0.5, 1.0 - score)
    sev = np.zeros(n)
    for k, found in enumerate(per_bead):
        if found:
            weights = [SEVERITY_WEIGHT[findings[i].severity] for i in found]
            sev[k] = max(weights) + 0.1 * (len(weights) - 1)
    d += sev
    s_first, n_src = _spans(state, "src")
    t_first, n_tgt = _spans(state, "tgt")
    one_sided = (n_src == 0) | (n_tgt == 0)
    d += np.where(one_sided, 0.5, np.where((n_src != 1) | (n_tgt != 1), 0.2, 0.0))
    s_chars = _chars(state, "src", s_first, n_src)
    t_chars = _chars(state, "tgt", t_first, n_tgt)
    ok = (s_chars > 0) & (t_chars > 0)
    ratios = np.full(n, np.nan)
    ratios[ok] = np.log(t_chars[ok] / s_chars[ok])
    ref = ratios[(n_src == 1) & (n_tgt == 1) & ok]
    if len(ref) >= 5:
        med = float(np.median(ref))
        mad = max(float(np.median(np.abs(ref - med))) * 1.4826, 0.1)
        z = np.where(ok, np.abs(np.nan_to_num(ratios) - med) / mad, 0.0)
        d += np.minimum(z / 6.0, 1.0) * 0.5
    confirmed = np.array([b.status == "confirmed" for b in state.beads])
    d[confirmed] = 0.0
    return d


# A fragment is chrome when it has at most this many words (Latin) or Han characters, and no
# sentence ending: navigation, share buttons, labels. Headlines have more words, sentences end.
CHROME_MAX_WORDS = 3
CHROME_MAX_HAN = 6
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)）」』]*\s*$")


def is_chrome(text: str) -> bool:
    """A short fragment without a sentence ending (see :data:`CHROME_MAX_WORDS`)."""
    if _SENTENCE_END.search(text):
        return False
    han = len(HAN.findall(text))
    words = len(_WORD.findall(HAN.sub(" ", text)))
    return han <= CHROME_MAX_HAN and words <= CHROME_MAX_WORDS and han + words > 0


def page_chrome(state: ReviewState) -> np.ndarray:
    """For each bead, whether every non-empty side is page chrome (sinks in the queue)."""
    src, tgt = state.base.src.segments, state.base.tgt.segments
    out = np.zeros(len(state.beads), dtype=bool)
    for k, b in enumerate(state.beads):
        sides = [" ".join(src[i].text for i in b.src), " ".join(tgt[j].text for j in b.tgt)]
        sides = [t for t in sides if t.strip()]
        out[k] = bool(sides) and all(is_chrome(t) for t in sides)
    return out


def queue_order(
    state: ReviewState, doubts: np.ndarray, chrome: np.ndarray | None = None
) -> list[int]:
    """Unconfirmed bead ids, most doubtful first (ties in document order), chrome last."""
    ids = [k for k, b in enumerate(state.beads) if b.status != "confirmed"]
    sink = chrome if chrome is not None else np.zeros(len(state.beads), dtype=bool)
    return sorted(ids, key=lambda k: (bool(sink[k]), -float(doubts[k]), k))
