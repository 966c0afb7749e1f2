"""`bilingual segment FILE`: paragraphs or sentences, one per line or as JSON lines."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, emit, handles_errors
from bilingual.commands._options import SpacyModel
from bilingual.model import Segmentation

# Inputs longer than this get a progress bar on stderr.
PROGRESS_MIN_CHARS = 500_000


class SegLevel(str, Enum):
    paragraph = "paragraph"
    sentence = "sentence"


class SegFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


def format_segmentation(seg: Segmentation, fmt: str) -> str:
    """One segment per line (internal newlines become spaces), or one JSON object per line."""
    if fmt == "text":
        return "".join(" ".join(s.text.splitlines()) + "\n" for s in seg.segments)
    return "".join(
        json.dumps(
            {
                "index": s.index,
                "paragraph": s.paragraph,
                "start": s.start,
                "end": s.end,
                "lang": s.lang,
                "text": s.text,
                "signature": seg.signature,
            },
            ensure_ascii=False,
        )
        + "\n"
        for s in seg.segments
    )


@handles_errors
def segment(
    file: Annotated[str, typer.Argument(help="Text file to segment; '-' reads stdin.")],
    lang: Annotated[
        str, typer.Option("--lang", help="auto, en, zh (zh-CN/zh-TW), or e.g. de, fr.")
    ] = "auto",
    level: Annotated[SegLevel, typer.Option("--level", help="Segment level.")] = (
        SegLevel.sentence
    ),
    fmt: Annotated[
        SegFormat, typer.Option("--format", help="text: one segment a line; jsonl: with offsets.")
    ] = SegFormat.text,
    spacy_model: SpacyModel = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    no_clobber: NoClobber = False,
) -> None:
    """Split a text into paragraphs or sentences (English, Chinese, other Latin-script)."""
    from bilingual.io import read_document
    from bilingual.segment import segment as run_segment

    check_outputs([output], inputs=[file])
    doc = read_document(file, lang)
    if len(doc.text) < PROGRESS_MIN_CHARS or level is SegLevel.paragraph:
        seg = run_segment(doc, level.value, spacy_model=spacy_model)
    else:
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("segmenting", total=len(doc.text))
            seg = run_segment(
                doc,
                level.value,
                spacy_model=spacy_model,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
    emit(format_segmentation(seg, fmt.value), output)
