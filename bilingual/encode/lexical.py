"""The lexical channel: segments as hashed bags of cross-lingual keys, summable over windows.

Each segment becomes a bag of *keys* that the two languages can share:

- English–Chinese: Chinese words (jieba) glossed through CC-CEDICT into English stems
  (``w:creat``), English words lower-cased, stopwords removed and lightly stemmed into the same
  key space;
- any pair: quantities from :mod:`bilingual.numbers` as value keys (``n:2000``), Latin-script
  tokens (names, products, acronyms such as "OpenAI" or "API" inside Chinese) as the same word
  keys as English, and sentence punctuation (``p:?``, ``p:!``, ``p:"``);
- pairs without Chinese (de–fr, en–de ...): shared 4-letter word prefixes (``x:matt``,
  cognates) and capitalised words inside a sentence (``c:matterhorn``, names) instead of a
  dictionary.

Vectors are feature-hashed (signed, crc32: identical in every process) and IDF-weighted over
both documents, and deliberately NOT normalised: the row of a window of consecutive segments
is the sum of their rows, so an aligner can score any window with one addition and one cosine.
Paragraph vectors can likewise be the sums of their sentences' rows (one jieba pass).

The CC-CEDICT data comes from :mod:`bilingual.cedict` (parsed once per process, shared with the
checks).
"""

from __future__ import annotations

import functools
import logging
import re
import time
import unicodedata
import zlib
from collections.abc import Sequence
from itertools import repeat

import numpy as np

from bilingual import cedict
from bilingual.errors import ConfigError
from bilingual.lang import base_code
from bilingual.lang.en.stem import stem
from bilingual.lang.script import HAN, HAN_CLASS
from bilingual.numbers import extract_numbers

log = logging.getLogger(__name__)

