"""`bilingual score HYP REF`: sacrebleu BLEU, chrF and TER, aligning the two first if needed."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, emit, handles_errors


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"


class ScoreLang(str, Enum):
    auto = "auto"
    en = "en"
    zh = "zh"


class AlignChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@handles_errors
def score(
    hyp: Annotated[Path, typer.Argument(help="System output, one segment per line ('-' = stdin).")],
    ref: Annotated[Path, typer.Argument(help="Reference translation, one segment per line.")],
    lang: Annotated[
        ScoreLang,
        typer.Option(
            "--lang",
            help="Language of both files: zh tokenizes BLEU with 'zh' (auto: from the "
            "reference's script).",
        ),
    ] = ScoreLang.auto,
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ScoreFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    align: Annotated[
        AlignChoice,
        typer.Option(
            "--align", help="auto: align when the line counts differ; always; never (line by line)."
        ),
    ] = AlignChoice.auto,
    max_merge: Annotated[
        int | None,
        typer.Option(
            "--max-merge",
            min=1,
            max=16,
            help="Most segments one side may merge into a pair [default: 4, more when one side "
            "has many times more segments].",
        ),
    ] = None,
    sentences: Annotated[
        bool,
        typer.Option(
            "--sentences",
            help="Split every line into sentences first (for outputs with a paragraph or a "
            "whole document per line).",
        ),
    ] = False,
    no_clobber: NoClobber = False,
) -> None:
    """Score HYP against REF: corpus and per-segment BLEU, chrF and TER (sacrebleu)."""
    from bilingual.io import read_text
    from bilingual.report.score import report_to_json, report_to_text
    from bilingual.score import (
        guess_lang,
        language_mismatch_warning,
        score_segments,
        split_segments,
        split_sentences,
    )

    check_outputs([output], inputs=[hyp, ref])
    hyp_text, ref_text = read_text(hyp), read_text(ref)
    mismatch = language_mismatch_warning(hyp_text, ref_text)
    if mismatch:
        typer.echo(f"warning: {mismatch}", err=True)
    code = guess_lang(ref_text) if lang is ScoreLang.auto else lang.value
    hyps, refs = split_segments(hyp_text), split_segments(ref_text)
    if sentences:
        hyps, refs = split_sentences(hyps, code), split_sentences(refs, code)
    report = score_segments(
        hyps,
        refs,
        lang=code,
        align=align.value,
        max_merge=max_merge,
        segmentation="sentences" if sentences else "lines",
    )
    emit(report_to_json(report) if fmt is ScoreFormat.json else report_to_text(report), output)
