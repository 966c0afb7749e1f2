"""Script facts, decided once: which code points are Han characters, kana, hangul, Latin letters.

Every module that asks "is this a Chinese character?" uses :data:`HAN` (or composes
:data:`HAN_CLASS` into its own character class). The Han ranges are the CJK Unified Ideographs
with Extension A, the compatibility ideographs, and the supplementary ideographic plane
(Extension B onwards: rare characters, some of them used in Bible translations and names).
Which *languages* are written without spaces (``is_cjk``, ``joiner``) is a fact about language
codes and lives in :mod:`bilingual.lang.codes`, which imports this module.

Latin letters are spelled here too, in two deliberate widths: :data:`LATIN_CLASS` (ASCII plus
Latin-1 Supplement and Latin Extended-A/B, used to tell a script) and the basic ``a``-``z`` that
:func:`latin_count` counts (used to weigh how much text a segment holds against its Han side).
"""

from __future__ import annotations

import re

__all__ = [
    "CJK_PUNCT_CLASS",
    "CJK_PUNCT_OR_FULLWIDTH",
    "FULLWIDTH_CLASS",
    "HAN",
    "HANGUL",
    "HANGUL_CLASS",
    "HAN_CLASS",
    "HAN_RANGES",
    "HAN_RUN",
    "HAN_WEIGHT",
    "KANA",
    "KANA_CLASS",
    "LATIN",
    "LATIN_CLASS",
    "LATIN_WORD_RUN",
    "content_size",
    "han_count",
    "has_han",
    "is_cjk_text",
    "is_han",
    "latin_count",
    "weight",
]

# (first, last) code points, inclusive.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2FFFF),  # Supplementary Ideographic Plane: Extension B onwards
)

HAN_CLASS = "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES)
"""The Han ranges as the inside of a regex character class: ``rf"[{HAN_CLASS}]"``."""

KANA_CLASS = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
LATIN_CLASS = "A-Za-z\u00c0-\u024f"  # ASCII letters, Latin-1 Supplement, Extended-A/B
HANGUL_CLASS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
CJK_PUNCT_CLASS = "\u3000-\u303f"  # ideographic space, 。、「」 and friends
FULLWIDTH_CLASS = "\uff00-\uffef"  # full-width forms: ，！（）０-９

HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
KANA = re.compile(f"[{KANA_CLASS}]")
HANGUL = re.compile(f"[{HANGUL_CLASS}]")
LATIN = re.compile(f"[{LATIN_CLASS}]")
LATIN_WORD_RUN = re.compile(f"[{LATIN_CLASS}]+")
CJK_PUNCT_OR_FULLWIDTH = re.compile(f"[{CJK_PUNCT_CLASS}{FULLWIDTH_CLASS}]")

HAN_WEIGHT = 3.0
"""A Han character carries about as much text as three Latin letters in a translation: sizes
of the two sides are compared after this weighting (length checks, corpus filters)."""


def is_han(ch: str) -> bool:
    """Whether the single character ``ch`` is a Han character."""
    return HAN.match(ch) is not None


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character."""
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds."""
    return len(HAN.findall(text))


def is_cjk_text(text: str) -> bool:
    """Whether ``text`` holds a Han character (e.g. a glossary's Chinese side)."""
    return has_han(text)


def latin_count(text: str) -> int:
    """How many basic Latin letters (``a``-``z``, either case) ``text`` holds."""
    return sum(1 for c in text if "a" <= c.lower() <= "z")


def content_size(text: str) -> int:
    """Letters plus Han characters: how much there is to say, ignoring digits and punctuation."""
    return han_count(text) + latin_count(text)


def weight(text: str) -> float:
    """Content in comparable units: one Han character counts as :data:`HAN_WEIGHT` letters."""
    return HAN_WEIGHT * han_count(text) + latin_count(text)