__all__ = [
    "cedict_glosses",
    "content_words",
    "lexical_keys",
    "lexical_vectors",
]

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can cannot could did do does doing don't down during
    each etc even ever every few for from further get gets got had has have having he her here
    hers herself him himself his how i if in into is isn't it it's its itself just let like
    many may me might more most much must my myself no nor not now of off on once one only or
    other ought our ours ourselves out over own same shall she should so some such than that
    the their theirs them themselves then there these they this those thou thee thy thine ye
    through to too under until up upon us used very was we were what when where which while who
    whom whose why will with would yet you your yours yourself yourselves unto shalt hath doth
    hast art thereof therefore wherefore also one's sb sth someone something oneself e.g i.e
    thyself wilt shalt hadst didst dost whatsoever whosoever whatever moreover thereby unto
    esp etc kind sort way thing things make makes made
    """.split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.+\-][A-Za-z0-9]+)*")
_LATIN_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PUNCT = {
    "?": "p:?",
    "？": "p:?",
    "!": "p:!",
    "！": "p:!",
    '"': 'p:"',
    "“": 'p:"',
    "”": 'p:"',
    "「": 'p:"',
    "」": 'p:"',
    "『": 'p:"',
    "』": 'p:"',
    "«": 'p:"',
    "»": 'p:"',
    "„": 'p:"',
}
_PUNCT_RE = re.compile("|".join(re.escape(c) for c in _PUNCT))
_HAN = HAN

# CC-CEDICT senses that are not translations (cross-references, classifiers, surnames).
_SKIP_SENSE = re.compile(
    r"^(?:CL:|variant of|old variant|unofficial variant|japanese variant|see |see also|used in|"
    r"surname|abbr\. for|also pr\.|also written|pr\. |erhua variant|archaic variant|"
    r"(?:\(\w+\) )?(?:literary|bound form))",
    re.IGNORECASE,
)
_PAREN = re.compile(rf"\([^()]*\)|\[[^\[\]]*\]|[{HAN_CLASS}|]+")
_MAX_SENSES = 4
_MAX_GLOSS_KEYS = 8
# Each gloss of a word with k glosses weighs k**-power: 0.5 gives every word unit L2 weight.
_GLOSS_WEIGHT_POWER = 0.5
# Flattened IDF (idf**0.5) and a light back-off to the glosses of each character of a known
# word (0.4 of a word's weight) each raised first-rank retrieval by about one point on
# Tatoeba, NTREX and the Bible (bench/lexical_retrieval.py).
_IDF_POWER = 0.5
_CHAR_BACKOFF = 0.4
# Dictionary-free pairs (de-fr): words of 4+ letters keyed by their first 4 letters, accents
# stripped (Route/route, Matterhorn, präzis-/précis- do not all meet, but names and cognates do).
_PREFIX_LEN = 4
_PREFIX_MIN = 4


# --------------------------------------------------------------------------------------------
# CC-CEDICT


@functools.lru_cache(maxsize=200_000)
def cedict_glosses(word: str) -> tuple[str, ...]:
    """English stems that gloss the Chinese ``word`` in CC-CEDICT (first senses first)."""
    entries = cedict.entries(word)
    if not entries:
        return ()
    stems: list[str] = []
    for entry in entries:
        taken = 0
        for sense in entry.senses:
            if taken >= _MAX_SENSES:
                break
            sense = sense.strip()
            if not sense or _SKIP_SENSE.match(sense):
                continue
            taken += 1
            for part in sense.split(";"):
                text = _PAREN.sub(" ", part)
                for tok in _WORD.findall(text):
                    low = tok.lower()
                    if low in _STOPWORDS or len(low) < 2:
                        continue
                    s = stem(low)
                    if s not in stems:
                        stems.append(s)
        if len(stems) >= _MAX_GLOSS_KEYS:
            break
    return tuple(stems[:_MAX_GLOSS_KEYS])


# Function words whose CC-CEDICT senses are grammar notes or rare readings (的 -> "bull's-eye").
_ZH_STOPWORDS = frozenset(
    "的 地 得 了 着 著 过 過 是 在 和 与 與 及 也 都 就 而 之 其 "
    "这 這 那 把 被 给 給 对 對 从 從 向 于 於 以 为 為 所 并 並 "
    "或 等 吗 嗎 呢 吧 啊 呀 个 個 很 还 還 又 再 将 將 会 會 能 "
    "要 可 让 讓 使 着呢 一个 一個 这个 這個 那个 那個 这些 這些 那些 "
    "我们 我們 他们 他們 你们 你們 它们 自己 因为 因為 所以 但是 可是 "
    "如果 虽然 雖然 已经 已經 没有 沒有 不 没 沒 有 上 下 中 里 裡 来 "
    "來 去 到 说 說 也是 就是 还是 還是 而且 以及 并且 並且 或者 以后 "
    "以後 ".split()
)


@functools.lru_cache(maxsize=200_000)
def _zh_word_keys(word: str) -> tuple[tuple[str, float], ...]:
    """Keys of one jieba word: its glosses, or those of its characters when it has none."""
    if word in _ZH_STOPWORDS:
        return ()
    glosses = cedict_glosses(word)
    if glosses:
        w = 1.0 / len(glosses) ** _GLOSS_WEIGHT_POWER
        keys = [(f"w:{g}", float(w)) for g in glosses]
        if _CHAR_BACKOFF and len(word) > 1:
            for ch in word:
                keys.extend((k, v * _CHAR_BACKOFF) for k, v in _zh_word_keys(ch))
        return tuple(keys)
    if len(word) > 1 and _HAN.match(word):
        parts: list[tuple[str, float]] = []
        for ch in word:
            parts.extend(_zh_word_keys(ch))
        if parts:
            # Character glosses of an unknown word share one word's weight.
            scale = 1.0 / np.sqrt(len(word))
            return tuple((k, w * scale) for k, w in parts)
    return ()


@functools.lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


# --------------------------------------------------------------------------------------------
# Keys


_lang_base = base_code


def _mode(lang: str, partner: str | None) -> str:
    base = _lang_base(lang)
    if partner is None:
        partner = {"en": "zh", "zh": "en"}.get(base, base)
    pair = {base, _lang_base(partner)}
    if "zh" in pair and (pair <= {"zh", "en"}):
        return "gloss"
    return "prefix"


@functools.lru_cache(maxsize=200_000)
def _en_word_key(token: str) -> str | None:
    low = token.lower()
    if low in _STOPWORDS and not (token.isupper() and len(token) > 1):
        return None
    if len(low) < 2:
        return None
    return f"w:{stem(low)}"


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=200_000)
def _prefix_key(token: str) -> str | None:
    low = _strip_accents(token.lower())
    if len(low) < _PREFIX_MIN:
        return None
    return f"x:{low[:_PREFIX_LEN]}"


def _number_keys(text: str, lang: str) -> list[str]:
    keys: list[str] = []
    for q in extract_numbers(text, lang):
        if q.low != q.high and not q.approx:
            values: tuple[float, ...] = (q.low, q.high)  # a written range: both ends are words
        else:
            values = (q.value,)
        keys.extend(f"n:{v:.6g}" for v in values)
    return keys


class _KeyTable:
    """Key string -> small int id and its crc32 code, shared by every call in the process.

    Ids let the per-word caches hold ints, so a segment's features are a few list extends; crc32
    (not ``hash``) keeps the hashed vectors identical across processes.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.codes: list[int] = []

    def id_of(self, key: str) -> int:
        i = self.ids.get(key)
        if i is None:
            i = len(self.codes)
            self.ids[key] = i
            self.codes.append(zlib.crc32(key.encode("utf-8")))
        return i


