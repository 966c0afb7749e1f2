"""The shared CC-CEDICT module: one parse, the views the lexical channel and the checks read."""

from __future__ import annotations

from bilingual import cedict
from bilingual.encode.lexical import cedict_glosses


def test_entries_in_both_scripts_common_words_first() -> None:
    simp = cedict.entries("创造")
    assert simp and simp == cedict.entries("創造")
    assert any("create" in sense for e in simp for sense in e.senses)
    # 周 is a surname (proper, capitalised pinyin) and a common word: the common one first.
    zhou = cedict.entries("周")
    assert not zhou[0].is_proper and any(e.is_proper for e in zhou)
    assert cedict.entries("不是一个词语啊") == ()
    assert cedict.has("默克尔") and not cedict.has("不是一个词语啊")


def test_pinyin_per_word_and_per_character() -> None:
    assert cedict.word_pinyin("默克尔") == ("mo4 ke4 er3",)
    assert cedict.char_pinyin("克") == "ke4"
    assert cedict.char_pinyin("約") == cedict.char_pinyin("约") == "yue1"  # both scripts
    assert cedict.char_pinyin("☃") == ""


def test_reverse_index_and_proper_nouns() -> None:
    assert "谷歌" in cedict.gloss_heads("Google")
    assert "谷歌" in cedict.gloss_heads("google")  # any case
    assert "默克尔" in cedict.gloss_heads("merkel")
    assert "Merkel" in cedict.proper_glosses("默克尔")
    assert cedict.proper_glosses("创造") == ()
    assert cedict.is_common_gloss("session") and not cedict.is_common_gloss("merkel")
    assert cedict.max_proper_length() >= len("默克尔")


def test_traditional_characters() -> None:
    assert cedict.traditional_chars().search("創造")
    assert not cedict.traditional_chars().search("创造")


def test_parsed_once_and_shared_with_the_lexical_channel() -> None:
    cedict.has("创造")
    info = cedict._parsed.cache_info()
    cedict.entries("神")
    cedict.has("上帝")
    cedict_glosses("上帝之城")
    after = cedict._parsed.cache_info()
    assert after.currsize == 1 and after.misses == info.misses
    assert cedict.has("默克尔")  # a name CC-CEDICT lists
    # Every headword seen through all_entries is found by has().
    for n, e in enumerate(cedict.all_entries()):
        assert cedict.has(e.simplified) and cedict.has(e.traditional)
        if n > 2000:
            break
