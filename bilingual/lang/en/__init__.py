"""English: its data (number words, function words), its stemmer, and :data:`LANGUAGE`."""

from __future__ import annotations

from bilingual.lang.en.stem import stem
from bilingual.lang.en.words import ARCHAIC_WORDS, NOT_NAMES, STOP_WORDS, UNLINKED_WORDS
from bilingual.lang.language import Language

LANGUAGE = Language(
    code="en",
    script="latin",
    stop_words=STOP_WORDS,
    unlinked_words=UNLINKED_WORDS,
    archaic_words=ARCHAIC_WORDS,
    not_names=NOT_NAMES,
    stem=stem,
)
