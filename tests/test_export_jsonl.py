"""JSONL: a meta line, then one bead per line; reads back exactly."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from test_export_common import SIGNATURE, check_invariants, make_alignment, sample_alignment

from bilingual.errors import FormatError
from bilingual.export import parse_jsonl, read_jsonl, write_jsonl
from bilingual.model import Alignment, Bead
from bilingual.precision import rounded


def _same_float(a: float, b: float) -> bool:
    # Outputs carry floats at the output precision; reading back gives the rounded value.
    return (math.isnan(a) and math.isnan(b)) or rounded(a) == rounded(b)


def assert_same_alignment(a: Alignment, b: Alignment) -> None:
    assert a.signature == b.signature and a.level == b.level
    for x, y in ((a.src, b.src), (a.tgt, b.tgt)):
        assert x.document.lang == y.document.lang and x.document.name == y.document.name
        assert x.signature == y.signature
        assert [(s.index, s.paragraph, s.text, s.lang) for s in x.segments] == [
            (s.index, s.paragraph, s.text, s.lang) for s in y.segments
        ]
    for pa, pb in ((a.beads, b.beads), (a.paragraph_beads, b.paragraph_beads)):
        assert len(pa) == len(pb)
        for p, q in zip(pa, pb, strict=True):
            assert (p.src, p.tgt, p.level) == (q.src, q.tgt, q.level)
            assert (p.src_paragraphs, p.tgt_paragraphs) == (q.src_paragraphs, q.tgt_paragraphs)
            assert _same_float(p.score, q.score) and _same_float(p.similarity, q.similarity)


def test_meta_line_then_one_bead_per_line() -> None:
    alignment = sample_alignment()
    lines = write_jsonl(alignment).splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["type"] == "meta" and records[0]["signature"] == SIGNATURE
    assert (records[0]["src_lang"], records[0]["tgt_lang"]) == ("en", "zh")
    beads = records[1:]
    assert len(beads) == len(alignment.beads)
    assert [(r["src_ids"], r["tgt_ids"]) for r in beads] == [
        (list(b.src), list(b.tgt)) for b in alignment.beads
    ]
    assert beads[1]["src"] == 'It is <b>bold</b> & "quoted". Pipes | and \\ backslashes.'
    assert beads[1]["tgt"] == "它是<b>粗体</b>&“引号”。竖线|和反斜杠\\。"
    assert beads[1]["src_paragraphs"] == [0, 1] and beads[1]["level"] == "sentence"
    assert beads[2]["tgt"] == "" and beads[2]["tgt_ids"] == []
    assert beads[0]["similarity"] is None  # NaN is not JSON
    assert "😀" in lines[-1]  # not \\u-escaped


def test_exact_round_trip() -> None:
    alignment = sample_alignment()
    back = parse_jsonl(write_jsonl(alignment), "x.jsonl")
    check_invariants(back)
    assert_same_alignment(alignment, back)


def test_round_trip_two_level_with_paragraph_beads_and_similarity() -> None:
    pb = (
        Bead((0,), (0,), 0.9, "paragraph", similarity=0.7),
        Bead((1,), (1, 2), float("nan"), "paragraph"),
    )
    a = make_alignment(
        ["A.", "B.", "C."],
        ["甲。", "乙。", "丙。", "丁。"],
        [([0], [0], 0.9), ([1, 2], [1], 0.6), ([], [2], 0.2), ([], [3], 0.1)],
        src_paragraphs=[0, 1, 1],
        tgt_paragraphs=[0, 1, 2, 2],
        paragraph_beads=pb,
    )
    a = Alignment(
        a.src,
        a.tgt,
        tuple(
            Bead(b.src, b.tgt, b.score, b.level, b.src_paragraphs, b.tgt_paragraphs, similarity=0.5)
            for b in a.beads
        ),
        a.signature,
        a.paragraph_beads,
    )
    back = parse_jsonl(write_jsonl(a))
    assert_same_alignment(a, back)
    assert back.paragraph_beads[0].similarity == 0.7


def test_paragraph_level_round_trip() -> None:
    a = make_alignment(
        ["P one.", "P two."],
        ["段一。", "段二。"],
        [([0, 1], [0], 0.8), ([], [1], 0.1)],
        level="paragraph",
    )
    back = parse_jsonl(write_jsonl(a))
    assert back.level == "paragraph"
    assert_same_alignment(a, back)


def test_minimal_hand_written_jsonl_without_meta() -> None:
    text = (
        '{"src_ids": [0], "tgt_ids": [0], "src": "Hi.", "tgt": "你好。", "score": 0.9}\n'
        "\n"
        '{"src_ids": [1], "tgt_ids": [], "src": "Bye.", "tgt": ""}\n'
    )
    back = parse_jsonl(text)
    check_invariants(back)
    assert (back.src.document.lang, back.tgt.document.lang) == ("en", "zh")
    assert [s.text for s in back.src.segments] == ["Hi.", "Bye."]
    assert back.beads[0].score == 0.9 and math.isnan(back.beads[1].score)


@pytest.mark.parametrize(
    ("lines", "pattern"),
    [
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b"}', "{not json"],
            r"j\.jsonl: line 2: not valid JSON",
        ),
        (["[1, 2]"], r"line 1: expected a JSON object, got list"),
        (
            ['{"src_ids": [1], "tgt_ids": [0], "src": "a", "tgt": "b"}'],
            r"line 1: 'src_ids' is \[1\] but the next ids are \[0\]",
        ),
        (
            ['{"src_ids": [0, 1], "tgt_ids": [0], "src": "a b", "tgt": "b"}'],
            r"line 1: 2 'src_ids' but no 'src_segments'",
        ),
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src_segments": ["a", "b"], "tgt": "b"}'],
            r"'src_segments' has 2 texts for 1 'src_ids'",
        ),
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b", "score": 2}'],
            r"'score' 2 is outside \[0, 1\]",
        ),
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b", "score": "x"}'],
            r"'score' must be a number or null",
        ),
        (
            ['{"src_ids": ["0"], "tgt_ids": [0], "src": "a", "tgt": "b"}'],
            r"'src_ids' must be a list of non-negative integers",
        ),
        (['{"tgt_ids": [0], "src": "a", "tgt": "b"}'], r"missing 'src_ids'"),
        (['{"src_ids": [], "tgt_ids": [], "src": "", "tgt": ""}'], r"both .* are empty"),
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b"}', '{"type": "meta"}'],
            r"line 2: the meta record must be the first line",
        ),
        (['{"type": "comment"}'], r"unknown record type 'comment'"),
        (
            ['{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b", "level": "word"}'],
            r"'level' must be one of sentence, paragraph",
        ),
        (['{"type": "meta", "signature": "s"}'], r"holds no beads"),
    ],
)
def test_malformed_jsonl(lines: list[str], pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_jsonl(path)
