"""Word links inside beads from a lexicon learned by word alignment: which words stay unlinked.

A sentence pair can say the same thing overall and still drop a phrase; the expert raters of
mqm-wmt23-zhen mark omissions and additions mostly as phrases. This channel links the words
of each paired bead through a lexicon that eflomal (a Bayesian IBM/HMM word aligner) learned
from free parallel data plus CC-CEDICT: the lexical priors of ``models/wordalign_priors.tsv.gz``
(card ``models/wordalign_priors.md``, built by ``models/train_wordalign.py``; eflomal is needed
only there). A word is linked when the other side holds a word the lexicon pairs it with, or
the same token (numbers, Latin names). The channel reports, per side, the longest run of
content words left unlinked and the unlinked share.

Running eflomal itself at check time was measured and dropped: its Gibbs sampler is not
seeded (two runs on the same page differ), it needs a C build, and on the development split
of mqm-wmt23-zhen its unlinked runs separated major omissions less well (AUC .64) than the
learned lexicon's (.73) (BENCHMARKS.md, issue 20).

Tokens: jieba words on the Chinese side, lower-cased words and numbers on the English side
(the same functions built the lexicon, so their vocabularies agree).
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bilingual.check.clauses import EN_NUMBER_WORD as _EN_NUMBER_WORD
from bilingual.diskcache import load_or_build
from bilingual.lang import get as get_language
from bilingual.lang.script import HAN_CLASS

# the word aligner links English and Chinese (its priors were trained on that pair): the words
# each leaves unlinked come from their language folders
EN_STOP = get_language("en").unlinked_words
ZH_STOP = get_language("zh").unlinked_words
PRIORS_FILE = "wordalign_priors.tsv.gz"
# lexical pairs eflomal linked at least this often in the training corpus
MIN_LINKS = 2.0
_EN_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")
_CONTENT = re.compile(f"[{HAN_CLASS}]|[A-Za-z]")
# numbers (digits, Chinese numerals) are the number check's business: not content here
_NUMBER = re.compile(r"[\d.,%]+|[零〇一二两三四五六七八九十百千万亿]+[元个名%]?")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Gap:
    """The longest run of unlinked content words of one side of a bead."""

    words: int  # content words in the run
    chars: int  # their characters
    start: int  # offsets of the run in the side's text (start == end: no run)
    end: int
    unlinked_share: float  # unlinked content words / content words of the side


@dataclass(frozen=True)
class BeadGaps:
    src: Gap
    tgt: Gap


def tokens(text: str, lang: str) -> list[Token]:
    """The tokens the priors were built from, with offsets into ``text``."""
    if lang.startswith("zh"):
        from bilingual.check.negation import jieba_module as _jieba

        jb = _jieba()
        return [Token(w, a, b) for w, a, b in jb.tokenize(text) if w.strip()]  # type: ignore[attr-defined]
    return [Token(m.group().lower(), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]


@functools.lru_cache(maxsize=1)
def lexicon() -> frozenset[tuple[str, str]]:
    """(Chinese token, English token) pairs of the shipped lexical priors (kept on disk between
    processes, ``bilingual.diskcache``, keyed by the priors file and this module's code)."""
    data = resources.files("bilingual.models").joinpath(PRIORS_FILE).read_bytes()
    sources = (data, Path(__file__).read_bytes())
    return load_or_build("wordalign-lexicon", sources, lambda: _lexicon_pairs(data))


def _lexicon_pairs(data: bytes) -> frozenset[tuple[str, str]]:
    pairs = set()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        cols = line.split("\t")
        if cols[0] == "LEX" and len(cols) == 4 and float(cols[3]) >= MIN_LINKS:
            pairs.add((cols[1], cols[2]))
    return frozenset(pairs)


def linked(zh: Sequence[str], en: Sequence[str]) -> tuple[set[int], set[int]]:
    """Indices of the Chinese and English tokens linked to the other side.

    Linked: the learned lexicon pairs the two words, or CC-CEDICT glosses the Chinese word
    (or one of its characters) with the English word's stem (the dictionary channel's keys),
    or the token is the same on both sides (numbers, Latin names).
    """
    from bilingual.check.clauses import en_keys as _en_keys
    from bilingual.check.clauses import zh_keys as _zh_keys

    by_zh, by_en = _lexicon_index()
    none: frozenset[str] = frozenset()
    # function words pair with everything in the lexicon: they may be linked, never link
    en_set = {w for w in en if w not in EN_STOP and _CONTENT.search(w)}
    zh_set = {w for w in zh if w not in ZH_STOP and _CONTENT.search(w)}
    en_keys = {w: _en_keys(w)[0] for w in en_set if w[:1].isalnum()}
    zh_keys = {w: _zh_keys(w)[0] for w in zh_set if w[:1].isalnum()}
    all_en = frozenset().union(*en_keys.values()) if en_keys else frozenset()
    all_zh = frozenset().union(*zh_keys.values()) if zh_keys else frozenset()
    zl = {
        i
        for i, w in enumerate(zh)
        if w.lower() in en_set
        or not by_zh.get(w, none).isdisjoint(en_set)
        or bool(zh_keys.get(w, none) & all_en)
    }
    el = {
        j
        for j, w in enumerate(en)
        if w in zh_set
        or not by_en.get(w, none).isdisjoint(zh_set)
        or bool(en_keys.get(w, none) & all_zh)
    }
    return zl, el


@functools.lru_cache(maxsize=1)
def _lexicon_index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The lexicon's pairs by Chinese word and by English word: whether a word pairs with
    any word of the other side is one set intersection, not a look-up per word pair."""
    by_zh: dict[str, set[str]] = {}
    by_en: dict[str, set[str]] = {}
    for z, e in lexicon():
        by_zh.setdefault(z, set()).add(e)
        by_en.setdefault(e, set()).add(z)
    return (
        {z: frozenset(es) for z, es in by_zh.items()},
        {e: frozenset(zs) for e, zs in by_en.items()},
    )


def is_number_token(text: str) -> bool:
    """A number in digits or words: the numbers check's business, never an unlinked word."""
    return bool(_NUMBER.fullmatch(text) or _EN_NUMBER_WORD.fullmatch(text))


def _gap(toks: Sequence[Token], linked: set[int], text: str) -> Gap:
    content = [
        k
        for k, t in enumerate(toks)
        if _CONTENT.search(t.text)
        and t.text not in EN_STOP
        and t.text not in ZH_STOP
        and not is_number_token(t.text)
    ]
    if not content:
        return Gap(0, 0, 0, 0, 0.0)
    unlinked = [k for k in content if k not in linked]
    best: tuple[int, int, int, int] = (0, 0, 0, 0)  # chars, words, first, last
    run: list[int] = []
    for k in content:
        if k in linked:
            run = []
            continue
        run.append(k)
        chars = sum(len(toks[i].text) for i in run)
        if chars > best[0]:
            best = (chars, len(run), run[0], run[-1])
    chars, words, first, last = best
    start, end = (toks[first].start, toks[last].end) if words else (0, 0)
    return Gap(words, chars, start, end, len(unlinked) / len(content))


def bead_gaps(pairs: Sequence[tuple[str, str]], src_lang: str, tgt_lang: str) -> list[BeadGaps]:
    """For each (source, target) text pair, the longest unlinked run of content words per side."""
    flip = not src_lang.startswith("zh")  # the lexicon pairs (Chinese, English)
    out = []
    for s_text, t_text in pairs:
        st, tt = tokens(s_text, src_lang), tokens(t_text, tgt_lang)
        zh, en = (tt, st) if flip else (st, tt)
        zl, el = linked([t.text for t in zh], [t.text for t in en])
        s_linked, t_linked = (el, zl) if flip else (zl, el)
        out.append(BeadGaps(_gap(st, s_linked, s_text), _gap(tt, t_linked, t_text)))
    return out
