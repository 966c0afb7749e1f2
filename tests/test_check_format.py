"""Golden table of the format and punctuation checks: every case's exact set of tests fired.

Each row is (source, target, source language, target language, expected checks). An empty set
is a clean pair that must raise nothing (a false alarm otherwise); a non-empty set must be
exactly what fires (a miss or an extra otherwise). Both directions, EN→ZH and ZH→EN.
"""

from __future__ import annotations

import pytest
from _check_pairs import good_beads, make_alignment

from bilingual.check import CheckConfig, check_alignment
from bilingual.check.format import compare_format

E2Z = ("en", "zh")
Z2E = ("zh", "en")

CASES: tuple[tuple[str, str, tuple[str, str], frozenset[str]], ...] = tuple(
    (s, t, d, frozenset(x))
    for s, t, d, x in [
        # --- EN -> ZH: clean pairs ---
        ("Click {0} to continue.", "点击{0}继续。", E2Z, ()),
        ("Hello, %s!", "你好，%s！", E2Z, ()),
        ("Welcome back, {{name}}.", "欢迎回来，{{name}}。", E2Z, ()),
        ("Press <b>Save</b> now.", "现在按<b>保存</b>。", E2Z, ()),
        ('See <a href="/help">help</a>.', '参见<a href="/zh/help">帮助</a>。', E2Z, ()),
        ("See https://ex.com/docs for more.", "详情请见https://ex.com/docs。", E2Z, ()),
        ("Write to help@example.org today.", "今天就写信给help@example.org。", E2Z, ()),
        ("Use A&nbsp;B here.", "此处使用A&nbsp;B。", E2Z, ()),
        ("He said: “We will win.”", "他说：“我们会赢。”", E2Z, ()),
        ('He said: "We will win."', "他说：“我们会赢。”", E2Z, ()),
        ("The price (in dollars) rose.", "价格（以美元计）上涨了。", E2Z, ()),
        ("Did you read The Analects?", "你读过《论语》吗？", E2Z, ()),
        ("What a day!", "多么美好的一天！", E2Z, ()),
        ("The rate was 3.5% at 10:30, up from 1,000.", "10:30时利率为3.5%，高于1,000。", E2Z, ()),
        ("“He left,” she said.", "“他走了，”她说。", E2Z, ()),
        ("Chapter 3", "第三章", E2Z, ()),
        ("%1$s has %2$d new messages.", "%1$s有%2$d条新消息。", E2Z, ()),
        ("Saved %(count)d files.", "已保存%(count)d个文件。", E2Z, ()),
        ("He had had enough.", "他受够了。", E2Z, ()),
        ("They look at the map.", "他们看看地图。", E2Z, ()),
        ("“It was late. We went home.", "“天色已晚。我们回家了。", E2Z, ()),
        # --- EN -> ZH: broken pairs ---
        ("Click {0} to continue.", "点击继续。", E2Z, {"placeholder"}),
        ("Hello, %s!", "你好，%d！", E2Z, {"placeholder"}),
        ("Welcome, {{name}}.", "欢迎，{{user}}。", E2Z, {"placeholder"}),
        ("Press <b>Save</b> now.", "现在按<b>保存。", E2Z, {"tag"}),
        ("Line one<br/>line two.", "第一行第二行。", E2Z, {"tag"}),
        ("Use A&nbsp;B here.", "此处使用A B。", E2Z, {"entity"}),
        ("Visit https://ex.com/docs now.", "请立即访问https://ex.com/doc。", E2Z, {"url"}),
        ("Visit www.example.com now.", "请立即访问我们的网站。", E2Z, {"url"}),
        ("Write to help@example.org today.", "今天就写信给hlep@example.org。", E2Z, {"email"}),
        ("The price (in dollars) rose.", "价格（以美元计上涨了。", E2Z, {"brackets"}),
        ("Read [this] first.", "先读【这个。", E2Z, {"brackets"}),
        ("Did you read The Analects?", "你读过《论语吗？", E2Z, {"brackets"}),
        ("He said: “We will win.”", "他说：“我们会赢。", E2Z, {"quotes"}),
        ("Are you coming?", "你来。", E2Z, {"final_punctuation"}),
        ("Stop the car!", "把车停下。", E2Z, {"final_punctuation"}),
        (
            "The meeting is over, and everyone has gone home now.",
            "会议结束了，大家都回家了",
            E2Z,
            {"final_punctuation"},
        ),
        ("We agreed.", "我们同意了.", E2Z, {"width"}),
        ("Yes, we did.", "是的,我们做到了。", E2Z, {"width"}),
        ("It works.", "它  能用。", E2Z, {"space_in_chinese"}),
        ("This is the the best plan.", "这是最好的计划。", E2Z, {"repeated_word"}),
        ("This is my book.", "这是我的的书。", E2Z, {"repeated_word"}),
        (" Open the file.", "打开文件。", E2Z, {"leading_whitespace"}),
        ("Open the file.", "打开文件。 ", E2Z, {"trailing_whitespace"}),
        ("Open  the file.", "打开文件。", E2Z, {"double_space"}),
        ("Wait, what？", "等等，什么？", E2Z, {"width"}),
        ("Click {0} or {1}.", "点击{1}或{1}。", E2Z, {"placeholder"}),
        # --- ZH -> EN: clean pairs ---
        ("点击{0}继续。", "Click {0} to continue.", Z2E, ()),
        ("你好，%s！", "Hello, %s!", Z2E, ()),
        ("现在按<b>保存</b>。", "Press <b>Save</b> now.", Z2E, ()),
        ("详情请访问https://ex.cn/a?b=1。", "See https://ex.cn/a?b=1 for more.", Z2E, ()),
        ("请联系info@example.cn。", "Please contact info@example.cn.", Z2E, ()),
        ("他说：“我们会赢。”", 'He said: "We will win."', Z2E, ()),
        ("价格（以美元计）上涨了。", "The price (in dollars) rose.", Z2E, ()),
        ("你读过《论语》吗？", "Have you read the Analects?", Z2E, ()),
        ("太好了！", "Great!", Z2E, ()),
        ("他们研究研究再说。", "They will study it first.", Z2E, ()),
        ("这件事不了了之。", "The matter was dropped.", Z2E, ()),
        ("「你好」，她说。", "“Hello,” she said.", Z2E, ()),
        ("第一章", "Chapter One", Z2E, ()),
        ("共有1,200人参加，占3.5%。", "1,200 people took part, or 3.5%.", Z2E, ()),
        ("我们常常去那里。", "We often go there.", Z2E, ()),
        # --- ZH -> EN: broken pairs ---
        ("点击{0}继续。", "Click to continue.", Z2E, {"placeholder"}),
        ("现在按<b>保存</b>。", "Press <i>Save</i> now.", Z2E, {"tag"}),
        ("详情请访问https://example.cn/a。", "See our website for details.", Z2E, {"url"}),
        ("请联系info@example.cn。", "Please contact us.", Z2E, {"email"}),
        ("他说：“我们会赢。”", "He said: “We will win.", Z2E, {"quotes"}),
        ("价格（以美元计）上涨了。", "The price (in dollars rose.", Z2E, {"brackets"}),
        ("你来吗？", "You are coming.", Z2E, {"final_punctuation"}),
        ("太好了！", "That is good?", Z2E, {"final_punctuation"}),
        ("他们同意了。", "They agreed，", Z2E, {"final_punctuation", "width"}),
        ("他们同意了。", "They agreed。", Z2E, {"width"}),
        ("我们（大家）都同意。", "We（all）agree.", Z2E, {"width"}),
        ("这是最好的计划。", "This is is the best plan.", Z2E, {"repeated_word"}),
        ("这是最好的计划。", "This is the best  plan.", Z2E, {"double_space"}),
        ("这是最好的计划。", " This is the best plan.", Z2E, {"leading_whitespace"}),
        ("这是最好的计划。 ", "This is the best plan.", Z2E, {"trailing_whitespace"}),
        ("他 是 老师。", "He is a teacher.", Z2E, {"space_in_chinese"}),
        ("共%d项", "%s items", Z2E, {"placeholder"}),
        ("使用&amp;连接。", "Join them with &.", Z2E, {"entity"}),
    ]
)


