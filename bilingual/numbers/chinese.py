"""Chinese numerals and quantities: 三千五百, 5到10年, 百分之三十, 第三, 十多万.

:func:`_extract_zh` runs named steps (list marker, clock times and other fixed forms,
fractions, numerals, ranges); numerals are read in :mod:`.chinese_numeral`, their context
(第, hedges, units) in :mod:`.chinese_units`.
"""

from __future__ import annotations

import re

from bilingual import cedict
from bilingual.lang.script import HAN
from bilingual.lang.zh.numbers import BIG as _CN_BIG
from bilingual.lang.zh.numbers import DIGIT as _CN_DIGIT  # the numeral characters are language data
from bilingual.lang.zh.numbers import SMALL as _CN_SMALL
from bilingual.numbers.chinese_numeral import _CN_CHARS, _cn_step, parse_chinese_numeral
from bilingual.numbers.chinese_units import _CN_MEASURE, _CN_MEASURE2, _cn_finish
from bilingual.numbers.model import (
    _WIDTH,
    Atom,
    Quantity,
    _clock_value,
    _merge_ranges,
    _q,
    _vulgar,
)

# --------------------------------------------------------------------------------------------
# Chinese

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
_CN_PERCENT_SEP = re.compile(r"\s*(?:到|至|-|~|—|–|〜)\s*百分之")
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
    r"(?:(?:(?P<c>\d{2}|二十|二十一|十九)|(?P<last>上个?))\s*世纪\s*)?"
    r"(?P<d>[1-9]0|[二三四五六七八九]十)\s*年代"
)
_CN_THIS_CENTURY = re.compile(r"([本上])个?世纪")
# 一九六几年: a year of the 1960s, its last digit left open
_CN_YEAR_SOME = re.compile(r"(?P<h>[一二三四五六七八九〇零]{3})几年")
_CN_YEAR_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
# A duration in two units, 3分35秒 or 2小时15分: one quantity in the larger unit (3.58 minutes),
# which a clock-style reading of "3:35" or "2:15" states with the same digits.
_CN_TWO_UNIT_DURATION = re.compile(
    rf"(?P<a>\d{{1,3}}|{_CN_SMALL_NUM})\s*(?:(?P<h>个小时|個小時|小时|小時)|(?:分钟|分鐘|分))"
    rf"\s*(?P<b>[0-5]?\d|{_CN_SMALL_NUM})\s*(?(h)(?:分钟|分鐘|分)|(?:秒钟|秒鐘|秒))"
)
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


def _zh_special(text: str, t: str) -> list[Quantity]:
    """Clock times, decades (80年代), 正月 and 首 (first): forms the numeral rules misread."""
    out: list[Quantity] = _vulgar(text, t)
    for m in _CN_TWO_UNIT_DURATION.finditer(t):
        a, b = parse_chinese_numeral(m.group("a")), parse_chinese_numeral(m.group("b"))
        if a is None or b is None or b >= 60:
            continue
        unit = "hours" if m.group("h") else "minutes"
        out.append(_q(round(a + b / 60, 4), unit, text, m.start(), m.end()))
    for m in _CN_CLOCK.finditer(t):
        if any(q.start <= m.start() < q.end for q in out):
            continue
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
    for m in _CN_YEAR_SOME.finditer(t):
        y = 10.0 * int("".join(str(_CN_YEAR_DIGIT[c]) for c in m.group("h")))
        if 1000 <= y <= 2090:
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


def _zh_list(text: str, t: str) -> list[Quantity]:
    """The number of a list item at the start: (三), 2、."""
    m = _CN_LIST.match(t)
    if m:
        g = "a" if m.group("a") else "b"
        v = parse_chinese_numeral(m.group(g))
        if v is not None and v > 0:
            return [_q(v, "ordinal", text, m.start(g), m.end(g))]
    return []


def _zh_fractions(text: str, t: str) -> list[Quantity]:
    """三分之一 = 1/3, 千分之五 = 0.5 % (百分之 is a percentage, read with its number later)."""
    out: list[Quantity] = []
    for m in _CN_FRACTION.finditer(t):
        den = parse_chinese_numeral(m.group("d"))
        num = parse_chinese_numeral(m.group("n"))
        if not den or num is None or m.group("d") in ("百", "一百"):
            continue
        if m.group("d") in ("千", "一千"):
            out.append(_q(num / 10, "%", text, m.start(), m.end()))
        else:
            out.append(_q(num / den, "", text, m.start(), m.end()))
    return out


def _vague_scale_atom(t: str, m: re.Match[str]) -> Atom | None:
    """数千, 几十 (several of the scale), 上万 (a scale and up)."""
    scale = parse_chinese_numeral("一" + m.group("pscale"))
    if scale is None:
        return None
    if m.group("pre") in "上":
        nxt = t[m.end() : m.end() + 1]
        if _HAN_CHAR.match(nxt) and nxt not in _CN_MEASURE and nxt not in "多余的":
            return None  # 赶上万圣节: 上 and 万 belong to different words
        lo, hi = scale, scale * 3
    else:  # 数千, 几十: several of the scale
        lo, hi = 2 * scale, 10 * scale - 1
    return Atom(m.start(), m.end(), (lo + hi) / 2, lo, hi, True, arabic=False)


