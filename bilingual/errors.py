"""One exception hierarchy for everything a user can get wrong; each message says how to fix it.

::

    BilingualError                 base; the CLI prints its message and exits 2
    ├── InputError                 a file or stdin cannot be used as text
    │   ├── EncodingError          bytes are binary or in no supported encoding
    │   ├── EmptyInputError        nothing but whitespace
    │   └── LimitError             an input over a size limit (each limit has an option)
    ├── LanguageError              unsupported, undetectable or contradictory language
    ├── FormatError                a TMX/TSV/JSONL/gold file is malformed or hostile
    ├── DependencyError            an optional backend or model is not installed
    ├── ConfigError                options that contradict each other or are out of range
    ├── EditError                  a review edit does not fit the alignment (HTTP 400)
    ├── StaleVersionError          a review edit made against an older version (HTTP 409)
    └── StateLockedError           another process is writing the same state (save, folder)
"""

from __future__ import annotations


class BilingualError(Exception):
    """Base of every error bilingual raises on purpose; ``str(e)`` is the user-facing message."""

    exit_code = 2


class InputError(BilingualError):
    """An input path or stream cannot be read as text."""


class EncodingError(InputError):
    """The input is binary or in an encoding bilingual does not support."""


class EmptyInputError(InputError):
    """The input holds no text."""


class LimitError(InputError):
    """An input is larger than a limit (bytes, decompressed size, segment length)."""


class LanguageError(BilingualError):
    """The language is unsupported, cannot be detected, or contradicts another input."""


class FormatError(BilingualError):
    """A structured input (TMX, TSV, JSONL, gold) is malformed or unsafe."""


class DependencyError(BilingualError):
    """An optional package or model is missing."""


class ConfigError(BilingualError):
    """Options are contradictory or out of range."""


class EditError(BilingualError):
    """A review edit does not fit the alignment (bead out of range, nothing to split ...)."""


class StaleVersionError(BilingualError):
    """A review edit was made against an older version of the alignment than the current one."""


class StateLockedError(BilingualError):
    """Another live process holds the lock of a review save file, corpus folder or cache."""
