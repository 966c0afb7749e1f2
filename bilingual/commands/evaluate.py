"""`bilingual eval GOLD TEST`: strict and lax precision, recall and F1 (Vecalign's definition)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilingual.commands._common import NoClobber, check_outputs, emit, handles_errors


@handles_errors
def evaluate(
    gold: Annotated[str, typer.Argument(help="Gold alignment ([0,1]:[2] lines, 0-based).")],
    test: Annotated[str, typer.Argument(help="Alignment to judge, in the same gold format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    no_clobber: NoClobber = False,
) -> None:
    """Score an alignment against gold: strict and lax precision, recall, F1."""
    from bilingual.align.evaluate import score_alignment
    from bilingual.export import read_gold

    check_outputs([output], inputs=[gold, test])
    scores = score_alignment(read_gold(gold), read_gold(test))
    emit(scores.table(), output)
