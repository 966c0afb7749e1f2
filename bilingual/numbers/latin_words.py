"""English number words, digits, roman numerals and fractions read as values (for :mod:`.latin`)."""

from __future__ import annotations

import re

from bilingual.lang.en.numbers import ONES as _ONES
from bilingual.lang.en.numbers import ORDINALS as _ORDINALS
from bilingual.lang.en.numbers import SCALES as _SCALES
from bilingual.numbers.model import Atom, Quantity, _q

_NUMWORD = "|".join(sorted([*_ONES, *_SCALES, "a", "an", "and", "half"], key=len, reverse=True))
_WORDS_RE = rf"(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*"
# a number written in words (the English atom's pattern; shared with the unit reader)
WORDS_RE = _WORDS_RE

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


# "three and a half": the half that joins the number before it (at the end of a number-word
# match, or right after a number in digits)
AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half$", re.IGNORECASE)
# not "1990 and a half-dozen others" (a dozen, not a half); "3 and a half million" takes the scale
THEN_AND_A_HALF = re.compile(
    r"[\s-]+and[\s-]+a[\s-]+half\b(?![\s-]*dozen)"
    r"(?:[\s-]+(?P<scale>" + "|".join(_SCALES) + r")\b)?",
    re.IGNORECASE,
)


def plus_half(atom: Atom, end: int, scale: str | None = None) -> Atom:
    """``atom`` and a half, its text running to ``end``; times ``scale`` when one follows the
    half ("3 and a half million")."""
    v = (atom.value + 0.5) * (_SCALES[scale.lower()] if scale else 1)
    return Atom(atom.start, end, v, v, v, atom.approx, currency=atom.currency, scaled=True)


# The denominators a fraction word names: "half", "quarter" and the ordinals that are also
# fractions ("a third", "two fifths", "one hundredth"); the words are language data.
_FRACTION_DEN = {
    "half": 2,
    "quarter": 4,
    **{w: v for w, v in _ORDINALS.items() if 3 <= v <= 10 or v in (100, 1000)},
}
_EN_FRACTION = re.compile(
    r"\b(?P<n>a|the|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    r"(?P<d>halves|half|(?:third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"hundredth|thousandth)s?)\b",
    re.IGNORECASE,
)


def fractions(text: str, t: str) -> list[Quantity]:
    """ "a third of", "two thirds", "the tenth part"."""
    out: list[Quantity] = []
    for m in _EN_FRACTION.finditer(t):
        num_word, den_word = m.group("n").lower(), m.group("d").lower()
        if num_word == "a" and not re.match(r"\s+(?:of|part)\b|\s*[,.;:]|\s*$", t[m.end() :]):
            continue  # "a third party" is an ordinal use
        if num_word == "a" and re.search(r"\band[\s-]+$", t[: m.start()], re.IGNORECASE):
            continue  # "three and a half", "a year and a half": the half of the number before
        if num_word == "the" and not re.match(r"\s+parts?\b", t[m.end() :]):
            continue  # "the tenth part" is a fraction, "the tenth day" a rank
        if den_word in ("hundredth", "thousandth") and num_word not in ("a", "one"):
            continue  # "the six hundredth year" is a rank (600th); six hundredths a fraction
        numer = 1.0 if num_word in ("a", "the") else float(_ONES[num_word])
        denom = _FRACTION_DEN[den_word.rstrip("s") if den_word != "halves" else "half"]
        out.append(_q(numer / denom, "", text, m.start(), m.end()))
    return out
