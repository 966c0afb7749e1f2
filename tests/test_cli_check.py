"""`bilingual check` through the real CLI: formats, output file, --fail-on exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _check_pairs import GOOD
from typer.testing import CliRunner

from bilingual.cli import app

runner = CliRunner()


def _write_pair(tmp_path: Path, zh_lines: list[str]) -> tuple[Path, Path]:
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("\n".join(en for en, _ in GOOD) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(zh_lines) + "\n", encoding="utf-8")
    return src, tgt


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    root = tmp_path_factory.mktemp("check")
    good_dir, bad_dir = root / "good", root / "bad"
    good_dir.mkdir()
    bad_dir.mkdir()
    bad = [zh for _, zh in GOOD]
    bad[6] = "该公司计划在新工厂雇用900名工人。"  # a changed number: an error
    return {"good": _write_pair(good_dir, [zh for _, zh in GOOD]), "bad": _write_pair(bad_dir, bad)}


def _run(*args: str):
    return runner.invoke(app, ["check", *args])


def test_json_output_and_exit_zero_without_fail_on(files) -> None:
    src, tgt = files["bad"]
    result = _run(
        str(src), str(tgt), "--presplit", "--src-lang", "en", "--tgt-lang", "zh", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # the default --mode auto says which kind of pair it checked (issue 21)
    assert set(data) == {"summary", "findings", "signature", "mode"}
    assert data["mode"]["mode"] == "translation" and data["mode"]["requested"] == "auto"
    numbers = [f for f in data["findings"] if f["kind"] == "number_mismatch"]
    assert any(f["severity"] == "error" and "900" in f["message"] for f in numbers)


@pytest.mark.parametrize(
    ("which", "level", "code"),
    [
        ("bad", "error", 1),
        ("bad", "warning", 1),
        ("good", "error", 0),
        ("good", "warning", 0),
    ],
)
def test_fail_on_exit_codes(files, which: str, level: str, code: int) -> None:
    src, tgt = files[which]
    result = _run(str(src), str(tgt), "--presplit", "--fail-on", level, "--format", "json")
    assert result.exit_code == code, result.output
    data = json.loads(result.stdout)
    severities = {f["severity"] for f in data["findings"]}
    assert (code == 1) == bool(
        severities & ({"error"} if level == "error" else {"warning", "error"})
    )


def test_text_report_to_file(files, tmp_path: Path) -> None:
    src, tgt = files["bad"]
    out = tmp_path / "report.txt"
    result = _run(str(src), str(tgt), "--presplit", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "drift score" in text and "number_mismatch" in text
    assert result.stdout == ""


def test_html_report(files) -> None:
    src, tgt = files["bad"]
    result = _run(str(src), str(tgt), "--presplit", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html")


def test_glossary_option(files, tmp_path: Path) -> None:
    src, tgt = files["good"]
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("budget\t财政预算\n", encoding="utf-8")
    result = _run(
        str(src),
        str(tgt),
        "--presplit",
        "--glossary",
        str(glossary),
        "--format",
        "json",
        "--fail-on",
        "warning",
    )
    assert result.exit_code == 1
    kinds = [f["kind"] for f in json.loads(result.stdout)["findings"]]
    assert "term_inconsistency" in kinds


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_bad_glossary_exits_2(files, tmp_path: Path) -> None:
    src, tgt = files["good"]
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("no tab on this line\n", encoding="utf-8")
    result = _run(str(src), str(tgt), "--glossary", str(glossary))
    assert result.exit_code == 2
    assert "english<TAB>chinese" in result.output


def test_presplit_with_one_page_exits_2(files) -> None:
    src, _ = files["good"]
    result = _run(str(src), "--presplit")
    assert result.exit_code == 2
    assert "--presplit needs two files" in result.output


def test_mixed_page(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(f"{en} {zh}" for en, zh in GOOD[:8]) + "\n", encoding="utf-8")
    result = _run(str(page), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["n_beads"] >= 8
    assert data["summary"]["src_coverage"] > 0.9
