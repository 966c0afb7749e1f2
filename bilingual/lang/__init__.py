"""Language facts in one package: codes, scripts, and one folder of data per language.

- :mod:`bilingual.lang.codes`: normalising codes, the base code, the joiner between segments,
  detection (strict, for user input) and :func:`guess_lang` (coarse, never raises).
- :mod:`bilingual.lang.script`: every character range (Han incl. Extension B onwards, kana,
  hangul, Latin), the Han weight, ``is_han``/``has_han``/``latin_count``/``weight``.
- :mod:`bilingual.lang.en`, :mod:`bilingual.lang.zh`: word lists, number words, rules; each
  folder's ``LANGUAGE`` (:class:`~bilingual.lang.language.Language`) is what the checks read,
  through :func:`get` (``lang.get("zh-TW")`` is ``lang/zh/``'s) or ``lang.pair.pair_sides``.

``from bilingual.lang import normalise_code`` keeps working as it did when this was one module.
"""

from __future__ import annotations

from bilingual.lang.codes import (
    GUESS_HAN_SHARE,
    LATIN_SCRIPT,
    NO_SPACE_LANGUAGES,
    SUPPORTED,
    base_code,
    contradiction_warning,
    detect_language,
    guess_lang,
    is_cjk,
    joiner,
    normalise_code,
    refuse_japanese_korean,
    resolve_language,
    same_language_warning,
    script_counts,
)
from bilingual.lang.language import Language, get

__all__ = [
    "GUESS_HAN_SHARE",
    "LATIN_SCRIPT",
    "NO_SPACE_LANGUAGES",
    "SUPPORTED",
    "Language",
    "base_code",
    "contradiction_warning",
    "detect_language",
    "get",
    "guess_lang",
    "is_cjk",
    "joiner",
    "normalise_code",
    "refuse_japanese_korean",
    "resolve_language",
    "same_language_warning",
    "script_counts",
]
