"""Sentence-boundary rules over plain text: pure functions returning where sentences start.

Each function takes one paragraph and returns the offsets of the first character of every
sentence after the first. The spaCy components in :mod:`bilingual.segment.pipeline` turn these
offsets into token boundaries; keeping the rules on text makes them fast (one regex scan,
a few checks per candidate) and testable without spaCy.
"""

from __future__ import annotations

import re

from bilingual.lang.abbreviations import ENGLISH, AbbreviationTable, table_for
from bilingual.lang.script import CJK_PUNCT_CLASS, FULLWIDTH_CLASS, HAN_CLASS

# CJK punctuation, ideographs and full-width forms: a sentence may start right after a
# terminal with no space in between when the next character is one of these.
_CJK = CJK_PUNCT_CLASS + HAN_CLASS + FULLWIDTH_CLASS
CLOSERS = "\"'”’)]}»」』）》〉】〕"
_CLOSERS_RE = re.escape(CLOSERS)
# Marks after which no new sentence starts even when a terminal precedes them.
_CLAUSE = frozenset("，、；：,;:)]}」』）》〉】〕”’")

# Terminal run, closing quotes/brackets (French may put a space before »), then a space,
# the end, or a CJK character.
_LATIN_CANDIDATE = re.compile(rf"([.!?…]+)((?:[{_CLOSERS_RE}]|[ \u00a0\u202f]»)*)(?=\s|$|[{_CJK}])")
_ZH_CANDIDATE = re.compile(rf"([。！？!?]+|(?<![.\d])\.(?![.\d]))((?:[{_CLOSERS_RE}])*)")
_NONSPACE = re.compile(r"\S")
_WORD_BEFORE = re.compile(rf"[^\s(\[{{\"'“‘«<—–{_CJK}]+$")
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([^\W\d_]+)")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _period_ends_sentence(
    text: str, dot: int, nxt: int, table: AbbreviationTable, *, han_follows: bool = False
) -> bool:
    """Decide whether the ``.`` at ``dot`` ends a sentence whose successor starts at ``nxt``."""
    wm = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if wm is None:
        return True
    raw = wm.group().lstrip("-*_")
    word = raw.lower()
    if not word:
        return True
    if word in table.never_final:
        return False
    next_is_digit = text[nxt].isdigit()
    if next_is_digit and (word in table.before_number or word in table.months):
        return False
    if word.isdigit():
        # "1. Introduction" opens a paragraph as a list number, not a one-word sentence.
        if not text[: wm.start()].strip():
            return False
        nw = _NEXT_WORD.match(text, nxt)
        # German ordinals: "am 3. Oktober".
        return not (nw is not None and nw.group(1).lower() in table.months)
    if han_follows:
        # Inside Chinese, an abbreviation or initial glued to the next word never ends it.
        return not (word in table.maybe_final or _INITIALS.fullmatch(word) or len(word) == 1)
    single_initial = len(raw) == 1 and raw.isupper()
    if word in table.maybe_final or _INITIALS.fullmatch(word) or single_initial:
        nw = _NEXT_WORD.match(text, nxt)
        return nw is not None and nw.group(1).lower() in table.openers
    return True


def latin_boundaries(text: str, table: AbbreviationTable = ENGLISH) -> list[int]:
    """Sentence starts in English (or another Latin-script language given its ``table``)."""
    out: list[int] = []
    for m in _LATIN_CANDIDATE.finditer(text):
        nm = _NONSPACE.search(text, m.end())
        if nm is None:
            break
        b = nm.start()
        c = text[b]
        # A lower-case word or a clause mark continues the sentence: "Why?" he asked.
        if c.islower() or c in _CLAUSE:
            continue
        if (
            m.group(1) == "."
            and not m.group(2)
            and not _period_ends_sentence(text, m.start(), b, table)
        ):
            continue
        out.append(b)
    return out


def english_boundaries(text: str) -> list[int]:
    """Sentence starts in English text."""
    return latin_boundaries(text, ENGLISH)


_REVERSED = frozenset("“‘")  # opening quotes


def _closes_reversed(text: str, at: int) -> bool:
    """Whether the opening quote at ``at`` (right after a terminal) is a closing one typed the
    wrong way round: nothing but spaces follows it on its line, and an opening quote opens
    the text after it. NTREX's Chinese references end quoted lines so (“...会客室。“)."""
    eol = text.find("\n", at)
    return not text[at + 1 : len(text) if eol < 0 else eol].strip()


def chinese_boundaries(text: str) -> list[int]:
    """Sentence starts in Chinese text (。！？ and ASCII ?!., with closing quotes and brackets).

    A closing quote or bracket after the terminal belongs to the sentence it ends; narration
    after quoted speech (他说：“走。”然后就走了。) starts a new one. ，and ；never end one.
    English abbreviations, initials, decimals and version numbers inside Chinese never do.
    """
    out: list[int] = []
    n = len(text)
    last = 0
    for m in _ZH_CANDIDATE.finditer(text):
        e = m.end()
        closers = m.group(2)
        for q in "\"'":
            k = closers.find(q)
            # An ASCII quote closes only an open quotation; otherwise it opens the next one
            # (他走了。"你好"她说。) and the sentence ends before it.
            # At a line's end it opens nothing: it closes a quotation begun on an earlier line.
            if (
                k >= 0
                and text.count(q, last, m.start(2)) % 2 == 0
                and not _closes_reversed(text, m.start(2) + k)
            ):
                e = m.start(2) + k
                closers = closers[:k]
        nm = _NONSPACE.search(text, e)
        if nm is None:
            break
        b = nm.start()
        c = text[b]
        if c in _REVERSED and _closes_reversed(text, b):
            # 他说：“下雨了。“ at the end of a line: a closing quote typed the wrong way round
            # belongs to the sentence it closes; it is no sentence of its own.
            nm = _NONSPACE.search(text, b + 1)
            if nm is None:
                break
            b = nm.start()
            c = text[b]
        if c in _CLAUSE:
            continue
        term = m.group(1)
        if not closers and e == b and c.isascii() and c.isalnum() and term[-1] in ".!?":
            # "a.b", "?x=1", "Yahoo!Japan": part of a name, URL or file name.
            continue
        if term == "." and not closers:
            if b > e and c.islower():
                continue
            han_follows = b == e and e < n and not c.isascii()
            if not _period_ends_sentence(text, m.start(), b, ENGLISH, han_follows=han_follows):
                continue
        out.append(b)
        last = b
    return out


def boundaries_for(lang: str, text: str) -> list[int]:
    """Sentence starts of ``text`` by the rules of ``lang`` (``zh`` or a Latin-script code)."""
    if lang == "zh":
        return chinese_boundaries(text)
    return latin_boundaries(text, table_for(lang))
