"""What an editor cares about in a claim: numbers, money, dates, names, strong assertions.

``claim_weight`` ranks unsupported claims: a claim with a price or a name missing on the other
side matters more than a connective sentence ("This isn't just about software.").
"""

from __future__ import annotations

import re

from bilingual.check.comparable.contradictions import is_money
from bilingual.lang import is_cjk
from bilingual.lang.script import HAN_CLASS
from bilingual.numbers import extract_numbers

_EN_STRONG = re.compile(
    r"\b(?:will|won't|must|never|always|inevitabl\w*|certainly|clearly|only|every|no one|"
    r"cannot|can't|proves?|proof|guarantee\w*|definitely|all)\b",
    re.IGNORECASE,
)
_ZH_STRONG = re.compile(
    r"必须|一定|必然|永远|绝不|从不|唯一|只有|只能|无可避免|注定|将|证明|根本|完全|所有"
)
# openers of connective or rhetorical sentences that carry little content of their own
_EN_FILLER = re.compile(
    r"^(?:of course|this (?:is|isn['’]t)|that['’]s|it['’]s (?:not )?just|but|and|so|in short|"
    r"in other words|still|yet)\b",
    re.IGNORECASE,
)
_ZH_FILLER = re.compile(r"^(?:当然|然而|但是|因此|所以|总之|换句话说|这不仅|这恰恰|不过)")
# An attribution on its own ("乔尔·普拉斯科对《华盛顿邮报》说道。", "Fleischer wrote."): who
# speaks, not what is said; a translation that sets the quote apart leaves these behind.
_ZH_ATTRIBUTION = re.compile(
    r"^[^“”\"「」]{0,30}(?:说|说道|表示|称|指出|补充道|写道|问道|答道|透露)[：:，,。]?$"
)
_EN_ATTRIBUTION = re.compile(
    r"^[^“”\"]{0,60}\b(?:said|says|added|wrote|asked|told [\w' ]{1,40})[.:,]?$", re.IGNORECASE
)
_WORD = re.compile(f"[A-Za-z0-9$%]+|[{HAN_CLASS}]")


def brief(text: str, lang: str) -> bool:
    """A tiny claim ("Remember?", "Uh, what.", 剧情非常温和): no statement of its own."""
    return len(_WORD.findall(text)) < (8 if is_cjk(lang) else 4)


def claim_features(text: str, lang: str, names: int) -> tuple[str, ...]:
    """The editor-relevant marks of a claim: number, money, date, name, assertion, filler."""
    feats: list[str] = []
    qs = extract_numbers(text, lang)
    if any(q.unit not in ("ordinal",) for q in qs):
        feats.append("number")
    if any(is_money(q.unit) for q in qs):
        feats.append("money")
    if any(q.unit in ("year", "month", "time") for q in qs):
        feats.append("date")
    if names:
        feats.append("name")
    cjk = is_cjk(lang)
    if (_ZH_STRONG if cjk else _EN_STRONG).search(text):
        feats.append("assertion")
    short = brief(text, lang)
    attribution = (_ZH_ATTRIBUTION if cjk else _EN_ATTRIBUTION).match(text.strip())
    if attribution:
        feats = [f for f in feats if f != "name"]
    if (_ZH_FILLER if cjk else _EN_FILLER).match(text.strip()) or short or attribution:
        if not {"number", "name"} & set(feats):
            feats.append("filler")
    return tuple(feats)


_WEIGHTS = {"number": 1.0, "money": 0.5, "date": 0.5, "name": 0.6, "assertion": 0.4}


def claim_weight(features: tuple[str, ...]) -> float:
    """1 for a plain claim, more for each mark an editor checks first, less for filler."""
    w = 1.0 + sum(_WEIGHTS.get(f, 0.0) for f in features)
    return round(w * (0.4 if "filler" in features else 1.0), 2)
