"""Split one page that holds English and Chinese into its two sides (``bilingual split``).

The page is cut into blocks at blank lines, each block into lines, each line into words
(runs of non-space characters). A word containing a Han character is Chinese ("AI资讯",
"a疯狂"), one with other letters is English, anything else (scores, dates, symbols) is
neutral. A word is also cut where a sentence ends and the script changes without a space
("yes.AI领域", "参考。Disclaimer"). Consecutive words of one script form a run; neutral
words inside a run belong to it. A short run of the other script between two runs of the
same script, inside one sentence, stays where it is ("fueled by a疯狂 investment",
"由 AI 生成", tag lists). Neutral words that finish a sentence join the run before them;
the rest (a score on its own line, a count after a label) become neutral pieces: reported,
never written to a side, never lost. Every non-whitespace character of the page lies in
exactly one piece.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from bilingual.errors import LanguageError
from bilingual.lang import refuse_japanese_korean, script_counts
from bilingual.lang.script import HAN_CLASS, HAN_WEIGHT, KANA_CLASS
from bilingual.model import Document, Piece, SplitPage
from bilingual.signature import make_signature

__all__ = ["require_mixed_page", "split_page"]

log = logging.getLogger(__name__)

SPLIT_VERSION = "1"
_HAN = re.compile(f"[{HAN_CLASS}{KANA_CLASS}]")  # CJK-script text: Han or kana
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\S+")
_BLOCK_GAP = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"[^\n]+")
# Sentence end (with closing quotes/brackets) inside a word, where the script may change.
_INNER_END = re.compile(r"[.!?。！？…]+[\"'”’)）」』》\]]*")
_TERMINAL_END = re.compile(r"[.!?。！？…][\"'”’)）」』》\]]*$")
_MAX_EMBEDDED_WORDS = 4
_MAX_EMBEDDED_CHARS = 40


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    side: str  # "en", "zh" or "neutral"


@dataclass(frozen=True)
class _Run:
    """Consecutive words ``words[lo:hi]`` given to one side."""

    side: str
    lo: int
    hi: int


def _script(text: str) -> str:
    if _HAN.search(text):
        return "zh"
    if _LETTER.search(text):
        return "en"
    return "neutral"


def _letter_script(ch: str) -> str | None:
    if _HAN.match(ch):
        return "zh"
    if _LETTER.match(ch):
        return "en"
    return None


def _words(text: str, start: int, end: int) -> list[_Word]:
    """The words of ``text[start:end]``, cut where a sentence ends and the script changes."""
    out: list[_Word] = []
    for m in _WORD.finditer(text, start, end):
        ws, we = m.span()
        cut = ws
        for t in _INNER_END.finditer(text, ws, we):
            if t.end() >= we:
                break
            before = next(
                (s for s in map(_letter_script, reversed(text[cut : t.start()])) if s), None
            )
            after = _letter_script(text[t.end()])
            if before and after and before != after:
                out.append(_Word(cut, t.end(), _script(text[cut : t.end()])))
                cut = t.end()
        out.append(_Word(cut, we, _script(text[cut:we])))
    return out


def _ends_sentence(text: str, word: _Word) -> bool:
    return _TERMINAL_END.search(text, word.start, word.end) is not None


def _runs(words: list[_Word]) -> list[_Run]:
    """Group words into runs of one script; neutral words between two runs of one script
    belong to them ("Opus 4.5 and"), other neutral words form runs of their own."""
    runs: list[_Run] = []
    for k, w in enumerate(words):
        if runs and runs[-1].side == w.side:
            runs[-1] = _Run(w.side, runs[-1].lo, k + 1)
        else:
            runs.append(_Run(w.side, k, k + 1))
    merged: list[_Run] = []
    for k, r in enumerate(runs):
        if merged and merged[-1].side == r.side:
            merged[-1] = _Run(r.side, merged[-1].lo, r.hi)
        elif (
            r.side == "neutral"
            and merged
            and k < len(runs) - 1
            and merged[-1].side == runs[k + 1].side
        ):
            merged[-1] = _Run(merged[-1].side, merged[-1].lo, r.hi)
        else:
            merged.append(r)
    return merged


def _embeds(
    text: str, words: list[_Word], host_before: _Run, guest: _Run, host_after: _Run
) -> bool:
    """Whether ``guest`` is a foreign word or phrase inside the sentence around it."""
    guest_words = words[guest.lo : guest.hi]
    if (
        len(guest_words) > _MAX_EMBEDDED_WORDS
        or guest_words[-1].end - guest_words[0].start > _MAX_EMBEDDED_CHARS
    ):
        return False
    if _ends_sentence(text, words[host_before.hi - 1]) or _ends_sentence(text, guest_words[-1]):
        return False
    if host_before.side == "en":
        # English continues the same sentence after the foreign word: "a疯狂 investment".
        return text[words[host_after.lo].start].islower()
    # Inside Chinese: one word ("token"), or names, products and acronyms ("Coding Agents",
    # "Opus 4.5"); a lower-case English phrase ("3h ago") is a label of its own.
    if len(guest_words) == 1:
        return True
    return all(
        not text[w.start].isalpha() or text[w.start].isupper()
        for w in guest_words
        if w.side == "en"
    )


def _absorb_embedded(text: str, words: list[_Word], runs: list[_Run]) -> list[_Run]:
    """Merge host, embedded foreign run and host again into one run of the host's side."""
    out: list[_Run] = []
    for r in runs:
        out.append(r)
        if r.side == "neutral":
            continue
        # At most one neutral run separates two lettered runs, so this looks back <= 5 runs.
        lettered = [
            k for k in range(len(out) - 1, max(-1, len(out) - 6), -1) if out[k].side != "neutral"
        ][:3]
        if len(lettered) < 3:
            continue
        c, b, a = lettered
        ra, rb, rc = out[a], out[b], out[c]
        if ra.side == rc.side != rb.side and _embeds(text, words, ra, rb, rc):
            out[a:] = [_Run(ra.side, ra.lo, rc.hi)]
    return out


