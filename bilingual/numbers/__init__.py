"""Quantities in English, Chinese and (more simply) other Latin-script text, normalised.

``extract_numbers`` finds digits, number words, money, percentages, scales, years, ordinals and
hedged or ranged amounts and returns them as :class:`Quantity` values; ``compare_quantities``
pairs two such lists as multisets. Both the lexical alignment channel and the drift checks use
this module, so it is tuned for precision: a numeral that is part of a word (统一, 万一, "no one")
is not a quantity.

Units are short strings:

- ``""`` a plain count or fraction (五分之一 = "a fifth part" = 0.2; twice = 2); ``"%"`` a
  percentage (also 个百分点, 千分之五 = 0.5 %, 三成 = 30 %);
- ``"year"`` a calendar year (2026, 2026年初, the 1990s, 八十年代); ``"month"`` a month of the
  year (May, the eighth month, 八月, 正月);
- ``"time"`` a clock time as hours on a 12-hour dial (13:00, 7.55am, nine in the evening, 晚上九点
  and 下午5：30 are 1, 7.92, 9 and 5.5): translations move between 24-hour and 12-hour clocks;
- ``"years"``, ``"months"``, ``"weeks"``, ``"days"``, ``"hours"``, ``"minutes"``,
  ``"seconds"`` durations (an age in 岁 / "years old" counts as ``"years"``);
- ``"ordinal"`` ranks and numbering (third, 3rd, 第三, 首次, Article 3 = 第三条, list items,
  60周年); a rank is compatible with a duration ("the eleventh year" = 十一年, "the 89th
  minute" = 89分钟);
- ``"x"`` multiples (3倍, threefold);
- ISO currency codes (``"USD"``, ``"CNY"``, ``"EUR"``, ``"GBP"``, ``"JPY"``, ``"HKD"``), with a
  period when there is one: ``"USD/month"`` ("$500/month", 每月2000美元).

``value`` is a point estimate; ``low``/``high`` bound what the text allows: a written range
gives its ends (5到10年 -> 5..10, value the midpoint, ``approx`` False), a hedge widens one side
(more than 100,000 -> 100,000..200,000; about 2,000 -> 1,700..2,300) and sets ``approx``;
"several"/数/几 forms span 2..9.999 of their scale (数千 -> 2,000..9,999, ``approx``).
``text``/``start``/``end`` locate the quantity: ``text == source[start:end]``.

English number words for one ("one", "a") and Chinese 一 on their own are not quantities (they
are articles far more often than counts); 第一, "first", "1" and "a thousand" are. "first" as an
adverb ("at first", "... first.") is not. ``numeral_words`` lists the numeral-like words that are
not quantities ("both" = 2, 唯一 = 1, "an hour" = 1), for callers that weigh a one-sided count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from bilingual import cedict
from bilingual.lang import base_code
from bilingual.script import HAN

__all__ = [
    "NumeralWord",
    "Quantity",
    "QuantityDiff",
    "compare_quantities",
    "extract_numbers",
    "numeral_words",
    "parse_chinese_numeral",
    "quantities_match",
    "units_compatible",
]


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text: value, the interval it allows, unit and where it is."""

    value: float
    low: float
    high: float
    unit: str
    approx: bool
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class QuantityDiff:
    """The result of comparing two lists of quantities as multisets.

    ``pairs`` holds (source index, target index) of matched quantities; ``src_only`` and
    ``tgt_only`` the quantities left without a counterpart.
    """

    pairs: tuple[tuple[int, int], ...]
    src_only: tuple[Quantity, ...]
    tgt_only: tuple[Quantity, ...]

    @property
    def equal(self) -> bool:
        return not self.src_only and not self.tgt_only


# --------------------------------------------------------------------------------------------
# Shared helpers

# Full-width digits and signs map one-to-one, so offsets into the original text stay valid.
_WIDTH = str.maketrans("０１２３４５６７８９．，％＄￥－～", "0123456789.,%$¥-~")

_HEDGE_UP = 2.0  # "more than X" allows up to 2X: wide enough for 十多万 vs "over 100,000"
_HEDGE_ABOUT = 0.15


# A number found in the text before ranges are merged: start, end, value, low, high, approx, then
# per language: Chinese (arabic digits?), English (currency, scale word, had a scale?).
_CnAtom = tuple[int, int, float, float, float, bool, bool]
_CnMerged = tuple[int, int, float, float, float, bool, bool, bool]
_EnAtom = tuple[int, int, float, float, float, bool, str, str | None, bool]
_EnMerged = tuple[int, int, float, float, float, bool, str, bool]
_Atom = TypeVar("_Atom")
_Merged = TypeVar("_Merged")


def _merge_ranges(
    atoms: Sequence[_Atom],
    join: Callable[[_Atom, _Atom], _Merged | None],
    single: Callable[[_Atom], _Merged],
) -> list[_Merged]:
    """Scan neighbouring numbers once: ``join`` makes a range of a pair or says no (None)."""
    merged: list[_Merged] = []
    i = 0
    while i < len(atoms):
        if i + 1 < len(atoms):
            joined = join(atoms[i], atoms[i + 1])
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(single(atoms[i]))
        i += 1
    return merged


def _hedged(value: float, hedge: str | None) -> tuple[float, float, bool]:
    """The interval a hedge word allows around ``value``."""
    if hedge is None:
        return value, value, False
    if hedge == "more":
        return value, value * _HEDGE_UP, True
    if hedge == "less":
        return value / _HEDGE_UP, value, True
    if hedge == "near":
        return value * (1 - _HEDGE_ABOUT), value, True
    return value * (1 - _HEDGE_ABOUT), value * (1 + _HEDGE_ABOUT), True


def _q(
    value: float,
    unit: str,
    text: str,
    start: int,
    end: int,
    hedge: str | None = None,
    low: float | None = None,
    high: float | None = None,
    approx: bool = False,
) -> Quantity:
    if low is None or high is None:
        low, high, approx2 = _hedged(value, hedge)
        approx = approx or approx2
    elif hedge is not None:
        lo2, _, _ = _hedged(low, hedge)
        _, hi2, _ = _hedged(high, hedge)
        low, high, approx = lo2, hi2, True
    return Quantity(
        float(value),
        float(min(low, high)),
        float(max(low, high)),
        unit,
        approx,
        text[start:end],
        start,
        end,
    )


def _is_calendar_year(v: float) -> bool:
    return v == int(v) and 1000 <= v <= 2199


# --------------------------------------------------------------------------------------------
# Chinese

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_SMALL) + "".join(_CN_BIG)


def parse_chinese_numeral(s: str) -> float | None:
    """Value of a Chinese numeral (一百二十三, 两千五, 3.5万, 二〇二六, 三点五) or None.

    Arabic digits may stand for the leading part (3.5万, 2000万). A bare digit string
    (二〇二六) is read digit by digit. A trailing digit after a unit is the abbreviated next
    place (两千五 = 2500, 三万五 = 35000).
    """
    s = s.translate(_WIDTH).replace(",", "").replace(" ", "").replace("\u00a0", "")
    if len(s) > 1 and s[0] in "零〇" and s[1] in _CN_SMALL:
        s = s[1:]  # 三个月零十天: 零 joins the parts ("and ten days")
    if not s:
        return None
    # Digit-by-digit strings: years written 二〇二六, or arabic numbers.
    if all(c in _CN_DIGIT for c in s) and len(s) > 1:
        return float("".join(str(_CN_DIGIT[c]) for c in s))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(.*)", s)
    if m:
        head = float(m.group(1))
        rest = m.group(2)
        if not rest:
            return head
        mult = 1.0
        for c in rest:
            if c in _CN_SMALL:
                mult *= _CN_SMALL[c]
            elif c in _CN_BIG:
                mult *= _CN_BIG[c]
            else:
                return None
        return head * mult
    if "点" in s or "點" in s:
        whole, _, frac = s.replace("點", "点").partition("点")
        w = parse_chinese_numeral(whole) if whole else 0.0
        scale_chars = frac[len(frac.rstrip("万萬亿億")) :]
        frac = frac[: len(frac) - len(scale_chars)]
        if w is None or not frac or any(c not in _CN_DIGIT for c in frac):
            return None
        mult = 1.0
        for c in scale_chars:
            mult *= _CN_BIG[c]
        return (w + float("0." + "".join(str(_CN_DIGIT[c]) for c in frac))) * mult
    total = 0.0  # completed 亿 groups
    section = 0.0  # completed 万 group inside the current 亿 group
    group = 0.0  # below 万
    digit: float | None = None
    last_unit = 1.0
    for c in s:
        if c in _CN_DIGIT:
            if digit is not None and digit != 0:
                return None  # 二三 inside a positional numeral is not a number
            digit = float(_CN_DIGIT[c])
        elif c in _CN_SMALL:
            u = _CN_SMALL[c]
            group += (1.0 if digit is None else digit) * u
            digit = None
            last_unit = u
        elif c in _CN_BIG:
            u = _CN_BIG[c]
            if digit is not None:
                group += digit
                digit = None
            if u == 10_000:
                section = (section + group) * u if group or section else 0.0
                if not section:
                    return None
            else:
                total = (total + section + group) * u
                if not total:
                    return None
                section = 0.0
            group = 0.0
            last_unit = u
        else:
            return None
    if digit is not None:
        # 两千五 = 2500: a lone trailing digit fills the place below the last unit.
        if last_unit >= 100 and digit and not s.endswith(("零", "〇")) and s[-2] not in "零〇":
            group += digit * last_unit / 10
        else:
            group += digit
    return total + section + group


