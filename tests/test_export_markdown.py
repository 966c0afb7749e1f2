"""Markdown side by side: rendered by an independent CommonMark renderer, and read back."""

from __future__ import annotations

import math
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from test_export_common import (
    SIGNATURE,
    check_invariants,
    expected_sides,
    make_alignment,
    read_sides,
    sample_alignment,
)

from bilingual.errors import FormatError
from bilingual.export import parse_markdown, read_markdown, write_markdown
from bilingual.export.markdown import escape_cell, unescape_cell


class _Table(HTMLParser):
    """Rows of cell texts of the rendered table, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def render_table(markdown: str) -> _Table:
    parser = _Table()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return parser


HOSTILE = [
    "<script>alert(1)</script> a | b",
    "*not bold* _nor this_ `nor code` [link](http://x) ~~strike~~",
    "&amp; stays &lt; literal \\| \\\\ end\\",
]


def test_rendered_table_shows_texts_literally() -> None:
    alignment = sample_alignment()
    table = render_table(write_markdown(alignment))
    assert table.rows[0] == ["#", "en", "zh", "score"]
    rows = table.rows[1:]
    body = [r for r in rows if any(r)]
    assert len(body) == len(alignment.beads)
    # one empty row where the third paragraph starts (bead 5), none elsewhere
    assert [i for i, r in enumerate(rows) if not any(r)] == [4]
    assert [(r[1], r[2]) for r in body] == expected_sides(alignment)
    assert [r[3] for r in body] == ["0.950", "0.800", "0.400", "0.300", "0.700"]
    assert set(table.tags) <= {"p", "table", "thead", "tbody", "tr", "th", "td"}


def test_hostile_markup_is_shown_not_interpreted() -> None:
    a = make_alignment(
        HOSTILE,
        ["中文。"] * 3,
        [([i], [i], 0.5) for i in range(3)],
        src_paragraphs=[0, 1, 2],
        tgt_paragraphs=[0, 1, 2],
    )
    table = render_table(write_markdown(a))
    assert [r[1] for r in table.rows[1:] if any(r)] == HOSTILE
    assert set(table.tags) <= {"p", "table", "thead", "tbody", "tr", "th", "td"}


def test_round_trip() -> None:
    alignment = sample_alignment()
    back = parse_markdown(write_markdown(alignment), "x.md")
    check_invariants(back)
    assert read_sides(back) == expected_sides(alignment)
    assert back.signature == SIGNATURE
    assert (back.src.document.lang, back.tgt.document.lang) == ("en", "zh")
    assert [round(b.score, 3) for b in back.beads] == [b.score for b in alignment.beads]


def test_newlines_in_cells_and_nan_scores() -> None:
    a = make_alignment(["Two\nlines."], ["两\n行。"], [([0], [0], float("nan"))])
    text = write_markdown(a)
    assert text.splitlines()[-1] == "| 1 | Two lines. | 两 行。 |  |"
    assert math.isnan(parse_markdown(text).beads[0].score)


@pytest.mark.parametrize("text", [*HOSTILE, "plain", "\\", "a\\\\|b", "|", "x|"])
def test_escape_unescape_inverse(text: str) -> None:
    assert unescape_cell(escape_cell(text)) == text


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("just prose\n", r"m\.md: no table found"),
        ("| a | b |\n|---|---|\n", r"line 1: the table needs 4 columns"),
        ("| # | en | zh | score |\n|--:|---|---|--:|\n| 1 | a | b |\n", r"line 3: expected 4"),
        ("| # | en | zh | score |\n|--:|---|---|--:|\n| 1 | a | b | x |\n", r"line 3: score 'x'"),
        ("| # | en | zh | score |\n|--:|---|---|--:|\n| 1 |  |  | 0.5 |\n", r"line 3: both"),
    ],
)
def test_malformed_markdown(text: str, pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_markdown(path)


def test_signature_is_a_hidden_comment_not_escaped_text() -> None:
    text = write_markdown(sample_alignment())
    first = text.splitlines()[0]
    assert first == f"<!-- Signature: {SIGNATURE} -->"
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "\\|" not in html and "Signature" not in html.replace(first, "")


def test_old_signature_line_still_reads() -> None:
    old = (
        "Signature: a\\|b\n\n| # | en | zh | score |\n|--:|---|---|--:|\n| 1 | A. | 甲。 | 0.5 |\n"
    )
    assert parse_markdown(old).signature == "a|b"


def test_paragraph_break_rows_follow_either_side() -> None:
    a = make_alignment(
        ["One.", "Two.", "Three."],
        ["一。", "二。", "三。"],
        [([0], [0], 0.5), ([1], [1], 0.5), ([2], [2], 0.5)],
        src_paragraphs=[0, 0, 1],
        tgt_paragraphs=[0, 1, 1],
    )
    lines = write_markdown(a).splitlines()
    assert lines.count("| | | | |") == 2
    assert [b.score for b in parse_markdown("\n".join(lines)).beads] == [0.5, 0.5, 0.5]


def test_paragraph_level_tables_have_no_break_rows() -> None:
    a = make_alignment(
        ["One.", "Two."],
        ["一。", "二。"],
        [([0], [0], 0.5), ([1], [1], 0.5)],
        src_paragraphs=[0, 1],
        tgt_paragraphs=[0, 1],
        level="paragraph",
    )
    assert "| | | | |" not in write_markdown(a)
