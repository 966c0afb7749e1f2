"""Limits on what one run reads: the sizes every input is checked against (issue 24).

Facts, not I/O: the readers (bilingual.io, formats) and the checks (names and terms) read them;
the CLI's root options set them once per process.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "limits", "set_limits"]

_MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How much any one run reads (each raised with a root option of the CLI).

    - ``file_bytes``: one input file or stdin (``bilingual --max-file-mb N``); checked against
      the size on disk before reading, and while reading stdin;
    - ``unzip_bytes``: one decompressed member of an XLSX/ZIP input, and all members together
      (``--max-unzip-mb N``); ``zip_ratio``: decompressed to compressed size of a member above
      1 MiB (``--max-zip-ratio R``). Both are checked from the archive's directory before any
      member is decompressed, and the reader never decompresses more than a member declares;
    - ``segment_chars``: the longest bead side the names and terms checks read (their cost
      grows with the square of its length; ``--max-segment-chars N``): longer ones are skipped
      with a warning.
    """

    file_bytes: int = 64 * _MIB
    unzip_bytes: int = 256 * _MIB
    zip_ratio: float = 100.0
    segment_chars: int = 1000


# Process-wide on purpose (not a context variable): the review server's and the corpus's
# threads must see the limits the command line set.
_limits = [Limits()]


def limits() -> Limits:
    """The limits in force."""
    return _limits[0]


def set_limits(value: Limits) -> None:
    """Put ``value`` in force for this process (the CLI's root options)."""
    _limits[0] = value
