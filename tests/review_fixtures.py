"""The sample pair aligned once per test process (by the real aligner), as JSONL text."""

from __future__ import annotations

import functools
from pathlib import Path

from bilingual.align import align_documents
from bilingual.export import write_jsonl
from bilingual.io import read_document

DATA = Path(__file__).resolve().parents[1] / "data"


@functools.lru_cache(maxsize=1)
def sample_jsonl() -> str:
    src = read_document(DATA / "sample.en.txt", "en")
    tgt = read_document(DATA / "sample.zh.txt", "zh")
    return write_jsonl(align_documents(src, tgt))
