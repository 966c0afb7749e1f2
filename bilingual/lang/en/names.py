"""English names: which capitalised words of an English text name someone or something.

A name is a capitalised word inside a sentence that CC-CEDICT does not gloss in lower case (an
ordinary word), an acronym, or a token with digits ("GPT-4", "Opus 4.5"); archaic verb forms
(Knoweth), titles before a full stop (Rep.), keyboard shortcuts and roman numerals are not. A
capital after a full stop counts only when CC-CEDICT knows the word as a name. English
morphology (plural, possessive and demonym endings) decides which dictionary forms to look up.
The name check (``bilingual.check.names``) reads these through ``lang.get("en").names``.
"""

from __future__ import annotations

import functools
import re

from bilingual import cedict
from bilingual.lang.en.words import ARCHAIC_WORDS, NOT_NAMES

NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&+\-]*(?:[.\-][A-Za-z0-9]+)*(?: \d+(?:\.\d+)*\b)?")
_ARCHAIC_ENDING = re.compile(r"(?i)^([a-z]{2,}?)(?:eth|est|th|st)$")
# Keyboard shortcuts (Ctrl+S) are the format check's: kept verbatim, not transliterated.
_SHORTCUT = re.compile(
    r"(?i)(?:ctrl|control|alt|shift|cmd|command|option|opt|meta|win|super|fn)(?:\+|$)"
)
# Titles written with a full stop (Rep. Maxine Waters): translated, not names.
_TITLES = frozenset("Rep Sen Gov Gen Col Capt Lt Sgt Rev Hon Maj Cpl Pres Supt Insp Det".split())
_ROMAN = re.compile(r"[IVXLCDM]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’(\[]\s*|\n)\s*$")
_CAPS_STOP = frozenset(
    "a an the of and or in on at to for by with from as is are be not no all its it this that "
    "i".split()
)


def english_names(text: str) -> list[tuple[str, int, int]]:
    """Name-like tokens of English ``text`` with their spans."""
    return list(_english_names(text))


# The name, partial and neighbour checks ask for the names of the same side ~6 times each
# (30,000 calls on 5,000 Bible verses); a pure function of the text.
@functools.lru_cache(maxsize=65_536)
def _english_names(text: str) -> tuple[tuple[str, int, int], ...]:
    out = []
    for m in NAME_TOKEN.finditer(text):
        tok = m.group(0)
        word = tok.split(" ")[0]
        if len(word) < 2 or not word[0].isupper():
            continue
        if re.fullmatch(r"No\.\d+", word):
            continue  # No.1: a rank, the number check's
        if any(c.isdigit() for c in word):  # GPT-4, A320, 5G
            out.append((tok, m.start(), m.end()))
            continue
        if word.isupper():
            # Acronyms, except headings in capitals ("CONSTITUTION OF THE ...") and roman
            # numerals (chapter numbers are the number check's business).
            if (
                word.lower() not in _CAPS_STOP
                and not _ROMAN.fullmatch(word)
                and not is_common_word(word.capitalize())
            ):
                out.append((tok, m.start(), m.end()))
            continue
        if word in NOT_NAMES or is_common_word(word) or is_common_word(word.split("-")[0]):
            continue
        if _archaic(word) or ("+" in word and _SHORTCUT.match(word)):
            continue
        if text[m.end() : m.end() + 1] == "." and word in _TITLES:
            continue
        if _SENTENCE_START.search(text[: m.start()]) and not known_name(word):
            # A capital after a full stop says nothing; only a dictionary name counts there.
            # A capitalised ordinary word (Session, Parliament, Monday) is translated, not kept:
            # the term check follows those.
            continue
        out.append((tok, m.start(), m.end()))
    return tuple(out)


def _archaic(word: str) -> bool:
    """An archaic function word or verb form: Shalt, Hath, Knoweth, Goest (not Seth, Ernest)."""
    low = word.lower()
    if low in ARCHAIC_WORDS:
        return True
    m = _ARCHAIC_ENDING.match(low)
    if m is None or known_name(word):
        return False
    stem_ = m.group(1)
    return any(is_common_word(f.capitalize()) for f in (stem_, stem_ + "e") if len(f) >= 3)


def gloss_heads(word: str) -> frozenset[str]:
    w = word.lower().replace("’", "'")
    heads = cedict.gloss_heads(w)
    for suffix in ("'s", "s", "es", "n", "ns", "an", "ian", "ians", "ese", "ites", "ite", "ish"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            heads = heads | cedict.gloss_heads(w[: -len(suffix)])
    return heads


@functools.lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """A capitalised English word that CC-CEDICT glosses in lower case (a translatable word)."""
    if word.isupper():
        return False
    w = word.lower().replace("’", "'")
    forms = [w, w.removesuffix("'s")]
    for suffix in ("s", "es", "ed", "d", "ing", "ly", "ies"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.append(w[: -len(suffix)] + ("y" if suffix == "ies" else ""))
    return any(cedict.is_common_gloss(f) for f in forms)


def known_name(word: str) -> bool:
    """CC-CEDICT glosses ``word`` as a proper name (Merkel, Google, Moses): it has a standard
    Chinese rendering."""
    return bool(gloss_heads(word)) and not is_common_word(word)
