"""`bilingual score`: sacrebleu's own numbers on aligned input, alignment when misaligned, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sacrebleu
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import InputError, LanguageError
from bilingual.score import (
    align_monolingual,
    chrf_similarity,
    guess_lang,
    score_segments,
    split_segments,
)

REF_EN = [
    "The committee met on Tuesday to discuss the new budget.",
    "Several members asked for more money for public schools.",
    "The mayor said the city could not afford new taxes this year.",
    "A vote on the proposal is expected next month.",
    "Local businesses have welcomed the plan to repair the old bridge.",
    "Work on the bridge will begin in the spring and last two years.",
    "Traffic will be diverted through the northern district during the works.",
    "Residents of that district have complained about noise and dust.",
    "The council promised to publish a detailed schedule soon.",
    "Critics say the consultation was too short.",
]
HYP_EN = [
    "The committee met Tuesday to discuss the new budget.",
    "Some members asked for more money for the public schools.",
    "The mayor said that the city cannot afford new taxes this year.",
    "A vote about the proposal is expected next month.",
    "Local companies welcomed the plan to repair the old bridge.",
    "Works on the bridge will start in spring and last two years.",
    "Traffic will be diverted through the north district during the works.",
    "People living in that district complained about the noise and the dust.",
    "The council promised to publish a detailed timetable soon.",
    "Critics say that the consultation was too short.",
]
REF_ZH = [
    "委员会周二开会讨论新的预算。",
    "几名委员要求为公立学校增加拨款。",
    "市长说今年市政府无力承担新的税收。",
    "预计下个月将对该提案进行表决。",
    "当地企业对修复旧桥的计划表示欢迎。",
    "大桥工程将于春季开工，持续两年。",
]
HYP_ZH = [
    "委员会星期二开会讨论了新预算。",
    "一些委员要求给公立学校更多的钱。",
    "市长表示今年城市负担不起新的税。",
    "该提案预计下个月进行投票。",
    "本地企业欢迎修复老桥的计划。",
    "桥梁工程将在春天开始，持续两年。",
]


def _check_against_sacrebleu(hyps: list[str], refs: list[str], lang: str) -> None:
    report = score_segments(hyps, refs, lang=lang)
    tok = "zh" if lang == "zh" else "13a"
    zh = lang == "zh"
    bleu = sacrebleu.corpus_bleu(hyps, [refs], tokenize=tok)
    chrf = sacrebleu.corpus_chrf(hyps, [refs])
    ter = sacrebleu.corpus_ter(hyps, [refs], normalized=zh, asian_support=zh)
    assert report.metric("BLEU").score == bleu.score
    assert report.metric("chrF").score == chrf.score
    assert report.metric("TER").score == ter.score
    assert f"tok:{tok}" in report.metric("BLEU").signature
    assert report.metric("BLEU").signature.startswith("nrefs:1|")
    assert "nc:6" in report.metric("chrF").signature
    assert ("asian:yes" if zh else "asian:no") in report.metric("TER").signature
    assert not report.aligned
    assert len(report.segments) == len(refs)
    for seg, h, r in zip(report.segments, hyps, refs, strict=True):
        assert (seg.hyp, seg.ref) == (h, r)
        assert seg.bleu == sacrebleu.sentence_bleu(h, [r], tokenize=tok).score
        assert seg.chrf == sacrebleu.sentence_chrf(h, [r]).score
        assert seg.ter == sacrebleu.sentence_ter(h, [r], normalized=zh, asian_support=zh).score


def test_aligned_english_equals_sacrebleu() -> None:
    _check_against_sacrebleu(HYP_EN, REF_EN, "en")


def test_aligned_chinese_equals_sacrebleu() -> None:
    _check_against_sacrebleu(HYP_ZH, REF_ZH, "zh")


def test_chinese_bleu_uses_zh_tokenizer() -> None:
    zh = score_segments(HYP_ZH, REF_ZH, lang="zh").metric("BLEU").score
    # with 13a a whole Chinese sentence is one token: BLEU collapses
    as_13a = sacrebleu.corpus_bleu(HYP_ZH, [REF_ZH], tokenize="13a").score
    assert zh > 10 > as_13a


def test_merged_hypothesis_line_is_aligned_to_two_references() -> None:
    hyps = [*HYP_EN[:3], HYP_EN[3] + " " + HYP_EN[4], *HYP_EN[5:]]
    report = score_segments(hyps, REF_EN, lang="en")
    assert report.aligned
    pairs = [(s.hyp_ids, s.ref_ids) for s in report.segments]
    expected = [((i,), (i,)) for i in range(3)]
    expected += [((3,), (3, 4))]
    expected += [((i - 1,), (i,)) for i in range(5, 10)]
    assert pairs == expected
    assert (report.merged_hyp, report.merged_ref) == (0, 2)
    assert (report.unmatched_hyp, report.unmatched_ref) == (0, 0)
    # the scores are sacrebleu's on the aligned pairs
    pair_refs = [*REF_EN[:3], REF_EN[3] + " " + REF_EN[4], *REF_EN[5:]]
    assert report.metric("BLEU").score == sacrebleu.corpus_bleu(hyps, [pair_refs]).score
    assert report.metric("chrF").score == sacrebleu.corpus_chrf(hyps, [pair_refs]).score
    assert report.metric("TER").score == sacrebleu.corpus_ter(hyps, [pair_refs]).score


def test_split_hypothesis_and_dropped_and_added_lines() -> None:
    first, second = "Works on the bridge will start in spring", "and last two years."
    hyps = [*HYP_EN[:2], *HYP_EN[3:5], first, second, *HYP_EN[6:]]
    hyps.insert(7, "Meanwhile, football fans celebrated a surprising victory downtown.")
    report = score_segments(hyps, REF_EN, lang="en")
    pairs = [(s.hyp_ids, s.ref_ids) for s in report.segments]
    assert ((), (2,)) in pairs  # REF 2 was dropped by the system
    assert ((4, 5), (5,)) in pairs  # one reference sentence split over two lines
    assert ((7,), ()) in pairs  # the added unrelated line
    assert (report.merged_hyp, report.merged_ref) == (2, 0)
    assert (report.unmatched_hyp, report.unmatched_ref) == (1, 1)
    # unmatched content still counts: the dropped reference is scored against nothing
    dropped = next(s for s in report.segments if s.ref_ids == (2,))
    assert dropped.hyp == "" and dropped.bleu == 0.0 and dropped.chrf == 0.0


def test_chinese_merge_is_aligned() -> None:
    hyps = [HYP_ZH[0], HYP_ZH[1] + HYP_ZH[2], *HYP_ZH[3:]]
    report = score_segments(hyps, REF_ZH, lang="zh")
    pairs = [(s.hyp_ids, s.ref_ids) for s in report.segments]
    assert pairs == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]
    assert report.segments[1].ref == REF_ZH[1] + REF_ZH[2]  # joined without a space


def test_aligning_a_text_with_itself_gives_one_to_one() -> None:
    assert align_monolingual(REF_EN, REF_EN) == tuple(((i,), (i,)) for i in range(len(REF_EN)))
    report = score_segments(REF_EN, REF_EN, align="always")
    assert report.aligned and report.metric("BLEU").score == pytest.approx(100.0)


@settings(max_examples=30, deadline=None)
@given(
    hyp_pick=st.lists(st.integers(0, len(REF_EN) - 1), min_size=1, max_size=8),
    ref_pick=st.lists(st.integers(0, len(REF_EN) - 1), min_size=1, max_size=8),
)
def test_alignment_covers_every_segment_once_in_order(
    hyp_pick: list[int], ref_pick: list[int]
) -> None:
    hyps, refs = [HYP_EN[i] for i in hyp_pick], [REF_EN[i] for i in ref_pick]
    beads = align_monolingual(hyps, refs)
    assert [i for h, _ in beads for i in h] == list(range(len(hyps)))
    assert [j for _, r in beads for j in r] == list(range(len(refs)))
    assert all(h or r for h, r in beads)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=60), st.text(min_size=0, max_size=60))
def test_chrf_similarity_is_sacrebleu_sentence_chrf(hyp: str, ref: str) -> None:
    assert chrf_similarity(hyp, ref) * 100 == pytest.approx(
        sacrebleu.sentence_chrf(hyp, [ref]).score, abs=1e-9
    )


def test_bad_arguments_raise_errors_that_say_what_to_do() -> None:
    with pytest.raises(InputError, match="--align auto"):
        score_segments(HYP_EN[:3], REF_EN, align="never")
    with pytest.raises(LanguageError, match="en or zh"):
        score_segments(HYP_EN, REF_EN, lang="de")
    with pytest.raises(InputError, match="hypothesis has no segment"):
        score_segments([], REF_EN)


def test_split_and_guess() -> None:
    assert split_segments("a\n\n  b  \n\n") == ["a", "b"]
    assert guess_lang("\n".join(REF_ZH)) == "zh"
    assert guess_lang("\n".join(REF_EN)) == "en"


def test_import_loads_no_sacrebleu() -> None:
    code = "import sys, bilingual.score; print('sacrebleu' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "False"


# --- CLI -------------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    hyp, ref = tmp_path / "hyp.en", tmp_path / "ref.en"
    hyp.write_text("\n".join(HYP_EN) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REF_EN) + "\n", encoding="utf-8")
    hyp_zh, ref_zh = tmp_path / "hyp.zh", tmp_path / "ref.zh"
    merged = [HYP_ZH[0], HYP_ZH[1] + HYP_ZH[2], *HYP_ZH[3:]]
    hyp_zh.write_text("\n".join(merged), encoding="utf-8")
    ref_zh.write_text("\n".join(REF_ZH), encoding="utf-8")
    return hyp, ref, hyp_zh, ref_zh


runner = CliRunner()


def test_cli_text_report(files: tuple[Path, Path, Path, Path]) -> None:
    hyp, ref, _, _ = files
    result = runner.invoke(app, ["score", str(hyp), str(ref)])
    assert result.exit_code == 0, result.output
    bleu = sacrebleu.corpus_bleu(HYP_EN, [REF_EN])
    assert str(bleu) in result.stdout
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in result.stdout
    assert "chrF2 = " in result.stdout and "TER = " in result.stdout
    assert "scored line by line" in result.stdout


def test_cli_json_report_for_chinese_with_merge(
    files: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    _, _, hyp_zh, ref_zh = files
    out = tmp_path / "score.json"
    result = runner.invoke(
        app, ["score", str(hyp_zh), str(ref_zh), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"lang", "corpus", "segments", "alignment", "signature"}
    assert data["lang"] == "zh"  # guessed from the reference
    assert "tok:zh" in data["corpus"]["BLEU"]["signature"]
    assert data["alignment"]["aligned"] is True
    assert data["alignment"]["merged_ref"] == 2 and data["alignment"]["pairs"] == 5
    assert data["segments"][1]["ref_ids"] == [1, 2]


def test_cli_lang_option_overrides(files: tuple[Path, Path, Path, Path]) -> None:
    hyp, ref, _, _ = files
    result = runner.invoke(app, ["score", str(hyp), str(ref), "--lang", "zh", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "tok:zh" in json.loads(result.stdout)["corpus"]["BLEU"]["signature"]


@pytest.mark.parametrize(
    "make_args, message",
    [
        (lambda d: [str(d / "missing.txt"), str(d / "ref.en")], "no such file"),
        (lambda d: [str(d / "empty.txt"), str(d / "ref.en")], "is empty"),
        (lambda d: [str(d), str(d / "ref.en")], "is a directory"),
        (lambda d: [str(d / "short.txt"), str(d / "ref.en"), "--align", "never"], "--align auto"),
        (lambda d: [str(d / "hyp.en"), str(d / "ref.en"), "--lang", "de"], "de"),
        (lambda d: [str(d / "binary.bin"), str(d / "ref.en")], "binary"),
    ],
    ids=["missing", "empty", "directory", "count-mismatch", "bad-lang", "binary"],
)
def test_cli_bad_input_exits_2_with_a_message(
    files: tuple[Path, Path, Path, Path], tmp_path: Path, make_args, message: str
) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("\n".join(HYP_EN[:3]), encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, ["score", *make_args(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_whole_document_on_one_line_is_aligned_to_all_references() -> None:
    report = score_segments(["".join(HYP_ZH)], REF_ZH, lang="zh")
    assert [(s.hyp_ids, s.ref_ids) for s in report.segments] == [((0,), tuple(range(6)))]
    assert (report.merged_ref, report.unmatched_ref) == (6, 0)
    assert "max7" in report.signature


def test_cli_sentences_option_splits_paragraph_lines(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text(" ".join(HYP_EN[:5]) + "\n" + " ".join(HYP_EN[5:]) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REF_EN) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(hyp), str(ref), "--sentences", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # split into the ten sentences again, the pairs are line by line: no alignment needed
    assert data["alignment"]["aligned"] is False and data["alignment"]["pairs"] == 10
    assert "seg:sentences" in data["signature"]
    bleu = sacrebleu.corpus_bleu(HYP_EN, [REF_EN]).score
    assert data["corpus"]["BLEU"]["score"] == pytest.approx(bleu, abs=1e-4)
