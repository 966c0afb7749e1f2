"""The concepts of bilingual as frozen dataclasses; every stage passes these, never dicts.

Offsets are Python string indices into ``Document.text`` (after reading and newline
normalisation), so ``doc.text[s.start:s.end] == s.text`` holds for every segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["paragraph", "sentence"]
Severity = Literal["info", "warning", "error"]
# A finding kind's name. The kinds are registered in bilingual.finding_kinds (the shipped ones
# by bilingual.check.kinds) and checked there where findings are built; a plain str here so
# that a new kind is one registry entry plus its module.
FindingKind = str

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class Document:
    """A whole text in one language, as read (newlines normalised to ``\\n``)."""

    text: str
    lang: str
    name: str = "<string>"


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence: a span of ``Document.text``.

    ``index`` counts segments of the same level from 0; ``paragraph`` is the index of the
    paragraph that holds it (equal to ``index`` for paragraphs).
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    lang: str


@dataclass(frozen=True)
class Segmentation:
    """The segments of one document at one level, with how they were made."""

    document: Document
    level: Level
    segments: tuple[Segment, ...]
    signature: str

    def __len__(self) -> int:
        return len(self.segments)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True)
class Piece:
    """A part of a mixed-language page assigned to one side by ``split``.

    ``side`` is ``"en"``, ``"zh"`` or ``"neutral"`` (scores, dates, symbols: reported, never
    dropped). ``paragraph`` is the index of the page paragraph (block) it came from.
    """

    side: str
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class SplitPage:
    """A mixed page separated into its two languages plus the neutral leftovers."""

    page: Document
    pieces: tuple[Piece, ...]
    en: Document
    zh: Document
    signature: str

    @property
    def neutral(self) -> tuple[Piece, ...]:
        return tuple(p for p in self.pieces if p.side == "neutral")


@dataclass(frozen=True)
class Bead:
    """One alignment link: consecutive source segments paired with consecutive target ones.

    ``src``/``tgt`` are segment indices at ``level`` (either may be empty: an omission
    1:0 or an addition 0:1). ``score`` is the probability that the bead is right
    (calibrated on development data with seeded drift: bilingual.align.calibrate).
    ``src_paragraphs``/``tgt_paragraphs`` are the paragraphs the segments belong to.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    level: Level = "sentence"
    src_paragraphs: tuple[int, ...] = ()
    tgt_paragraphs: tuple[int, ...] = ()
    similarity: float = float("nan")


@dataclass(frozen=True)
class Alignment:
    """Beads covering every segment of both sides exactly once, in monotone order."""

    src: Segmentation
    tgt: Segmentation
    beads: tuple[Bead, ...]
    signature: str
    paragraph_beads: tuple[Bead, ...] = ()

    @property
    def level(self) -> Level:
        return self.src.level

    def src_text(self, bead: Bead, sep: str = " ") -> str:
        return sep.join(self.src.segments[i].text for i in bead.src)

    def tgt_text(self, bead: Bead, sep: str = "") -> str:
        return sep.join(self.tgt.segments[i].text for i in bead.tgt)


@dataclass(frozen=True)
class Evidence:
    """Machine-readable support for a finding: named values, each side's list of items."""

    name: str
    src: tuple[str, ...] = ()
    tgt: tuple[str, ...] = ()
    value: float | None = None


