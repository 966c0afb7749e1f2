"""Language of a text by script ratio, validation of ``--lang`` codes, same-language warnings.

bilingual works on English and Chinese; other Latin-script languages (German, French, ...) are
accepted for sentence splitting with generic rules. Japanese (kana) and Korean (hangul) are
recognised and refused clearly rather than being mis-read as Chinese.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bilingual.errors import LanguageError
from bilingual.lang.script import HAN, HANGUL, KANA, LATIN, LATIN_WORD_RUN, is_han

log = logging.getLogger(__name__)

SUPPORTED = ("en", "zh")

# ISO 639-1 codes of Latin-script languages whose sentences our generic rules split well
# enough (full stops, question and exclamation marks, a small abbreviation list).
LATIN_SCRIPT = frozenset(
    "af ca cs cy da de en es et eu fi fr ga gl hr hu id is it lt lv ms nb nl nn no pl pt ro "
    "sk sl sq sv sw tl tr vi".split()
)

_ZH_ALIASES = frozenset(
    "zh zh-cn zh-tw zh-hk zh-sg zh-mo zh-hans zh-hant zh-hans-cn zh-hant-tw cmn chi zho".split()
)

# Written without spaces between words, so segments join with nothing (base codes).
NO_SPACE_LANGUAGES = frozenset({"zh", "cmn", "yue", "ja", "th", "lo", "km", "my"})
_LATIN = LATIN
_LETTER = re.compile(r"[^\W\d_]")
_WORD = LATIN_WORD_RUN

# A few very frequent function words tell German and French from English when the user did
# not say; only used when they are clearly more frequent than the English ones.
_FUNCTION_WORDS = {
    "en": frozenset("the and of to is in that it was for with as on are this be".split()),
    "de": frozenset("der die das und nicht ist ein eine zu den mit sich des auf für dem".split()),
    "fr": frozenset("le la les et est des une un du que dans pour pas qui sur au".split()),
}


def script_counts(text: str) -> tuple[int, int, int, int, int]:
    """Counts of (Han, kana, hangul, Latin, all letters) characters in ``text``."""
    return (
        len(HAN.findall(text)),
        len(KANA.findall(text)),
        len(HANGUL.findall(text)),
        len(_LATIN.findall(text)),
        len(_LETTER.findall(text)),
    )


def detect_language(text: str, name: str = "the input") -> str:
    """Return ``"zh"`` or a Latin-script code (``"en"``, or ``"de"``/``"fr"``) by script ratio.

    Raises LanguageError for text without letters, Japanese, Korean or other scripts.
    Chinese wins when there are at least as many Han characters as Latin-script words: a Han
    character carries about as much as an English word (a translation has ~1.5 per word), so
    Chinese text full of Latin product names stays Chinese.
    """
    sample = text[:200_000]
    han, _, _, latin, letters = script_counts(sample)
    if letters == 0:
        raise LanguageError(
            f"{name}: contains no letters, so its language cannot be detected; give a text, "
            f"or say the language with {_LANG_OPTIONS}."
        )
    refuse_japanese_korean(sample, name)
    if han > 0 and han >= len(_WORD.findall(sample)):
        return "zh"
    if latin < 0.5 * letters:
        raise LanguageError(
            f"{name}: is mostly in a script bilingual does not support (only Latin-script "
            "languages and Chinese); if this is wrong, say the language with --lang."
        )
    return _latin_language(sample)


# The options that name a language differ by command; messages name them all.
_LANG_OPTIONS = "--lang (segment, score) or --src-lang/--tgt-lang (align, check)"


def refuse_japanese_korean(text: str, name: str = "the input") -> None:
    """Raise LanguageError when ``text`` looks Japanese (kana) or Korean (hangul)."""
    han, kana, hangul, _, letters = script_counts(text[:200_000])
    if kana >= 10 and kana >= 0.05 * (han + kana):
        raise LanguageError(
            f"{name}: looks like Japanese (kana); bilingual supports English and Chinese. "
            f"If this is Chinese, say so with {_LANG_OPTIONS} zh."
        )
    if letters and hangul >= 0.2 * letters:
        raise LanguageError(
            f"{name}: looks like Korean (hangul); bilingual supports English and Chinese. "
            f"If this is wrong, say the language with {_LANG_OPTIONS}."
        )


def contradiction_warning(text: str, lang: str, name: str = "the input") -> str | None:
    """A warning when ``lang`` was given but the text's script says otherwise (en vs zh)."""
    han, _, _, latin, letters = script_counts(text[:200_000])
    words = len(_WORD.findall(text[:200_000]))
    if not letters:
        return None
    looks = "zh" if han and han >= words else "latin" if latin >= 0.5 * letters else None
    if lang == "zh" and looks == "latin":
        found = "Latin-script text"
    elif lang != "zh" and looks == "zh":
        found = "Chinese text"
    else:
        return None
    return (
        f"{name}: was given as {lang!r} but holds {found}; sentences will be split (and "
        "joined) by the wrong rules. Drop the language option to detect it, or fix it."
    )


