"""Small document pairs for the corpus tests, cut from the bundled sample (data/sample.*)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.testing import CliRunner

from bilingual.cli import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILES = ("corpus.en", "corpus.zh", "corpus.tmx", "corpus.jsonl")


def paragraphs(lang: str) -> list[str]:
    text = (ROOT / "data" / f"sample.{lang}.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if p.strip()]


def write_docs(en_dir: Path, zh_dir: Path, n: int = 4, per: int = 3) -> list[str]:
    """``n`` pairs of ``per`` paragraphs each, named docK.en.txt / docK.zh.txt; their stems."""
    en, zh = paragraphs("en"), paragraphs("zh")
    en_dir.mkdir(parents=True, exist_ok=True)
    zh_dir.mkdir(parents=True, exist_ok=True)
    stems = []
    for k in range(n):
        lo = (k * per) % 8  # wraps around: documents 3+ repeat paragraphs (dedup cases)
        stem = f"doc{k}"
        (en_dir / f"{stem}.en.txt").write_text("\n\n".join(en[lo : lo + per]), encoding="utf-8")
        (zh_dir / f"{stem}.zh.txt").write_text("\n\n".join(zh[lo : lo + per]), encoding="utf-8")
        stems.append(stem)
    return stems


def run_cli(*args: str):
    """``bilingual corpus ...`` in this process (the model stays loaded between tests)."""
    return CliRunner().invoke(app, ["corpus", *args])


def corpus_bytes(out: Path) -> dict[str, bytes]:
    """The corpus files and per-document alignments of an output folder, by relative name."""
    files = {name: (out / name).read_bytes() for name in CORPUS_FILES}
    for p in sorted((out / "alignments").rglob("*.jsonl")):
        files[p.relative_to(out).as_posix()] = p.read_bytes()
    return files


def worktree_env() -> dict[str, str]:
    """The environment a subprocess needs to import this checkout's bilingual."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONUNBUFFERED"] = "1"
    return env


PYTHON = sys.executable
