"""Rewritten passages: two one-sided paragraphs that are one passage told differently.

A version written separately often keeps a passage where it stood but says it in its own
words: claim by claim the encoder and the lexicon find no counterpart on either side, so both
paragraphs read as one-sided, yet they are about the same thing (the seed page's English
conclusion, "It's a stratified market…", and the Chinese 它预示着一个日益割裂的未来…). An editor
needs one finding there ("EN ¶10 and ZH ¶9 say this differently"), not two paragraphs that
each side supposedly lacks.

The rule is structural and pure: a one-sided paragraph of each side, standing in the same gap
between paragraphs the two sides share (a *link*: a claim of one that the other says, neither
paragraph one-sided), whose texts the encoder finds near as wholes (cosine at least
``REWRITE_SIMILARITY``). Pairs are taken one to one, nearest first.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bilingual.model import Claim, RewrittenPair, Segmentation

# Paragraph cosine from which two one-sided paragraphs in the same gap are one passage told
# differently. Fitted on the dev halves of the generated pairs with rewritten paragraphs
# (``bench_comparable.py --rewrites --rewrite-sweep``, seeds 21-23, and ``--paragraphs
# --rewrites`` for seed 21; BENCHMARKS.md, issue 21, sixth round): the most rewrites paired
# among levels where no dev set loses precision (warning+error) or one-sided paragraph recall.
# 0.3 merges real one-sided paragraphs (recall .970 -> .921); 0.35-0.5 lose dev precision on
# seed 23 (.954 -> .952); 0.55 loses nothing and pairs 1 of the 10 dev rewrites that read
# as one-sided on both sides (of 102: the claim level reads most rewrites claim by claim).
# Weak support (the lead's review): one dev positive, and a .002 precision step decides
# against the lower levels; the seed page's EN ¶10 / ZH ¶9 sits at .558, not-counterpart
# pairs there at .526 and .570. A paraphrase set with real rewrites would fit it properly.
REWRITE_SIMILARITY = 0.55


def paragraph_links(
    src_claims: Sequence[Claim],
    tgt_claims: Sequence[Claim],
    src: Segmentation,
    tgt: Segmentation,
    said: float,
    one_sided: tuple[Collection[int], Collection[int]],
) -> set[tuple[int, int]]:
    """(source paragraph, target paragraph) pairs that share a claim: a claim of one with
    support at least ``said`` whose support lies in the other, neither paragraph one-sided."""
    links: set[tuple[int, int]] = set()
    for claims, other, mine, theirs, forward in (
        (src_claims, tgt, one_sided[0], one_sided[1], True),
        (tgt_claims, src, one_sided[1], one_sided[0], False),
    ):
        for c in claims:
            if c.support < said or c.paragraph in mine:
                continue
            for i in c.support_ids:
                q = other.segments[i].paragraph
                if q not in theirs:
                    links.add((c.paragraph, q) if forward else (q, c.paragraph))
    return links


def _around(p: int, linked: Collection[int]) -> tuple[int | None, int | None]:
    """The nearest linked paragraph before and after ``p`` (None: the document's edge)."""
    before = max((x for x in linked if x < p), default=None)
    after = min((x for x in linked if x > p), default=None)
    return before, after


def same_gap(
    src_one_sided: Sequence[int], tgt_one_sided: Sequence[int], links: Collection[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Pairs of one-sided paragraphs (source, target) in the same gap: the linked paragraphs
    before them are linked with each other (or both are at the document's start), or those
    after them are (or both at the end). Either end suffices: a version that moves other
    passages around still keeps a rewritten one next to what it followed or preceded."""
    src_linked = {a for a, _ in links}
    tgt_linked = {b for _, b in links}
    out = []
    for a in src_one_sided:
        a_before, a_after = _around(a, src_linked)
        for b in tgt_one_sided:
            b_before, b_after = _around(b, tgt_linked)
            before = (a_before, b_before) in links or (a_before is None and b_before is None)
            after = (a_after, b_after) in links or (a_after is None and b_after is None)
            if before or after:
                out.append((a, b))
    return out


def pick_rewritten(
    candidates: Sequence[tuple[int, int, float]], level: float | None = None
) -> tuple[RewrittenPair, ...]:
    """One to one, nearest first: each (source paragraph, target paragraph, cosine) with
    cosine at least ``level`` (default ``REWRITE_SIMILARITY``) whose paragraphs are free."""
    floor = REWRITE_SIMILARITY if level is None else level
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    out = []
    for a, b, sim in sorted(candidates, key=lambda x: (-x[2], x[0], x[1])):
        if sim < floor or a in used_src or b in used_tgt:
            continue
        used_src.add(a)
        used_tgt.add(b)
        out.append(RewrittenPair(a, b, round(sim, 3)))
    return tuple(sorted(out, key=lambda x: (x.src, x.tgt)))
