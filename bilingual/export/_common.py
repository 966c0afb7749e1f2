"""What the writers and readers share: text cleaning, side joining and rebuilding an Alignment.

Readers of text formats do not see the original documents, so they rebuild them: each side's
Document text is its segment texts joined by ``"\\n"`` (one segment per line), with offsets
that satisfy ``doc.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilingual.errors import FormatError
from bilingual.io import read_input_bytes  # noqa: F401  (readers import it from here)
from bilingual.lang import guess_lang, joiner
from bilingual.model import Alignment, Bead, Document, Level, Segment, Segmentation
from bilingual.precision import rounded
from bilingual.signature import make_signature

# XML 1.0 allows only TAB, LF, CR and these ranges; anything else (C0 controls, lone
# surrogates, U+FFFE/U+FFFF) makes the file unparsable for every XML tool.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Everything str.splitlines() treats as a line break, plus TAB: none may appear inside a field
# of a line-based format, or the line and column counts of the file change.
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Scripts written without spaces between sentences.


def clean_xml_text(text: str) -> str:
    """Remove characters XML 1.0 cannot hold; turn CR and CRLF into LF (XML would anyway)."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """Replace tabs and every kind of line break by a space so a field stays on one line."""
    return _LINE_BREAKS.sub(" ", text)


def side_texts(alignment: Alignment, bead: Bead) -> tuple[str, str]:
    """The source and target text of ``bead``, segments joined by their language's separator."""
    src = alignment.src_text(bead, sep=joiner(alignment.src.document.lang))
    tgt = alignment.tgt_text(bead, sep=joiner(alignment.tgt.document.lang))
    return src, tgt


def is_omission(bead: Bead) -> bool:
    """A bead with one side empty (1:0 omission or 0:1 addition)."""
    return not bead.src or not bead.tgt


def bead_paragraphs(alignment: Alignment, bead: Bead) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The bead's paragraph ids, derived from its segments when the bead does not carry them."""
    src = bead.src_paragraphs or _unique(alignment.src.segments[i].paragraph for i in bead.src)
    tgt = bead.tgt_paragraphs or _unique(alignment.tgt.segments[i].paragraph for i in bead.tgt)
    return src, tgt


def _unique(values: Iterable[int]) -> tuple[int, ...]:
    out: list[int] = []
    for v in values:
        if not out or out[-1] != v:
            out.append(v)
    return tuple(out)


def format_score(score: float) -> str:
    """Scores rounded to the output precision (``bilingual.precision``); NaN (unknown) as empty."""
    return "" if math.isnan(score) else repr(rounded(score))


def parse_score(text: str, where: str) -> float:
    """Read a score written by ``format_score``; empty means unknown (NaN)."""
    text = text.strip()
    if not text:
        return float("nan")
    try:
        value = float(text)
    except ValueError:
        raise FormatError(
            f"{where}: score {text!r} is not a number; write a value in [0, 1] or leave it empty."
        ) from None
    if not 0.0 <= value <= 1.0:
        raise FormatError(
            f"{where}: score {value} is outside [0, 1]; bilingual scores are "
            "confidences, rescale the column first."
        )
    return value


@dataclass(frozen=True)
class BeadRecord:
    """One bead as a reader sees it: the segment texts of each side plus what the format keeps.

    ``src_segment_paragraphs`` gives the paragraph of each source segment when the format
    records it; otherwise it is derived from ``src_paragraphs`` or the segment index.
    """

    src_texts: tuple[str, ...]
    tgt_texts: tuple[str, ...]
    score: float = float("nan")
    level: Level = "sentence"
    src_paragraphs: tuple[int, ...] = ()
    tgt_paragraphs: tuple[int, ...] = ()
    src_segment_paragraphs: tuple[int, ...] = ()
    tgt_segment_paragraphs: tuple[int, ...] = ()
    similarity: float = float("nan")


def _segment_paragraphs(
    first_index: int, n: int, per_segment: tuple[int, ...], per_bead: tuple[int, ...], level: Level
) -> list[int]:
    if len(per_segment) == n:
        return list(per_segment)
    if level == "paragraph":
        return list(range(first_index, first_index + n))
    if len(per_bead) == n:
        return list(per_bead)
    if len(per_bead) == 1:
        return [per_bead[0]] * n
    # Unknown: the rebuilt document has one segment per line, so each line is its own paragraph.
    return list(range(first_index, first_index + n))


