"""Running every check over an alignment, or aligning two documents (or one page) first."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bilingual.check.confidence import ConfidenceModel, calibrate, shipped_model
from bilingual.check.config import CheckConfig
from bilingual.check.context import build_context
from bilingual.check.kinds import PASSES, CheckInputs
from bilingual.check.kinds import kinds as registered_kinds
from bilingual.check.phrase import PhraseStart, phrase_findings, start_phrase
from bilingual.check.rank import conventions, document_places, group, rank, without_chrome
from bilingual.check.summary import summarise
from bilingual.encode.memo import prefetch, sharing
from bilingual.finding_kinds import check_kind, kind_names
from bilingual.formats.memory import TranslationMemory
from bilingual.formats.terms import Glossary, TermBase
from bilingual.limits import limits
from bilingual.model import SEVERITIES, Alignment, CheckReport, Document, Finding
from bilingual.progress import report

if TYPE_CHECKING:
    from bilingual.check.context import CheckContext
    from bilingual.formats import TranslationFile

log = logging.getLogger(__name__)

# What the checks find for the same alignment; it signs reports and corpus rows (a resumed
# corpus run re-checks rows signed with another). 2: issue 20, seventh round (names by sound,
# shifted_pair omissions, halves and ranges in numbers).
CHECK_VERSION = "2"


def _order(f: Finding, kind_order: dict[str, int]) -> tuple[int, int, int, int]:
    first_src = f.src_ids[0] if f.src_ids else -1
    first_tgt = f.tgt_ids[0] if f.tgt_ids else -1
    return (
        0 if f.level == "paragraph" else 1,
        max(first_src, first_tgt),
        kind_order[f.kind],
        -SEVERITIES.index(f.severity),
    )


def _in_report_order(findings: list[Finding]) -> list[Finding]:
    """``findings`` sorted by place, then kind in registry order, then severity; a runner that
    builds a Finding itself is held to the registry here."""
    kind_order = {k: i for i, k in enumerate(kind_names())}
    for f in findings:
        check_kind(f.kind)
    return sorted(findings, key=lambda f: _order(f, kind_order))


# The names and terms checks compare each name of a bead with every span of its other side
# (and run jieba over it): quadratic in the bead's length (a 4,000-character unpunctuated line
# took 15 s, 200,000 characters over 4 minutes). A side longer than the limit is no sentence;
# the limit (bilingual.io.Limits.segment_chars, default 1,000) is raised with
# ``bilingual --max-segment-chars N``.


def _without_long_beads(ctx: CheckContext) -> CheckContext:
    """``ctx`` without the beads too long for the names and terms checks (with a warning)."""
    cap = limits().segment_chars
    keep = tuple(v for v in ctx.beads if max(len(v.src_text), len(v.tgt_text)) <= cap)
    if len(keep) == len(ctx.beads):
        return ctx
    log.warning(
        "names and terms not checked in %d bead(s) with a side longer than %d characters "
        "(a line without sentence punctuation?); split such lines to check them, or raise "
        "the limit with `bilingual --max-segment-chars N`.",
        len(ctx.beads) - len(keep),
        cap,
    )
    return dataclasses.replace(ctx, beads=keep)


def tidy(findings: Sequence[Finding], alignment: Alignment) -> tuple[Finding, ...]:
    """No style findings on page chrome, one per place and sub-kind, conventions as notes."""
    grouped = group(without_chrome(findings))
    places = {
        "src": document_places(alignment.src.texts),
        "tgt": document_places(alignment.tgt.texts),
    }
    notes, rest = conventions(grouped, places)
    return notes + rest


def _is_phrase(f: Finding) -> bool:
    return any(e.name == "phrase_probability" for e in f.evidence)


def _one_per_place(findings: Sequence[Finding]) -> list[Finding]:
    """One finding where the phrase channel and another check report the same kind and place.

    The other check's finding stays (its span and reasons are more precise) with the louder
    severity, the higher confidence and the phrase channel's evidence added.
    """
    first: dict[tuple, int] = {}
    out: list[Finding] = []
    for f in findings:
        key = (f.kind, f.level, f.src_ids, f.tgt_ids)
        if not _is_phrase(f):
            first.setdefault(key, len(out))
            out.append(f)
    for f in findings:
        if not _is_phrase(f):
            continue
        key = (f.kind, f.level, f.src_ids, f.tgt_ids)
        if key not in first:
            out.append(f)
            continue
        k = first[key]
        g = out[k]
        out[k] = replace(
            g,
            severity=max(g.severity, f.severity, key=SEVERITIES.index),
            confidence=max(g.confidence or 0.0, f.confidence or 0.0),
            evidence=g.evidence + f.evidence,
        )
    return out


def _start_beside(ctx: CheckContext, bounded: CheckContext) -> PhraseStart | None:
    """Start the work of later steps that needs only the texts in the run's worker process,
    to run while the checks run here (pipelining; the same results): the texts of the
    merged-sentence and partial tests (in the order the checks ask), then the phrase
    channel's own texts (on a book as many as the aligner's; it runs last); without those
    tests, jieba's tags of the Chinese side (the number check asks for them first). The
    phrase channel's first step, if it runs."""
    from bilingual.check.context import is_cjk

    first = _gain_texts(ctx, bounded)
    phrase = _runs_phrase(bounded) and is_cjk(ctx.src_lang) != is_cjk(ctx.tgt_lang)
    if first is None:
        _prefetch_names(bounded)
    elif not phrase:
        prefetch(ctx.config.encoder, first)  # type: ignore[arg-type]
    # (finding the gains' texts tags the Chinese bead sides here: check/zh_tagger made
    # tagging cheaper than a hand-over from the worker, so no tags are prefetched then)
    return start_phrase(bounded, first or ()) if phrase else None