def test_table_is_large_and_two_way() -> None:
    assert len(CASES) >= 60
    assert sum(c[2] == E2Z for c in CASES) >= 30 and sum(c[2] == Z2E for c in CASES) >= 30
    assert sum(not c[3] for c in CASES) >= 25  # clean pairs guard against false alarms


@pytest.mark.parametrize(("src", "tgt", "langs", "expected"), CASES)
def test_format_golden_table(
    src: str, tgt: str, langs: tuple[str, str], expected: frozenset[str]
) -> None:
    issues = compare_format(src, tgt, *langs)
    assert {i.check for i in issues} == expected, [i.message for i in issues]
    for i in issues:
        text = src if i.side == "src" else tgt
        assert 0 <= i.start < i.end <= len(text) or (i.start == i.end == len(text))


def test_broken_placeholder_reaches_the_report_with_its_span() -> None:
    beads = good_beads()
    beads[0] = (["Click {0} to open the new budget file now."], ["点击打开新的预算文件。"])
    report = check_alignment(make_alignment(beads), config=CheckConfig(encoder=None))
    [f] = [f for f in report.findings if f.kind == "format_mismatch"]
    assert f.severity == "error" and "{0}" in f.message
    [span] = f.spans
    assert span.side == "src" and span.segment == 0 and span.text == "{0}"


def test_good_document_has_no_format_findings() -> None:
    report = check_alignment(make_alignment(good_beads()), config=CheckConfig(encoder=None))
    kinds = {"format_mismatch", "punctuation_mismatch", "typography"}
    assert [f for f in report.findings if f.kind in kinds] == []
