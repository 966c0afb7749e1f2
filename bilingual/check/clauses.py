"""Clauses and content words of one side, and the runs of them the other side does not say.

The dictionary channel of the partial check (:mod:`bilingual.check.partial`): each side is
cut into clauses at punctuation and every content word gets the keys it can be matched by
(English stems; the gloss stems of a Chinese word in CC-CEDICT). Word alignment and the
phrase check reuse the keys and the runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilingual import cedict
from bilingual.check.context import is_cjk
from bilingual.check.negation import EN_NEGATION as _EN_NEGATION
from bilingual.check.negation import jieba_module as _jieba
from bilingual.check.negation import negations_zh as _negations_zh
from bilingual.encode.lexical import cedict_glosses
from bilingual.lang import Language
from bilingual.lang import get as get_language
from bilingual.lang.script import HAN as _HAN

# The function words of a side are its Language's (clauses(text, lang) asks the registry); the
# dictionary keys of Latin-script words are English stems, as the CC-CEDICT glosses are English.
stem = get_language("en").stem

# A clause needs this many judgeable content words to be reported, and at most this share of
# them may have a counterpart; the rest of the bead must be covered at least REST_COVERAGE.
MIN_CONTENT = 3
MAX_CLAUSE_COVERAGE = 0.2
REST_COVERAGE = 0.5
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d.,:]*")
_ZH_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*|\d[\d.,:]*")
EN_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s")
ZH_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()、“”「」—]")

_SENTENCE_END = re.compile(r"[.!?。！？;；]")


@dataclass(frozen=True)
class Word:
    """A content word of one side: where it is and the keys it can be matched by."""

    text: str
    start: int
    end: int
    keys: frozenset[str]
    judged: bool  # the dictionary (or the name matcher) can tell whether it is translated


@dataclass(frozen=True)
class Clause:
    """A stretch of one side between clause punctuation, with its content words."""

    start: int
    end: int
    words: tuple[Word, ...]


# number words are the number check's business (bilingual.numbers), not the dictionary's
EN_NUMBER_WORD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|"
    r"seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|"
    r"millions?|billions?|first|second|third|(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|"
    r"\w+teen|\w+tie|hundred|thousand|million)th|score|dozens?|half)"
)


@functools.lru_cache(maxsize=100_000)
def en_keys(word: str) -> tuple[frozenset[str], bool]:
    low = word.lower().replace("’", "'")
    if low[0].isdigit() or EN_NUMBER_WORD.fullmatch(low):
        return frozenset({"#" + re.sub(r"[.,:]", "", low)}), False
    s = stem(low)
    judged = bool(cedict.gloss_heads(low) or cedict.gloss_heads(s))
    return frozenset({s, low}), judged


@functools.lru_cache(maxsize=100_000)
def zh_keys(word: str) -> tuple[frozenset[str], bool]:
    if not _HAN.match(word):
        low = word.lower()
        if low[0].isdigit():
            return frozenset({"#" + re.sub(r"[.,:]", "", low)}), False
        return frozenset({stem(low), low}), False
    glosses = set(cedict_glosses(word)) | _short_senses(word)
    judged = bool(glosses)
    if len(word) > 1:
        for ch in word:
            glosses.update(cedict_glosses(ch))
    return frozenset(glosses), judged


_SENSE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
_SENSE_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ARTICLES = frozenset({"the", "a", "an", "to"})


def _short_senses(word: str) -> frozenset[str]:
    """Every word of the short senses of ``word`` (one or two words), function words included.

    The dictionary channel drops English function words from glosses, so a Chinese word that
    translates one (以上 "the above-mentioned", 之后 "after", 而且 "and") had no key that its
    English counterpart could meet: the English side drops "above" and "after" as stop words,
    and the Chinese side counted them as unsaid.
    """
    out: set[str] = set()
    for entry in cedict.entries(word)[:2]:
        for sense in entry.senses[:4]:
            for part in sense.split(";"):
                words = [
                    w.lower()
                    for w in _SENSE_WORD.findall(_SENSE_NOTE.sub(" ", part))
                    if w.lower() not in _ARTICLES
                ]
                if 1 <= len(words) <= 2:
                    out.update(stem(w) for w in words)
    return frozenset(out)


def _cedict_words(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """jieba's tokens, neighbours joined where CC-CEDICT has the joined word (免责+声明 =
    免责声明 "disclaimer"): the dictionary glosses a compound, not always its halves."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        best = i
        for j in range(i + 1, min(len(tokens), i + 3)):
            joined = "".join(t[0] for t in tokens[i : j + 1])
            if len(joined) > 6 or not _HAN.fullmatch(joined[-1]):
                break
            if cedict.has(joined):
                best = j
        w = "".join(t[0] for t in tokens[i : best + 1])
        out.append((w, tokens[i][1], tokens[best][2]))
        i = best + 1
    return out