def _gain_texts(ctx: CheckContext, bounded: CheckContext) -> list[str] | None:
    """The texts of the omission/addition checks' merged-sentence test (``ctx``) and of the
    partial pass's gains (``bounded``), in the order they are asked for: ~10 % of a Bible
    check's CPU, encoded in this process while the worker idled. None: not looked for (no
    run to hand them to, or no encoder a worker can load)."""
    from bilingual.check.context import is_cjk
    from bilingual.check.coverage import partial_texts
    from bilingual.check.partial import gain_texts
    from bilingual.encode.base import loads_in_a_new_process
    from bilingual.encode.memo import is_sharing

    enc, want = ctx.config.encoder, set(ctx.config.kinds)
    if enc is None or not is_sharing() or not loads_in_a_new_process(enc):
        return None
    texts: list[str] = []
    if ctx.src_vectors is not None and ctx.tgt_vectors is not None:
        for kind, side in (("omission", "src"), ("addition", "tgt")):
            if kind in want:
                texts += partial_texts(ctx, side)
    if want & _PHRASE_KINDS and is_cjk(ctx.src_lang) != is_cjk(ctx.tgt_lang):
        texts += gain_texts(bounded, want)
    return texts


# The kinds whose checks read the Chinese side's name spans (check/names.chinese_names: the
# name check, numbers inside names, the partial and negation passes, the neighbour test of
# omissions and additions); a check of other kinds only would tag for nothing.
_READS_CHINESE_NAMES = frozenset(
    {
        "name_mismatch",
        "number_mismatch",
        "partial_omission",
        "partial_addition",
        "omission",
        "addition",
    }
)


def _prefetch_names(ctx: CheckContext) -> None:
    """Start tagging the Chinese side's segments and bead sides (see ``prefetch_names``)."""
    from bilingual.check.context import is_cjk
    from bilingual.check.zh_names import prefetch_names
    from bilingual.encode.base import loads_in_a_new_process

    if not set(ctx.config.kinds) & _READS_CHINESE_NAMES:
        return
    sides = [side for side, lang in (("src", ctx.src_lang), ("tgt", ctx.tgt_lang)) if is_cjk(lang)]
    # Only where this run's encoder could go to a worker too: not the corpus's workers (its
    # caching encoder exists in its own process; a Dask worker may not start processes).
    enc = ctx.config.encoder
    if len(sides) != 1 or enc is None or not loads_in_a_new_process(enc):
        return
    seg = ctx.alignment.src if sides[0] == "src" else ctx.alignment.tgt
    texts = [s.text for s in seg.segments]
    texts += [v.src_text if sides[0] == "src" else v.tgt_text for v in ctx.beads]
    prefetch_names(texts)


# The kinds the phrase channel reports.
_PHRASE_KINDS = frozenset({"partial_omission", "partial_addition"})


def _runs_phrase(ctx: CheckContext) -> bool:
    """Whether this check runs the phrase channel (a calibrated report with its model)."""
    return (
        ctx.config.calibrate
        and shipped_model().phrase is not None
        and bool(_PHRASE_KINDS & set(ctx.config.kinds))
    )


