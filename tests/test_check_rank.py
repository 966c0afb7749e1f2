"""Ranking, grouping, conventions, chrome, calibration and the phrase channel (issue 20)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bilingual.check.confidence import calibrate, parse_model, raw_confidence, shipped_model
from bilingual.check.kinds import KINDS, impact
from bilingual.check.rank import (
    ERROR_RISK,
    WARNING_RISK,
    conventions,
    group,
    is_chrome,
    rank,
    severity_for,
    without_chrome,
)
from bilingual.check.wordalign import bead_gaps, tokens
from bilingual.finding_kinds import kind_names
from bilingual.model import Evidence, Finding, Span


def _f(kind="punctuation_mismatch", sev="info", src=(0,), tgt=(0,), conf=None, check="width",
       side="tgt", src_text="Hello, world and more words here.", tgt_text="你好,世界。",
       at=2):  # fmt: skip
    text = tgt_text if side == "tgt" else src_text
    return Finding(
        kind=kind,
        severity=sev,
        src_ids=src,
        tgt_ids=tgt,
        level="sentence",
        src_text=src_text,
        tgt_text=tgt_text,
        message=f"{kind} here",
        evidence=(Evidence(check),),
        spans=(Span(side, tgt[0] if side == "tgt" else src[0], at, at + 1, text[at : at + 1]),),
        confidence=conf,
    )


def test_every_kind_has_an_impact() -> None:
    """The registry holds each kind's impact (one entry per kind, nothing else to edit)."""
    assert {k.name for k in KINDS} == set(kind_names())
    assert all(0.0 < k.impact <= 1.0 for k in KINDS)
    assert impact("punctuation_mismatch") < impact("omission") == 1.0


def test_severity_follows_risk_cut_points() -> None:
    assert severity_for("omission", ERROR_RISK) == "error"
    assert severity_for("omission", (ERROR_RISK + WARNING_RISK) / 2) == "warning"
    assert severity_for("omission", WARNING_RISK / 2) == "info"
    # the same confidence on a style kind is worth less
    assert severity_for("typography", 0.4) == "info" and severity_for("omission", 0.6) == "error"


def test_rank_orders_by_severity_then_confidence_then_position() -> None:
    a = _f(sev="info", conf=0.9, src=(0,), tgt=(0,))
    b = _f(sev="warning", conf=0.4, src=(5,), tgt=(5,))
    c = _f(sev="warning", conf=0.6, src=(9,), tgt=(9,))
    d = _f(sev="error", conf=0.8, src=(7,), tgt=(7,))
    assert rank([a, b, c, d]) == (d, c, b, a)


def test_group_one_finding_per_segment_and_sub_kind_with_count() -> None:
    commas = [_f(at=2), _f(at=5), _f(at=2, src=(1,), tgt=(1,))]
    other = _f(check="final_punctuation")
    out = group([*commas, other])
    assert len(out) == 3
    first = out[0]
    assert first.count == 2 and len(first.spans) == 2 and "×2" in first.message
    assert out[1].count == 1 and out[2] is other


def test_group_leaves_other_kinds_alone() -> None:
    a = _f(kind="number_mismatch", check="values")
    assert group([a, a]) == (a, a)


def test_convention_followed_throughout_becomes_one_note() -> None:
    fs = group([_f(src=(i,), tgt=(i,)) for i in range(10)])
    notes, rest = conventions(fs, {"src": 10, "tgt": 10})
    assert len(notes) == 1 and rest == ()
    note = notes[0]
    assert note.src_ids == () and note.tgt_ids == () and note.count == 10
    assert "throughout" in note.message and note.severity == "info"


def test_mixed_convention_keeps_the_exceptions() -> None:
    fs = group([_f(src=(i,), tgt=(i,)) for i in range(3)])
    notes, rest = conventions(fs, {"src": 10, "tgt": 10})
    assert notes == () and rest == fs


@pytest.mark.parametrize(
    "text",
    ["Share:", "开源 开源 闭源 闭源 大模型 大模型 Agent Agent 编程 编程\n分享",
     "开源 开源 闭源 闭源 大模型 大模型 Agent Agent 编程 编程 分享到:",
     "AI News 2d ago Updated 19h ago", "AI资讯 更新于 19小时前", "阅读全文"],
)  # fmt: skip
def test_page_chrome(text: str) -> None:
    assert is_chrome(text)


@pytest.mark.parametrize(
    "text",
    ["The labs will inevitably protect this advantage.", "目前,关键用户群体的回答是响亮的肯定。",
     "Open-source models, for all their virtue, cannot match them"],
)  # fmt: skip
def test_prose_is_not_chrome(text: str) -> None:
    assert not is_chrome(text)


def test_no_typography_on_chrome() -> None:
    chrome = _f(kind="typography", check="space_in_chinese", src_text="Share:",
                tgt_text="开源 闭源 大模型\n分享", at=2)  # fmt: skip
    prose = _f(kind="typography", check="double_space")
    assert without_chrome([chrome, prose]) == (prose,)


