"""TSV: three columns, no tabs or newlines inside fields, read back by its reader."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from test_export_common import (
    check_invariants,
    expected_sides,
    make_alignment,
    read_sides,
    sample_alignment,
)

from bilingual.errors import FormatError
from bilingual.export import parse_tsv, read_tsv, write_tsv


def test_one_line_per_bead_three_fields() -> None:
    alignment = sample_alignment()
    lines = write_tsv(alignment).split("\n")
    assert lines[-1] == ""  # ends with a newline
    rows = [line.split("\t") for line in lines[:-1]]
    assert len(rows) == len(alignment.beads)
    assert all(len(r) == 3 for r in rows)
    assert [(r[0], r[1]) for r in rows] == expected_sides(alignment)
    assert [float(r[2]) for r in rows] == [b.score for b in alignment.beads]


def test_scores_have_four_decimals() -> None:
    a = make_alignment(["A."], ["甲。"], [([0], [0], 0.123456789012345)])
    assert write_tsv(a).split("\t")[2] == "0.1235\n"  # was 0.123456789012345 (issue 23)


def test_round_trip_texts_scores_and_omissions() -> None:
    alignment = sample_alignment()
    back = parse_tsv(write_tsv(alignment), "x.tsv")
    check_invariants(back)
    assert read_sides(back) == expected_sides(alignment)
    assert [b.score for b in back.beads] == [b.score for b in alignment.beads]
    assert (back.src.document.lang, back.tgt.document.lang) == ("en", "zh")
    # One segment per side of each bead (the 2:2 bead became 1:1), so the omission 1:0 and
    # the addition 0:1 keep their empty side under the new numbering.
    assert [(b.src, b.tgt) for b in back.beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((), (2,)),
        ((3,), (3,)),
    ]


def test_tabs_and_newlines_inside_fields_become_spaces() -> None:
    a = make_alignment(
        ["Col\tumn one\nline two\r\nthree\u2028four."], ["第一\t列\n第二行。"], [([0], [0], 0.5)]
    )
    text = write_tsv(a)
    assert text.count("\n") == 1 and text.count("\t") == 2
    back = parse_tsv(text)
    assert read_sides(back) == [("Col umn one line two  three four.", "第一 列 第二行。")]


def test_nan_score_is_empty_and_reads_back_nan() -> None:
    a = make_alignment(["A."], ["甲。"], [([0], [0], float("nan"))])
    assert write_tsv(a) == "A.\t甲。\t\n"
    assert math.isnan(parse_tsv(write_tsv(a)).beads[0].score)


def test_two_columns_accepted_and_languages_guessed_or_given() -> None:
    back = parse_tsv("你好。\tHello.\n再见。\tBye.\n")
    assert (back.src.document.lang, back.tgt.document.lang) == ("zh", "en")
    assert all(math.isnan(b.score) for b in back.beads)
    given = parse_tsv("Hallo.\tBonjour.\n", src_lang="de", tgt_lang="fr")
    assert (given.src.document.lang, given.tgt.document.lang) == ("de", "fr")


def test_src_tgt_order_and_ids() -> None:
    back = parse_tsv("A.\t甲。\t1\nB.\t\t0\n\t乙。\t0.5\n")
    assert [(b.src, b.tgt) for b in back.beads] == [((0,), (0,)), ((1,), ()), ((), (1,))]
    assert back.tgt.document.text == "甲。\n乙。"


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("A.\t甲。\t0.5\nB.\t乙。\t0.5\textra\n", r"bad\.tsv: line 2: expected 2 or 3 .* found 4"),
        ("A only\n", r"line 1: expected 2 or 3 .* found 1"),
        ("A.\t甲。\thigh\n", r"line 1: score 'high' is not a number"),
        ("A.\t甲。\t1.5\n", r"line 1: score 1.5 is outside \[0, 1\]"),
        ("A.\t甲。\t0.5\n \t \t0.5\n", r"line 2: both texts are empty"),
    ],
)
def test_malformed_tsv_names_file_and_line(text: str, pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_tsv(path)


def test_read_tsv_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes("Hello.\t你好，世界。\t0.9\n".encode("gb18030"))
    assert read_sides(read_tsv(path)) == [("Hello.", "你好，世界。")]
