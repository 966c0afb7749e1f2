"""Facts with one home: each is spelled in exactly one file of the source tree (issue 18).

A second copy is how the Han ranges came to miss Extension B in three checks; these tests
fail when a module spells a fact again instead of importing it from ``bilingual.lang``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "bilingual"

# Spellings of a Han range boundary as an escape, a code point or a literal range.
HAN_RANGE = re.compile(
    r"\\u(?:4e00|9fff|9fa5|3400|4dbf|f900|faff)|\\U00020000|0x(?:4e00|9fff|3400|20000)\b"
    r"|一-龥|一-鿿",
    re.IGNORECASE,
)


def _sources() -> list[Path]:
    return sorted(p for p in SRC.rglob("*") if p.suffix in (".py", ".js", ".json") and p.is_file())


def _files_matching(pattern: re.Pattern[str]) -> list[str]:
    return sorted(
        str(p.relative_to(SRC))
        for p in _sources()
        if pattern.search(p.read_text(encoding="utf-8", errors="replace"))
    )


def test_han_ranges_are_spelled_in_one_file() -> None:
    assert _files_matching(HAN_RANGE) == ["lang/script.py"]


@pytest.mark.parametrize(
    ("definition", "home"),
    [
        (r"^def guess_lang\(", "lang/codes.py"),
        (r"^def is_cjk_text\(", "lang/script.py"),
        (r"^def is_cjk\(", "lang/codes.py"),
        (r"^def joiner\(", "lang/codes.py"),
        (r"^def base_code\(", "lang/codes.py"),
        (r"^def normalise_code\(", "lang/codes.py"),
        (r"^HAN_WEIGHT\b", "lang/script.py"),
        (r"^def latin_count\(", "lang/script.py"),
    ],
)
def test_language_fact_has_one_definition(definition: str, home: str) -> None:
    assert _files_matching(re.compile(definition, re.MULTILINE)) == [home]


def test_no_base_code_parsing_outside_lang() -> None:
    # The primary subtag of a language code is ``lang.base_code``; hand-rolled copies differed
    # in whether they lowered case or accepted ``en_US``.
    pattern = re.compile(r"lang\w*\.(?:lower\(\)\.)?split\(\"-\"\)\[0\]")
    assert _files_matching(pattern) == []


def test_no_module_only_re_exports_another() -> None:
    # Last round's shims (bilingual/script.py, check/transliteration.py,
    # segment/abbreviations.py) are gone: every import names the real home, so a fact cannot
    # be reached under two module names.
    star = re.compile(r"^from bilingual\S* import \*", re.MULTILINE)
    assert _files_matching(star) == []


def test_checks_ask_the_pair_profile_instead_of_branching() -> None:
    # Which side holds the Chinese text is lang.pair's fact; the checks ask a PairSides.
    branching = _files_matching(re.compile(r"\ben_is_src\b"))
    assert [f for f in branching if not f.startswith("lang/")] == []


def test_pair_sides_pick_the_same_values_either_way_round() -> None:
    from bilingual.lang.pair import pair_sides

    en_zh, zh_en = pair_sides("en", "zh"), pair_sides("zh-Hant", "en")
    assert (en_zh.latin, en_zh.chinese, zh_en.latin, zh_en.chinese) == ("src", "tgt", "tgt", "src")
    assert en_zh.latin_chinese("Moses", "摩西") == zh_en.latin_chinese("摩西", "Moses")
    assert en_zh.src_of("L", "C") == zh_en.tgt_of("L", "C") == "L"


def test_checks_reach_languages_only_through_the_registry() -> None:
    # A language's data and rules are read as lang.get(code) / pair_sides(...).*_lang, never
    # by importing a language folder, so a new language is a new folder, not a check edit.
    import ast

    folders = {p.name for p in (SRC / "lang").iterdir() if (p / "__init__.py").is_file()}
    assert {"en", "zh"} <= folders
    direct = []
    for path in sorted((SRC / "check").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            parts = [n.split(".") for n in names]
            if any(p[:2] == ["bilingual", "lang"] and p[2:3] and p[2] in folders for p in parts):
                direct.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert direct == []


def test_a_language_is_its_folder() -> None:
    from bilingual.lang import get
    from bilingual.lang.en import LANGUAGE as EN
    from bilingual.lang.pair import pair_sides
    from bilingual.lang.zh import LANGUAGE as ZH

    assert get("zh-TW") is ZH and get("en_US") is EN
    assert get("zh").transliterator().runs("约翰·史密斯说") == [(0, 6)]
    # a Latin-script code without a folder reads with the English rules, under its own code
    de = get("de")
    assert de.code == "de" and de.stop_words == EN.stop_words and de.transliteration is None
    sides = pair_sides("zh", "en")
    assert (sides.src_lang, sides.tgt_lang) == (ZH, EN)
    assert (sides.latin_lang, sides.chinese_lang) == (EN, ZH)


def test_a_new_language_folder_is_found_by_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from bilingual.lang import Language, get

    folder = types.ModuleType("bilingual.lang.xx")
    folder.LANGUAGE = Language(code="xx", script="latin", stop_words=frozenset({"og"}))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bilingual.lang.xx", folder)
    get.cache_clear()
    try:
        assert get("xx-YY").stop_words == frozenset({"og"})
    finally:
        get.cache_clear()


def test_checks_read_no_files() -> None:
    # Memories, glossaries and term bases are read by bilingual.formats (the files layer) and
    # handed to the check as objects: a check module never imports the readers of io or export.
    import ast

    reads = []
    for path in sorted((SRC / "check").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(n in ("bilingual.io", "bilingual.export") or n.startswith("bilingual.export.")
                   for n in names):  # fmt: skip
                reads.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert reads == []


def test_name_rules_live_in_the_language_folder() -> None:
    from bilingual.errors import LanguageError
    from bilingual.lang import get

    rules = get("en").name_rules()
    found = [name for name, _, _ in rules.spans("Yesterday Angela Merkel met the Board of Google.")]
    assert "Merkel" in found and "Google" in found and "Board" not in found
    assert rules.is_known_name("Google") and rules.is_common_word("Board")
    assert get("en-GB").name_rules() is rules  # a regional code reads its base language
    with pytest.raises(LanguageError, match="NameRules"):
        get("zh").name_rules()
