"""Partial omissions and additions: a clause, a name or a negation inside a paired bead that
the other side does not say.

The whole-sentence checks (coverage, similarity) see a bead whose sides mostly agree; a clause
left out inside a long sentence barely moves its similarity. Here each side is cut into
clauses at punctuation, and every content word is looked up on the other side:

- English words through CC-CEDICT (a Chinese word covers an English word when one of its gloss
  stems is the word's stem, ``bilingual.encode.lexical``); Latin tokens and digits by form;
- names the dictionary does not know through the phonetic matcher of
  :mod:`bilingual.check.names`;
- Chinese words (jieba) by their gloss stems against the English stems.

A clause is *uncovered* when it holds at least ``MIN_CONTENT`` words that the dictionary can
judge and almost none of them has a counterpart, while the rest of the bead is well covered
(so the bead is a translation, and the clause is what it lacks). Only then is the bead
encoded without the clause: when the rest reads more like the other side than the whole
did, the finding is a warning, else information. Translators paraphrase, so the tests are
conservative and the severity follows the evidence. A negation present on one side only
(not/never/no … against 不/没/未/无/非 …) is reported the same way.

Each finding carries the uncovered span (segment and character offsets on its side).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from bilingual import cedict
from bilingual.check.context import BeadView, CheckContext, finding, is_cjk, joiner, short
from bilingual.check.negation import EN_NEGATION as _EN_NEGATION
from bilingual.check.negation import jieba_module as _jieba
from bilingual.check.negation import negation_gap
from bilingual.check.negation import negations_zh as _negations_zh
from bilingual.encode.lexical import cedict_glosses, stem
from bilingual.lang.en.words import ARCHAIC_WORDS
from bilingual.lang.en.words import STOP_WORDS as _EN_STOP
from bilingual.lang.script import HAN as _HAN
from bilingual.lang.zh.words import STOP_WORDS as _ZH_STOP
from bilingual.model import Evidence, Finding, FindingKind, Span

__all__ = [
    "Clause",
    "clauses",
    "merged_segments",
    "negation_gap",
    "partial_findings",
    "uncovered_clauses",
]

log = logging.getLogger(__name__)

# A clause needs this many judgeable content words to be reported, and at most this share of
# them may have a counterpart; the rest of the bead must be covered at least REST_COVERAGE.
MIN_CONTENT = 3
MAX_CLAUSE_COVERAGE = 0.2
REST_COVERAGE = 0.5
# A warning needs all three: this many uncovered words, a similarity gain without them above
# the gain threshold (the bead encoded with and without the run), and this side longer than
# the document's usual length ratio (log ratio). Per side: a run of the source is an omission,
# one of the target an addition, which needs more evidence (Chinese words glossed back into
# English miss more often, so the target side has more uncovered runs in clean text). Chosen
# on NTREX/Bible pairs of a separate sample (seed 5) with one target clause dropped and checked
# on the clean documents of bench_drift --mode partial; anything weaker is information.
WARN_CONTENT = {"src": 3, "tgt": 4}
CONFIRM_GAIN = {"src": 0.0, "tgt": 0.03}
LONGER = {"src": 0.12, "tgt": 0.15}
# a negation on one side only is a warning when the rest of the bead is covered this well
# (English negations are explicit; Chinese ones hide in words that English says positively)
NEGATION_COVERAGE = {"en": 0.4, "zh": 0.6}

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d.,:]*")
_ZH_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*|\d[\d.,:]*")
_EN_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s")
_ZH_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()、“”「」—]")

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
_EN_NUMBER_WORD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|"
    r"seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|"
    r"millions?|billions?|first|second|third|(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|"
    r"\w+teen|\w+tie|hundred|thousand|million)th|score|dozens?|half)"
)


@functools.lru_cache(maxsize=100_000)
def _en_keys(word: str) -> tuple[frozenset[str], bool]:
    low = word.lower().replace("’", "'")
    if low[0].isdigit() or _EN_NUMBER_WORD.fullmatch(low):
        return frozenset({"#" + re.sub(r"[.,:]", "", low)}), False
    s = stem(low)
    judged = bool(cedict.gloss_heads(low) or cedict.gloss_heads(s))
    return frozenset({s, low}), judged


@functools.lru_cache(maxsize=100_000)
def _zh_keys(word: str) -> tuple[frozenset[str], bool]:
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


def _split(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
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


def _en_words(text: str) -> list[Word]:
    out = []
    formulas = [(m.start(), m.end()) for m in _EN_FORMULA.finditer(text)]
    for m in _EN_WORD.finditer(text):
        w = m.group()
        low = w.lower()
        if low in _EN_STOP or low in ARCHAIC_WORDS or (len(w) < 2 and not w.isdigit()):
            continue
        if any(a <= m.start() < b for a, b in formulas):
            if low not in ("brought", "bring", "bringeth"):
                continue  # "brought forth" keeps its verb: 生/带/拿出 render it
            if not text[m.end() :].lstrip().lower().startswith("forth"):
                continue
        keys, judged = _en_keys(w)
        if _EN_NEGATION.fullmatch(w):
            keys = keys | _NEGATED
        out.append(Word(w, m.start(), m.end(), keys, judged))
    return out


def _zh_words(text: str) -> list[Word]:
    jieba = _jieba()
    out = []
    tokens = list(jieba.tokenize(text, HMM=False))  # type: ignore[attr-defined]
    negations = _negations_zh(text)
    for w, a, b in _cedict_words(tokens):
        if w in _ZH_STOP or not w.strip():
            continue
        if _HAN.match(w):
            keys, judged = _zh_keys(w)
            # One character alone is a function word, a measure word or a piece of a word the
            # segmenter does not know (三/闷/儿 of the name 三闷儿): no evidence either way.
            judged = judged and len(w) > 1
            if any(a <= n < b for n, _ in negations):
                keys = keys | _NEGATED
            out.append(Word(w, a, b, keys, judged))
        else:
            for m in _ZH_LATIN.finditer(w):
                keys, judged = _zh_keys(m.group())
                out.append(Word(m.group(), a + m.start(), a + m.end(), keys, judged))
    return out


def clauses(text: str, lang: str) -> list[Clause]:
    """The clauses of one side and their content words (offsets into ``text``)."""
    words = _zh_words(text) if is_cjk(lang) else _en_words(text)
    spans = _split(text, _ZH_CLAUSE_BREAK if is_cjk(lang) else _EN_CLAUSE_BREAK)
    out = []
    for a, b in spans:
        inside = tuple(w for w in words if a <= w.start < b)
        if inside:
            a2, b2 = inside[0].start, inside[-1].end
            out.append(Clause(a2, b2, inside))
    return out


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
def _uncovered(text: str, lang: str, other: str, other_lang: str) -> tuple[tuple, float]:
    found, overall = uncovered_clauses(text, lang, other, other_lang)
    return tuple(found), overall


def coverage_flags(
    text: str, lang: str, other: str, other_lang: str
) -> tuple[list[Word], list[bool | None]]:
    """The content words of ``text`` and, for each, whether ``other`` says it (None: a word
    the dictionary cannot judge)."""
    words = [w for c in clauses(text, lang) for w in c.words]
    theirs = [w for c in clauses(other, other_lang) for w in c.words]
    keys = _all_keys(theirs)
    if is_cjk(other_lang):
        # every character's glosses: a generous reading of the Chinese side
        keys = keys | frozenset(k for ch in set(other) if _HAN.match(ch) for k in _zh_keys(ch)[0])
    else:
        keys = keys | frozenset(stem(w.lower()) for w in _EN_WORD.findall(other))
    return words, [_covered(w, keys, other, lang) if w.judged else None for w in words]


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


def _span(ctx: CheckContext, side: str, ids: tuple[int, ...], a: int, b: int) -> Span | None:
    seg = ctx.alignment.src if side == "src" else ctx.alignment.tgt
    sep = len(joiner(seg.document.lang))
    pos = 0
    for i in ids:
        t = seg.segments[i].text
        if pos <= a < pos + len(t):
            return Span("src" if side == "src" else "tgt", i, a - pos, min(b - pos, len(t)), "")
        pos += len(t) + sep
    return None


def _with_text(span: Span | None, ctx: CheckContext) -> tuple[Span, ...]:
    if span is None:
        return ()
    seg = ctx.alignment.src if span.side == "src" else ctx.alignment.tgt
    return (replace(span, text=seg.segments[span.segment].text[span.start : span.end]),)


def _without(text: str, clause: Clause, lang: str) -> str:
    return (text[: clause.start] + joiner(lang) + text[clause.end :]).strip()


def _prefetch(ctx: CheckContext, want: set[str]) -> None:
    """Encode every text the gains need in one batch (the encoder cache keeps them)."""
    texts: list[str] = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        for side in ("src", "tgt"):
            if ("partial_omission" if side == "src" else "partial_addition") not in want:
                continue
            text, other = (v.src_text, v.tgt_text) if side == "src" else (v.tgt_text, v.src_text)
            lang = ctx.src_lang if side == "src" else ctx.tgt_lang
            other_lang = ctx.tgt_lang if side == "src" else ctx.src_lang
            found, _ = _uncovered(text, lang, other, other_lang)
            for u in found:
                texts += [text, _without(text, u.clause, lang), other]
    if texts:
        ctx.encode(texts)


def _gain(ctx: CheckContext, text: str, clause: Clause, other: str, lang: str) -> float:
    """Similarity of ``text`` without ``clause`` to ``other`` minus that of the whole."""
    rest = _without(text, clause, lang)
    vectors = ctx.encode([text, rest, other])
    if vectors is None:
        return float("nan")
    return float(vectors[1] @ vectors[2] - vectors[0] @ vectors[2])


def _size(text: str) -> int:
    return max(1, sum(1 for c in text if not c.isspace()))


def usual_ratio(ctx: CheckContext) -> float:
    """Median source/target length ratio (non-space characters) of the paired beads."""
    ratios = [_size(v.src_text) / _size(v.tgt_text) for v in ctx.beads if v.is_pair]
    return float(np.median(ratios)) if ratios else 1.0


# A run whose words the neighbouring beads' other side says (at least this share of its judged
# words) moved across a bead border (a verse the translation ends earlier or later), not lost.
MOVED_COVERAGE = 0.5


def _moved(run: str, lang: str, neighbours: str, other_lang: str) -> float:
    """Share of the judged words of ``run`` that ``neighbours`` (the other side of the beads
    before and after) has: 0 when there is nothing to compare."""
    if not neighbours:
        return 0.0
    _, overall = _uncovered(run, lang, neighbours, other_lang)
    return overall if np.isfinite(overall) else 0.0


def _clause_shaped(text: str, clause: Clause, lang: str) -> bool:
    """Whether a run is what a translation leaves out: inside one clause, or whole clauses.

    A run that crosses clause punctuation while starting and ending inside clauses joins the
    tail of one clause to the head of the next ("taken captive, he armed"): two paraphrased
    halves, not an omitted clause.
    """
    breaks = _ZH_CLAUSE_BREAK if is_cjk(lang) else _EN_CLAUSE_BREAK
    if not breaks.search(text, clause.start, clause.end):
        return True
    spans = _split(text, breaks)
    starts = {_first_word(text, a) for a, _ in spans}
    ends = {_last_word(text, b) for _, b in spans}
    return clause.start in starts and clause.end in ends


def _first_word(text: str, a: int) -> int:
    while a < len(text) and not text[a].isalnum():
        a += 1
    return a


def _last_word(text: str, b: int) -> int:
    while b > 0 and not text[b - 1].isalnum():
        b -= 1
    return b


# A document with at least OUTLIER_MIN uncovered runs on a side shows how much dropping a
# paraphrased run raises similarity there: a warned run must beat that spread, its gain above
# the median by OUTLIER_MADS robust standard deviations (1.4826 MAD), the usual outlier rule.
OUTLIER_MIN = 8
OUTLIER_MADS = 3.0


def _gain_floor(ctx: CheckContext, side: str) -> float:
    """The similarity gain a run of ``side`` must exceed in this document."""
    gains = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        text, other = (v.src_text, v.tgt_text) if side == "src" else (v.tgt_text, v.src_text)
        lang = ctx.src_lang if side == "src" else ctx.tgt_lang
        other_lang = ctx.tgt_lang if side == "src" else ctx.src_lang
        for u in _uncovered(text, lang, other, other_lang)[0]:
            g = _gain(ctx, text, u.clause, other, lang)
            if np.isfinite(g):
                gains.append(g)
    if len(gains) < OUTLIER_MIN:
        return CONFIRM_GAIN[side]
    med = float(np.median(gains))
    spread = 1.4826 * float(np.median(np.abs(np.asarray(gains) - med)))
    return max(CONFIRM_GAIN[side], med + OUTLIER_MADS * spread)


def _side_findings(
    ctx: CheckContext,
    v: BeadView,
    side: str,
    usual: float,
    neighbours: str = "",
    floor: float | None = None,
) -> list[Finding]:
    kind: FindingKind = "partial_omission" if side == "src" else "partial_addition"
    text = v.src_text if side == "src" else v.tgt_text
    other = v.tgt_text if side == "src" else v.src_text
    lang = ctx.src_lang if side == "src" else ctx.tgt_lang
    other_lang = ctx.tgt_lang if side == "src" else ctx.src_lang
    ids = v.bead.src if side == "src" else v.bead.tgt
    where = "source" if side == "src" else "target"
    there = "target" if side == "src" else "source"
    out: list[Finding] = []
    found, overall = _uncovered(text, lang, other, other_lang)
    mine_over_other = usual if side == "src" else 1.0 / usual
    longer = float(np.log(_size(text) / _size(other) / mine_over_other))
    for u in found:
        gain = _gain(ctx, text, u.clause, other, lang)
        span_text = text[u.clause.start : u.clause.end]
        moved = _moved(span_text, lang, neighbours, other_lang)
        confirmed = (
            np.isfinite(gain)
            and gain > (CONFIRM_GAIN[side] if floor is None else floor)
            and u.judged >= WARN_CONTENT[side]
            and longer > LONGER[side]
            and moved < MOVED_COVERAGE
            and _clause_shaped(text, u.clause, lang)
        )
        out.append(
            finding(
                v,
                kind,
                "warning" if confirmed else "info",
                f"the {there} does not seem to say this part of the {where}: “{short(span_text)}”",
                [
                    Evidence("clause_coverage", value=u.coverage),
                    Evidence("rest_coverage", value=u.rest_coverage),
                    Evidence("similarity_gain_without_it", value=gain),
                    Evidence("gain_needed", value=CONFIRM_GAIN[side] if floor is None else floor),
                    Evidence("length_excess", value=longer),
                    Evidence("said_in_neighbouring_beads", value=moved),
                    Evidence(
                        "uncovered_words",
                        tuple(w.text for w in u.clause.words) if side == "src" else (),
                        tuple(w.text for w in u.clause.words) if side == "tgt" else (),
                    ),
                ],
            )
        )
        out[-1] = replace(
            out[-1], spans=_with_text(_span(ctx, side, ids, u.clause.start, u.clause.end), ctx)
        )
    neg = negation_gap(text, lang, other, other_lang)
    if neg is not None and not (np.isfinite(overall) and overall < REST_COVERAGE):
        a, b = neg
        out.append(
            finding(
                v,
                kind,
                "warning"
                if overall >= NEGATION_COVERAGE["zh" if is_cjk(lang) else "en"]
                else "info",
                f"the {where} negates (“{text[a:b]}”) but the {there} has no negation: "
                f"“{short(text)}”",
                [_negation_evidence(text[a:b], side)],
            )
        )
        out[-1] = replace(out[-1], spans=_with_text(_span(ctx, side, ids, a, b), ctx))
    return out


def _negation_evidence(word: str, side: str) -> Evidence:
    return Evidence("negation", (word,), ()) if side == "src" else Evidence("negation", (), (word,))


# a name left out is a warning when the translation renders it in at least this share of
# the beads that have it, and the rest of this bead is covered at least this well
NAME_SHARE = 0.5
NAME_COVERAGE = 0.6


_ZH_PRONOUN = re.compile(r"[他她它祂][们們]?")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]+")


def _unexplained_name(
    en: str, zh: str, recurring: frozenset[str], find_in_chinese, chinese_names
) -> str:
    """A Chinese name of ``zh`` that renders no capitalised word of ``en`` and is not one the
    document keeps using (those render a word the matcher does not know: 耶和华 = LORD)."""
    explained: list[tuple[int, int]] = []
    for word in dict.fromkeys(_CAPITALISED.findall(en)):
        m = find_in_chinese(word, zh)
        if m.how:
            explained.append((m.start, m.end))
    for a, b in chinese_names(zh):
        if zh[a:b] in recurring:
            continue
        if not any(a < e and s < b for s, e in explained):
            return zh[a:b]
    return ""


def _missing_names(ctx: CheckContext, want: set[str]) -> list[Finding]:
    """Names the target renders in some beads but leaves out of another that has them.

    A name the matcher finds in one bead's translation has a rendering it recognises; a bead
    whose source has the same name and whose translation has no trace of it lost the name
    (or replaced it by a pronoun, which stays a warning: reviewers check those too).
    """
    from bilingual.check.names import (
        chinese_names,
        english_names,
        find_in_chinese,
        recurring_names,
    )

    en_is_src = not is_cjk(ctx.src_lang)
    recurring = recurring_names([v.tgt_text if en_is_src else v.src_text for v in ctx.beads])
    where: dict[str, list[tuple[BeadView, int, int]]] = {}
    for v in ctx.beads:
        if not v.is_pair:
            continue
        en = v.src_text if en_is_src else v.tgt_text
        for name, a, b in english_names(en):
            where.setdefault(name, []).append((v, a, b))
    out: list[Finding] = []
    for name, places in where.items():
        if len(places) < 2:
            continue
        found = [
            bool(find_in_chinese(name, v.tgt_text if en_is_src else v.src_text).how)
            for v, _, _ in places
        ]
        if not any(found):
            continue
        share = sum(found) / len(found)
        rendered = next(
            (v.tgt_text if en_is_src else v.src_text)
            for (v, _, _), ok in zip(places, found, strict=True)
            if ok
        )
        for (v, a, b), ok in zip(places, found, strict=True):
            if ok:
                continue
            side = "src" if en_is_src else "tgt"
            ids = v.bead.src if en_is_src else v.bead.tgt
            en, zh = (v.src_text, v.tgt_text) if en_is_src else (v.tgt_text, v.src_text)
            other = _unexplained_name(en, zh, recurring, find_in_chinese, chinese_names)
            kind: FindingKind = (
                "name_mismatch"
                if other
                else ("partial_omission" if en_is_src else "partial_addition")
            )
            if kind not in want:
                continue
            coverage = _uncovered(en, "en", zh, "zh")[1]
            # translations that leave names out where they repeat (a pronoun, a subject
            # understood) cover the rest of the sentence loosely and render the name rarely
            # another name in its place is evidence enough; a plain absence needs the rest of
            # the bead covered too, and no third-person pronoun that stands for the name
            # (雅各 ... 他: the translation says "he" where the source repeats the name)
            loud = share >= NAME_SHARE and (
                bool(other)
                or (
                    np.isfinite(coverage)
                    and coverage >= NAME_COVERAGE
                    and not _ZH_PRONOUN.search(zh)
                )
            )
            out.append(
                finding(
                    v,
                    kind,
                    "warning" if loud else "info",
                    f"“{name}” is not rendered here, though the translation names it elsewhere "
                    f"(“{short(rendered, 40)}”)"
                    + (f"; this bead names {other} instead" if other else ""),
                    [
                        Evidence("name_rendered_elsewhere", (name,), (short(rendered, 80),)),
                        Evidence("rendered_share", value=share),
                        Evidence("rest_coverage", value=coverage),
                    ],
                )
            )
            out[-1] = replace(out[-1], spans=_with_text(_span(ctx, side, ids, a, b), ctx))
    return out


# A segment merged into an n:m bead is said nowhere on the other side when at most
# MERGED_COVERAGE of its (at least MERGED_CONTENT) judgeable words have a counterpart while
# the bead's other segments are covered at least MERGED_MARGIN better (dropped verses that
# the aligner merged into a neighbour's bead, bench/bench_drift.py).
MERGED_CONTENT = 4
MERGED_COVERAGE = 0.2
MERGED_MARGIN = 0.25


def merged_segments(ctx: CheckContext) -> list[Finding]:
    """Source segments of n:m beads whose content words the target does not have at all."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []
    want = set(ctx.config.kinds)
    out: list[Finding] = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        # the source side only: Chinese sentences of a 1:2 bead gloss back into English
        # too loosely (a clean Bible chapter raised 77 such additions in bench_drift)
        for side in ("src",):
            kind: FindingKind = "omission" if side == "src" else "addition"
            ids = v.bead.src if side == "src" else v.bead.tgt
            if kind not in want or len(ids) < 2:
                continue
            seg = ctx.alignment.src if side == "src" else ctx.alignment.tgt
            lang = ctx.src_lang if side == "src" else ctx.tgt_lang
            other_lang = ctx.tgt_lang if side == "src" else ctx.src_lang
            other = v.tgt_text if side == "src" else v.src_text
            stats = [_coverage_counts(seg.segments[i].text, lang, other, other_lang) for i in ids]
            for k, i in enumerate(ids):
                judged, hit = stats[k]
                rest_j = sum(s[0] for n, s in enumerate(stats) if n != k)
                rest_h = sum(s[1] for n, s in enumerate(stats) if n != k)
                if judged < MERGED_CONTENT or not rest_j:
                    continue
                cov, rest = hit / judged, rest_h / rest_j
                if cov > MERGED_COVERAGE or rest - cov < MERGED_MARGIN:
                    continue
                text = seg.segments[i].text
                where = "source" if side == "src" else "target"
                out.append(
                    finding(
                        v,
                        kind,
                        "warning",
                        f"{where} sentence is merged into a bead but the other side has none of "
                        f"its words: “{short(text)}”",
                        [
                            Evidence("segment_coverage", value=cov),
                            Evidence("rest_coverage", value=rest),
                        ],
                        src_ids=(i,) if side == "src" else v.bead.src,
                        tgt_ids=v.bead.tgt if side == "src" else (i,),
                        src_text=text if side == "src" else v.src_text,
                        tgt_text=v.tgt_text if side == "src" else text,
                    )
                )
    return out


