"""A sentence's USE vector is the same bit for bit whatever it is encoded with."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bilingual.encode.base import get_encoder
from bilingual.encode.use import SENTENCE_ROWS, TOKEN_ROWS, fixed_shape_batches
from bilingual.model import Document
from bilingual.segment import segment

DATA = Path(__file__).resolve().parent.parent / "data"


def _texts() -> list[str]:
    out: list[str] = []
    for name, lang in (("sample.en.txt", "en"), ("sample.zh.txt", "zh")):
        doc = Document((DATA / name).read_text(encoding="utf-8"), lang)
        sentences = segment(doc, "sentence").texts
        out += sentences
        out += [part for t in sentences for part in t.replace("，", ",").split(",")]
        out += [t[: len(t) // 3] for t in sentences]
    # a sentence longer than one pass, an empty and a one-character text
    out += [" ".join(out[:40]), "", "a", "。"]
    return list(dict.fromkeys(out))


def test_vector_independent_of_batch() -> None:
    enc = get_encoder("use")
    texts = _texts()
    assert len(texts) > 2 * SENTENCE_ROWS  # several passes
    together = enc.encode(texts)
    shuffled = texts[:]
    random.Random(7).shuffle(shuffled)
    again = enc.encode(shuffled)
    where = {t: i for i, t in enumerate(shuffled)}
    assert np.array_equal(together, again[[where[t] for t in texts]])
    for k in range(0, len(texts), 9):  # alone, and in pairs with another text
        assert np.array_equal(enc.encode([texts[k]])[0], together[k]), texts[k]
        pair = enc.encode([texts[-1 - k], texts[k]])
        assert np.array_equal(pair[1], together[k])


@given(st.lists(st.integers(min_value=1, max_value=3 * TOKEN_ROWS), max_size=200))
def test_passes_have_one_shape(lengths: list[int]) -> None:
    passes = fixed_shape_batches(lengths)
    covered = [i for start, stop, _ in passes for i in range(start, stop)]
    assert covered == list(range(len(lengths)))  # every sentence once, in order
    for start, stop, rows in passes:
        assert 1 <= stop - start <= SENTENCE_ROWS - 1  # room for at least one filler
        assert rows % TOKEN_ROWS == 0
        fillers = SENTENCE_ROWS - (stop - start)
        # every filler gets at least one token row
        assert sum(lengths[start:stop]) + fillers <= rows
        if rows > TOKEN_ROWS:
            assert stop - start == 1  # only a long sentence alone takes several blocks
