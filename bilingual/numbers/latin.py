"""Quantities in English and other Latin-script text: digits, number words, money, dates.

:func:`_extract_latin` runs named steps in a fixed order (list marker, vague amounts, fixed
phrases, numbers, roman labels, ranges, month names); the word parsers live in
:mod:`.latin_words`, the hedge/unit/period reading in :mod:`.latin_units`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bilingual.lang.en.numbers import MONTH_ABBR as _MONTH_ABBR
from bilingual.lang.en.numbers import MONTHS as _MONTHS
from bilingual.lang.en.numbers import ONES as _ONES  # the word lists are language data
from bilingual.lang.en.numbers import ORDINALS as _ORDINALS
from bilingual.lang.en.numbers import SCALES as _SCALES
from bilingual.numbers.latin_units import _en_finish, unit_and_a_half
from bilingual.numbers.latin_words import (
    _EN_COMPOUND_ORD,
    _NUMWORD,
    _WORDS_RE,
    AND_A_HALF,
    THEN_AND_A_HALF,
    _compound_ordinal,
    _parse_digits,
    _parse_scale_free,
    _parse_words,
    _roman,
    fractions,
    plus_half,
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
# English and other Latin-script languages


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
_EN_TIMES = re.compile(r"\b(?:twice|thrice)\b", re.IGNORECASE)
_EN_DECADES = re.compile(r"\bdecades\b", re.IGNORECASE)
_EN_AGE_AND = re.compile(
    r"\b(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+years\s+old\s+and\s+"
    # the ones word ends the phrase: "forty years old and one day he left" is 40
    r"(?P<o>one|two|three|four|five|six|seven|eight|nine)\b(?=\s*(?:[,;:.!?]|$))",
    re.IGNORECASE,
)
# "sevenfold" = 七倍, KJV "seventy and sevenfold" = 七十七倍, "an hundredfold" = 百倍
_EN_FOLD = re.compile(
    r"\b(?:(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+and\s+)?"
    r"(?P<o>two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand)-?fold\b",
    re.IGNORECASE,
)
# "this century" = 本世纪 (2000-2099), "the last century" = 上(个)世纪, "the turn of the century"
# about 1990-2010 ("the past century", 过去一个世纪, is 100 years, not the 1900s)
_EN_CENTURY = re.compile(
    r"\b(?:(?P<this>this)|(?P<last>the\s+last|last)|(?P<turn>the\s+turn\s+of\s+the))"
    r"\s+century\b",
    re.IGNORECASE,
)
_EN_DECADE_WORD = re.compile(
    r"\bthe\s+(?:early\s+|late\s+)?(?P<d>twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties)\b",
    re.IGNORECASE,
)
# "in the nineties" is a temperature or a score, not a decade, near these words
_EN_NOT_DECADE = re.compile(
    r"\b(?:temperatures?|degrees?|heat|fahrenheit|celsius|scores?|scored|points?|marks?|"
    r"grades?|percent|mph|km/h)\b|°",
    re.IGNORECASE,
)
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


_DECIMAL_COMMA_LANGS = ("de", "fr", "it", "es", "pt", "nl")
_PLURAL_SIZE = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9}
_SCALE_MULT = {
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
}


def _overlaps(q: Quantity, taken: Iterable[Quantity]) -> bool:
    return any(q.start < o.end and o.start < q.end for o in taken)


def _list_marker(text: str, t: str) -> tuple[list[Quantity], tuple[int, int]]:
    """The number of a list item at the start ("(3)", "2."), and the span it takes."""
    lm = _EN_LIST.match(t)
    if lm:
        g = "a" if lm.group("a") else "b"
        raw = lm.group(g)
        v = float(raw) if raw.isdigit() else _roman(raw)
        if v:
            return [_q(float(v), "ordinal", text, lm.start(g), lm.end(g))], (lm.start(g), lm.end(g))
    return [], (-1, -1)


def _vague_atoms(t: str) -> list[Atom]:
    """ "several thousand", "dozens", "hundreds of thousands" as approximate ranges."""
    atoms: list[Atom] = []
    for m in _EN_SEVERAL.finditer(t):
        size: float
        lo: float
        hi: float
        if m.group("a"):
            size = _SCALES[m.group("s").lower()]
            lo, hi = 2 * size, 10 * size - 1  # several thousand: 2,000..9,999
        else:
            word = m.group("b").lower()
            size = _PLURAL_SIZE[word]
            lo, hi = 2 * size, (99 * size if word == "dozens" else 10 * size - 1)
            if m.group("s2"):  # hundreds of thousands, tens of millions...
                size *= _SCALES[m.group("s2").lower()[:-1]]
                lo, hi = 2 * size, 10 * size - 1
        atoms.append(Atom(m.start(), m.end(), (lo + hi) / 2, lo, hi, True, scaled=True))
    return atoms


def _fixed_phrases(text: str, t: str, out: list[Quantity]) -> None:
    """Fractions, clock times, twice/thrice, "decades", compound ordinals: appended to ``out``."""
    out.extend(unit_and_a_half(text, t))  # "a year and a half" = 一年半
    out.extend(fractions(text, t))
    for sq in _en_special(text, t):
        if not _overlaps(sq, out):
            out.append(sq)
    for m in _EN_TIMES.finditer(t):
        out.append(_q(2.0 if m.group(0).lower() == "twice" else 3.0, "", text, m.start(), m.end()))
    for m in _EN_DECADES.finditer(t):
        before = re.search(r"(\w+)[\s-]*$", t[: m.start()])
        if before and (before.group(1).lower() in _ONES or before.group(1).isdigit()):
            continue  # "two decades" is read with its number
        out.append(_q(59.5, "years", text, m.start(), m.end(), low=20.0, high=99.0, approx=True))
    for m in _EN_AGE_AND.finditer(t):
        # KJV "ninety years old and nine" = 99 years (九十九岁)
        age = float(_ONES[m.group("t").lower()] + _ONES[m.group("o").lower()])
        out.append(_q(age, "years", text, m.start(), m.end()))
    for m in _EN_FOLD.finditer(t):
        fold = _ONES.get(m.group("o").lower()) or _SCALES[m.group("o").lower()]
        fq = _q(float(fold + _ONES.get((m.group("t") or "").lower(), 0)), "x", text, *m.span())
        if not _overlaps(fq, out):
            out.append(fq)
    for m in _EN_CENTURY.finditer(t):
        lo, hi = (1990.0, 2010.0) if m.group("turn") else (1900.0, 1999.0)
        if m.group("this"):
            lo, hi = 2000.0, 2099.0
        cq = _q((lo + hi) / 2, "year", text, *m.span(), low=lo, high=hi, approx=True)
        if not _overlaps(cq, out):
            out.append(cq)
    for m in _EN_DECADE_WORD.finditer(t):
        if _EN_NOT_DECADE.search(t, max(0, m.start() - 60), min(len(t), m.end() + 30)):
            continue
        # "the eighties" = 八十年代 (1980-1989); "in her eighties" (an age) has no "the"
        start = 1900.0 + _ONES[m.group("d").lower()[:-3] + "y"]  # eighties -> eighty
        dq = _q(start, "year", text, m.start("d"), m.end(), low=start, high=start + 9)
        if not _overlaps(dq, out):
            out.append(dq)
    # "twenty-first", "four hundred and eightieth", "one and twentieth".
    for m in _EN_COMPOUND_ORD.finditer(t):
        co = _compound_ordinal(text, t, m)
        if co is not None and not _overlaps(co, out):
            out.append(co)


def _ordinal_word(text: str, t: str, m: re.Match[str]) -> Quantity | None:
    """ "seventh", "the seventh month"; None for the adverb "first" and the unit "a second"."""
    word = m.group("ordw")
    if word.lower() == "first" and any(
        a.start() <= m.start() < a.end() for a in _EN_FIRST_ADVERB.finditer(t)
    ):
        return None  # "at first", "give it up first.": an adverb, not a rank
    if word.lower() == "second" and re.search(
        r"\b(?:a|per|one|each|every)\s+$", t[: m.start()], re.IGNORECASE
    ):
        return None
    value = float(_ORDINALS[word.lower()])
    month = re.match(r"\s+month\b", t[m.end() :], re.IGNORECASE)
    if month:  # "the seventh month" is the month 七月
        return _q(value, "month", text, m.start(), m.end() + month.end())
    return _q(value, "ordinal", text, m.start(), m.end())


def _word_atoms(t: str, m: re.Match[str]) -> list[Atom]:
    """Numbers written in words, trimmed of the "and"/"a" that belong to the sentence.

    Usually one; several when "and" joins numbers that do not add up to one: "twenty and
    five" (KJV) is 25 and "a hundred and twenty" 120, but "one and five percent" is 1 and 5
    per cent (百分之一和百分之五) and "two and three years" two numbers, not 5.
    """
    words = m.group("words")
    lead = re.match(r"^(?:(?:and|a|an)[\s-]+)+", words, re.IGNORECASE)
    keeps_article = re.match(
        r"(?:a|an)[\s-]+(?:hundred|thousand|million|billion|trillion|dozen|half)",
        words,
        re.IGNORECASE,
    )
    s0 = m.start() + (lead.end() if lead and not keeps_article else 0)
    trail = re.search(r"(?:[\s-]+(?:and|a|an|half))+$", t[s0 : m.end()], re.IGNORECASE)
    e0 = m.end() - (len(trail.group(0)) if trail else 0)
    groups = _and_groups(t, s0, e0)
    listed = len(groups) > 1
    out = []
    for a, b in groups:
        atom = _word_atom(t, a, b, listed)
        if atom is not None:
            out.append(atom)
    # "three and a half years" is 3.5 years (三年半): the half joins the last number
    if trail and AND_A_HALF.search(trail.group(0)) and out and out[-1].end == e0:
        out[-1] = plus_half(out[-1], m.end())
    return out


def _and_groups(t: str, s0: int, e0: int) -> list[tuple[int, int]]:
    """``t[s0:e0]`` cut at each "and" whose two sides make no single number."""
    cuts = list(re.finditer(r"[\s-]+and[\s-]+", t[s0:e0], re.IGNORECASE))
    groups: list[tuple[int, int]] = []
    start = s0
    # "between five and twenty percent" is 5-20 %, never the archaic 25 ("five and twenty")
    ranged = re.search(r"\bbetween\s+$", t[:s0], re.IGNORECASE) is not None
    for k, cut in enumerate(cuts):
        nxt = s0 + cuts[k + 1].start() if k + 1 < len(cuts) else e0
        a, after = _parse_words(t[start : s0 + cut.start()]), t[s0 + cut.end() : nxt]
        b = _parse_words(after)
        # "threescore and twelve thousand" = 72,000: a scale at the end spans both sides
        scaled = after.split()[-1].lower() in _SCALES if after.split() else False
        if a is not None and b is not None and not scaled:
            if (ranged and k == 0) or not _adds_up(a, b):
                groups.append((start, s0 + cut.start()))
                start = s0 + cut.end()
    return [*groups, (start, e0)]


def _adds_up(a: float, b: float) -> bool:
    """Whether "<a> and <b>" is one number: a hundred and twenty, twenty and five (KJV),
    threescore and twelve, five and twenty (archaic), one and a half."""
    if b < 1 or a >= 100:
        return True
    if 20 <= a < 100 and a % 10 == 0 and 1 <= b < 20:
        return True
    return 1 <= a < 10 and 20 <= b < 100 and b % 10 == 0


def _word_atom(t: str, s0: int, e0: int, listed: bool = False) -> Atom | None:
    """The number written in words at ``t[s0:e0]``; ``listed``: one of several joined by
    "and" ("one" then is a number, not the pronoun)."""
    words2 = t[s0:e0]
    # "one" alone is mostly a pronoun ("one of them"); "one percent" is a number
    one_percent = words2.lower() == "one" and re.match(r"\s*(?:per\s?cent\b|%)", t[e0:], re.I)
    if not words2 or (
        words2.lower() in ("a", "an", "and", "half", "one", "zero", "score")
        and not one_percent
        and not (listed and words2.lower() == "one")
    ):
        return None
    if words2.lower() in _SCALES and re.search(r"\bper\s+$", t[:s0], re.I):
        return None  # "parts per million" is a unit (百万分之五 states the number)
    v = _parse_words(words2)
    if v is None:
        return None
    if words2.lower().endswith("dozen") and re.match(r"\s*dozens\b", t[e0:], re.I):
        return None
    return Atom(s0, e0, v, v, v, False, scaled=True)


def _scaled(m: re.Match[str], currency: str | None) -> tuple[float, int, bool]:
    """Multiplier of a scale suffix ("5 million", "$3bn"), where the number ends, whether scaled."""
    scale = m.group("scale")
    if not scale:
        return 1.0, m.end(), False
    sc = scale.strip().lower()
    if sc in ("m", "b", "t") and not currency:
        # "5 m" is metres, "4.5 T" something else: single letters only with money.
        return 1.0, m.start("scale"), False
    return _SCALE_MULT[sc], m.end(), True


def _suffixed(text: str, t: str, m: re.Match[str], v: float, end: int) -> Quantity | None:
    """ "3rd" as a rank, "the 1990s" as years, "in his 40s" as an age."""
    start, num = m.start(), m.group("num")
    suffix = (m.group("ord") or "").lower()
    if suffix in ("st", "nd", "rd", "th"):
        if "." in num or "," in num:
            return None
        return _q(v, "ordinal", text, start, end)
    if _is_calendar_year(v) and v % 10 == 0:
        return _q(v, "year", text, start, end, low=v, high=v + 9, approx=True)
    if 10 <= v <= 90 and v % 10 == 0 and _EN_AGE_DECADE.search(t[max(0, start - 8) : start]):
        # "in his 40s" = 40多岁: an age from 40 to 49.
        return _q(v, "years", text, start, end, low=v, high=v + 9, approx=True)
    return None


def _digit_number(text: str, t: str, m: re.Match[str], lang: str) -> Quantity | Atom | None:
    """A number written in digits: a rank, a label's number, a year, or an atom for ranges."""
    num = m.group("num")
    v = _parse_digits(num, lang)
    if v is None:
        return None
    start = m.start()
    cur = m.group("cur")
    currency = _CUR_CODE.get(cur.strip().lower()) if cur else None
    mult, end, had_scale = _scaled(m, currency)
    v *= mult
    if (m.group("ord") or "") and not m.group("scale"):
        return _suffixed(text, t, m, v, end)
    # Numbering: Article 3, Chapter IV, No. 5
    lab = _EN_LABEL.search(t[max(0, start - 12) : start])
    if lab and not currency:
        if _is_calendar_year(v) and re.fullmatch(r"\d{4}", num):
            # "the Government of Wales Act 2017": a year, as 2017年法案 says.
            return _q(v, "year", text, start, end)
        return _q(v, "ordinal", text, max(0, start - 12) + lab.start(), end)
    atom = Atom(start, end, v, v, v, False, currency=currency or "", scaled=had_scale)
    half = THEN_AND_A_HALF.match(t, end)
    return plus_half(atom, half.end(), half.group("scale")) if half and not had_scale else atom


