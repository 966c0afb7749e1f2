"""Drift checks: where and how two aligned versions of a text differ, and by how much.

``check_alignment`` runs every finding kind (omission, addition, number_mismatch,
name_mismatch, untranslated, low_similarity, length_ratio, term_inconsistency) over an
Alignment and summarises them (:mod:`bilingual.check.summary` documents the drift score);
the text, JSON and XLSX reports of the result are in :mod:`bilingual.report`.
Thresholds are robust z-scores against the document's own beads, so a clean translation
raises few warnings and a drifting one many. ``check_documents``/``check_page`` align first;
``check_translation_file`` checks the units of an XLIFF/PO/TMX/TSV/XLSX file as paired.
Besides drift: partial omissions/additions inside beads (:mod:`.partial`), format and
punctuation (:mod:`.format`), consistency (:mod:`.consistency`) and glossaries with forbidden
terms (:mod:`.glossary`).
"""

from bilingual.check.config import CheckConfig
from bilingual.check.run import (
    attach_units,
    check_alignment,
    check_documents,
    check_page,
    check_translation_file,
    fails,
)
from bilingual.check.summary import drift_score
from bilingual.formats.terms import Glossary, GlossaryEntry, load_glossary, parse_glossary

__all__ = [
    "CheckConfig",
    "Glossary",
    "GlossaryEntry",
    "attach_units",
    "check_alignment",
    "check_documents",
    "check_page",
    "check_translation_file",
    "drift_score",
    "fails",
    "load_glossary",
    "parse_glossary",
]
