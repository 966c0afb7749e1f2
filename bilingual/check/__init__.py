"""Drift checks: where and how two aligned versions of a text differ, and by how much.

``check_alignment`` runs every finding kind (omission, addition, number_mismatch,
name_mismatch, untranslated, low_similarity, length_ratio, term_inconsistency) over an
Alignment and summarises them (:mod:`bilingual.check.summary` documents the drift score).
Thresholds are robust z-scores against the document's own beads, so a clean translation
raises few warnings and a drifting one many. ``check_documents``/``check_page`` align first.
"""

from bilingual.check.config import CheckConfig
from bilingual.check.json_report import report_schema, report_to_dict, report_to_json
from bilingual.check.run import check_alignment, check_documents, check_page, fails
from bilingual.check.summary import drift_score
from bilingual.check.terms import Glossary, GlossaryEntry, load_glossary, parse_glossary
from bilingual.check.text_report import render_text

__all__ = [
    "CheckConfig",
    "Glossary",
    "GlossaryEntry",
    "check_alignment",
    "check_documents",
    "check_page",
    "drift_score",
    "fails",
    "load_glossary",
    "parse_glossary",
    "render_text",
    "report_schema",
    "report_to_dict",
    "report_to_json",
]
