"""bilingual: English–Chinese alignment and translation-consistency toolkit.

``import bilingual`` is cheap: it loads no model and no spaCy pipeline.
"""

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
]