def phrase_channel(
    ctx: CheckContext, model: ConfidenceModel, start: PhraseStart | None = None
) -> list[Finding]:
    """The phrase channel's findings as the check sees them: partial omissions/additions the
    model finds likely, over the beads short enough for the names and terms checks, of the
    kinds ``ctx.config`` asks for (uncalibrated: :func:`merged` calibrates them).

    One home for what the check runs, so that models/train_confidence.py fits and scores
    exactly the findings a report holds. ``start``: :func:`start_phrase` on those beads, when
    the check began the channel before its other checks.
    """
    want = set(ctx.config.kinds)
    if model.phrase is None or not want & _PHRASE_KINDS:
        return []
    found = phrase_findings(_without_long_beads(ctx), model.phrase, start)
    return [f for f in found if f.kind in want]


def merged(
    findings: Sequence[Finding], phrase: Sequence[Finding], model: ConfidenceModel
) -> tuple[Finding, ...]:
    """The report's findings: the checks' ``findings`` and the phrase channel's ``phrase``
    calibrated with ``model``, one per kind and place, most important first."""
    return rank(_one_per_place(calibrate([*findings, *phrase], model)))


def check_alignment(
    alignment: Alignment,
    *,
    glossary: Glossary | None = None,
    config: CheckConfig | None = None,
    termbase: TermBase | None = None,
    memory: TranslationMemory | None = None,
    contexts: Sequence[str] | None = None,
    mode: str = "translation",
) -> CheckReport:
    """Judge an alignment: every finding kind of ``config.kinds`` plus the drift summary.

    ``termbase`` adds forbidden and do-not-translate terms (and its required renderings when
    no ``glossary`` is given); ``memory`` is the reference the translations must agree with;
    ``contexts`` (one per bead, e.g. PO msgctxt) tell apart beads of one source that may be
    translated differently. ``mode`` "comparable" compares claims instead of beads (two
    versions written separately); "auto" decides from the alignment
    (``bilingual.check.comparable.mode``).
    """
    cfg = config or CheckConfig()
    if glossary is None and termbase is not None:
        glossary = termbase.glossary
    ctx = build_context(alignment, cfg)
    decision = None
    if mode != "translation":
        from bilingual.check.comparable import check_comparable

        base = "|".join([alignment.signature, f"check:{CHECK_VERSION}", cfg.describe()])
        decision, compared = check_comparable(ctx, mode, base)
        if compared is not None:
            for f in compared.findings:  # held to the registry like the translation runners'
                check_kind(f.kind)
            return compared
    phrase_start = _start_beside(ctx, bounded := _without_long_beads(ctx))
    inputs = CheckInputs(ctx, bounded, glossary, termbase, memory, tuple(contexts or ()))
    findings: list[Finding] = []
    specs = [s for s in registered_kinds() if s.name in cfg.kinds and s.runner is not None]
    passes = [p for p in PASSES if p.kinds & set(cfg.kinds)]
    n_checks, done = len(specs) + len(passes), 0
    report("checking", 0, n_checks, "checks")
    for spec in specs:  # in the registry's order
        found = spec.runner(inputs)  # type: ignore[misc]
        log.debug("%s: %d findings", spec.name, len(found))
        findings.extend(found)
        done += 1
        report("checking", done, n_checks, "checks")
    for kind_pass in passes:
        kinds, runner = kind_pass.kinds, kind_pass.runner
        # a place a finding of the same kind already reports at this severity or above
        seen: dict[tuple, int] = {}
        for f in findings:
            key = (f.kind, f.level, f.src_ids, f.tgt_ids)
            seen[key] = max(seen.get(key, -1), SEVERITIES.index(f.severity))
        found = [
            f
            for f in runner(inputs)
            if seen.get((f.kind, f.level, f.src_ids, f.tgt_ids), -1) < SEVERITIES.index(f.severity)
        ]
        log.debug("%s: %d findings", "/".join(sorted(kinds)), len(found))
        findings.extend(found)
        done += 1
        report("checking", done, n_checks, "checks")
    findings = list(tidy(_in_report_order(findings), alignment))
    conf_sig = ""
    if cfg.calibrate:
        model = shipped_model()
        findings = list(merged(findings, phrase_channel(bounded, model, phrase_start), model))
        conf_sig = model.signature
    summary = summarise(ctx, findings)
    parts = [alignment.signature, f"check:{CHECK_VERSION}", cfg.describe()]
    if conf_sig:
        parts.append(conf_sig)
    if glossary is not None:
        parts.append(f"glossary:{glossary.name.replace('|', '/')}")
    if termbase is not None:
        parts.append(f"termbase:{termbase.name.replace('|', '/')}")
    if memory is not None:
        parts.append(f"against:{memory.name.replace('|', '/')}")
    return CheckReport(alignment, tuple(findings), summary, "|".join(parts), mode=decision)


