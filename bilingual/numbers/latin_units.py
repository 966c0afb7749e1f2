"""What an English number says with its context: hedge before it, unit and period after it."""

from __future__ import annotations

import re

from bilingual.numbers.latin_words import WORDS_RE
from bilingual.numbers.model import _DURATIONS, Atom, Quantity, _is_calendar_year, _q

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


def _en_hedge(t: str, start: int) -> tuple[str | None, int, re.Match[str] | None]:
    """The hedge written before a number ("about", "over"), where the quantity then starts."""
    ph = _EN_PRE_HEDGE.search(t[max(0, start - 16) : start])
    if ph:
        word = ph.group("h").lower()
        kind = _HEDGE_KIND.get(word)
        # "some 500" hedges; "some" before a number word rarely does ("some two").
        if kind and not (word == "some" and not t[start].isdigit()):
            return kind, max(0, start - 16) + ph.start("h"), ph
    return None, start, ph


# Unit words after a number by their first letters, in the order they are tried.
_UNIT_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("dollar", "usd"), "USD"),
    (("euro", "eur"), "EUR"),
    (("pound", "gbp"), "GBP"),
    (("yuan", "renminbi", "rmb", "cny"), "CNY"),
    (("yen", "jpy"), "JPY"),
)
_DURATION_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("year", "yr"), "years"),
    (("month", "mo"), "months"),
    (("week", "wk"), "weeks"),
    (("day",), "days"),
)


def _en_unit(
    u: str, value: float, low: float, high: float
) -> tuple[str, float, float, float] | None:
    """The unit a unit word names, with the value rescaled for cents and decades."""
    if u == "%" or u.startswith(("per", "pct")) or u.startswith("percentage"):
        return "%", value, low, high
    for prefixes, unit in _UNIT_PREFIXES:
        if u.startswith(prefixes):
            return unit, value, low, high
    if u.startswith("cent"):
        return "USD", value / 100, low / 100, high / 100
    if u.startswith("decade"):
        return "years", value * 10, low * 10, high * 10
    for prefixes, unit in _DURATION_PREFIXES:
        if u.startswith(prefixes):
            return unit, value, low, high
    if u.startswith(("hour", "hr")) or u == "h":
        return "hours", value, low, high
    if u.startswith("min"):
        return "minutes", value, low, high
    if u.startswith("sec"):
        return "seconds", value, low, high
    if u in ("times", "fold", "x"):
        # "three times" is as often "on three occasions" as "threefold"; both read as x.
        return "x", value, low, high
    return None


# "one and five percent", "two or three years": the unit written once after the last number
# (not "and a half": "three and a half years" reads as 3 with no unit and 两年半 as 2 years, so
# both sides lose the half alike; a known gap, not a list)
_EN_LIST_NEXT = re.compile(
    rf"[\s-]+(?:and|or)[\s-]+(?!(?:a|an|half)\b)(?:\d+(?:\.\d+)?|{WORDS_RE})(?![\w-])", re.I
)


def _shared_unit(t: str, pos: int) -> re.Match[str] | None:
    """The unit after the next number of a list joined by "and"/"or" (none right after)."""
    nxt = _EN_LIST_NEXT.match(t, pos)
    return _EN_UNIT.match(t, nxt.end()) if nxt else None


def _is_bare_year(t: str, atom: Atom, hedge: str | None) -> bool:
    """A plain four-digit calendar year ("early 2026", "in late 2025"): the year itself."""
    start, end = atom.start, atom.end
    return (
        not atom.is_range
        and not atom.approx
        and hedge is None
        and _is_calendar_year(atom.value)
        and "," not in t[start:end]
        and "." not in t[start:end]
        and t[start].isdigit()
    )


def _en_finish(text: str, t: str, atom: Atom) -> Quantity | None:
    """The quantity an atom (or range) makes with its context: unit, hedge, ordinal, period."""
    start, value, low, high = atom.start, atom.value, atom.low, atom.high
    approx, currency, is_range = atom.approx, atom.currency, atom.is_range
    pos = atom.end
    unit = currency
    hedge, q_start, ph = _en_hedge(t, start)
    um = _EN_UNIT.match(t, pos)
    shared = None if um or currency or is_range else _shared_unit(t, pos)
    if um and not (unit and um.group("u").lower() in ("x",)):
        u = um.group("u").lower().lstrip("-").replace("u.s. ", "").replace("us ", "")
        named = _en_unit(u, value, low, high)
        if named is not None:
            unit, value, low, high = named
        if (unit and unit != currency) or not currency:
            pos = um.end()
    elif shared:
        # the unit belongs to this number too, but its text stays with the last one
        u = shared.group("u").lower().lstrip("-").replace("u.s. ", "").replace("us ", "")
        named = _en_unit(u, value, low, high)
        if named is not None:
            unit, value, low, high = named
    if hedge == "more" and ph and ph.group("h").lower() == "over" and unit in _DURATIONS:
        hedge, q_start = None, start  # "over 24 hours" is a period more often than a minimum
    if unit in ("USD", "CNY", "EUR", "GBP", "JPY", "HKD"):
        pm = _EN_PER.match(t, pos)
        if pm:
            p = (pm.group("p") or pm.group("adv")).lower()
            unit = f"{unit}/{_PERIOD_NAME[p]}"
            pos = pm.end()
    if not unit and _is_bare_year(t, atom, hedge):
        unit = "year"
    if not unit and value == 1 and not t[start].isdigit() and not is_range:
        return None
    if is_range or approx:
        if hedge:
            return _q(value, unit, text, q_start, pos, hedge=hedge, low=low, high=high)
        return _q(value, unit, text, q_start, pos, low=low, high=high, approx=approx)
    return _q(value, unit, text, q_start, pos, hedge=hedge)


_EN_UNIT_AND_A_HALF = re.compile(
    r"\b(?:a|an|one)\s+(?P<u>year|month|week|day|hour|minute)\s+and\s+a\s+half\b", re.I
)


def unit_and_a_half(text: str, t: str) -> list[Quantity]:
    """ "a year and a half" (一年半), "an hour and a half": 1.5 of the unit."""
    return [
        _q(1.5, m.group("u").lower() + "s", text, m.start(), m.end())
        for m in _EN_UNIT_AND_A_HALF.finditer(t)
    ]
