"""Alignment: the DP core, bead scoring, the two-level driver and gold evaluation.

Importing this package loads no model; encoders load on first use.
"""

from bilingual.align.aligner import (
    align_documents,
    align_page,
    align_segmentations,
    align_with_features,
)
from bilingual.align.config import AlignConfig
from bilingual.align.dp import Band, default_bead_types, dynamic_program
from bilingual.align.evaluate import Scores, score_alignment, score_alignments

__all__ = [
    "AlignConfig",
    "Band",
    "Scores",
    "align_documents",
    "align_page",
    "align_segmentations",
    "align_with_features",
    "default_bead_types",
    "dynamic_program",
    "score_alignment",
    "score_alignments",
]
