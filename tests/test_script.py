"""Script facts: one table of Han ranges, language codes through bilingual.lang."""

from __future__ import annotations

import pytest

from bilingual.lang import base_code, is_cjk, joiner
from bilingual.lang.script import HAN_RUN, has_han, is_han


@pytest.mark.parametrize(
    ("ch", "han"),
    [
        ("\u4e00", True),  # 一, first Unified Ideograph
        ("\u9fff", True),
        ("\u3400", True),  # Extension A
        ("\u4dbf", True),
        ("\u4dc0", False),  # Yijing hexagram symbols sit between Extension A and the URO
        ("\uf900", True),  # compatibility ideograph
        ("\U00020000", True),  # Extension B
        ("\U0002a6d6", True),
        ("\u3042", False),  # hiragana
        ("\u3002", False),  # 。
        ("\uff0c", False),  # ，
        ("a", False),
    ],
)
def test_han_ranges(ch: str, han: bool) -> None:
    assert is_han(ch) is han
    assert has_han(f"x{ch}y") is han


def test_han_run_spans_supplementary_characters() -> None:
    assert HAN_RUN.findall("ab𠀀中文，c") == ["𠀀中文"]


@pytest.mark.parametrize(
    ("code", "base", "cjk"),
    [
        ("zh", "zh", True),
        ("zh-CN", "zh", True),
        ("ZH_tw", "zh", True),
        ("cmn", "cmn", True),
        ("en", "en", False),
        ("en_US", "en", False),
        ("de-AT", "de", False),
        (" ja ", "ja", True),
    ],
)
def test_codes(code: str, base: str, cjk: bool) -> None:
    assert base_code(code) == base
    assert is_cjk(code) is cjk
    assert joiner(code) == ("" if cjk else " ")


def test_old_homes_are_the_same_functions() -> None:
    from bilingual.check import context
    from bilingual.export import _common

    assert context.is_cjk is is_cjk and context.joiner is joiner and _common.joiner is joiner
