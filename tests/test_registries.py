"""Every place that offers export formats reads the export-format registry (issue 18)."""

from __future__ import annotations

from pathlib import Path

from bilingual.export import EXPORT_FORMATS, FORMATS


def test_align_format_choices_are_the_registry() -> None:
    from bilingual.commands.align import AlignFormat

    assert [f.value for f in AlignFormat] == list(FORMATS)


def test_review_downloads_are_the_registry() -> None:
    from bilingual.review.server import EXPORT_LINKS, EXPORT_TYPES

    assert list(EXPORT_TYPES) == list(FORMATS)
    assert EXPORT_TYPES["gold"] == ("text/plain; charset=utf-8", "align")
    assert EXPORT_TYPES["moses"][1] == ""
    assert ["moses", "src"] in EXPORT_LINKS and ["moses", "tgt"] in EXPORT_LINKS
    assert {name for name, _ in EXPORT_LINKS} == set(FORMATS)


def test_review_page_lists_no_format_itself() -> None:
    import bilingual.review

    js = (Path(bilingual.review.__file__).parent / "static" / "app.js").read_text("utf-8")
    assert "/api/formats" in js
    for fmt in EXPORT_FORMATS:
        assert f'["{fmt.name}"' not in js, fmt.name
