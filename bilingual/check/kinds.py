"""The shipped finding kinds: one :class:`KindSpec` entry per kind, registered on import.

The registry itself is :mod:`bilingual.finding_kinds` (below the checks, so the model, the
config and the reports can read the kind list); everything that lists the kinds derives from
it: the runner table of :func:`bilingual.check.run.check_alignment`, ``CheckConfig.kinds``,
the summary's counts, the legend of the HTML report and the kind enums of the JSON schema.
The order of :data:`KINDS` is the order in which reports sort findings of one place.

To add a kind: write its module with a function ``ctx -> list[Finding]`` and add a
:class:`KindSpec` here (ARCHITECTURE.md has an example); nothing else lists kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bilingual.check.consistency import inconsistencies
from bilingual.check.context import CheckContext
from bilingual.check.coverage import additions, omissions
from bilingual.check.format import format_checks
from bilingual.check.glossary import termbase_findings
from bilingual.check.length import length_ratio
from bilingual.check.names import name_mismatch
from bilingual.check.partial import merged_segments, partial_findings
from bilingual.check.quantities import number_mismatch
from bilingual.check.similarity import low_similarity
from bilingual.check.terms import term_inconsistency
from bilingual.check.untranslated import untranslated
from bilingual.finding_kinds import KindSpec, register, registered
from bilingual.finding_kinds import get as _get
from bilingual.formats.memory import TranslationMemory
from bilingual.formats.terms import Glossary, TermBase
from bilingual.model import Finding, FindingKind

__all__ = [
    "KINDS",
    "PASSES",
    "CheckInputs",
    "KindSpec",
    "MultiKindPass",
    "Runner",
    "impact",
    "kinds",
    "legend",
]


@dataclass(frozen=True)
class CheckInputs:
    """What a runner may read: the context, the context without over-long beads, references."""

    ctx: CheckContext
    # beads whose sides are short enough for the quadratic name/term matching (check/run.py)
    bounded: CheckContext
    glossary: Glossary | None = None
    termbase: TermBase | None = None
    memory: TranslationMemory | None = None
    # per bead, what tells units of one source apart (PO msgctxt); empty when unknown
    contexts: tuple[str, ...] = ()


Runner = Callable[[CheckInputs], list[Finding]]


@dataclass(frozen=True)
class MultiKindPass:
    """A check that yields several kinds in one pass; it runs after the one-kind runners, and
    its findings are kept only where no earlier finding of the kind reports the same place at
    the same severity or above. It filters by ``CheckConfig.kinds`` itself."""

    kinds: frozenset[FindingKind]
    runner: Runner


_SCALE = ("info_z", "warning_z")

KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "omission",
        "source content with no counterpart in the target",
        1.0,
        lambda i: omissions(i.ctx),
        ("info_z", "min_similarity_scale", "unsupported_z"),
    ),
    KindSpec(
        "addition",
        "target content with no counterpart in the source",
        1.0,
        lambda i: additions(i.ctx),
        ("info_z", "min_similarity_scale", "unsupported_z"),
    ),
    KindSpec(
        "number_mismatch",
        "a number, date or amount that differs or is missing",
        1.0,
        lambda i: number_mismatch(i.ctx),
    ),
    KindSpec(
        "name_mismatch",
        "a name rendered as another name, or missing",
        0.9,
        lambda i: name_mismatch(i.bounded),
    ),
    KindSpec(
        "untranslated",
        "text left in the source language",
        1.0,
        lambda i: untranslated(i.ctx),
        ("untranslated_words", "untranslated_han"),
    ),
    KindSpec(
        "low_similarity",
        "the two sides of a bead read unlike each other",
        0.9,
        lambda i: low_similarity(i.ctx),
        (
            *_SCALE,
            "min_similarity_scale",
            "unrelated_similarity",
            "unrelated_floor",
            "unrelated_share",
            "unsupported_similarity",
        ),
    ),
    KindSpec(
        "length_ratio",
        "one side much longer or shorter than the document's norm",
        0.7,
        lambda i: length_ratio(i.ctx),
        (*_SCALE, "min_length_scale"),
    ),
    KindSpec(
        "term_inconsistency",
        "a glossary term not rendered as required",
        0.6,
        lambda i: term_inconsistency(i.bounded, i.glossary),
    ),
    KindSpec(
        "partial_omission",
        "a part of a source sentence (clause, name, negation) the target lacks",
        1.0,
        None,
    ),
    KindSpec(
        "partial_addition",
        "a part of a target sentence the source does not say",
        0.9,
        None,
    ),
    KindSpec(
        "inconsistent_translation",
        "the same source translated differently (here or in the memory)",
        0.6,
        lambda i: inconsistencies(i.ctx, i.memory, i.contexts),
    ),
    KindSpec(
        "format_mismatch",
        "placeholders, tags, entities, URLs or e-mails that differ",
        1.0,
        None,
    ),
    KindSpec(
        "punctuation_mismatch",
        "unpaired brackets/quotes, final mark, full/half-width punctuation",
        0.3,
        None,
    ),
    KindSpec(
        "typography",
        "double spaces, repeated words, leading/trailing whitespace",
        0.3,
        None,
    ),
    KindSpec(
        "forbidden_term",
        "a rendering the term base forbids",
        0.8,
        lambda i: termbase_findings(i.ctx, i.termbase) if i.termbase else [],
    ),
    KindSpec(
        "unsupported_claim",
        "comparable versions: a claim one side makes that the other says nowhere",
        1.0,
        None,
        mode="comparable",
    ),
    KindSpec(
        "unsupported_paragraph",
        "comparable versions: a paragraph whose claims the other side mostly does not make",
        1.0,
        None,
        mode="comparable",
    ),
    KindSpec(
        "rewritten_paragraph",
        "comparable versions: a paragraph of each side in the same place, one passage said "
        "differently",
        0.6,
        None,
        mode="comparable",
    ),
    KindSpec(
        "contradiction",
        "comparable versions: the same kind of quantity about the same thing differs",
        1.0,
        None,
        mode="comparable",
    ),
)

PASSES: tuple[MultiKindPass, ...] = (
    MultiKindPass(
        frozenset({"format_mismatch", "punctuation_mismatch", "typography"}),
        lambda i: format_checks(i.ctx),
    ),
    # partial findings run the name matcher and jieba: bounded like the names check
    MultiKindPass(
        frozenset({"partial_omission", "partial_addition", "name_mismatch"}),
        lambda i: partial_findings(i.bounded),
    ),
    MultiKindPass(frozenset({"omission"}), lambda i: merged_segments(i.bounded)),
)


register(*KINDS)


def kinds() -> tuple[KindSpec, ...]:
    """Every registered kind in report order: :data:`KINDS` and any registered after them."""
    return registered()


def impact(kind: str) -> float:
    """What a confirmed finding of ``kind`` costs a reader (1.0 for a kind not registered)."""
    spec = _get(kind)
    return 1.0 if spec is None else spec.impact


def legend(kind: str) -> str:
    """The one-line explanation of ``kind`` shown in reports ("" for an unknown kind)."""
    spec = _get(kind)
    return "" if spec is None else spec.legend