def _model(**extra) -> dict:
    return {
        "table": {"name_mismatch": {"warning": 0.1, "info": 0.05}},
        "fallback": {"info": 0.1, "warning": 0.4, "error": 0.8},
        "signature": "conf:test",
        "counts": {"name_mismatch/warning": 100, "forbidden_term/error": 100},
        **extra,
    }


def test_calibrate_sets_confidence_and_regrades() -> None:
    model = parse_model(_model())
    name = _f(kind="name_mismatch", sev="warning", check="names_on_one_side")
    unseen = _f(kind="forbidden_term", sev="error", check="forbidden_term")
    out = calibrate([name, unseen], model)
    assert out[0].confidence == 0.1 and out[0].severity == "info"
    # the check's own severity is a ceiling: a confident info stays info; a pair measured on
    # too few findings keeps its severity
    low = calibrate([_f(kind="number_mismatch", sev="info", check="values")], parse_model(_model()))
    assert low[0].confidence == 0.1 and low[0].severity == "info"
    assert out[1].confidence == 0.8 and out[1].severity == severity_for("forbidden_term", 0.8)


def test_few_findings_seldom_confirmed_still_regrade() -> None:
    from bilingual.check.confidence import upper_share

    # 21 findings, share .03: even the upper end of its 95 % interval (.20) is information
    # for a kind of impact .9; 2 findings at .4 could still be .87: the check's warning stays
    assert upper_share(0.03, 21) == pytest.approx(0.205, abs=0.01)
    assert upper_share(0.4, 2) > 0.8
    table = {"partial_addition": {"warning": 0.03}, "punctuation_mismatch": {"warning": 0.4}}
    counts = {"partial_addition/warning": 21, "punctuation_mismatch/warning": 2}
    model = parse_model(_model(table=table, counts=counts))
    few = _f(kind="partial_addition", sev="warning", check="negation")
    two = _f(kind="punctuation_mismatch", sev="warning", check="quotes")
    assert [f.severity for f in calibrate([few, two], model)] == ["info", "warning"]


def test_phrase_probability_maps_through_bins() -> None:
    model = parse_model(_model(phrase_bins=[[0.5, 0.3], [1.0, 0.7]]))
    f = _f(kind="partial_omission", sev="info", check="phrase_probability")
    f = Finding(**{**f.__dict__, "evidence": (Evidence("phrase_probability", value=0.8),)})
    assert calibrate([f], model)[0].confidence == 0.7


def test_phrase_bins_per_kind() -> None:
    # an omission and an addition at the same probability: each kind's own bins (the raters
    # confirm the channel's omissions far more often than its additions); a kind without bins
    # of its own has no map and takes its kind's table share, never the raw probability
    bins = {"partial_omission": [[0.5, 0.3], [1.0, 0.6]], "partial_addition": [[1.0, 0.1]]}
    model = parse_model(_model(phrase_bins=bins))
    ev = (Evidence("phrase_probability", value=0.8),)
    om = _f(kind="partial_omission", sev="info", check="phrase_probability")
    add = _f(kind="partial_addition", sev="info", check="phrase_probability")
    om, add = (Finding(**{**f.__dict__, "evidence": ev}) for f in (om, add))
    assert [f.confidence for f in calibrate([om, add], model)] == [0.6, 0.1]
    assert model.phrase_confidence("omission", 0.8) is None
    other = Finding(**{**_f(kind="omission", sev="warning", check="x").__dict__, "evidence": ev})
    assert raw_confidence(other, model) == model.lookup("omission", "warning") != 0.8


def test_shipped_model_is_fitted() -> None:
    model = shipped_model()
    assert model.phrase is not None and model.table and model.phrase_bins
    for _, _, p in model.table:
        assert 0.0 <= p <= 1.0


def test_word_lexicon_finds_the_dropped_phrase() -> None:
    zh = "政府周二宣布,将在明年投资五十亿元建设新的铁路和机场。"
    full = (
        "The government announced on Tuesday that it will invest five billion yuan "
        "next year to build new railways and airports."
    )
    cut = "The government announced on Tuesday that it will invest five billion yuan next year."
    g_full, g_cut = bead_gaps([(zh, full), (zh, cut)], "zh", "en")
    assert g_cut.src.words > g_full.src.words
    run = zh[g_cut.src.start : g_cut.src.end]
    assert "铁路" in run or "机场" in run
    # the same pair the other way round (English source) gives the same gap on the zh side
    (flipped,) = bead_gaps([(cut, zh)], "en", "zh")
    assert flipped.tgt == g_cut.src


def test_tokens_have_offsets() -> None:
    text = "Prices rose 3.5% in May."
    assert all(text[t.start : t.end].lower() == t.text for t in tokens(text, "en"))
    zh = "价格在五月上涨了3.5%。"
    assert all(zh[t.start : t.end] == t.text for t in tokens(zh, "zh"))


