"""Gold alignments in Vecalign's format: one bead per line, ``[0,1]:[2]``, 0-based ids.

Omissions are ``[3]:[]`` and additions ``[]:[4]``. The writer keeps only ids (no texts or
scores). The reader also accepts spaces (``[0, 1]:[2]``) and a trailing ``:cost`` field as in
Vecalign's own output, which it ignores: gold beads get score 1.0 (they are certain).
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter

from bilingual.errors import FormatError
from bilingual.io import read_text
from bilingual.model import Alignment, Bead, Level

log = logging.getLogger(__name__)

# Segment ids are line numbers; 18 digits fit in an int64 and are far beyond any corpus.
_MAX_ID_DIGITS = 18

_LINE = re.compile(
    r"^\s*\[\s*([0-9,\s]*?)\s*\]\s*:\s*\[\s*([0-9,\s]*?)\s*\]\s*(?::\s*[-+0-9.eE]+\s*)?$"
)


def format_bead(bead: Bead) -> str:
    """One gold line (without newline) for ``bead``."""
    return f"[{','.join(map(str, bead.src))}]:[{','.join(map(str, bead.tgt))}]"


def write_gold(alignment: Alignment) -> str:
    """Render the bead ids of ``alignment`` as gold lines."""
    return "".join(format_bead(b) + "\n" for b in alignment.beads)


def _ids(text: str, where: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",")] if text.strip() else []
    if any(not p.isdigit() for p in parts):
        raise FormatError(
            f"{where}: ids must be non-negative integers separated by commas, got [{text[:60]}]."
        )
    if any(len(p) > _MAX_ID_DIGITS for p in parts):
        raise FormatError(
            f"{where}: an id has more than {_MAX_ID_DIGITS} digits; ids are 0-based segment "
            "numbers, so this is not a gold file."
        )
    return tuple(int(p) for p in parts)


def parse_gold(
    text: str, name: str = "<gold>", *, level: Level = "sentence", strict: bool = False
) -> tuple[Bead, ...]:
    """Parse gold lines into beads; blank lines are ignored.

    An id in two beads is logged as a warning (published gold files contain such typos, e.g.
    Text+Berg 002 line 197 ``[227, 218]``) or, with ``strict``, raised as a FormatError.
    """
    beads: list[Bead] = []
    seen_src: set[int] = set()
    seen_tgt: set[int] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}: line {number}"
        m = _LINE.match(line)
        if m is None:
            raise FormatError(
                f"{where}: {line.strip()[:60]!r} is not a gold line; expected "
                "e.g. [0,1]:[2] or [3]:[] (0-based ids)."
            )
        src, tgt = _ids(m.group(1), where), _ids(m.group(2), where)
        if not src and not tgt:
            raise FormatError(f"{where}: both sides are empty ([]:[]); delete the line.")
        for ids, seen, side in ((src, seen_src, "source"), (tgt, seen_tgt, "target")):
            dups = seen.intersection(ids) | {i for i, n in Counter(ids).items() if n > 1}
            if dups:
                message = (
                    f"{where}: {side} id {min(dups)} is already in another bead; "
                    "each segment belongs to exactly one bead."
                )
                if strict:
                    raise FormatError(message)
                log.warning("%s", message)
            seen.update(ids)
        beads.append(Bead(src=src, tgt=tgt, score=1.0, level=level))
    return tuple(beads)


def read_gold(
    path: str | os.PathLike[str], *, level: Level = "sentence", strict: bool = False
) -> tuple[Bead, ...]:
    """Read a gold file (``"-"`` for stdin); see ``parse_gold``."""
    return parse_gold(read_text(path), str(path), level=level, strict=strict)
