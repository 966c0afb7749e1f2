"""Bounded inputs (issue 24): bytes per file, per decompressed XLSX member and in total, the
expansion ratio; each refused in one line, each raised with a root option."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import LimitError
from bilingual.io import read_text
from bilingual.limits import Limits, limits, set_limits

runner = CliRunner()
MIB = 1 << 20


@pytest.fixture(autouse=True)
def default_limits() -> Iterator[None]:
    before = limits()
    yield
    set_limits(before)


def _xlsx(path: Path, shared_strings: int, *, sheets: int = 1) -> Path:
    """A workbook whose sharedStrings.xml expands to ``shared_strings`` bytes (a zip bomb)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Hello.", "你好。"])
    book.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for k in range(sheets):
            with z.open(f"xl/bomb{k}.xml", "w", force_zip64=True) as fh:
                block = b"<t>" + b"a" * (MIB - 7) + b"</t>"
                for _ in range(shared_strings // MIB):
                    fh.write(block)
    return path


def _one_error(output: str) -> str:
    lines = [x for x in output.splitlines() if x.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


def test_an_xlsx_bomb_is_refused_before_it_is_decompressed(tmp_path: Path) -> None:
    bomb = _xlsx(tmp_path / "bomb.xlsx", 400 * MIB)  # one 400 MiB member, ~0.4 MiB on disk
    assert bomb.stat().st_size < 2 * MIB
    t0 = time.process_time()
    r = runner.invoke(app, ["check", str(bomb)])
    assert r.exit_code == 2
    line = _one_error(r.output)
    assert "bomb0.xml" in line and "--max-unzip-mb" in line
    assert time.process_time() - t0 < 5  # nothing was decompressed


def test_many_members_are_refused_in_total(tmp_path: Path) -> None:
    set_limits(Limits(unzip_bytes=5 * MIB, zip_ratio=1e9))
    bomb = _xlsx(tmp_path / "many.xlsx", 2 * MIB, sheets=4)  # 4 × 2 MiB: each fits, not all
    with pytest.raises(LimitError, match=r"in all, over the limit"):
        from bilingual.formats import read_translation_file

        read_translation_file(bomb)


def test_the_expansion_ratio_and_raising_the_limits(tmp_path: Path) -> None:
    bomb = _xlsx(tmp_path / "ratio.xlsx", 8 * MIB)  # compresses ~1000×
    r = runner.invoke(app, ["check", str(bomb)])
    assert r.exit_code == 2 and "--max-zip-ratio" in _one_error(r.output)
    r = runner.invoke(app, ["--max-zip-ratio", "100000", "check", str(bomb), "--format", "json"])
    assert "--max-zip-ratio" not in r.output and "over the limit" not in r.output


def test_a_file_over_the_byte_limit_is_refused_and_the_option_raises_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Hello there. " * 20_000, encoding="utf-8")  # 260 KB
    r = runner.invoke(app, ["--max-file-mb", "0.1", "segment", str(big)])
    assert r.exit_code == 2
    line = _one_error(r.output)
    assert "big.txt" in line and "--max-file-mb 1" in line
    assert runner.invoke(app, ["--max-file-mb", "1", "segment", str(big)]).exit_code == 0


def test_stdin_and_devices_are_read_no_further_than_the_limit() -> None:
    set_limits(Limits(file_bytes=MIB))
    t0 = time.process_time()
    with pytest.raises(LimitError, match=r"/dev/zero: more than 1\.0 MiB"):
        read_text("/dev/zero")
    assert time.process_time() - t0 < 2
    r = runner.invoke(app, ["--max-file-mb", "0.5", "segment", "-"], input="a" * (MIB))
    assert r.exit_code == 2 and "<stdin>: more than 0.5 MiB" in _one_error(r.output)


def test_a_corpus_input_over_the_limit_fails_alone(tmp_path: Path) -> None:
    from corpus_fixtures import write_docs

    write_docs(tmp_path / "en", tmp_path / "zh", n=1)
    (tmp_path / "en" / "huge.en.txt").write_text("Hello. " * 40_000, encoding="utf-8")
    (tmp_path / "zh" / "huge.zh.txt").write_text("你好。" * 100, encoding="utf-8")
    out = tmp_path / "out"
    en, zh = str(tmp_path / "en"), str(tmp_path / "zh")
    args = ["--max-file-mb", "0.2", "corpus", en, zh, "-o", str(out), "--jobs", "1"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    import json

    docs = {d["id"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert docs["doc0"]["status"] == "ok"
    assert docs["huge"]["status"] == "failed" and "--max-file-mb" in docs["huge"]["error"]


def test_long_bead_sides_skip_names_and_terms_until_the_limit_is_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from _check_pairs import make_alignment

    from bilingual.check import CheckConfig, check_alignment

    en, zh = "Helen Ward met Tom Brown in Paris. ", "海伦·沃德在巴黎见到了汤姆·布朗。"
    beads = [([en * 4], [zh * 4])]
    config = CheckConfig(encoder=None)
    set_limits(Limits(segment_chars=50))
    check_alignment(make_alignment(beads), config=config)
    assert "--max-segment-chars" in caplog.text
    caplog.clear()
    set_limits(Limits(segment_chars=5000))
    check_alignment(make_alignment(beads), config=config)
    assert "not checked" not in caplog.text