def _build_side(
    texts_per_bead: Sequence[tuple[str, ...]],
    paragraphs: Sequence[list[int]],
    lang: str,
    name: str,
    level: Level,
    signature: str,
) -> tuple[Segmentation, list[tuple[int, ...]]]:
    segments: list[Segment] = []
    ids: list[tuple[int, ...]] = []
    pos = 0
    for texts, paras in zip(texts_per_bead, paragraphs, strict=True):
        bead_ids: list[int] = []
        for text, para in zip(texts, paras, strict=True):
            index = len(segments)
            segments.append(Segment(index, para, pos, pos + len(text), text, lang))
            bead_ids.append(index)
            pos += len(text) + 1
        ids.append(tuple(bead_ids))
    document = Document("\n".join(s.text for s in segments), lang, name)
    return Segmentation(document, level, tuple(segments), signature), ids


def pair_record(src: str, tgt: str, *, level: Level, score: float = float("nan")) -> BeadRecord:
    """One bead from a text pair of a one-pair-per-line format; an empty side is an omission."""
    return BeadRecord(
        src_texts=(src,) if src.strip() else (),
        tgt_texts=(tgt,) if tgt.strip() else (),
        score=score,
        level=level,
    )


def pairs_alignment(
    records: Sequence[BeadRecord],
    *,
    name: str,
    signature: str,
    src_lang: str | None,
    tgt_lang: str | None,
    level: Level,
) -> Alignment:
    """Alignment from pair records of a format that keeps no languages (guessed when not given)."""
    return build_alignment(
        records,
        src_lang=src_lang or guess_lang(t for r in records for t in r.src_texts),
        tgt_lang=tgt_lang or guess_lang(t for r in records for t in r.tgt_texts),
        level=level,
        signature=signature,
        src_name=f"{name}#src",
        tgt_name=f"{name}#tgt",
    )


def build_alignment(
    records: Sequence[BeadRecord],
    *,
    src_lang: str,
    tgt_lang: str,
    level: Level,
    signature: str,
    src_name: str,
    tgt_name: str,
    segmentation_signature: str = "",
    tgt_segmentation_signature: str = "",
    paragraph_beads: tuple[Bead, ...] = (),
) -> Alignment:
    """Rebuild an Alignment from reader records; segments are numbered in reading order."""
    src_sig = segmentation_signature or make_signature(seg="imported")
    tgt_sig = tgt_segmentation_signature or src_sig
    src_paras: list[list[int]] = []
    tgt_paras: list[list[int]] = []
    n_src = n_tgt = 0
    for r in records:
        src_paras.append(
            _segment_paragraphs(
                n_src, len(r.src_texts), r.src_segment_paragraphs, r.src_paragraphs, level
            )
        )
        tgt_paras.append(
            _segment_paragraphs(
                n_tgt, len(r.tgt_texts), r.tgt_segment_paragraphs, r.tgt_paragraphs, level
            )
        )
        n_src += len(r.src_texts)
        n_tgt += len(r.tgt_texts)
    src, src_ids = _build_side(
        [r.src_texts for r in records], src_paras, src_lang, src_name, level, src_sig
    )
    tgt, tgt_ids = _build_side(
        [r.tgt_texts for r in records], tgt_paras, tgt_lang, tgt_name, level, tgt_sig
    )
    beads = tuple(
        Bead(
            src=s,
            tgt=t,
            score=r.score,
            level=r.level,
            src_paragraphs=r.src_paragraphs or _unique(sp),
            tgt_paragraphs=r.tgt_paragraphs or _unique(tp),
            similarity=r.similarity,
        )
        for r, s, t, sp, tp in zip(records, src_ids, tgt_ids, src_paras, tgt_paras, strict=True)
    )
    return Alignment(src, tgt, beads, signature, paragraph_beads)


def split_lines(text: str) -> list[str]:
    """Lines of a line-based file, split on LF only, without the final empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
