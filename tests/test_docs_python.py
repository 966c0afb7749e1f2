"""The examples of docs/python.md run, in order, in one namespace (as a reader would run them)."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def test_there_is_an_example_per_job() -> None:
    text = DOC.read_text("utf-8")
    blocks = BLOCK.findall(text)
    for needle in (
        "align_documents",
        "check_documents",
        "pd.read_json",
        "load_dataset",
        "register_encoder",
    ):
        assert any(needle in b for b in blocks), needle


def test_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for f in ("sample.en.txt", "sample.zh.txt"):
        (tmp_path / "data").mkdir(exist_ok=True)
        shutil.copy(ROOT / "data" / f, tmp_path / "data" / f)
    monkeypatch.chdir(tmp_path)
    # datasets keeps its cache under HF_HOME: in the test folder, not in the user's home
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    namespace: dict[str, object] = {"__name__": "docs_python"}
    try:
        for block in BLOCK.findall(DOC.read_text("utf-8")):
            if "from datasets import" in block and importlib.util.find_spec("datasets") is None:
                pytest.skip("Hugging Face datasets is not installed (pip install datasets)")
            exec(compile(block, str(DOC), "exec"), namespace)
    finally:
        from bilingual.encode import unregister_encoder

        unregister_encoder("char-bigrams")
