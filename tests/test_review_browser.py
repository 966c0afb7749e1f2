"""The review page in real headless Chromium (Playwright) against a real uvicorn server.

Skipped with a reason when /usr/bin/chromium or Playwright is absent (.ci/run installs the
Debian chromium; Playwright comes with the test extra).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import HOSTILE, seed_like_report
from review_fixtures import sample_jsonl
from review_server import CHROMIUM, CHROMIUM_ARGS, Server

from bilingual.export import parse_jsonl, write_jsonl

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser test needs Debian's chromium at /usr/bin/chromium "
    "(apt-get install -y chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def browser() -> Any:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1100, "height": 640}, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return page, problems


def wait_version(page: Any, v: int) -> None:
    page.wait_for_selector(f"body[data-version='{v}']", timeout=60_000)


def cur(page: Any) -> int:
    return int(page.get_attribute(".row.cur", "data-bead"))


def queue_of(d: dict[str, Any]) -> list[int]:
    ids = [b["id"] for b in d["beads"] if b["status"] != "confirmed"]
    return sorted(ids, key=lambda k: (-d["beads"][k]["doubt"], k))


def jump(page: Any, k: int) -> None:
    page.keyboard.press("g")
    page.keyboard.type(str(k))
    page.keyboard.press("Enter")
    assert cur(page) == k


def test_review_by_keyboard(tmp_path: Path, browser: Any) -> None:
    doc = tmp_path / "sample.jsonl"
    doc.write_text(sample_jsonl(), encoding="utf-8")
    save = tmp_path / "sample.review.jsonl"
    server = Server(str(doc), "--save", str(save), "--no-checks")
    try:
        page, problems = open_page(browser, server.url)
        d = server.get()
        n = len(d["beads"])
        assert page.locator(".row").count() <= 20 < n  # only what is visible (and a margin)
        # walk the queue: most doubtful first, back and forth
        q = queue_of(d)
        page.keyboard.press("n")
        assert cur(page) == q[0]
        page.keyboard.press("n")
        assert cur(page) == q[1]
        page.keyboard.press("p")
        assert cur(page) == q[0]
        page.keyboard.press("j")
        assert cur(page) == min(q[0] + 1, n - 1)
        # merge bead 0 with bead 1
        jump(page, 0)
        b0, b1 = d["beads"][0], d["beads"][1]
        page.keyboard.press("m")
        wait_version(page, 1)
        d = server.get()
        assert (d["beads"][0]["src"], d["beads"][0]["tgt"]) == (
            b0["src"] + b1["src"],
            b0["tgt"] + b1["tgt"],
        )
        # split it again at the default marks (one sentence each side)
        page.keyboard.press("s")
        wait_version(page, 2)
        d = server.get()
        assert (d["beads"][0]["src"], d["beads"][0]["tgt"]) == (b0["src"], b0["tgt"])
        # confirm bead 3 and everything above it
        jump(page, 3)
        page.keyboard.press("c")
        wait_version(page, 3)
        d = server.get()
        assert d["n_confirmed"] == 4
        assert cur(page) == queue_of(d)[0]  # confirming moves on to the next doubtful bead
        jump(page, 0)
        assert page.locator(".row.confirmed").count() == 4
        # undo, redo
        page.keyboard.press("z")
        wait_version(page, 4)
        assert server.get()["n_confirmed"] == 0
        page.keyboard.press("y")
        wait_version(page, 5)
        # a chosen range: mark bead 12, go to 10, confirm 10..12; then undo it
        jump(page, 12)
        page.keyboard.press(".")
        page.keyboard.press("k")
        page.keyboard.press("k")
        assert page.locator(".row.marked").count() == 3
        page.keyboard.press("c")
        wait_version(page, 6)
        marked = [b["id"] for b in server.get()["beads"] if b["status"] == "confirmed"]
        assert marked == [0, 1, 2, 3, 10, 11, 12]
        page.keyboard.press("z")
        wait_version(page, 7)
        confirmed = [b for b in server.get()["beads"] if b["status"] == "confirmed"]
        assert len(confirmed) == 4
        # break bead 6/7 by hand, then re-align the unconfirmed stretch after the anchors
        jump(page, 6)
        page.keyboard.press("m")
        wait_version(page, 8)
        page.keyboard.press("r")
        wait_version(page, 9)
        d = server.get()
        assert [b for b in d["beads"] if b["status"] == "confirmed"] == confirmed
        assert d["beads"][6]["score"] is not None  # made by the aligner again
        # search in the target column and jump there
        target = d["tgt"]["sentences"][20][:6]
        page.keyboard.press("/")
        page.keyboard.type(target)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        assert 20 in d["beads"][cur(page)]["tgt"]
        assert "confirmed 4 /" in page.inner_text("#progress")
        # export from the page: the download is the current alignment
        with page.expect_download() as info:
            page.click("#exports a[data-format='jsonl']")
        exported = parse_jsonl(Path(info.value.path()).read_text(encoding="utf-8"))
        assert [(list(b.src), list(b.tgt)) for b in exported.beads] == [
            (b["src"], b["tgt"]) for b in d["beads"]
        ]
        shot = tmp_path / "review.png"
        jump(page, q[0])
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        assert problems == []
        page.close()
    finally:
        assert server.stop() == 0
    # the saved file holds the state the page showed, statuses included
    saved = save.read_text(encoding="utf-8")
    beads = [line for line in saved.splitlines() if '"type": "bead"' in line]
    assert sum('"status": "confirmed"' in line for line in beads) == 4
    assert [(list(b.src), list(b.tgt)) for b in parse_jsonl(saved).beads] == [
        (b["src"], b["tgt"]) for b in d["beads"]
    ]


INSPECT = """() => {
  const out = [];
  for (const e of document.querySelectorAll('*')) {
    const attrs = [...e.attributes].map(a => a.name);
    out.push([e.tagName.toLowerCase(), e.id, attrs]);
  }
  return out;
}"""


def test_hostile_texts_inject_nothing(tmp_path: Path, browser: Any) -> None:
    """Markup and script in sentences, names and finding messages stay text."""
    doc = tmp_path / "hostile.jsonl"
    doc.write_text(write_jsonl(seed_like_report(hostile=True).alignment), encoding="utf-8")
    server = Server(str(doc))  # with the drift checks: their messages quote the texts
    try:
        page, problems = open_page(browser, server.url)
        page.wait_for_selector("body[data-version='0']")
        page.wait_for_selector("body[data-checking='0']", timeout=120_000)
        d = server.get()
        assert d["findings"], "the checks found nothing to show"
        shown = 0
        labels: list[str] = []
        for _ in d["beads"]:  # show every bead and its findings in the detail panel
            shown += page.locator("#detail .finding:not(.doc)").count()
            labels += page.locator("#detail .finding:not(.doc) .kind").all_inner_texts()
            page.keyboard.press("j")
        # each finding says how sure it is (the calibrated confidence of the report's JSON)
        assert any(re.search(r"confidence [01]\.\d\d", x, re.I) for x in labels), labels
        assert shown == len([f for f in d["findings"] if f["src_ids"] or f["tgt_ids"]])
        page.keyboard.press("Home")
        assert HOSTILE[0] in page.inner_text("body")  # shown, as text
        elements = page.evaluate(INSPECT)
        tags = {t for t, _, _ in elements}
        assert not any(t.startswith("pwned") for t in tags), tags
        assert not tags & {"img", "iframe", "svg", "b", "object", "embed"}, tags
        assert sum(1 for t, _, _ in elements if t == "script") == 1
        assert not any(a.startswith("on") for _, _, attrs in elements for a in attrs)
        assert not any((i or "").startswith("pwned") for _, i, _ in elements)
        assert problems == []
        page.close()
    finally:
        server.stop()


@pytest.mark.slow
def test_screenshot_with_findings(tmp_path: Path, browser: Any) -> None:
    """The README's screenshot: the sample pair with its drift findings, at the queue's head.

    ``REVIEW_SCREENSHOT=docs/review.png python -m pytest -m slow -k screenshot`` refreshes it.
    """
    doc = tmp_path / "sample.jsonl"
    doc.write_text(sample_jsonl(), encoding="utf-8")
    server = Server(str(doc))
    try:
        page = browser.new_page(viewport={"width": 1100, "height": 620})
        page.goto(server.url)
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_selector("body[data-checking='0']", timeout=120_000)
        page.keyboard.press("n")
        assert page.locator("#detail .finding").count() >= 1
        shot = tmp_path / "review.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if os.environ.get("REVIEW_SCREENSHOT"):
            shutil.copy(shot, os.environ["REVIEW_SCREENSHOT"])
        page.close()
    finally:
        assert server.stop() == 0


def test_confirm_asks_before_unseen_or_doubtful_beads(tmp_path: Path, browser: Any) -> None:
    import dataclasses

    aligned = parse_jsonl(sample_jsonl())
    beads = list(aligned.beads)
    beads[5] = dataclasses.replace(beads[5], score=0.18)  # one doubtful bead near the top
    doc = tmp_path / "doubtful.jsonl"
    doc.write_text(write_jsonl(dataclasses.replace(aligned, beads=tuple(beads))), "utf-8")
    server = Server(str(doc), "--save", str(tmp_path / "d.review.jsonl"), "--no-checks")
    try:
        page, problems = open_page(browser, server.url)
        n = len(server.get()["beads"])
        ask = page.locator("#ask")
        # beads 0..3 are on screen and confident: "c" confirms them without a question
        jump(page, 3)
        page.keyboard.press("c")
        wait_version(page, 1)
        assert server.get()["n_confirmed"] == 4 and ask.is_hidden()
        # 0..7 holds bead 5 at confidence 0.18: asked first; Escape confirms nothing
        jump(page, 7)
        page.keyboard.press("c")
        assert ask.is_visible()
        text = page.locator("#ask-text").text_content() or ""
        assert "below confidence 0.5" in text and "#5 at 0.18" in text, text
        page.keyboard.press("Escape")
        assert ask.is_hidden()
        page.keyboard.press("j")  # keys work again, and nothing was sent
        assert server.get()["n_confirmed"] == 4 and server.get()["version"] == 1
        # the last bead: everything between was never on screen; "y" confirms all of it
        jump(page, n - 1)
        page.keyboard.press("c")
        assert ask.is_visible()
        assert "never shown on screen" in (page.locator("#ask-text").text_content() or "")
        page.keyboard.press("y")
        wait_version(page, 2)
        assert server.get()["n_confirmed"] == n and ask.is_hidden()
        assert problems == []
    finally:
        server.stop()
