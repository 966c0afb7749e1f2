"""Which script a piece of text is written in: Han characters against Latin letters."""

from __future__ import annotations

import re

from bilingual.script import HAN, HAN_RUN, han_count

__all__ = ["HAN", "HAN_RUN", "LATIN_WORD", "content_size", "han_count", "latin_count", "weight"]

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def latin_count(text: str) -> int:
    return sum(1 for c in text if "a" <= c.lower() <= "z")


def content_size(text: str) -> int:
    """Letters plus Han characters: how much there is to say, ignoring digits and punctuation."""
    return han_count(text) + latin_count(text)


def weight(text: str) -> float:
    """Content in comparable units: one Han character counts like ~3 Latin letters."""
    return 3.0 * han_count(text) + latin_count(text)
