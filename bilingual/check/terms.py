"""Terms rendered differently across the document: against a glossary, or learned from it.

A glossary (``bilingual.formats.terms``) lists required renderings. Without one, names are
followed through the document (found as in the name check) and a bead that renders a name
differently from the document's usual rendering is reported as information.
"""

from __future__ import annotations

import re
from collections import Counter

from bilingual.check.context import CheckContext, finding, is_cjk
from bilingual.check.names import english_names, find_in_chinese
from bilingual.formats.terms import Glossary
from bilingual.lang.language import Transliteration
from bilingual.lang.pair import pair_sides
from bilingual.model import Evidence, Finding


def _contains_term(en_text: str, term: str) -> bool:
    return (
        re.search(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", en_text, re.IGNORECASE)
        is not None
    )


def _against_glossary(ctx: CheckContext, glossary: Glossary) -> list[Finding]:
    sides = pair_sides(ctx.src_lang, ctx.tgt_lang)
    out: list[Finding] = []
    for v in ctx.beads:
        if not v.is_pair:
            continue
        en, zh = sides.latin_chinese(v.src_text, v.tgt_text)
        for e in glossary.entries:
            if _contains_term(en, e.en) and not any(z in zh for z in e.zh):
                out.append(
                    finding(
                        v,
                        "term_inconsistency",
                        "warning",
                        f"“{e.en}” should be rendered as {' or '.join(e.zh)} (glossary)",
                        [
                            Evidence(
                                "glossary_term",
                                src=sides.src_of((e.en,), e.zh),
                                tgt=sides.tgt_of((e.en,), e.zh),
                            )
                        ],
                    )
                )
    return out


def _rendering(name: str, zh: str, translit: Transliteration) -> str:
    m = find_in_chinese(name, zh)
    if m.how in ("", "latin"):
        return ""
    if m.how == "pinyin":
        # Snap to the whole transliteration run so one name yields one rendering.
        for a, b in translit.runs(zh):
            if a <= m.start < b:
                return zh[a:b].strip("·")
    return zh[m.start : m.end]


def _learned(ctx: CheckContext) -> list[Finding]:
    sides = pair_sides(ctx.src_lang, ctx.tgt_lang)
    translit = sides.chinese_lang.transliterator()  # how the Chinese side writes names by sound
    seen: dict[str, list[tuple[int, str]]] = {}
    for k, v in enumerate(ctx.beads):
        if not v.is_pair:
            continue
        en, zh = sides.latin_chinese(v.src_text, v.tgt_text)
        for name, _, _ in english_names(en):
            r = _rendering(name, zh, translit)
            if r:
                seen.setdefault(name.split(" ")[0], []).append((k, r))
    out: list[Finding] = []
    for name, uses in seen.items():
        if len(uses) < 3:
            continue
        counts = Counter(r for _, r in uses)
        usual, n_usual = counts.most_common(1)[0]
        if n_usual / len(uses) < 0.75:
            continue
        for k, r in uses:
            # A variant used more than rarely is a second term (中国 / 中华人民共和国 for
            # "China"), not an inconsistency.
            if r in usual or usual in r or counts[r] > max(1, len(uses) // 10):
                continue
            v = ctx.beads[k]
            out.append(
                finding(
                    v,
                    "term_inconsistency",
                    "info",
                    f"“{name}” is rendered {r} here but {usual} in {n_usual} other places",
                    [
                        Evidence(
                            "renderings",
                            src=sides.src_of((name,), (usual, r)),
                            tgt=sides.tgt_of((name,), (usual, r)),
                            value=float(n_usual),
                        )
                    ],
                )
            )
    return out


def term_inconsistency(ctx: CheckContext, glossary: Glossary | None) -> list[Finding]:
    """Glossary violations, or (without a glossary) names rendered inconsistently."""
    if is_cjk(ctx.src_lang) == is_cjk(ctx.tgt_lang):
        return []
    return _against_glossary(ctx, glossary) if glossary is not None else _learned(ctx)