_KEYS = _KeyTable()
_Features = tuple[tuple[int, ...], tuple[float, ...]]
_EMPTY: _Features = ((), ())


def _pack(pairs: Sequence[tuple[str, float]]) -> _Features:
    return tuple(_KEYS.id_of(k) for k, _ in pairs), tuple(w for _, w in pairs)


def _rejoin_singles(words: list[str], longest: int = 4) -> list[str]:
    """Re-segment runs of single characters by longest match against CC-CEDICT headwords.

    jieba's dictionary is simplified-only, so traditional text (Taiwan, Hong Kong, Tatoeba)
    falls apart into characters; CC-CEDICT lists traditional headwords too.
    """
    out: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        if len(words[i]) != 1:
            out.append(words[i])
            i += 1
            continue
        j = i
        while j < n and len(words[j]) == 1:
            j += 1
        run = "".join(words[i:j])
        k = 0
        while k < len(run):
            for size in range(min(longest, len(run) - k), 0, -1):
                piece = run[k : k + size]
                if size == 1 or cedict.has(piece):
                    out.append(piece)
                    k += size
                    break
        i = j
    return out


@functools.lru_cache(maxsize=300_000)
def _zh_word_features(word: str) -> _Features:
    return _pack(_zh_word_keys(word)) if _HAN.match(word) else _EMPTY


@functools.lru_cache(maxsize=300_000)
def _token_features(token: str, mode: str) -> _Features:
    """Features of one Latin-script token (in any language) under ``mode``."""
    k = _en_word_key(token) if mode == "gloss" else _prefix_key(token)
    return ((_KEYS.id_of(k),), (1.0,)) if k else _EMPTY


def _segment_keys(text: str, lang: str, partner: str | None) -> list[str]:
    """Key strings of one segment, in the order ``_add_segment_features`` adds them."""
    ids: list[int] = []
    _add_segment_features(text, lang, partner, ids, [])
    names = _key_names()
    return [names[i] for i in ids]


def _key_names() -> list[str]:
    names = [""] * len(_KEYS.codes)
    for k, i in _KEYS.ids.items():
        names[i] = k
    return names


def _add_segment_features(
    text: str, lang: str, partner: str | None, ids: list[int], weights: list[float]
) -> None:
    """Append the key ids and weights of one segment to ``ids`` and ``weights``."""
    base = _lang_base(lang)
    mode = _mode(lang, partner)
    if base == "zh":
        jieba = _jieba()
        latin = _LATIN_IN_ZH.findall(text)
        han = _LATIN_IN_ZH.sub(" ", text) if latin else text
        # HMM off: unknown words fall apart into characters, which are glossed one by one
        # anyway, and segmentation runs about 1.6x faster.
        words = jieba.lcut(han, HMM=False)  # type: ignore[attr-defined]
        if cedict.traditional_chars().search(han):
            words = _rejoin_singles(words)
        for i, w in map(_zh_word_features, words):
            ids += i
            weights += w
        for tok in latin:
            i, w = _token_features(tok, mode)
            ids += i
            weights += w
    elif mode == "gloss":
        for i, w in map(_token_features, _WORD.findall(text), repeat(mode)):
            ids += i
            weights += w
    else:
        tokens = _LATIN_WORD.findall(text)
        for n, tok in enumerate(tokens):
            i, w = _token_features(tok, mode)
            ids += i
            weights += w
            # A capitalised word inside the sentence is likely a name: match it whole.
            if n > 0 and tok[:1].isupper() and len(tok) > 2:
                ids.append(_KEYS.id_of(f"c:{_strip_accents(tok.lower())}"))
                weights.append(1.0)
    for key in _number_keys(text, base):
        ids.append(_KEYS.id_of(key))
        weights.append(1.0)
    for m in _PUNCT_RE.finditer(text):
        ids.append(_KEYS.id_of(_PUNCT[m.group(0)]))
        weights.append(1.0)


def lexical_keys(text: str, lang: str, partner: str | None = None) -> tuple[str, ...]:
    """The keys of one segment, in order, with repeats (for inspection and tests).

    ``partner`` is the language of the other side; by default en pairs with zh and zh with
    en, and any other language uses the dictionary-free prefix keys.
    """
    return tuple(_segment_keys(text, lang, partner))


