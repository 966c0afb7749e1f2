"""bilingual: English–Chinese alignment and translation-consistency toolkit.

``import bilingual`` is cheap: it loads no model and no spaCy pipeline. The functions below
(``bilingual.align_documents`` ...) are imported on first use (PEP 562), so the package stays
cheap to import while one name reaches each job; docs/python.md shows them at work.
"""

from typing import TYPE_CHECKING, Any

from bilingual._version import __version__
from bilingual.errors import (
    BilingualError,
    ConfigError,
    DependencyError,
    EmptyInputError,
    EncodingError,
    FormatError,
    InputError,
    LanguageError,
)
from bilingual.model import (
    Alignment,
    Bead,
    Document,
    Evidence,
    Finding,
    Piece,
    Segment,
    Segmentation,
    SplitPage,
)

# public function -> the module that defines it (imported on first attribute access)
_LAZY = {
    "align_documents": "bilingual.align",
    "align_page": "bilingual.align",
    "check_documents": "bilingual.check",
    "check_page": "bilingual.check",
    "check_project": "bilingual.project",
    "check_translation_file": "bilingual.check",
    "read_alignment": "bilingual.export",
    "read_document": "bilingual.io",
    "read_translation_file": "bilingual.formats",
    "register_encoder": "bilingual.encode",
    "render": "bilingual.export",
    "report_to_json": "bilingual.report",
    "split_page": "bilingual.segment.mixed",
    "write_alignment": "bilingual.export",
}

if TYPE_CHECKING:
    from bilingual.align import align_documents, align_page
    from bilingual.check import check_documents, check_page, check_translation_file
    from bilingual.encode import register_encoder
    from bilingual.export import read_alignment, render, write_alignment
    from bilingual.formats import read_translation_file
    from bilingual.io import read_document
    from bilingual.project import check_project
    from bilingual.report import report_to_json
    from bilingual.segment.mixed import split_page


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bilingual' has no attribute {name!r}")


__all__ = [
    "Alignment",
    "Bead",
    "BilingualError",
    "ConfigError",
    "DependencyError",
    "Document",
    "EmptyInputError",
    "EncodingError",
    "Evidence",
    "Finding",
    "FormatError",
    "InputError",
    "LanguageError",
    "Piece",
    "Segment",
    "Segmentation",
    "SplitPage",
    "__version__",
    "align_documents",
    "align_page",
    "check_documents",
    "check_page",
    "check_project",
    "check_translation_file",
    "read_alignment",
    "read_document",
    "read_translation_file",
    "register_encoder",
    "render",
    "report_to_json",
    "split_page",
    "write_alignment",
]
