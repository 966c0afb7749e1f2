"""Language detection by script ratio, code normalisation and the same-language warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import LanguageError
from bilingual.lang import detect_language, normalise_code, resolve_language, same_language_warning

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The quick brown fox jumps over the lazy dog.", "en"),
        ("今天天气很好，我们去公园散步。", "zh"),
        ("今天的 API 和 OpenAI、Anthropic 的 Coding Agents 都很贵。", "zh"),
        ("The word 你好 means hello in Chinese, and people say it all day long.", "en"),
        (
            "Der Hund und die Katze sind nicht im Haus, und das ist ein Problem für die Familie.",
            "de",
        ),
        (
            "Le chat et le chien sont dans la maison, et les enfants sont pour une fois au jardin.",
            "fr",
        ),
        ("繁體中文的句子也是中文。", "zh"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_sample_documents() -> None:
    assert detect_language((DATA / "sample.en.txt").read_text("utf-8")) == "en"
    assert detect_language((DATA / "sample.zh.txt").read_text("utf-8")) == "zh"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("これは日本語の文章です。ひらがなとカタカナがあります。", "Japanese"),
        ("이것은 한국어 문장입니다. 한글로 쓰였습니다.", "Korean"),
        ("12345 678 -- !!! ...", "no letters"),
        ("", "no letters"),
        ("Это русский текст без латиницы.", "script"),
    ],
)
def test_refused(text: str, word: str) -> None:
    with pytest.raises(LanguageError, match=word):
        detect_language(text)


def test_a_kana_name_in_chinese_stays_chinese() -> None:
    assert (
        detect_language("我们在东京吃了寿司，店名叫すし屋，非常好吃，价格也合理，下次还去。")
        == "zh"
    )


@pytest.mark.parametrize(
    ("code", "norm"),
    [
        ("en", "en"),
        ("EN-us", "en"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_TW", "zh"),
        ("zh-Hant", "zh"),
        ("de", "de"),
        ("fr-CA", "fr"),
        ("eng", "en"),
    ],
)
def test_normalise(code: str, norm: str) -> None:
    assert normalise_code(code) == norm


@pytest.mark.parametrize("code", ["ja", "ko", "xx", "klingon", "ru"])
def test_normalise_refuses(code: str) -> None:
    with pytest.raises(LanguageError):
        normalise_code(code)


def test_resolve_auto_and_explicit() -> None:
    assert resolve_language("中文文本。", "auto") == "zh"
    # An explicit code is an override: trusted even when the text disagrees.
    assert resolve_language("English text.", "zh-CN") == "zh"


def test_same_language_warning() -> None:
    msg = same_language_warning("en", "en-US", "a.txt", "b.txt")
    assert msg is not None and "a.txt" in msg and "b.txt" in msg
    assert same_language_warning("en", "zh") is None
