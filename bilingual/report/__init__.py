"""Reports of check results: text (terminal), JSON (scripts, with its schema), XLSX and the
self-contained HTML side-by-side page."""

from bilingual.report.html import render_html
from bilingual.report.json import report_schema, report_to_dict, report_to_json
from bilingual.report.text import render_text

__all__ = ["render_html", "render_text", "report_schema", "report_to_dict", "report_to_json"]
