"""One encoder choice reaches the alignment, its signature and the check's own similarities."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.encode.base import register_encoder, unregister_encoder
from bilingual.encode.use import UseEncoder

DATA = Path(__file__).resolve().parent.parent / "data"
WIDTH = 48  # not USE's 512: nothing may assume the width


class StubEncoder:
    """Hashed character bigrams, unit rows: cheap, deterministic, and counts its calls."""

    name = "stub-v1"
    languages = frozenset({"en", "zh"})

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        for i, t in enumerate(texts):
            for a, b in itertools.pairwise(t):
                out[i, hashlib.blake2b((a + b).encode(), digest_size=2).digest()[0] % WIDTH] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[StubEncoder]:
    enc = StubEncoder()

    def refuse(self: UseEncoder, texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("the default encoder was called although another was chosen")

    monkeypatch.setattr(UseEncoder, "encode", refuse)
    register_encoder("stub-test", lambda: enc)
    yield enc
    unregister_encoder("stub-test")


def test_check_encoder_option_reaches_alignment_and_checks(stub: StubEncoder) -> None:
    args = ["check", str(DATA / "sample.en.txt"), str(DATA / "sample.zh.txt")]
    result = CliRunner().invoke(app, [*args, "--encoder", "stub-test", "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    signature = json.loads(result.stdout)["signature"]
    assert "enc:stub-v1" in signature  # the alignment was made with the stub
    assert "|enc:stub-test|params:" in signature  # and the check measured with it
    assert stub.calls >= 2


def test_check_page_encoder_option(stub: StubEncoder) -> None:
    result = CliRunner().invoke(
        app, ["check", str(DATA / "sample-page.txt"), "--encoder", "stub-test", "-f", "json"]
    )
    assert result.exit_code in (0, 1), result.output
    assert "enc:stub-test" in json.loads(result.stdout)["signature"]
    assert stub.calls >= 2


def test_features_carry_the_encoder_name(stub: StubEncoder) -> None:
    from bilingual.align.encoding import build_features

    sf, tf, _ = build_features(["One line."], "en", ["一行。", "两行。"], "zh", encoder="stub-test")
    assert sf.encoder == tf.encoder == "stub-v1"
    assert sf.vectors.shape == (1, WIDTH)
    assert tf.select([1]).encoder == tf.coarsen(2).encoder == "stub-v1"


def test_empty_side_has_the_encoders_width(stub: StubEncoder) -> None:
    from bilingual.check.context import encode_cached

    assert encode_cached("stub-test", []).shape == (0, WIDTH)


def test_config_encoder_also_aligns(stub: StubEncoder) -> None:
    from bilingual.check import CheckConfig, check_documents
    from bilingual.io import read_document

    en = read_document(DATA / "sample.en.txt", "en")
    zh = read_document(DATA / "sample.zh.txt", "zh")
    report = check_documents(en, zh, config=CheckConfig(encoder="stub-test"))
    assert "enc:stub-v1" in report.signature and "enc:stub-test" in report.signature
