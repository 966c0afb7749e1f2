"""Comparable mode: claims, contradictions, ranking, mode decision, reports (issue 21)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bilingual.check import check_documents
from bilingual.check.comparable.claims import claim_spans, split_sentence
from bilingual.check.comparable.contradictions import ClaimSimilarity, quantity_contradictions
from bilingual.check.comparable.findings import claim_rank, comparable_findings
from bilingual.check.comparable.salience import claim_features, claim_weight
from bilingual.check.comparable.support import (
    calibrated,
    claimed_by,
    coverage_columns,
    support_units,
    word_coverage,
)
from bilingual.model import Claim, ComparableAnalysis, Document
from bilingual.report import render_text, report_schema, report_to_json

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"

EN = """Coding agents are changing how software is written. Senior engineers now ship complex \
features in half the time.

The developer who pays for a $500/month agent subscription will not switch to a free model. \
The weather in Lisbon was sunny all week and the beaches were full of tourists.

Labs will protect their best models. They restrict them in API form to prevent distillation."""

ZH = """编程代理正在改变软件的编写方式。资深工程师现在用一半的时间就能交付复杂的功能。

顶尖实验室会保护他们最好的模型。他们限制公共API的访问，以防止模型被蒸馏。

为编程代理支付每月2000美元订阅费的开发者不会换成免费模型。答案在2026年初已经清晰得让人不适。"""


def _claim(side: str, index: int, text: str, paragraph: int = 0) -> Claim:
    return Claim(side, index, index, paragraph, 0, len(text), text, 0.5, 0.5, (), 1.0)  # type: ignore[arg-type]


def test_a_sentence_with_two_statements_is_two_claims() -> None:
    text = (
        "The real battle in AI isn't between two rival companies at all; it's between two "
        "economic models, and the first cracks are showing."
    )
    spans = split_sentence(text, "en")
    assert len(spans) == 2
    assert text[spans[1][0] : spans[1][1]].startswith("it's between")
    assert split_sentence("Linux won; it was cheap.", "en") == [(0, 24)]  # halves too short
    zh = "这恰恰暴露了当下AI发展最吊诡的矛盾：一方面，终端用户对顶尖模型的付费意愿在飙升。"
    assert len(split_sentence(zh, "zh")) == 2


def test_one_price_in_three_places_is_one_linked_contradiction() -> None:
    src = [_claim("src", 0, "using a $500/month agent subscription", 8)]
    tgt = [
        _claim("tgt", 0, "甚至可能支付每月数千美元的天价", 5),
        _claim("tgt", 1, "当我们在为代码代理每月2000美元的账单欢呼时", 9),
        _claim("tgt", 2, "在未来5到10年的维度下将一览无余", 6),
    ]
    sim = np.array([[0.3, 0.35, 0.3]])
    found = quantity_contradictions(src, tgt, ClaimSimilarity.dense(sim), "en", "zh")
    assert len(found) == 1
    assert found[0].message == "EN $500/month (¶8) ↔ ZH 每月数千美元 (¶5), 每月2000美元 (¶9)"
    # unrelated claims (cosine below RELATED) are not about the same thing
    assert (
        quantity_contradictions(src, tgt, ClaimSimilarity.dense(np.full((1, 3), 0.1)), "en", "zh")
        == []
    )


def test_a_generic_quantity_needs_the_same_statement_and_agreement_is_no_contradiction() -> None:
    src = [_claim("src", 0, "The company hired 40 engineers last year.")]
    tgt = [
        _claim("tgt", 0, "该公司去年招聘了120名工程师。"),
        _claim("tgt", 1, "去年共有40名工程师加入。"),
    ]
    # counterpart (best match, cosine 0.8): a changed count is a contradiction
    assert (
        len(
            quantity_contradictions(
                src, tgt[:1], ClaimSimilarity.dense(np.array([[0.8]])), "en", "zh"
            )
        )
        == 1
    )
    # merely related claims: no
    assert (
        quantity_contradictions(src, tgt[:1], ClaimSimilarity.dense(np.array([[0.3]])), "en", "zh")
        == []
    )
    # neither claim is supported by the other side: topical neighbours, not one statement
    said_nowhere = [replace(c, support=0.1) for c in src]
    lone = [replace(tgt[0], support=0.1)]
    assert (
        quantity_contradictions(
            said_nowhere, lone, ClaimSimilarity.dense(np.array([[0.8]])), "en", "zh"
        )
        == []
    )
    # the other claim states the same value: agreement
    same = [_claim("tgt", 0, "该公司去年招聘了40名工程师。")]
    assert (
        quantity_contradictions(src, same, ClaimSimilarity.dense(np.array([[0.8]])), "en", "zh")
        == []
    )


def test_numbers_names_and_assertions_rank_before_filler() -> None:
    money = claim_features("The developer who pays $500/month will not switch.", "en", 0)
    filler = claim_features("This isn't just about software.", "en", 0)
    assert {"number", "money"} <= set(money) and "filler" in filler
    assert claim_weight(money) > claim_weight(()) > claim_weight(filler)
    a = Claim("src", 0, 0, 0, 0, 1, "x", 0.1, 0.3, (), claim_weight(money), money)
    b = Claim("src", 1, 1, 0, 0, 1, "y", 0.05, 0.2, (), claim_weight(filler), filler)
    assert claim_rank(a) > claim_rank(b)


@pytest.fixture(scope="module")
def comparable_report():
    return check_documents(
        Document(EN, "en", "a.en"), Document(ZH, "zh", "a.zh"), mode="comparable"
    )


def test_comparable_report_finds_the_contradiction_and_one_sided_claims(comparable_report) -> None:
    r = comparable_report
    assert r.mode is not None and r.mode.mode == "comparable" and r.comparable is not None
    first = r.findings[0]
    assert first.kind == "contradiction" and "$500/month" in first.message
    assert "每月2000美元" in first.message
    unsupported = {f.src_text or f.tgt_text for f in r.findings if f.kind == "unsupported_claim"}
    assert any("Lisbon" in t for t in unsupported)
    assert any("2026年初" in t for t in unsupported)
    # a sentence both sides say is no finding
    assert not any("Labs will protect" in t for t in unsupported)
    assert {f.kind for f in r.findings} <= {
        "contradiction",
        "unsupported_claim",
        "unsupported_paragraph",
        "typography",
        "untranslated",
    }


def test_comparable_json_and_text_carry_the_same_content(comparable_report) -> None:
    import jsonschema

    data = json.loads(report_to_json(comparable_report))
    jsonschema.validate(data, report_schema())
    assert data["mode"]["mode"] == "comparable"
    assert len(data["comparable"]["contradictions"]) == 1
    assert len(data["comparable"]["src_claims"]) == len(comparable_report.comparable.src_claims)
    text = render_text(comparable_report, width=200)
    assert "mode: comparable versions (chosen)" in text
    assert "claims: en " in text and "contradictions: 1" in text
    assert "EN $500/month (¶1) ↔ ZH 每月2000美元 (¶2)" in text


def test_auto_keeps_a_translation_in_translation_mode() -> None:
    src = Document((ROOT / "data" / "sample.en.txt").read_text(encoding="utf-8"), "en")
    tgt = Document((ROOT / "data" / "sample.zh.txt").read_text(encoding="utf-8"), "zh")
    r = check_documents(src, tgt, mode="auto")
    assert r.mode is not None and r.mode.mode == "translation" and r.comparable is None
    assert r.mode.score < r.mode.threshold


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives in ../shared/seed")
def test_seed_page_is_comparable_with_one_linked_price_contradiction() -> None:
    from bilingual.check import check_page
    from bilingual.io import read_document

    r = check_page(read_document(SEED, lang="auto"), mode="auto")
    assert r.mode is not None and r.mode.mode == "comparable"
    contradictions = [f for f in r.findings if f.kind == "contradiction"]
    assert len(contradictions) == 1 and r.findings[0] is contradictions[0]
    assert (
        "EN $500/month (¶8) ↔ ZH 每月数千美元 (¶5), 每月2000美元 (¶9)" in contradictions[0].message
    )
    loud = [f for f in r.findings if f.severity in ("warning", "error")]
    zh_only = [f.tgt_text for f in loud if f.kind == "unsupported_claim"]
    assert any("2026年初" in t for t in zh_only) and any("5到10年" in t for t in zh_only)
    # no finding of the translation checks: nothing comes from forcing sentences into beads
    assert not {f.kind for f in r.findings} & {"low_similarity", "omission", "number_mismatch"}
    # the stray Chinese word in the English text is on the first screen
    assert any(f.kind == "untranslated" and "疯狂" in f.message for f in r.findings[:5])
    # the Linux-analogy paragraph (EN ¶8, "$500/month") is reported as English-only
    paragraphs = [f for f in r.findings if f.kind == "unsupported_paragraph"]
    assert any(f.message.startswith("EN only, ¶8:") for f in paragraphs)
    # the English conclusion and the Chinese one stand in the same place and say one passage
    # differently: one rewritten pair, neither reported as one-sided
    assert not any(f.message.startswith(("EN only, ¶10:", "ZH only, ¶9:")) for f in paragraphs)
    rewritten = [f.message for f in r.findings if f.kind == "rewritten_paragraph"]
    assert any(m.startswith("EN ¶10 and ZH ¶9 say this differently") for m in rewritten)
    # the diff view marks that paragraph
    from bilingual.report import render_html

    page = render_html(r)
    assert 'class="par one-sided" data-paragraph="8"' in page
    # and the rewritten pair's two paragraphs, each mark linking to the other
    assert '<p class="par rewritten" data-paragraph="10" id="par-src-10">' in page
    assert '<p class="par rewritten" data-paragraph="9" id="par-tgt-9">' in page
    assert 'href="#par-tgt-9">¶10 said differently in ZH ¶9</a>' in page
    assert 'href="#par-src-10">¶9 said differently in EN ¶10</a>' in page


def test_word_coverage_sees_what_a_claim_adds_beyond_its_support() -> None:
    claim = "The company hired 40 engineers in Shanghai last year."
    full, partial = word_coverage(
        [claim, claim],
        ["该公司去年在上海招聘了40名工程师。", "该公司去年招聘了工程师。"],
        "en",
        "zh",
    )
    assert full.unlinked < partial.unlinked and full.missing_numbers == 0
    assert partial.missing_numbers == 1 and partial.words == full.words > 0
    # the same cosines: the claim whose words the support leaves out is less supported
    cols = coverage_columns([full, partial])
    p = calibrated(np.full(2, 0.6), np.zeros(2), np.full(2, 0.3), cols, np.full(2, 0.6))
    assert p[0] > p[1]


def test_a_claim_no_claim_of_the_other_side_picks_is_less_supported() -> None:
    from bilingual.segment import segment

    seg = segment(Document("Prices rose. Wages fell sharply; unions plan a strike.", "en"))
    spans = claim_spans(seg)
    units = support_units(seg, spans)
    by_text = {u.text: k for k, u in enumerate(units)}
    # one claim of the other side picks the first sentence, another the second sentence whole
    picked = claimed_by(
        len(spans),
        units,
        np.array([0.7, 0.5]),
        np.array([by_text["Prices rose."], by_text[seg.segments[1].text]]),
    )
    assert picked.tolist() == [0.7] + [0.5] * (len(spans) - 1)
    assert claimed_by(len(spans), units, np.zeros(0), np.zeros(0, dtype=np.int64)).tolist() == [
        0.0
    ] * len(spans)
    # the same readings otherwise: a claim nobody on the other side picks is less supported
    cols = coverage_columns(word_coverage(["Prices rose."] * 2, ["物价上涨。"] * 2, "en", "zh"))
    p = calibrated(np.full(2, 0.55), np.full(2, -0.1), np.full(2, 0.3), cols, np.array([0.6, 0]))
    assert p[0] > p[1]


def test_word_coverage_reads_english_stems_and_chinese_characters() -> None:
    # the word aligner's lexicon pairs 做出 with "make" and 部长 with "minister" only in those
    # forms: read with stems, "made" and "ministers" are said in the Chinese
    made, met = word_coverage(
        ["He made decisions.", "The president met several ministers."],
        ["他做出了决定。", "总统会见了几位部长。"],
        "en",
        "zh",
    )
    assert made.unlinked == 0.0 and met.unlinked == 0.0
    (zh,) = word_coverage(
        ["总统会见了几位部长。"], ["The president met several ministers."], "zh", "en"
    )
    assert zh.unlinked == 0.0
    # and a word the support does not hold stays unlinked
    (partial,) = word_coverage(
        ["The president met several ministers."], ["总统会见了。"], "en", "zh"
    )
    assert partial.unlinked > 0.3


def _side_claim(side: str, index: int, paragraph: int, support: float, text: str) -> Claim:
    return Claim(side, index, index, paragraph, 0, len(text), text, support, 0.5, (), 1.0)  # type: ignore[arg-type]


def test_a_paragraph_of_unsupported_claims_is_one_finding_ranked_above_its_claims() -> None:
    src_text = (
        "Prices rose quickly this spring.\n\nThe weather in Lisbon was sunny all week. "
        "The beaches were full of tourists. Nobody talked about prices there."
    )
    al = check_documents(
        Document(src_text, "en"), Document("今年春天价格上涨很快。", "zh"), mode="translation"
    ).alignment
    src = [
        _side_claim("src", 0, 0, 0.95, "Prices rose quickly this spring."),
        _side_claim("src", 1, 1, 0.1, "The weather in Lisbon was sunny all week."),
        _side_claim("src", 2, 1, 0.2, "The beaches were full of tourists."),
        _side_claim("src", 3, 1, 0.9, "Nobody talked about prices there."),
    ]
    tgt = [_side_claim("tgt", 0, 0, 0.95, "今年春天价格上涨很快。")]
    found = comparable_findings(ComparableAnalysis(tuple(src), tuple(tgt), (), "t"), al)
    kinds = [f.kind for f in found]
    assert kinds.count("unsupported_paragraph") == 1
    par = found[kinds.index("unsupported_paragraph")]
    assert par.src_ids == (1, 2, 3) and par.message.startswith("EN only, ¶1: 2 of its 3 claims")
    claims = [f for f in found if f.kind == "unsupported_claim"]
    assert kinds.index("unsupported_paragraph") < kinds.index("unsupported_claim")
    # a plain claim inside the paragraph is information under it
    beaches = next(f for f in claims if "beaches" in f.src_text)
    assert beaches.severity == "info"
    assert all(f.src_ids != (0,) for f in found)
    # one long unsaid claim among said ones: the claim is the finding, not the paragraph
    long_one = [
        _side_claim("src", 1, 1, 0.05, "The weather in Lisbon was sunny all week " * 6),
        _side_claim("src", 2, 1, 0.9, "The beaches were full of tourists."),
        _side_claim("src", 3, 1, 0.9, "Nobody talked about prices there."),
    ]
    found = comparable_findings(ComparableAnalysis((src[0], *long_one), tuple(tgt), (), "t"), al)
    assert [f.kind for f in found] == ["unsupported_claim"]
    # a paragraph of page chrome (a tag line and a label) is no one-sided section
    chrome = [
        _side_claim("src", 1, 1, 0.05, "AI Agents Coding Open source Closed models"),
        _side_claim("src", 2, 1, 0.1, "Share:"),
    ]
    found = comparable_findings(ComparableAnalysis((src[0], *chrome), tuple(tgt), (), "t"), al)
    assert "unsupported_paragraph" not in [f.kind for f in found]


def test_a_headline_line_run_into_its_lede_is_a_claim_of_its_own() -> None:
    text = (
        "Macedonians go to polls in referendum on changing country's name\n"
        "Voters will vote Sunday on whether to change their country's name."
    )
    spans = [text[a:b] for a, b in split_sentence(text, "en")]
    assert spans == [
        "Macedonians go to polls in referendum on changing country's name",
        "Voters will vote Sunday on whether to change their country's name.",
    ]
    zh = "HIV/艾滋病：中国报道新增病例数量激增14%\n中国宣布其患有HIV和艾滋病的公民人数激增14%。"
    head = "HIV/艾滋病：中国报道新增病例数量激增14%"
    assert next(zh[a:b] for a, b in split_sentence(zh, "zh")) == head
    # a hard-wrapped line (it ends in a comma, the next opens lower case) is no headline
    wrapped = "This is a wrapped line of prose that goes on and on,\nand continues here."
    assert split_sentence(wrapped, "en") == [(0, len(wrapped))]
    # hard-wrapped prose breaks before capitals too: a line ending in a function word is no
    # headline, and only the first line can be one
    prose = (
        "In the year that followed, the people of London and\n"
        "Paris went about their business as if nothing had changed,\n"
        "and the King rode out."
    )
    assert split_sentence(prose, "en") == [(0, len(prose))]


def test_a_clock_time_and_and_also_are_no_clause_boundaries() -> None:
    zh = "您可以在九月三十日，星期日的12:00至13：00收听本次全面采访，而且节目会在网站上重播很多次。"
    assert split_sentence(zh, "zh") == [(0, len(zh))]


def test_a_rank_in_digits_that_differs_is_a_contradiction_a_rank_in_words_is_not() -> None:
    src = [_claim("src", 0, "Scherzer, who would be making his 34th start, threw on Thursday.")]
    tgt = [_claim("tgt", 0, "Scherzer 将会第 170 次首发出场，他在周四进行了一次牛棚试投。")]
    sim = ClaimSimilarity.dense(np.array([[0.8]]))
    assert len(quantity_contradictions(src, tgt, sim, "en", "zh")) == 1
    same = [_claim("tgt", 0, "Scherzer 将会第 34 次首发出场，他在周四进行了一次牛棚试投。")]
    assert quantity_contradictions(src, same, sim, "en", "zh") == []
    words = [_claim("src", 0, "It was his first start since he threw on Thursday.")]
    other = [_claim("tgt", 0, "这是他周四投球后的第 3 次首发。")]
    assert quantity_contradictions(words, other, sim, "en", "zh") == []


def test_a_lone_attribution_is_filler() -> None:
    assert "filler" in claim_features("乔尔·普拉斯科对《华盛顿邮报》说道。", "zh", 1)
    assert "name" not in claim_features("美国队长吉姆·弗里克在球队比赛失利后说", "zh", 1)
    assert "filler" not in claim_features("他说：“我们会在周日赢得比赛。”", "zh", 0)
    assert "filler" not in claim_features("Trump said the economy grew 3 percent.", "en", 1)


def test_a_tiny_claim_said_nowhere_is_a_warning_a_connective_opener_stays_context() -> None:
    al = check_documents(
        Document("Prices rose. They bullied me!", "en"),
        Document("价格上涨了。", "zh"),
        mode="translation",
    ).alignment
    # one claim per paragraph: no one-sided paragraph, only the claims' own severity
    tiny = _side_claim("src", 0, 0, 0.05, "They bullied me!")
    opener = _side_claim("src", 1, 1, 0.05, "Of course, a shadow side to this buildout exists.")
    tiny = replace(tiny, features=("filler",), weight=0.4)
    opener = replace(opener, features=("filler",), weight=0.4)
    found = comparable_findings(ComparableAnalysis((tiny, opener), (), (), "t"), al)
    severity = {f.src_text: f.severity for f in found}
    assert severity == {"They bullied me!": "warning", opener.text: "info"}


def test_two_one_sided_paragraphs_in_the_same_gap_and_near_are_one_rewritten_pair() -> None:
    from bilingual.check.comparable.rewrites import pick_rewritten, same_gap

    # source ¶0 ↔ target ¶0 and ¶4 ↔ ¶3 are shared; source ¶2, ¶3 and target ¶1, ¶2 are
    # one-sided in the gap between them, source ¶6 after the last shared pair
    links = {(0, 0), (4, 3)}
    pairs = same_gap([2, 3, 6], [1, 2], links)
    assert set(pairs) == {(2, 1), (2, 2), (3, 1), (3, 2)}
    # a target paragraph after the last link shares the end gap with source ¶6 only
    assert same_gap([2, 6], [5], links) == [(6, 5)]
    # one to one, nearest first, only from the level on
    got = pick_rewritten([(2, 1, 0.7), (2, 2, 0.72), (3, 2, 0.6), (3, 1, 0.3)], level=0.5)
    assert [(x.src, x.tgt, x.similarity) for x in got] == [(2, 2, 0.72)]
    got = pick_rewritten([(2, 1, 0.7), (2, 2, 0.72), (3, 1, 0.6)], level=0.5)
    assert [(x.src, x.tgt) for x in got] == [(2, 2), (3, 1)]


def test_a_rewritten_pair_is_one_finding_instead_of_two_one_sided_paragraphs() -> None:
    from bilingual.model import RewrittenPair

    src_text = "Prices rose.\n\nThe market is stratified. Premium suites sit at the top."
    tgt_text = "价格上涨。\n\n未来日益割裂。少数玩家把持着最优智能的供应。"
    al = check_documents(Document(src_text, "en"), Document(tgt_text, "zh"), mode="translation")
    al = al.alignment
    src = [
        _side_claim("src", 0, 0, 0.95, "Prices rose."),
        _side_claim("src", 1, 1, 0.1, "The market is stratified."),
        _side_claim("src", 2, 1, 0.2, "Premium suites sit at the top."),
    ]
    tgt = [
        _side_claim("tgt", 0, 0, 0.95, "价格上涨。"),
        _side_claim("tgt", 1, 1, 0.1, "未来日益割裂。"),
        _side_claim("tgt", 2, 1, 0.1, "少数玩家把持着最优智能的供应。"),
    ]
    analysis = ComparableAnalysis(tuple(src), tuple(tgt), (), "t")
    kinds = [f.kind for f in comparable_findings(analysis, al)]
    assert kinds.count("unsupported_paragraph") == 2 and "rewritten_paragraph" not in kinds
    paired = replace(analysis, rewritten=(RewrittenPair(1, 1, 0.6),))
    found = comparable_findings(paired, al)
    kinds = [f.kind for f in found]
    assert "unsupported_paragraph" not in kinds and kinds.count("rewritten_paragraph") == 1
    pair = found[kinds.index("rewritten_paragraph")]
    assert pair.src_ids == (1, 2) and pair.tgt_ids == (1, 2)
    assert pair.message.startswith("EN ¶1 and ZH ¶1 say this differently")
    # the plain claims inside are information under it
    assert all(f.severity == "info" for f in found if f.kind == "unsupported_claim")


def test_a_rewritten_pairs_evidence_holds_numbers_one_shape_per_name() -> None:
    from bilingual.model import RewrittenPair

    src_text = "Prices rose.\n\nThe market is stratified. Premium suites sit at the top."
    tgt_text = "价格上涨。\n\n未来日益割裂。少数玩家把持着最优智能的供应。"
    al = check_documents(Document(src_text, "en"), Document(tgt_text, "zh"), mode="translation")
    src = (_side_claim("src", 0, 1, 0.1, "The market is stratified."),)
    tgt = (_side_claim("tgt", 0, 1, 0.1, "未来日益割裂。"),)
    analysis = ComparableAnalysis(src, tgt, (), "t", rewritten=(RewrittenPair(1, 1, 0.6),))
    (pair,) = [
        f for f in comparable_findings(analysis, al.alignment) if f.kind == "rewritten_paragraph"
    ]
    values = {e.name: e.value for e in pair.evidence}
    assert values == {
        "src_paragraph": 1.0,
        "tgt_paragraph": 1.0,
        "similarity": 0.6,
        "src_unsupported_claims": 1.0,
        "tgt_unsupported_claims": 1.0,
    }
    assert all(not e.src and not e.tgt for e in pair.evidence)
