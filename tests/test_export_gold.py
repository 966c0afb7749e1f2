"""Gold files in Vecalign's format: written 0-based with omissions, parsed strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_export_common import make_alignment, sample_alignment

from bilingual.errors import FormatError
from bilingual.export import parse_gold, read_gold, write_gold

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def test_write_gold_exact_lines() -> None:
    assert write_gold(sample_alignment()) == "[0]:[0]\n[1,2]:[1,2]\n[3]:[]\n[]:[3]\n[4]:[4,5]\n"


def test_round_trip_ids() -> None:
    alignment = sample_alignment()
    beads = parse_gold(write_gold(alignment))
    assert [(b.src, b.tgt) for b in beads] == [(b.src, b.tgt) for b in alignment.beads]
    assert all(b.score == 1.0 and b.level == "sentence" for b in beads)


def test_paragraph_level() -> None:
    a = make_alignment(["P1", "P2"], ["段一", "段二"], [([0, 1], [0, 1], 0.9)], level="paragraph")
    beads = parse_gold(write_gold(a), level="paragraph")
    assert [(b.src, b.tgt, b.level) for b in beads] == [((0, 1), (0, 1), "paragraph")]


def test_parse_accepts_spaces_blank_lines_and_vecalign_cost() -> None:
    text = "[0]:[0, 1]\n\n [1,2] : [2]\n[3]:[]:0.25\n[]:[3]\n"
    beads = parse_gold(text)
    assert [(b.src, b.tgt) for b in beads] == [
        ((0,), (0, 1)),
        ((1, 2), (2,)),
        ((3,), ()),
        ((), (3,)),
    ]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[0]:[0]\n[a]:[1]\n", r"g\.gold: line 2: .* is not a gold line"),
        ("[0]:[0]\n[]:[]\n", r"line 2: both sides are empty"),
        ("[0]:[-1]\n", r"line 1: .* is not a gold line"),
        ("[0];[1]\n", r"line 1: .* is not a gold line"),
        ("[0,,1]:[1]\n", r"line 1: ids must be non-negative integers"),
    ],
)
def test_malformed_gold(text: str, pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "g.gold"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_gold(path)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[0]:[0]\n[0]:[1]\n", r"g\.gold: line 2: source id 0 is already in another bead"),
        ("[0]:[1,1]\n", r"line 1: target id 1 is already in another bead"),
    ],
)
def test_duplicate_ids_warn_or_raise_when_strict(
    text: str, pattern: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "g.gold"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_gold(path, strict=True)
    with caplog.at_level("WARNING", logger="bilingual.export.gold"):
        beads = read_gold(path)
    assert len(beads) == text.count("\n")
    assert any(re.search(pattern, r.getMessage()) for r in caplog.records)


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark data ../shared/bench is not present")
def test_real_gold_files_parse_and_cover_ids() -> None:
    files = sorted((BENCH / "text+berg" / "gold").iterdir()) + sorted(
        (BENCH / "bible-en-zh" / "gold").iterdir()
    )
    assert files
    for path in files:
        beads = read_gold(path)
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(beads) == len(lines)
        assert min(i for b in beads for i in b.src) == 0
        assert min(i for b in beads for i in b.tgt) == 0
        # Writing them back and parsing again is lossless.
        text = "".join(
            f"[{','.join(map(str, b.src))}]:[{','.join(map(str, b.tgt))}]\n" for b in beads
        )
        assert [(b.src, b.tgt) for b in parse_gold(text)] == [(b.src, b.tgt) for b in beads]