def _is_code(t: str, m: re.Match[str]) -> bool:
    """F125, HER2, SS19: a model code, which English writes glued too (PlayStation2 is
    "PlayStation 2" in English, so only capitals glued to digits make a code)."""
    after = m.end("core")
    return bool(_CODE_PREFIX.search(t, 0, m.start())) or (
        after < len(t) and t[after].isascii() and t[after].isalpha()
    )


def _core_atom(t: str, m: re.Match[str]) -> Atom | None:
    """A numeral in digits or characters, with 多/余/几 after it as an approximate range."""
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
            return None
        core, core_end = core[:-1], core_end - 1
    if arabic and _is_code(t, m):
        return None
    if not arabic and not _cn_core_ok(core, t, m.start(), core_end):
        return None
    v = parse_chinese_numeral("一" + core if core in ("百", "千") else core)
    if v is None:
        return None
    if not m.group("more"):
        return Atom(m.start(), core_end, v, v, v, False, arabic=arabic)
    step = _cn_step(core)
    scale = parse_chinese_numeral("一" + m.group("scale")) if m.group("scale") else 1.0
    if scale is None:
        return None
    if m.group("more") in "几幾":
        lo, hi = (v + step / 10 if step >= 10 else v + 1) * scale, (v + step - 1) * scale
        if step >= 10:
            lo, hi = (v + 1) * scale, (v + step - 1) * scale
    else:
        lo, hi = v * scale, (v + step) * scale
    return Atom(m.start(), m.end(), v * scale, lo, hi, True, arabic=arabic)


def _zh_join(t: str, a: Atom, b: Atom) -> Atom | None:
    """5到10年, 3-5%, 五至十 as one range, or None."""
    sep = _CN_RANGE_SEP.fullmatch(t, a.end, b.start)
    if sep is None:
        # 11岁至18岁, 30%至43%: the unit written after both ends.
        rep = _CN_RANGE_UNIT.fullmatch(t, a.end, b.start)
        if rep and t.startswith(rep.group("u"), b.end):
            sep = rep
        elif t[max(0, a.start - 3) : a.start] == "百分之":
            # 百分之一至百分之五: the percentage written before both ends
            sep = _CN_PERCENT_SEP.fullmatch(t, a.end, b.start)
    if not (sep and b.value > a.value):  # 0-0 is a score, not a range
        return None
    lo_a = a.low
    # 5-10万: the scale written once applies to both ends; not to 二至二十年 (2 to 20, where
    # the scale is part of the second end's numeral: 二 times 十 is the second end itself).
    if b.value >= 10 * a.value and not re.search(r"[万萬亿億]$", t[a.start : a.end]):
        sm = re.search(r"[万萬亿億]+$|[十百千]+$", t[b.start : b.end])
        if sm:
            mult = parse_chinese_numeral("一" + sm.group(0)) or 1.0
            if a.low * mult < b.value:
                lo_a = a.low * mult
    return Atom(
        a.start,
        b.end,
        (lo_a + b.high) / 2,
        lo_a,
        b.high,
        a.approx or b.approx,
        arabic=a.arabic and b.arabic,
        is_range=True,
    )


def _extract_zh(text: str) -> list[Quantity]:
    t = text.translate(_WIDTH)
    out = _zh_list(text, t)
    list_end = out[0].end if out else -1
    taken: list[tuple[int, int]] = []
    for sq in _zh_special(text, t):
        if sq.start > list_end and not any(a < sq.end and sq.start < b for a, b in taken):
            out.append(sq)
            taken.append((sq.start, sq.end))
    fractions = _zh_fractions(text, t)
    out += fractions
    taken += [(q.start, q.end) for q in fractions]
    atoms: list[Atom] = []
    for m in _CN_ATOM.finditer(t):
        if (m.start() < list_end + 1 and out) or any(a <= m.start() < b for a, b in taken):
            continue
        atom = _vague_scale_atom(t, m) if m.group("pre") else _core_atom(t, m)
        if atom is not None:
            atoms.append(atom)
    for atom in _merge_ranges(atoms, lambda a, b: _zh_join(t, a, b)):
        q = _cn_finish(text, t, atom)
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
    if core == "一" and (
        _CN_ONE_AND_A_HALF.match(t, end)
        # 一至十年 (1 to 10), 为一至十年; not the 一 that ends a word (统一到三种 "unified
        # into three", 唯一, 同一: CC-CEDICT words)
        or (_CN_ONE_TO.match(t, end) and not cedict.has(prev + "一"))
    ):
        return True  # 一年半 ("a year and a half"), 一至十年: not the article 一
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
_CN_ONE_TO = re.compile(rf"\s*(?:至|到|-|~|—|–|〜)\s*[{''.join(_CN_DIGIT)}十]")
_CN_ONE_AND_A_HALF = re.compile(
    r"(?:年|天|[个個](?:小时|小時|钟头|鐘頭|星期|礼拜|禮拜)?)半(?![载載])"
)
_CODE_PREFIX = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}$")
_CN_SCALE_NOUN = "人名个個位年倍户戶家"
