"""What a new user meets in the first hour: forgotten inputs refused with a fix (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def _without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        "bilingual.extras.importlib.util.find_spec",
        lambda name, *a: None if name in modules else real(name, *a),
    )


def test_missing_extra_is_said_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    import bilingual.check

    _without(monkeypatch, "openpyxl")

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("aligned before checking the extra")

    monkeypatch.setattr(bilingual.check, "check_documents", no_work)
    en, zh = ROOT / "data" / "sample.en.txt", ROOT / "data" / "sample.zh.txt"
    msg = _error(["check", str(en), str(zh), "-f", "xlsx", "-o", "/tmp/x.xlsx"])
    assert "'formats' extra (openpyxl missing)" in msg
    # run from this checkout (not installed as bilingual-enzh): the command names the checkout
    assert f"pip install '{ROOT}[formats]'" in msg or "pip install '.[formats]'" in msg


def test_install_command_fits_index_and_clone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bilingual import extras

    monkeypatch.setattr(extras, "_checkout", lambda: None)
    assert extras.install_command("formats") == "pip install 'bilingual-enzh[formats]'"
    monkeypatch.setattr(extras, "_checkout", lambda: tmp_path)
    assert extras.install_command("dask") == f"pip install '{tmp_path}[dask]'"
    monkeypatch.chdir(tmp_path)
    assert extras.install_command("dask") == "pip install '.[dask]'"


def test_cluster_without_dask_is_refused_before_any_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without(monkeypatch, "distributed")
    out = tmp_path / "out"
    msg = _error(["corpus", str(ROOT / "data"), "--cluster", "tcp://x:1", "-o", str(out)])
    assert "--cluster needs the 'dask' extra" in msg and not out.exists()


def test_distribution_name_is_the_same_in_pyproject_and_extras() -> None:
    from bilingual.extras import DISTRIBUTION

    assert f'\nname = "{DISTRIBUTION}"\n' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_text_report_says_how_to_read_the_score() -> None:
    from bilingual.report.text import READING_GUIDE

    en, zh = ROOT / "data" / "sample.en.txt", ROOT / "data" / "sample.zh.txt"
    result = runner.invoke(app, ["check", str(en), str(zh)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("drift score ") and lines[2] == READING_GUIDE
    assert "100 = unrelated" in READING_GUIDE


def test_the_unrelated_bilingual_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata
    from types import SimpleNamespace

    from bilingual import extras

    summary = "High-quality Bangla and English NLP toolkit for production use"
    foreign = SimpleNamespace(metadata={"Summary": summary})
    monkeypatch.setattr(metadata, "distribution", lambda name: foreign)
    msg = extras.foreign_package()
    assert msg is not None and "pip uninstall bilingual" in msg and "Bangla" in msg
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "pip uninstall bilingual" in result.stderr
