"""One document pair in, its alignment, drift check and candidate sentence pairs out.

Runs in a worker process (local pool or Dask worker). The encoder, spaCy pipelines and the
dictionary load once per process, on the first document; the embedding cache is opened once
per process too. A task carries the input bytes, so workers need no access to the inputs'
file system, and a result is plain data the main process writes (workers write nothing).
A bad document becomes a ``failed`` result with a one-line reason, never an exception.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import numpy as np

from bilingual.corpus.pairing import DocPair
from bilingual.encode.base import DEFAULT_ENCODER
from bilingual.errors import BilingualError
from bilingual.lang.script import HAN_WEIGHT
from bilingual.model import Alignment, CheckReport, Document
from bilingual.precision import rounded

log = logging.getLogger(__name__)

WORKER_VERSION = "1"
MAX_SIZE_RATIO = 50.0
# The drift checks whose findings become pair flags (warning or error severity).
FLAG_KINDS = ("number_mismatch", "untranslated", "low_similarity", "length_ratio")


@dataclass(frozen=True)
class Settings:
    """What decides a document's alignment; its signature is stored with every result."""

    encoder: str = DEFAULT_ENCODER
    level: str = "both"
    spacy_model: str | None = None
    cache_path: str | None = None
    presplit: bool = False

    def signature(self) -> str:
        from bilingual.align import AlignConfig
        from bilingual.align.aligner import ALIGNER_VERSION
        from bilingual.check.run import CHECK_VERSION
        from bilingual.signature import make_signature

        return make_signature(
            corpus=WORKER_VERSION,
            enc=self.encoder,
            align=ALIGNER_VERSION,
            level=self.level,
            params=AlignConfig().describe(),
            check=CHECK_VERSION,
            spacy=self.spacy_model or "rules",
            presplit=int(self.presplit),
        )


@dataclass(frozen=True)
class Task:
    """One document pair with its input bytes (``tgt`` is None for a mixed page)."""

    doc: DocPair
    src: bytes
    tgt: bytes | None
    settings: Settings


@dataclass(frozen=True)
class Candidate:
    """One sentence bead as a corpus pair, before filtering."""

    src: str
    tgt: str
    score: float
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class DocResult:
    """What one document produced; ``status`` is ``ok`` or ``failed`` (with ``error``)."""

    id: str
    status: str
    error: str
    alignment_jsonl: str
    candidates: tuple[Candidate, ...]
    src_segments: int = 0
    tgt_segments: int = 0
    mean_confidence: float = math.nan
    drift_score: float = math.nan
    src_coverage: float = math.nan
    tgt_coverage: float = math.nan
    seconds: float = 0.0


_READY: dict[tuple[str, str | None], str] = {}


def encoder_key(settings: Settings) -> str:
    """The registered name of this process's caching encoder (loaded once per process)."""
    key = _READY.get((settings.encoder, settings.cache_path))
    if key is not None:
        return key
    from bilingual.corpus.cache import CachedEncoder, EmbeddingCache
    from bilingual.encode.base import get_encoder, register_encoder

    key = f"corpus-cache:{settings.encoder}:{settings.cache_path or '-'}"
    cache = None
    if settings.cache_path:
        try:
            cache = EmbeddingCache(settings.cache_path)
        except Exception as e:  # a remote worker may not see the path: encode without a cache
            log.warning("embedding cache %s unavailable (%s); encoding without it", key, e)
    inner = get_encoder(settings.encoder)
    register_encoder(key, lambda: CachedEncoder(inner, cache))
    _READY[(settings.encoder, settings.cache_path)] = key
    return key


def warm_up(settings: Settings) -> None:
    """Load the encoder, the segmenters and the dictionary now (a pool's initializer)."""
    from bilingual.encode.base import get_encoder
    from bilingual.segment import segment

    get_encoder(encoder_key(settings)).encode(["warm up", "预热"])
    segment(Document("Warm up. Two.", "en"), "sentence")
    segment(Document("预热。二。", "zh"), "sentence")


def _decode(data: bytes, name: str, lang: str) -> Document:
    from bilingual.errors import EmptyInputError
    from bilingual.io import decode_bytes
    from bilingual.lang import detect_language, normalise_code

    text, _ = decode_bytes(data, name)
    if not text.strip():
        raise EmptyInputError(f"{name}: is empty")
    want = normalise_code(lang) if lang not in ("", "auto") else detect_language(text, name)
    found = detect_language(text, name)
    if found != want:
        raise BilingualError(f"{name}: wrong language: looks like {found!r}, expected {want!r}")
    return Document(text=text, lang=want, name=name)


def _size(doc: Document) -> float:
    from bilingual.lang import script_counts

    han, _, _, _, letters = script_counts(doc.text)
    return (letters - han) + HAN_WEIGHT * han


def read_pair(task: Task) -> tuple[Document, Document]:
    """Decode and validate both sides (or split a mixed page); BilingualError when unusable."""
    doc = task.doc
    if task.tgt is None:
        from bilingual.io import decode_bytes
        from bilingual.segment.mixed import split_page

        text, _ = decode_bytes(task.src, doc.src)
        split = split_page(Document(text=text, lang="mixed", name=doc.src))
        src, tgt = split.en, split.zh
        for side in (src, tgt):
            if not side.text.strip():
                raise BilingualError(f"{doc.src}: the {side.lang} side of the page is empty")
    else:
        src = _decode(task.src, doc.src, doc.src_lang)
        tgt = _decode(task.tgt, doc.tgt, doc.tgt_lang)
    a, b = _size(src), _size(tgt)
    if min(a, b) == 0 or max(a, b) / min(a, b) > MAX_SIZE_RATIO:
        raise BilingualError(
            f"{doc.id}: one side is more than {MAX_SIZE_RATIO:g}x the other "
            f"({a:.0f} vs {b:.0f} weighted characters); not a translation pair"
        )
    return src, tgt


