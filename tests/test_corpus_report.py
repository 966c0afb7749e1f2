"""The corpus report: JSON structure, escaping, and report.html rendered in headless Chromium.

The report is built from hand-made results (no model), with hostile document ids and errors.
The browser part drives Debian's chromium through Playwright and skips with a reason when
/usr/bin/chromium or the playwright package is absent.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bilingual.corpus.report import (
    CorpusReport,
    DocReport,
    Histogram,
    render_html,
    report_to_dict,
    write_reports,
)

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = "<script>alert(1)</script><img src=x onerror=\"fetch('http://evil/')\">"


def _doc(k: int, status: str = "ok", error: str = "", doc_id: str | None = None) -> DocReport:
    return DocReport(
        id=doc_id or f"doc{k}",
        src=f"en/doc{k}.txt",
        tgt=f"zh/doc{k}.txt",
        status=status,
        error=error,
        pairs=10 if status != "failed" else 0,
        kept=7 if status != "failed" else 0,
        dropped=(("duplicate", 1), ("omission", 2)) if status != "failed" else (),
        mean_confidence=0.9 if status != "failed" else math.nan,
        drift_score=3.5,
        src_coverage=0.95,
        tgt_coverage=1.0,
        seconds=0.4,
    )


def sample_report() -> CorpusReport:
    conf = Histogram.empty("confidence", 0.0, 1.0, 20)
    for v in (0.02, 0.5, 0.95, 0.97, 0.99, 1.0, 1.5, math.nan):
        conf = conf.add(v)
    ratio = Histogram.empty("length ratio", -4.0, 4.0, 32).add(0.1).add(-9)
    docs = [
        _doc(0),
        _doc(1, "skipped"),
        _doc(2, "failed", f"bad {HOSTILE}"),
        _doc(3, doc_id=f"x/{HOSTILE}"),
    ]
    return CorpusReport.build(
        docs,
        [f"zh/{HOSTILE}.txt"],
        signature="bilingual:test",
        filters="conf>=0.2",
        histograms=(conf, ratio),
    )


def test_json_has_the_documented_fields() -> None:
    d = report_to_dict(sample_report())
    assert {"documents", "unpaired", "totals"} <= set(d)
    doc = d["documents"][0]
    assert {"id", "src", "tgt", "status", "error", "pairs", "kept", "dropped"} <= set(doc)
    assert doc["dropped"] == {"duplicate": 1, "omission": 2}
    assert d["totals"]["failed"] == 1 and d["totals"]["skipped"] == 1
    assert d["totals"]["kept"] + sum(d["totals"]["dropped"].values()) == d["totals"]["pairs"]
    assert d["documents"][2]["mean_confidence"] is None  # NaN is null, JSON stays strict
    assert d["histograms"][0]["counts"][0] == 1 and sum(d["histograms"][0]["counts"]) == 7
    json.dumps(d, allow_nan=False)


def test_html_escapes_every_input() -> None:
    page = render_html(sample_report())
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    write_reports(sample_report(), tmp_path)
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto((tmp_path / "report.html").as_uri())
            rows = page.locator("tr.doc")
            assert rows.count() == 4
            assert page.locator("tr.doc[data-status=failed]").count() == 1
            assert page.locator("ul.failed li").count() == 1
            assert page.locator("ul.unpaired li").count() == 1
            assert page.locator("svg.hist").count() == 2
            bars = page.locator("svg.hist").first.locator("rect.bar")
            assert bars.count() == 20
            heights = [float(bars.nth(k).get_attribute("height") or 0) for k in range(20)]
            assert heights[-1] == max(heights) > 0  # 0.99, 1.0 and 1.5 land in the last bin
            box = page.locator("svg.hist").first.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50
            assert page.locator("script, img, iframe").count() == 0
            text = page.locator("body").inner_text()
            assert "<script>alert(1)</script>" in text  # shown as text, never run
            kept = page.locator("#totals tr[data-total=kept] td").inner_text()
            assert kept == "21"
            assert dialogs == []
        finally:
            browser.close()
    assert [u for u in requests if not u.startswith("file:")] == []
