"""Quantities in English and other Latin-script text: digits, number words, money, dates."""

from __future__ import annotations

import re

from bilingual.lang.en.numbers import (
    MONTH_ABBR as _MONTH_ABBR,
)
from bilingual.lang.en.numbers import (
    MONTHS as _MONTHS,
)
from bilingual.lang.en.numbers import (  # the word lists are language data
    ONES as _ONES,
)
from bilingual.lang.en.numbers import (
    ORDINALS as _ORDINALS,
)
from bilingual.lang.en.numbers import (
    SCALES as _SCALES,
)
from bilingual.numbers.model import (
    _DURATIONS,
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
    atoms: list[Atom] = []
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
        atoms.append(Atom(m.start(), m.end(), (lo + hi) / 2, lo, hi, True, scaled=True))
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
    taken = [(a.start, a.end) for a in atoms] + [(q.start, q.end) for q in out]
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
            atoms.append(Atom(s0, e0, v, low, high, approx, scaled=True))
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
        atoms.append(Atom(start, end, v, v, v, False, currency=currency or "", scaled=had_scale))
    # Numbering with roman numerals: Chapter IV
    for m in _LABEL_ROMAN.finditer(t):
        rv = _roman(m.group("r"))
        if rv:
            out.append(_q(float(rv), "ordinal", text, m.start(), m.end()))
    atoms.sort()

    # Merge ranges: "5 to 10 years", "3-5%", "$5-10 million", "between 5 and 10"
    def join(a: Atom, b: Atom) -> Atom | None:
        sep = _EN_RANGE_SEP.fullmatch(t, a.end, b.start)
        if sep is None:
            # "30% to 43%": the unit written after both ends.
            rep = _EN_RANGE_UNIT.fullmatch(t, a.end, b.start)
            if rep and re.match(r"\s*" + re.escape(rep.group("u")), t[b.end :], re.I):
                sep = rep
        if not (sep and b.value > a.value):
            return None
        word = sep.group(0).strip().lower()
        ok = (
            word not in ("and", "or")
            or (word == "and" and re.search(r"\bbetween\s*$", t[: a.start], re.IGNORECASE))
            or word == "or"
        )
        if not ok:
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

    for atom in _merge_ranges(atoms, join):
        q = _en_finish(text, t, atom)
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


def _en_finish(text: str, t: str, atom: Atom) -> Quantity | None:
    """The quantity an atom (or range) makes with its context: unit, hedge, ordinal, period."""
    start, end, value, low, high = atom.start, atom.end, atom.value, atom.low, atom.high
    approx, currency, is_range = atom.approx, atom.currency, atom.is_range
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