def _assign_neutral(text: str, words: list[_Word], runs: list[_Run]) -> list[_Run]:
    """Attach neutral runs that finish a sentence or sit in a one-script line; keep the rest."""
    sides = {r.side for r in runs if r.side != "neutral"}
    if not sides:
        return runs
    if len(sides) == 1:
        # One script on the line: its numbers and symbols are part of it ("Score: 85").
        return [_Run(sides.pop(), runs[0].lo, runs[-1].hi)]
    out: list[_Run] = []
    for k, r in enumerate(runs):
        prev = out[-1] if out else None
        if r.side == "neutral" and prev is not None and prev.side != "neutral":
            at_end = k == len(runs) - 1
            continues = not _ends_sentence(text, words[prev.hi - 1])
            finishes = _ends_sentence(text, words[r.hi - 1])
            if continues and (finishes or not at_end):
                out[-1] = _Run(prev.side, prev.lo, r.hi)
                continue
        if out and out[-1].side == r.side:
            out[-1] = _Run(r.side, out[-1].lo, r.hi)
        else:
            out.append(r)
    return out


def _line_pieces(text: str, start: int, end: int, paragraph: int) -> list[Piece]:
    words = _words(text, start, end)
    if not words:
        return []
    runs = _assign_neutral(text, words, _absorb_embedded(text, words, _runs(words)))
    pieces = []
    for r in runs:
        a, b = words[r.lo].start, words[r.hi - 1].end
        pieces.append(Piece(r.side, a, b, text[a:b], paragraph))
    return pieces


def _blocks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLOCK_GAP.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _side_text(text: str, pieces: list[Piece], side: str) -> str:
    """The pieces of one side: same line joined by a space, lines by newlines, blocks by a
    blank line."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    paragraphs: list[str] = []
    current: list[str] = []
    current_para = -1
    last_line = -1
    for p in pieces:
        if p.side != side:
            continue
        line = bisect.bisect_left(newlines, p.start)
        if p.paragraph != current_para:
            if current:
                paragraphs.append("".join(current))
            current = [p.text]
            current_para = p.paragraph
        else:
            current.append((" " if line == last_line else "\n") + p.text)
        last_line = line
    if current:
        paragraphs.append("".join(current))
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


# A mixed page needs a real share of each language, not two stray characters: each side must
# hold at least this share of the page's text, counting a Han character as HAN_WEIGHT Latin
# letters (bilingual.lang.script: one Han character carries about as much as 3 letters). The
# seed page and data/sample-page.txt have a smaller side of 0.49; an English text naming a
# few Chinese places (华为, 北京 in two sentences: 11 %) stays below.
MIN_SIDE_SHARE = 0.20


def require_mixed_page(page: Document) -> None:
    """Raise LanguageError unless ``page`` holds enough Chinese and enough English text.

    An English-only "page" is most often a forgotten TGT; splitting it would mark every
    sentence as omitted. Each side needs at least :data:`MIN_SIDE_SHARE` of the page's text
    (Han characters weighted by :data:`HAN_WEIGHT` against Latin letters); Japanese and Korean
    are refused.
    """
    text = page.text
    refuse_japanese_korean(text, page.name)
    han, _, _, latin, _ = script_counts(text)
    weighted = HAN_WEIGHT * han + latin
    for count, language in ((HAN_WEIGHT * han, "Chinese"), (float(latin), "English")):
        share = count / weighted if weighted else 0.0
        if share < MIN_SIDE_SHARE:
            held = "no" if not count else f"only {share:.0%}"
            raise LanguageError(
                f"{page.name}: has {held} {language} text (a mixed English/Chinese page needs "
                f"at least {MIN_SIDE_SHARE:.0%} of each), so it is read as one language; give "
                "the translation as a second file (TGT) to align or check a text."
            )


def split_page(page: Document) -> SplitPage:
    """Separate a mixed English/Chinese page into an English and a Chinese Document.

    Paragraph order is kept; paragraphs are separated by blank lines in both outputs.
    Any text is split (one language only gives an empty side); commands call
    :func:`require_mixed_page` first.
    Pieces carry offsets into ``page.text``; neutral pieces are in ``SplitPage.neutral``.
    """
    text = page.text
    pieces: list[Piece] = []
    for b, (bs, be) in enumerate(_blocks(text)):
        for m in _LINE.finditer(text, bs, be):
            pieces.extend(_line_pieces(text, m.start(), m.end(), b))
    en = Document(_side_text(text, pieces, "en"), "en", f"{page.name}#en")
    zh = Document(_side_text(text, pieces, "zh"), "zh", f"{page.name}#zh")
    n_neutral = sum(1 for p in pieces if p.side == "neutral")
    log.debug("%s: %d pieces, %d neutral", page.name, len(pieces), n_neutral)
    return SplitPage(
        page=page,
        pieces=tuple(pieces),
        en=en,
        zh=zh,
        signature=make_signature(seg=f"split{SPLIT_VERSION}", level="line+clause"),
    )
