"""The HTML side-by-side report, parsed back with html.parser: structure, counts, escaping."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixtures import HOSTILE, make_report, seed_like_report

from bilingual.model import Alignment, Bead, Finding
from bilingual.report import render_html
from bilingual.report._markup import Trusted, clean, h, render

# Every tag the page may contain; anything else came from input text.
ALLOWED_TAGS = {
    "html",
    # the ranked list of the most important findings (issue 20)
    "ol",
    "li",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "mark",
    "h1",
    "h2",
    "p",
    "div",
    "section",
    "table",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "br",
    "label",
    "input",
    "figure",
    "figcaption",
    "svg",
    "rect",
    "line",
    "polyline",
    "text",
    "a",
}


class Page(HTMLParser):
    """Collects elements (tag, attrs) and text, and tracks which element each text is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []
        self.decls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.decls.append(decl)

    def with_attr(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.elements if name in a]


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def test_finding_elements_equal_report_findings() -> None:
    report = seed_like_report()
    page = parse(render_html(report))
    found = page.with_attr("data-finding-kind")
    assert len(found) == len(report.findings)
    assert Counter(a["data-finding-kind"] for a in found) == Counter(
        f.kind for f in report.findings
    )
    assert Counter(a["data-severity"] for a in found) == Counter(
        f.severity for f in report.findings
    )


def test_every_bead_is_one_row_with_its_scores() -> None:
    report = seed_like_report()
    page = parse(render_html(report))
    rows = [
        a for tag, a in page.elements if tag == "tr" and "bead" in (a.get("class") or "").split()
    ]
    beads = report.alignment.beads
    assert len(rows) == len(beads)
    for row, bead in zip(rows, beads, strict=True):
        assert row["data-src"] == " ".join(map(str, bead.src))
        assert row["data-tgt"] == " ".join(map(str, bead.tgt))
        assert float(row["data-confidence"] or "nan") == pytest.approx(bead.score, abs=1e-4)
        if not math.isnan(bead.similarity):
            assert float(row["data-similarity"] or "nan") == pytest.approx(
                bead.similarity, abs=1e-4
            )
    # the plot draws one mark per bead
    marks = [a for tag, a in page.elements if tag == "rect" and a.get("class") == "bead-mark"]
    assert len(marks) == len(beads)


def test_findings_sit_right_after_their_bead_and_flag_it() -> None:
    report = seed_like_report()
    page = parse(render_html(report))
    order = [(tag, a) for tag, a in page.elements if tag == "tr" or "data-finding-kind" in a]
    # the first number_mismatch (src 1, tgt 1) follows the row of bead 1, which is flagged "error"
    idx = next(k for k, (tag, a) in enumerate(order) if a.get("id") == "b1")
    bead_row = order[idx][1]
    assert "flagged" in (bead_row["class"] or "") and "sev-error" in (bead_row["class"] or "")
    after = [a for tag, a in order[idx + 1 : idx + 4] if "data-finding-kind" in a]
    assert after and after[0]["data-finding-kind"] == "number_mismatch"
    assert after[0]["data-src"] == "1" and after[0]["data-tgt"] == "1"
    # a bead without findings is not flagged
    clean_row = next(a for tag, a in order if a.get("id") == "b0")
    assert "flagged" not in (clean_row["class"] or "")


def test_paragraph_groups_hold_their_sentence_beads() -> None:
    report = seed_like_report()
    page = parse(render_html(report))
    groups: list[list[str]] = []
    for tag, a in page.elements:
        if tag == "tbody":
            groups.append([])
        elif tag == "tr" and groups and "bead" in (a.get("class") or "").split():
            groups[-1].append(a["id"] or "")
    assert len(groups) == len(report.alignment.paragraph_beads)
    assert groups == [["b0", "b1", "b2"], ["b3"], ["b4", "b5"], ["b6"]]
    # the paragraph-level omission sits under paragraph header 1
    paragraph_finding = next(
        a for a in page.with_attr("data-finding-kind") if a["data-level"] == "paragraph"
    )
    assert paragraph_finding["data-src"] == "1"


def test_flat_report_without_paragraph_beads() -> None:
    report = make_report(
        [["A.", "B."]], [["甲。", "乙。"]], [((0,), (0,), 0.9, 0.8), ((1,), (1,), 0.8, 0.7)], [], []
    )
    page = parse(render_html(report))
    assert [t for t, _ in page.elements].count("tbody") == 1
    assert not page.with_attr("data-finding-kind")


