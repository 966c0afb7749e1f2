"""Which side of a language pair is which: the profile the checks ask instead of branching.

The names, terms and glossary checks read the Latin-script side through its name rules and the
Chinese side through transliteration and CC-CEDICT. They used to branch on ``en_is_src`` in
two dozen places; they now ask a :class:`PairSides` for the side they need, and for the
:class:`~bilingual.lang.language.Language` of each side (``sides.latin_lang.not_names``,
``sides.chinese_lang.transliteration``), so a new language pair changes this profile and the
language folders, not the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

from bilingual.lang.codes import is_cjk
from bilingual.lang.language import Language, get

T = TypeVar("T")
Side = Literal["src", "tgt"]


@dataclass(frozen=True)
class PairSides:
    """Where the Chinese (CJK) text of a pair is, the Latin-script text opposite it, and the
    :class:`Language` of each side (``latin``/``chinese`` name a side; ``*_lang`` its language)."""

    chinese: Side
    src_lang: Language
    tgt_lang: Language

    @property
    def latin_lang(self) -> Language:
        """The Language of the Latin-script side."""
        return self.latin_of(self.src_lang, self.tgt_lang)

    @property
    def chinese_lang(self) -> Language:
        """The Language of the Chinese side."""
        return self.chinese_of(self.src_lang, self.tgt_lang)

    @property
    def latin(self) -> Side:
        return "src" if self.chinese == "tgt" else "tgt"

    def latin_of(self, src: T, tgt: T) -> T:
        """The Latin side's one of a (source, target) pair of values."""
        return src if self.latin == "src" else tgt

    def chinese_of(self, src: T, tgt: T) -> T:
        return tgt if self.latin == "src" else src

    def latin_chinese(self, src: T, tgt: T) -> tuple[T, T]:
        """(Latin side's, Chinese side's) of a (source, target) pair of values."""
        return (src, tgt) if self.latin == "src" else (tgt, src)

    def src_of(self, latin: T, chinese: T) -> T:
        """The source side's one of a (Latin, Chinese) pair of values."""
        return latin if self.latin == "src" else chinese

    def tgt_of(self, latin: T, chinese: T) -> T:
        return chinese if self.latin == "src" else latin


def pair_sides(src_lang: str, tgt_lang: str) -> PairSides:
    """The sides of the pair ``src_lang``–``tgt_lang``; the source decides (a CJK source means
    the Chinese side is the source), as the checks did."""
    # the checks run on Chinese paired with a Latin-script language only: the source decides
    return PairSides("src" if is_cjk(src_lang) else "tgt", get(src_lang), get(tgt_lang))