def _coverage_counts(text: str, lang: str, other: str, other_lang: str) -> tuple[int, int]:
    """(judgeable words, of them covered) of ``text`` against ``other``."""
    _, overall = _uncovered(text, lang, other, other_lang)
    words = [w for c in clauses(text, lang) for w in c.words if w.judged]
    if not words or not np.isfinite(overall):
        return 0, 0
    return len(words), round(overall * len(words))


def partial_findings(ctx: CheckContext) -> list[Finding]:
    """Partial omissions (source side) and additions (target side) of every paired bead."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []  # the dictionary channel is English–Chinese only
    want = set(ctx.config.kinds)
    usual = usual_ratio(ctx)
    _prefetch(ctx, want)
    out: list[Finding] = []
    beads = ctx.beads
    floor = {side: _gain_floor(ctx, side) for side in ("src", "tgt")}
    for k, v in enumerate(beads):
        if not v.is_pair:
            continue
        near = [beads[j] for j in (k - 1, k + 1) if 0 <= j < len(beads)]
        if "partial_omission" in want:
            there = joiner(ctx.tgt_lang).join(n.tgt_text for n in near if n.tgt_text)
            out += _side_findings(ctx, v, "src", usual, there, floor["src"])
        if "partial_addition" in want:
            there = joiner(ctx.src_lang).join(n.src_text for n in near if n.src_text)
            out += _side_findings(ctx, v, "tgt", usual, there, floor["tgt"])
    out += _missing_names(ctx, want)
    return out