def test_hostile_input_is_escaped_everywhere() -> None:
    report = seed_like_report(hostile=True)
    text = render_html(report)
    page = parse(text)
    tags = {tag for tag, _ in page.elements}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in page.elements:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert not (attrs.get("id") or "").startswith("pwned")
    assert page.comments == []
    # the hostile strings survive as text: escaped, not dropped
    shown = "".join(page.text)
    for evil in HOSTILE:
        assert clean(evil) in shown
    assert "<script" not in text.lower() and "<img" not in text.lower()
    assert len(page.with_attr("data-finding-kind")) == len(report.findings)


def test_page_is_self_contained() -> None:
    page = parse(render_html(seed_like_report(hostile=True)))
    tags = [t for t, _ in page.elements]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    for tag, attrs in page.elements:
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, attrs)
    csp = [a for t, a in page.elements if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))


def test_summary_numbers_are_shown() -> None:
    report = seed_like_report()
    shown = " ".join(parse(render_html(report)).text)
    assert "37.5 / 100" in shown
    assert "93.0 %" in shown and "88.0 %" in shown and "0.710" in shown


def test_render_is_deterministic() -> None:
    assert render_html(seed_like_report()) == render_html(seed_like_report())


_any_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    src=st.lists(_any_text, min_size=1, max_size=4),
    tgt=st.lists(_any_text, min_size=1, max_size=4),
    message=_any_text,
)
def test_any_text_round_trips_as_text_and_adds_no_tag(
    src: list[str], tgt: list[str], message: str
) -> None:
    n = min(len(src), len(tgt))
    beads = [((i,), (i,), 0.5, 0.5) for i in range(n)]
    beads += [((i,), (), 0.1, float("nan")) for i in range(n, len(src))]
    beads += [((), (j,), 0.1, float("nan")) for j in range(n, len(tgt))]
    finding = Finding("low_similarity", "warning", (0,), (0,), "sentence", src[0], tgt[0], message)
    report = make_report([src], [tgt], beads, [], [finding], names=(message, message))
    page = parse(render_html(report))
    assert {t for t, _ in page.elements} <= ALLOWED_TAGS
    assert len(page.with_attr("data-finding-kind")) == 1
    shown = "".join(page.text)
    for piece in [*src, *tgt, message]:
        assert clean(piece) in shown


def test_builder_escapes_and_refuses_bad_names() -> None:
    node = h("p", {"title": "\"'<>&", "data_x": 1}, "<b>&amp;</b>", h("br"))
    assert render(node) == (
        '<p title="&quot;&#x27;&lt;&gt;&amp;" data-x="1">&lt;b&gt;&amp;amp;&lt;/b&gt;<br></p>'
    )
    assert render(h("style", None, Trusted("a>b{}"))) == "<style>a>b{}</style>"
    with pytest.raises(ValueError):
        h("p onload=x")
    with pytest.raises(ValueError):
        h("p", {"on load": "x"})
    with pytest.raises(ValueError):
        render(h("br", None, "child"))


def test_unplaceable_findings_go_to_the_document_section() -> None:
    report = seed_like_report()
    page = parse(render_html(report))
    order = [(t, a) for t, a in page.elements if t == "section" or "data-finding-kind" in a]
    start = next(k for k, (t, a) in enumerate(order) if a.get("class") == "document-findings")
    first_in_doc = order[start + 1][1]
    assert first_in_doc["data-src"] == "" and first_in_doc["data-tgt"] == ""
    assert first_in_doc["data-finding-kind"] == "number_mismatch"


def test_paragraph_level_alignment_renders_flat_with_its_findings() -> None:
    base = make_report([["P0."], ["P1."]], [["段0。"], ["段1。"]], [], [], [])
    s = replace(base.alignment.src, level="paragraph")
    t = replace(base.alignment.tgt, level="paragraph")
    beads = (Bead((0,), (0,), 0.9, "paragraph"), Bead((1,), (), 0.2, "paragraph"))
    finding = Finding("omission", "warning", (1,), (), "paragraph", "P1.", "", "paragraph lost")
    report = replace(base, alignment=Alignment(s, t, beads, "align:test"), findings=(finding,))
    page = parse(render_html(report))
    assert [t for t, _ in page.elements].count("tbody") == 1
    (found,) = page.with_attr("data-finding-kind")
    assert found["data-src"] == "1" and found["data-level"] == "paragraph"
    flagged = [
        a["id"]
        for t, a in page.elements
        if t == "tr" and "flagged" in (a.get("class") or "") and "bead" in (a.get("class") or "")
    ]
    assert flagged == ["b1"]
