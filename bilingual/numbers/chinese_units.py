"""What a Chinese number says with its context: 第 and 百分之 before it, hedges, units after it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilingual.lang.zh.numbers import BIG as _CN_BIG
from bilingual.lang.zh.numbers import SMALL as _CN_SMALL
from bilingual.numbers.model import Atom, Quantity, _is_calendar_year, _q

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


_CN_PERIOD_BEFORE = (
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
)
# 成 after a number is tenths (三成 = 30 %) unless it starts one of these words.
_CN_CHENG_WORDS = (
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
_CN_NOT_YEAR = ("年级", "年級", "年龄", "年齡", "年轻", "年輕")  # grade, age, young: not years
_CN_CURRENCY_SIGN = {"$": "USD", "¥": "CNY", "€": "EUR", "£": "GBP"}


def _cn_before(t: str, start: int) -> tuple[int, str, str | None, str]:
    """Period (每月), hedge (大约) and currency sign before a number: where it starts, and them."""
    q_start = start
    period = ""
    pre = t[max(0, start - 4) : start]
    for word, per in _CN_PERIOD_BEFORE:
        if pre.endswith(word):
            period = per
            q_start = start - len(word)
            break
    # 大约2000 or 大约有2000: the hedge may sit before a 有; mixed text may put a space after it.
    if q_start >= 2 and t[q_start - 1] in (" ", "\u00a0") and _ends(t, q_start - 1, _CN_PRE_HEDGE):
        q_start -= 1
    has = 1 if q_start >= 1 and t[q_start - 1] == "有" else 0
    hedge: str | None = None
    ph = _ends(t, q_start, _CN_PRE_HEDGE) or (_ends(t, q_start - 1, _CN_PRE_HEDGE) if has else None)
    if ph:
        hedge = ph[1]
        q_start -= len(ph[0]) + (0 if _ends(t, q_start, _CN_PRE_HEDGE) else has)
    currency = ""
    if start >= 1 and t[start - 1] in "$¥€£":
        currency = _CN_CURRENCY_SIGN[t[start - 1]]
        q_start = min(q_start, start - 1)
        if start >= 3 and t[start - 3 : start] == "US$":
            q_start = min(q_start, start - 3)
    return q_start, period, hedge, currency


def _cn_year(t: str, atom: Atom, rest: str) -> tuple[str, int, bool]:
    """年 after a number: a calendar year (2026年, 90年代) or a count of years; unit, length,
    whether it is a decade."""
    start, end, value = atom.start, atom.end, atom.value
    if (
        _is_calendar_year(value)
        and not atom.is_range
        and not atom.approx
        and (atom.arabic or not any(c in _CN_SMALL or c in _CN_BIG for c in t[start:end]))
    ):
        if rest.startswith("年代"):
            return "year", 2, True
        return "year", 2 if rest[1:2] in "初底末中" else 1, False
    return "years", 1, False


def _cn_unit(t: str, atom: Atom, pos: int) -> tuple[str, float, float, float, bool, int]:
    """The unit after a number at ``pos`` and what it does to the value: (unit, value, low,
    high, approx, end of the unit); the unit is "" when none follows."""
    value, low, high, approx = atom.value, atom.low, atom.high, atom.approx
    rest = t[pos : pos + 6]
    if rest.startswith(("%", "个百分点", "個百分點", "百分点")):
        return (
            "%",
            value,
            low,
            high,
            approx,
            pos + (1 if rest[0] == "%" else (4 if rest[0] in "个個" else 3)),
        )
    if rest.startswith("成") and value <= 10 and not rest.startswith(_CN_CHENG_WORDS):
        return "%", value * 10, low * 10, high * 10, approx, pos + 1
    if rest.startswith(("周年", "週年")):
        return "ordinal", value, low, high, approx, pos + 2  # the 60th anniversary = 60周年
    if rest.startswith("倍"):
        return "x", value, low, high, approx, pos + 1
    if rest.startswith("年") and not rest.startswith(
        ("年级", "年級", "年龄", "年齡", "年轻", "年輕")
    ):
        unit, length, decade = _cn_year(t, atom, rest)
        if decade:
            return unit, value, value, value + 9, True, pos + length
        if unit == "years" and _halves(t, atom, pos + length):  # 两年半 = 2.5 years
            return unit, value + 0.5, value + 0.5, value + 0.5, approx, pos + length + 1
        return unit, value, low, high, approx, pos + length
    if (
        rest.startswith("月")
        and 1 <= value <= 12
        and value == int(value)
        and not atom.is_range
        and not approx
    ):
        return "month", value, low, high, approx, pos + 1
    for word, code, mult in _CN_CURRENCY:
        if rest.startswith(word):
            return code, value * mult, low * mult, high * mult, approx, pos + len(word)
    half = _CN_HALF_UNIT.match(t, pos)
    if half and _halves(t, atom, pos + 1):  # 三个半月 = 3.5 months, 一个半小时 = 1.5 hours
        u = _CN_HALF_UNITS[half.group("u")]
        return u, value + 0.5, value + 0.5, value + 0.5, approx, half.end()
    for word, u in _CN_DURATION:
        if rest.startswith(word):
            if u in ("days", "hours") and _halves(t, atom, pos + len(word)):  # 三天半
                v = value + 0.5
                return u, v, v, v, approx, pos + len(word) + 1
            return u, value, low, high, approx, pos + len(word)
    return "", value, low, high, approx, pos


# "X个半<unit>": the half between the measure word and the unit
_CN_HALF_UNIT = re.compile(r"[个個]半(?P<u>月|小时|小時|钟头|鐘頭|星期|礼拜|禮拜)")
_CN_HALF_UNITS = {
    "月": "months",
    "小时": "hours",
    "小時": "hours",
    "钟头": "hours",
    "鐘頭": "hours",
    "星期": "weeks",
    "礼拜": "weeks",
    "禮拜": "weeks",
}


def _halves(t: str, atom: Atom, pos: int) -> bool:
    """Whether 半 at ``pos`` adds a half to a whole count (两年半), not starts a word (半数)."""
    return (
        t[pos : pos + 1] == "半"
        and t[pos + 1 : pos + 2] not in ("载", "載")  # 一年半载: "a year or so", an idiom
        and not atom.is_range
        and not atom.approx
        and atom.value == int(atom.value)
    )


def _cn_after_hedge(t: str, pos: int, unit: str, arabic: bool) -> tuple[str | None, int]:
    """A hedge after the number or its measure word (一年多, 800人以上), and where it ends."""
    post = _starts(t, pos, _CN_POST_HEDGE)
    if post:
        # 多 only hedges right after a unit (一年多, 2000人多 is rare): skip 多 before a noun.
        if post[0] not in ("多", "余") or unit:
            return post[1], pos + len(post[0])
        return None, pos
    if not unit:
        # 800人以上, 3000 名左右: the hedge follows the measure word.
        skip = 1 + int(arabic and t[pos : pos + 1] in (" ", "\u00a0"))
        post = _starts(t, pos + skip, _CN_POST_HEDGE)
        if post and post[0] not in ("多", "余") and t[pos + skip - 1] in _CN_MEASURE:
            return post[1], pos + skip + len(post[0])
    return None, pos


def _cn_finish(text: str, t: str, atom: Atom) -> Quantity | None:
    """The quantity an atom (or range) makes with its context: unit, hedge, ordinal, period."""
    start, end, value, low, high = atom.start, atom.end, atom.value, atom.low, atom.high
    approx, arabic, is_range = atom.approx, atom.arabic, atom.is_range
    if start >= 1 and t[start - 1] == "第":
        # 第三条 / 第二章: numbering, same as "Article 3" / "Chapter 2".
        q_end = end + 1 if end < len(t) and t[end] in _CN_ORDINAL_NOUN else end
        return _q(value, "ordinal", text, start - 1, q_end)
    if start >= 3 and t[start - 3 : start] == "百分之":
        return _q(value, "%", text, start - 3, end, low=low, high=high, approx=approx)
    q_start, period, hedge, currency = _cn_before(t, start)
    # Mixed text puts a space between digits and the unit (281 家, 10 月): skip one.
    space = int(
        arabic and t[end : end + 1] in (" ", "\u00a0") and not t[end + 1 : end + 2].isascii()
    )
    unit, value, low, high, approx, pos = _cn_unit(t, atom, end + space)
    if pos == end + space:
        pos = end  # no unit after all: the space is not part of the quantity
    if currency and not unit:
        unit = currency
    if not unit and not arabic and value == 1 and not is_range:
        return None
    if hedge is None and not approx:
        hedge, pos = _cn_after_hedge(t, pos, unit, arabic)
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
