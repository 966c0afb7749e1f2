"""Consistency within a document and against a translation memory, and term bases (TBX)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from _check_pairs import good_beads, make_alignment

from bilingual.check import CheckConfig, check_alignment
from bilingual.check.consistency import normalise
from bilingual.errors import FormatError
from bilingual.export import write_jsonl, write_tmx
from bilingual.formats.memory import MemoryEntry, TranslationMemory, load_memory
from bilingual.formats.terms import load_termbase, parse_term_table

NO_ENCODER = CheckConfig(
    encoder=None, kinds=("inconsistent_translation", "forbidden_term", "term_inconsistency")
)

SUBJECTS = ["The printer", "The server", "The router", "The scanner", "The camera", "The phone"]
ZH_SUBJECTS = ["打印机", "服务器", "路由器", "扫描仪", "相机", "手机"]
STATES = [
    ("is offline.", "已离线。"),
    ("needs an update.", "需要更新。"),
    ("was restarted.", "已重新启动。"),
    ("is out of paper.", "缺纸。"),
]


def _project(n: int, planted: int, seed: int) -> tuple[list, set[int]]:
    """A UI-style project of ``n`` segments from a small phrase set (so sources repeat),
    numbered so the numbers differ; ``planted`` repeats get another translation."""
    rng = random.Random(seed)
    beads, seen, bad = [], set(), set()
    for i in range(n):
        a, b = rng.randrange(len(SUBJECTS)), rng.randrange(len(STATES))
        src = f"{SUBJECTS[a]} {i % 7 + 1} {STATES[b][0]}"
        tgt = f"{ZH_SUBJECTS[a]}{i % 7 + 1}{STATES[b][1]}"
        if (a, b) in seen and len(bad) < planted and rng.random() < 0.2:
            tgt = f"{ZH_SUBJECTS[a]}{i % 7 + 1}号设备状态异常。"
            bad.add(i)
        seen.add((a, b))
        beads.append(([src], [tgt]))
    return beads, bad


def test_normalise_numbers_case_space_width() -> None:
    assert normalise("Page  3 of 10.") == normalise("page 4 of 12")
    assert normalise("第一章") == normalise("第二章") and normalise("ＡＢＣ") == "abc"


def test_every_planted_inconsistency_in_1000_segments_and_none_when_consistent() -> None:
    beads, bad = _project(1000, 40, seed=3)
    assert len(bad) >= 30
    report = check_alignment(make_alignment(beads), config=NO_ENCODER)
    loud = {
        f.src_ids[0]
        for f in report.findings
        if f.kind == "inconsistent_translation" and f.severity == "warning"
    }
    assert loud == bad
    f = next(f for f in report.findings if f.severity == "warning")
    assert f.evidence[0].name == "previous_translation" and f.evidence[0].tgt[0]
    clean, none = _project(1000, 0, seed=3)
    assert not none
    report = check_alignment(make_alignment(clean), config=NO_ENCODER)
    assert [f for f in report.findings if f.kind == "inconsistent_translation"] == []


def test_against_memory_exact_and_fuzzy(tmp_path: Path) -> None:
    beads = good_beads()
    ref = make_alignment(beads)
    (tmp_path / "ref.tmx").write_text(write_tmx(ref), encoding="utf-8")
    changed = [list(b) for b in beads]
    changed[2] = (beads[2][0], ["官员称新桥明年春季开放通行。"])
    changed[5] = (
        ["Police asked the drivers to avoid the main road during the parade."],
        ["警察请司机们游行时不要走主路。"],
    )
    memory = load_memory(tmp_path / "ref.tmx")
    assert len(memory.entries) == len(beads)
    report = check_alignment(make_alignment(changed), config=NO_ENCODER, memory=memory)
    found = {f.src_ids[0]: f for f in report.findings if f.kind == "inconsistent_translation"}
    assert set(found) == {2, 5}
    assert found[2].severity == "warning" and found[2].evidence[0].tgt == (beads[2][1][0],)
    assert found[5].severity == "info" and found[5].evidence[0].name == "fuzzy_memory_match"
    # the same memory as a corpus output folder
    (tmp_path / "corpus" / "alignments" / "news").mkdir(parents=True)
    (tmp_path / "corpus" / "alignments" / "news" / "a.jsonl").write_text(
        write_jsonl(ref), encoding="utf-8"
    )
    folder = load_memory(tmp_path / "corpus")
    assert len(folder.entries) == len(beads) and folder.entries[0].origin.startswith("news/a")
    same = check_alignment(make_alignment(beads), config=NO_ENCODER, memory=folder)
    assert [f for f in same.findings if f.kind == "inconsistent_translation"] == []


def test_memory_in_library_form() -> None:
    source = "The library is now open every day until nine in the evening."
    memory = TranslationMemory((MemoryEntry(source, "图书馆每天开到晚上九点。", "tm#1"),))
    report = check_alignment(make_alignment(good_beads()), config=NO_ENCODER, memory=memory)
    [f] = [f for f in report.findings if f.kind == "inconsistent_translation"]
    assert f.src_ids == (8,) and "tm#1" in f.message


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>exported</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>budget</term></termSec></langSec>
      <langSec xml:lang="zh-CN">
        <termSec><term>预算</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>经费</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <note>Do not translate: product name</note>
      <langSec xml:lang="en"><termSec><term>Parade</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader/><text><body>
  <termEntry id="t1">
    <langSet xml:lang="en"><tig><term>museum</term></tig></langSet>
    <langSet xml:lang="zh"><tig><term>博物馆</term></tig></langSet>
  </termEntry>
</body></text></martif>
"""


