"""Consistency: the same source translated differently, within a document and against a memory.

Sources and targets are compared after normalising case, whitespace, full/half-width forms
(NFKC) and numbers (Arabic and Chinese numerals become ``#``), so "Page 3" and "Page 4"
count as the same source translated the same way. Reported as ``inconsistent_translation``:

- within the document: a source seen before with a different translation (warning, evidence:
  the earlier translation and where it was); one translation used for different sources
  (information: often legitimate, "OK"/"Okay" → 好);
- against a reference translation memory (``--against`` a TMX, TSV or JSONL file, or a corpus
  output folder with ``alignments/**/*.jsonl``): an exact source match whose translation
  differs (warning), and a fuzzy match at or above ``FUZZY`` (rapidfuzz ratio of the
  normalised sources) whose translation differs (information), with the memory's translation
  and its origin as evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bilingual.check.context import CheckContext, finding, short
from bilingual.formats.memory import MemoryEntry, TranslationMemory
from bilingual.model import Evidence, Finding

__all__ = ["inconsistencies", "normalise"]

FUZZY = 90.0
# sources shorter than this (after normalising) say too little to demand one translation
MIN_SOURCE = 4
_NUM = re.compile(r"\d+(?:[.,:]\d+)*|[零〇一二两三四五六七八九十百千万亿]+")
_PUNCT_END = re.compile(r"[\s.。!！?？,，;；:：]+$")


def normalise(text: str) -> str:
    """The comparison form of a segment: NFKC, lower case, one space, numbers as ``#``."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = _NUM.sub("#", t)
    t = " ".join(t.split())
    return _PUNCT_END.sub("", t)


def _target_form(text: str) -> str:
    return normalise(text).replace(" ", "")


def _within(ctx: CheckContext, contexts: Sequence[str] | None = None) -> list[Finding]:
    out: list[Finding] = []
    # keyed by (context, source): two msgctxt variants of one msgid are two sources
    by_src: dict[tuple[str, str], tuple[int, str, str]] = {}
    by_tgt: dict[str, tuple[int, str, str]] = {}
    for v in ctx.beads:
        if not v.is_pair:
            continue
        s, t = normalise(v.src_text), _target_form(v.tgt_text)
        if len(s) < MIN_SOURCE:
            continue
        key = (contexts[v.index] if contexts and v.index < len(contexts) else "", s)
        if key in by_src and by_src[key][1] != t:
            k, _, before = by_src[key]
            out.append(
                finding(
                    v,
                    "inconsistent_translation",
                    "warning",
                    f"this source was translated differently in bead {k}: “{short(before)}”",
                    [Evidence("previous_translation", (f"bead {k}",), (before,))],
                )
            )
        else:
            by_src.setdefault(key, (v.index, t, v.tgt_text))
        if t in by_tgt and by_tgt[t][1] != s and len(t) >= MIN_SOURCE:
            k, _, before = by_tgt[t]
            out.append(
                finding(
                    v,
                    "inconsistent_translation",
                    "info",
                    f"the same translation serves a different source in bead {k}: "
                    f"“{short(before)}”",
                    [Evidence("same_translation_other_source", (before,), (f"bead {k}",))],
                )
            )
        else:
            by_tgt.setdefault(t, (v.index, s, v.src_text))
    return out


def _against(ctx: CheckContext, memory: TranslationMemory) -> list[Finding]:
    from rapidfuzz import fuzz, process

    exact: dict[str, list[MemoryEntry]] = {}
    for e in memory.entries:
        exact.setdefault(normalise(e.source), []).append(e)
    keys = list(exact)
    out: list[Finding] = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        s, t = normalise(v.src_text), _target_form(v.tgt_text)
        if len(s) < MIN_SOURCE:
            continue
        if s in exact:
            seen = exact[s]
            if all(_target_form(e.target) != t for e in seen):
                e = seen[0]
                out.append(
                    finding(
                        v,
                        "inconsistent_translation",
                        "warning",
                        f"{memory.label} translates this source differently ({e.origin}): "
                        f"“{short(e.target)}”",
                        [Evidence("memory_translation", (e.source, e.origin), (e.target,), 100.0)],
                    )
                )
            continue
        best = process.extractOne(s, keys, scorer=fuzz.ratio, score_cutoff=FUZZY)
        if best is None:
            continue
        seen = exact[best[0]]
        if all(_target_form(e.target) != t for e in seen):
            e = seen[0]
            out.append(
                finding(
                    v,
                    "inconsistent_translation",
                    "info",
                    f"a {best[1]:.0f} % match in {memory.label} ({e.origin}) is translated "
                    f"“{short(e.target)}”",
                    [Evidence("fuzzy_memory_match", (e.source, e.origin), (e.target,), best[1])],
                )
            )
    return out


def inconsistencies(
    ctx: CheckContext,
    memory: TranslationMemory | None = None,
    contexts: Sequence[str] | None = None,
) -> list[Finding]:
    """Inconsistent translations within the document, and against ``memory`` when given.

    ``contexts[k]`` (PO msgctxt of bead ``k``): one source in two contexts is two sources.
    """
    out = _within(ctx, contexts)
    if memory is not None and memory.entries:
        out += _against(ctx, memory)
    return out
