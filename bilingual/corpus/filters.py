"""Corpus filters: pure functions that give each candidate pair its reasons to be dropped.

On by default with conservative thresholds, each switchable (see :class:`FilterConfig`).
A pair's first reason is the one reported (the order of ``REASONS``). Deduplication runs over
the whole corpus in document order, keeping the first occurrence: exact duplicates by a hash
of the normalised pair, near duplicates by a hash with case, digits, punctuation and
whitespace folded away.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass

from bilingual.corpus.worker import Candidate
from bilingual.lang import script_counts
from bilingual.lang.script import HAN_WEIGHT
from bilingual.signature import describe_fields

REASONS = (
    "omission",
    "low_confidence",
    "too_short",
    "too_long",
    "wrong_language",
    "length_ratio",
    "number_mismatch",
    "untranslated",
    "duplicate",
    "near_duplicate",
)

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FilterConfig:
    """Thresholds of the corpus filters; ``None`` or ``False`` switches a filter off."""

    min_confidence: float | None = 0.2
    drop_omissions: bool = True
    # weighted length of the longer side over the shorter; above it the pair is an outlier
    max_length_ratio: float | None = 4.0
    # the ratio test applies only when the longer side has at least this weighted length
    ratio_min_size: float = 20.0
    drop_number_mismatch: bool = True
    drop_untranslated: bool = True
    check_language: bool = True
    min_chars: int | None = 2
    max_chars: int | None = 2000
    dedup: bool = True
    near_dedup: bool = True

    def describe(self) -> str:
        """Every field that differs from its default, ``name=value`` (as AlignConfig's)."""
        return describe_fields(self)


def weighted_length(text: str) -> float:
    """Letters and digits, with each Han character worth HAN_WEIGHT of them."""
    han = script_counts(text)[0]
    other = sum(1 for c in text if c.isalnum()) - han
    return other + HAN_WEIGHT * han


def length_ratio(src: str, tgt: str) -> float:
    """Weighted length of the longer side over the shorter (inf when one side is empty)."""
    a, b = weighted_length(src), weighted_length(tgt)
    if min(a, b) == 0:
        return math.inf if max(a, b) else 1.0
    return max(a, b) / min(a, b)


def _wrong_language(src: str, src_lang: str, tgt: str, tgt_lang: str) -> bool:
    """A side written mostly in the other language's script."""
    for text, lang in ((src, src_lang), (tgt, tgt_lang)):
        han, _, _, latin, _ = script_counts(text)
        if lang == "zh" and latin >= 8 and han * HAN_WEIGHT < latin / 4:
            return True
        if lang != "zh" and han >= 4 and han * HAN_WEIGHT > latin:
            return True
    return False


def pair_reasons(
    c: Candidate, cfg: FilterConfig, src_lang: str = "en", tgt_lang: str = "zh"
) -> tuple[str, ...]:
    """Every reason to drop ``c`` except duplication, in REASONS order (empty: keep it)."""
    out: list[str] = []
    if not c.src_ids or not c.tgt_ids:
        if cfg.drop_omissions:
            out.append("omission")
        return tuple(out)
    if cfg.min_confidence is not None and not (c.score >= cfg.min_confidence):
        out.append("low_confidence")
    shortest = min(len(c.src.strip()), len(c.tgt.strip()))
    longest = max(len(c.src), len(c.tgt))
    if cfg.min_chars is not None and shortest < cfg.min_chars:
        out.append("too_short")
    if cfg.max_chars is not None and longest > cfg.max_chars:
        out.append("too_long")
    if cfg.check_language and _wrong_language(c.src, src_lang, c.tgt, tgt_lang):
        out.append("wrong_language")
    if cfg.max_length_ratio is not None:
        big = max(weighted_length(c.src), weighted_length(c.tgt))
        if big >= cfg.ratio_min_size and length_ratio(c.src, c.tgt) > cfg.max_length_ratio:
            out.append("length_ratio")
    if cfg.drop_number_mismatch and "number_mismatch" in c.flags:
        out.append("number_mismatch")
    if cfg.drop_untranslated and "untranslated" in c.flags:
        out.append("untranslated")
    return tuple(out)


def exact_key(src: str, tgt: str) -> bytes:
    """Hash of the pair after NFC and whitespace folding."""
    norm = [_SPACE.sub(" ", unicodedata.normalize("NFC", t)).strip() for t in (src, tgt)]
    return hashlib.blake2b("\0".join(norm).encode(), digest_size=12).digest()


def near_key(src: str, tgt: str) -> bytes:
    """Hash of the pair with case, digits, punctuation, symbols and whitespace folded away."""

    def fold(text: str) -> str:
        # casefold can undo NFKC's composition (ῗ folds to ι + two marks, its upper case to
        # ϊ + one): normalise again so a text and its upper case fold alike
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        return "".join(
            c
            for c in text
            if not (c.isspace() or c.isdigit() or unicodedata.category(c)[0] in "PS")
        )

    return hashlib.blake2b(f"{fold(src)}\0{fold(tgt)}".encode(), digest_size=12).digest()


class Deduplicator:
    """Remembers the hashes of kept pairs (24 bytes each, never the texts)."""

    def __init__(self, cfg: FilterConfig) -> None:
        self.cfg = cfg
        self._exact: set[bytes] = set()
        self._near: set[bytes] = set()

    def reason(self, src: str, tgt: str) -> str | None:
        """``duplicate``/``near_duplicate`` when seen before; otherwise remember and keep."""
        e = exact_key(src, tgt) if self.cfg.dedup else b""
        n = near_key(src, tgt) if self.cfg.near_dedup else b""
        if self.cfg.dedup and e in self._exact:
            return "duplicate"
        if self.cfg.near_dedup and n in self._near:
            return "near_duplicate"
        if self.cfg.dedup:
            self._exact.add(e)
        if self.cfg.near_dedup:
            self._near.add(n)
        return None
