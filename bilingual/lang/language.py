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
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from bilingual.errors import LanguageError
from bilingual.lang.codes import base_code, is_cjk

__all__ = ["Language", "Transliteration", "get"]

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
    # how well a span renders a Latin name (0..1), and the consonant skeletons it compares
    phonetic_similarity: Callable[[str, str], float]
    skeleton: Callable[[str], str]
    skeleton_similarity: Callable[[str, str], float]


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

    def transliterator(self) -> Transliteration:
        """:attr:`transliteration`, for a check that only runs on a language that has one."""
        if self.transliteration is None:
            raise LanguageError(
                f"{self.code!r} has no rules for names written by sound; add a Transliteration "
                f"to lang/{self.code}/__init__.py."
            )
        return self.transliteration


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
