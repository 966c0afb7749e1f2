"""Today's outputs, pinned: numbers, names, terms, segmentation and drift checks must not move.

Two golden files: one over the in-repo sample data (always runs), one over slices of the
benchmark texts in ../shared/bench and the seed page (skipped when those are absent). See
tests/_pinned.py for what each section digests and how to regenerate on purpose.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from _pinned import TextSet, compare_with_golden, document_from_lines, section_digests

from bilingual.io import read_document, read_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
BENCH = ROOT.parent / "shared" / "bench"
SEED = ROOT.parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("BILINGUAL_PIN_UPDATE") == "1"


def _lines(path: Path, start: int = 0, stop: int | None = None) -> tuple[str, ...]:
    lines = read_text(path).splitlines()
    return tuple(line for line in lines[start:stop] if line.strip())


def _assert_same(name: str, digests: dict[str, str]) -> None:
    changed = compare_with_golden(GOLDEN / name, digests, UPDATE)
    assert not changed, f"pinned outputs changed in {len(changed)} sections: {changed[:20]}"


def test_sample_data_outputs_are_pinned() -> None:
    # Names relative to the checkout: reports show them, and a clone may live anywhere.
    en_doc = read_document(DATA / "sample.en.txt", "en", name="data/sample.en.txt")
    zh_doc = read_document(DATA / "sample.zh.txt", "zh", name="data/sample.zh.txt")
    page = read_document(DATA / "sample-page.txt", "auto", name="data/sample-page.txt")
    sets = [
        TextSet("sample", _lines(DATA / "sample.en.txt"), _lines(DATA / "sample.zh.txt"), False),
        TextSet(
            "sample-page", _lines(DATA / "sample-page.txt"), _lines(DATA / "sample-page.txt"), False
        ),
    ]
    _assert_same("pinned_data.json", section_digests(sets, [page], [(en_doc, zh_doc)]))


@pytest.mark.skipif(
    not BENCH.is_dir() or not SEED.is_file(),
    reason=f"benchmark texts not found at {BENCH} (and the seed page at {SEED}); "
    "the pinned benchmark outputs need them",
)
def test_benchmark_outputs_are_pinned() -> None:
    bible, ntrex = BENCH / "bible-en-zh", BENCH / "ntrex128-en-zh"
    mac, laws = BENCH / "mac-dev-zh-en", BENCH / "prc-laws-zh-en" / "converted"
    ntrex_en = _lines(ntrex / "newstest2019-src.eng.txt", 0, 600)
    ntrex_zh = _lines(ntrex / "newstest2019-ref.zho-CN.txt", 0, 600)
    assert len(ntrex_en) == len(ntrex_zh)
    sets = [
        TextSet(
            "bible",
            _lines(bible / "src" / "006", 0, 1500),
            _lines(bible / "tgt" / "006", 0, 2000),
            False,
        ),
        TextSet("ntrex", ntrex_en, ntrex_zh, True),
        TextSet("mac-dev-001", _lines(mac / "en" / "001"), _lines(mac / "zh" / "001"), False),
        TextSet("prc-constitution", _lines(laws / "宪法.en"), _lines(laws / "宪法.zh"), False),
        TextSet(
            "prc-assembly",
            _lines(laws / "集会游行示威法.en"),
            _lines(laws / "集会游行示威法.zh"),
            False,
        ),
        TextSet("seed", _lines(SEED), _lines(SEED), False),
    ]
    pairs = [
        (
            document_from_lines(ntrex_en[:48], "en", "ntrex.en", 4),
            document_from_lines(ntrex_zh[:48], "zh", "ntrex.zh", 4),
        ),
        (
            document_from_lines(_lines(bible / "src" / "006", 0, 60), "en", "bible.en", 10),
            document_from_lines(_lines(bible / "tgt" / "006", 0, 85), "zh", "bible.zh", 12),
        ),
        (
            document_from_lines(_lines(mac / "en" / "001", 0, 80), "en", "mac.en", 8),
            document_from_lines(_lines(mac / "zh" / "001", 0, 60), "zh", "mac.zh", 6),
        ),
        (
            document_from_lines(_lines(laws / "集会游行示威法.en"), "en", "assembly.en", 1),
            document_from_lines(_lines(laws / "集会游行示威法.zh"), "zh", "assembly.zh", 1),
        ),
    ]
    page = read_document(SEED, "auto", name="seed")
    _assert_same("pinned_bench.json", section_digests(sets, [page], pairs))


def test_last_bit_noise_does_not_move_the_pinned_digests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vectors that differ in their last bits (another BLAS, numpy or CPU) give the same outputs.

    Every sentence vector is multiplied element-wise by ``1 + e`` with ``|e|`` around float32's
    machine epsilon (far more than the ~1e-12 of a float64 summation order), so every similarity
    and score downstream moves in its last digits; the digests of what users read must not.
    """
    import numpy as np

    from bilingual.encode.use import UseEncoder
    from bilingual.encode.vectors import normalise_rows

    encode = UseEncoder.encode
    rng = np.random.default_rng(20261207)
    calls: list[int] = []

    def noisy(self: UseEncoder, texts: list[str]) -> np.ndarray:
        v = encode(self, texts)
        calls.append(len(texts))
        e = np.float32(2.0**-23) * rng.standard_normal(v.shape).astype(np.float32)
        perturbed = normalise_rows(v * (np.float32(1) + e))
        assert 0 < np.abs(perturbed - v).max() < 1e-5  # really perturbed, only in the last bits
        return perturbed

    monkeypatch.setattr(UseEncoder, "encode", noisy)
    monkeypatch.setattr(sys.modules[__name__], "UPDATE", False)  # never re-pin from noisy vectors
    test_sample_data_outputs_are_pinned()
    assert sum(calls) > 0, "no vector was encoded: the perturbation reached nothing"
