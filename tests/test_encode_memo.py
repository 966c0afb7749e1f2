"""A check run reads the aligner's sentence vectors instead of encoding the segments again."""

from __future__ import annotations

import collections
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from bilingual.encode import memo
from bilingual.encode.base import register_encoder, unregister_encoder
from bilingual.io import read_document

DATA = Path(__file__).resolve().parent.parent / "data"


class CountingEncoder:
    """Hashed characters, unit rows; counts how often each text is encoded."""

    name = "counting-v1"
    languages = frozenset({"en", "zh"})

    def __init__(self) -> None:
        self.seen: collections.Counter[str] = collections.Counter()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.update(texts)
        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, t in enumerate(texts):
            for c in t:
                out[i, hashlib.blake2b(c.encode(), digest_size=1).digest()[0] % 32] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


@pytest.fixture
def counting() -> Iterator[CountingEncoder]:
    enc = CountingEncoder()
    register_encoder("counting-test", lambda: enc)
    memo._CACHE.clear()
    yield enc
    unregister_encoder("counting-test")
    memo._CACHE.clear()


def test_check_encodes_each_segment_once(counting: CountingEncoder) -> None:
    from bilingual.check import check_documents

    en = read_document(DATA / "sample.en.txt", "en")
    zh = read_document(DATA / "sample.zh.txt", "zh")
    report = check_documents(en, zh, encoder="counting-test")
    segments = report.alignment.src.texts + report.alignment.tgt.texts
    assert all(counting.seen[t] == 1 for t in segments)
    assert not memo.is_sharing()  # the run ended with the check


def test_same_findings_as_a_check_that_encodes_again(counting: CountingEncoder) -> None:
    from bilingual.align import align_documents
    from bilingual.check import CheckConfig, check_alignment, check_documents
    from bilingual.report import report_to_json

    en = read_document(DATA / "sample.en.txt", "en")
    zh = read_document(DATA / "sample.zh.txt", "zh")
    shared = check_documents(en, zh, encoder="counting-test")
    memo._CACHE.clear()
    alignment = align_documents(en, zh, encoder="counting-test")  # no run: nothing kept
    alone = check_alignment(alignment, config=CheckConfig(encoder="counting-test"))
    assert report_to_json(shared) == report_to_json(alone)


def test_outside_a_run_nothing_is_remembered() -> None:
    memo.remember("x", ["a"], np.ones((1, 4), dtype=np.float32))
    assert memo._known(("x", "a")) is None
    with memo.sharing():
        memo.remember("x", ["a"], np.ones((1, 4), dtype=np.float32))
        assert memo._known(("x", "a")) is not None
    assert memo._known(("x", "a")) is None
