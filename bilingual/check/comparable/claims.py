"""Claims: the sentences of one side, cut into clauses where a sentence carries several.

A claim is the unit an editor compares: "the developer … won't switch to a free model" and
"their incentive is misaligned with procurement's" are two statements even when one sentence
holds both. Cuts are made only where a clause boundary is unambiguous (a semicolon, a colon or
dash between two full statements, a comma before a contrastive conjunction) and both halves
are long enough to be judged on their own, so a short sentence stays one claim. A headline
the segmenter ran into the sentence after it (a line with no end punctuation, then a line
starting a new statement) is a claim of its own whatever its size: a version that drops the
headline but keeps its lede says less, and the lede alone would hide that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilingual.lang import get as get_language
from bilingual.lang import is_cjk
from bilingual.lang.script import han_count
from bilingual.model import Segmentation

# Where an English sentence may hold two statements: ";" or ":" before a new clause (an em
# dash is mostly an aside), and ", but/while/whereas/yet" (contrast links two claims).
_EN_CUT = re.compile(r"\s*[;:]\s+|,\s+(?=(?:but|while|whereas|yet)\s)")
# Chinese: semicolons and colons (full or half width), a dash pair, and a comma before a
# contrast (但/而/然而/却/只不过/另一方面) or an escalation (甚至).
# Never a colon between digits (a clock time, a score: 12:00, 31:27) or 而且 ("and also").
_ZH_CUT = re.compile(
    r"[；;]|(?<!\d)[：:](?!\d)|——|[，,](?=(?:但是?|然而|而(?!且)|却|只不过|另一方面|甚至))"
)
# Each half of a cut must carry at least this much: English words / Han characters.
MIN_EN_WORDS = 6
MIN_ZH_CHARS = 10
_WORD = re.compile(r"[A-Za-z0-9$€£¥%’'-]+")
# A headline-like line: no end or clause punctuation at its end (a hard-wrapped line often
# ends in a comma or a hyphen) and the next line opens a statement (a capital, a digit, a
# quote, or Chinese text).
_LINE_BREAK = re.compile(
    r"(?<![.!?。！？…,，;；:：、\-–—(（])[^\S\n]*\n\s*(?=[A-Z0-9\"“‘'$]|[^\x00-\u2fff])"
)
# a headline is short: a longer line is wrapped prose
MAX_HEADLINE_EN_WORDS = 20
MAX_HEADLINE_ZH_CHARS = 40


@dataclass(frozen=True)
class ClaimSpan:
    """A claim before it is scored: sentence ``segment`` of one side, ``text[start:end]``."""

    segment: int
    paragraph: int
    start: int
    end: int
    text: str


def _size(text: str, cjk: bool) -> int:
    if cjk:
        return han_count(text) + len(_WORD.findall(text))
    return len(_WORD.findall(text))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",，、—-"):
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def headline_cuts(text: str, lang: str) -> list[tuple[int, int]]:
    """The line break (start, end) of ``text`` that ends a headline-like first line: short, with
    no end punctuation, and the next line opens a statement.

    Only the first line can be a headline (a heading run into its lede). Hard-wrapped prose also
    breaks lines without punctuation before a capital ("…of London and\nParis went…"): an
    English line ending in a function word ("and", "of") is never a headline.
    """
    cjk = is_cjk(lang)
    most = MAX_HEADLINE_ZH_CHARS if cjk else MAX_HEADLINE_EN_WORDS
    m = _LINE_BREAK.search(text)
    if m is None or m.end() >= len(text):
        return []
    first = text[: m.start()]
    if "\n" in first or not 1 <= _size(first, cjk) <= most:
        return []
    if not cjk:
        words = _WORD.findall(first)
        if words and words[-1].lower() in get_language(lang).stop_words:
            return []
    return [(m.start(), m.end())]


def split_sentence(text: str, lang: str) -> list[tuple[int, int]]:
    """The claim spans of one sentence (offsets into ``text``); the whole when no cut holds."""
    spans: list[tuple[int, int]] = []
    a = 0
    for s, e in headline_cuts(text, lang):
        spans.append(_trim(text, a, s))
        a = e
    spans += [(a + x, a + y) for x, y in _split_clauses(text[a:], lang)]
    return [(s, e) for s, e in spans if e > s]


def _split_clauses(text: str, lang: str) -> list[tuple[int, int]]:
    cjk = is_cjk(lang)
    least = MIN_ZH_CHARS if cjk else MIN_EN_WORDS
    cuts = [m for m in (_ZH_CUT if cjk else _EN_CUT).finditer(text)]
    spans: list[tuple[int, int]] = []
    a = 0
    for m in cuts:
        # the cut holds when the piece before it and the rest after it are both full claims
        if _size(text[a : m.start()], cjk) >= least and _size(text[m.end() :], cjk) >= least:
            spans.append(_trim(text, a, m.start()))
            a = m.end()
    spans.append(_trim(text, a, len(text)))
    # a cut before a colon keeps the colon out of both halves; drop empty leftovers
    return [(s, e) for s, e in spans if e > s]


def claim_spans(seg: Segmentation) -> list[ClaimSpan]:
    """Every claim of one side in document order."""
    out: list[ClaimSpan] = []
    lang = seg.document.lang
    cjk = is_cjk(lang)
    for s in seg.segments:
        for a, b in split_sentence(s.text, lang):
            # a stray quote mark or bullet the segmenter left alone says nothing
            if _size(s.text[a:b], cjk) >= 1:
                out.append(ClaimSpan(s.index, s.paragraph, a, b, s.text[a:b]))
    return out