def _numbers(
    text: str, t: str, lang: str, taken: list[tuple[int, int]], out: list[Quantity]
) -> list[Atom]:
    """Digit and word numbers outside ``taken``: finished ones to ``out``, atoms returned."""
    atoms: list[Atom] = []
    for m in _EN_ATOM.finditer(t):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found: Quantity | Atom | None
        if m.group("ordw"):
            found = _ordinal_word(text, t, m)
        elif m.group("words"):
            atoms.extend(_word_atoms(t, m))
            continue
        else:
            found = _digit_number(text, t, m, lang)
        if isinstance(found, Atom):
            atoms.append(found)
        elif found is not None:
            out.append(found)
    return atoms


def _join_range(t: str, lang: str, a: Atom, b: Atom) -> Atom | None:
    """ "5 to 10 years", "3-5%", "$5-10 million", "between 5 and 10" as one range, or None."""
    sep = _EN_RANGE_SEP.fullmatch(t, a.end, b.start)
    if sep is None:
        # "30% to 43%": the unit written after both ends.
        rep = _EN_RANGE_UNIT.fullmatch(t, a.end, b.start)
        if rep and re.match(r"\s*" + re.escape(rep.group("u")), t[b.end :], re.I):
            sep = rep
    if not (sep and b.value > a.value):
        return None
    word = sep.group(0).strip().lower()
    if word == "and" and not re.search(r"\bbetween\s*$", t[: a.start], re.IGNORECASE):
        return None
    lo_a = a.low
    if b.scaled and not a.scaled and b.value >= 10 * a.value > 0:
        # "$5-10 million": the scale written once applies to both ends.
        mult = b.value / _parse_scale_free(t[b.start : b.end], lang)
        lo_a = a.low * mult
    s_start = a.start
    bw = re.search(r"\b(?:between|from)\s*$", t[: a.start], re.IGNORECASE)
    if bw:
        s_start = bw.start()
    return Atom(
        s_start,
        b.end,
        (lo_a + b.high) / 2,
        lo_a,
        b.high,
        a.approx or b.approx,
        currency=a.currency or b.currency,
        is_range=True,
    )


