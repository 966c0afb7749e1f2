"""A language as one object: what the checks read about one side of a pair.

Each language folder (``bilingual/lang/en/``, ``bilingual/lang/zh/``) defines ``LANGUAGE``, a
:class:`Language` built from the data and rules in that folder; :func:`get` finds it by the
base code of any code (``zh-TW`` -> ``lang/zh/``), so adding a language is adding a folder.
The checks never import a language folder: they ask ``lang.get(code)`` or, for a pair,
``lang.pair.pair_sides(src, tgt)`` (``sides.latin_lang``, ``sides.src_lang``, ...).
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from bilingual.errors import LanguageError
from bilingual.lang.codes import base_code, is_cjk

__all__ = ["Language", "NameRules", "Transliteration", "get"]

Runs = Callable[[str], list[tuple[int, int]]]


def _same(word: str) -> str:
    return word


@dataclass(frozen=True)
class Transliteration:
    """How a language writes names of Latin-script languages by sound (Chinese: 史密斯 for
    Smith): the characters it uses for that and the matching of a Latin name to its span."""

    # characters used to write foreign names by sound
    chars: frozenset[str]
    # runs of two or more such characters, and single ones between other characters
    runs: Runs
    single_runs: Runs
    # per character of a text, the phones of its readings
    char_phones: Callable[[str], list[tuple[str, ...]]]
    # (name, text, runs, phones, inside) -> (score, start, end) of the span sounding most like it
    best_span: Callable[..., tuple[float, int, int]]
    # spellings of a Latin word as it may be pronounced (for best_span)
    sound_forms: Callable[[str], list[str]]
    # the fewest characters that write a Latin name by sound (one per short name)
    min_characters: Callable[[str], int]
    # how well a span renders a Latin name (0..1), and the consonant skeletons it compares
    phonetic_similarity: Callable[[str, str], float]
    skeleton: Callable[[str], str]
    skeleton_similarity: Callable[[str, str], float]


@dataclass(frozen=True)
class NameRules:
    """How a Latin-script language marks names (English: capitals that are no ordinary word)."""

    # (name, start, end) of each name-like token of a text
    spans: Callable[[str], list[tuple[str, int, int]]]
    # a capitalised word the dictionary glosses in lower case: translated, not a name
    is_common_word: Callable[[str], bool]
    # a word the dictionary knows as a proper name (it has a standard Chinese rendering)
    is_known_name: Callable[[str], bool]
    # the Chinese headwords whose glosses are this word (its inflected forms included)
    gloss_heads: Callable[[str], frozenset[str]]
    # the token pattern names are read with (also finds Latin tokens inside Chinese text)
    token: re.Pattern[str]


@dataclass(frozen=True)
class Language:
    """One language's facts as the checks read them."""

    code: str
    script: Literal["latin", "han"]
    # function words: not content words of a clause (clauses, partial, phrase)
    stop_words: frozenset[str] = frozenset()
    # words the word aligner leaves unlinked (articles, particles)
    unlinked_words: frozenset[str] = frozenset()
    # archaic forms (thee, hath): function words of old texts, never names
    archaic_words: frozenset[str] = frozenset()
    # capitalised words that are no names (weekdays, titles)
    not_names: frozenset[str] = frozenset()
    # words that contain a negation character but do not negate (不过, 非常)
    false_negations: tuple[str, ...] = ()
    # the dictionary key of a word (English: its stem)
    stem: Callable[[str], str] = _same
    # how this language writes foreign names by sound (None: it keeps them in Latin letters)
    transliteration: Transliteration | None = None
    # how it marks names in its own script (None: the name check does not read this side)
    names: NameRules | None = None
    # a speaker attribution opening a sentence of dialogue (韦小宝道：), which translations of
    # dialogue drop; None when the language has no rule for it
    speaker_tag: re.Pattern[str] | None = None

    def transliterator(self) -> Transliteration:
        """:attr:`transliteration`, for a check that only runs on a language that has one."""
        if self.transliteration is None:
            raise LanguageError(
                f"{self.code!r} has no rules for names written by sound; add a Transliteration "
                f"to lang/{self.code}/__init__.py."
            )
        return self.transliteration

    def name_rules(self) -> NameRules:
        """:attr:`names`, for a check that only reads a language that has them."""
        if self.names is None:
            raise LanguageError(
                f"{self.code!r} has no rules for finding names; add NameRules to "
                f"lang/{self.code}/__init__.py."
            )
        return self.names


@functools.lru_cache(maxsize=64)
def get(code: str) -> Language:
    """The :class:`Language` of ``code``: ``LANGUAGE`` of the folder ``lang/<base code>/``.

    A code without a folder reads as its script's default (a Latin-script language with the
    English rules, a CJK one with the Chinese), as the checks always did; its ``code`` says
    which it is.
    """
    base = base_code(code)
    name = f"bilingual.lang.{base}"
    found = None
    if base.isalpha() and base.isascii():  # a folder name; codes read from files may be odd
        try:
            found = getattr(importlib.import_module(name), "LANGUAGE", None)
        except ModuleNotFoundError as e:
            if e.name != name:  # the folder exists but imports something missing: say so
                raise
    if isinstance(found, Language):
        return found
    return replace(get("zh" if is_cjk(base) else "en"), code=base)
