"""Moses: PREFIX.<srclang> and PREFIX.<tgtlang> with equal line counts, one bead per line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_common import (
    check_invariants,
    expected_sides,
    make_alignment,
    read_sides,
    sample_alignment,
)

from bilingual.errors import ConfigError, FormatError
from bilingual.export import parse_moses, read_moses, write_alignment, write_moses


def test_write_alignment_writes_two_files_with_equal_line_counts(tmp_path: Path) -> None:
    alignment = sample_alignment()
    write_alignment(alignment, "moses", tmp_path / "corpus")
    src = (tmp_path / "corpus.en").read_text(encoding="utf-8")
    tgt = (tmp_path / "corpus.zh").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.en", "corpus.zh"]
    assert len(src.splitlines()) == len(tgt.splitlines()) == len(alignment.beads)
    assert list(zip(src.splitlines(), tgt.splitlines(), strict=True)) == expected_sides(alignment)


def test_line_breaks_inside_segments_do_not_add_lines() -> None:
    a = make_alignment(
        ["One\nline\u2028still\x85one.", "Two."],
        ["一\r\n行。", "二。"],
        [([0], [0], 0.5), ([1], [1], 0.5)],
    )
    src, tgt = write_moses(a)
    assert len(src.splitlines()) == len(tgt.splitlines()) == 2
    assert src.splitlines()[0] == "One line still one."


def test_round_trip(tmp_path: Path) -> None:
    alignment = sample_alignment()
    write_alignment(alignment, "moses", tmp_path / "c")
    back = read_moses(tmp_path / "c", "en", "zh")
    check_invariants(back)
    assert read_sides(back) == expected_sides(alignment)
    assert (back.src.document.lang, back.tgt.document.lang) == ("en", "zh")


def test_moses_needs_a_prefix_and_two_languages(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="give an output prefix"):
        write_alignment(sample_alignment(), "moses", None)
    same = make_alignment(["A."], ["B."], [([0], [0], 1.0)], src_lang="en", tgt_lang="en")
    with pytest.raises(ConfigError, match="both sides are 'en'"):
        write_alignment(same, "moses", tmp_path / "c")
    assert list(tmp_path.iterdir()) == []


def test_unequal_line_counts_refused() -> None:
    with pytest.raises(FormatError, match="source has 2 lines and the target 1"):
        parse_moses("a\nb\n", "甲\n")
    with pytest.raises(FormatError, match="line 2 is empty in both files"):
        parse_moses("a\n\n", "甲\n \n")
