"""Moses parallel text: two plain files, ``PREFIX.<srclang>`` and ``PREFIX.<tgtlang>``.

Line k of both files is bead k, so the line counts are always equal. Omission beads keep their
line with the missing side empty (Moses' clean-corpus-n.perl drops such pairs); every segment
therefore appears exactly once. Line breaks inside a text become spaces; multi-segment sides are
joined with a space (English) or nothing (Chinese).
"""

from __future__ import annotations

import os
from pathlib import Path

from bilingual.errors import FormatError
from bilingual.export._common import (
    BeadRecord,
    one_line,
    pair_record,
    pairs_alignment,
    side_texts,
    split_lines,
)
from bilingual.export.stream import CorpusPair, StreamTarget
from bilingual.io import read_text
from bilingual.model import Alignment, Level
from bilingual.signature import make_signature


def write_moses(alignment: Alignment) -> tuple[str, str]:
    """Render ``alignment`` as the source and the target file contents (equal line counts)."""
    src_lines: list[str] = []
    tgt_lines: list[str] = []
    for bead in alignment.beads:
        src, tgt = side_texts(alignment, bead)
        src_lines.append(one_line(src) + "\n")
        tgt_lines.append(one_line(tgt) + "\n")
    return "".join(src_lines), "".join(tgt_lines)


class MosesStream:
    """Moses written pair by pair (the ``stream`` of the moses format): line k of the two
    files (``StreamTarget.files``: source, target) is pair k."""

    def __init__(self, target: StreamTarget) -> None:
        self._src, self._tgt = target.files

    def add(self, pair: CorpusPair) -> None:
        """Write one line to each file."""
        self._src.write(one_line(pair.src) + "\n")
        self._tgt.write(one_line(pair.tgt) + "\n")

    def close(self) -> None:
        """Nothing follows the last line."""


def moses_paths(prefix: str | os.PathLike[str], src_lang: str, tgt_lang: str) -> tuple[Path, Path]:
    """The two file names Moses output goes to: ``PREFIX.<srclang>``, ``PREFIX.<tgtlang>``."""
    prefix = str(prefix)
    return Path(f"{prefix}.{src_lang}"), Path(f"{prefix}.{tgt_lang}")


def parse_moses(
    src_text: str,
    tgt_text: str,
    name: str = "<moses>",
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    level: Level = "sentence",
) -> Alignment:
    """Pair the lines of two Moses files; their line counts must be equal."""
    src_lines, tgt_lines = split_lines(src_text), split_lines(tgt_text)
    if len(src_lines) != len(tgt_lines):
        raise FormatError(
            f"{name}: the source has {len(src_lines)} lines and the target {len(tgt_lines)}; "
            "Moses files must have one line per pair in both files."
        )
    records: list[BeadRecord] = []
    for number, (src, tgt) in enumerate(zip(src_lines, tgt_lines, strict=True), start=1):
        if not src.strip() and not tgt.strip():
            raise FormatError(f"{name}: line {number} is empty in both files; delete it.")
        records.append(pair_record(src, tgt, level=level))
    return pairs_alignment(
        records,
        name=name,
        signature=make_signature(imported="moses"),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        level=level,
    )


def read_moses(prefix: str | os.PathLike[str], src_lang: str, tgt_lang: str) -> Alignment:
    """Read ``PREFIX.<srclang>`` and ``PREFIX.<tgtlang>`` as one alignment."""
    src_path, tgt_path = moses_paths(prefix, src_lang, tgt_lang)
    return parse_moses(
        read_text(src_path, allow_empty=True),
        read_text(tgt_path, allow_empty=True),
        str(prefix),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )
