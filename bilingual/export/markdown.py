"""Markdown side by side: a table ``| # | <srclang> | <tgtlang> | score |``, one bead per row.

An HTML comment ``<!-- Signature: ... -->`` precedes the table (a renderer hides it; a plain
``Signature:`` line would show escaped pipes outside any table). An empty row marks where a new
paragraph starts on either side, so the table reads in paragraphs. Inside cells, line
breaks become spaces and the characters Markdown would interpret (``\\ | * _ ` [ ] < > ~ &``)
are backslash-escaped, so a renderer shows the text as written and cannot be fed HTML through
it. Omissions leave a cell empty; scores are shown with three decimals. The reader parses
such a table back.
"""

from __future__ import annotations

import math
import os
import re

from bilingual.errors import FormatError
from bilingual.export._common import (
    BeadRecord,
    bead_paragraphs,
    build_alignment,
    one_line,
    pair_record,
    parse_score,
    side_texts,
    split_lines,
)
from bilingual.io import read_text
from bilingual.model import Alignment, Level
from bilingual.signature import make_signature

_SPECIAL = re.compile(r"([\\|*_`\[\]<>~&])")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CELL_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_SIGNATURE = "Signature: "
_COMMENT_OPEN, _COMMENT_CLOSE = "<!-- ", " -->"
_BREAK_ROW = "| | | | |"


def escape_cell(text: str) -> str:
    """Make ``text`` safe and literal inside a Markdown table cell."""
    return _SPECIAL.sub(r"\\\1", one_line(text)).strip()


def unescape_cell(text: str) -> str:
    """Undo backslash escapes (CommonMark: any ASCII punctuation may be escaped)."""
    return _UNESCAPE.sub(r"\1", text)


def write_markdown(alignment: Alignment) -> str:
    """Render ``alignment`` as a Markdown side-by-side table."""
    src_lang = alignment.src.document.lang
    tgt_lang = alignment.tgt.document.lang
    # "--" may not appear inside an HTML comment; a signature never needs it, but a name might.
    signature = alignment.signature.replace("--", "- -")
    lines = [
        f"{_COMMENT_OPEN}{_SIGNATURE}{signature}{_COMMENT_CLOSE}",
        "",
        f"| # | {escape_cell(src_lang)} | {escape_cell(tgt_lang)} | score |",
        "|--:|---|---|--:|",
    ]
    previous: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    sentences = alignment.level == "sentence"
    for number, bead in enumerate(alignment.beads, start=1):
        paragraphs = bead_paragraphs(alignment, bead)
        # a paragraph-level table has a paragraph per row already: no break rows there
        if sentences and previous is not None and _new_paragraph(previous, paragraphs):
            lines.append(_BREAK_ROW)
        previous = paragraphs
        src, tgt = side_texts(alignment, bead)
        score = "" if math.isnan(bead.score) else f"{bead.score:.3f}"
        lines.append(f"| {number} | {escape_cell(src)} | {escape_cell(tgt)} | {score} |")
    return "\n".join(lines) + "\n"


def _new_paragraph(
    before: tuple[tuple[int, ...], tuple[int, ...]], after: tuple[tuple[int, ...], tuple[int, ...]]
) -> bool:
    """A side that has text in both beads moved on to another paragraph."""
    return any(a and b and a[0] != b[-1] for b, a in zip(before, after, strict=True))


def _cells(line: str) -> list[str]:
    # Split on pipes not escaped by an odd number of backslashes, keeping the backslashes.
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not _ends_escaped(body):
        body = body[:-1]
    parts: list[str] = []
    last = 0
    for m in _CELL_SPLIT.finditer(body):
        parts.append(body[last : m.end(1)])
        last = m.end()
    parts.append(body[last:])
    return [p.strip() for p in parts]


def _ends_escaped(text: str) -> bool:
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def parse_markdown(text: str, name: str = "<markdown>", *, level: Level = "sentence") -> Alignment:
    """Parse a table written by ``write_markdown`` back into an Alignment."""
    lines = split_lines(text)
    signature = ""
    header_at = None
    for i, line in enumerate(lines):
        comment = line.strip()
        if comment.startswith(_COMMENT_OPEN) and comment.endswith(_COMMENT_CLOSE):
            comment = comment[len(_COMMENT_OPEN) : -len(_COMMENT_CLOSE)]
            if comment.startswith(_SIGNATURE) and not signature:
                signature = comment[len(_SIGNATURE) :].strip()
        elif line.startswith(_SIGNATURE) and not signature:  # written before 0.2
            signature = unescape_cell(line[len(_SIGNATURE) :].strip())
        if line.lstrip().startswith("|"):
            header_at = i
            break
    if header_at is None or header_at + 1 >= len(lines):
        raise FormatError(
            f"{name}: no table found; expected a line '| # | en | zh | score |' "
            "followed by a separator line."
        )
    header = _cells(lines[header_at])
    if len(header) != 4:
        raise FormatError(
            f"{name}: line {header_at + 1}: the table needs 4 columns "
            f"(#, source, target, score), found {len(header)}."
        )
    src_lang, tgt_lang = unescape_cell(header[1]), unescape_cell(header[2])
    records: list[BeadRecord] = []
    for number in range(header_at + 3, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            break
        where = f"{name}: line {number}"
        cells = _cells(line)
        if not any(cells):
            continue  # a paragraph break
        if len(cells) != 4:
            raise FormatError(
                f"{where}: expected 4 cells, found {len(cells)}; escape pipes inside texts as \\|."
            )
        src, tgt = unescape_cell(cells[1]), unescape_cell(cells[2])
        if not src.strip() and not tgt.strip():
            raise FormatError(f"{where}: both texts are empty; delete the row.")
        records.append(pair_record(src, tgt, level=level, score=parse_score(cells[3], where)))
    return build_alignment(
        records,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        level=level,
        signature=signature or make_signature(imported="markdown"),
        src_name=f"{name}#src",
        tgt_name=f"{name}#tgt",
    )


def read_markdown(path: str | os.PathLike[str], *, level: Level = "sentence") -> Alignment:
    """Read a Markdown side-by-side file (``"-"`` for stdin); see ``parse_markdown``."""
    return parse_markdown(read_text(path), str(path), level=level)
