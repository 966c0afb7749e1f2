"""Settings of the drift checks: which kinds run and how far from the document's norm is news."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilingual.encode.base import DEFAULT_ENCODER
from bilingual.errors import ConfigError
from bilingual.finding_kinds import kind_names
from bilingual.model import FindingKind
from bilingual.signature import describe_fields


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of the checks; robust z-scores are measured against this document's own beads.

    ``encoder`` embeds segments when the alignment carries no similarity (hand-made
    alignments) and for the per-sentence coverage test inside n:m beads; ``None`` disables
    both (the similarity checks then use only what the beads carry).
    """

    # every registered kind (read when a config is made, so kinds registered later count)
    kinds: tuple[FindingKind, ...] = field(default_factory=kind_names)
    encoder: str | None = DEFAULT_ENCODER
    # robust z (median/MAD) beyond which an outlier is a warning; between info_z and it: info
    warning_z: float = 4.0
    info_z: float = 3.0
    # floor of the robust scale, so a very uniform document does not make tiny dips look odd
    min_similarity_scale: float = 0.06
    min_length_scale: float = 0.5
    # a similarity this low is unrelated text when it is also a warning-level outlier of the
    # document (or the document is too short to have a distribution)
    unrelated_similarity: float = 0.2
    # ... and this low in any document (the loosest faithful pairs of MAC-Dev's literary
    # chapters score .08; BENCHMARKS.md, issue 20 fifth round)
    unrelated_floor: float = 0.05
    # ... and in a document where more than this share of pairs is below unrelated_similarity
    # (MAC-Dev's literary chapters: 1-3 %; a wrong file or a misalignment: most pairs)
    unrelated_share: float = 0.1
    # a paragraph whose sentences find on average no better match than this anywhere on the
    # other side says something the other side does not (measured with the USE encoder:
    # translations score 0.6-0.85, comparable but different text 0.3-0.45)
    unsupported_similarity: float = 0.5
    # a segment whose best match among the nearby segments of the other side is this many
    # robust deviations below the document's norm is content without counterpart
    unsupported_z: float = 3.5
    # a run of this many source-language words inside the target is untranslated text
    untranslated_words: int = 4
    untranslated_han: int = 6
    # False: findings keep the severities their checks gave and no confidence, and the phrase
    # channel is off (models/train_confidence.py fits the calibration on such findings)
    calibrate: bool = True

    def __post_init__(self) -> None:
        known = kind_names()
        unknown = [k for k in self.kinds if k not in known]
        if unknown:
            raise ConfigError(
                f"unknown check kind(s) {', '.join(unknown)}; use some of {', '.join(known)}."
            )
        if not 0 < self.info_z <= self.warning_z:
            raise ConfigError("thresholds must satisfy 0 < info_z <= warning_z; adjust them.")

    def describe(self) -> str:
        """The signature parts of the check: its encoder (``enc:``, as in the alignment's part)
        and ``params:`` with every field that differs from its default (as AlignConfig's)."""
        return f"enc:{self.encoder or 'none'}|params:{describe_fields(self, skip=('encoder',))}"