def _with_encoder(
    config: CheckConfig | None, align_options: dict[str, Any]
) -> tuple[CheckConfig | None, dict[str, Any]]:
    """One encoder choice for the alignment and the check's own similarities.

    ``encoder`` given to the command (an align option) builds the check's config when none is
    given; a config's encoder aligns too when the command names none.
    """
    encoder = align_options.get("encoder")
    if config is None:
        return (None if encoder is None else CheckConfig(encoder=encoder)), align_options
    if encoder is None and config.encoder is not None:
        return config, {**align_options, "encoder": config.encoder}
    return config, align_options


def check_documents(
    src: Document,
    tgt: Document,
    *,
    glossary: Glossary | None = None,
    config: CheckConfig | None = None,
    termbase: TermBase | None = None,
    memory: TranslationMemory | None = None,
    mode: str = "translation",
    **align_options: Any,
) -> CheckReport:
    """Align ``src`` with ``tgt`` (``align_options`` go to ``align_documents``), then check.

    ``encoder`` (an align option) is also the check's encoder unless ``config`` names one.
    """
    from bilingual.align import align_documents

    config, align_options = _with_encoder(config, align_options)
    with sharing():  # the check reads the aligner's sentence vectors instead of encoding again
        return check_alignment(
            align_documents(src, tgt, **align_options),
            glossary=glossary,
            config=config,
            termbase=termbase,
            memory=memory,
            mode=mode,
        )


def check_page(
    page: Document,
    *,
    glossary: Glossary | None = None,
    config: CheckConfig | None = None,
    termbase: TermBase | None = None,
    memory: TranslationMemory | None = None,
    mode: str = "translation",
    **align_options: Any,
) -> CheckReport:
    """Split a mixed EN/ZH page into its two sides, align them and check (encoder as above)."""
    from bilingual.align import align_page

    config, align_options = _with_encoder(config, align_options)
    with sharing():  # the check reads the aligner's sentence vectors instead of encoding again
        return check_alignment(
            align_page(page, **align_options),
            glossary=glossary,
            config=config,
            termbase=termbase,
            memory=memory,
            mode=mode,
        )


def fails(report: CheckReport, level: str) -> bool:
    """Whether ``report`` holds a finding at severity ``level`` ("warning"/"error") or above."""
    threshold = SEVERITIES.index(level)  # type: ignore[arg-type]
    return any(SEVERITIES.index(f.severity) >= threshold for f in report.findings)


def attach_units(report: CheckReport, unit_ids: Sequence[str]) -> CheckReport:
    """``report`` with each finding's ``units``: the ids of the units (beads) it points at.

    ``unit_ids[k]`` names bead ``k`` of the alignment (one bead per translation unit).
    """
    beads = report.alignment.beads
    src_unit = {i: unit_ids[k] for k, b in enumerate(beads) for i in b.src}
    tgt_unit = {j: unit_ids[k] for k, b in enumerate(beads) for j in b.tgt}
    out = []
    for f in report.findings:
        ids = [src_unit[i] for i in f.src_ids if i in src_unit]
        ids += [tgt_unit[j] for j in f.tgt_ids if j in tgt_unit]
        out.append(_name_units(replace(f, units=tuple(dict.fromkeys(ids))), unit_ids))
    return replace(report, findings=tuple(out))


_BEAD_REF = re.compile(r"\bbead (\d+)\b")


def _name_units(f: Finding, unit_ids: Sequence[str]) -> Finding:
    """ "in bead 2" (the checks' word for another pair) as "in unit <id>": a translator looks
    units up by id, and bead numbers of a translation file are only its unit positions."""

    def unit(m: re.Match[str]) -> str:
        k = int(m.group(1))
        return f"unit {unit_ids[k]}" if 0 <= k < len(unit_ids) else m.group(0)

    evidence = tuple(
        replace(
            e,
            src=tuple(_BEAD_REF.sub(unit, t) for t in e.src),
            tgt=tuple(_BEAD_REF.sub(unit, t) for t in e.tgt),
        )
        for e in f.evidence
    )
    return replace(f, message=_BEAD_REF.sub(unit, f.message), evidence=evidence)


def check_translation_file(
    tf: TranslationFile,
    *,
    glossary: Glossary | None = None,
    config: CheckConfig | None = None,
    termbase: TermBase | None = None,
    memory: TranslationMemory | None = None,
) -> CheckReport:
    """Check the units of a translation file (XLIFF, PO, TMX, TSV, XLSX): no alignment step."""
    from bilingual.formats import units_alignment

    report = check_alignment(
        units_alignment(tf),
        glossary=glossary,
        config=config,
        termbase=termbase,
        memory=memory,
        contexts=[u.context for u in tf.units],
    )
    return attach_units(report, [u.id for u in tf.units])
