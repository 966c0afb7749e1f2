"""A missing output folder is refused before any work is done, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "args",
    [
        ["align", str(DATA / "sample.en.txt"), str(DATA / "sample.zh.txt")],
        ["align", str(DATA / "sample.en.txt"), str(DATA / "sample.zh.txt"), "--format", "moses"],
        ["check", str(DATA / "sample.en.txt"), str(DATA / "sample.zh.txt"), "--format", "html"],
    ],
)
def test_missing_output_folder_fails_first(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "no" / "such" / "out.txt"
    result = CliRunner().invoke(app, [*args, "-o", str(missing)])
    assert result.exit_code == 2
    assert "does not exist; create it first" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "no").exists()
