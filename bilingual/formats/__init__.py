"""Translation files read as already-paired units: XLIFF 1.2/2.0, PO, TMX, two-column TSV, XLSX.

A translation file needs no alignment: each unit is one bead (its source and its target), and
every finding about it carries the unit's id. The XML formats, PO and TMX are parsed by
translate-toolkit; XLSX by openpyxl. translate-toolkit parses XML with lxml, which expands
internal entities, so every XML input is first read with defusedxml, which refuses entity
declarations and external references (a "billion laughs" file or an XXE probe is an input
error, not a hang or a leak). A plain DOCTYPE without declarations (``tmx14.dtd``) is fine.

:func:`detect_format` recognises a file by its content first and its extension second, so a
mixed EN/ZH page keeps going to the splitter.
"""

from bilingual.formats.units import (
    TranslationFile,
    TranslationUnit,
    detect_format,
    read_translation_file,
    units_alignment,
)

__all__ = [
    "TranslationFile",
    "TranslationUnit",
    "detect_format",
    "read_translation_file",
    "units_alignment",
]
