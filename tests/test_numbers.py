"""Quantities in English and Chinese: extraction table, Chinese numeral parsing, comparison."""

from __future__ import annotations

import math
from pathlib import Path

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.numbers import (
    Quantity,
    compare_quantities,
    extract_numbers,
    numeral_words,
    parse_chinese_numeral,
    quantities_match,
)

# (text, lang, expected list of (value, low, high, unit, approx)); empty list = no quantity.
CASES: list[tuple[str, str, list[tuple[float, float, float, str, bool]]]] = [
    # English: digits, separators, decimals, scales, money, percent
    ("It costs $1.2 trillion.", "en", [(1.2e12, 1.2e12, 1.2e12, "USD", False)]),
    ("two thousand people", "en", [(2000, 2000, 2000, "", False)]),
    ("a rise of 15%", "en", [(15, 15, 15, "%", False)]),
    ("a rise of 15 percent", "en", [(15, 15, 15, "%", False)]),
    ("up 15 per cent", "en", [(15, 15, 15, "%", False)]),
    ("a $500/month agent subscription", "en", [(500, 500, 500, "USD/month", False)]),
    ("pay $500 per month", "en", [(500, 500, 500, "USD/month", False)]),
    ("1,234,567 votes", "en", [(1234567, 1234567, 1234567, "", False)]),
    ("3.5 million users", "en", [(3.5e6, 3.5e6, 3.5e6, "", False)]),
    ("a $3bn deal", "en", [(3e9, 3e9, 3e9, "USD", False)]),
    ("10k steps", "en", [(1e4, 1e4, 1e4, "", False)]),
    ("half a million", "en", [(5e5, 5e5, 5e5, "", False)]),
    ("a dozen eggs", "en", [(12, 12, 12, "", False)]),
    ("twenty-five", "en", [(25, 25, 25, "", False)]),
    ("one hundred and twenty", "en", [(120, 120, 120, "", False)]),
    ("500 dollars", "en", [(500, 500, 500, "USD", False)]),
    ("300 yuan", "en", [(300, 300, 300, "CNY", False)]),
    # English hedges and ranges
    ("more than 100,000 people", "en", [(1e5, 1e5, 2e5, "", True)]),
    ("about 2,000", "en", [(2000, 1700, 2300, "", True)]),
    ("several thousand dollars", "en", [(5999.5, 2000, 9999, "USD", True)]),
    ("5 to 10 years", "en", [(7.5, 5, 10, "years", False)]),
    ("between 5 and 10", "en", [(7.5, 5, 10, "", False)]),
    ("$5-10 million", "en", [(7.5e6, 5e6, 1e7, "USD", False)]),
    ("hundreds of thousands", "en", [(599999.5, 2e5, 999999, "", True)]),
    # English years, ordinals, numbering
    ("in early 2026", "en", [(2026, 2026, 2026, "year", False)]),
    ("the 1990s", "en", [(1990, 1990, 1999, "year", True)]),
    ("the third day", "en", [(3, 3, 3, "ordinal", False)]),
    ("3rd place", "en", [(3, 3, 3, "ordinal", False)]),
    ("Article 3 says", "en", [(3, 3, 3, "ordinal", False)]),
    ("Chapter IV", "en", [(4, 4, 4, "ordinal", False)]),
    ("He was 120 years old", "en", [(120, 120, 120, "years", False)]),
    ("seven days", "en", [(7, 7, 7, "days", False)]),
    # English: no false positives
    ("no one came", "en", []),
    ("one of them", "en", []),
    ("In the beginning God created the heaven and the earth.", "en", []),
    ("I went home", "en", []),
    # Chinese numerals with units
    ("两千", "zh", [(2000, 2000, 2000, "", False)]),
    ("3.5万", "zh", [(35000, 35000, 35000, "", False)]),
    ("1.2亿", "zh", [(1.2e8, 1.2e8, 1.2e8, "", False)]),
    ("百分之十五", "zh", [(15, 15, 15, "%", False)]),
    ("百分之十五点五", "zh", [(15.5, 15.5, 15.5, "%", False)]),
    ("8%的增长", "zh", [(8, 8, 8, "%", False)]),
    ("三成", "zh", [(30, 30, 30, "%", False)]),
    ("2000万", "zh", [(2e7, 2e7, 2e7, "", False)]),
    ("1.2万亿美元", "zh", [(1.2e12, 1.2e12, 1.2e12, "USD", False)]),
    ("每月2000美元", "zh", [(2000, 2000, 2000, "USD/month", False)]),
    ("3倍", "zh", [(3, 3, 3, "x", False)]),
    ("一千", "zh", [(1000, 1000, 1000, "", False)]),
    # Chinese hedges and ranges
    ("十多万人", "zh", [(1e5, 1e5, 2e5, "", True)]),
    ("数千", "zh", [(5999.5, 2000, 9999, "", True)]),
    ("每月数千美元", "zh", [(5999.5, 2000, 9999, "USD/month", True)]),
    ("5到10年", "zh", [(7.5, 5, 10, "years", False)]),
    ("五到十年", "zh", [(7.5, 5, 10, "years", False)]),
    ("3-5%", "zh", [(4, 3, 5, "%", False)]),
    ("一百多万", "zh", [(1e6, 1e6, 2e6, "", True)]),
    ("十几个", "zh", [(10, 11, 19, "", True)]),
    ("约2000人", "zh", [(2000, 1700, 2300, "", True)]),
    ("5年以上", "zh", [(5, 5, 10, "years", True)]),
    # Chinese years, months, ordinals
    ("2026年初", "zh", [(2026, 2026, 2026, "year", False)]),
    ("二〇二六年", "zh", [(2026, 2026, 2026, "year", False)]),
    ("三月", "zh", [(3, 3, 3, "month", False)]),
    ("第三条", "zh", [(3, 3, 3, "ordinal", False)]),
    ("第一", "zh", [(1, 1, 1, "ordinal", False)]),
    ("三个人", "zh", [(3, 3, 3, "", False)]),
    ("十天", "zh", [(10, 10, 10, "days", False)]),
    # Fractions, multiples, decades, spacing in mixed text
    ("add a fifth part of it", "en", [(0.2, 0.2, 0.2, "", False)]),
    ("two thirds of voters", "en", [(2 / 3, 2 / 3, 2 / 3, "", False)]),
    ("the tenth part of an ephah", "en", [(0.1, 0.1, 0.1, "", False)]),
    ("a third party", "en", [(3, 3, 3, "ordinal", False)]),
    ("in the seventh month", "en", [(7, 7, 7, "month", False)]),
    ("twice a day", "en", [(2, 2, 2, "", False)]),
    ("two decades", "en", [(20, 20, 20, "years", False)]),
    ("after decades of talks", "en", [(59.5, 20, 99, "years", True)]),
    ("an early two-goal lead", "en", [(2, 2, 2, "", False)]),
    ("18- to 29-year-olds", "en", [(23.5, 18, 29, "years", False)]),
    ("the book I was looking for", "en", []),
    ("五分之一", "zh", [(0.2, 0.2, 0.2, "", False)]),
    ("千分之五", "zh", [(0.5, 0.5, 0.5, "%", False)]),
    ("十分钟", "zh", [(10, 10, 10, "minutes", False)]),
    ("三点五万人", "zh", [(35000, 35000, 35000, "", False)]),
    ("以 1.25 亿英镑的价格", "zh", [(1.25e8, 1.25e8, 1.25e8, "GBP", False)]),
    ("在 10 月時", "zh", [(10, 10, 10, "month", False)]),
    ("大约有两千人", "zh", [(2000, 1700, 2300, "", True)]),
    ("拿三细亚细面", "zh", [(3, 3, 3, "", False)]),  # a count before a noun, no measure word
    ("两国关系", "zh", [(2, 2, 2, "", False)]),
    # Archaic and compound English numbers (King James Bible), scales after scales
    ("six hundred threescore and six", "en", [(666, 666, 666, "", False)]),
    ("threescore and twelve thousand", "en", [(72000, 72000, 72000, "", False)]),
    ("three score and ten", "en", [(70, 70, 70, "", False)]),
    ("fourscore years", "en", [(80, 80, 80, "years", False)]),
    ("a thousand thousand", "en", [(1e6, 1e6, 1e6, "", False)]),
    ("two hundred thousand", "en", [(2e5, 2e5, 2e5, "", False)]),
    ("the twenty-first century", "en", [(21, 21, 21, "ordinal", False)]),
    ("the one and twentieth day", "en", [(21, 21, 21, "ordinal", False)]),
    ("the four hundred and eightieth year", "en", [(480, 480, 480, "ordinal", False)]),
    ("in the eighth month", "en", [(8, 8, 8, "month", False)]),
    ("the eightieth birthday", "en", [(80, 80, 80, "ordinal", False)]),
    # "first" as an adverb is not a rank
    ("at first he thought", "en", []),
    ("they must disarm first.", "en", []),
    ("in the first place", "en", []),
    ("his first start", "en", [(1, 1, 1, "ordinal", False)]),
    # Clock times: one unit, hours on a 12-hour dial
    ("at 13:00 BST", "en", [(1, 1, 1, "time", False)]),
    ("found at 7.55am", "en", [(7.9167, 7.9167, 7.9167, "time", False)]),
    ("at 2pm", "en", [(2, 2, 2, "time", False)]),
    ("at 19h", "en", [(7, 7, 7, "time", False)]),
    ("updated 19h ago", "en", [(19, 19, 19, "hours", False)]),
    ("at nine in the evening", "en", [(9, 9, 9, "time", False)]),
    ("at six o'clock", "en", [(6, 6, 6, "time", False)]),
    ("rose 4.40 points", "en", [(4.4, 4.4, 4.4, "", False)]),
    ("晚上九点", "zh", [(9, 9, 9, "time", False)]),
    ("下午5：30", "zh", [(5.5, 5.5, 5.5, "time", False)]),
    ("早上 7:55", "zh", [(7.9167, 7.9167, 7.9167, "time", False)]),
    ("九点钟", "zh", [(9, 9, 9, "time", False)]),
    ("4点40分", "zh", [(4.6667, 4.6667, 4.6667, "time", False)]),
    ("三点五", "zh", [(3.5, 3.5, 3.5, "", False)]),  # a decimal, not a time
    # Weekdays are names, not counts
    ("周二", "zh", []),
    ("星期三下午", "zh", []),
    # Decades and ages
    ("八十年代", "zh", [(1980, 1980, 1989, "year", True)]),
    ("20 世纪 30 年代", "zh", [(1930, 1930, 1939, "year", True)]),
    ("in his 40s", "en", [(40, 40, 49, "years", True)]),
    ("over the past decade", "en", [(10, 10, 10, "years", False)]),
    # Ranges with the unit written after both ends
    ("11岁至18岁", "zh", [(14.5, 11, 18, "years", False)]),
    ("30% 至 43%", "zh", [(36.5, 30, 43, "%", False)]),
    ("30% to 43%", "en", [(36.5, 30, 43, "%", False)]),
    # "first" in Chinese, months, anniversaries, labels with a year
    ("首次参加", "zh", [(1, 1, 1, "ordinal", False)]),
    ("一首歌", "zh", []),
    ("正月", "zh", [(1, 1, 1, "month", False)]),
    ("60周年", "zh", [(60, 60, 60, "ordinal", False)]),
    ("the Government of Wales Act 2017", "en", [(2017, 2017, 2017, "year", False)]),
    ("One in five children", "en", [(0.2, 0.2, 0.2, "", False)]),
    ("in late March", "en", [(3, 3, 3, "month", False)]),
    ("you may go", "en", []),
    ("本世纪之初", "zh", [(2000, 2000, 2099, "year", True)]),
    ("上世纪80年代", "zh", [(1980, 1980, 1989, "year", True)]),
    ("成千上万的观众", "zh", [(20000, 10000, 30000, "", True)]),
    ("关押了超过 500 名犯人", "zh", [(500, 500, 600, "", True)]),  # a hedge before a space
    ("over 24 hours", "en", [(24, 24, 24, "hours", False)]),  # a period, not a minimum
    ("以5-0-0比分", "zh", [(5, 5, 5, "", False), (0, 0, 0, "", False), (0, 0, 0, "", False)]),
    ("winning 14½-13½", "en", [(14.5, 14.5, 14.5, "", False), (13.5, 13.5, 13.5, "", False)]),
    ("以14½-13½获胜", "zh", [(14.5, 14.5, 14.5, "", False), (13.5, 13.5, 13.5, "", False)]),
    ("一人焉能追赶千人", "zh", [(1000, 1000, 1000, "", False)]),
    ("千年", "zh", [(1000, 1000, 1000, "years", False)]),
    ("赐给万人", "zh", []),  # all people
    ("四十昼夜", "zh", [(40, 40, 40, "days", False)]),
    ("二十两银子", "zh", [(20, 20, 20, "", False)]),  # 两 the weight, not 22
    ("三个月零十天", "zh", [(3, 3, 3, "months", False), (10, 10, 10, "days", False)]),
    ("一年零六个月", "zh", [(6, 6, 6, "months", False)]),
    ("more than sixscore thousand", "en", [(120000, 120000, 130000, "", True)]),
    ("他说：We paid two thousand dollars.", "zh", [(2000, 2000, 2000, "USD", False)]),
    ("千万不要", "zh", []),
    ("千里", "zh", []),
    ("死亡人数飙升至800 人以上", "zh", [(800, 800, 900, "", True)]),
    ("3000名以上", "zh", [(3000, 3000, 4000, "", True)]),
    # Chinese: no count inside words or names
    ("零部件", "zh", []),
    ("赶上万圣节", "zh", []),
    ("F125护卫舰", "zh", []),
    ("蛋白质HER2", "zh", []),
    # Chinese: numerals inside words are not quantities
    ("五颜六色", "zh", []),
    ("再三", "zh", []),
    ("统一", "zh", []),
    ("万一", "zh", []),
    ("一些人", "zh", []),
    ("十分重要", "zh", []),
    ("四川", "zh", []),
    ("千万不要", "zh", []),
    ("百姓", "zh", []),
    ("三心二意", "zh", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES, ids=[c[0] for c in CASES])
def test_extract_table(text: str, lang: str, expected: list) -> None:
    got = extract_numbers(text, lang)
    assert [(q.value, q.low, q.high, q.unit, q.approx) for q in got] == [
        (float(v), float(lo), float(hi), u, a) for v, lo, hi, u, a in expected
    ]


def test_offsets_point_into_text() -> None:
    text = "AI领域，每月2000美元，在未来5到10年，答案在2026年初已经清晰。"
    for q in extract_numbers(text, "zh"):
        assert text[q.start : q.end] == q.text
    en = "The developer ... using a $500/month agent subscription in 2026."
    for q in extract_numbers(en, "en"):
        assert en[q.start : q.end] == q.text


def test_seed_page_number_drift() -> None:
    """The seed page's drift: $500/month against 每月2000美元 and 每月数千美元."""
    en = extract_numbers("using a $500/month agent subscription", "en")
    zh = extract_numbers("甚至可能支付每月数千美元的天价。为代码代理每月2000美元的账单", "zh")
    diff = compare_quantities(en, zh)
    assert [q.text for q in diff.src_only] == ["$500/month"]
    assert sorted(q.text for q in diff.tgt_only) == ["每月2000美元", "每月数千美元"]


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Article 3", "第三条"),
        ("the third", "第三"),
        ("$1.2 trillion", "1.2万亿美元"),
        ("two thousand", "两千"),
        ("15%", "百分之十五"),
        ("more than 100,000", "十多万"),
        ("several thousand", "数千"),
        ("5 to 10 years", "5到10年"),
        ("early 2026", "2026年初"),
        ("$2,000 a month", "每月2000美元"),
        ("1.23 million", "123万"),
        ("1,234,567", "123万"),
        ("3.5 million", "350万"),
        ("six million", "6 百萬"),
        ("a fifth part", "五分之一"),
        ("the seventh month", "七月"),
        ("ten minutes", "十分钟"),
        ("18- to 29-year-olds", "18至29岁"),
        ("the eighth month", "八月"),
        ("nine in the evening", "晚上九点"),
        ("at 19h", "晚上7点"),
        ("19h ago", "19小时前"),
        ("at 2pm", "下午二点"),
        ("12:00 and 13:00", "12:00至13:00"),
        ("the 1980s", "八十年代"),
        ("the 1930s", "20 世纪 30 年代"),
        ("decades", "数十年"),
        ("a thousand thousand", "一百万"),
        ("six hundred threescore and six", "六百六十六"),
        ("11 to 18-year-olds", "11岁至18岁"),
        ("between 30 and 43 percent", "30% 至 43%"),
        ("five to ten per cent", "5%至10%"),
        ("for the first time", "首次"),
        ("Twenty per cent", "五分之一"),
        ("One in five", "五分之一"),
        ("in the eleventh year", "十一年"),
        ("the 89th minute", "89分钟"),
        ("the 60th anniversary", "60周年"),
        ("in his 40s", "40多岁"),
        ("a decade later", "十年后"),
        ("the first month", "正月"),
        ("more than 500 prisoners", "超过 500 名犯人"),
        ("in the early 2000s", "本世纪之初"),
        ("fasted forty days", "禁食四十昼夜"),
        ("from twenty years old even unto sixty years old", "从二十岁到六十岁"),
        ("about 200 people", "大约 200 人"),
    ],
)
def test_equal_across_languages(en: str, zh: str) -> None:
    diff = compare_quantities(extract_numbers(en, "en"), extract_numbers(zh, "zh"))
    assert diff.equal, diff


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("$500/month", "每月2000美元"),
        ("15%", "百分之五十"),
        ("Article 3", "第四条"),
        ("in 2025", "2026年"),
        ("$500", "500欧元"),
        ("5 to 10 years", "20年"),
        ("in five years", "在未来5到10年"),  # a point is not a range: information was lost
        ("Codex 5.2", "5到10年"),
        ("5 to 10 years", "5到8年"),
        ("at 2pm", "下午三点"),
        ("the eighth month", "九月"),
        ("the 1980s", "九十年代"),
        ("Twenty per cent", "四分之一"),
        ("between 30 and 43 percent", "30% 至 45%"),
        ("in the eleventh year", "十二年"),
        ("more than 500 prisoners", "超过 510 名犯人"),  # one hedge, two anchors
        ("about 200 people", "大约 230 人"),
        ("above 800", "870 人以上"),
    ],
)
def test_different_across_languages(en: str, zh: str) -> None:
    diff = compare_quantities(extract_numbers(en, "en"), extract_numbers(zh, "zh"))
    assert not diff.equal


