"""The drift summary (coverage, drift score and its monotonicity), the JSON form and its schema,
the text report and the glossary reader."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest
from _check_pairs import GOOD, good_beads, make_alignment
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilingual.check import (
    CheckConfig,
    check_alignment,
    drift_score,
    fails,
    load_glossary,
    parse_glossary,
)
from bilingual.errors import FormatError
from bilingual.finding_kinds import kind_names
from bilingual.report import render_text, report_schema, report_to_json

# No encoder: similarities are given on the beads, so the property test runs fast.
FAST = CheckConfig(encoder=None)
SIMS = (0.82, 0.78, 0.8, 0.75, 0.79, 0.81, 0.77, 0.8, 0.76, 0.83, 0.78, 0.8)


def _inject(kinds: list[str]) -> tuple[list[tuple[list[str], list[str]]], list[float]]:
    """The good document with one drift per entry of ``kinds``, each at its own bead."""
    beads, sims = good_beads(), list(SIMS)
    for k, kind in enumerate(kinds):
        en, zh = GOOD[k]
        if kind == "drop":
            beads[k] = ([en], [])
        elif kind == "copy":
            beads[k] = ([en], [en])
        elif kind == "number":
            beads[k] = ([en], [zh + "共有987654人。"])
        elif kind == "unrelated":
            beads[k] = ([en], ["天气很好，我们去公园散步吧，顺便买点水果和蔬菜。"])
            sims[k] = 0.05
    return beads, sims


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["drop", "copy", "number", "unrelated"]), min_size=1, max_size=len(GOOD)
    )
)
# half the pairs unrelated: they must not mask each other as outliers of the document
@example(["drop"] * 4 + ["unrelated"] * 8)
def test_drift_score_is_monotone_in_injected_drift(kinds: list[str]) -> None:
    scores = []
    for n in range(len(kinds) + 1):
        beads, sims = _inject(kinds[:n])
        report = check_alignment(make_alignment(beads, similarities=sims), config=FAST)
        scores.append(report.summary.drift_score)
    assert all(b >= a for a, b in itertools.pairwise(scores)), (kinds, scores)
    assert scores[-1] > scores[0]


def test_drift_score_bounds() -> None:
    assert drift_score(1.0, 1.0, 0.9, [], 10) == 0.0
    assert drift_score(0.0, 0.0, float("nan"), [], 10) == 100.0


def test_coverage_counts_characters_of_paired_beads() -> None:
    beads, sims = _inject(["drop"])
    report = check_alignment(make_alignment(beads, similarities=sims), config=FAST)
    src_chars = sum(len(en) for en, _ in GOOD)
    assert math.isclose(report.summary.src_coverage, 1 - len(GOOD[0][0]) / src_chars, abs_tol=1e-4)
    assert report.summary.tgt_coverage == 1.0
    counts = dict(report.summary.counts_by_kind)
    assert set(counts) == set(kind_names()) and counts["omission"] == 1


def _validate(value: Any, schema: dict[str, Any], path: str = "$") -> None:
    """A structural validator for the subset of JSON Schema that schema.json uses."""
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "null": lambda v: v is None,
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        }
        assert any(checks[t](value) for t in allowed), f"{path}: {value!r} is not {allowed}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert value >= schema.get("minimum", -math.inf), path
        assert value <= schema.get("maximum", math.inf), path
    if isinstance(value, str):
        assert len(value) >= schema.get("minLength", 0), path
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(props)
            assert not extra, f"{path}: unexpected {extra}"
        for key, sub in props.items():
            if key in value:
                _validate(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _validate(item, schema["items"], f"{path}[{i}]")


@pytest.fixture(scope="module")
def drifting_report():
    beads, sims = _inject(["drop", "copy", "number", "unrelated"])
    beads.insert(6, ([], ["据报道，一名著名歌手昨晚在东京举行了盛大的演唱会。"]))
    sims.insert(6, float("nan"))
    return check_alignment(make_alignment(beads, similarities=sims), config=FAST)


def test_json_follows_the_schema(drifting_report) -> None:
    data = json.loads(report_to_json(drifting_report))
    _validate(data, report_schema())
    assert len(data["findings"]) == len(drifting_report.findings) > 4
    assert data["signature"] == drifting_report.signature
    kinds = {f["kind"] for f in data["findings"]}
    assert {"omission", "addition", "untranslated", "number_mismatch"} <= kinds


def test_schema_validator_catches_bad_output(drifting_report) -> None:
    data = json.loads(report_to_json(drifting_report))
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(AssertionError, match="severity"):
        _validate(data, report_schema())
    del data["summary"]["drift_score"]
    with pytest.raises(AssertionError, match="drift_score"):
        _validate(data, report_schema())


def test_json_writes_unknown_similarity_as_null() -> None:
    report = check_alignment(make_alignment([(["Hello there."], [])]), config=FAST)
    data = json.loads(report_to_json(report))
    assert data["summary"]["mean_similarity"] is None
    _validate(data, report_schema())


def test_text_report_lists_every_finding(drifting_report) -> None:
    text = render_text(drifting_report, width=200)
    assert "drift score" in text
    for f in drifting_report.findings:
        assert f.kind in text
    assert "\x1b[" not in text


def test_fails_by_level(drifting_report) -> None:
    assert fails(drifting_report, "error") and fails(drifting_report, "warning")
    quiet = check_alignment(
        make_alignment(good_beads(), similarities=SIMS),
        config=CheckConfig(encoder=None, kinds=("omission",)),
    )
    assert not fails(quiet, "warning")


def test_glossary_reader(tmp_path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(
        "# terms\nbudget\t预算\ncouncil\t议会|理事会\ncouncil\t委员会\n", encoding="utf-8"
    )
    g = load_glossary(path)
    assert [(e.en, e.zh) for e in g.entries] == [
        ("budget", ("预算",)),
        ("council", ("议会", "理事会", "委员会")),
    ]
    assert parse_glossary("预算\tbudget").entries[0].en == "budget"
    with pytest.raises(FormatError, match=":2:"):
        parse_glossary("budget\t预算\nno tab here\n")
    with pytest.raises(FormatError, match="no terms"):
        parse_glossary("# nothing\n")


def test_terminal_report_shows_control_characters_instead_of_sending_them() -> None:
    """ANSI colour codes and C1 controls in checked text never reach the terminal (issue 24)."""
    from _check_pairs import make_alignment

    from bilingual.check import CheckConfig, check_alignment
    from bilingual.report.text import render_text

    beads = [(["The price is \x1b[31m500\x1b[0m dollars.\x9b2J\x07"], ["价格是600美元。"])]
    report = check_alignment(make_alignment(beads), config=CheckConfig(encoder=None))
    assert any("\x1b" in f.message for f in report.findings)  # the text carries them
    plain = render_text(report, color=False)
    assert not any(c in plain for c in "\x1b\x9b\x07")
    assert "\\x1b[31m" in plain
    colored = render_text(report, color=True)
    assert "\x9b" not in colored and "\x07" not in colored
    assert "\x1b[31m500" not in colored and "\\x1b[31m" in colored
