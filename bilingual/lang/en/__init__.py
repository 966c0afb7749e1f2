"""English: its data (number words, function words), its stemmer, its name rules
(:mod:`.names`), and :data:`LANGUAGE`."""

from __future__ import annotations

from bilingual.lang.en import names as _names
from bilingual.lang.en.stem import stem
from bilingual.lang.en.words import ARCHAIC_WORDS, NOT_NAMES, STOP_WORDS, UNLINKED_WORDS
from bilingual.lang.language import Language, NameRules

LANGUAGE = Language(
    code="en",
    script="latin",
    stop_words=STOP_WORDS,
    unlinked_words=UNLINKED_WORDS,
    archaic_words=ARCHAIC_WORDS,
    not_names=NOT_NAMES,
    stem=stem,
    names=NameRules(
        spans=_names.english_names,
        is_common_word=_names.is_common_word,
        is_known_name=_names.known_name,
        gloss_heads=_names.gloss_heads,
        token=_names.NAME_TOKEN,
    ),
)
