"""Script facts, decided once: which code points are Han characters, kana, hangul, Latin letters.

Every module that asks "is this a Chinese character?" uses :data:`HAN` (or composes
:data:`HAN_CLASS` into its own character class). The Han ranges are the CJK Unified Ideographs
with Extension A, the compatibility ideographs, and the supplementary ideographic plane
(Extension B onwards: rare characters, some of them used in Bible translations and names).
Which *languages* are written without spaces (``is_cjk``, ``joiner``) is a fact about language
codes and lives in :mod:`bilingual.lang`, which imports this module.
"""

from __future__ import annotations

import re

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
HANGUL_CLASS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
CJK_PUNCT_CLASS = "\u3000-\u303f"  # ideographic space, 。、「」 and friends
FULLWIDTH_CLASS = "\uff00-\uffef"  # full-width forms: ，！（）０-９

HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
KANA = re.compile(f"[{KANA_CLASS}]")
HANGUL = re.compile(f"[{HANGUL_CLASS}]")


def is_han(ch: str) -> bool:
    """Whether the single character ``ch`` is a Han character."""
    return HAN.match(ch) is not None


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character."""
    return HAN.search(text) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds."""
    return len(HAN.findall(text))