# Han characters must make up at least this share of the letters for a text to be taken as
# Chinese by :func:`guess_lang`; the cap keeps the count cheap on whole books.
GUESS_HAN_SHARE = 0.2
_GUESS_SAMPLE = 200_000


def guess_lang(texts: str | Iterable[str]) -> str:
    """``"zh"`` when Han characters make up at least a fifth of the letters, else ``"en"``.

    A coarse script count for where only tokenisation depends on the language (scoring) or a
    format does not record it (TSV, Moses); callers that know the language pass it instead.
    Never raises; :func:`detect_language` is the strict detector for user input.
    """
    han = letters = seen = 0
    for text in (texts,) if isinstance(texts, str) else texts:
        for ch in text[: _GUESS_SAMPLE - seen]:
            if ch.isalpha():
                letters += 1
                han += is_han(ch)
        seen += len(text)
        if seen >= _GUESS_SAMPLE:
            break
    return "zh" if letters and han / letters >= GUESS_HAN_SHARE else "en"


def _latin_language(text: str) -> str:
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in _WORD.findall(text[:50_000].lower()):
        for code, words in _FUNCTION_WORDS.items():
            if word in words:
                counts[code] += 1
    best = max(counts, key=lambda c: counts[c])
    # Demand a clear margin: short English texts should never flip to another language.
    if best != "en" and counts[best] >= 5 and counts[best] >= 2 * counts["en"]:
        return best
    return "en"


def base_code(lang: str) -> str:
    """The primary subtag of a code as given, lower case (``zh-CN`` -> ``zh``, ``en_US`` -> ``en``).

    Never raises: for codes already validated by :func:`normalise_code`, or foreign ones
    read from files (TMX, XLIFF) that are only compared.
    """
    return lang.strip().lower().replace("_", "-").split("-")[0]


def is_cjk(lang: str) -> bool:
    """True for languages written without spaces between words (zh, ja, ...)."""
    return base_code(lang) in NO_SPACE_LANGUAGES


def joiner(lang: str) -> str:
    """The separator between consecutive segments: nothing for Chinese and such, else a space."""
    return "" if is_cjk(lang) else " "


def normalise_code(lang: str) -> str:
    """Normalise a language code (``zh-CN`` -> ``zh``, ``en_US`` -> ``en``, ``DE`` -> ``de``).

    Raises LanguageError for Japanese, Korean and codes we cannot segment.
    """
    code = lang.strip().lower().replace("_", "-")
    if code in _ZH_ALIASES or code.startswith("zh-"):
        return "zh"
    primary = code.split("-", 1)[0]
    if primary in ("ja", "jp", "jpn"):
        raise LanguageError("Japanese is not supported; bilingual works on English and Chinese.")
    if primary in ("ko", "kor"):
        raise LanguageError("Korean is not supported; bilingual works on English and Chinese.")
    if primary in ("eng",):
        return "en"
    if primary in LATIN_SCRIPT:
        return primary
    raise LanguageError(
        f"unknown or unsupported language {lang!r}; use auto, en, zh (zh-CN/zh-TW) or the "
        "two-letter code of a Latin-script language such as de or fr."
    )


def resolve_language(text: str, lang: str = "auto", name: str = "the input") -> str:
    """``"auto"`` detects the language of ``text``; an explicit code is validated and normalised."""
    if lang.strip().lower() in ("auto", ""):
        return detect_language(text, name)
    code = normalise_code(lang)
    warning = contradiction_warning(text, code, name)
    if warning:
        log.warning("%s", warning)
    return code


def same_language_warning(
    a_lang: str, b_lang: str, a_name: str = "the source", b_name: str = "the target"
) -> str | None:
    """A warning message when two inputs that should be translations share a language."""
    if normalise_code(a_lang) != normalise_code(b_lang):
        return None
    return (
        f"{a_name} and {b_name} both look like {normalise_code(a_lang)!r}; bilingual expects a "
        "text and its translation (say the languages with --src-lang/--tgt-lang if detection "
        "is wrong)."
    )