def _cn_step(core: str) -> float:
    """The place value of the last written digit of ``core`` (for 多/余/几 after it)."""
    t = core.translate(_WIDTH).replace(",", "").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d+", t):
        stripped = t.rstrip("0")
        return float(10 ** (len(t) - len(stripped))) if stripped else 1.0
    if re.fullmatch(r"\d+\.\d+", t):
        return 1.0
    last = t[-1]
    if last in _CN_SMALL:
        return float(_CN_SMALL[last])
    if last in _CN_BIG:
        return float(_CN_BIG[last])
    return 1.0


# Characters that turn a following numeral into a measured quantity (a measure word or unit).
_CN_MEASURE = set(
    "个個年月日天岁歲倍人名位次种種家条條项項件只隻本张張部座所辆輛台架艘支把块塊元美欧歐英港"
    "周週秒米克吨噸斤里亩畝层層届屆期批份类類门門场場轮輪颗顆枚首篇段句章节節款编編卷代世号號"
    "度步声聲口头頭匹棵株串对對双雙套群组組队隊封间間户戶国國省城州党方面遍回趟餐顿頓杯瓶碗盘盤"
    "包箱根片滴粒员員美镑鎊钱錢样樣成点點分%"
)
_CN_MEASURE2 = (
    "分钟",
    "分鐘",
    "小时",
    "小時",
    "星期",
    "公里",
    "公斤",
    "百分点",
    "百分點",
    "千米",
    "千克",
    "平方",
    "立方",
    "个月",
    "個月",
)

_CN_CURRENCY = (
    ("亿美元", "USD", 1e8),
    ("万美元", "USD", 1e4),
    ("美元", "USD", 1.0),
    ("美金", "USD", 1.0),
    ("欧元", "EUR", 1.0),
    ("歐元", "EUR", 1.0),
    ("英镑", "GBP", 1.0),
    ("英鎊", "GBP", 1.0),
    ("日元", "JPY", 1.0),
    ("日圓", "JPY", 1.0),
    ("港元", "HKD", 1.0),
    ("港币", "HKD", 1.0),
    ("港幣", "HKD", 1.0),
    ("人民币", "CNY", 1.0),
    ("人民幣", "CNY", 1.0),
    ("元", "CNY", 1.0),
    ("块钱", "CNY", 1.0),
    ("塊錢", "CNY", 1.0),
    ("美分", "USD", 0.01),
)
_CN_DURATION = (
    ("个多月", "months"),
    ("個多月", "months"),
    ("个月", "months"),
    ("個月", "months"),
    ("个星期", "weeks"),
    ("個星期", "weeks"),
    ("星期", "weeks"),
    ("周", "weeks"),
    ("週", "weeks"),
    ("个小时", "hours"),
    ("個小時", "hours"),
    ("小时", "hours"),
    ("小時", "hours"),
    ("分钟", "minutes"),
    ("分鐘", "minutes"),
    ("秒钟", "seconds"),
    ("秒", "seconds"),
    ("天", "days"),
    ("昼夜", "days"),  # 四十昼夜 = "forty days and forty nights"
    ("晝夜", "days"),
    ("岁", "years"),
    ("歲", "years"),
    ("周岁", "years"),
)
_CN_PERIOD = {
    "月": "month",
    "年": "year",
    "天": "day",
    "日": "day",
    "周": "week",
    "週": "week",
    "小时": "hour",
    "小時": "hour",
}
_CN_ORDINAL_NOUN = "条條章节節款项項编編部分卷篇回次届屆个個位名"

_CN_PRE_HEDGE = (
    ("大约", "about"),
    ("大概", "about"),
    ("约", "about"),
    ("約", "about"),
    ("将近", "near"),
    ("將近", "near"),
    ("接近", "near"),
    ("近", "near"),
    ("超过", "more"),
    ("超過", "more"),
    ("逾", "more"),
    ("多达", "more"),
    ("多達", "more"),
    ("高达", "more"),
    ("高達", "more"),
    ("至少", "more"),
    ("不少于", "more"),
    ("不少於", "more"),
    ("不到", "less"),
    ("不足", "less"),
    ("少于", "less"),
    ("少於", "less"),
    ("最多", "less"),
    ("上下", "about"),
)
_CN_POST_HEDGE = (
    ("左右", "about"),
    ("上下", "about"),
    ("以上", "more"),
    ("之多", "more"),
    ("多", "more"),
    ("余", "more"),
    ("以下", "less"),
    ("以内", "less"),
    ("以內", "less"),
)

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUM = rf"[{_CN_CHARS}]+(?:[点點][{''.join(_CN_DIGIT)}]+[万萬亿億]*)?"
_CN_ATOM = re.compile(
    rf"(?P<pre>[数數几幾上])(?P<pscale>[十百千万萬亿億]+)"
    rf"|(?P<core>{_ARABIC}(?:[ \u00a0]?[十百千万萬亿億]+(?![{''.join(_CN_DIGIT)}]))?|{_CN_NUM})"
    rf"(?:(?P<more>[多余餘几幾])(?P<scale>[十百千万萬亿億]*))?"
)
_CN_FRACTION = re.compile(
    rf"(?P<d>[{_CN_CHARS}]+|\d+)分之(?P<n>[{_CN_CHARS}]+(?:[点點][{''.join(_CN_DIGIT)}]+)?|\d+(?:\.\d+)?)"
)
_CN_RANGE_SEP = re.compile(r"\s*(?:到|至|-|~|—|–|〜|或)\s*")
_CN_LIST = re.compile(
    rf"^\s*(?:[（(](?P<a>[{_CN_CHARS}]+|\d+)[)）]|(?P<b>[{_CN_CHARS}]+|\d+)[、.．](?!\d))"
)


_CN_RANGE_UNIT = re.compile(
    r"\s*(?P<u>岁|歲|%|年|个月|個月|天|周|週|小时|小時|分钟|分鐘|秒|倍|美元|欧元|英镑|元|万|萬|亿|億"
    r"|米|公里|千米|公斤|人|名|个|個)\s*(?:到|至|-|~|—|–|〜)\s*"
)
_CN_SMALL_NUM = "[零〇一二两兩三四五六七八九十]{1,3}"
_CN_DAYPART = "上午|下午|晚上|早上|早晨|清晨|凌晨|中午|傍晚|夜里|夜裡|夜间|夜間|晚间|晚間|午夜|深夜"
_CN_CLOCK = re.compile(
    rf"(?P<dp>{_CN_DAYPART})?\s*(?P<h>\d{{1,2}}|{_CN_SMALL_NUM})\s*"
    rf"(?:[:：]\s*(?P<m>[0-5]\d)(?!\d)"
    rf"|[点點](?:钟|鐘|整|(?P<half>半)|(?P<m2>\d{{1,2}}|{_CN_SMALL_NUM})\s*分)?)"
)
_CN_DECADE = re.compile(
    r"(?:(?:(?P<c>\d{2}|二十|二十一|十九)|(?P<last>上))\s*世纪\s*)?"
    r"(?P<d>[1-9]0|[二三四五六七八九]十)\s*年代"
)
_CN_THIS_CENTURY = re.compile(r"([本上])世纪")
# 首 before a measure word or event noun is "first": 首次 (the first time), 首位, 首场, 首秀.
_CN_FIRST = re.compile("首(?=[次位个個家场場届屆批度轮輪秀战戰例款座趟班日月年周週])")


def _zh_clock(m: re.Match[str]) -> float | None:
    """Hour of the day (0..12, minutes as a fraction) of a clock time, or None."""
    h = parse_chinese_numeral(m.group("h"))
    if h is None or h > 24:
        return None
    minutes = 0.0
    if m.group("half"):
        minutes = 30.0
    elif m.group("m") or m.group("m2"):
        mv = parse_chinese_numeral(m.group("m") or m.group("m2"))
        if mv is None or mv >= 60:
            return None
        minutes = mv
    return _clock_value(h, minutes)


def _clock_value(hours: float, minutes: float) -> float:
    """A clock time on a 12-hour dial: 19:30, 7.30pm and 晚上七点半 are all 7.5."""
    h = hours % 12
    return round(h + minutes / 60, 4)


def _vulgar(text: str, t: str) -> list[Quantity]:
    """Numbers written with a fraction sign: 14½, 2¾."""
    return [
        _q(float(m.group(1) or 0) + _VULGAR[m.group(2)], "", text, m.start(), m.end())
        for m in _VULGAR_RE.finditer(t)
    ]


_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_VULGAR_RE = re.compile(f"(?<![\\d.])(\\d*)([{''.join(_VULGAR)}])")


