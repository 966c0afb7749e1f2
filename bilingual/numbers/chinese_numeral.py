"""Chinese numerals read as values (一百二十三, 两千五, 3.5万, 二〇二六, 三点五)."""

from __future__ import annotations

import re

from bilingual.lang.zh.numbers import BIG as _CN_BIG
from bilingual.lang.zh.numbers import DIGIT as _CN_DIGIT  # the numeral characters are language data
from bilingual.lang.zh.numbers import SMALL as _CN_SMALL
from bilingual.numbers.model import _WIDTH

_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_SMALL) + "".join(_CN_BIG)


def _arabic_head(head: float, rest: str) -> float | None:
    """3.5万, 2000万: arabic digits with Chinese scale characters after them."""
    mult = 1.0
    for c in rest:
        if c in _CN_SMALL:
            mult *= _CN_SMALL[c]
        elif c in _CN_BIG:
            mult *= _CN_BIG[c]
        else:
            return None
    return head * mult


def _decimal(s: str) -> float | None:
    """三点五, 一点二亿: a decimal written out, with an optional scale after the digits."""
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


def _positional(s: str) -> float | None:
    """一百二十三, 三万五千, 两千五: digits and place units, 万 and 亿 closing groups."""
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
        return _arabic_head(float(m.group(1)), m.group(2))
    if "点" in s or "點" in s:
        return _decimal(s)
    return _positional(s)


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
