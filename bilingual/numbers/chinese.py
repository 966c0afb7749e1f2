"""Chinese numerals and quantities: 三千五百, 5到10年, 百分之三十, 第三, 十多万."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilingual import cedict
from bilingual.lang.script import HAN
from bilingual.lang.zh.numbers import (
    BIG as _CN_BIG,
)
from bilingual.lang.zh.numbers import (  # the numeral characters are language data
    DIGIT as _CN_DIGIT,
)
from bilingual.lang.zh.numbers import (
    SMALL as _CN_SMALL,
)
from bilingual.numbers.model import (
    _WIDTH,
    Atom,
    Quantity,
    _clock_value,
    _is_calendar_year,
    _merge_ranges,
    _q,
    _vulgar,
)

# --------------------------------------------------------------------------------------------
# Chinese

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
    atoms: list[Atom] = []
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
            atoms.append(Atom(m.start(), m.end(), (lo + hi) / 2, lo, hi, True, arabic=False))
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
            atoms.append(Atom(m.start(), m.end(), v * scale, lo, hi, True, arabic=arabic))
        else:
            atoms.append(Atom(m.start(), core_end, v, v, v, False, arabic=arabic))

    # Merge ranges: 5到10年, 3-5%, 五至十
    def join(a: Atom, b: Atom) -> Atom | None:
        sep = _CN_RANGE_SEP.fullmatch(t, a.end, b.start)
        if sep is None:
            # 11岁至18岁, 30%至43%: the unit written after both ends.
            rep = _CN_RANGE_UNIT.fullmatch(t, a.end, b.start)
            if rep and t.startswith(rep.group("u"), b.end):
                sep = rep
        if not (sep and b.value > a.value):  # 0-0 is a score, not a range
            return None
        lo_a = a.low
        # 5-10万: the scale written once applies to both ends.
        if b.value >= 10 * a.value and not re.search(r"[十百千万萬亿億]$", t[a.start : a.end]):
            sm = re.search(r"[十百千万萬亿億]+$", t[b.start : b.end])
            if sm:
                mult = parse_chinese_numeral("一" + sm.group(0)) or 1.0
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

    for atom in _merge_ranges(atoms, join):
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


def _cn_finish(text: str, t: str, atom: Atom) -> Quantity | None:
    """The quantity an atom (or range) makes with its context: unit, hedge, ordinal, period."""
    start, end, value, low, high = atom.start, atom.end, atom.value, atom.low, atom.high
    approx, arabic, is_range = atom.approx, atom.arabic, atom.is_range
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
