"""Every place that offers export formats reads the export-format registry (issue 18)."""

from __future__ import annotations

from pathlib import Path

from bilingual.export import EXPORT_FORMATS, FORMATS


def test_align_format_choices_are_the_registry() -> None:
    from bilingual.commands.align import AlignFormat

    assert [f.value for f in AlignFormat] == list(FORMATS)


def test_review_downloads_are_the_registry() -> None:
    from bilingual.review.server import EXPORT_LINKS, EXPORT_TYPES

    assert list(EXPORT_TYPES) == list(FORMATS)
    assert EXPORT_TYPES["gold"] == ("text/plain; charset=utf-8", "align")
    assert EXPORT_TYPES["moses"][1] == ""
    assert ["moses", "src"] in EXPORT_LINKS and ["moses", "tgt"] in EXPORT_LINKS
    assert {name for name, _ in EXPORT_LINKS} == set(FORMATS)


def test_review_page_lists_no_format_itself() -> None:
    import bilingual.review

    js = (Path(bilingual.review.__file__).parent / "static" / "app.js").read_text("utf-8")
    assert "/api/formats" in js
    for fmt in EXPORT_FORMATS:
        assert f'["{fmt.name}"' not in js, fmt.name


# --- corpus mode writes its corpus files with the registry's streaming writers ----------------

_PAIRS = (
    ("a", "Tom & Jerry <b>said</b> hi.", "汤姆和杰瑞说你好。", 0.91, (0,), (0,)),
    ("a", "Line\nbreak\x01 here.", "这里\n换行。", float("nan"), (1, 2), (1,)),
    ("b", "Second document.", "第二个文档。", 0.5, (0,), (0,)),
)


def _write_corpus(out: Path, **kw: object) -> None:
    from bilingual.corpus.outputs import CorpusWriter
    from bilingual.export.stream import CorpusPair

    with CorpusWriter(out, signature="sig|x", parquet=False, **kw) as w:  # type: ignore[arg-type]
        for doc, src, tgt, score, s_ids, t_ids in _PAIRS:
            w.add(CorpusPair(doc, src, tgt, score, s_ids, t_ids, ()))


def test_corpus_formats_are_streamed_registry_formats(tmp_path: Path) -> None:
    from bilingual.corpus.outputs import CORPUS_FORMATS
    from bilingual.export import get_format, stream_paths

    _write_corpus(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    expected = sorted(
        p.name for f in CORPUS_FORMATS for p in stream_paths(f, tmp_path / "corpus", "en", "zh")
    )
    assert written == expected == ["corpus.en", "corpus.jsonl", "corpus.tmx", "corpus.zh"]
    assert all(get_format(f).stream is not None for f in CORPUS_FORMATS)


def test_streamed_corpus_files_read_back_with_the_registry_readers(tmp_path: Path) -> None:
    import json
    import math

    from bilingual.export import read_alignment

    _write_corpus(tmp_path)
    # TMX keeps a line break and drops XML-illegal controls; Moses puts each pair on one line
    for path, fmt, second in (
        (tmp_path / "corpus.tmx", "tmx", "Line\nbreak here."),
        (tmp_path / "corpus", "moses", "Line break\x01 here."),
    ):
        a = read_alignment(path, fmt, src_lang="en", tgt_lang="zh")
        src = [a.src.segments[i].text for b in a.beads for i in b.src]
        assert src == ["Tom & Jerry <b>said</b> hi.", second, "Second document."], fmt
    records = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_text().splitlines()]
    assert [r["doc"] for r in records] == ["a", "a", "b"]
    assert records[1]["score"] is None and records[1]["src_ids"] == [1, 2]
    assert math.isclose(records[0]["score"], 0.91)


def test_a_format_without_a_streaming_writer_says_which_have_one() -> None:
    import pytest

    from bilingual.errors import ConfigError
    from bilingual.export import open_stream
    from bilingual.export.stream import StreamTarget

    with pytest.raises(ConfigError, match="tmx, jsonl, moses"):
        open_stream("md", StreamTarget((), "en", "zh"))
