"""Paragraph and sentence segmentation of English, Chinese and other Latin-script documents.

``segment(doc)`` splits a Document into paragraphs (:mod:`.paragraphs`) and then sentences
with a spaCy pipeline carrying our rule components (:mod:`.pipeline`, imported on first use so
``import bilingual`` stays cheap). Every segment satisfies ``doc.text[s.start:s.end] == s.text``
and the segments of one level cover every non-whitespace character exactly once, in order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bilingual.errors import ConfigError
from bilingual.lang import normalise_code
from bilingual.model import Document, Level, Segment, Segmentation
from bilingual.segment.mixed import split_page
from bilingual.segment.paragraphs import line_spans, paragraph_spans
from bilingual.signature import make_signature

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "paragraphs",
    "presplit",
    "run_pipeline",
    "segment",
    "sentence_spans",
    "split_page",
]

log = logging.getLogger(__name__)

PARAGRAPHS_VERSION = "1"
ProgressCallback = Callable[[int, int], None]
CHUNK = 20_000
MAX_PIECE = 100_000
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）」』]*\s+|[。！？][\"'”’)）」』]*")


def _segments(
    doc: Document,
    spans: list[tuple[int, int]],
    paragraphs: list[int] | None = None,
    lang: str | None = None,
) -> tuple[Segment, ...]:
    text = doc.text
    lang = lang or doc.lang
    return tuple(
        Segment(
            index=i,
            paragraph=i if paragraphs is None else paragraphs[i],
            start=s,
            end=e,
            text=text[s:e],
            lang=lang,
        )
        for i, (s, e) in enumerate(spans)
    )


def paragraphs(doc: Document) -> Segmentation:
    """The paragraphs of ``doc`` (blank-line blocks, one-per-line files, headings)."""
    spans = paragraph_spans(doc.text)
    return Segmentation(
        document=doc,
        level="paragraph",
        segments=_segments(doc, spans),
        signature=make_signature(
            seg=f"paragraphs{PARAGRAPHS_VERSION}", level="paragraph", lang=doc.lang
        ),
    )


def presplit(doc: Document) -> Segmentation:
    """One segment per non-blank line, used as given (gold benchmarks); each its own paragraph."""
    spans = line_spans(doc.text)
    return Segmentation(
        document=doc,
        level="sentence",
        segments=_segments(doc, spans),
        signature=make_signature(seg="presplit", level="sentence", lang=doc.lang),
    )


def _chunks(pieces: list[tuple[int, int, int]], size: int) -> list[tuple[int, int]]:
    """Group consecutive pieces into runs of about ``size`` characters: (first, last+1)."""
    out: list[tuple[int, int]] = []
    first = 0
    for k in range(len(pieces)):
        if pieces[k][1] - pieces[first][0] >= size or k == len(pieces) - 1:
            out.append((first, k + 1))
            first = k + 1
    return out


def _cut_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut a paragraph longer than ``limit`` at likely sentence ends (else at spaces).

    spaCy refuses Docs over ``nlp.max_length`` and a Doc costs memory per token, so a
    10 MB single-line file is fed in pieces; the cuts prefer a terminal followed by space.
    """
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        window_end = pos + limit
        cut = -1
        for m in _SENTENCE_END.finditer(text, pos + limit // 2, window_end):
            cut = m.end()
        if cut < 0:
            space = max(
                text.rfind(" ", pos + limit // 2, window_end),
                text.rfind("\n", pos + limit // 2, window_end),
            )
            cut = space + 1 if space >= 0 else window_end
        out.append((pos, cut))
        pos = cut
    out.append((pos, end))
    return out


def sentence_spans(
    text: str,
    lang: str,
    para_spans: list[tuple[int, int]],
    *,
    spacy_model: str | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence offsets in ``text`` and the paragraph index of each.

    Consecutive paragraphs go through the pipeline together, one Doc per ~``CHUNK`` characters
    (one Doc per short paragraph cost more in per-Doc overhead than the rules themselves);
    sentences are then cut at every paragraph start, so none crosses a paragraph.
    """
    from bilingual.segment.pipeline import get_pipeline

    nlp = get_pipeline(lang, spacy_model)
    return run_pipeline(nlp, text, para_spans, progress=progress)


def run_pipeline(
    nlp: Language,
    text: str,
    para_spans: list[tuple[int, int]],
    *,
    progress: ProgressCallback | None = None,
) -> tuple[list[tuple[int, int]], list[int]]:
    """Run a sentence-setting spaCy pipeline over the paragraphs of ``text`` (see above)."""
    from bilingual.segment.pipeline import sentence_offsets

    pieces: list[tuple[int, int, int]] = []
    for p, (ps, pe) in enumerate(para_spans):
        if pe - ps <= MAX_PIECE:
            pieces.append((ps, pe, p))
        else:
            pieces.extend((a, b, p) for a, b in _cut_long(text, ps, pe, MAX_PIECE))
    spans: list[tuple[int, int]] = []
    owners: list[int] = []
    chunks = _chunks(pieces, CHUNK)
    texts = (text[pieces[i][0] : pieces[j - 1][1]] for i, j in chunks)
    for (i, j), sdoc in zip(chunks, nlp.pipe(texts, batch_size=4), strict=True):
        base = pieces[i][0]
        chunk_text = text[base : pieces[j - 1][1]]
        sents = [(base + a, base + b) for a, b in sentence_offsets(sdoc, chunk_text)]
        k = 0
        for ps, pe, p in pieces[i:j]:
            while k < len(sents) and sents[k][1] <= ps:
                k += 1
            kk = k
            while kk < len(sents) and sents[kk][0] < pe:
                a, b = max(sents[kk][0], ps), min(sents[kk][1], pe)
                piece = text[a:b]
                stripped = piece.strip()
                if stripped:
                    a += len(piece) - len(piece.lstrip())
                    spans.append((a, a + len(stripped)))
                    owners.append(p)
                kk += 1
            # The last sentence may run on into the next paragraph (it is cut there).
            k = max(k, kk - 1)
        if progress is not None:
            progress(pieces[j - 1][1], len(text))
    return spans, owners


def segment(
    doc: Document,
    level: Level = "sentence",
    *,
    spacy_model: str | None = None,
    progress: ProgressCallback | None = None,
) -> Segmentation:
    """Segment ``doc`` into paragraphs or sentences.

    Sentences carry the index of their paragraph. ``spacy_model`` names an installed trained
    spaCy pipeline (or a saved pipeline folder) to use instead of the blank rule pipeline.
    ``progress(done_chars, total_chars)`` is called now and then on long inputs.
    """
    if level == "paragraph":
        return paragraphs(doc)
    if level != "sentence":
        raise ConfigError(f"unknown level {level!r}; use paragraph or sentence.")
    from bilingual.segment.pipeline import pipeline_name

    lang = normalise_code(doc.lang)
    para_spans = paragraph_spans(doc.text)
    spans, owners = sentence_spans(
        doc.text, lang, para_spans, spacy_model=spacy_model, progress=progress
    )
    log.debug("%s: %d paragraphs, %d sentences", doc.name, len(para_spans), len(spans))
    return Segmentation(
        document=doc,
        level="sentence",
        segments=_segments(doc, spans, owners, lang),
        signature=make_signature(seg=pipeline_name(lang, spacy_model), level="sentence", lang=lang),
    )
