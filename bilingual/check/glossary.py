"""Term bases: required, forbidden and do-not-translate terms (read by
``bilingual.formats.terms`` from TBX or from TSV/CSV lines).

What each status asks of a translation (checked in :func:`termbase_findings`):

- *preferred/admitted* renderings: the existing glossary check (``term_inconsistency``) says
  when a bead has the term but none of them;
- *forbidden* renderings (TBX ``deprecatedTerm``/``supersededTerm``, status ``forbidden``):
  a target that uses one is a ``forbidden_term`` error, naming the preferred rendering;
- *do-not-translate* terms (a TBX entry whose Chinese term is the English one, a note saying
  "do not translate", status ``dnt``): a bead whose source has the term and whose target does
  not keep it verbatim is a ``term_inconsistency`` warning.

"""

from __future__ import annotations

import re

from bilingual.check.context import CheckContext, finding
from bilingual.formats.terms import TermBase
from bilingual.lang.pair import pair_sides
from bilingual.lang.script import is_cjk_text
from bilingual.model import Evidence, Finding

__all__ = ["termbase_findings"]


def _has(text: str, term: str) -> bool:
    if is_cjk_text(term):
        return term in text
    pattern = rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def termbase_findings(ctx: CheckContext, termbase: TermBase) -> list[Finding]:
    """Forbidden renderings used, and do-not-translate terms translated."""
    sides = pair_sides(ctx.src_lang, ctx.tgt_lang)
    out: list[Finding] = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        en, zh = sides.latin_chinese(v.src_text, v.tgt_text)
        for r in termbase.rules:
            has_term = _has(en, r.en)
            used = [z for z in r.forbidden if z in zh]
            if used:
                instead = f"; use {' or '.join(r.zh)}" if r.zh else ""
                where = f" for “{r.en}”" if has_term else ""
                out.append(
                    finding(
                        v,
                        "forbidden_term",
                        "error",
                        f"forbidden rendering {', '.join(used)}{where}{instead} (term base)",
                        [Evidence("forbidden_term", (r.en,), tuple(used))],
                    )
                )
            if r.keep and has_term and not _has(zh, r.en):
                out.append(
                    finding(
                        v,
                        "term_inconsistency",
                        "warning",
                        f"“{r.en}” is not to be translated but the Chinese side does not keep "
                        "it (term base)",
                        [Evidence("do_not_translate", (r.en,), ())],
                    )
                )
    return out
