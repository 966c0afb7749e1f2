"""`bilingual split PAGE --en EN --zh ZH`: separate a mixed English/Chinese page."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, emit, handles_errors
from bilingual.errors import ConfigError
from bilingual.model import SplitPage


class SplitFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


def pieces_jsonl(split_page: SplitPage) -> str:
    """Every piece of the page, in page order, with its side and source offsets."""
    return "".join(
        json.dumps(
            {
                "index": i,
                "side": p.side,
                "paragraph": p.paragraph,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "signature": split_page.signature,
            },
            ensure_ascii=False,
        )
        + "\n"
        for i, p in enumerate(split_page.pieces)
    )


@handles_errors
def split(
    page: Annotated[str, typer.Argument(help="A page holding English and Chinese; '-' = stdin.")],
    en: Annotated[Path | None, typer.Option("--en", help="Write the English side here.")] = None,
    zh: Annotated[Path | None, typer.Option("--zh", help="Write the Chinese side here.")] = None,
    fmt: Annotated[
        SplitFormat,
        typer.Option("--format", help="text: the two sides; jsonl: every piece with offsets."),
    ] = SplitFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where the jsonl goes (default stdout).")
    ] = None,
    no_clobber: NoClobber = False,
) -> None:
    """Split one mixed English/Chinese page into an English and a Chinese text."""
    from bilingual.io import is_stdout, read_text, write_files_atomic
    from bilingual.model import Document
    from bilingual.segment.mixed import require_mixed_page, split_page

    if fmt is SplitFormat.text and (en is None or zh is None):
        raise ConfigError("give both --en FILE and --zh FILE (or --format jsonl for the pieces).")
    if any(side is not None and str(side) == "-" for side in (en, zh)):
        raise ConfigError("--en and --zh need file names; '-' (stdout) cannot hold one side.")
    check_outputs([en, zh, output], inputs=[page])
    name = "<stdin>" if page == "-" else page
    document = Document(read_text(page), "mixed", name)
    require_mixed_page(document)
    result = split_page(document)
    sides = {p: t for p, t in ((en, result.en.text), (zh, result.zh.text)) if p is not None}
    if fmt is SplitFormat.jsonl and output is not None and not is_stdout(output):
        sides[output] = pieces_jsonl(result)
    write_files_atomic(sides)  # both sides (and the pieces) or nothing
    if fmt is SplitFormat.jsonl and is_stdout(output):
        emit(pieces_jsonl(result), None)
    elif result.neutral:
        shown = ", ".join(repr(p.text) for p in result.neutral[:10])
        more = "" if len(result.neutral) <= 10 else f" and {len(result.neutral) - 10} more"
        typer.echo(
            f"note: {len(result.neutral)} neutral piece(s) kept on neither side: {shown}{more} "
            "(see --format jsonl)",
            err=True,
        )
