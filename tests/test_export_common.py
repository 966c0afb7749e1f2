"""Hand-built alignments for the export tests, and tests of the shared helpers and registry."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pytest

from bilingual.errors import ConfigError, InputError
from bilingual.export import (
    FORMATS,
    format_from_path,
    get_format,
    read_alignment,
    render,
    write_alignment,
)
from bilingual.export._common import clean_xml_text, joiner, one_line
from bilingual.model import Alignment, Bead, Document, Level, Segment, Segmentation

SIGNATURE = "bilingual:0.1.0|py:3.11|seg:test|enc:none"


def make_side(
    texts: Sequence[str], paragraphs: Sequence[int], lang: str, name: str, level: Level
) -> Segmentation:
    """A Document whose paragraphs are separated by blank lines, and its segments."""
    sep = "" if lang == "zh" else " "
    text = ""
    segments = []
    for i, (t, p) in enumerate(zip(texts, paragraphs, strict=True)):
        if i:
            text += "\n\n" if p != paragraphs[i - 1] else sep
        segments.append(Segment(i, p, len(text), len(text) + len(t), t, lang))
        text += t
    doc = Document(text + "\n", lang, name)
    assert all(doc.text[s.start : s.end] == s.text for s in segments)
    return Segmentation(doc, level, tuple(segments), "seg:test")


def make_alignment(
    src: Sequence[str],
    tgt: Sequence[str],
    beads: Sequence[tuple[Sequence[int], Sequence[int], float]],
    *,
    src_lang: str = "en",
    tgt_lang: str = "zh",
    level: Level = "sentence",
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    paragraph_beads: tuple[Bead, ...] = (),
) -> Alignment:
    """An Alignment built by hand: segment texts, then beads as (src ids, tgt ids, score)."""
    sp = list(src_paragraphs) if src_paragraphs is not None else [0] * len(src)
    tp = list(tgt_paragraphs) if tgt_paragraphs is not None else [0] * len(tgt)
    if level == "paragraph":
        sp, tp = list(range(len(src))), list(range(len(tgt)))
    src_seg = make_side(src, sp, src_lang, "src.txt", level)
    tgt_seg = make_side(tgt, tp, tgt_lang, "tgt.txt", level)
    bead_objs = tuple(
        Bead(
            src=tuple(s),
            tgt=tuple(t),
            score=score,
            level=level,
            src_paragraphs=tuple(sorted({sp[i] for i in s})),
            tgt_paragraphs=tuple(sorted({tp[i] for i in t})),
        )
        for s, t, score in beads
    )
    return Alignment(src_seg, tgt_seg, bead_objs, SIGNATURE, paragraph_beads)


def sample_alignment() -> Alignment:
    """Five beads: 1:1, 2:2, an omission 1:0, an addition 0:1 and 1:2; XML-special text."""
    src = [
        "Hello, world.",
        'It is <b>bold</b> & "quoted".',
        "Pipes | and \\ backslashes.",
        "An omitted sentence.",
        "Last one: 5 > 3 and it's done.",
    ]
    tgt = [
        "你好，世界。",
        "它是<b>粗体</b>&“引号”。",
        "竖线|和反斜杠\\。",
        "新增的句子。",
        "最后：5 > 3。",
        "😀 完成了。",
    ]
    beads = [
        ([0], [0], 0.95),
        ([1, 2], [1, 2], 0.8),
        ([3], [], 0.4),
        ([], [3], 0.3),
        ([4], [4, 5], 0.7),
    ]
    return make_alignment(
        src, tgt, beads, src_paragraphs=[0, 0, 1, 1, 2], tgt_paragraphs=[0, 0, 1, 1, 2, 2]
    )


def expected_sides(alignment: Alignment) -> list[tuple[str, str]]:
    """Each bead's texts as the lossy formats carry them: en joined by space, zh by nothing."""
    out = []
    for b in alignment.beads:
        src = " ".join(alignment.src.segments[i].text for i in b.src)
        tgt = "".join(alignment.tgt.segments[i].text for i in b.tgt)
        out.append((src, tgt))
    return out


