"""Negation on either side of an English–Chinese pair: where each side negates, and a negation
one side has and the other lacks.

English negations are explicit words (not, never, no, n't ...). A Chinese negation is a *word*
that negates: a negation character inside a word or a name is that word's (分别 "to tell
apart", 不料 "unexpectedly", 非利士 Philistine), and a dictionary word negates when CC-CEDICT
glosses it with a negation (没有 "haven't", 不可 "cannot"). Question tags (以扫不是 "or not")
and "lest" (免得) answer an English negation without needing one. Used by the partial-omission
check (a negation one side lacks) and by its clause coverage (negations cover each other).
"""

from __future__ import annotations

import functools
import logging
import re

from bilingual import cedict
from bilingual.check.context import is_cjk
from bilingual.lang import get as get_language
from bilingual.lang.script import HAN as _HAN
from bilingual.lang.script import HAN_CLASS

__all__ = ["EN_NEGATION", "jieba_module", "negation_gap", "negations_zh"]

# words with a negation character that do not negate (不过, 非常): Chinese data, lang/zh/
_ZH_NOT_NEGATION = get_language("zh").false_negations


@functools.lru_cache(maxsize=1)
def jieba_module() -> object:
    """jieba, loaded once with its dictionary (the partial check segments with it too)."""
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


_EN_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without|cannot|can't|"
    r"won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|hasn't|haven't|hadn't|"
    r"shouldn't|wouldn't|couldn't|mustn't|needn't|ain't|nay)\b|n[’']t\b",
    re.IGNORECASE,
)
# English words that carry a negation a Chinese translation writes with 不/无/未 ...
_EN_NEGATIVE_WORD = re.compile(
    r"\b(?:un|in|im|il|ir|dis|non)-?[a-z]{3,}|\bnon-[a-z]{2,}|\b\w+less\b|\b(?:fail\w*|refus\w*|lack\w*|"
    r"den(?:y|ied|ies)|avoid\w*|prevent\w*|stop\w*|hardly|barely|rarely|seldom|little|few|"
    r"absen\w*|free|ban\w*|prohibit\w*|forbid\w*|against|instead|rather|unless|except|"
    r"only|neither|lest|doubt\w*|reject\w*|miss\w*|lost|lose|loss|unable|before|until|"
    r"ere|yet|otherwise|else)\b",
    re.IGNORECASE,
)
_ZH_NEGATION = re.compile(r"[不没沒未无無非别別勿甭]")
_ZH_OUTSIDE = re.compile(r"外")
_NOT_ONLY = re.compile(r"\s+(?:only|just|merely|simply|solely)\b", re.IGNORECASE)


def _negations_zh(text: str, soft: bool = False) -> list[tuple[int, int]]:
    """Where ``text`` negates: each word that holds a negation character and negates.

    A negation character inside a word is that word's (分别 "to tell apart", 别人 "others",
    不料 "unexpectedly"): a dictionary word negates when CC-CEDICT glosses it with a negation
    (没有 "haven't", 不可 "cannot", 未有 "has never been"). Names (非利士, 利未, 别是巴) do not
    negate, nor does a negation character with nothing after it to negate (退了没有。 is a
    question tag), nor 别 that is no imperative (出了别是巴).
    """
    found = list(_zh_negation_spans(text, soft))
    return found


# Negations a translation may use for an English "not" without stating one: question tags
# (以扫不是 "or not", 退了没有) and "lest" (免得, 以免 "so that ... not"). They answer an English
# negation but do not need one.
_ZH_SOFT_NEGATION = re.compile(rf"免得|以免|[不没沒](?:是|有)?(?=\W*$)|([{HAN_CLASS}])[不没沒]\1")


@functools.lru_cache(maxsize=65536)
def _zh_negation_spans(text: str, soft: bool = False) -> tuple[tuple[int, int], ...]:
    if soft:
        extra = tuple((m.start(), m.end()) for m in _ZH_SOFT_NEGATION.finditer(text))
        return tuple(sorted(set(_zh_negation_spans(text) + extra)))
    masked = text
    for w in _ZH_NOT_NEGATION:
        masked = masked.replace(w, "x" * len(w))
    if not _ZH_NEGATION.search(masked):
        return ()
    from bilingual.check.names import chinese_names

    names = chinese_names(text)
    out: list[tuple[int, int]] = []
    for w, a, b in jieba_module().tokenize(text, HMM=False):  # type: ignore[attr-defined]
        hit = _ZH_NEGATION.search(masked, a, b)
        if hit is None or any(s <= hit.start() < e for s, e in names):
            continue
        if _a_not_a(text, hit.start()):
            continue  # 投不投降, 是不是, 好不好: a question, not a negation
        after = text[b : b + 1]
        before = text[a - 1 : a] if a else ""
        ends = not after or _PUNCT_AFTER.match(after)
        if ends and (len(w) == 1 or w in _ZH_QUESTION_TAGS) and _HAN.match(before):
            continue  # nothing follows to be negated: 利未， / 有兄弟没有。 (but 说，不，= "no")
        if len(w) == 1:
            if w in "别別" and not (a == 0 or text[a - 1] in _ZH_IMPERATIVE_BEFORE):
                continue
            out.append((hit.start(), hit.end()))
        elif _negating_word(w):
            out.append((hit.start(), hit.end()))
    return tuple(out)


def _a_not_a(text: str, at: int) -> bool:
    """Whether the negation character at ``at`` joins a verb to itself (投不投降, 有没有)."""
    return (
        0 < at < len(text) - 1 and text[at - 1] == text[at + 1] and bool(_HAN.match(text[at - 1]))
    )


_PUNCT_AFTER = re.compile(r"[，,。.；;：:！!？?、）)」』”\"'…—\n]")
_ZH_QUESTION_TAGS = frozenset({"没有", "沒有", "不是", "未"})
# 别 is "don't" at the head of a clause or after its subject or an adverb (你别去, 千万别)
_ZH_IMPERATIVE_BEFORE = frozenset("，,。；;：:！!？?“「 你您们們请請千万萬可就也都还還再")
_NEG_GLOSS = re.compile(
    _EN_NEGATION.pattern
    + r"|\b(?:unable|incapable|impossible|unmanned|uninhabited|lack\w*|fail\w*|refus\w*|"
    r"\w+less)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=65536)
def _negating_word(word: str) -> bool:
    """A word of several characters that negates: glossed as a negation, or unknown to the
    dictionary (从未见过) while holding a negation character outside any known word."""
    entries = cedict.entries(word)
    if not entries:
        return True
    return any(_NEG_GLOSS.search(sense) for e in entries for sense in e.senses[:4])


def negation_gap(text: str, lang: str, other: str, other_lang: str) -> tuple[int, int] | None:
    """The first negation of ``text`` when ``other`` has none at all (nor a negative word)."""
    if is_cjk(lang) == is_cjk(other_lang):
        return None
    if is_cjk(lang):
        mine = _negations_zh(text)
        if mine and not _EN_NEGATION.search(other) and not _EN_NEGATIVE_WORD.search(other):
            return mine[0]
        return None
    for m in _EN_NEGATION.finditer(text):
        if _NOT_ONLY.match(text, m.end()):
            continue  # "not only X but Y", "not just": adds, does not negate (不仅)
        if m.group().lower() == "without" and _ZH_OUTSIDE.search(other):
            continue  # "without the city", "standest thou without": 城外, 外边 (outside)
        if not _negations_zh(other, soft=True):
            return m.start(), m.end()
        return None
    return None


EN_NEGATION = _EN_NEGATION
negations_zh = _negations_zh