def test_tbx3_preferred_forbidden_and_do_not_translate(tmp_path: Path) -> None:
    p = tmp_path / "terms.tbx"
    p.write_text(TBX, encoding="utf-8")
    tb = load_termbase(p)
    rules = {r.en: r for r in tb.rules}
    assert rules["budget"].zh == ("预算",) and rules["budget"].forbidden == ("经费",)
    assert rules["Parade"].keep
    beads = good_beads()
    beads[0] = (beads[0][0], ["经过长时间的辩论，市议会周二批准了新经费。"])
    report = check_alignment(make_alignment(beads), config=NO_ENCODER, termbase=tb)
    kinds = sorted((f.kind, f.src_ids) for f in report.findings)
    assert ("forbidden_term", (0,)) in kinds and ("term_inconsistency", (0,)) in kinds
    forbidden = next(f for f in report.findings if f.kind == "forbidden_term")
    assert "经费" in forbidden.message and "预算" in forbidden.message
    assert ("term_inconsistency", (5,)) in kinds  # "parade" translated though marked DNT
    table = parse_term_table("budget\t预算\nbudget\t经费\tforbidden\n")
    good = check_alignment(make_alignment(good_beads()), config=NO_ENCODER, termbase=table)
    assert good.findings == ()


def test_tbx2_martif_and_unsafe_tbx(tmp_path: Path) -> None:
    p = tmp_path / "old.tbx"
    p.write_text(MARTIF, encoding="utf-8")
    assert load_termbase(p).glossary.entries[0].zh == ("博物馆",)
    p.write_text('<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY e "x">]><martif>&e;</martif>')
    with pytest.raises(FormatError, match="refused"):
        load_termbase(p)


def test_term_table_rejects_bad_status() -> None:
    with pytest.raises(FormatError, match="unknown status"):
        parse_term_table("budget\t预算\tmaybe\n")


def test_two_msgctxt_variants_of_one_msgid_are_two_sources(tmp_path: Path) -> None:
    """'Open' as a menu verb and as a state may be translated differently (issue 24)."""
    from bilingual.check import check_translation_file
    from bilingual.formats import read_translation_file

    po = tmp_path / "ui.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: zh_CN\\n"\n\n'
        'msgctxt "menu"\nmsgid "Open the file"\nmsgstr "打开文件"\n\n'
        'msgctxt "status"\nmsgid "Open the file"\nmsgstr "文件已打开"\n\n'
        'msgid "Close the file"\nmsgstr "关闭文件"\n\n'
        'msgctxt "other"\nmsgid "Close the file"\nmsgstr "关闭该文件"\n\n'
        'msgctxt "other"\nmsgid "Close the file now"\nmsgstr "立即关闭文件"\n\n'
        'msgctxt "other"\nmsgid "Close the file now"\nmsgstr "马上关闭文件"\n',
        encoding="utf-8",
    )
    tf = read_translation_file(po)
    assert [u.context for u in tf.units] == ["menu", "status", "", "other", "other", "other"]
    found = [
        f
        for f in check_translation_file(tf).findings
        if f.kind == "inconsistent_translation" and f.severity == "warning"
    ]
    # only the same context with two translations is flagged
    assert [f.units for f in found] == [("other::Close the file now",)]
