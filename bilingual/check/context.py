"""What every check reads: the beads with their texts, similarities and segment vectors."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.check.config import CheckConfig
from bilingual.encode.memo import encode_cached
from bilingual.finding_kinds import check_kind
from bilingual.lang import is_cjk, joiner
from bilingual.model import (
    Alignment,
    Bead,
    Evidence,
    Finding,
    FindingKind,
    Level,
    Segmentation,
    Severity,
)

log = logging.getLogger(__name__)

__all__ = [
    "BeadView",
    "CheckContext",
    "build_context",
    "encode_cached",
    "finding",
    "is_cjk",
    "joiner",
    "short",
]


@dataclass(frozen=True)
class BeadView:
    """One bead with the text of each side, joined the way its language writes."""

    index: int
    bead: Bead
    src_text: str
    tgt_text: str
    level: Level

    @property
    def is_pair(self) -> bool:
        return bool(self.bead.src) and bool(self.bead.tgt)


@dataclass(frozen=True, eq=False)
class CheckContext:
    """Everything the checks share, computed once per report.

    ``similarity[i]`` is the cosine of bead ``i``'s two sides (NaN when a side is empty or no
    encoder is available); ``src_vectors``/``tgt_vectors`` hold one row per segment or are
    None when no encoder was used.
    """

    alignment: Alignment
    config: CheckConfig
    beads: tuple[BeadView, ...]
    paragraphs: tuple[BeadView, ...]
    similarity: np.ndarray
    src_vectors: np.ndarray | None
    tgt_vectors: np.ndarray | None

    @property
    def src_lang(self) -> str:
        return self.alignment.src.document.lang

    @property
    def tgt_lang(self) -> str:
        return self.alignment.tgt.document.lang

    def encode(self, texts: Sequence[str]) -> np.ndarray | None:
        """Vectors of ``texts`` with the configured encoder, or None without one."""
        if self.config.encoder is None:
            return None
        return encode_cached(self.config.encoder, texts)


_SIMILARITY_SLICE = 8192


def _paragraph_text(seg: Segmentation, paragraph: int, sep: str) -> str:
    return sep.join(s.text for s in seg.segments if s.paragraph == paragraph)


def build_context(alignment: Alignment, config: CheckConfig) -> CheckContext:
    """Join the texts of each bead and fill in missing similarities with the encoder."""
    ssep, tsep = joiner(alignment.src.document.lang), joiner(alignment.tgt.document.lang)
    src_segs, tgt_segs = alignment.src.segments, alignment.tgt.segments
    views = tuple(
        BeadView(
            index=i,
            bead=b,
            src_text=ssep.join(src_segs[k].text for k in b.src),
            tgt_text=tsep.join(tgt_segs[k].text for k in b.tgt),
            level=b.level,
        )
        for i, b in enumerate(alignment.beads)
    )
    paragraphs: tuple[BeadView, ...] = ()
    if alignment.paragraph_beads and alignment.level == "sentence":
        paragraphs = tuple(
            BeadView(
                index=i,
                bead=b,
                src_text=ssep.join(_paragraph_text(alignment.src, p, ssep) for p in b.src),
                tgt_text=tsep.join(_paragraph_text(alignment.tgt, p, tsep) for p in b.tgt),
                level="paragraph",
            )
            for i, b in enumerate(alignment.paragraph_beads)
        )
    similarity = np.array([b.similarity for b in alignment.beads], dtype=np.float64)
    similarity[[not v.is_pair for v in views]] = np.nan
    # Every check that compares meanings needs the segment vectors (local support, parts of
    # n:m beads, paragraph support), so they are computed whenever an encoder is configured.
    needs_vectors = bool(views)
    src_vectors = tgt_vectors = None
    if needs_vectors and config.encoder is not None:
        name = config.encoder

        def encode(texts: Sequence[str]) -> np.ndarray:
            return encode_cached(name, texts)

        src_vectors = encode([s.text for s in src_segs])
        tgt_vectors = encode([s.text for s in tgt_segs])
        todo = [v for v in views if v.is_pair and not np.isfinite(similarity[v.index])]
        # In slices: two copies of every bead's vectors at once cost 400 MB at 100,000 units.
        for lo in range(0, len(todo), _SIMILARITY_SLICE):
            missing = todo[lo : lo + _SIMILARITY_SLICE]
            s_vec = _bead_vectors(
                encode,
                [v.src_text for v in missing],
                [v.bead.src for v in missing],
                src_vectors,
            )
            t_vec = _bead_vectors(
                encode,
                [v.tgt_text for v in missing],
                [v.bead.tgt for v in missing],
                tgt_vectors,
            )
            for v, a, b in zip(missing, s_vec, t_vec, strict=True):
                similarity[v.index] = float(a @ b)
        log.debug("encoded %d + %d segments for the checks", len(src_segs), len(tgt_segs))
    return CheckContext(alignment, config, views, paragraphs, similarity, src_vectors, tgt_vectors)


def _bead_vectors(
    encode, texts: list[str], ids: list[tuple[int, ...]], seg_vectors: np.ndarray
) -> np.ndarray:
    """One vector per bead side: the segment's own when single, else the joined text encoded."""
    out = np.zeros((len(texts), seg_vectors.shape[1]), dtype=np.float32)
    multi = [i for i, k in enumerate(ids) if len(k) != 1]
    for i, k in enumerate(ids):
        if len(k) == 1:
            out[i] = seg_vectors[k[0]]
    if multi:
        out[multi] = encode([texts[i] for i in multi])
    return out


def finding(
    view: BeadView,
    kind: FindingKind,
    severity: Severity,
    message: str,
    evidence: Sequence[Evidence] = (),
    *,
    src_ids: tuple[int, ...] | None = None,
    tgt_ids: tuple[int, ...] | None = None,
    src_text: str | None = None,
    tgt_text: str | None = None,
) -> Finding:
    """A Finding about ``view`` (or a part of it when ids/texts are given)."""
    return Finding(
        kind=check_kind(kind),
        severity=severity,
        src_ids=view.bead.src if src_ids is None else src_ids,
        tgt_ids=view.bead.tgt if tgt_ids is None else tgt_ids,
        level=view.level,
        src_text=view.src_text if src_text is None else src_text,
        tgt_text=view.tgt_text if tgt_text is None else tgt_text,
        message=message,
        evidence=tuple(evidence),
    )


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters for messages."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


# A bracketed aside: a translator's note, a cross-reference or a conversion (列王下二十四章八节作
# 十八岁), (约合1000美元), (有古卷作…).
ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def is_aside(text: str) -> bool:
    """Whether ``text`` is one bracketed aside from end to end (a note standing as a sentence:
    （有古卷作但智慧在行为上就显为是）, a psalm's title （亚萨的诗，交与伶长。）)."""
    t = text.strip().rstrip("。.，,；;")
    m = ASIDE.fullmatch(t)
    return m is not None and len(t) > 2