def _q(
    value: float, unit: str = "", low: float | None = None, high: float | None = None
) -> Quantity:
    lo = value if low is None else low
    hi = value if high is None else high
    return Quantity(value, lo, hi, unit, lo != hi, str(value), 0, 1)


def test_multiset_counts_repeats() -> None:
    diff = compare_quantities([_q(3), _q(3)], [_q(3)])
    assert len(diff.pairs) == 1 and len(diff.src_only) == 1


def test_exact_match_is_not_stolen_by_a_range() -> None:
    # The range 5..10 could take 7 or 10; the matching must leave 7 to the exact 7.
    diff = compare_quantities([_q(7.5, low=5, high=10), _q(7)], [_q(7), _q(10)])
    assert diff.equal


def test_tolerance() -> None:
    assert quantities_match(_q(1_000_000), _q(1_010_000), rel_tol=0.02)
    assert not quantities_match(_q(1_000_000), _q(1_100_000), rel_tol=0.02)
    assert not quantities_match(_q(100), _q(101), rel_tol=0.02)  # small counts are exact
    assert not quantities_match(_q(2025, "year"), _q(2026, "year"))
    assert not quantities_match(_q(100, "USD"), _q(100, "EUR"))
    assert quantities_match(_q(100, ""), _q(100, "USD"))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_parse_inverts_cn2an(n: int) -> None:
    """Every numeral cn2an writes (an2cn) reads back as the same integer."""
    assert parse_chinese_numeral(cn2an.an2cn(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=99_999_999))