def _flags(report: CheckReport) -> dict[int, set[str]]:
    """Flags per sentence bead index from warning/error findings of the FLAG_KINDS."""
    a = report.alignment
    by_src: dict[int, int] = {}
    by_tgt: dict[int, int] = {}
    for k, b in enumerate(a.beads):
        for i in b.src:
            by_src[i] = k
        for j in b.tgt:
            by_tgt[j] = k
    out: dict[int, set[str]] = {}
    for f in report.findings:
        if f.level != "sentence" or f.kind not in FLAG_KINDS or f.severity == "info":
            continue
        beads = {by_src[i] for i in f.src_ids if i in by_src} | {
            by_tgt[j] for j in f.tgt_ids if j in by_tgt
        }
        for k in beads:
            out.setdefault(k, set()).add(f.kind)
    return out


def _candidates(alignment: Alignment, report: CheckReport) -> tuple[Candidate, ...]:
    from bilingual.export._common import side_texts

    flags = _flags(report)
    out = []
    for k, bead in enumerate(alignment.beads):
        src, tgt = side_texts(alignment, bead)
        out.append(
            Candidate(
                src=src,
                tgt=tgt,
                score=rounded(bead.score),  # what the corpus files show; NaN stays NaN
                src_ids=bead.src,
                tgt_ids=bead.tgt,
                flags=tuple(sorted(flags.get(k, ()))),
            )
        )
    return tuple(out)


def process(task: Task) -> DocResult:
    """Align, check and cut one document pair into candidate pairs; failures become results."""
    from bilingual.align import align_documents
    from bilingual.check import CheckConfig, check_alignment
    from bilingual.encode.memo import sharing
    from bilingual.export import write_jsonl

    start = time.perf_counter()
    try:
        key = encoder_key(task.settings)
        src, tgt = read_pair(task)
        # one run: the filters' check reads the aligner's vectors instead of encoding again
        with sharing():
            alignment = align_documents(
                src,
                tgt,
                level=task.settings.level,  # type: ignore[arg-type]
                presplit=task.settings.presplit,
                encoder=key,
                spacy_model=task.settings.spacy_model,
            )
            report = check_alignment(
                alignment,
                config=CheckConfig(
                    kinds=("omission", "addition", *FLAG_KINDS),
                    encoder=key,
                ),
            )
    except BilingualError as e:
        return _failed(task, str(e), start)
    except (ValueError, RuntimeError, MemoryError, IndexError) as e:
        # A bug or a pathological input must cost one document, not the run.
        log.exception("%s: failed", task.doc.id)
        return _failed(task, f"{type(e).__name__}: {e}", start)
    scores = [b.score for b in alignment.beads if b.src and b.tgt and not math.isnan(b.score)]
    s = report.summary
    return DocResult(
        id=task.doc.id,
        status="ok",
        error="",
        alignment_jsonl=write_jsonl(alignment),
        candidates=_candidates(alignment, report),
        src_segments=len(alignment.src),
        tgt_segments=len(alignment.tgt),
        mean_confidence=rounded(float(np.mean(scores))) if scores else math.nan,
        drift_score=s.drift_score,
        src_coverage=s.src_coverage,
        tgt_coverage=s.tgt_coverage,
        seconds=round(time.perf_counter() - start, 3),
    )


def _failed(task: Task, message: str, start: float) -> DocResult:
    line = " ".join(message.split())
    return DocResult(
        id=task.doc.id,
        status="failed",
        error=line,
        alignment_jsonl="",
        candidates=(),
        seconds=round(time.perf_counter() - start, 3),
    )


@dataclass(frozen=True)
class DocVector:
    """A document's vector for content pairing and its weighted size (0 when unreadable)."""

    vector: np.ndarray
    size: float


def document_vector(task: Task) -> DocVector:
    """The source document's vector (normalised mean of its sentence vectors) and size.

    The task's ``src`` bytes are the one document to embed; an empty vector when unreadable.
    The sentences go through the embedding cache, so aligning the pair later encodes nothing.
    """
    from bilingual.encode.base import get_encoder
    from bilingual.segment import segment

    try:
        doc = _decode(task.src, task.doc.src, task.doc.src_lang)
        if task.settings.presplit:
            from bilingual.segment import presplit

            texts = presplit(doc).texts
        else:
            texts = segment(doc, "sentence", spacy_model=task.settings.spacy_model).texts
        vecs = get_encoder(encoder_key(task.settings)).encode(texts)
    except BilingualError as e:
        log.info("%s: cannot embed (%s)", task.doc.src, e)
        return DocVector(np.zeros(0, dtype=np.float32), 0.0)
    v = vecs.astype(np.float32).sum(axis=0)
    n = float(np.linalg.norm(v))
    return DocVector((v / n if n > 0 else v).astype(np.float32), _size(doc))
