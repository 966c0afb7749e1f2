"""A lexicon learned from the document itself, added to the lexical channel for a second pass.

hunalign's realign idea with today's signals: the confident 1:1 beads of a first alignment
are a small parallel corpus of the document; word pairs that keep occurring together there
(Dice coefficient, mutual best partners, seen at least ``min_count`` times) are the names,
terms and words this translation uses, including those CC-CEDICT lacks (characters' names in
a novel, the genealogies of the Bible). A pair CC-CEDICT already links adds nothing and is
left out; an English name and a Chinese word whose sounds match (the transliteration matcher
of :mod:`bilingual.lang.zh.transliteration`) needs only one confident bead. Each learned pair
becomes one shared hashed key, IDF-weighted like the lexical channel's own keys, so windows
still sum.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.lang import base_code

log = logging.getLogger(__name__)

Words = tuple[str, ...]


@dataclass(frozen=True)
class LexiconPair:
    """One learned pair: a source and a target word and how strongly they go together."""

    src: str
    tgt: str
    count: int
    dice: float
    how: str  # "dice" or "name"


def learn_pairs(
    src_words: Sequence[Words],
    tgt_words: Sequence[Words],
    links: Sequence[tuple[int, int]],
    *,
    min_count: int = 2,
    min_dice: float = 0.5,
    known: Callable[[str, str], bool] | None = None,
    name_match: Callable[[str, str], bool] | None = None,
) -> tuple[LexiconPair, ...]:
    """Word pairs of the 1:1 ``links`` (source index, target index) that go together.

    A pair is kept when each word is the other's best partner by Dice, the pair occurs in at
    least ``min_count`` links with Dice ≥ ``min_dice`` (or ``name_match`` accepts it, one
    link then suffices), and ``known`` (already linked by the dictionary) is false.
    """
    if not links:
        return ()
    s_vocab: dict[str, int] = {}
    t_vocab: dict[str, int] = {}
    pair_codes: list[int] = []
    s_occ: list[int] = []
    t_occ: list[int] = []
    for i, j in links:
        ws = {s_vocab.setdefault(w, len(s_vocab)) for w in src_words[i]}
        wt = {t_vocab.setdefault(w, len(t_vocab)) for w in tgt_words[j]}
        s_occ.extend(ws)
        t_occ.extend(wt)
        pair_codes.extend(x * (1 << 32) + y for x in ws for y in wt)
    if not pair_codes:
        return ()
    s_count = np.bincount(np.asarray(s_occ, dtype=np.int64), minlength=len(s_vocab))
    t_count = np.bincount(np.asarray(t_occ, dtype=np.int64), minlength=len(t_vocab))
    codes, together = np.unique(np.asarray(pair_codes, dtype=np.int64), return_counts=True)
    xs, ys = codes >> 32, codes & ((1 << 32) - 1)
    dice = 2.0 * together / (s_count[xs] + t_count[ys])
    # Mutual best partners by Dice (ties: the more frequent pair).
    order = np.lexsort((-together, -dice))
    best_of_x: dict[int, int] = {}
    best_of_y: dict[int, int] = {}
    for k in order.tolist():
        best_of_x.setdefault(int(xs[k]), k)
        best_of_y.setdefault(int(ys[k]), k)
    s_names = list(s_vocab)
    t_names = list(t_vocab)
    out: list[LexiconPair] = []
    for x, k in best_of_x.items():
        if best_of_y.get(int(ys[k])) != k:
            continue
        sw, tw = s_names[x], t_names[int(ys[k])]
        c, d = int(together[k]), float(dice[k])
        how = ""
        if c >= min_count and d >= min_dice:
            how = "dice"
        elif name_match is not None and d >= min_dice and name_match(sw, tw):
            how = "name"
        if not how or (known is not None and known(sw, tw)):
            continue
        out.append(LexiconPair(sw, tw, c, round(d, 4), how))
    return tuple(sorted(out, key=lambda p: (-p.dice, -p.count, p.src, p.tgt)))


def pair_vectors(
    src_words: Sequence[Words],
    tgt_words: Sequence[Words],
    pairs: Sequence[LexiconPair],
    dim: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Hashed vectors of the learned pairs (n × dim per side), IDF-weighted like the channel."""
    src = np.zeros((len(src_words), dim), dtype=np.float32)
    tgt = np.zeros((len(tgt_words), dim), dtype=np.float32)
    if not pairs:
        return src, tgt
    by_src = {p.src: k for k, p in enumerate(pairs)}
    by_tgt = {p.tgt: k for k, p in enumerate(pairs)}
    rows_s = [(r, by_src[w]) for r, ws in enumerate(src_words) for w in set(ws) if w in by_src]
    rows_t = [(r, by_tgt[w]) for r, ws in enumerate(tgt_words) for w in set(ws) if w in by_tgt]
    df = np.zeros(len(pairs))
    for _, k in rows_s + rows_t:
        df[k] += 1
    n_docs = len(src_words) + len(tgt_words)
    # The lexical channel's flattened IDF (bilingual.encode.lexical: idf ** 0.5).
    idf = np.sqrt(np.log((n_docs + 1.0) / (df + 1.0)) + 1.0)
    codes = [zlib.crc32(f"a:{p.src}\x00{p.tgt}".encode()) for p in pairs]
    bucket = np.array([c % dim for c in codes], dtype=np.int64)
    sign = np.array([-1.0 if (c >> 31) & 1 else 1.0 for c in codes])
    for out, rows in ((src, rows_s), (tgt, rows_t)):
        for r, k in rows:
            out[r, bucket[k]] += sign[k] * idf[k]
    return src, tgt