def _zh_special(text: str, t: str) -> list[Quantity]:
    """Clock times, decades (80年代), 正月 and 首 (first): forms the numeral rules misread."""
    out: list[Quantity] = _vulgar(text, t)
    for m in _CN_CLOCK.finditer(t):
        colon = m.group("m") is not None
        marked = m.group("dp") or m.group("half") or m.group("m2") is not None
        marked = marked or t[m.end("h") :].lstrip().startswith(("点钟", "點鐘", "点整", "點整"))
        if not (colon or marked):
            continue  # 三点 alone may be "three points"; 三点五 is a decimal
        if m.group("h")[0].isdigit() and m.start("h") and t[m.start("h") - 1].isdigit():
            continue
        v = _zh_clock(m)
        if v is not None:
            start = m.start("h") if not m.group("dp") else m.start()
            out.append(_q(v, "time", text, start, m.end()))
    for m in _CN_DECADE.finditer(t):
        d = parse_chinese_numeral(m.group("d"))
        if d is None:
            continue
        c = parse_chinese_numeral(m.group("c")) if m.group("c") else 20.0  # 上世纪 too
        if c is None or not 15 <= c <= 22:
            continue
        y = (c - 1) * 100 + d
        out.append(_q(y, "year", text, m.start(), m.end(), low=y, high=y + 9, approx=True))
    for m in _CN_THIS_CENTURY.finditer(t):
        if any(q.start <= m.start() < q.end for q in out):
            continue
        y = 2000.0 if m.group(1) == "本" else 1900.0
        out.append(_q(y, "year", text, m.start(), m.end(), low=y, high=y + 99, approx=True))
    for m in re.finditer("正月", t):
        out.append(_q(1.0, "month", text, m.start(), m.end()))
    for m in _CN_FIRST.finditer(t):
        if m.start() and t[m.start() - 1] in "一二三四五六七八九十百千两几":
            continue  # 一首 is a measure word (a song, a poem)
        out.append(_q(1.0, "ordinal", text, m.start(), m.end()))
    return out


