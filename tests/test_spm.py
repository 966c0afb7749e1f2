"""The joint EN+ZH sentencepiece model shipped in models/ (package bilingual.models)."""

from __future__ import annotations

import importlib.resources

from bilingual.encode.length import segment_lengths, spm_model


def test_model_ships_as_package_data_and_is_small() -> None:
    res = importlib.resources.files("bilingual.models")
    data = res.joinpath("enzh.model").read_bytes()
    assert 100_000 < len(data) < 1_000_000
    card = res.joinpath("enzh.md").read_text(encoding="utf-8")
    assert "train_spm.py" in card and "licence" in card.lower()


def test_model_loads_once_and_tokenises_both_languages() -> None:
    sp = spm_model()
    assert spm_model() is sp
    assert sp.get_piece_size() == 8000  # type: ignore[attr-defined]
    en = sp.encode("In the beginning God created the heaven and the earth.", out_type=str)  # type: ignore[attr-defined]
    zh = sp.encode("起初神创造天地。", out_type=str)  # type: ignore[attr-defined]
    assert "▁God" in en and len(en) < 20
    assert "".join(zh).replace("▁", "") == "起初神创造天地。"
    assert 2 <= len(zh) <= 8  # words, not bytes
    # Unseen characters fall back to bytes instead of <unk>.
    assert sp.decode(sp.encode("𠀀 ok")) == "𠀀 ok"  # type: ignore[attr-defined]


def test_spm_lengths() -> None:
    got = segment_lengths(
        ["In the beginning God created the heaven and the earth.", "起初神创造天地。", ""],
        "en",
        unit="spm",
    )
    assert got[0] > got[1] > got[2] == 0
