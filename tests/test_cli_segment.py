"""The `segment` and `split` commands through typer's CliRunner: outputs and bad inputs."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_segment_text_sentences() -> None:
    result = run("segment", str(DATA / "sample.en.txt"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# The Library on the River"
    assert "The town of Millbrook sits where two slow rivers meet." in lines
    assert (
        "The inspector, Mr. Patel, arrived on a rainy Tuesday at 9 a.m. and stayed until dark."
        in lines
    )
    assert 40 <= len(lines) <= 80


def test_segment_jsonl_offsets_point_into_the_file() -> None:
    path = DATA / "sample.zh.txt"
    text = path.read_text("utf-8")
    result = run("segment", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {"index", "paragraph", "start", "end", "lang", "text", "signature"} <= set(
        rows[0]
    )
    for i, r in enumerate(rows):
        assert r["index"] == i and r["lang"] == "zh"
        assert text[r["start"] : r["end"]] == r["text"]
    assert rows[-1]["paragraph"] == 12
    assert "seg:" in rows[0]["signature"]


def test_segment_paragraph_level_replaces_internal_newlines(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text("A wrapped\nparagraph here.\n\nSecond one.\n", "utf-8")
    result = run("segment", str(path), "--level", "paragraph")
    assert result.exit_code == 0
    assert result.stdout == "A wrapped paragraph here.\nSecond one.\n"


def test_segment_stdin_and_lang_override() -> None:
    result = run("segment", "-", "--lang", "zh-CN", input="你好。再见！")
    assert result.exit_code == 0
    assert result.stdout == "你好。\n再见！\n"


def test_segment_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = run("segment", str(DATA / "sample.en.txt"), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text("utf-8").startswith("# The Library on the River\n")


def test_segment_gbk_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一句。第二句！".encode("gbk"))
    result = run("segment", str(path))
    assert result.exit_code == 0 and result.stdout == "第一句。\n第二句！\n"


def test_segment_spacy_model_from_a_saved_pipeline(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipe")
    result = run(
        "segment",
        "-",
        "--lang",
        "en",
        "--spacy-model",
        str(tmp_path / "pipe"),
        "--format",
        "jsonl",
        input="One here. Two there.",
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["One here.", "Two there."]
    assert "spacy:" in rows[0]["signature"]


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(256)) * 4, "binary"),
        ("これは日本語の文章です。ひらがなとカタカナ。".encode(), "Japanese"),
        (b"123 456 !!!", "no letters"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16"),
    ],
)
def test_segment_bad_inputs(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert word in one_line_error(run("segment", str(path)))


def test_segment_missing_directory_unknown_language(tmp_path: Path) -> None:
    assert "no such file" in one_line_error(run("segment", str(tmp_path / "nope.txt")))
    assert "directory" in one_line_error(run("segment", str(tmp_path)))
    assert "unsupported" in one_line_error(
        run("segment", str(DATA / "sample.en.txt"), "--lang", "klingon")
    )
    assert "cannot be loaded" in one_line_error(
        run("segment", str(DATA / "sample.en.txt"), "--spacy-model", "no_such_pipeline_xyz")
    )
    assert "cannot be loaded" in one_line_error(
        run("segment", str(DATA / "sample.en.txt"), "--spacy-model", str(tmp_path))
    )


def test_segment_usage_error_is_exit_2() -> None:
    result = run("segment", str(DATA / "sample.en.txt"), "--level", "chapter")
    assert result.exit_code == 2


def test_split_text_outputs(tmp_path: Path) -> None:
    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    result = run("split", str(DATA / "sample-page.txt"), "--en", str(en), "--zh", str(zh))
    assert result.exit_code == 0, result.output
    assert en.read_text("utf-8").startswith("Town News 3h ago\n\nRiver library turns five\n\n")
    assert zh.read_text("utf-8").startswith("小镇新闻 3小时前\n\n河上图书馆迎来五周年\n\n")
    assert "neutral" in result.stderr and "'128'" in result.stderr


def test_split_jsonl_pieces(tmp_path: Path) -> None:
    path = DATA / "sample-page.txt"
    text = path.read_text("utf-8")
    result = run("split", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["side"] for r in rows} == {"en", "zh", "neutral"}
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
    assert "".join(r["text"] for r in rows).replace(" ", "") == "".join(text.split())


def test_split_needs_both_outputs_in_text_format(tmp_path: Path) -> None:
    msg = one_line_error(run("split", str(DATA / "sample-page.txt"), "--en", str(tmp_path / "e")))
    assert "--zh" in msg
    assert not (tmp_path / "e").exists()


def test_split_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in one_line_error(
        run("split", str(path), "--en", str(tmp_path / "e"), "--zh", str(tmp_path / "z"))
    )
    assert not (tmp_path / "e").exists()


def test_help_everywhere() -> None:
    for cmd in ("segment", "split"):
        result = run(cmd, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_long_input_takes_the_progress_path(tmp_path: Path) -> None:
    from bilingual.commands.segment import PROGRESS_MIN_CHARS

    path = tmp_path / "long.txt"
    sentence = "A short sentence here. "
    path.write_text((sentence * 40 + "\n\n") * (PROGRESS_MIN_CHARS // (len(sentence) * 40) + 1))
    result = run("segment", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) > PROGRESS_MIN_CHARS // len(sentence)
    assert {r["text"] for r in rows} == {"A short sentence here."}
    assert "Traceback" not in result.stderr
