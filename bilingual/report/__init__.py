"""Human-readable reports of check results: the self-contained HTML side-by-side page."""

from bilingual.report.html import render_html

__all__ = ["render_html"]
