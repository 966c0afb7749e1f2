"""Names in Chinese text: which spans of a Chinese sentence are names.

A jieba word of two characters or more that CC-CEDICT lists as a proper noun, or that jieba
tags as a name and is written like a transliteration, or a run of transliteration characters
holding no ordinary word. Used by the name check (:mod:`bilingual.check.names`) and by the
checks that must not read a name as a word (numbers inside 雅八, negations inside 非利士).
"""

from __future__ import annotations

import functools

from bilingual import cedict
from bilingual.check.zh_tagger import tag
from bilingual.encode.memo import prefetch_calls, prefetched
from bilingual.lang import get as get_language
from bilingual.lang.script import HAN

# a CEDICT entry glossed only with these English words is no name; names written by sound use
# the Chinese transliteration characters (lang/en, lang/zh through the language registry)
NOT_NAMES = get_language("en").not_names
_TRANSLIT = get_language("zh").transliterator()
TRANSLIT_CHARS = _TRANSLIT.chars
transliteration_runs = _TRANSLIT.runs


# jieba's part-of-speech tags for names of people, places, organisations and other proper nouns.
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def is_proper(head: str) -> bool:
    """A CC-CEDICT proper noun that names something (not 周四 'Thursday') and is not also an
    ordinary word (安抚 'to placate' is a county too)."""
    if not any(g not in NOT_NAMES for g in cedict.proper_glosses(head)):
        return False
    return not is_common_zh(head)


@functools.lru_cache(maxsize=65_536)
def is_common_zh(word: str) -> bool:
    return any(not e.is_proper for e in cedict.entries(word))


def chinese_names(zh: str) -> list[tuple[int, int]]:
    """Spans of ``zh`` that are names: jieba words of two characters or more that CC-CEDICT
    lists as proper nouns, or that jieba tags as names and are written like a
    transliteration (jieba's tags are guesses: 水里 'in the water' is no name)."""
    return list(_chinese_names(zh))


# The checks ask for the names of the same segment several times (per bead, per document
# pass, partial coverage); jieba's tagger was ~40 % of a check's time.
@functools.lru_cache(maxsize=65_536)
def _chinese_names(zh: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = 0
    tagged = prefetched(_TAGS, zh)
    for word, pos_tag in tag_words([zh])[0] if tagged is None else tagged:
        start, pos = pos, pos + len(word)
        if len(word) < 2 or not HAN.match(word):
            continue
        if is_proper(word) or (
            pos_tag in _NAME_TAGS
            and sum(c not in TRANSLIT_CHARS for c in word) <= 1
            and not is_common_zh(word)
        ):
            spans.append((start, pos))
        elif len(word) >= 3 and not is_common_zh(word):
            # A name jieba glued to a word (英国总统): a proper noun opening or closing it.
            for size in range(len(word) - 1, 1, -1):
                if is_proper(word[:size]):
                    spans.append((start, start + size))
                    break
                if is_proper(word[-size:]):
                    spans.append((pos - size, pos))
                    break
    taken = [False] * len(zh)
    for a, b in spans:
        taken[a:b] = [True] * (b - a)
    for a, b in transliteration_runs(zh):
        # A run of transliteration characters holding no ordinary word: an unknown name.
        run = zh[a:b]
        if "·" in run or any(taken[a:b]) or holds_common_word(run):
            continue
        spans.append((a, b))
    return tuple(sorted(spans))


_TAGS = "jieba.posseg"
# Fewer texts than this are tagged here: a worker process takes ~2 s to start (jieba's
# tagger tables among its imports). Texts per task: ~0.25 s of tagging (check/zh_tagger's
# ~4,000 Bible verses a second), so the checks seldom wait for a chunk under way.
PREFETCH_MIN_TEXTS = 2000
PREFETCH_CHUNK = 1000


def tag_words(texts: list[str]) -> list[tuple[tuple[str, str], ...]]:
    """jieba's (word, part-of-speech tag) pairs of each text (also run in a worker process)."""
    return [tag(x) for x in texts]


def prefetch_names(texts: list[str]) -> bool:
    """Start tagging ``texts`` in the open run's worker process (``bilingual.encode.memo``)
    for :func:`chinese_names`, which otherwise tags each text here when asked: jieba's
    tagger is most of the name check's time. The tags are the same wherever computed."""
    todo = [t for t in dict.fromkeys(texts) if t.strip()]
    return prefetch_calls(_TAGS, tag_words, todo, PREFETCH_MIN_TEXTS, PREFETCH_CHUNK)


def holds_common_word(run: str) -> bool:
    return any(is_common_zh(run[i:j]) for i in range(len(run)) for j in range(i + 2, len(run) + 1))


def acronym_of(head: str) -> str:
    """Initials of the capitalised gloss words of a proper noun: 联合国 -> UN."""
    return "".join(g[0] for g in cedict.proper_glosses(head) if g[0].isupper())