def _month_names(text: str, t: str) -> list[Quantity]:
    """Month names next to a day or year: "March 5", "5 March 2026", "in May 2026"."""
    out: list[Quantity] = []
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
    return out


def _extract_latin(text: str, lang: str) -> list[Quantity]:
    t = text.translate(_WIDTH)
    if lang in _DECIMAL_COMMA_LANGS:
        # Thin and non-breaking spaces group thousands in French and Swiss German: 4 000 m.
        # The replacement has the same length, so offsets into ``text`` still hold.
        t = re.sub(r"(?<=\d)[\u202f\u00a0\u2009'](?=\d{3}\b)", "0", t)
    out, list_span = _list_marker(text, t)
    atoms = _vague_atoms(t)
    _fixed_phrases(text, t, out)
    taken = [(a.start, a.end) for a in atoms] + [(q.start, q.end) for q in out] + [list_span]
    atoms += _numbers(text, t, lang, taken, out)
    # Numbering with roman numerals: Chapter IV
    for m in _LABEL_ROMAN.finditer(t):
        rv = _roman(m.group("r"))
        if rv:
            out.append(_q(float(rv), "ordinal", text, m.start(), m.end()))
    atoms.sort()
    for atom in _merge_ranges(atoms, lambda a, b: _join_range(t, lang, a, b)):
        q = _en_finish(text, t, atom)
        if q is not None:
            out.append(q)
    out += _month_names(text, t)
    out.sort(key=lambda q: (q.start, q.end))
    return out