@dataclass(frozen=True)
class Span:
    """A character range of one segment that a finding points at (e.g. an uncovered clause).

    ``side`` is ``"src"`` or ``"tgt"``; ``start``/``end`` index into the text of segment
    ``segment`` of that side, so ``segments[segment].text[start:end] == text``.
    """

    side: Literal["src", "tgt"]
    segment: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One place where the two versions drift apart, with a reason a person can act on."""

    kind: FindingKind
    severity: Severity
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    level: Level
    src_text: str
    tgt_text: str
    message: str
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    # the part of a segment the finding is about (partial omissions, broken placeholders)
    spans: tuple[Span, ...] = ()
    # ids of the translation-file units the finding concerns (XLIFF/PO/TMX input)
    units: tuple[str, ...] = ()
    # the probability that an expert reviewer confirms the finding (bilingual.check.confidence);
    # None until the check has calibrated it
    confidence: float | None = None
    # how many places of the same sub-kind in the same segments this one finding stands for
    # (one per segment and sub-kind instead of one per comma: bilingual.check.rank)
    count: int = 1


@dataclass(frozen=True)
class DriftSummary:
    """Document-level view of the drift between the two sides (see bilingual.check)."""

    src_coverage: float
    tgt_coverage: float
    mean_similarity: float
    counts_by_kind: tuple[tuple[str, int], ...]
    counts_by_severity: tuple[tuple[str, int], ...]
    drift_score: float
    n_beads: int


# --------------------------------------------------------------------------------------------
# Comparable versions (two texts written separately, not a translation): bilingual.check.comparable

CheckMode = Literal["translation", "comparable"]


@dataclass(frozen=True)
class ModeDecision:
    """Whether the check treated the pair as a translation or as comparable versions, and why.

    ``score`` = ``low_confidence_share`` (text in no confident bead) + ``order_break`` (share
    of the ``anchors``, mutual best sentence matches, out of order); above ``threshold``
    ``auto`` picks comparable (``bilingual.check.comparable.mode``).
    """

    mode: CheckMode
    requested: Literal["auto", "translation", "comparable"]
    score: float
    threshold: float
    low_confidence_share: float
    order_break: float
    anchors: int
    unpaired_share: float
    reason: str


@dataclass(frozen=True)
class Claim:
    """One claim of one side: a sentence, or a clause of a sentence that carries several.

    ``start``/``end`` index the text of sentence ``segment`` of its side. ``support`` is the
    calibrated probability that the other side says it somewhere; ``similarity`` the best
    cosine behind it and ``support_ids`` the other side's sentences that gave it.
    ``weight`` is what an editor would care about (numbers, names, dates, strong assertions
    high; connective filler low).
    """

    side: Literal["src", "tgt"]
    index: int
    segment: int
    paragraph: int
    start: int
    end: int
    text: str
    support: float
    similarity: float
    support_ids: tuple[int, ...]
    weight: float
    features: tuple[str, ...] = ()
    # best cosine minus the matched stretch's best cosine on the claim's own side (<= 0)
    competition: float = 0.0
    # best dictionary-key cosine with the other side (the aligner's lexical channel)
    lexical: float = 0.0
    # the claim read word by word against its best support (check.comparable.support):
    # share of its content words left unlinked, longest unlinked run, content words, and
    # quantities the support does not state
    unlinked: float = 0.0
    unlinked_run: int = 0
    content_words: int = 0
    missing_numbers: int = 0
    # the best cosine of a claim of the other side whose best match states this claim (0:
    # nobody's counterpart; check.comparable.support.claimed_by)
    claimed: float = 0.0


@dataclass(frozen=True)
class Mention:
    """A quantity as one side states it: which claim, where, what it says."""

    side: Literal["src", "tgt"]
    claim: int
    segment: int
    paragraph: int
    start: int
    end: int
    text: str
    value: float
    low: float
    high: float
    unit: str


@dataclass(frozen=True)
class Contradiction:
    """Statements of both sides about the same thing that disagree, every place linked.

    ``kind`` is ``"quantity"`` (a price, a horizon, a year, a count of the same kind) or
    ``"entity"`` (a name whose predicate differs).
    """

    id: int
    kind: Literal["quantity", "entity"]
    unit: str
    src: tuple[Mention, ...]
    tgt: tuple[Mention, ...]
    message: str


@dataclass(frozen=True)
class RewrittenPair:
    """A paragraph of each side that says one passage in other words: both one-sided claim
    by claim, in the same place between paragraphs the sides share, and near as wholes
    (``similarity``: the encoder's cosine of the two paragraphs)."""

    src: int
    tgt: int
    similarity: float


@dataclass(frozen=True)
class ComparableAnalysis:
    """The claim-level comparison of two comparable versions."""

    src_claims: tuple[Claim, ...]
    tgt_claims: tuple[Claim, ...]
    contradictions: tuple[Contradiction, ...]
    signature: str
    rewritten: tuple[RewrittenPair, ...] = ()


@dataclass(frozen=True)
class CheckReport:
    """The result of ``check``: the alignment it judged, its findings and the summary.

    ``mode`` says whether the pair was checked as a translation or as comparable versions
    (None: not decided, e.g. translation files); ``comparable`` holds the claim analysis of
    the comparable mode.
    """

    alignment: Alignment
    findings: tuple[Finding, ...]
    summary: DriftSummary
    signature: str
    mode: ModeDecision | None = None
    comparable: ComparableAnalysis | None = None
