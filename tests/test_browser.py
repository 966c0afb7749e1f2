"""The HTML report in a real headless browser (Debian's chromium): renders, counts, no injection.

Skipped with a reason when /usr/bin/chromium is absent (.ci/run installs the Debian package).
Each run gets its own profile folder and every network feature chromium has is switched off.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_fixtures import HOSTILE, seed_like_report

from bilingual.model import CheckReport
from bilingual.report import render_html

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless browser test needs Debian's chromium at /usr/bin/chromium "
    "(apt-get install -y chromium); .ci/run installs it",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
)
INJECTED_TAGS = {"script", "img", "iframe", "b", "object", "embed"}


def chromium(tmp_path: Path, page: Path, *extra: str) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    run = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


class Dom(HTMLParser):
    """Elements of the DOM chromium dumped after load (scripts, if any, have run)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def dump_dom(tmp_path: Path, html_text: str, name: str = "report.html") -> Dom:
    page = tmp_path / name
    page.write_text(html_text, encoding="utf-8")
    dom = Dom()
    dom.feed(chromium(tmp_path, page, "--dump-dom"))
    dom.close()
    assert any(tag == "body" for tag, _ in dom.elements), "chromium rendered no body"
    return dom


def injected(dom: Dom) -> list[tuple[str, dict[str, str | None]]]:
    """Elements or attributes that only injected input could have produced."""
    bad = []
    for tag, attrs in dom.elements:
        if (
            tag in INJECTED_TAGS
            or tag.startswith("pwned")
            or (attrs.get("id") or "").startswith("pwned")
            or any(k.startswith("on") for k in attrs)
        ):
            bad.append((tag, attrs))
    return bad


def json_finding_count(report: CheckReport) -> int:
    """Number of findings in the JSON report (the check package's serialiser when present)."""
    try:
        from bilingual.report import report_to_json
    except ImportError:
        return len(report.findings)
    return len(json.loads(report_to_json(report))["findings"])


def finding_elements(dom: Dom) -> list[dict[str, str | None]]:
    return [a for _, a in dom.elements if "data-finding-kind" in a]


def test_control_detector_sees_a_real_injection(tmp_path: Path) -> None:
    """Without escaping, the hostile strings do run in this browser: the detector must see it."""
    raw = "<!DOCTYPE html><html><body><p>x</p>" + "".join(HOSTILE[:3]) + "</body></html>"
    dom = dump_dom(tmp_path, raw, "control.html")
    tags = {tag for tag, _ in injected(dom)}
    assert {"pwned-script", "pwned-img"} <= tags, tags


def test_report_renders_with_all_findings(tmp_path: Path) -> None:
    report = seed_like_report()
    dom = dump_dom(tmp_path, render_html(report))
    found = finding_elements(dom)
    assert len(found) == json_finding_count(report) == len(report.findings)
    rows = [
        a for tag, a in dom.elements if tag == "tr" and "bead" in (a.get("class") or "").split()
    ]
    assert len(rows) == len(report.alignment.beads)
    assert sum(1 for tag, _ in dom.elements if tag == "svg") >= 1


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-shipped", "escaping-alone"])
def test_hostile_text_injects_nothing(tmp_path: Path, strip_csp: bool) -> None:
    """Markup and script in every input text stay text; also without the CSP safety net."""
    report = seed_like_report(hostile=True)
    page = render_html(report)
    if strip_csp:
        page, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        assert n == 1
    dom = dump_dom(tmp_path, page)
    assert injected(dom) == []
    assert len(finding_elements(dom)) == json_finding_count(report) == len(report.findings)


def test_screenshot_renders_a_page(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(seed_like_report()), encoding="utf-8")
    shot = tmp_path / "report.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1300,1400", "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1300, 1400)
    # a blank page compresses to almost nothing; a rendered report does not
    assert len(data) > 30_000


@pytest.mark.slow
def test_check_command_html_end_to_end(tmp_path: Path) -> None:
    """The real pipeline (`bilingual check --format html|json`) on hostile sample documents."""
    from typer.testing import CliRunner

    from bilingual.cli import app

    data = Path(__file__).resolve().parents[1] / "data"
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    en = (data / "sample.en.txt").read_text(encoding="utf-8")
    zh = (data / "sample.zh.txt").read_text(encoding="utf-8")
    src.write_text(en + "\n\n" + " ".join(HOSTILE[:4]) + "\n", encoding="utf-8")
    # the last hostile string holds a NUL byte, which the reader rightly refuses as binary
    tgt.write_text(zh + "\n\n" + "".join(HOSTILE[1:5]) + "\n", encoding="utf-8")
    runner = CliRunner()
    out_html, out_json = tmp_path / "report.html", tmp_path / "report.json"
    for fmt, out in (("html", out_html), ("json", out_json)):
        result = runner.invoke(app, ["check", str(src), str(tgt), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    n_json = len(json.loads(out_json.read_text(encoding="utf-8"))["findings"])
    dom = dump_dom(tmp_path, out_html.read_text(encoding="utf-8"))
    assert n_json > 0
    assert len(finding_elements(dom)) == n_json
    assert injected(dom) == []


def test_new_kinds_legend_and_highlighted_spans(tmp_path: Path) -> None:
    from _check_pairs import good_beads, make_alignment

    from bilingual.check import CheckConfig, check_alignment
    from bilingual.finding_kinds import kind_names

    beads = good_beads()
    beads[0] = (
        [
            "The city council approved the new budget on Tuesday after a long and bitter "
            "debate about taxes on petrol and alcohol."
        ],
        ["市议会周二批准了新预算。"],
    )
    beads[1] = (
        ["Click {0} to see <b>the plan</b> for public schools."],
        ["点击查看公立学校计划。"],
    )
    report = check_alignment(make_alignment(beads), config=CheckConfig(encoder=None))
    kinds = {f.kind for f in report.findings if f.spans}
    assert {"partial_omission", "format_mismatch"} <= kinds
    dom = dump_dom(tmp_path, render_html(report))
    marks = [a for tag, a in dom.elements if tag == "mark" and a.get("data-span-kind")]
    assert {a["data-span-kind"] for a in marks} >= {"partial_omission", "format_mismatch"}
    assert len(marks) == sum(len(f.spans) for f in report.findings)
    legend = [a["data-legend-kind"] for tag, a in dom.elements if a.get("data-legend-kind")]
    assert legend == list(kind_names())
    found = [a for _, a in dom.elements if a.get("data-finding-kind")]
    assert len(found) == len(report.findings)
