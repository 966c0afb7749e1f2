"""Parameters of the aligner, as one frozen dataclass recorded in every output's signature.

The weights were set on development data only (Text+Berg 001–003 and the first Bible chapters;
see bench/bench_align.py and BENCHMARKS.md); nothing was tuned on the documents reported as test.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bilingual.lang import base_code
from bilingual.signature import describe_fields


@dataclass(frozen=True)
class AlignConfig:
    """How beads are formed and scored.

    Beads hold up to ``max_src`` source and ``max_tgt`` target segments with at most
    ``max_total`` in all, plus omissions 1:0 / 0:1. The bead cost to minimise is
    ``-sim + len_weight * length_cost + merge_penalty * (a + b - 2)`` where
    ``sim = sem_weight * cos_sem + lex_weight * cos_lex - hub_weight * hubness`` after the
    per-document normalisation (0 = a typical unrelated pair, 1 = a typical match), and an
    omission costs ``skip_cost``. Each bead scores its similarity once whatever its size, so
    the DP merges segments only when that clearly raises the similarity.
    """

    # Up to 6 segments on a side (7 in all): the Bible gold holds 1:5 to 1:8 verse beads,
    # which a 1–4 limit must split (dev F1 +0.002 on Bible 0–2000, +0.005 on Text+Berg 001–003).
    max_src: int = 6
    max_tgt: int = 6
    max_total: int = 7
    sem_weight: float = 1.0
    # The lexical channel is strong where a dictionary links the languages (zh–en through
    # CC-CEDICT) and weak where it only matches word prefixes (de–fr): separate weights.
    lex_weight: float = 0.25
    lex_weight_cognate: float = 0.0
    hub_weight: float = 1.0
    len_weight: float = 0.1
    merge_penalty: float = 0.0
    # A merged bead whose semantic cosine is lower (by part_margin) than that of the same bead
    # without one of its edge members, where that member's normalised cosine with the other
    # window is below part_floor, pays part_weight x the member's skip cost: a segment with no
    # counterpart must not hide in its neighbour's bead (issue 19; 0 turns this off).
    part_weight: float = 0.0
    part_margin: float = 0.0
    part_floor: float = 10.0
    # Paragraphs: an unrelated paragraph merged into its neighbour dilutes the window cosine
    # by less than an omission costs, so merging it would hide the omission the drift checks
    # must see; each extra paragraph in a bead pays this much more (a design choice: no
    # paragraph-level development gold was used to set it).
    paragraph_merge_penalty: float = 0.25
    skip_cost: float = 1.0
    # Omitting a fragment of a few characters (OCR debris, a stray label) costs less: the
    # skip cost is scaled by 1 - exp(-chars / skip_short_chars) (0 turns this off).
    skip_short_chars: float = 0.0
    # Omitting a segment whose best match in the band is poor costs less: the skip cost is
    # scaled by 1 - w + w * q, q in [0, 1] the segment's best normalised similarity (0 = off).
    skip_match_weight: float = 1.0
    # Multiplies the Gale–Church variance of bilingual.encode.length (2.5 x the document's
    # length ratio, measured on gold): the DP wants a flatter length cost than the maximum-
    # likelihood one, since real length differences are heavy-tailed.
    len_variance_scale: float = 2.72
    use_lexical: bool = True
    use_length: bool = True
    use_semantic: bool = True
    # Banding: problems above max_full_cells lattice cells are first solved on a copy
    # coarsened coarsen_factor times (recursively), then refined in a band of band_radius
    # cells around the projected coarse path.
    max_full_cells: int = 250_000
    coarsen_factor: int = 4
    band_radius: int = 8
    hub_k: int = 4
    # Bead scorer: "learned" (the model shipped in models/bead_scorer.json,
    # bilingual.align.scorer) or "hand" (the weighted sum above). "learned" is the default since
    # issue 19: strict F1 equal or higher on every dev set (BENCHMARKS.md), and the number
    # findings no longer depend on bead size, so its 4:3 seed-page bead keeps them.
    scorer: str = "learned"
    # Bead.score reads each bead's posterior marginal under the lattice's Gibbs distribution
    # P(path) ∝ exp(−cost / posterior_temperature) (bilingual.align.dp.bead_posteriors): how
    # clearly the bead beats every other reading of the same segments (0: no lattice, faster).
    # 0.125 (issue 19, third round): wrong beads' mean confidence lower on the dev sets than
    # at 0.25 or 0.5, ECE still <= 0.035 (BENCHMARKS.md); the path does not depend on it.
    posterior_temperature: float = 0.125
    # Decode by maximum expected accuracy instead of the cheapest path: the path maximising
    # the summed (posterior marginal − posterior_threshold) of its beads (dp.posterior_decode).
    posterior_decoding: bool = False
    posterior_threshold: float = 0.3
    # Added to every learned bead cost (a per-bead prior; 0 keeps the path most probable).
    learned_bead_offset: float = 0.0
    # Learned scorer only (LearnedScorer.member_penalty; the hand scorer ignores these).
    # A merged bead whose weakest edge member adds nothing (align/members.py: the
    # cosine rises by more than member_margin without it and its normalised lexical cosine
    # with the other window is below member_lex_floor, and the length cost falls by more than
    # member_len_margin without it) pays member_weight: an orphan should
    # stand alone rather than ride in its neighbour's bead (issue 19; 0 turns this off).
    # Measured on dev (issue 19, third round; BENCHMARKS.md): weight 3 with these thresholds
    # left 10 more of the 208 injected dev lines standing (65.9 % -> 70.7 %) with strict F1
    # unchanged on MAC-Dev, Text+Berg, Bible and the PRC Constitution (looser settings lost
    # F1). On since the fourth round: testing 2:1 / 1:2 beads only, the test itself takes
    # 0.08-0.09 CPU s of a 2.2 s alignment of Bible 0-2000 (about 4 %; BENCHMARKS.md).
    member_weight: float = 3.0
    member_margin: float = 0.03
    member_lex_floor: float = 0.0
    member_len_margin: float = 0.5
    # Only beads of at most this many segments are tested (the test is the costly part):
    # 3 (2:1 and 1:2) left exactly as many orphans standing on dev as 7, at a third of the cost.
    member_max_size: int = 3
    # Learned scorer, sentence level: after the DP, a 2:1 / 1:2 bead whose edge member the
    # fitted rule of bilingual.align.orphans judges an orphan (what the rest gains without it,
    # its own match with the other window and anywhere else, the length fit, the document's
    # merge rate, the bead's posterior) is split into that member alone and a 1:1 bead.
    # Issue 19, fifth round: drift DEV documents pre-split 151 -> 183 of 208 orphans alone,
    # dev strict F1 not lower on any set (BENCHMARKS.md). Paragraph beads get a rule of their
    # own (split_paragraph_orphans); this switch turns both off.
    split_orphans: bool = True
    # The orphan split of 2:1 / 1:2 PARAGRAPH beads (bilingual.align.orphans.PARAGRAPH_RULE,
    # fitted on paragraph evidence). As plain text an orphan line is its own paragraph, and
    # the paragraph pass merged it into a neighbour before the sentence DP could leave it
    # alone: all 26 plain-text failures of the drift DEV documents after the fifth round
    # (issue 19, sixth round; BENCHMARKS.md).
    split_paragraph_orphans: bool = True
    # Set by for_level: which of orphans.SPLIT_RULES the split applies.
    orphan_rule: Literal["sentence", "paragraph"] = "sentence"
    # A bead scorer model file to use instead of the shipped one (retrained models).
    scorer_model: str = ""
    # Document-adaptive lexicon (bilingual.align.adaptive_lexicon): learn word pairs from the
    # confident 1:1 beads of a first pass, add them to the lexical channel, align again.
    adaptive_lexicon: bool = False
    adaptive_weight: float = 1.0
    adaptive_min_confidence: float = 0.8
    adaptive_min_count: int = 2
    adaptive_min_dice: float = 0.5
    # Merged-text re-scoring (bilingual.align.rescore): pairs of beads around a many-to-one
    # bead whose best alternative split is within rescore_margin are re-decided with the
    # encoder's vectors of the merged texts.
    rescore_merged: bool = False
    rescore_margin: float = 0.3
    # Set by for_pair: whether the lexical channel glosses through a dictionary (zh–en).
    dictionary_pair: bool = True

    def for_pair(self, src_lang: str, tgt_lang: str) -> AlignConfig:
        """The config with the lexical weight that applies to this language pair."""
        if is_dictionary_pair(src_lang, tgt_lang):
            return self
        return replace(self, lex_weight=self.lex_weight_cognate, dictionary_pair=False)

    def wants_lexical(self) -> bool:
        """Whether the lexical vectors are needed (the learned scorer reads them for any pair)."""
        return self.use_lexical and (self.lex_weight != 0 or self.scorer == "learned")

    def adapts_lexicon(self) -> bool:
        """Whether a second pass with a document-learned lexicon can change anything."""
        return self.adaptive_lexicon and self.wants_lexical() and self.adaptive_weight != 0

    def for_level(self, level: str) -> AlignConfig:
        """The config for aligning segments of ``level`` (paragraphs merge less readily).

        Paragraphs given as segments (``--level paragraph`` with ``--presplit``) are not split:
        the paragraph rule learned what an orphan is only from the two-level path's paragraphs
        (vectors summed from their sentences; paragraphs given as segments were in its fit only
        as the PRC Constitution's right merges to keep), see :meth:`for_paragraph_pass`.
        """
        if level == "paragraph":
            return replace(
                self,
                merge_penalty=self.paragraph_merge_penalty,
                split_orphans=False,
                orphan_rule="paragraph",
            )
        return self

    def for_paragraph_pass(self) -> AlignConfig:
        """The config of the two-level path's paragraph pass: as :meth:`for_level`, with the
        paragraph orphan split (``split_paragraph_orphans``) where it was fitted."""
        return replace(
            self.for_level("paragraph"),
            split_orphans=self.split_orphans and self.split_paragraph_orphans,
        )

    def describe(self) -> str:
        """Compact ``name=value`` list for signatures (only values that differ from defaults)."""
        return describe_fields(self)


def is_dictionary_pair(src_lang: str, tgt_lang: str) -> bool:
    """Whether the lexical channel glosses through a dictionary (Chinese with English)."""
    pair = {base_code(src_lang), base_code(tgt_lang)}
    return "zh" in pair and pair <= {"zh", "en"}
