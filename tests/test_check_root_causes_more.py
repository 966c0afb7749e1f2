"""More false alarms and misses of issue 20 fixed where they arose (one test per case; the
first ones are in ``test_check_root_causes.py``)."""

from __future__ import annotations

import pytest
from _check_pairs import good_beads, make_alignment

from bilingual.check import check_alignment
from bilingual.numbers import compare_quantities, extract_numbers

LOUD = ("warning", "error")


def _read(text: str, lang: str) -> list[tuple[float, float, float, str]]:
    return [(q.value, q.low, q.high, q.unit) for q in extract_numbers(text, lang)]


@pytest.mark.parametrize(
    ("en", "zh", "value", "unit"),
    [
        ("It took three and a half years.", "花了三年半。", 3.5, "years"),
        ("two and a half years later", "两年半以后", 2.5, "years"),
        ("a year and a half later", "一年半以后", 1.5, "years"),
        ("3 and a half months", "三个半月", 3.5, "months"),
        ("an hour and a half", "一个半小时", 1.5, "hours"),
        ("about two and a half hours", "大约两个半小时", 2.5, "hours"),
    ],
)
def test_and_a_half_is_read_on_both_sides(en: str, zh: str, value: float, unit: str) -> None:
    # was: "three and a half years" read as 3 (no unit) and 三年半 as 3 years: the half lost
    # on both sides, so 三年 against "three and a half years" passed and 一年半 was unread
    (q_en,) = extract_numbers(en, "en")
    (q_zh,) = extract_numbers(zh, "zh")
    assert (q_en.value, q_en.unit) == (value, unit)
    assert (q_zh.value, q_zh.unit) == (value, unit)
    assert compare_quantities((q_en,), (q_zh,)).equal


def test_a_lost_half_is_a_different_number() -> None:
    en = extract_numbers("It took three and a half years.", "en")
    differs = compare_quantities(en, extract_numbers("花了三年。", "zh"))
    assert not differs.equal


@pytest.mark.parametrize("text", ["一年半载", "三年半载"])
def test_a_year_or_so_is_no_half(text: str) -> None:
    # 一年半载 is an idiom ("a year or so"), not 1.5 years
    assert all(q.value == int(q.value) for q in extract_numbers(text, "zh"))


@pytest.mark.parametrize(
    ("zh", "low", "high"),
    [
        ("二至二十年", 2.0, 20.0),
        ("两到二十人", 2.0, 20.0),
        ("一至十年", 1.0, 10.0),
        ("三十至五十万", 300_000.0, 500_000.0),
        # the scale written once still applies to both ends
        ("5-10万", 50_000.0, 100_000.0),
        ("二至二十万元", 20_000.0, 200_000.0),
    ],
)
def test_a_chinese_range_keeps_its_first_end(zh: str, low: float, high: float) -> None:
    # was: 二至二十年 read as 20 years (二 taken for 二十's scale-less first end, times 十)
    (q,) = extract_numbers(zh, "zh")
    assert (q.low, q.high) == (low, high)


def test_two_to_twenty_years_matches_its_english() -> None:
    assert compare_quantities(
        extract_numbers("from two to twenty years", "en"), extract_numbers("二至二十年", "zh")
    ).equal


def test_a_latin_name_is_known_next_door_only_as_a_whole_word() -> None:
    # the neighbour test of names._check_pair: "Ian" inside the neighbour's "Christian" is not
    # the name written there (was a substring test: the put-in name dropped to information)
    en = "The coroner's office released a report on the cause of death."
    zh = "法医办公室发布了报告，Ian 表示死亡是枪伤造成的。"
    beads = [*good_beads()[:3], (["The Christian pastor was there."], ["那位基督教牧师在场。"])]
    beads += [([en], [zh]), *good_beads()[4:8]]
    report = check_alignment(make_alignment(beads))
    found = [f for f in report.findings if f.kind == "name_mismatch" and 4 in f.src_ids]
    assert found and any(f.severity in LOUD for f in found)
    # a neighbour that writes the name as a word still makes it explicitation
    beads[3] = (["Ian, the pastor, was there."], ["牧师伊恩在场。"])
    report = check_alignment(make_alignment(beads))
    found = [f for f in report.findings if f.kind == "name_mismatch" and 4 in f.src_ids]
    assert found and all(f.severity == "info" for f in found)
