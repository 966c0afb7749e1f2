"""Splitting a mixed English/Chinese page: the seed page, the bundled sample, accounting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilingual.model import Document, SplitPage
from bilingual.segment import paragraphs
from bilingual.segment.mixed import split_page

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"
SAMPLE = ROOT / "data" / "sample-page.txt"


def accounted(page: Document, result: SplitPage) -> None:
    """Every non-whitespace character lies in exactly one piece, in page order."""
    covered = "".join(re.sub(r"\s", "", p.text) for p in result.pieces)
    assert covered == re.sub(r"\s", "", page.text)
    last = 0
    for p in result.pieces:
        assert page.text[p.start : p.end] == p.text
        assert p.start >= last
        last = p.end
        assert p.side in ("en", "zh", "neutral")


def side_paragraphs(doc: Document) -> list[str]:
    return paragraphs(doc).texts


@pytest.fixture(scope="module")
def seed() -> tuple[Document, SplitPage]:
    if not SEED.exists():
        pytest.skip(f"the seed page is not at {SEED} (../shared beside the checkout)")
    page = Document(SEED.read_text("utf-8"), "mixed", SEED.name)
    return page, split_page(page)


def test_seed_every_character_is_accounted_for(seed: tuple[Document, SplitPage]) -> None:
    accounted(*seed)


def test_seed_english_side(seed: tuple[Document, SplitPage]) -> None:
    _, result = seed
    paras = side_paragraphs(result.en)
    assert "Open and closed models are on different exponentials" in paras
    summary = [p for p in paras if p.startswith("The real battle in AI")]
    assert len(summary) == 1 and summary[0].endswith("a resounding yes.")
    starts = (
        "The real AI arms race",
        "This sets up",
        "This isn’t just",
        "There’s a naive",
        "Of course, a shadow",
        "The endgame",
    )
    analysis = [p for p in paras if p.startswith(starts)]
    assert len(analysis) == 6
    assert "fueled by a疯狂 investment" in analysis[2]
    assert not re.search(r"[\u4e00-\u9fff]", result.en.text.replace("a疯狂", ""))


def test_seed_chinese_side(seed: tuple[Document, SplitPage]) -> None:
    _, result = seed
    paras = side_paragraphs(result.zh)
    assert "开放模型和闭源模型处于不同的指数级增长轨道" in paras
    summary = [p for p in paras if p.startswith("AI领域的真正战场")]
    assert len(summary) == 1 and summary[0].endswith("。")
    starts = (
        "所谓“开源vs闭源”",
        "这恰恰暴露了",
        "为什么闭源模型",
        "然而,我们必须",
        "这场争论的残酷",
    )
    analysis = [p for p in paras if p.startswith(starts)]
    assert len(analysis) == 5
    assert "代码代理(Coding Agents)" in analysis[0]
    assert "Anthropic" in analysis[1] and "API" in analysis[1]
    assert "The real" not in result.zh.text


def test_seed_scores_are_neutral_and_reported(seed: tuple[Document, SplitPage]) -> None:
    _, result = seed
    assert [p.text for p in result.neutral] == ["53", "75", "80", "75"]


def test_seed_labels_stay_on_their_side(seed: tuple[Document, SplitPage]) -> None:
    _, result = seed
    en = {p.text for p in result.pieces if p.side == "en"}
    zh = {p.text for p in result.pieces if p.side == "zh"}
    assert {"Hot", "Quality", "Impact", "Analysis"} <= en
    assert {"热度", "质量", "影响力", "深度分析"} <= zh


def test_outputs_separate_paragraphs_by_blank_lines(seed: tuple[Document, SplitPage]) -> None:
    _, result = seed
    for doc in (result.en, result.zh):
        assert "\n\n" in doc.text and "\n\n\n" not in doc.text
        assert doc.text.endswith("\n")


def test_sample_page() -> None:
    page = Document(SAMPLE.read_text("utf-8"), "mixed", SAMPLE.name)
    result = split_page(page)
    accounted(page, result)
    en, zh = side_paragraphs(result.en), side_paragraphs(result.zh)
    assert "River library turns five" in en and "河上图书馆迎来五周年" in zh
    assert any(p.startswith("The floating library") and p.endswith("children.") for p in en)
    assert any(p.startswith("周六，米尔布鲁克河上") for p in zh)
    assert (
        sum(p.startswith(("The birthday", "What makes", "There is a lesson", "Still,")) for p in en)
        == 4
    )
    assert sum(p.startswith(("这场生日", "让图书馆", "当然，")) for p in zh) == 3
    assert [p.text for p in result.neutral] == ["128", "4.8", "92"]
    assert "3h ago" in result.en.text and "3小时前" in result.zh.text


@pytest.mark.parametrize(
    ("line", "en", "zh", "neutral"),
    [
        ("Title here 标题在这里", ["Title here"], ["标题在这里"], []),
        ("It grew 15%. 增长了百分之十五。", ["It grew 15%."], ["增长了百分之十五。"], []),
        ("The end.结束。", ["The end."], ["结束。"], []),
        ("结束。The end.", ["The end."], ["结束。"], []),
        ("We love 饺子 and noodles.", ["We love 饺子 and noodles."], [], []),
        ("以上内容由 AI 生成。", [], ["以上内容由 AI 生成。"], []),
        ("我们用 Coding Agents 写代码。", [], ["我们用 Coding Agents 写代码。"], []),
        ("Score: 85", ["Score: 85"], [], []),
        ("2026-11-30 12:00", [], [], ["2026-11-30 12:00"]),
        ("Likes 点赞 42", ["Likes"], ["点赞"], ["42"]),
    ],
)
def test_lines(line: str, en: list[str], zh: list[str], neutral: list[str]) -> None:
    page = Document(line, "mixed")
    result = split_page(page)
    accounted(page, result)
    assert [p.text for p in result.pieces if p.side == "en"] == en
    assert [p.text for p in result.pieces if p.side == "zh"] == zh
    assert [p.text for p in result.neutral] == neutral


def test_paragraph_order_and_indices() -> None:
    page = Document("One. 一。\n\nTwo.\n\n二。\n\nThree 三", "mixed")
    result = split_page(page)
    assert result.en.text == "One.\n\nTwo.\n\nThree\n"
    assert result.zh.text == "一。\n\n二。\n\n三\n"
    assert [p.paragraph for p in result.pieces] == [0, 0, 1, 2, 3, 3]
    assert "seg:split" in result.signature
