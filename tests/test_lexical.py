"""The lexical channel: keys shared across languages, IDF-weighted hashed vectors, windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.encode.lexical import cedict_glosses, lexical_keys, lexical_vectors
from bilingual.lang.en.stem import stem

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
needs_bench = pytest.mark.skipif(
    not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH} (../shared/bench)"
)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else 0.0


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_stem_is_shared_by_word_forms() -> None:
    assert stem("created") == stem("create") == stem("creates") == stem("creation")
    assert stem("cities") == stem("city")
    assert stem("stopped") == stem("stop")


def test_cedict_glosses_come_from_the_dictionary() -> None:
    assert "creat" in cedict_glosses("创造")
    assert "god" in cedict_glosses("神")
    assert cedict_glosses("創造") == cedict_glosses("创造")  # traditional headwords too
    assert cedict_glosses("不是一个词语啊") == ()


def test_keys_share_glosses_numbers_names_and_punctuation() -> None:
    en = set(lexical_keys("Did OpenAI really charge $2,000 a month for the API?", "en"))
    zh = set(lexical_keys("OpenAI真的每月收取2000美元的API费用吗？", "zh"))
    assert {"w:openai", "w:api", "n:2000", "p:?", "w:month"} <= en & zh


def test_stopwords_and_function_words_give_no_keys() -> None:
    assert lexical_keys("and the of to it", "en") == ()
    assert lexical_keys("的了是在", "zh") == ()


def test_prefix_mode_for_pairs_without_chinese() -> None:
    de = set(lexical_keys("Der Gletscher am Matterhorn ist 4000 Meter hoch.", "de", "fr"))
    fr = set(lexical_keys("Le glacier du Cervin au Matterhorn culmine à 4000 mètres.", "fr", "de"))
    assert {"n:4000", "x:matt", "c:matterhorn", "x:glet"} <= de
    assert {"n:4000", "x:matt", "c:matterhorn", "x:glac"} <= fr
    assert "x:der" not in de  # short function words carry no key


def test_vectors_shape_dtype_zero_rows_and_idf() -> None:
    src = ["God created the heaven.", "and the of", "God saw the light."]
    tgt = ["神创造天。", "神看光。"]
    # A wide space keeps this tiny example free of hash collisions (at 256..4096 dims one key
    # of the third sentence happens to share a bucket with one of the first target).
    dim = 1 << 16
    a, b = lexical_vectors(src, "en", tgt, "zh", dim=dim)
    assert a.shape == (3, dim) and b.shape == (2, dim)
    assert a.dtype == np.float32 and b.dtype == np.float32
    assert not a[1].any()  # only stopwords: a zero row
    assert _cos(a[0], b[0]) > _cos(a[0], b[1])
    assert _cos(a[2], b[1]) > _cos(a[2], b[0])


def test_idf_weighs_down_keys_that_occur_everywhere() -> None:
    src = ["God light", "God water", "God earth", "God stars"]
    tgt = ["光", "神"]  # light, God: each matches one word of the first sentence
    a, b = lexical_vectors(src, "en", tgt, "zh", dim=1 << 16)
    # "god" is in most segments, "light" in two: the rare word decides.
    assert _cos(a[0], b[0]) > _cos(a[0], b[1]) > 0


def test_rows_add_up_to_windows() -> None:
    """An aligner scores a 2-1 bead by summing two source rows: that must beat either row."""
    en = [
        "And God said, Let there be light: and there was light.",
        "And God saw the light, that it was good.",
    ]
    zh = ["神说：要有光，就有了光。神看光是好的。"]
    a, b = lexical_vectors(en, "en", zh, "zh")
    window = a[0] + a[1]
    assert _cos(window, b[0]) > max(_cos(a[0], b[0]), _cos(a[1], b[0]))
    both, _ = lexical_vectors([" ".join(en)], "en", zh, "zh")
    # Same keys as the joined text; only the IDF (counted per segment) differs.
    assert _cos(window, both[0]) > 0.95


def test_vectors_are_deterministic() -> None:
    src, tgt = ["OpenAI sells 15% more."], ["OpenAI多卖了百分之十五。"]
    a1, b1 = lexical_vectors(src, "en", tgt, "zh")
    a2, b2 = lexical_vectors(src, "en", tgt, "zh")
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)


@needs_bench
@pytest.mark.parametrize(
    ("name", "en_file", "zh_file"),
    [
        ("tatoeba", "tatoeba-zh-en/tatoeba.cmn-eng.eng", "tatoeba-zh-en/tatoeba.cmn-eng.cmn"),
        (
            "ntrex",
            "ntrex128-en-zh/newstest2019-src.eng.txt",
            "ntrex128-en-zh/newstest2019-ref.zho-CN.txt",
        ),
    ],
)
def test_true_pairs_beat_unrelated_pairs_on_real_data(
    name: str, en_file: str, zh_file: str
) -> None:
    en = _lines(BENCH / en_file)[:300]
    zh = _lines(BENCH / zh_file)[:300]
    a, b = lexical_vectors(en, "en", zh, "zh")
    an = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
    bn = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
    sim = an @ bn.T
    true = np.diag(sim)
    shifted = np.diag(sim, k=7)  # unrelated pairs: sentence i against translation of i+7
    assert np.mean(true[:-7] > shifted) > 0.8
    # Top-1 among the 21 nearest candidates, a floor far below what bench/ measures.
    hits = [int(np.argmax(sim[i, max(0, i - 10) : i + 11])) == min(i, 10) for i in range(len(en))]
    assert np.mean(hits) > 0.6


@needs_bench
def test_text_berg_de_fr_pairs_score_above_unrelated() -> None:
    tb = BENCH / "text+berg"
    de, fr = _lines(tb / "de" / "001"), _lines(tb / "fr" / "001")
    pairs = []
    for line in _lines(tb / "gold" / "001"):
        s, t = line.split(":")
        s_ids = [int(x) for x in s.strip("[] ").split(",") if x.strip()]
        t_ids = [int(x) for x in t.strip("[] ").split(",") if x.strip()]
        if len(s_ids) == 1 and len(t_ids) == 1:
            pairs.append((s_ids[0], t_ids[0]))
    a, b = lexical_vectors(de, "de", fr, "fr")
    true = [_cos(a[i], b[j]) for i, j in pairs]
    other = [_cos(a[i], b[(j + 5) % len(fr)]) for i, j in pairs]
    informative = [(t, o) for t, o in zip(true, other, strict=True) if t != o]
    assert len(informative) > len(pairs) / 2
    assert np.mean([t > o for t, o in informative]) > 0.8


def test_empty_inputs_give_empty_matrices() -> None:
    a, b = lexical_vectors([], "en", [], "zh", dim=64)
    assert a.shape == (0, 64) and b.shape == (0, 64)
    a, b = lexical_vectors([""], "en", ["。"], "zh", dim=64)
    assert not a.any() and not b.any()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6), st.sampled_from(["en", "zh", "de"]))
def test_any_text_gives_finite_rows(texts: list[str], lang: str) -> None:
    other = {"en": "zh", "zh": "en", "de": "fr"}[lang]
    a, b = lexical_vectors(texts, lang, texts[::-1], other, dim=128)
    assert a.shape == (len(texts), 128) and np.isfinite(a).all() and np.isfinite(b).all()


def test_bad_dimension_is_a_config_error() -> None:
    from bilingual.errors import ConfigError

    with pytest.raises(ConfigError, match="dim"):
        lexical_vectors(["a"], "en", ["b"], "zh", dim=0)
