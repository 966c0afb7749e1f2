"""Golden table for Chinese sentence segmentation: every case the foundation issue lists."""

from __future__ import annotations

import pytest

from bilingual.model import Document
from bilingual.segment import segment

CASES: list[tuple[str, list[str]]] = [
    # full-width terminals
    ("今天下雨。我们待在家里。", ["今天下雨。", "我们待在家里。"]),
    ("你去吗？我不去！", ["你去吗？", "我不去！"]),
    ("没有句号的一句话", ["没有句号的一句话"]),
    ("第一句。第二句。第三句。", ["第一句。", "第二句。", "第三句。"]),
    # ASCII forms
    ("你去吗?我不去!好吧.", ["你去吗?", "我不去!", "好吧."]),
    ("溢价有多高?答案在2026年初已经清楚。", ["溢价有多高?", "答案在2026年初已经清楚。"]),
    ("真的吗? 是的。", ["真的吗?", "是的。"]),
    # runs of terminals
    ("真的吗？！太好了。", ["真的吗？！", "太好了。"]),
    ("什么？？？他走了。", ["什么？？？", "他走了。"]),
    ("太棒了！！！我们赢了。", ["太棒了！！！", "我们赢了。"]),
    ("怎么会这样?!不可能。", ["怎么会这样?!", "不可能。"]),
    # closing quotes and brackets belong to the sentence they end
    ("他说：“我们明天出发。”然后就走了。", ["他说：“我们明天出发。”", "然后就走了。"]),
    ("她问：“为什么？”没人回答。", ["她问：“为什么？”", "没人回答。"]),
    ("“走吧！”他说。", ["“走吧！”", "他说。"]),
    ("他说：‘好的。’我们出发了。", ["他说：‘好的。’", "我们出发了。"]),
    ("书上写着「天下为公。」大家都记得。", ["书上写着「天下为公。」", "大家都记得。"]),
    ("他引用『知足常乐。』这句话。", ["他引用『知足常乐。』", "这句话。"]),
    ("（详见附录。）正文继续。", ["（详见附录。）", "正文继续。"]),
    ("我读了《论语。》很有收获。", ["我读了《论语。》", "很有收获。"]),
    ("他说：“真的吗？”，然后笑了。", ["他说：“真的吗？”，然后笑了。"]),
    ("“你好。”“你好！”", ["“你好。”", "“你好！”"]),
    ('他说:"我们走。"然后走了。', ['他说:"我们走。"', "然后走了。"]),
    ('他走了。"你好"她说。', ["他走了。", '"你好"她说。']),
    # a closing quote typed the wrong way round (“) at a line's end closes its sentence: no
    # sentence of its own (issue 23: a 0:1 bead holding only “), also when the quotation
    # opened on an earlier line (NTREX: 我被咬了!“)
    ("他说：“今天下雨了。“\n我们走吧。", ["他说：“今天下雨了。“", "我们走吧。"]),
    ("他喊道。我被咬了!“\n大家都跑了过来。", ["他喊道。", "我被咬了!“", "大家都跑了过来。"]),
    ('他说。我们真走运。"\n但是他走了。', ["他说。", '我们真走运。"', "但是他走了。"]),
    ("她说：‘好的。‘", ["她说：‘好的。‘"]),
    # ... but an opening quote with text after it still opens the next sentence
    ("他说：“今天下雨了。”\n“我们走吧。”", ["他说：“今天下雨了。”", "“我们走吧。”"]),
    # no break at semicolon, comma, colon, enumeration comma
    ("一方面价格上涨；另一方面需求下降。", ["一方面价格上涨；另一方面需求下降。"]),
    ("他来了，她走了，我们留下。", ["他来了，她走了，我们留下。"]),
    ("原因很简单：成本太高。", ["原因很简单：成本太高。"]),
    ("苹果、香蕉、橙子都有。", ["苹果、香蕉、橙子都有。"]),
    ("一方面,价格上涨;另一方面,需求下降。", ["一方面,价格上涨;另一方面,需求下降。"]),
    # decimals and version numbers
    ("增长了3.5个百分点。利润也上升了。", ["增长了3.5个百分点。", "利润也上升了。"]),
    ("Codex 5.2和Opus 4.5都很强。价格不同。", ["Codex 5.2和Opus 4.5都很强。", "价格不同。"]),
    ("版本2.0.1已经发布。请更新。", ["版本2.0.1已经发布。", "请更新。"]),
    ("利率为0.25%。市场平稳。", ["利率为0.25%。", "市场平稳。"]),
    ("价格是12.99美元。", ["价格是12.99美元。"]),
    # Latin text and abbreviations inside Chinese sentences
    ("Mr. Wang明天来。我们等他。", ["Mr. Wang明天来。", "我们等他。"]),
    ("代码代理（Coding Agents）这个领域很热。", ["代码代理（Coding Agents）这个领域很热。"]),
    ("Dr. Li和Prof. Zhang讨论了问题。", ["Dr. Li和Prof. Zhang讨论了问题。"]),
    ("U.S.政府发布了报告。内容很长。", ["U.S.政府发布了报告。", "内容很长。"]),
    (
        "Anthropic和OpenAI都在卖API。谷歌也在追赶。",
        ["Anthropic和OpenAI都在卖API。", "谷歌也在追赶。"],
    ),
    ("以上内容由 AI 生成,仅供参考。", ["以上内容由 AI 生成,仅供参考。"]),
    (
        "访问https://example.com/a?b=1了解详情。谢谢。",
        ["访问https://example.com/a?b=1了解详情。", "谢谢。"],
    ),
    ("联系a.b@example.com获取帮助。", ["联系a.b@example.com获取帮助。"]),
    ("他说 Hello. How are you? 然后笑了。", ["他说 Hello.", "How are you?", "然后笑了。"]),
    ("Yahoo!Japan是一家公司。", ["Yahoo!Japan是一家公司。"]),
    # ellipses do not end a sentence on their own
    ("他想了想……然后说不。", ["他想了想……然后说不。"]),
    ("我不知道……。你呢？", ["我不知道……。", "你呢？"]),
    # script changes and whitespace
    ("这是中文。This is English. 又是中文。", ["这是中文。", "This is English.", "又是中文。"]),
    ("第一句。\n第二句在下一行。", ["第一句。", "第二句在下一行。"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_chinese_sentences(text: str, expected: list[str]) -> None:
    seg = segment(Document(text, "zh"))
    assert seg.texts == expected
    for s in seg.segments:
        assert text[s.start : s.end] == s.text


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_novel_layout_full_width_indent() -> None:
    text = "　　第一段第一句。第一段第二句。\n　　第二段。\n第二章\n　　第三段。"
    seg = segment(Document(text, "zh"))
    assert seg.texts == ["第一段第一句。", "第一段第二句。", "第二段。", "第二章", "第三段。"]
    assert [s.paragraph for s in seg.segments] == [0, 0, 1, 2, 3]


def test_signature_names_the_chinese_pipeline() -> None:
    sig = segment(Document("你好。再见。", "zh")).signature
    assert "lang:zh" in sig and "chars" in sig
