"""The comparable report in a real browser (Playwright + Debian's chromium): follow a
contradiction link and see every end of it light up (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import CHROMIUM, FLAGS
from test_comparable import EN, ZH

from bilingual.check import check_documents
from bilingual.model import Document
from bilingual.report import render_html

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)

HIGHLIGHT = "rgb(255, 138, 128)"  # the contradiction highlight of comparable_html


def test_following_a_contradiction_link_highlights_its_other_ends(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    report = check_documents(
        Document(EN, "en", "a.en"), Document(ZH, "zh", "a.zh"), mode="comparable"
    )
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report), encoding="utf-8")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS), headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            ends = page.locator("a.ct-end[data-contradiction='0']")
            assert ends.count() == 2  # $500/month and 每月2000美元

            def background(k: int) -> str:
                return ends.nth(k).evaluate("e => getComputedStyle(e).backgroundColor")

            assert background(0) != HIGHLIGHT and background(1) != HIGHLIGHT
            first_id = ends.nth(0).get_attribute("id")
            second_id = ends.nth(1).get_attribute("id")
            ends.nth(0).click()
            # the link goes to the other end, and every end of the contradiction lights up
            assert page.evaluate("location.hash") == "#" + str(second_id)
            assert background(0) == HIGHLIGHT and background(1) == HIGHLIGHT
            # and back: the last end links to the first
            ends.nth(1).click()
            assert page.evaluate("location.hash") == "#" + str(first_id)
            # claims are shaded by support, the unsupported ones marked
            assert page.locator("span.claim.unsupported").count() >= 2
            assert page.locator("span.claim[data-support]").count() == len(
                report.comparable.src_claims + report.comparable.tgt_claims  # type: ignore[union-attr]
            )
            # a link in the contradiction list reaches an end too
            page.locator("ul.contradictions a.ct-link").first.click()
            assert background(0) == HIGHLIGHT
            assert page.locator("script").count() == 0
        finally:
            browser.close()
    assert [u for u in requests if not u.startswith("file:")] == []


def test_the_two_paragraphs_of_a_rewritten_pair_link_to_each_other(tmp_path: Path) -> None:
    from dataclasses import replace

    from bilingual.model import RewrittenPair

    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package")
    report = check_documents(
        Document(EN, "en", "a.en"), Document(ZH, "zh", "a.zh"), mode="comparable"
    )
    assert report.comparable is not None
    src_p = report.alignment.src.segments[-1].paragraph
    tgt_p = report.alignment.tgt.segments[-1].paragraph
    paired = replace(
        report, comparable=replace(report.comparable, rewritten=(RewrittenPair(src_p, tgt_p, 0.6),))
    )
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(paired), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS), headless=True)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            marks = page.locator("p.par.rewritten a.pn")
            assert marks.count() == 2
            marks.nth(0).click()
            assert page.evaluate("location.hash") == f"#par-tgt-{tgt_p}"
            target = page.locator(f"#par-tgt-{tgt_p}")
            assert "rewritten" in str(target.get_attribute("class"))
            assert target.evaluate("e => getComputedStyle(e).boxShadow") != "none"
            marks.nth(1).click()
            assert page.evaluate("location.hash") == f"#par-src-{src_p}"
        finally:
            browser.close()
