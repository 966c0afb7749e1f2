"""TSV: one bead per line, ``src<TAB>tgt<TAB>score``, no header line.

There is deliberately no header or comment line: corpus tools (pandas, OpusFilter, cut) read
the file as plain three-column data, and a ``#`` line could not be told from a text that begins
with ``#`` (a Markdown heading). Use JSONL or TMX when the signature must travel with the data.
Tabs and line breaks inside a text become spaces; a multi-segment side is joined with a space
(English) or nothing (Chinese); an omission leaves its side empty; an unknown score is empty.
The reader accepts two columns (no score) or three, and gives one segment per non-empty field.
"""

from __future__ import annotations

import os

from bilingual.errors import FormatError
from bilingual.export._common import (
    BeadRecord,
    format_score,
    one_line,
    pair_record,
    pairs_alignment,
    parse_score,
    side_texts,
    split_lines,
)
from bilingual.io import read_text
from bilingual.model import Alignment, Level
from bilingual.signature import make_signature


def write_tsv(alignment: Alignment) -> str:
    """Render ``alignment`` as TSV lines ``src<TAB>tgt<TAB>score``."""
    lines = []
    for bead in alignment.beads:
        src, tgt = side_texts(alignment, bead)
        lines.append(f"{one_line(src)}\t{one_line(tgt)}\t{format_score(bead.score)}\n")
    return "".join(lines)


def parse_tsv(
    text: str,
    name: str = "<tsv>",
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    level: Level = "sentence",
) -> Alignment:
    """Parse TSV text; languages not given are guessed from the script (zh or en)."""
    records: list[BeadRecord] = []
    for number, line in enumerate(split_lines(text), start=1):
        where = f"{name}: line {number}"
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            raise FormatError(
                f"{where}: expected 2 or 3 tab-separated columns (src, tgt, score), found "
                f"{len(fields)}; remove tabs inside texts or fix the line."
            )
        src, tgt = fields[0], fields[1]
        score = parse_score(fields[2], where) if len(fields) == 3 else float("nan")
        if not src.strip() and not tgt.strip():
            raise FormatError(f"{where}: both texts are empty; delete the line.")
        records.append(pair_record(src, tgt, level=level, score=score))
    return pairs_alignment(
        records,
        name=name,
        signature=make_signature(imported="tsv"),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        level=level,
    )


def read_tsv(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    level: Level = "sentence",
) -> Alignment:
    """Read a TSV file (``"-"`` for stdin); see ``parse_tsv``."""
    return parse_tsv(read_text(path), str(path), src_lang=src_lang, tgt_lang=tgt_lang, level=level)
