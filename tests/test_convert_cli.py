"""`bilingual convert IN OUT`: format from the extension or --to/--from, clean errors, exit 2."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_export_common import expected_sides, read_sides, sample_alignment
from test_export_tmx import BILLION_LAUGHS, XXE
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.export import read_alignment, read_tmx, write_alignment

runner = CliRunner()


@pytest.fixture
def jsonl_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    write_alignment(sample_alignment(), "jsonl", path)
    return path


def test_jsonl_to_tmx_by_extension(jsonl_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    result = runner.invoke(app, ["convert", str(jsonl_file), str(out)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())
    assert root.find("header").attrib["srclang"] == "en"  # type: ignore[union-attr]
    alignment = sample_alignment()
    assert read_sides(read_tmx(out)) == [p for p in expected_sides(alignment) if p[0] and p[1]]


def test_tsv_to_jsonl_and_back_with_languages(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    write_alignment(sample_alignment(), "tsv", tsv)
    out = tmp_path / "b.jsonl"
    result = runner.invoke(
        app, ["convert", str(tsv), str(out), "--src-lang", "en", "--tgt-lang", "zh"]
    )
    assert result.exit_code == 0, result.output
    back = read_alignment(out)
    assert read_sides(back) == expected_sides(sample_alignment())
    assert [b.score for b in back.beads] == [b.score for b in sample_alignment().beads]


def test_explicit_formats_and_moses_prefix(jsonl_file: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "data.txt"
    renamed.write_bytes(jsonl_file.read_bytes())
    result = runner.invoke(
        app, ["convert", str(renamed), str(tmp_path / "corpus"), "--from", "jsonl", "--to", "moses"]
    )
    assert result.exit_code == 0, result.output
    src = (tmp_path / "corpus.en").read_text(encoding="utf-8").splitlines()
    tgt = (tmp_path / "corpus.zh").read_text(encoding="utf-8").splitlines()
    assert len(src) == len(tgt) == len(sample_alignment().beads)


def test_stdout_with_dash(jsonl_file: Path) -> None:
    result = runner.invoke(app, ["convert", str(jsonl_file), "-", "--to", "gold"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n[1,2]:[1,2]\n[3]:[]\n[]:[3]\n[4]:[4,5]\n"
    default = runner.invoke(app, ["convert", str(jsonl_file), "-"])
    assert default.exit_code == 0
    assert default.stdout == jsonl_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "out_name", "message"),
    [
        (["--to", "xlsx"], "out.tsv", "unknown format 'xlsx'"),
        ([], "out.txt", "cannot tell the format from the extension '.txt'"),
        (["--from", "docx"], "out.tsv", "unknown format 'docx'"),
    ],
)
def test_unknown_format_exit_2(
    jsonl_file: Path, tmp_path: Path, extra: list[str], out_name: str, message: str
) -> None:
    out = tmp_path / out_name
    result = runner.invoke(app, ["convert", str(jsonl_file), str(out), *extra])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tsv", "a\tb\t0.5\nc\td\te\tf\n", "bad.tsv: line 2: expected 2 or 3"),
        (
            "bad.jsonl",
            '{"src_ids": [0], "tgt_ids": [0], "src": "a", "tgt": "b"}\n{oops\n',
            "bad.jsonl: line 2: not valid JSON",
        ),
        ("bad.tmx", "<tmx><header srclang='en'/><body><tu>", "bad.tmx: not well-formed XML"),
        ("evil.tmx", XXE, "evil.tmx: refused"),
        ("lol.tmx", BILLION_LAUGHS, "lol.tmx: refused"),
        ("ids.gold", "[0]:[0]\n", "only segment ids"),
        ("empty.tsv", "", "empty.tsv: is empty"),
    ],
)
def test_malformed_input_exit_2_no_traceback_no_output(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["convert", str(src), str(out)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temp file either


def test_missing_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(tmp_path / "nope.tsv"), str(tmp_path / "o.tmx")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    assert not (tmp_path / "o.tmx").exists()


def test_help() -> None:
    result = runner.invoke(app, ["convert", "--help"])
    assert result.exit_code == 0
    assert "--to" in result.output and "--from" in result.output


def test_stdin_to_stdout_needs_and_uses_from() -> None:
    result = runner.invoke(
        app, ["convert", "-", "-", "--from", "tsv", "--to", "gold"], input="A.\t甲。\t0.5\nB.\t\t\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n[1]:[]\n"
    missing = runner.invoke(app, ["convert", "-", "-", "--to", "gold"], input="A.\t甲。\n")
    assert missing.exit_code == 2
    assert "needs the input format" in missing.stderr