def _known_pair(src_lang: str, tgt_lang: str) -> Callable[[str, str], bool]:
    """Whether the lexical channel already shares a key between the two words."""
    from bilingual.encode.lexical import lexical_keys

    def known(sw: str, tw: str) -> bool:
        ks = set(lexical_keys(sw, src_lang, tgt_lang))
        kt = set(lexical_keys(tw, tgt_lang, src_lang))
        return bool(ks & kt)

    return known


def _name_matcher(
    src_lang: str, tgt_lang: str, surface: dict[str, str]
) -> Callable[[str, str], bool] | None:
    """English name ↔ Chinese transliteration by sound (check/names.py), for zh–en only."""
    langs = (base_code(src_lang), base_code(tgt_lang))
    if set(langs) != {"zh", "en"}:
        return None
    from bilingual.lang.zh.transliteration import phonetic_similarity

    zh_first = langs[0] == "zh"

    def match(sw: str, tw: str) -> bool:
        en, zh = (tw, sw) if zh_first else (sw, tw)
        name = surface.get(en)
        if not name or len(zh) < 2:
            return False
        return phonetic_similarity(name, zh) >= NAME_SIMILARITY

    return match


# The transliteration matcher's similarity above which a one-link pair counts as a name.
NAME_SIMILARITY = 0.75


def _surface_names(texts: Sequence[str], lang: str) -> dict[str, str]:
    """Stem → capitalised surface form of the English words that look like names."""
    if base_code(lang) != "en":
        return {}
    from bilingual.lang.en.stem import stem

    out: dict[str, str] = {}
    for text in texts:
        for tok in re.findall(r"(?<![.!?]\s)\b[A-Z][a-z]+", text):
            out.setdefault(stem(tok.lower()), tok)
    return out


@dataclass(frozen=True)
class AdaptedLexicon:
    """The learned pairs and the vectors to add to each side's lexical rows."""

    pairs: tuple[LexiconPair, ...]
    src: np.ndarray
    tgt: np.ndarray


def adapt(
    src_texts: Sequence[str],
    src_lang: str,
    tgt_texts: Sequence[str],
    tgt_lang: str,
    links: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]],
    *,
    dim: int,
    min_confidence: float = 0.9,
    min_count: int = 2,
    min_dice: float = 0.5,
) -> AdaptedLexicon:
    """Learn pairs from the confident 1:1 ``links`` (src ids, tgt ids, confidence)."""
    from bilingual.encode.lexical import content_words

    src_words = [content_words(t, src_lang, tgt_lang) for t in src_texts]
    tgt_words = [content_words(t, tgt_lang, src_lang) for t in tgt_texts]
    confident = [
        (s[0], t[0]) for s, t, c in links if len(s) == 1 and len(t) == 1 and c >= min_confidence
    ]
    surface = _surface_names(src_texts, src_lang) or _surface_names(tgt_texts, tgt_lang)
    pairs = learn_pairs(
        src_words,
        tgt_words,
        confident,
        min_count=min_count,
        min_dice=min_dice,
        known=_known_pair(src_lang, tgt_lang),
        name_match=_name_matcher(src_lang, tgt_lang, surface),
    )
    vs, vt = pair_vectors(src_words, tgt_words, pairs, dim)
    log.debug(
        "adaptive lexicon: %d pairs from %d confident 1:1 beads (%s)",
        len(pairs),
        len(confident),
        ", ".join(f"{p.src}={p.tgt}" for p in pairs[:8]),
    )
    return AdaptedLexicon(pairs, vs, vt)


def widen(lexical: np.ndarray, extra: np.ndarray, weight: float) -> np.ndarray:
    """``lexical + weight * extra`` in the lexical rows' own dtype."""
    out = lexical.astype(np.float32) + np.float32(weight) * extra
    return out.astype(lexical.dtype, copy=False)


__all__ = ["AdaptedLexicon", "LexiconPair", "adapt", "learn_pairs", "pair_vectors", "widen"]