def _starts(text: str, pos: int, options: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    for word, tag in options:
        if text.startswith(word, pos):
            return word, tag
    return None


def _ends(text: str, pos: int, options: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    for word, tag in options:
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            return word, tag
    return None


def _extract_zh(text: str) -> list[Quantity]:
    t = text.translate(_WIDTH)
    out: list[Quantity] = []
    m = _CN_LIST.match(t)
    if m:
        g = "a" if m.group("a") else "b"
        v = parse_chinese_numeral(m.group(g))
        if v is not None and v > 0:
            out.append(_q(v, "ordinal", text, m.start(g), m.end(g)))
    list_end = out[0].end if out else -1
    taken: list[tuple[int, int]] = []
    for sq in _zh_special(text, t):
        if sq.start > list_end and not any(a < sq.end and sq.start < b for a, b in taken):
            out.append(sq)
            taken.append((sq.start, sq.end))
    # Fractions first: 三分之一 = 1/3, 千分之五 = 0.5 % (百分之 is a percentage, handled later).
    for m in _CN_FRACTION.finditer(t):
        den = parse_chinese_numeral(m.group("d"))
        num = parse_chinese_numeral(m.group("n"))
        if not den or num is None or m.group("d") in ("百", "一百"):
            continue
        if m.group("d") in ("千", "一千"):
            out.append(_q(num / 10, "%", text, m.start(), m.end()))
        else:
            out.append(_q(num / den, "", text, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    atoms: list[_CnAtom] = []
    # (start, end, value, low, high, approx, arabic)
    for m in _CN_ATOM.finditer(t):
        if (m.start() < list_end + 1 and out) or any(a <= m.start() < b for a, b in taken):
            continue
        if m.group("pre"):
            scale = parse_chinese_numeral("一" + m.group("pscale"))
            if scale is None:
                continue
            if m.group("pre") in "上":
                nxt = t[m.end() : m.end() + 1]
                if _HAN_CHAR.match(nxt) and nxt not in _CN_MEASURE and nxt not in "多余的":
                    continue  # 赶上万圣节: 上 and 万 belong to different words
                lo, hi = scale, scale * 3
            else:  # 数千, 几十: several of the scale
                lo, hi = 2 * scale, 10 * scale - 1
            atoms.append((m.start(), m.end(), (lo + hi) / 2, lo, hi, True, False))
            continue
        core = m.group("core")
        core_end = m.end("core")
        arabic = core[0].isdigit()
        if (
            not arabic
            and len(core) > 1
            and core[-1] in "两兩"
            and (core[-2] in _CN_SMALL or core[-2] in _CN_BIG)
        ):
            # 二十两 is twenty taels (两 the weight), not 22 (两千五 abbreviates with 五, not 两).
            if m.group("more"):
                continue
            core, core_end = core[:-1], core_end - 1
        if arabic and (
            _CODE_PREFIX.search(t, 0, m.start())
            or (
                m.end("core") < len(t) and t[m.end("core")].isascii() and t[m.end("core")].isalpha()
            )
        ):
            # F125, HER2, SS19: a model code, which English writes glued too (PlayStation2 is
            # "PlayStation 2" in English, so only capitals glued to digits make a code).
            continue
        if not arabic and not _cn_core_ok(core, t, m.start(), core_end):
            continue
        v = parse_chinese_numeral("一" + core if core in ("百", "千") else core)
        if v is None:
            continue
        if m.group("more"):
            step = _cn_step(core)
            scale = parse_chinese_numeral("一" + m.group("scale")) if m.group("scale") else 1.0
            if scale is None:
                continue
            if m.group("more") in "几幾":
                lo, hi = (v + step / 10 if step >= 10 else v + 1) * scale, (v + step - 1) * scale
                if step >= 10:
                    lo, hi = (v + 1) * scale, (v + step - 1) * scale
            else:
                lo, hi = v * scale, (v + step) * scale
            atoms.append((m.start(), m.end(), v * scale, lo, hi, True, arabic))
        else:
            atoms.append((m.start(), core_end, v, v, v, False, arabic))

    # Merge ranges: 5到10年, 3-5%, 五至十
    def join(a: _CnAtom, b: _CnAtom) -> _CnMerged | None:
        sep = _CN_RANGE_SEP.fullmatch(t, a[1], b[0])
        if sep is None:
            # 11岁至18岁, 30%至43%: the unit written after both ends.
            rep = _CN_RANGE_UNIT.fullmatch(t, a[1], b[0])
            if rep and t.startswith(rep.group("u"), b[1]):
                sep = rep
        if not (sep and b[2] > a[2]):  # 0-0 is a score, not a range
            return None
        lo_a = a[3]
        # 5-10万: the scale written once applies to both ends.
        if b[2] >= 10 * a[2] and not re.search(r"[十百千万萬亿億]$", t[a[0] : a[1]]):
            sm = re.search(r"[十百千万萬亿億]+$", t[b[0] : b[1]])
            if sm:
                mult = parse_chinese_numeral("一" + sm.group(0)) or 1.0
                lo_a = a[3] * mult
        return (a[0], b[1], (lo_a + b[4]) / 2, lo_a, b[4], a[5] or b[5], a[6] and b[6], True)

    merged = _merge_ranges(atoms, join, lambda a: (*a, False))
    for start, end, value, low, high, approx, arabic, is_range in merged:
        q = _cn_finish(text, t, start, end, value, low, high, approx, arabic, is_range)
        if q is not None:
            out.append(q)
    return out


def _cn_core_ok(core: str, t: str, start: int, end: int) -> bool:
    """Whether a Chinese-character numeral is a quantity here, not part of a word."""
    # "\0" stands for the text edge so that membership tests below never see "".
    prev = t[start - 1] if start else "\0"
    nxt = t[end] if end < len(t) else "\0"
    nxt2 = t[end : end + 2]
    if prev == "第":
        return True
    if t.startswith("百分之", start - 3) if start >= 3 else False:
        return True
    if (
        len(core) == 1
        and core in "百千"  # 万人, 万国 are "all people", "all nations" more often than 10,000
        and nxt in _CN_SCALE_NOUN
        and prev not in _CN_CHARS + "上数數几幾成"
    ):
        return True  # 追赶千人, 千年: a bare scale before a counted noun is a count
    if core[0] in _CN_SMALL and core[0] not in "十拾":
        return False  # 百姓, 千里, 千万 (= "by all means")
    if core[0] in _CN_BIG:
        return False  # 万一, 万物, 亿万
    digits_only = all(c in _CN_DIGIT for c in core)
    if digits_only and len(core) > 1:
        if len(core) == 2 and core[0] in "零〇" and (nxt in _CN_MEASURE or nxt2 in _CN_MEASURE2):
            return True  # 一年零六个月: 零 joins the parts
        return len(core) == 4 and nxt == "年"  # 二〇二六年; otherwise 三三两两, 一一
    if "点" in core or "點" in core:
        return True  # a decimal written out (三点五) is a number, not a word
    if core in ("零", "〇", "○"):
        return False  # 零部件, 零售: zero alone is almost never a count in prose
    if core in ("一", "十", "拾"):
        # 一 is "a"/"one" in countless words; 十 alone is mostly 十分 (very).
        return core == "十" and (
            (nxt in _CN_MEASURE and nxt != "分") or nxt in "多余几" or nxt2 in _CN_MEASURE2
        )
    if nxt in "多余几幾餘" or nxt2 in _CN_MEASURE2:
        return True
    if _CN_RANGE_SEP.match(t, end) and _CN_RANGE_SEP.match(t, end).end() > end:  # type: ignore[union-attr]
        return True
    if nxt and nxt in _CN_MEASURE:
        return not (
            len(core) == 1 and nxt2 in ("一样", "方面", "国演", "成为", "成了", "成功", "成立")
        )
    if len(core) > 1:
        return any(c in _CN_SMALL or c in _CN_BIG for c in core)
    # A lone 2..9 before a noun without a measure word (四羊, 五幅幔: common in literary and
    # biblical Chinese) is a count unless it starts or ends a dictionary word (四川, 三心二意,
    # 再三, 不三不四).
    if not _HAN_CHAR.match(nxt):
        return False
    return not any(
        cedict.has(t[a:b])  # a CC-CEDICT headword (the dictionary loads on first use, once)
        for a in range(max(0, start - 3), start + 1)
        for b in range(end, min(len(t), a + 4) + 1)
        if b - a >= 2
    )


_HAN_CHAR = HAN
_CODE_PREFIX = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}$")
_CN_SCALE_NOUN = "人名个個位年倍户戶家"


def _cn_finish(
    text: str,
    t: str,
    start: int,
    end: int,
    value: float,
    low: float,
    high: float,
    approx: bool,
    arabic: bool,
    is_range: bool,
) -> Quantity | None:
    unit = ""
    hedge: str | None = None
    q_start, q_end = start, end
    # Before: 第 (ordinal), 百分之, 每月 (period), hedges, currency signs.
    if start >= 1 and t[start - 1] == "第":
        q_start = start - 1
        q_end = end
        # 第三条 / 第二章: numbering, same as "Article 3" / "Chapter 2".
        if end < len(t) and t[end] in _CN_ORDINAL_NOUN:
            q_end = end + 1
        return _q(value, "ordinal", text, q_start, q_end)
    if start >= 3 and t[start - 3 : start] == "百分之":
        return _q(value, "%", text, start - 3, end, low=low, high=high, approx=approx)
    period = ""
    pre = t[max(0, start - 4) : start]
    for word, per in (
        ("每个月", "month"),
        ("每個月", "month"),
        ("每月", "month"),
        ("每年", "year"),
        ("每天", "day"),
        ("每日", "day"),
        ("每周", "week"),
        ("每週", "week"),
        ("每小时", "hour"),
        ("月薪", "month"),
        ("年薪", "year"),
        ("月费", "month"),
        ("年费", "year"),
    ):
        if pre.endswith(word):
            period = per
            q_start = start - len(word)
            break
    # 大约2000 or 大约有2000: the hedge may sit before a 有; mixed text may put a space after it.
    if q_start >= 2 and t[q_start - 1] in (" ", "\u00a0") and _ends(t, q_start - 1, _CN_PRE_HEDGE):
        q_start -= 1
    has = 1 if q_start >= 1 and t[q_start - 1] == "有" else 0
    ph = _ends(t, q_start, _CN_PRE_HEDGE) or (_ends(t, q_start - 1, _CN_PRE_HEDGE) if has else None)
    if ph:
        hedge = ph[1]
        q_start -= len(ph[0]) + (0 if _ends(t, q_start, _CN_PRE_HEDGE) else has)
    currency = ""
    if start >= 1 and t[start - 1] in "$¥€£":
        currency = {"$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP"}[t[start - 1]]
        q_start = min(q_start, start - 1)
        if start >= 3 and t[start - 3 : start] == "US$":
            q_start = min(q_start, start - 3)
    # After: percent, currency, duration, year, month, multiples, hedges, per-period.
    # Mixed text puts a space between digits and the unit (281 家, 10 月): skip one.
    space = int(
        arabic and t[end : end + 1] in (" ", "\u00a0") and not t[end + 1 : end + 2].isascii()
    )
    pos = end + space
    rest = t[pos : pos + 6]
    if (
        rest.startswith("%")
        or rest.startswith("个百分点")
        or rest.startswith("個百分點")
        or rest.startswith("百分点")
    ):
        unit = "%"
        pos += 1 if rest[0] == "%" else (4 if rest[0] in "个個" else 3)
    elif (
        rest.startswith("成")
        and value <= 10
        and not rest.startswith(
            (
                "成为",
                "成了",
                "成功",
                "成立",
                "成本",
                "成果",
                "成员",
                "成熟",
                "成就",
                "成長",
                "成长",
                "成績",
                "成绩",
                "成都",
            )
        )
    ):
        value, low, high, unit = value * 10, low * 10, high * 10, "%"
        pos += 1
    elif rest.startswith(("周年", "週年")):
        unit, pos = "ordinal", pos + 2  # the 60th anniversary = 60周年
    elif rest.startswith("倍"):
        unit, pos = "x", pos + 1
    elif rest.startswith("年") and not rest.startswith(
        ("年级", "年級", "年龄", "年齡", "年轻", "年輕")
    ):
        if (
            _is_calendar_year(value)
            and not is_range
            and not approx
            and (arabic or not any(c in _CN_SMALL or c in _CN_BIG for c in t[start:end]))
        ):
            unit, pos = "year", pos + 1
            if rest.startswith("年代"):
                low, high, approx = value, value + 9, True
                pos += 1
            elif rest[1:2] in "初底末中":
                pos += 1
        else:
            unit, pos = "years", pos + 1
    elif (
        rest.startswith("月")
        and 1 <= value <= 12
        and value == int(value)
        and not is_range
        and not approx
    ):
        unit, pos = "month", pos + 1
    else:
        for word, code, mult in _CN_CURRENCY:
            if rest.startswith(word):
                unit = code
                value, low, high = value * mult, low * mult, high * mult
                pos += len(word)
                break
        if not unit:
            for word, u in _CN_DURATION:
                if rest.startswith(word):
                    unit, pos = u, pos + len(word)
                    break
    if pos == end + space:
        pos = end  # no unit after all: the space is not part of the quantity
    if currency and not unit:
        unit = currency
    if not unit and not arabic and value == 1 and not is_range:
        return None
    post = _starts(t, pos, _CN_POST_HEDGE)
    if post and hedge is None and not approx:
        # 多 only hedges right after a unit (一年多, 2000人多 is rare): skip 多 before a noun.
        if post[0] not in ("多", "余") or unit:
            hedge = post[1]
            pos += len(post[0])
    elif hedge is None and not approx and not unit:
        # 800人以上, 3000 名左右: the hedge follows the measure word.
        skip = 1 + int(arabic and t[pos : pos + 1] in (" ", "\u00a0"))
        post = _starts(t, pos + skip, _CN_POST_HEDGE)
        if post and post[0] not in ("多", "余") and t[pos + skip - 1] in _CN_MEASURE:
            hedge = post[1]
            pos += skip + len(post[0])
    if unit in ("USD", "CNY", "EUR", "GBP", "JPY", "HKD"):
        m = re.match(r"\s*(?:/|每)\s*(月|年|天|日|周|週|小时|小時)", t[pos:])
        if m:
            period = _CN_PERIOD[m.group(1)]
            pos += m.end()
        if period:
            unit = f"{unit}/{period}"
    if is_range or approx:
        return (
            _q(value, unit, text, q_start, pos, hedge=hedge, low=low, high=high, approx=approx)
            if hedge
            else _q(value, unit, text, q_start, pos, low=low, high=high, approx=approx)
        )
    return _q(value, unit, text, q_start, pos, hedge=hedge)


# --------------------------------------------------------------------------------------------
# English and other Latin-script languages

_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "score": 20,
}
# Archaic counts (King James Bible): "threescore and ten" = 70, "sixscore thousand".
_ONES.update({f"{w}score": v * 20 for w, v in list(_ONES.items()) if 2 <= v <= 10})
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split()
    )
}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_NUMWORD = "|".join(sorted([*_ONES, *_SCALES, "a", "an", "and", "half"], key=len, reverse=True))
_WORDS_RE = rf"(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*"
_SCALE_SUFFIX = r"(?:\s*(?:thousand|million|billion|trillion)|(?:k|K|m|M|mn|bn|b|B|tn|T)\b)"
_EN_ATOM = re.compile(
    rf"(?<![\w.,])(?P<cur>US\$|HK\$|\$|€|£|¥|(?:USD|EUR|GBP|CNY|RMB|JPY|HKD)\s?)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    rf"(?P<scale>{_SCALE_SUFFIX})?(?P<ord>st|nd|rd|th|s)?(?![\w])"
    rf"|(?<![\w-])(?P<words>{_WORDS_RE})(?!\w|-(?:{_NUMWORD})\b)"
    rf"|(?<![\w-])(?P<ordw>{'|'.join(_ORDINALS)})(?![\w-])",
    re.IGNORECASE,
)
_EN_LABEL = re.compile(
    r"\b(?:article|chapter|section|part|paragraph|clause|item|rule|verse|book|volume|act|scene|"
    r"title|psalm|no\.|number|#)\s*$",
    re.IGNORECASE,
)
_EN_LIST = re.compile(r"^\s*(?:\((?P<a>\d+|[ivxlc]+)\)|(?P<b>\d+)[.)](?=\s))", re.IGNORECASE)
_EN_PRE_HEDGE = re.compile(
    r"\b(?P<h>about|around|approximately|approx\.|roughly|some|an estimated|estimated|nearly|"
    r"almost|close to|just under|under|less than|fewer than|below|up to|at most|no more than|"
    r"over|more than|above|at least|upwards of|in excess of|just over|exceeding|~)\s*$",
    re.IGNORECASE,
)
_HEDGE_KIND = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "~": "about",
    "nearly": "near",
    "almost": "near",
    "close to": "near",
    "just under": "near",
    "under": "less",
    "less than": "less",
    "fewer than": "less",
    "below": "less",
    "up to": "less",
    "at most": "less",
    "no more than": "less",
    "over": "more",
    "more than": "more",
    "above": "more",
    "at least": "more",
    "upwards of": "more",
    "in excess of": "more",
    "just over": "more",
    "exceeding": "more",
}
_EN_UNIT = re.compile(
    r"\s*(?P<u>%|per ?cent(?:age points?)?\b|percentage points?\b|pct\b"
    r"|(?:us |u\.s\. )?dollars?\b|usd\b|euros?\b|eur\b|pounds? sterling\b|pounds?\b|gbp\b"
    r"|yuan\b|renminbi\b|rmb\b|cny\b|yen\b|jpy\b|cents?\b"
    r"|-?decades?\b|-?years?[- ]olds?\b|-?years?\b|-?yrs?\b|-?months?\b|-?weeks?\b"
    r"|-?days?\b|-?hours?\b|-?hrs?\b|h\b"
    r"|-?minutes?\b|-?mins?\b|-?seconds?\b|-?secs?\b"
    r"|times\b|-?fold\b|x\b)",
    re.IGNORECASE,
)
_EN_PER = re.compile(
    r"\s*(?:/|per\s+|a\s+|an\s+|each\s+|every\s+)?\s*(?P<p>month|mo|year|yr|annum|day|week|wk|hour|hr)\b"
    r"|\s*(?P<adv>monthly|annually|yearly|daily|weekly|hourly)\b",
    re.IGNORECASE,
)
_PERIOD_NAME = {
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "day": "day",
    "daily": "day",
    "week": "week",
    "wk": "week",
    "weekly": "week",
    "hour": "hour",
    "hr": "hour",
    "hourly": "hour",
}
_CUR_CODE = {
    "$": "USD",
    "us$": "USD",
    "hk$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "cny": "CNY",
    "rmb": "CNY",
    "jpy": "JPY",
    "hkd": "HKD",
}
_EN_RANGE_SEP = re.compile(r"\s*(?:-|–|—|-\s*to|to|and|or|~)\s*", re.IGNORECASE)
_EN_SEVERAL = re.compile(
    r"(?P<a>several|a few|few|many|some)\s+(?P<s>hundred|thousand|million|billion)s?\b"
    r"|(?P<b>dozens|hundreds|thousands|millions|billions)\b(?:\s+of\s+(?P<s2>thousands|millions))?",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(
    r"\b(?P<m>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_FRACTION_DEN = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "hundredth": 100,
    "thousandth": 1000,
}
_EN_FRACTION = re.compile(
    r"\b(?P<n>a|the|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    r"(?P<d>halves|half|(?:third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"hundredth|thousandth)s?)\b",
    re.IGNORECASE,
)
_EN_TIMES = re.compile(r"\b(?:twice|thrice)\b", re.IGNORECASE)
_EN_DECADES = re.compile(r"\bdecades\b", re.IGNORECASE)
_LABEL_WORDS = (
    "article",
    "chapter",
    "section",
    "part",
    "paragraph",
    "clause",
    "item",
    "rule",
    "verse",
    "book",
    "volume",
    "act",
    "scene",
    "title",
    "psalm",
)
_LABEL_ROMAN = re.compile(
    rf"\b(?:{'|'.join(w.capitalize() + '|' + w.upper() for w in _LABEL_WORDS)})\s+(?P<r>[IVXLC]+)\b"
)


_EN_COMPOUND_ORD = re.compile(
    rf"(?<![\w-])(?P<w>{_WORDS_RE})[\s-]+(?P<o>{'|'.join(_ORDINALS)})(?![\w-])", re.IGNORECASE
)


def _compound_ordinal(text: str, t: str, m: re.Match[str]) -> Quantity | None:
    """A rank written with several words, or None when the words do not form one."""
    words = re.sub(r"^(?:(?:and|a|an)[\s-]+)+", "", m.group("w"), flags=re.IGNORECASE)
    core = re.sub(r"[\s-]+and$", "", words, flags=re.IGNORECASE)
    if not core or core.lower() in ("a", "an", "and", "half", "score", "zero"):
        return None
    v = _parse_words(core)
    o = float(_ORDINALS[m.group("o").lower()])
    if v is None or v < 1:
        return None
    if o in (100.0, 1000.0):
        value = v * o  # "two hundredth"
    elif (o < 10 and v >= 20 and v % 10 == 0) or (o >= 20 and o < 100 and v < 10):
        # Modern "twenty-first" (tens then ones) or archaic "one and twentieth" (ones then tens).
        value = v + o
    elif v >= 100 and v % 100 == 0 and o < 100:
        value = v + o  # "four hundred and eightieth"
    elif v >= 100 and v % 10 == 0 and o < 10:
        value = v + o  # "one hundred and twenty-first"
    else:
        return None
    start = m.start("w") + (len(m.group("w")) - len(words))
    end = m.end()
    unit = "ordinal"
    month = re.match(r"\s+month\b", t[end:], re.IGNORECASE)
    if month and value <= 12:
        unit, end = "month", end + month.end()
    return _q(value, unit, text, start, end)


_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|during|through|early|late|mid|last|next|this|of)"
    r"(?:\s+(?:early|late|mid))?[\s-]+$",
    re.IGNORECASE,
)
_EN_AGE_DECADE = re.compile(r"\b(?:his|her|their|my|your|our|early|mid|late)[\s-]+$", re.I)
_EN_HOURS = re.compile(r"(?<![\w.:])(\d{1,3})h\b")
_EN_DECADE_ONE = re.compile(
    r"\b(?:a|one|the\s+(?:past|last|next|previous|following|coming))\s+decade\b", re.I
)
_EN_RANGE_UNIT = re.compile(
    r"\s*(?P<u>%|per ?cent|percent|years?\s+old|years?|months?|weeks?|days?|hours?|minutes?)"
    r"\s*(?:-|–|—|to|(?:even\s+)?unto|until|till)\s*",
    re.IGNORECASE,
)
_EN_FIRST_ADVERB = re.compile(
    r"\bat first\b|\bfirst of all\b|\bin the first place\b|\bfirst(?=\s*(?:[,.;:!?)\"”]|$))",
    re.IGNORECASE,
)
_EN_HOUR_WORD = "|".join(w for w, v in _ONES.items() if 1 <= v <= 12 and w != "dozen")
_EN_CLOCK = re.compile(
    rf"(?<![\w.:])(?P<h>\d{{1,2}})(?::(?P<m>[0-5]\d)(?![\d:])(?:\s*(?P<ap>[ap]\.?m\b\.?))?"
    rf"|[.](?P<m2>[0-5]\d)\s*(?P<ap2>[ap]\.?m\b\.?)"
    rf"|\s*(?P<ap3>[ap]\.?m\b\.?)"
    rf"|h(?P<m3>[0-5]\d)\b"
    rf"|[.](?P<m4>[0-5]\d)(?=\s+(?:on|in|this|that|last|yesterday|today|tomorrow)\b)"
    rf"|\s+o'clock\b)"
    rf"|(?<![\w-])(?P<w>{_EN_HOUR_WORD})"
    r"(?:\s+o'clock\b|(?=\s+in the (?:morning|afternoon|evening)\b|\s+at night\b))",
    re.IGNORECASE,
)
_EN_ONE_IN = re.compile(
    rf"\b(?:one|1)\s+(?:in|out of)\s+(?P<d>\d+|{'|'.join(w for w in _ONES if _ONES[w] <= 100)})\b",
    re.IGNORECASE,
)


def _en_special(text: str, t: str) -> list[Quantity]:
    """Clock times (13:00, 7.55am, 2pm, 19h, nine o'clock), "one in five" (a fifth), 14½."""
    out: list[Quantity] = _vulgar(text, t)
    for m in _EN_CLOCK.finditer(t):
        if m.group("w"):
            h = float(_ONES[m.group("w").lower()])
            minutes = 0.0
        else:
            h = float(m.group("h"))
            mm = m.group("m") or m.group("m2") or m.group("m3") or m.group("m4")
            minutes = float(mm) if mm else 0.0
            if m.group("m4") and not re.search(r"\b(?:at|until|till|from|by)\s+$", t[: m.start()]):
                continue  # "4.40 on" is a time only after "at"/"until"; else a decimal
        if h > 24:
            continue
        out.append(_q(_clock_value(h, minutes), "time", text, m.start(), m.end()))
    for m in _EN_HOURS.finditer(t):
        h = float(m.group(1))
        if re.search(r"\b(?:at|by|until|till|from|before|after)\s+$", t[: m.start()], re.I):
            if h <= 24:  # "at 19h" is seven in the evening
                out.append(_q(_clock_value(h, 0.0), "time", text, m.start(), m.end()))
        else:  # "19h" (ago) = 19小时
            out.append(_q(h, "hours", text, m.start(), m.end()))
    for m in _EN_DECADE_ONE.finditer(t):
        out.append(_q(10.0, "years", text, m.start(), m.end()))
    for m in _EN_ONE_IN.finditer(t):
        d = m.group("d").lower()
        den = float(d) if d.isdigit() else float(_ONES[d])
        if den >= 2:
            out.append(_q(1 / den, "", text, m.start(), m.end()))
    return out


def _parse_words(words: str) -> float | None:
    """Value of an English number-word phrase ("two thousand", "a dozen", "twenty-five")."""
    toks = [w for w in re.split(r"[\s-]+", words.lower()) if w]
    if not toks:
        return None
    total = 0.0
    current = 0.0
    last_small = 0.0  # the last count word added, which "score" multiplies (three score = 60)
    prev_scale = False
    seen = False
    for i, w in enumerate(toks):
        if w in ("a", "an"):
            if i + 1 < len(toks) and (toks[i + 1] in _SCALES or toks[i + 1] in ("dozen", "half")):
                # "a thousand" = 1000, but "half a million" keeps the half.
                if toks[i + 1] != "half" and not current:
                    current = 1.0
                continue
            return None
        if w == "and":
            continue
        if w == "half":
            # "half a million" = 0.5 * scale
            current += 0.5
            seen = True
            prev_scale = False
            continue
        if w in _ONES:
            if w == "dozen":
                current = (current or 1.0) * 12
            elif w == "score":
                # "six hundred three score" = 660: score multiplies the last count only.
                current = current - last_small + (last_small or 1.0) * 20
            else:
                current += _ONES[w]
                last_small = float(_ONES[w])
            seen = True
            prev_scale = False
        elif w in _SCALES:
            s = _SCALES[w]
            if prev_scale and not current and total:
                # "a thousand thousand" = a million: a scale right after a scale multiplies.
                total *= s
            elif s == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * s
                current = 0.0
            last_small = 0.0
            prev_scale = True
            seen = True
        else:
            return None
    return total + current if seen else None


def _parse_digits(num: str, lang: str) -> float | None:
    if lang in ("de", "fr", "it", "es", "pt", "nl") and "," in num and "." not in num:
        # A decimal comma (de/fr): 3,5 = 3.5; "1,000" with three digits stays ambiguous as 1.0.
        return float(num.replace(",", "."))
    try:
        return float(num.replace(",", ""))
    except ValueError:
        return None


def _roman(s: str) -> int | None:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    s = s.lower()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _extract_latin(text: str, lang: str) -> list[Quantity]:
    t = text.translate(_WIDTH)
    if lang in ("de", "fr", "it", "es", "pt", "nl"):
        # Thin and non-breaking spaces group thousands in French and Swiss German: 4 000 m.
        t = re.sub(r"(?<=\d)[\u202f\u00a0\u2009'](?=\d{3}\b)", "0", t)
        t = t  # same length, offsets unchanged
    out: list[Quantity] = []
    lm = _EN_LIST.match(t)
    list_span = (-1, -1)
    if lm:
        g = "a" if lm.group("a") else "b"
        raw = lm.group(g)
        v = float(raw) if raw.isdigit() else _roman(raw)
        if v:
            out.append(_q(float(v), "ordinal", text, lm.start(g), lm.end(g)))
            list_span = (lm.start(g), lm.end(g))
    atoms: list[_EnAtom] = []
    # (start, end, value, low, high, approx, unit, currency, had_scale)
    for m in _EN_SEVERAL.finditer(t):
        size: float
        lo: float
        hi: float
        if m.group("a"):
            size = _SCALES[m.group("s").lower()]
            lo, hi = 2 * size, 10 * size - 1  # several thousand: 2,000..9,999
        else:
            word = m.group("b").lower()
            size = {
                "dozens": 12,
                "hundreds": 100,
                "thousands": 1000,
                "millions": 1e6,
                "billions": 1e9,
            }[word]
            lo, hi = 2 * size, (99 * size if word == "dozens" else 10 * size - 1)
            if m.group("s2"):  # hundreds of thousands, tens of millions...
                size *= _SCALES[m.group("s2").lower()[:-1]]
                lo, hi = 2 * size, 10 * size - 1
        atoms.append((m.start(), m.end(), (lo + hi) / 2, lo, hi, True, "", None, True))
    # Fractions (a third of, two thirds, a fifth part), twice/thrice, decades.
    for m in _EN_FRACTION.finditer(t):
        num_word, den_word = m.group("n").lower(), m.group("d").lower()
        if num_word == "a" and not re.match(r"\s+(?:of|part)\b|\s*[,.;:]|\s*$", t[m.end() :]):
            continue  # "a third party" is an ordinal use
        if num_word == "the" and not re.match(r"\s+parts?\b", t[m.end() :]):
            continue  # "the tenth part" is a fraction, "the tenth day" a rank
        numer = 1.0 if num_word in ("a", "the") else float(_ONES[num_word])
        denom = _FRACTION_DEN[den_word.rstrip("s") if den_word != "halves" else "half"]
        out.append(_q(numer / denom, "", text, m.start(), m.end()))
    for sq in _en_special(text, t):
        if not any(sq.start < o.end and o.start < sq.end for o in out):
            out.append(sq)
    for m in _EN_TIMES.finditer(t):
        out.append(_q(2.0 if m.group(0).lower() == "twice" else 3.0, "", text, m.start(), m.end()))
    for m in _EN_DECADES.finditer(t):
        before = re.search(r"(\w+)[\s-]*$", t[: m.start()])
        if before and (before.group(1).lower() in _ONES or before.group(1).isdigit()):
            continue  # "two decades" is read with its number
        out.append(_q(59.5, "years", text, m.start(), m.end(), low=20.0, high=99.0, approx=True))
    # Compound ordinals: "twenty-first", "four hundred and eightieth", "one and twentieth".
    for m in _EN_COMPOUND_ORD.finditer(t):
        co = _compound_ordinal(text, t, m)
        if co is not None and not any(co.start < o.end and o.start < co.end for o in out):
            out.append(co)
    taken = [(a[0], a[1]) for a in atoms] + [(q.start, q.end) for q in out]
    for m in _EN_ATOM.finditer(t):
        if any(s <= m.start() < e for s, e in taken) or (list_span[0] <= m.start() < list_span[1]):
            continue
        if m.group("ordw"):
            word = m.group("ordw")
            if word.lower() == "first" and any(
                a.start() <= m.start() < a.end() for a in _EN_FIRST_ADVERB.finditer(t)
            ):
                continue  # "at first", "give it up first.": an adverb, not a rank
            if word.lower() == "second" and re.search(
                r"\b(?:a|per|one|each|every)\s+$", t[: m.start()], re.IGNORECASE
            ):
                continue
            month = re.match(r"\s+month\b", t[m.end() :], re.IGNORECASE)
            if month:  # "the seventh month" is the month 七月
                out.append(
                    _q(
                        float(_ORDINALS[word.lower()]),
                        "month",
                        text,
                        m.start(),
                        m.end() + month.end(),
                    )
                )
                continue
            out.append(_q(float(_ORDINALS[word.lower()]), "ordinal", text, m.start(), m.end()))
            continue
        if m.group("words"):
            words = m.group("words")
            # Trim leading/trailing "and"/"a" that belong to the sentence, not the number.
            lead = re.match(r"^(?:(?:and|a|an)[\s-]+)+", words, re.IGNORECASE)
            s0 = m.start() + (
                lead.end()
                if lead
                and not re.match(
                    r"(?:a|an)[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|half)",
                    words,
                    re.IGNORECASE,
                )
                else 0
            )
            words2 = t[s0 : m.end()]
            trail = re.search(r"(?:[\s-]+(?:and|a|an|half))+$", words2, re.IGNORECASE)
            e0 = m.end() - (len(trail.group(0)) if trail else 0)
            words2 = t[s0:e0]
            if not words2 or words2.lower() in ("a", "an", "and", "half", "one", "zero", "score"):
                continue
            v = _parse_words(words2)
            if v is None:
                continue
            approx = False
            low = high = v
            if words2.lower().endswith("dozen") and re.match(r"\s*dozens\b", t[e0:], re.I):
                continue
            atoms.append((s0, e0, v, low, high, approx, "", None, True))
            continue
        num = m.group("num")
        v = _parse_digits(num, lang)
        if v is None:
            continue
        start, end = m.start(), m.end()
        cur = m.group("cur")
        currency = _CUR_CODE.get(cur.strip().lower()) if cur else None
        scale = m.group("scale")
        had_scale = False
        suffix = (m.group("ord") or "").lower()
        if scale:
            sc = scale.strip().lower()
            mult = {
                "thousand": 1e3,
                "k": 1e3,
                "million": 1e6,
                "m": 1e6,
                "mn": 1e6,
                "billion": 1e9,
                "bn": 1e9,
                "b": 1e9,
                "trillion": 1e12,
                "tn": 1e12,
                "t": 1e12,
            }[sc]
            if sc in ("m", "b", "t") and not currency:
                # "5 m" is metres, "4.5 T" something else: single letters only with money.
                end = m.start("scale")
                mult = 1.0
            else:
                had_scale = True
            v *= mult
        if suffix in ("st", "nd", "rd", "th") and not scale:
            if "." in num or "," in num:
                continue
            out.append(_q(v, "ordinal", text, start, end))
            continue
        if suffix == "s" and not scale:
            # the 1990s
            if _is_calendar_year(v) and v % 10 == 0:
                out.append(_q(v, "year", text, start, end, low=v, high=v + 9, approx=True))
            elif (
                10 <= v <= 90
                and v % 10 == 0
                and _EN_AGE_DECADE.search(t[max(0, start - 8) : start])
            ):
                # "in his 40s" = 40多岁: an age from 40 to 49.
                out.append(_q(v, "years", text, start, end, low=v, high=v + 9, approx=True))
            continue
        # Numbering: Article 3, Chapter IV, No. 5
        lab = _EN_LABEL.search(t[max(0, start - 12) : start])
        if lab and not currency:
            if _is_calendar_year(v) and re.fullmatch(r"\d{4}", num):
                # "the Government of Wales Act 2017": a year, as 2017年法案 says.
                out.append(_q(v, "year", text, start, end))
                continue
            out.append(_q(v, "ordinal", text, max(0, start - 12) + lab.start(), end))
            continue
        atoms.append((start, end, v, v, v, False, currency or "", None, had_scale))
    # Numbering with roman numerals: Chapter IV
    for m in _LABEL_ROMAN.finditer(t):
        rv = _roman(m.group("r"))
        if rv:
            out.append(_q(float(rv), "ordinal", text, m.start(), m.end()))
    atoms.sort()

    # Merge ranges: "5 to 10 years", "3-5%", "$5-10 million", "between 5 and 10"
    def join(a: _EnAtom, b: _EnAtom) -> _EnMerged | None:
        sep = _EN_RANGE_SEP.fullmatch(t, a[1], b[0])
        if sep is None:
            # "30% to 43%": the unit written after both ends.
            rep = _EN_RANGE_UNIT.fullmatch(t, a[1], b[0])
            if rep and re.match(r"\s*" + re.escape(rep.group("u")), t[b[1] :], re.I):
                sep = rep
        if not (sep and b[2] > a[2]):
            return None
        word = sep.group(0).strip().lower()
        ok = (
            word not in ("and", "or")
            or (word == "and" and re.search(r"\bbetween\s*$", t[: a[0]], re.IGNORECASE))
            or word == "or"
        )
        if not ok:
            return None
        lo_a = a[3]
        if b[8] and not a[8] and b[2] >= 10 * a[2] > 0:
            # "$5-10 million": the scale written once applies to both ends.
            mult = b[2] / _parse_scale_free(t[b[0] : b[1]], lang)
            lo_a = a[3] * mult
        s_start = a[0]
        bw = re.search(r"\b(?:between|from)\s*$", t[: a[0]], re.IGNORECASE)
        if bw:
            s_start = bw.start()
        return (s_start, b[1], (lo_a + b[4]) / 2, lo_a, b[4], a[5] or b[5], a[6] or b[6], True)

    merged = _merge_ranges(atoms, join, lambda a: (a[0], a[1], a[2], a[3], a[4], a[5], a[6], False))
    for start, end, value, low, high, approx, currency, is_range in merged:
        q = _en_finish(text, t, start, end, value, low, high, approx, currency, is_range)
        if q is not None:
            out.append(q)
    # Month names next to a day or year: "March 5", "5 March 2026", "in May 2026"
    for m in _MONTH_RE.finditer(t):
        name = m.group("m")
        full = _MONTHS.get(name.lower()) or _MONTH_ABBR.get(name.lower())
        if not full:
            continue
        near = t[max(0, m.start() - 4) : m.start()] + "|" + t[m.end() : m.end() + 5]
        if (
            name in ("May", "March")
            and not re.search(r"\d", near)
            and not _MONTH_CONTEXT.search(t[max(0, m.start() - 24) : m.start()])
        ):
            continue  # "may" the verb, "march" the walk; "in May", "end of March" are months
        abbreviated = t[m.end() - 1] == "." and name != "May"
        if (
            len(name) <= 4
            and name not in ("June", "July", "May")
            and not abbreviated
            and not re.search(r"\d", near)
        ):
            continue
        out.append(_q(float(full), "month", text, m.start(), m.end()))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _parse_scale_free(s: str, lang: str) -> float:
    m = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", s)
    if m:
        v = _parse_digits(m.group(0), lang)
        if v:
            return v
    w = _parse_words(
        re.sub(r"\s*(?:thousand|million|billion|trillion)\s*$", "", s, flags=re.IGNORECASE)
    )
    return w or 1.0


def _en_finish(
    text: str,
    t: str,
    start: int,
    end: int,
    value: float,
    low: float,
    high: float,
    approx: bool,
    currency: str,
    is_range: bool,
) -> Quantity | None:
    q_start, pos = start, end
    unit = currency
    hedge: str | None = None
    ph = _EN_PRE_HEDGE.search(t[max(0, start - 16) : start])
    if ph:
        word = ph.group("h").lower()
        kind = _HEDGE_KIND.get(word)
        # "some 500" hedges; "some" before a number word rarely does ("some two").
        if kind and not (word == "some" and not t[start].isdigit()):
            hedge = kind
            q_start = max(0, start - 16) + ph.start("h")
    um = _EN_UNIT.match(t, pos)
    if um and not (unit and um.group("u").lower() in ("x",)):
        u = um.group("u").lower().lstrip("-").replace("u.s. ", "").replace("us ", "")
        if u == "%" or u.startswith(("per", "pct")) or u.startswith("percentage"):
            unit = "%"
        elif u.startswith(("dollar", "usd")):
            unit = "USD"
        elif u.startswith(("euro", "eur")):
            unit = "EUR"
        elif u.startswith(("pound", "gbp")):
            unit = "GBP"
        elif u.startswith(("yuan", "renminbi", "rmb", "cny")):
            unit = "CNY"
        elif u.startswith(("yen", "jpy")):
            unit = "JPY"
        elif u.startswith("cent"):
            unit, value, low, high = "USD", value / 100, low / 100, high / 100
        elif u.startswith("decade"):
            unit, value, low, high = "years", value * 10, low * 10, high * 10
        elif u.startswith(("year", "yr")):
            unit = "years"
        elif u.startswith(("month", "mo")):
            unit = "months"
        elif u.startswith(("week", "wk")):
            unit = "weeks"
        elif u.startswith("day"):
            unit = "days"
        elif u.startswith(("hour", "hr")) or u == "h":
            unit = "hours"
        elif u.startswith("min"):
            unit = "minutes"
        elif u.startswith("sec"):
            unit = "seconds"
        elif u in ("times", "fold", "x"):
            if u == "times" and value <= 10 and not is_range:
                # "three times" is as often "on three occasions" as "threefold".
                unit = "x"
            else:
                unit = "x"
        if (unit and unit != currency) or not currency:
            pos = um.end()
    if hedge == "more" and ph and ph.group("h").lower() == "over" and unit in _DURATIONS:
        hedge, q_start = None, start  # "over 24 hours" is a period more often than a minimum
    if unit in ("USD", "CNY", "EUR", "GBP", "JPY", "HKD"):
        pm = _EN_PER.match(t, pos)
        if pm:
            p = (pm.group("p") or pm.group("adv")).lower()
            unit = f"{unit}/{_PERIOD_NAME[p]}"
            pos = pm.end()
    if (
        not unit
        and not is_range
        and not approx
        and hedge is None
        and _is_calendar_year(value)
        and "," not in t[start:end]
        and "." not in t[start:end]
        and t[start].isdigit()
    ):
        unit = "year"
        # "early 2026", "in late 2025": the year itself.
    if not unit and value == 1 and not t[start].isdigit() and not is_range:
        return None
    if is_range or approx:
        if hedge:
            return _q(value, unit, text, q_start, pos, hedge=hedge, low=low, high=high)
        return _q(value, unit, text, q_start, pos, low=low, high=high, approx=approx)
    return _q(value, unit, text, q_start, pos, hedge=hedge)


# --------------------------------------------------------------------------------------------
# Public API

# Every quantity the rules accept contains one of these (a Chinese 1 needs 第, a scale or a list
# marker; an English one needs a digit or one of the words).
_ZH_HINT = re.compile(r"[0-9０-９二两兩三四五六七八九十拾百千万萬亿億第〇零%％首正世]|^\s*[(（]")
_HINT_WORDS_EXTRA = (
    "twice",
    "thrice",
    "decade",
    "decades",
    "quarter",
    "quarters",
    "halves",
    "thirds",
)
_HINT_WORDS = frozenset(
    {
        *_ONES,
        *_SCALES,
        *_ORDINALS,
        *_MONTHS,
        *_MONTH_ABBR,
        "half",
        "several",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        *_LABEL_WORDS,
        *_HINT_WORDS_EXTRA,
    }
)
_HINT_TOKEN = re.compile(r"[a-z]+")
_HINT_DIGIT = re.compile(r"\d")


_LATIN_RUN = re.compile(r"[A-Za-z0-9$£€][A-Za-z0-9$£€%'’.,:;!?\"“” /-]*[A-Za-z0-9%]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _latin_hint(text: str) -> bool:
    """Cheap pre-check: a digit, a number word, or a month name (roman numerals need a label)."""
    if _HINT_DIGIT.search(text):
        return True
    return not _HINT_WORDS.isdisjoint(_HINT_TOKEN.findall(text.lower()))


def extract_numbers(text: str, lang: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` (language ``lang``: "en", "zh", "de", "fr", ...), in order.

    Chinese text may contain Latin-script stretches with their own digits ("$500", "Opus 4.5"):
    those are read by the Chinese rules, which also accept arabic digits and currency signs.
    """
    base = base_code(lang)
    # Most sentences hold no number: a single regex scan decides that cheaply.
    if base == "zh":
        found = _extract_zh(text) if _ZH_HINT.search(text) else []
        # Latin-script sentences inside Chinese text (quotes, untranslated parts): their number
        # words ("two thousand") are read by the English rules.
        for m in _LATIN_RUN.finditer(text):
            run = m.group(0)
            if len(_LATIN_WORD.findall(run)) >= 3 and _latin_hint(run):
                found += [
                    replace(q, start=q.start + m.start(), end=q.end + m.start())
                    for q in _extract_latin(run, "en")
                ]
    else:
        if not _latin_hint(text):
            return ()
        found = _extract_latin(text, base)
    # Overlapping matches (a roman numeral label and a digit label, say): keep the longest.
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    result: list[Quantity] = []
    last_end = -1
    for q in found:
        if q.start >= last_end:
            result.append(q)
            last_end = q.end
    return tuple(result)


_EN_WORD_VALUE = {
    **{w: float(v) for w, v in _ONES.items() if w != "score"},
    **{w: float(v) for w, v in _ORDINALS.items()},
    **dict.fromkeys(
        (
            "both",
            "pair",
            "pairs",
            "couple",
            "couples",
            "twin",
            "twins",
            "duo",
            "double",
            "doubled",
            "doubles",
            "doubling",
            "dual",
            "either",
            "neither",
        ),
        2.0,
    ),
    **dict.fromkeys(("trio", "triple", "tripled", "triples", "tripling"), 3.0),
    **dict.fromkeys(("single", "once", "sole", "lone", "only"), 1.0),
}
_EN_A_UNIT = re.compile(
    r"\ban?\s+(?:hour|day|week|month|year|minute|second|decade|century)\b", re.IGNORECASE
)
_EN_NUMERAL_LIKE = re.compile(rf"\b(?:{'|'.join(_EN_WORD_VALUE)})\b", re.IGNORECASE)
_ZH_WORD_VALUE = {
    **{c: float(v) for c, v in _CN_DIGIT.items()},
    **{c: float(v) for c, v in _CN_SMALL.items()},
    **{c: float(v) for c, v in _CN_BIG.items()},
    **dict.fromkeys("双雙俩倆对對", 2.0),
    "仨": 3.0,
    **dict.fromkeys("首初单單唯独獨", 1.0),
}
_ZH_NUMERAL_LIKE = re.compile(f"[{''.join(_ZH_WORD_VALUE)}]")


@dataclass(frozen=True)
class NumeralWord:
    """A numeral-like word that is not read as a quantity: "both" (2), 唯一 (1), 双 (2)."""

    text: str
    value: float
    start: int
    end: int


def numeral_words(text: str, lang: str, found: Sequence[Quantity] = ()) -> tuple[NumeralWord, ...]:
    """Numeral-like words of ``text`` that no quantity in ``found`` covers, with their count.

    "both", "pair", "once", "first", 双, 俩, 首, or a numeral inside a word (唯一, 两国): they
    often carry the count that the other side of a translation writes as a number, so a small
    bare number without counterpart is weak evidence of drift when such a word of the same value
    is present on the other side.
    """
    base = base_code(lang)
    zh = base == "zh"
    rx = _ZH_NUMERAL_LIKE if zh else _EN_NUMERAL_LIKE
    table = _ZH_WORD_VALUE if zh else _EN_WORD_VALUE
    words = [
        NumeralWord(m.group(0), table[m.group(0) if zh else m.group(0).lower()], m.start(), m.end())
        for m in rx.finditer(text)
    ]
    if not zh:  # "an hour", "a year": the article counts one of the unit
        words += [
            NumeralWord(m.group(0), 1.0, m.start(), m.end()) for m in _EN_A_UNIT.finditer(text)
        ]
    return tuple(
        w
        for w in sorted(words, key=lambda w: w.start)
        if not any(q.start <= w.start < q.end for q in found)
    )


def units_compatible(a: str, b: str) -> bool:
    """Whether two units may describe the same quantity (a bare number fits any unit)."""
    if a == b or not a or not b:
        return True
    if {a, b} <= _ORDINAL_FRIENDLY and "ordinal" in (a, b):
        # "the eleventh year" = 十一年, "the 89th minute" = 89分钟: a rank of a time unit.
        return True
    # 每月2000美元 is USD/month; "$2000" in the same sentence with "a month" split off is USD.
    return a.split("/")[0] == b.split("/")[0] and ("/" not in a or "/" not in b)


_DISCRETE_UNITS = frozenset({"year", "month", "ordinal", "time"})
_DURATIONS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds"})
_ORDINAL_FRIENDLY = frozenset(
    {"ordinal", "years", "months", "weeks", "days", "hours", "minutes", "seconds"}
)


def _small_exact(q: Quantity) -> bool:
    return q.low == q.high and q.value == int(q.value) and abs(q.value) < 10_000


def _same_hedge(a: Quantity, b: Quantity) -> bool:
    """Whether two hedged amounts have one shape ("more than X", "about X") around their value."""
    if not a.value or not b.value:
        return False
    shape_a = (a.low / a.value, a.high / a.value)
    shape_b = (b.low / b.value, b.high / b.value)
    return any(
        math.isclose(shape_a[0], lo) and math.isclose(shape_a[1], hi) for lo, hi in _HEDGE_SHAPES
    ) and all(math.isclose(x, y) for x, y in zip(shape_a, shape_b, strict=True))


_HEDGE_SHAPES = tuple(
    (lo / 100.0, hi / 100.0)
    for lo, hi, _ in (_hedged(100.0, h) for h in ("more", "less", "near", "about"))
)


def _close(x: float, y: float, rel_tol: float) -> bool:
    return abs(x - y) <= rel_tol * max(abs(x), abs(y)) + 1e-9


def quantities_match(a: Quantity, b: Quantity, rel_tol: float = 0.02) -> bool:
    """Whether ``a`` and ``b`` can be the same quantity.

    Units must be compatible (a bare number fits any unit). Then, by shape:

    - two exact numbers must be equal within ``rel_tol``;
    - two written ranges (5到10年, "5 to 10 years") must have the same ends;
    - a hedged amount (more than 100,000; 十多万; about 2,000) matches anything its interval
      overlaps;
    - an exact number never matches a written range: "five years" against 5到10年 lost
      information, which is what the drift checks are for.

    ``rel_tol`` absorbs rounding in translation of large or fractional amounts (1,234,567 vs
    123万 is 0.4 % off); years, months, ranks and whole numbers below 10,000 get no tolerance.
    """
    if {a.unit, b.unit} == {"%", ""}:
        # 五分之一 = "twenty per cent": a fraction below one against a percentage.
        bare = a if a.unit == "" else b
        if 0 < bare.high < 1 and bare.value != int(bare.value):
            bare = replace(
                bare, value=bare.value * 100, low=bare.low * 100, high=bare.high * 100, unit="%"
            )
            a, b = (bare, b) if a.unit == "" else (a, bare)
    if not units_compatible(a.unit, b.unit):
        return False
    if {a.unit, b.unit} & _DISCRETE_UNITS or (_small_exact(a) and _small_exact(b)):
        # Years, ranks and small counts are never rounded: 2025 is not 2026, 100 not 101.
        rel_tol = 0.0
    if a.approx and b.approx and _same_hedge(a, b):
        # "more than 500" against 超过500: the same hedge around two anchors that must agree.
        whole = all(q.value == int(q.value) and abs(q.value) < 10_000 for q in (a, b))
        return _close(a.value, b.value, 0.0 if whole else rel_tol)
    if a.approx or b.approx:
        lo_a, hi_a = a.low - rel_tol * abs(a.low), a.high + rel_tol * abs(a.high)
        lo_b, hi_b = b.low - rel_tol * abs(b.low), b.high + rel_tol * abs(b.high)
        return lo_a <= hi_b + 1e-9 and lo_b <= hi_a + 1e-9
    a_point, b_point = a.low == a.high, b.low == b.high
    if a_point and b_point:
        return _close(a.value, b.value, rel_tol)
    if a_point != b_point:
        return False
    return _close(a.low, b.low, rel_tol) and _close(a.high, b.high, rel_tol)


def compare_quantities(
    src: Sequence[Quantity], tgt: Sequence[Quantity], rel_tol: float = 0.02
) -> QuantityDiff:
    """Pair ``src`` and ``tgt`` quantities one to one (a maximum matching) and list the rest.

    Exact agreements (same value and unit) are paired first so a loose range cannot steal the
    partner of an exact number; the remaining pairs come from augmenting paths over all
    compatible pairs.
    """
    n, m = len(src), len(tgt)
    adj: list[list[int]] = []
    for a in src:
        exact = [j for j, b in enumerate(tgt) if a.value == b.value and a.unit == b.unit]
        loose = [j for j, b in enumerate(tgt) if j not in exact and quantities_match(a, b, rel_tol)]
        # Prefer the target whose value is closest.
        loose.sort(key=lambda j: abs(math.log((abs(tgt[j].value) + 1) / (abs(a.value) + 1))))
        adj.append(exact + loose)
    match_t: list[int] = [-1] * m
    match_s: list[int] = [-1] * n

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if seen[j]:
                continue
            seen[j] = True
            if match_t[j] < 0 or augment(match_t[j], seen):
                match_t[j] = i
                match_s[i] = j
                return True
        return False

    # Greedy pass on exact matches first, then augment.
    for i in range(n):
        for j in adj[i]:
            if match_t[j] < 0 and src[i].value == tgt[j].value and src[i].unit == tgt[j].unit:
                match_t[j], match_s[i] = i, j
                break
    for i in range(n):
        if match_s[i] < 0:
            augment(i, [False] * m)
    pairs = tuple(sorted((i, j) for i, j in enumerate(match_s) if j >= 0))
    return QuantityDiff(
        pairs=pairs,
        src_only=tuple(q for i, q in enumerate(src) if match_s[i] < 0),
        tgt_only=tuple(q for j, q in enumerate(tgt) if match_t[j] < 0),
    )
