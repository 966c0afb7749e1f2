"""What a new user meets in the first hour: forgotten inputs refused with a fix (issue 23)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bilingual.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_corpus_with_an_empty_folder_says_what_it_looked_for(tmp_path: Path) -> None:
    empty = tmp_path / "pages"
    empty.mkdir()
    msg = _error(["corpus", str(empty), "-o", str(tmp_path / "out")])
    assert "nothing to pair" in msg and "mixed EN/ZH pages" in msg
    assert not (tmp_path / "out").exists()


def test_corpus_with_two_folders_that_share_no_name(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "zh").mkdir()
    (tmp_path / "en" / "a.en.txt").write_text("Hello there.\n", "utf-8")
    (tmp_path / "zh" / "b.zh.txt").write_text("你好。\n", "utf-8")
    msg = _error(["corpus", str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(tmp_path / "o")])
    assert (
        "a.en.txt↔a.zh.txt" in msg and "2 files left unpaired" in msg and "--match content" in msg
    )
    assert not (tmp_path / "o").exists()
