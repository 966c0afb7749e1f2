"""Translation memories read from files: TMX, TSV or JSONL, or a corpus output folder.

The consistency check (``bilingual.check.consistency``) compares a document's translations
with a memory's; ``check DIR`` builds one from the files checked before.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import InputError
from bilingual.export import read_alignment
from bilingual.model import Alignment

__all__ = ["MemoryEntry", "TranslationMemory", "load_memory"]


@dataclass(frozen=True)
class MemoryEntry:
    """One translation of the memory, and where it came from (file and unit or document)."""

    source: str
    target: str
    origin: str


@dataclass(frozen=True)
class TranslationMemory:
    """Reference translations to stay consistent with."""

    entries: tuple[MemoryEntry, ...]
    name: str = "<memory>"
    label: str = "the memory"  # how messages name it ("an earlier file" for check DIR)


def _entries(alignment: Alignment, origin: str) -> Iterable[MemoryEntry]:
    for k, b in enumerate(alignment.beads):
        if b.src and b.tgt:
            yield MemoryEntry(alignment.src_text(b), alignment.tgt_text(b), f"{origin}#{k}")


def load_memory(path: str | os.PathLike[str]) -> TranslationMemory:
    """Read a TMX, TSV or JSONL file, or every alignment of a corpus output folder."""
    p = Path(path)
    if p.is_dir():
        files = sorted((p / "alignments").glob("**/*.jsonl"))
        if not files:
            files = sorted(p.glob("*.jsonl")) + sorted(p.glob("*.tmx"))
        if not files:
            raise InputError(
                f"{p}: holds no alignments (alignments/**/*.jsonl, *.jsonl, *.tmx); give a "
                "corpus output folder or a TMX/TSV/JSONL file."
            )
        entries: list[MemoryEntry] = []
        for f in files:
            rel = f.relative_to(p / "alignments") if (p / "alignments") in f.parents else f.name
            entries.extend(_entries(read_alignment(f), str(rel)))
        return TranslationMemory(tuple(entries), str(p))
    if not p.exists():
        raise InputError(f"{p}: no such file or folder; check the --against path.")
    return TranslationMemory(tuple(_entries(read_alignment(p), p.name)), str(p))