def read_sides(alignment: Alignment) -> list[tuple[str, str]]:
    """Each bead's texts of a read-back alignment (one segment per side)."""
    out = []
    for b in alignment.beads:
        assert len(b.src) <= 1 and len(b.tgt) <= 1
        src = alignment.src.segments[b.src[0]].text if b.src else ""
        tgt = alignment.tgt.segments[b.tgt[0]].text if b.tgt else ""
        out.append((src, tgt))
    return out


def check_invariants(alignment: Alignment) -> None:
    """Offsets point at the texts, and the beads cover every segment once, in order."""
    for seg in (alignment.src, alignment.tgt):
        for i, s in enumerate(seg.segments):
            assert s.index == i
            assert seg.document.text[s.start : s.end] == s.text
    assert [i for b in alignment.beads for i in b.src] == list(range(len(alignment.src)))
    assert [i for b in alignment.beads for i in b.tgt] == list(range(len(alignment.tgt)))


# -- helpers ------------------------------------------------------------------------------


def test_clean_xml_text_removes_illegal_and_keeps_the_rest() -> None:
    text = "a\x00b\x07c\x1bd\x0be\x0cf\ufffeg\uffffh\ud800i\tj\nk😀&<>"
    assert clean_xml_text(text) == "abcdefghi\tj\nk😀&<>"
    assert clean_xml_text("x\r\ny\rz") == "x\ny\nz"


def test_one_line_replaces_every_line_break_and_tab() -> None:
    text = "a\tb\nc\rd\x0be\x0cf\x1cg\x85h\u2028i\u2029j"
    result = one_line(text)
    assert len(result.splitlines()) == 1
    assert "\t" not in result
    assert result == "a b c d e f g h i j"


def test_joiner_by_language() -> None:
    assert joiner("zh") == "" and joiner("zh-TW") == "" and joiner("ja") == ""
    assert joiner("en") == " " and joiner("de") == " " and joiner("fr") == " "


def test_sample_alignment_is_valid() -> None:
    check_invariants(sample_alignment())


# -- registry -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.tmx", "tmx"),
        ("a.TMX", "tmx"),
        ("dir/a.tsv", "tsv"),
        ("a.jsonl", "jsonl"),
        ("a.gold", "gold"),
        ("a.align", "gold"),
        ("a.md", "md"),
        ("a.markdown", "md"),
    ],
)
def test_format_from_path(name: str, fmt: str) -> None:
    assert format_from_path(name) == fmt


@pytest.mark.parametrize("name", ["a.txt", "corpus", "a.xml", "a.json"])
def test_format_from_path_unknown_says_what_to_do(name: str) -> None:
    with pytest.raises(ConfigError, match=r"\.tmx.*format explicitly"):
        format_from_path(name)


def test_get_format_unknown_lists_known() -> None:
    with pytest.raises(ConfigError, match="unknown format 'xlsx'; use one of tmx, tsv"):
        get_format("xlsx")
    assert set(FORMATS) == {"tmx", "tsv", "jsonl", "moses", "gold", "md"}


def test_render_moses_refused() -> None:
    with pytest.raises(ConfigError, match="two files"):
        render(sample_alignment(), "moses")


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "jsonl", "gold", "md"])
def test_write_alignment_stdout_equals_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alignment = sample_alignment()
    write_alignment(alignment, fmt, None)
    out = capsys.readouterr().out
    target = tmp_path / f"out.{fmt}"
    write_alignment(alignment, fmt, target)
    assert target.read_text(encoding="utf-8") == out == render(alignment, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left


def test_write_alignment_missing_folder_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_alignment(sample_alignment(), "tsv", tmp_path / "nope" / "out.tsv")
    assert list(tmp_path.iterdir()) == []


def test_read_alignment_gold_refused_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.gold"
    path.write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="only segment ids"):
        read_alignment(path)


def test_read_alignment_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_alignment(tmp_path / "missing.tmx")


def test_read_alignment_by_extension_matches_explicit(tmp_path: Path) -> None:
    alignment = sample_alignment()
    for fmt in ("tmx", "tsv", "jsonl", "md"):
        path = tmp_path / f"x.{fmt}"
        write_alignment(alignment, fmt, path)
        a, b = read_alignment(path), read_alignment(path, fmt)
        assert [s.text for s in a.src.segments] == [s.text for s in b.src.segments]
        assert all(
            (math.isnan(x.score) and math.isnan(y.score)) or x.score == y.score
            for x, y in zip(a.beads, b.beads, strict=True)
        )
