"""Target text left in the source language, or copied from the source."""

from __future__ import annotations

import difflib
import re

from bilingual.check.context import BeadView, CheckContext, finding, is_cjk, short
from bilingual.check.script import HAN_RUN, han_count, latin_count
from bilingual.lang.script import HAN_WEIGHT
from bilingual.model import Evidence, Finding

_LATIN_RUN = re.compile(
    r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ \t,;:.!?\"“”'()\-–—]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_SQUASH = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", text).lower()


def copy_ratio(src: str, tgt: str) -> float:
    """How much of ``tgt`` is ``src`` verbatim (difflib ratio on letters and digits)."""
    a, b = _squash(src), _squash(tgt)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# small words a name in title case keeps in lower case (Citizens for Responsibility and Ethics)
_NAME_GLUE = frozenset({"a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to", "upon"})


def _kept_name(run: str, src: str) -> bool:
    """Whether ``run`` is a name in title case written as the source writes it (Newport on the
    Levee): Chinese news keeps such names in the Latin script; left-over sentence text has
    lower-case words."""
    words = _WORD.findall(run)
    if not words or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    if not all(w[0].isupper() or w.lower() in _NAME_GLUE for w in words):
        return False
    return " ".join(words) in " ".join(_WORD.findall(src))


def _longest_latin_run(text: str) -> str:
    runs = [m.group(0) for m in _LATIN_RUN.finditer(text)]
    return max(runs, key=lambda r: len(_WORD.findall(r)), default="")


def _check(ctx: CheckContext, v: BeadView) -> Finding | None:
    cfg = ctx.config
    src, tgt = v.src_text, v.tgt_text
    if v.bead.src:
        ratio = copy_ratio(src, tgt)
        if ratio >= 0.9 and len(_squash(tgt)) >= 4:
            # Short copies are mostly names, numbers and codes that stay as they are.
            substantial = (
                len(_WORD.findall(tgt)) >= cfg.untranslated_words
                or han_count(tgt) >= cfg.untranslated_han
            )
            return finding(
                v,
                "untranslated",
                "error" if substantial else "info",
                f"target copies the source: “{short(tgt)}”",
                [Evidence("copy_ratio", value=ratio)],
            )
    if is_cjk(ctx.tgt_lang) and not is_cjk(ctx.src_lang):
        run = _longest_latin_run(tgt)
        words = _WORD.findall(run)
        latin, han = latin_count(tgt), han_count(tgt)
        share = latin / max(latin + HAN_WEIGHT * han, 1)
        if len(words) >= cfg.untranslated_words:
            src_words = {w.lower() for w in _WORD.findall(src)}
            known = sum(1 for w in words if w.lower() in src_words) / len(words)
            if share >= 0.6:
                return finding(
                    v,
                    "untranslated",
                    "error",
                    f"target is in {ctx.src_lang}, not {ctx.tgt_lang}: “{short(tgt)}”",
                    [
                        Evidence("source_script_share", value=share),
                        Evidence("untranslated_run", tgt=(run,)),
                    ],
                )
            if known >= 0.75 or not v.bead.src:
                kept = bool(v.bead.src) and _kept_name(run, src)
                return finding(
                    v,
                    "untranslated",
                    "info" if kept else "warning" if share < 0.3 else "error",
                    f"part of the target is left in {ctx.src_lang}: “{short(run)}”"
                    + (" (a name in title case, as the source writes it)" if kept else ""),
                    [
                        Evidence("source_script_share", value=share),
                        Evidence("untranslated_run", tgt=(run,)),
                        Evidence("words_found_in_source", value=known),
                    ],
                )
    if is_cjk(ctx.src_lang) and not is_cjk(ctx.tgt_lang):
        runs = HAN_RUN.findall(tgt)
        longest = max(runs, key=len, default="")
        if len(longest) >= cfg.untranslated_han:
            han, latin = han_count(tgt), latin_count(tgt)
            share = HAN_WEIGHT * han / max(latin + HAN_WEIGHT * han, 1)
            return finding(
                v,
                "untranslated",
                "error" if share >= 0.6 else "warning",
                f"{'target is' if share >= 0.6 else 'part of the target is left'} in "
                f"{ctx.src_lang}: “{short(longest)}”",
                [
                    Evidence("source_script_share", value=share),
                    Evidence("untranslated_run", tgt=(longest,)),
                ],
            )
    return None


def untranslated(ctx: CheckContext) -> list[Finding]:
    """Targets that copy the source or hold runs of source-language text."""
    out = []
    for v in ctx.beads:
        if v.bead.tgt:
            f = _check(ctx, v)
            if f is not None:
                out.append(f)
    return out
