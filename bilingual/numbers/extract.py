"""The public entry points: every quantity of a text, and numeral words that are not quantities."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilingual.lang import base_code
from bilingual.numbers.chinese import _CN_BIG, _CN_DIGIT, _CN_SMALL, _extract_zh
from bilingual.numbers.latin import (
    _LABEL_WORDS,
    _MONTH_ABBR,
    _MONTHS,
    _ONES,
    _ORDINALS,
    _SCALES,
    _extract_latin,
)
from bilingual.numbers.model import Quantity

# --------------------------------------------------------------------------------------------
# Public API

# Every quantity the rules accept contains one of these (a Chinese 1 needs 第, a scale or a list
# marker; an English one needs a digit or one of the words).
# 半 for 一年半 (1.5 years), whose 一 alone is no hint
_ZH_HINT = re.compile(r"[0-9０-９二两兩三四五六七八九十拾百千万萬亿億第〇零%％首正世半]|^\s*[(（]")
_HINT_WORDS_EXTRA = (
    "twice",
    "thrice",
    "decade",
    "decades",
    # "the eighties" (a decade of years)
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    # "this century", "the turn of the century"
    "century",
    "quarter",
    "quarters",
    "halves",
    "thirds",
)
_HINT_WORDS = frozenset(
    {
        *_ONES,
        *_SCALES,
        *_ORDINALS,
        *_MONTHS,
        *_MONTH_ABBR,
        "half",
        "several",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        *_LABEL_WORDS,
        *_HINT_WORDS_EXTRA,
        # "sevenfold", "an hundredfold" (latin._EN_FOLD)
        *(f"{w}fold" for w in (*_ONES, *_SCALES)),
    }
)
_HINT_TOKEN = re.compile(r"[a-z]+")
_HINT_DIGIT = re.compile(r"\d")


_LATIN_RUN = re.compile(r"[A-Za-z0-9$£€][A-Za-z0-9$£€%'’.,:;!?\"“” /-]*[A-Za-z0-9%]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _latin_hint(text: str) -> bool:
    """Cheap pre-check: a digit, a number word, or a month name (roman numerals need a label)."""
    if _HINT_DIGIT.search(text):
        return True
    return not _HINT_WORDS.isdisjoint(_HINT_TOKEN.findall(text.lower()))


def extract_numbers(text: str, lang: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` (language ``lang``: "en", "zh", "de", "fr", ...), in order.

    Chinese text may contain Latin-script stretches with their own digits ("$500", "Opus 4.5"):
    those are read by the Chinese rules, which also accept arabic digits and currency signs.
    """
    base = base_code(lang)
    # Most sentences hold no number: a single regex scan decides that cheaply.
    if base == "zh":
        found = _extract_zh(text) if _ZH_HINT.search(text) else []
        # Latin-script sentences inside Chinese text (quotes, untranslated parts): their number
        # words ("two thousand") are read by the English rules.
        for m in _LATIN_RUN.finditer(text):
            run = m.group(0)
            if len(_LATIN_WORD.findall(run)) >= 3 and _latin_hint(run):
                found += [
                    replace(q, start=q.start + m.start(), end=q.end + m.start())
                    for q in _extract_latin(run, "en")
                ]
    else:
        if not _latin_hint(text):
            return ()
        found = _extract_latin(text, base)
    # Overlapping matches (a roman numeral label and a digit label, say): keep the longest.
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    result: list[Quantity] = []
    last_end = -1
    for q in found:
        if q.start >= last_end:
            result.append(q)
            last_end = q.end
    return tuple(result)


_EN_WORD_VALUE = {
    **{w: float(v) for w, v in _ONES.items() if w != "score"},
    **{w: float(v) for w, v in _ORDINALS.items()},
    **dict.fromkeys(
        (
            "both",
            "pair",
            "pairs",
            "couple",
            "couples",
            "twin",
            "twins",
            "duo",
            "double",
            "doubled",
            "doubles",
            "doubling",
            "dual",
            "either",
            "neither",
        ),
        2.0,
    ),
    **dict.fromkeys(("trio", "triple", "tripled", "triples", "tripling"), 3.0),
    **dict.fromkeys(("single", "once", "sole", "lone", "only"), 1.0),
}
_EN_A_UNIT = re.compile(
    r"\ban?\s+(?:hour|day|week|month|year|minute|second|decade|century)\b", re.IGNORECASE
)
_EN_NUMERAL_LIKE = re.compile(rf"\b(?:{'|'.join(_EN_WORD_VALUE)})\b", re.IGNORECASE)
_ZH_WORD_VALUE = {
    **{c: float(v) for c, v in _CN_DIGIT.items()},
    **{c: float(v) for c, v in _CN_SMALL.items()},
    **{c: float(v) for c, v in _CN_BIG.items()},
    **dict.fromkeys("双雙俩倆对對", 2.0),
    "仨": 3.0,
    **dict.fromkeys("首初单單唯独獨", 1.0),
}
_ZH_NUMERAL_LIKE = re.compile(f"[{''.join(_ZH_WORD_VALUE)}]")


@dataclass(frozen=True)
class NumeralWord:
    """A numeral-like word that is not read as a quantity: "both" (2), 唯一 (1), 双 (2)."""

    text: str
    value: float
    start: int
    end: int


def numeral_words(text: str, lang: str, found: Sequence[Quantity] = ()) -> tuple[NumeralWord, ...]:
    """Numeral-like words of ``text`` that no quantity in ``found`` covers, with their count.

    "both", "pair", "once", "first", 双, 俩, 首, or a numeral inside a word (唯一, 两国): they
    often carry the count that the other side of a translation writes as a number, so a small
    bare number without counterpart is weak evidence of drift when such a word of the same value
    is present on the other side.
    """
    base = base_code(lang)
    zh = base == "zh"
    rx = _ZH_NUMERAL_LIKE if zh else _EN_NUMERAL_LIKE
    table = _ZH_WORD_VALUE if zh else _EN_WORD_VALUE
    words = [
        NumeralWord(m.group(0), table[m.group(0) if zh else m.group(0).lower()], m.start(), m.end())
        for m in rx.finditer(text)
    ]
    if not zh:  # "an hour", "a year": the article counts one of the unit
        words += [
            NumeralWord(m.group(0), 1.0, m.start(), m.end()) for m in _EN_A_UNIT.finditer(text)
        ]
    return tuple(
        w
        for w in sorted(words, key=lambda w: w.start)
        if not any(q.start <= w.start < q.end for q in found)
    )
