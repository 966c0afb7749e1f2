"""Invariants of every segmentation on random mixed-script text (hypothesis).

For paragraphs, sentences (en, zh, de), presplit lines and mixed-page pieces:
``doc.text[s.start:s.end] == s.text``, segments are trimmed, non-empty, in order, disjoint,
and together cover every non-whitespace character exactly once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.model import Document, Segmentation
from bilingual.segment import paragraphs, presplit, segment
from bilingual.segment.mixed import split_page

if TYPE_CHECKING:
    from spacy.tokens import Doc

PIECES = [
    "Mr.",
    "U.S.",
    "e.g.",
    "3.5",
    "$1.2",
    "15%",
    "http://a.b/c?d=1",
    "a@b.com",
    "J.",
    "No.",
    "word",
    "Word",
    "the",
    "It",
    "...",
    "…",
    "?!",
    ".",
    "!",
    "?",
    ",",
    ";",
    ":",
    '"',
    "”",
    "」",
    "）",
    "“",
    "(",
    ")",
    "中文",
    "句子",
    "。",
    "！",
    "？",
    "，",
    "；",
    "……",
    "他说：",
    "Coding",
    "😀",
    "👍🏽",
    "\u200b",
    "\x00",
    "\x07",
    "\x1b",
    "\u3000",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\u2028",
    "\xa0",
    "#",
    "# ",
    "1.",
    "2026年",
    "AI",
    "a疯狂",
]
mixed_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=4)), max_size=60
).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def non_ws(text: str) -> str:
    return re.sub(r"\s", "", text)


def check(seg: Segmentation) -> None:
    text = seg.document.text
    last = 0
    for i, s in enumerate(seg.segments):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= last
        last = s.end
    assert "".join(non_ws(s.text) for s in seg.segments) == non_ws(text)
    paras = [s.paragraph for s in seg.segments]
    assert paras == sorted(paras)


@SETTINGS
@given(mixed_text)
def test_paragraph_invariants(text: str) -> None:
    seg = paragraphs(Document(text, "en"))
    check(seg)
    assert [s.paragraph for s in seg.segments] == list(range(len(seg)))


@SETTINGS
@given(mixed_text)
def test_english_sentence_invariants(text: str) -> None:
    check(segment(Document(text, "en")))


@SETTINGS
@given(mixed_text)
def test_chinese_sentence_invariants(text: str) -> None:
    check(segment(Document(text, "zh")))


@settings(max_examples=50, deadline=None)
@given(mixed_text)
def test_german_sentence_invariants(text: str) -> None:
    check(segment(Document(text, "de")))


@SETTINGS
@given(mixed_text)
def test_sentences_nest_in_paragraphs(text: str) -> None:
    doc = Document(text, "zh")
    paras = paragraphs(doc).segments
    for s in segment(doc).segments:
        p = paras[s.paragraph]
        assert p.start <= s.start and s.end <= p.end


@SETTINGS
@given(mixed_text)
def test_presplit_invariants(text: str) -> None:
    seg = presplit(Document(text, "en"))
    check(seg)
    assert all("\n" not in s.text for s in seg.segments)


@SETTINGS
@given(mixed_text)
def test_split_page_accounts_for_every_character(text: str) -> None:
    page = Document(text, "mixed")
    result = split_page(page)
    last = 0
    for p in result.pieces:
        assert text[p.start : p.end] == p.text
        assert p.start >= last
        last = p.end
    assert "".join(non_ws(p.text) for p in result.pieces) == non_ws(text)
    sides = {"en": result.en.text, "zh": result.zh.text}
    for p in result.pieces:
        if p.side in sides:
            assert p.text in sides[p.side]


@SETTINGS
@given(mixed_text)
def test_char_tokenizer_matches_spacy_char_segmenter(text: str) -> None:
    from bilingual.segment.pipeline import get_pipeline

    ours = get_pipeline("zh").tokenizer(text)
    theirs = _spacy_char_tokenizer()(text)
    assert [t.text_with_ws for t in ours] == [t.text_with_ws for t in theirs]


@functools.lru_cache(maxsize=1)
def _spacy_char_tokenizer() -> Callable[[str], Doc]:
    import spacy

    return spacy.blank("zh").tokenizer  # spaCy's own "char" segmenter (its default)


def test_paragraph_longer_than_one_doc_is_fed_in_pieces() -> None:
    # 300k characters on one line: more than one Doc piece (MAX_PIECE), fewer than spaCy's limit.
    text = "This is one sentence of a very long line. " * 7_200
    seg = segment(Document(text, "en"))
    check(seg)
    assert len(seg) == 7_200
    assert set(seg.texts) == {"This is one sentence of a very long line."}


def test_chinese_line_without_any_break_is_fed_in_pieces() -> None:
    text = "很长的一行没有标点" * 30_000
    check(segment(Document(text, "zh")))


@pytest.mark.slow
def test_ten_megabyte_single_line_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilingual.cli import app

    path = tmp_path / "big.txt"
    path.write_text("Word word word. " * 625_000, "utf-8")
    result = CliRunner().invoke(app, ["segment", str(path), "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.txt").read_text("utf-8").count("\n") == 625_000
