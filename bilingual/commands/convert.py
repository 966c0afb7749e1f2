"""The `convert` command: read an alignment in one format and write it in another."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, handles_errors
from bilingual.export import (
    FORMATS,
    format_from_path,
    get_format,
    moses_paths,
    read_alignment,
    write_alignment,
)

_FORMATS = ", ".join(FORMATS)


@handles_errors
def convert(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="IN",
            help="Alignment to read (.tmx .tsv .jsonl .md; for moses the PREFIX).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Argument(
            metavar="OUT",
            help="File to write ('-' for stdout); for moses the PREFIX of PREFIX.<lang> files.",
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help=f"Output format ({_FORMATS}); default: from OUT's extension, jsonl for -."
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help=f"Input format ({_FORMATS}); default: from IN's extension."),
    ] = None,
    src_lang: Annotated[
        str | None,
        typer.Option("--src-lang", help="Source language of TSV/Moses input (default: guessed)."),
    ] = None,
    tgt_lang: Annotated[
        str | None,
        typer.Option("--tgt-lang", help="Target language of TSV/Moses input (default: guessed)."),
    ] = None,
    no_clobber: NoClobber = False,
) -> None:
    """Convert an alignment between TMX, TSV, JSONL, Moses, gold and Markdown."""
    if to is None and str(output) == "-":
        to = "jsonl"
    # Resolve the output format first so a typo fails before any reading.
    fmt = get_format(to or format_from_path(output)).name
    stdout = str(output) == "-"
    check_outputs([None if stdout or fmt == "moses" else output], inputs=[input_path])
    alignment = read_alignment(input_path, from_, src_lang=src_lang, tgt_lang=tgt_lang)
    if fmt == "moses" and not stdout:
        langs = (alignment.src.document.lang, alignment.tgt.document.lang)
        check_outputs(moses_paths(output, *langs) if langs[0] != langs[1] else [])
    write_alignment(alignment, fmt, None if str(output) == "-" else output)