# A negation covers a negation of the other side: "not in labs" is said by 而非实验室 although
# no dictionary glosses 非 as "not" in the keys of its word.
_NEGATED = frozenset({"¬"})


def split_spans(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in breaks.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


# Early Modern English formulas that translations do not render word for word ("And it came to
# pass", "brought forth", "behold"), and its function words (the names check's list).
_EN_FORMULA = re.compile(
    r"\b(?:it\s+)?(?:came|come|cometh)\s+to\s+pass\b|\b(?:brought|bring|bringeth|came|come|"
    r"went|go|goeth|shall\s+come)\s+forth\b|\b(?:and\s+)?(?:behold|lo)\b",
    re.IGNORECASE,
)


def _en_words(text: str, language: Language) -> list[Word]:
    out = []
    formulas = [(m.start(), m.end()) for m in _EN_FORMULA.finditer(text)]
    for m in _EN_WORD.finditer(text):
        w = m.group()
        low = w.lower()
        if (
            low in language.stop_words
            or low in language.archaic_words
            or (len(w) < 2 and not w.isdigit())
        ):
            continue
        if any(a <= m.start() < b for a, b in formulas):
            if low not in ("brought", "bring", "bringeth"):
                continue  # "brought forth" keeps its verb: 生/带/拿出 render it
            if not text[m.end() :].lstrip().lower().startswith("forth"):
                continue
        keys, judged = en_keys(w)
        if _EN_NEGATION.fullmatch(w):
            keys = keys | _NEGATED
        out.append(Word(w, m.start(), m.end(), keys, judged))
    return out


def _zh_words(text: str, language: Language) -> list[Word]:
    jieba = _jieba()
    out = []
    tokens = list(jieba.tokenize(text, HMM=False))  # type: ignore[attr-defined]
    negations = _negations_zh(text)
    for w, a, b in _cedict_words(tokens):
        if w in language.stop_words or not w.strip():
            continue
        if _HAN.match(w):
            keys, judged = zh_keys(w)
            # One character alone is a function word, a measure word or a piece of a word the
            # segmenter does not know (三/闷/儿 of the name 三闷儿): no evidence either way.
            judged = judged and len(w) > 1
            if any(a <= n < b for n, _ in negations):
                keys = keys | _NEGATED
            out.append(Word(w, a, b, keys, judged))
        else:
            for m in _ZH_LATIN.finditer(w):
                keys, judged = zh_keys(m.group())
                out.append(Word(m.group(), a + m.start(), a + m.end(), keys, judged))
    return out


# One segment is a side of its own bead, of its neighbours' merged beads and of the moved-
# clause test: the partial and neighbour checks asked for the same side's clauses ~4 times
# (23,000 calls on 5,000 Bible verses, 45 % of them again). A pure function of the text:
# the recent ones kept (the checks ask in document order; a Chinese side's words hold their
# dictionary keys, so not a whole book's).
@functools.lru_cache(maxsize=32_768)
def clauses(text: str, lang: str) -> tuple[Clause, ...]:
    """The clauses of one side and their content words (offsets into ``text``)."""
    language = get_language(lang)
    words = _zh_words(text, language) if is_cjk(lang) else _en_words(text, language)
    spans = split_spans(text, ZH_CLAUSE_BREAK if is_cjk(lang) else EN_CLAUSE_BREAK)
    out = []
    for a, b in spans:
        inside = tuple(w for w in words if a <= w.start < b)
        if inside:
            a2, b2 = inside[0].start, inside[-1].end
            out.append(Clause(a2, b2, inside))
    return tuple(out)


def _all_keys(words: Sequence[Word]) -> frozenset[str]:
    return frozenset(k for w in words for k in w.keys)


def _covered(word: Word, other_keys: frozenset[str], other_text: str, lang: str) -> bool:
    if word.keys & other_keys:
        return True
    if not is_cjk(lang) and word.text[:1].isupper() and not word.judged:
        return False
    return word.text.lower() in other_text.lower()


@dataclass(frozen=True)
class Uncovered:
    """A clause of one side with (almost) no counterpart, and the numbers that say so."""

    clause: Clause
    coverage: float
    rest_coverage: float
    judged: int


@functools.lru_cache(maxsize=65536)
def uncovered_runs(text: str, lang: str, other: str, other_lang: str) -> tuple[tuple, float]:
    found, overall = uncovered_clauses(text, lang, other, other_lang)
    return tuple(found), overall


def coverage_flags(
    text: str, lang: str, other: str, other_lang: str
) -> tuple[list[Word], list[bool | None]]:
    """The content words of ``text`` and, for each, whether ``other`` says it (None: a word
    the dictionary cannot judge)."""
    words = [w for c in clauses(text, lang) for w in c.words]
    keys = _saying_keys(other, other_lang)
    return words, [_covered(w, keys, other, lang) if w.judged else None for w in words]


def _saying_keys(other: str, other_lang: str) -> frozenset[str]:
    """Every key by which ``other`` says a word (the other side of :func:`coverage_flags`).
    Not memoised: nearly every call is another text, and a Chinese side's set (every
    character's glosses) is large."""
    keys = _all_keys([w for c in clauses(other, other_lang) for w in c.words])
    if is_cjk(other_lang):
        # every character's glosses: a generous reading of the Chinese side
        return keys | frozenset(k for ch in set(other) if _HAN.match(ch) for k in zh_keys(ch)[0])
    return keys | frozenset(stem(w.lower()) for w in _EN_WORD.findall(other))


def uncovered_clauses(
    text: str, lang: str, other: str, other_lang: str
) -> tuple[list[Uncovered], float]:
    """Runs of ``text`` that ``other`` does not say, and the coverage of all of ``text``.

    A run is a maximal stretch of content words none of whose judgeable words has a
    counterpart (words the dictionary cannot judge, such as unknown names, neither break nor
    count); it is reported when it holds ``MIN_CONTENT`` judgeable words and the words
    outside it are covered at least ``REST_COVERAGE``. Runs stop at sentence punctuation.
    """
    words, flags = coverage_flags(text, lang, other, other_lang)
    total = sum(f is not None for f in flags)
    hit = sum(bool(f) for f in flags)
    overall = hit / total if total else float("nan")
    out: list[Uncovered] = []
    run: list[int] = []

    def close() -> None:
        judged = [k for k in run if flags[k] is not None]
        if len(judged) >= MIN_CONTENT:
            rest_n = total - len(judged)
            rest = (hit / rest_n) if rest_n else 0.0
            if rest_n >= 1 and rest >= REST_COVERAGE:
                first, last = words[judged[0]], words[judged[-1]]
                inside = tuple(words[judged[0] : judged[-1] + 1])
                out.append(Uncovered(Clause(first.start, last.end, inside), 0.0, rest, len(judged)))
        run.clear()

    for k, f in enumerate(flags):
        if f:
            close()
        elif run and _SENTENCE_END.search(text, words[run[-1]].end, words[k].start):
            close()
            run.append(k)
        else:
            run.append(k)
    close()
    return out, overall
