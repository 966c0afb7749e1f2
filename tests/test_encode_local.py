"""The optional local sentence-transformers encoder and the encode-once feature builder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from bilingual.align.encoding import _encode, build_features
from bilingual.encode.base import get_encoder
from bilingual.encode.local import SentenceTransformerEncoder
from bilingual.errors import ConfigError, DependencyError


def test_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a folder"):
        SentenceTransformerEncoder(tmp_path / "nope")


def test_folder_is_resolved_by_the_registry_lazily(tmp_path: Path) -> None:
    enc = get_encoder(str(tmp_path))
    assert isinstance(enc, SentenceTransformerEncoder)
    assert enc.name == f"st:{tmp_path.name}"


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed here",
)
def test_without_the_package_a_dependency_error_says_what_to_install(tmp_path: Path) -> None:
    enc = SentenceTransformerEncoder(tmp_path)
    with pytest.raises(DependencyError, match="pip install sentence-transformers"):
        enc.encode(["hello"])


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None,
    reason="sentence-transformers is not installed",
)
def test_a_folder_that_is_no_model_is_refused_without_download(tmp_path: Path) -> None:
    enc = SentenceTransformerEncoder(tmp_path)
    with pytest.raises(ConfigError):
        enc.encode(["hello"])


def test_repeated_texts_are_encoded_once_and_rows_match() -> None:
    texts = [
        "And God saw that it was good.",
        "Let there be light.",
        "And God saw that it was good.",
    ]
    out = _encode("use", texts)
    assert out.shape == (3, 512)
    assert np.allclose(out[0], out[2])
    assert not np.allclose(out[0], out[1])
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_build_features_shapes_and_lengths() -> None:
    src, tgt, timings = build_features(
        ["One apple.", "Two pears here."], "en", ["一个苹果。", "两个梨。", "在这里。"], "zh"
    )
    assert src.vectors.shape == (2, 512) and tgt.vectors.shape == (3, 512)
    assert src.lexical is not None and src.lexical.shape[0] == 2
    assert list(src.lengths) == [9.0, 13.0]  # characters without spaces
    assert timings.encode >= 0 and timings.lexical >= 0