def test_extract_cn2an_numerals_in_context(n: int) -> None:
    text = f"大约有{cn2an.an2cn(n)}个人"
    found = extract_numbers(text, "zh")
    assert len(found) == 1
    q = found[0]
    assert math.isclose(q.value, n) and q.approx
    assert text[q.start : q.end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_crashes_and_offsets_hold(text: str) -> None:
    for lang in ("en", "zh", "de"):
        for q in extract_numbers(text, lang):
            assert text[q.start : q.end] == q.text
            assert q.low <= q.high


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed page not found at {SEED}")
def test_seed_analyses_document_level_number_drift() -> None:
    """Issue 4: the seed's two analyses disagree on these numbers, and only on these."""
    text = SEED.read_text(encoding="utf-8")
    analysis = text[text.index("Analysis 深度分析") : text.index("Disclaimer:")]
    paragraphs = [p for p in analysis.split("\n\n")[1:] if p.strip()]

    def han_share(p: str) -> float:
        return sum("\u4e00" <= c <= "\u9fff" for c in p) / len(p)

    en = " ".join(p for p in paragraphs if han_share(p) < 0.1)
    zh = "".join(p for p in paragraphs if han_share(p) > 0.5)
    diff = compare_quantities(extract_numbers(en, "en"), extract_numbers(zh, "zh"))
    src_only = {q.text for q in diff.src_only}
    tgt_only = {q.text for q in diff.tgt_only}
    assert "$500/month" in src_only
    assert {"每月2000美元", "每月数千美元", "2026年初", "5到10年"} <= tgt_only


_SAMPLES = [c[0] for c in CASES]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(_SAMPLES), max_size=5), st.lists(st.sampled_from(_SAMPLES), max_size=5)
)
def test_comparison_is_reflexive_and_symmetric(a_texts: list[str], b_texts: list[str]) -> None:
    def qs(texts: list[str]) -> list[Quantity]:
        return [q for t in texts for q in extract_numbers(t, "zh" if not t.isascii() else "en")]

    a, b = qs(a_texts), qs(b_texts)
    assert compare_quantities(a, a).equal
    ab, ba = compare_quantities(a, b), compare_quantities(b, a)
    assert len(ab.pairs) == len(ba.pairs)  # a maximum matching has one size
    assert len(ab.src_only) == len(ba.tgt_only) and len(ab.tgt_only) == len(ba.src_only)


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Both churches were built in 1870", "en", [("Both", 2.0)]),
        ("the pair had sex", "en", [("pair", 2.0)]),
        ("他成为四名选手中唯一以5-0-0比分获胜的选手", "zh", [("唯", 1.0), ("一", 1.0)]),
        ("但完全出于双方自愿", "zh", [("双", 2.0)]),
        ("It rose 15% in 2020", "en", []),
        ("增长了15%", "zh", []),
    ],
)
def test_numeral_words_outside_quantities(
    text: str, lang: str, words: list[tuple[str, float]]
) -> None:
    """Numeral-like words no extracted quantity covers (evidence for a one-sided small count)."""
    found = numeral_words(text, lang, extract_numbers(text, lang))
    assert [w.text for w in found] == [w for w, _ in words]
    assert [w.value for w in found] == [v for _, v in words]
