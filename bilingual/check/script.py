"""Which script a piece of text is written in: Han characters against Latin letters."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def latin_count(text: str) -> int:
    return sum(1 for c in text if "a" <= c.lower() <= "z")


def content_size(text: str) -> int:
    """Letters plus Han characters: how much there is to say, ignoring digits and punctuation."""
    return han_count(text) + latin_count(text)


def weight(text: str) -> float:
    """Content in comparable units: one Han character counts like ~3 Latin letters."""
    return 3.0 * han_count(text) + latin_count(text)
