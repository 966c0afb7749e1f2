"""Whether an unpaired sentence belongs to a neighbouring bead's translation.

A faithful translation often splits one source sentence in two (the Chinese Union Version's
事就这样成了 "and it was so" stands as its own sentence after the verse it ends). When the
aligner leaves that half as a 0:1 bead, the text is not added content: merged back into the
neighbouring pair, that pair reads at least as well as without it, and the pair's other side
says most of its words. An unrelated inserted sentence fails one of the two.

Only the few 1:0 / 0:1 beads are tested, so the extra encoding is a handful of texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.check.context import BeadView, CheckContext, is_cjk, joiner
from bilingual.check.partial import MOVED_COVERAGE, _moved
from bilingual.model import Evidence


@dataclass(frozen=True)
class NeighbourCover:
    """The neighbouring pair that an unpaired sentence completes and what says so: the
    similarity of that pair without and with the sentence merged into it, and the share of
    the sentence's words that the pair's other side says (dictionary coverage)."""

    bead: int
    without: float
    with_it: float
    word_coverage: float

    def evidence(self) -> tuple[Evidence, ...]:
        return (
            Evidence("neighbour_bead", value=float(self.bead)),
            Evidence("neighbour_similarity_without_it", value=self.without),
            Evidence("neighbour_similarity_with_it", value=self.with_it),
            Evidence("neighbour_word_coverage", value=self.word_coverage),
        )

    def describe(self) -> str:
        return (
            f"it completes the neighbouring pair (similarity {self.without:.2f} without it, "
            f"{self.with_it:.2f} with it; {self.word_coverage:.0%} of its words said there)"
        )


def _run_to_pair(views: Sequence[BeadView], k: int, step: int, side: str) -> tuple[int, list[int]]:
    """The first pair from ``k`` in direction ``step`` and the beads of only ``side`` passed on
    the way (a verse split in three leaves two halves next to each other), or (-1, [])."""
    run = [k]
    j = k + step
    while 0 <= j < len(views):
        v = views[j]
        if v.is_pair:
            return j, sorted(run)
        if not (v.bead.src if side == "src" else v.bead.tgt):
            break
        run.append(j)
        j += step
    return -1, []


def _cover_texts(
    ctx: CheckContext, views: Sequence[BeadView], k: int, side: str
) -> tuple[list[str], list[int]]:
    """The texts :func:`neighbour_cover` compares for ``views[k]`` (other side, own side and
    own side with the sentence merged in, per neighbouring pair) and those pairs' positions."""
    sep = joiner(ctx.src_lang if side == "src" else ctx.tgt_lang)

    def text_of(v: BeadView) -> str:
        return v.src_text if side == "src" else v.tgt_text

    texts: list[str] = []
    cands: list[int] = []
    for step in (-1, 1):
        j, run = _run_to_pair(views, k, step, side)
        if j < 0:
            continue
        n = views[j]
        own = text_of(n)
        other = n.tgt_text if side == "src" else n.src_text
        # Keep reading order: the run follows the pair before it and precedes the next.
        merged = sep.join(
            [own] + [text_of(views[i]) for i in run]
            if j < k
            else [text_of(views[i]) for i in run] + [own]
        )
        texts.extend((other, own, merged))
        cands.append(j)
    return texts, cands


def prefetch_covers(
    ctx: CheckContext, views: Sequence[BeadView], ks: Sequence[int], side: str
) -> None:
    """Encode, in one call, every text :func:`neighbour_cover` will ask for beads ``ks``.

    A pass of the encoder has one fixed shape (``bilingual.encode.use``), so one call per
    unpaired sentence paid a whole pass for three texts (a quarter of a Bible check); the
    vectors land in the process cache, and are the same as those of separate calls.
    """
    if ctx.config.encoder is None or not ks:
        return
    ctx.encode([t for k in ks for t in _cover_texts(ctx, views, k, side)[0]])


def neighbour_cover(
    ctx: CheckContext, views: Sequence[BeadView], k: int, side: str
) -> NeighbourCover | None:
    """The neighbouring pair of ``views[k]`` (a bead with only ``side``) that the bead's text
    belongs to, the better of the two, or None.

    It belongs to a pair when the pair's similarity does not drop with the text merged into
    it (in reading order, with any other unpaired beads between them) and the pair's
    other side says at least ``MOVED_COVERAGE`` of its words (the dictionary test the partial
    check uses for clauses moved across a bead border). ``side`` is ``"src"`` for a 1:0 bead
    (omission) and ``"tgt"`` for 0:1 (addition).
    """
    if ctx.config.encoder is None:
        return None
    lang = ctx.src_lang if side == "src" else ctx.tgt_lang
    other_lang = ctx.tgt_lang if side == "src" else ctx.src_lang
    mine = views[k].src_text if side == "src" else views[k].tgt_text
    cross = is_cjk(lang) != is_cjk(other_lang)
    texts, cands = _cover_texts(ctx, views, k, side)
    if not cands:
        return None
    vectors = ctx.encode(texts)
    if vectors is None:
        return None
    best: NeighbourCover | None = None
    for pos, j in enumerate(cands):
        other_vec, own_vec, merged_vec = vectors[3 * pos : 3 * pos + 3]
        without, with_it = float(own_vec @ other_vec), float(merged_vec @ other_vec)
        # The dictionary test pairs an English side with a Chinese one.
        words = _moved(mine, lang, texts[3 * pos], other_lang) if cross else 0.0
        # Both tests: merged into a long pair, any short sentence barely moves the pair's
        # similarity, so that test alone passes unrelated inserted sentences (bench_drift
        # insert recall .987 -> .907); the words say which pair it belongs to.
        if with_it < without or words < MOVED_COVERAGE:
            continue
        cover = NeighbourCover(views[j].index, without, with_it, words)
        if best is None or (with_it - without, words) > (
            best.with_it - best.without,
            best.word_coverage,
        ):
            best = cover
    return best
