"""Chinese: its data (numeral characters, function words, false negations), how it writes
foreign names by sound (:mod:`.transliteration`), and :data:`LANGUAGE`."""

from __future__ import annotations

from bilingual.lang.language import Language, Transliteration
from bilingual.lang.zh import transliteration as _t
from bilingual.lang.zh.words import NOT_NEGATION, SPEAKER_TAG, STOP_WORDS, UNLINKED_WORDS

LANGUAGE = Language(
    code="zh",
    script="han",
    stop_words=STOP_WORDS,
    unlinked_words=UNLINKED_WORDS,
    false_negations=NOT_NEGATION,
    speaker_tag=SPEAKER_TAG,
    transliteration=Transliteration(
        chars=_t.TRANSLIT_CHARS,
        runs=_t.transliteration_runs,
        single_runs=_t.single_runs,
        char_phones=_t.zh_char_phones,
        best_span=_t.best_span,
        sound_forms=_t.sound_forms,
        min_characters=_t.min_characters,
        phonetic_similarity=_t.phonetic_similarity,
        skeleton=_t.en_skeleton,
        skeleton_similarity=_t.skeleton_similarity,
    ),
)