def test_json_has_confidence_and_count() -> None:
    from bilingual.report.json import finding_to_dict

    d = finding_to_dict(_f(conf=0.37))
    assert d["confidence"] == 0.37 and d["count"] == 1
    assert json.loads(json.dumps(d))["confidence"] == 0.37
    assert not math.isnan(d["confidence"])


def test_thin_evidence_keeps_the_hand_severity() -> None:
    model = parse_model(_model())
    f = _f(kind="format_mismatch", sev="error", check="placeholder")
    out = calibrate([f], model)[0]
    assert out.severity == "error" and out.confidence == 0.8


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "ai-news-open-vs-closed.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")
def test_seed_page_first_screen_and_chrome() -> None:
    from bilingual.check import check_page
    from bilingual.io import read_document
    from bilingual.report import render_text

    report = check_page(read_document(SEED))
    first = report.findings[:10]
    # the first screen holds drift (what one side says and the other does not), not style
    assert all(f.kind not in ("punctuation_mismatch", "typography") for f in first)
    assert all(f.severity != "info" for f in first)
    assert all(f.confidence is not None for f in report.findings)
    # the page's tag line, "Share:" button and dateline get no style findings
    style = [f for f in report.findings if f.kind in ("punctuation_mismatch", "typography")]
    notes = [f for f in style if not f.src_ids and not f.tgt_ids]
    assert len(notes) == 1 and "throughout" in notes[0].message and notes[0].count > 40
    placed = [f for f in style if f not in notes]
    assert not any(is_chrome(f.src_text) and is_chrome(f.tgt_text) for f in placed)
    assert not any("Share:" in f.src_text or "19h ago" in f.src_text for f in style)
    # one note for the house style instead of one finding per half-width comma
    assert len(style) <= 5
    text = render_text(report)
    assert "more finding" in text and "--all" in text
    assert render_text(report, limit=None).count("\n") > text.count("\n")


def test_phrase_channel_on_a_document_with_an_overlong_bead() -> None:
    """Beads left out of the name/phrase checks (too long) keep the other beads' indices."""
    from _check_pairs import good_beads, make_alignment

    from bilingual.check import check_alignment

    beads = good_beads()
    beads.append((["word " * 300], ["字" * 1200]))
    beads[0] = (
        ["The government announced on Tuesday that it will invest five billion yuan next year."],
        ["政府周二宣布,将在明年投资五十亿元建设新的铁路和机场,并且扩建港口和高速公路。"],
    )
    report = check_alignment(make_alignment(beads))
    assert all(f.confidence is not None for f in report.findings)
    added = [f for f in report.findings if f.kind == "partial_addition" and f.tgt_ids == (0,)]
    assert added or any(f.kind == "partial_omission" and f.src_ids == (0,) for f in report.findings)


def test_phrase_floor_is_the_documents_own_outlier_rule() -> None:
    import numpy as np

    from bilingual.check.phrase import EMIT_PROBABILITY, OUTLIER_MIN_BEADS, document_floor

    rng = np.random.default_rng(0)
    # a short document (an MQM news document) keeps the plain threshold
    assert document_floor(np.full(OUTLIER_MIN_BEADS - 1, 0.3)) == EMIT_PROBABILITY
    # scripture: every verse looks a little like an omission; only the outlier is one
    usual = 1 / (1 + np.exp(-rng.normal(-1.5, 0.4, 60)))
    floor = document_floor(np.r_[usual, 0.9])
    assert usual.max() < floor < 0.9
    # a document the model finds clean keeps at least the plain threshold
    assert document_floor(np.full(40, 0.01)) == EMIT_PROBABILITY


def test_phrase_channel_and_merge_rebuild_the_report() -> None:
    """models/train_confidence.py fits on ``phrase_channel`` + ``merged`` over the uncalibrated
    checks: together they give exactly the report's findings (long beads left out as the check
    leaves them out)."""
    from _check_pairs import good_beads, make_alignment

    from bilingual.check import check_alignment
    from bilingual.check.config import CheckConfig
    from bilingual.check.context import build_context
    from bilingual.check.run import merged, phrase_channel

    beads = good_beads()
    beads.append((["word " * 300], ["字" * 1200]))
    beads[0] = (
        ["The government announced on Tuesday that it will invest five billion yuan next year."],
        ["政府周二宣布,将在明年投资五十亿元建设新的铁路和机场,并且扩建港口和高速公路。"],
    )
    alignment = make_alignment(beads)
    raw = CheckConfig(calibrate=False)
    phrase = phrase_channel(build_context(alignment, raw), shipped_model())
    assert phrase and all(max(f.tgt_ids, default=0) < len(beads) - 1 for f in phrase)
    rebuilt = merged(check_alignment(alignment, config=raw).findings, phrase, shipped_model())
    assert rebuilt == check_alignment(alignment).findings
