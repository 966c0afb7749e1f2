"""`bilingual align SRC [TGT]`: pair paragraphs and sentences of a text and its translation."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, handles_errors
from bilingual.commands._options import (
    DEFAULT_ENCODER,
    Encoder,
    Presplit,
    SpacyModel,
    SrcLang,
    TgtLang,
)
from bilingual.commands._progress import progress_display
from bilingual.export import FORMATS
from bilingual.progress import report

if TYPE_CHECKING:
    from bilingual.align import AlignConfig
    from bilingual.model import Alignment


# The --format choices are the export-format registry's names (bilingual/export/__init__.py).
AlignFormat = Enum("AlignFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


class ScorerOpt(str, Enum):
    hand = "hand"
    learned = "learned"


class AlignLevelOpt(str, Enum):
    paragraph = "paragraph"
    sentence = "sentence"
    both = "both"


@handles_errors
def align(
    src: Annotated[str, typer.Argument(help="Source text, or one mixed EN/ZH page when alone.")],
    tgt: Annotated[
        str | None, typer.Argument(help="Its translation (omit for a mixed page).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (moses: a PREFIX); default stdout."),
    ] = None,
    fmt: Annotated[
        AlignFormat | None,
        typer.Option("--format", help="Output format (default: from -o's extension, else tsv)."),
    ] = None,
    level: Annotated[
        AlignLevelOpt, typer.Option("--level", help="paragraph, sentence, or both (nested).")
    ] = AlignLevelOpt.both,
    presplit: Presplit = False,
    src_lang: SrcLang = "auto",
    tgt_lang: TgtLang = "auto",
    encoder: Encoder = DEFAULT_ENCODER,
    spacy_model: SpacyModel = None,
    scorer: Annotated[
        ScorerOpt | None,
        typer.Option("--scorer", help="Bead scorer: hand (weighted sum) or learned (model)."),
    ] = None,
    rescore: Annotated[
        bool | None,
        typer.Option("--rescore/--no-rescore", help="Re-decide close merges on merged text."),
    ] = None,
    adaptive_lexicon: Annotated[
        bool | None,
        typer.Option(
            "--adaptive-lexicon/--no-adaptive-lexicon",
            help="Learn word pairs from a first pass, then align again.",
        ),
    ] = None,
    no_clobber: NoClobber = False,
) -> None:
    """Align a text with its translation (or the two halves of one mixed page)."""
    from bilingual.errors import ConfigError
    from bilingual.export import write_alignment

    if src == "-" and tgt == "-":
        raise ConfigError(
            "stdin ('-') can be read only once; give at least one of SRC, TGT as a file."
        )
    moses = fmt is not None and fmt.value == "moses"
    # A Moses PREFIX is checked again below, once the languages that name its files are known.
    check_outputs([None if moses else output], inputs=[src, tgt])
    config = _config(scorer, rescore, adaptive_lexicon)
    name = _format_name(fmt, output)
    prefix = output if moses else None
    with progress_display():
        report("reading")
        if tgt is None:
            alignment = _align_page(src, prefix, level, encoder, config, spacy_model)
        else:
            langs = (src_lang, tgt_lang)
            alignment = _align_pair(
                src, tgt, langs, prefix, level, presplit, encoder, config, spacy_model
            )
    write_alignment(alignment, name, output)


def _format_name(fmt: Enum | None, output: Path | None) -> str:
    """--format, else the one -o's extension names, else tsv."""
    from bilingual.export import format_from_path

    if fmt:
        return str(fmt.value)
    if output and str(output) != "-" and Path(output).suffix:
        return format_from_path(output)
    return "tsv"


def _align_page(
    src: str,
    moses_prefix: Path | None,
    level: AlignLevelOpt,
    encoder: str,
    config: AlignConfig,
    spacy_model: str | None,
) -> Alignment:
    """Read one mixed page and align its two halves."""
    from bilingual.align import align_page
    from bilingual.export import moses_paths
    from bilingual.io import read_document

    page = read_document(src, "auto")
    if moses_prefix is not None:
        check_outputs(moses_paths(moses_prefix, "en", "zh"), inputs=[src])
    return align_page(
        page,
        level=level.value,
        encoder=encoder,
        config=config,
        spacy_model=spacy_model,
        progress=report,
    )


def _align_pair(
    src: str,
    tgt: str,
    langs: tuple[str, str],
    moses_prefix: Path | None,
    level: AlignLevelOpt,
    presplit: bool,
    encoder: str,
    config: AlignConfig,
    spacy_model: str | None,
) -> Alignment:
    """Read a text and its translation (``langs``: as given on the command line) and align
    them; warn when both are in the same language."""
    from bilingual.align import align_documents
    from bilingual.export import moses_paths
    from bilingual.io import read_document
    from bilingual.lang import same_language_warning

    s_doc, t_doc = read_document(src, langs[0]), read_document(tgt, langs[1])
    warning = same_language_warning(s_doc.lang, t_doc.lang, src, tgt)
    if warning:
        typer.echo(f"warning: {warning}", err=True)
    if moses_prefix is not None and s_doc.lang != t_doc.lang:
        check_outputs(moses_paths(moses_prefix, s_doc.lang, t_doc.lang), inputs=[src, tgt])
    return align_documents(
        s_doc,
        t_doc,
        level=level.value,
        presplit=presplit,
        encoder=encoder,
        config=config,
        spacy_model=spacy_model,
        progress=report,
    )


def _config(scorer: ScorerOpt | None, rescore: bool | None, adaptive: bool | None) -> AlignConfig:
    """The aligner's defaults with the options given on the command line."""
    import dataclasses

    from bilingual.align import AlignConfig

    changes: dict[str, object] = {}
    if scorer is not None:
        changes["scorer"] = scorer.value
    if rescore is not None:
        changes["rescore_merged"] = rescore
    if adaptive is not None:
        changes["adaptive_lexicon"] = adaptive
    return dataclasses.replace(AlignConfig(), **changes)  # type: ignore[arg-type]
