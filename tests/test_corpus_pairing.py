"""Which documents pair: language marks, two folders, manifests, mixed pages, content matching."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bilingual.corpus.pairing import (
    _topk,
    match_documents,
    mixed_pages,
    pair_by_name,
    read_manifest,
    strip_language_marks,
)
from bilingual.errors import FormatError


@pytest.mark.parametrize(
    ("path", "stem"),
    [
        ("a.en.txt", "a"),
        ("a.zh.txt", "a"),
        ("en/a.txt", "a"),
        ("zh/a.txt", "a"),
        ("a_EN.md", "a"),
        ("a_ZH.md", "a"),
        ("news/2024-05-01_zh-CN.txt", "news/2024_05_01"),
        ("chapter-1.english.txt", "chapter_1"),
        ("plain.txt", "plain"),
        ("Zhang.txt", "Zhang"),  # a name part that only starts like a mark stays
    ],
)
def test_strip_language_marks(path: str, stem: str) -> None:
    assert strip_language_marks(path) == stem


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_two_folders_by_relative_path_and_by_stem(tmp_path: Path) -> None:
    _touch(tmp_path / "en/same/name.txt")
    _touch(tmp_path / "zh/same/name.txt")
    _touch(tmp_path / "en/a.en.txt")
    _touch(tmp_path / "zh/a.zh.txt")
    _touch(tmp_path / "en/b_EN.md")
    _touch(tmp_path / "zh/b_ZH.md")
    _touch(tmp_path / "en/lonely.en.txt")
    _touch(tmp_path / "zh/other.zh.txt")
    p = pair_by_name(str(tmp_path / "en"), str(tmp_path / "zh"))
    assert [(d.id, Path(d.src).name, Path(d.tgt or "").name) for d in p.pairs] == [
        ("a", "a.en.txt", "a.zh.txt"),
        ("b", "b_EN.md", "b_ZH.md"),
        ("same/name", "name.txt", "name.txt"),
    ]
    assert sorted(Path(u).name for u in p.unpaired) == ["lonely.en.txt", "other.zh.txt"]


def test_globs_pair_like_folders(tmp_path: Path) -> None:
    _touch(tmp_path / "x/a.en.txt")
    _touch(tmp_path / "x/a.zh.txt")
    _touch(tmp_path / "x/b.en.txt")
    _touch(tmp_path / "x/b.zh.txt")
    p = pair_by_name(str(tmp_path / "x/*.en.txt"), str(tmp_path / "x/*.zh.txt"))
    assert [d.id for d in p.pairs] == ["a", "b"]
    assert p.unpaired == ()


def test_ambiguous_stems_are_unpaired_not_guessed(tmp_path: Path) -> None:
    _touch(tmp_path / "en/a.en.txt")
    _touch(tmp_path / "en/a_en.txt")
    _touch(tmp_path / "zh/a.zh.txt")
    p = pair_by_name(str(tmp_path / "en"), str(tmp_path / "zh"))
    assert p.pairs == ()
    assert len(p.unpaired) == 3


def test_manifest_tsv_and_jsonl(tmp_path: Path) -> None:
    _touch(tmp_path / "s1.txt")
    _touch(tmp_path / "t1.txt")
    tsv = _touch(tmp_path / "m.tsv", "src\ttgt\tid\n# comment\ns1.txt\tt1.txt\tone\n")
    p = read_manifest(tsv)
    assert [(d.id, d.src, d.tgt) for d in p.pairs] == [
        ("one", str(tmp_path / "s1.txt"), str(tmp_path / "t1.txt"))
    ]
    rows = [{"src": "s1.txt", "tgt": "t1.txt"}, {"src": "s1.txt", "tgt": "t1.txt", "id": "../x"}]
    jsonl = _touch(tmp_path / "m.jsonl", "\n".join(json.dumps(r) for r in rows))
    ids = [d.id for d in read_manifest(jsonl).pairs]
    assert ids == ["s1", "x"]  # '..' never escapes the alignments folder
    with pytest.raises(FormatError):
        read_manifest(_touch(tmp_path / "bad.tsv", "only-one-column\n"))


def test_repeated_ids_are_made_unique(tmp_path: Path) -> None:
    _touch(tmp_path / "s.txt")
    _touch(tmp_path / "t.txt")
    m = _touch(tmp_path / "m.tsv", "s.txt\tt.txt\tdoc\ns.txt\tt.txt\tdoc\n")
    assert [d.id for d in read_manifest(m).pairs] == ["doc", "doc~2"]


def test_mixed_pages_one_pair_per_file(tmp_path: Path) -> None:
    _touch(tmp_path / "pages/p1.html")
    _touch(tmp_path / "pages/sub/p2.txt")
    p = mixed_pages(str(tmp_path / "pages"))
    assert [(d.id, d.tgt) for d in p.pairs] == [("p1", None), ("sub/p2", None)]


def _clustered(n: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source vectors, noisy target copies (a translation) in shuffled order, the permutation."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(2, n // 20), d))
    src = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, d))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    perm = rng.permutation(n)
    tgt = src[perm] + 0.05 * rng.normal(size=(n, d))
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    return src.astype(np.float32), tgt.astype(np.float32), perm


def test_topk_matches_brute_force() -> None:
    src, tgt, _ = _clustered(60, 16, 1)
    idx, sim = _topk(src, tgt, 3, block=7)
    full = src @ tgt.T
    for i in range(len(src)):
        assert list(idx[i]) == list(np.argsort(-full[i], kind="stable")[:3])
        assert np.allclose(sim[i], np.sort(full[i])[::-1][:3])


@pytest.mark.parametrize("exact_max", [10_000, 50])  # exact blocks, then inverted lists
def test_match_documents_recovers_a_shuffle(exact_max: int) -> None:
    src, tgt, perm = _clustered(400, 32, 2)
    found = match_documents(src, tgt, exact_max=exact_max)
    truth = {int(perm[j]): j for j in range(len(perm))}
    correct = sum(truth[i] == j for i, j, _ in found.pairs)
    assert correct / len(src) >= 0.98
    assert len(found.pairs) + len(found.unmatched_src) == len(src)


def test_a_document_without_partner_stays_unmatched() -> None:
    src, tgt, _ = _clustered(50, 32, 3)
    alone = np.random.default_rng(9).normal(size=(1, 32)).astype(np.float32)
    alone /= np.linalg.norm(alone)
    found = match_documents(np.vstack([src, alone]), tgt)
    assert 50 in found.unmatched_src