# --------------------------------------------------------------------------------------------
# Vectors


def _collect(
    texts: Sequence[str], lang: str, partner: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ids: list[int] = []
    weights: list[float] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    for r, text in enumerate(texts):
        before = len(ids)
        _add_segment_features(text, lang, partner, ids, weights)
        counts[r] = len(ids) - before
    return (
        np.repeat(np.arange(len(texts), dtype=np.int64), counts),
        np.asarray(ids, dtype=np.int64),
        np.asarray(weights, dtype=np.float32),
    )


def _densify(
    rows: np.ndarray, buckets: np.ndarray, values: np.ndarray, n: int, dim: int
) -> np.ndarray:
    out = np.zeros((n, dim), dtype=np.float32)
    if rows.size:
        np.add.at(out.reshape(-1), rows * dim + buckets, values.astype(np.float32))
    return out


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster here than np.unique's hashing)."""
    if keys.size == 0:
        return keys
    k = np.sort(keys)
    return k[np.concatenate(([True], k[1:] != k[:-1]))]


def lexical_vectors(
    src_texts: Sequence[str],
    src_lang: str,
    tgt_texts: Sequence[str],
    tgt_lang: str,
    dim: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """Hashed, IDF-weighted, unnormalised float32 key vectors for both sides (n x dim each).

    IDF counts segments over both documents together, so a key frequent on either side weighs
    little. A segment without keys is a zero row. Rows add: the vector of a window of
    consecutive segments is the sum of their rows.
    """
    if dim < 1:
        raise ConfigError(f"lexical vector size must be a positive integer, got dim={dim}.")
    start = time.perf_counter()
    s_rows, s_ids, s_w = _collect(src_texts, src_lang, tgt_lang)
    t_rows, t_ids, t_w = _collect(tgt_texts, tgt_lang, src_lang)
    n_keys = max(len(_KEYS.codes), 1)
    n_docs = len(src_texts) + len(tgt_texts)
    df = np.zeros(n_keys, dtype=np.float64)
    for rows, ids in ((s_rows, s_ids), (t_rows, t_ids)):
        if ids.size:
            pairs = _distinct(rows * n_keys + ids)
            df += np.bincount(pairs % n_keys, minlength=n_keys)
    idf = ((np.log((n_docs + 1.0) / (df + 1.0)) + 1.0) ** _IDF_POWER).astype(np.float32)
    codes = np.asarray(_KEYS.codes[:n_keys], dtype=np.uint64)
    bucket = (codes % np.uint64(dim)).astype(np.int64)
    sign = np.where((codes >> np.uint64(31)) & np.uint64(1), -1.0, 1.0).astype(np.float32)
    # Bucket from the low bits, sign from the top bit of crc32: independent enough for hashing.
    src = _densify(s_rows, bucket[s_ids], s_w * idf[s_ids] * sign[s_ids], len(src_texts), dim)
    tgt = _densify(t_rows, bucket[t_ids], t_w * idf[t_ids] * sign[t_ids], len(tgt_texts), dim)
    log.debug(
        "lexical vectors: %d + %d segments, %d keys, %.2fs",
        len(src_texts),
        len(tgt_texts),
        int(np.count_nonzero(df)),
        time.perf_counter() - start,
    )
    return src, tgt


def content_words(text: str, lang: str, partner: str | None = None) -> tuple[str, ...]:
    """The content words of one segment as plain strings, for learning word pairs.

    Chinese: jieba words with a Han character (stopwords dropped) and Latin tokens lower-cased;
    English beside Chinese: lower-cased stems without stopwords; other languages: lower-cased,
    accent-stripped words of 4+ letters. Unlike :func:`lexical_keys` nothing is glossed, so
    names and words CC-CEDICT lacks stay themselves.
    """
    base = _lang_base(lang)
    mode = _mode(lang, partner)
    out: list[str] = []
    if base == "zh":
        latin = _LATIN_IN_ZH.findall(text)
        han = _LATIN_IN_ZH.sub(" ", text) if latin else text
        for w in _jieba().lcut(han, HMM=False):  # type: ignore[attr-defined]
            if _HAN.search(w) and w not in _ZH_STOPWORDS:
                out.append(w)
        out.extend(t.lower() for t in latin)
    elif mode == "gloss":
        for tok in _WORD.findall(text):
            low = tok.lower()
            if len(low) >= 2 and low not in _STOPWORDS:
                out.append(stem(low))
    else:
        for tok in _LATIN_WORD.findall(text):
            if len(tok) >= _PREFIX_MIN:
                out.append(_strip_accents(tok.lower()))
    return tuple(out)
