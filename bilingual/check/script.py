"""Which script a piece of text is written in: Han characters against Latin letters.

The facts live in :mod:`bilingual.lang.script`; the check modules import them from here.
"""

from __future__ import annotations

import re

from bilingual.lang.script import HAN, HAN_RUN, content_size, han_count, latin_count, weight

__all__ = ["HAN", "HAN_RUN", "LATIN_WORD", "content_size", "han_count", "latin_count", "weight"]

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
