"""A 0:1 / 1:0 bead that completes its neighbouring pair is information, not lost content."""

from __future__ import annotations

from _check_pairs import GOOD, good_beads, make_alignment

from bilingual.check import check_alignment
from bilingual.model import CheckReport, Finding


def _additions(report: CheckReport) -> list[Finding]:
    return [f for f in report.findings if f.kind == "addition"]


def _names(f: Finding) -> set[str]:
    return {e.name for e in f.evidence}


def test_split_off_half_of_a_translation_is_information() -> None:
    beads = good_beads()
    # One English sentence, its translation split in two; the aligner left the half alone.
    beads[5:6] = [
        (
            [
                "Police asked drivers to avoid the main road, and the shops near the square "
                "will close early during the parade."
            ],
            ["警方要求司机在游行期间避开主干道。"],
        ),
        ([], ["广场附近的商店也将提前关门。"]),
    ]
    report = check_alignment(make_alignment(beads))
    [f] = _additions(report)
    assert f.severity == "info"
    assert "neighbour_similarity_with_it" in _names(f)
    assert "completes the neighbouring pair" in f.message


def test_and_it_was_so_after_its_verse_is_information() -> None:
    beads = good_beads()
    beads[3:3] = [
        (
            [
                "And God said, Let the earth bring forth grass, and the herb yielding seed: "
                "and it was so."
            ],
            ["神说：地要发生青草和结种子的菜蔬。"],
        ),
        ([], ["事就这样成了。"]),
    ]
    report = check_alignment(make_alignment(beads))
    [f] = _additions(report)
    assert f.tgt_text == "事就这样成了。" and f.severity == "info"


def test_unrelated_inserted_sentence_is_still_a_warning() -> None:
    beads = good_beads()
    extra = "据报道，一名著名歌手昨晚在东京举行了盛大的演唱会。"
    beads.insert(5, ([], [extra]))
    report = check_alignment(make_alignment(beads))
    [f] = _additions(report)
    assert f.tgt_text == extra and f.severity in ("warning", "error")
    assert "neighbour_similarity_with_it" not in _names(f)


def test_dropped_sentence_is_still_a_warning() -> None:
    beads = good_beads()
    beads[2] = (beads[2][0], [])
    report = check_alignment(make_alignment(beads))
    [f] = [f for f in report.findings if f.kind == "omission"]
    assert f.src_text == GOOD[2][0] and f.severity in ("warning", "error")


def test_word_coverage_counts_names_cedict_lacks() -> None:
    # 玛土撒利生拉麦 "Methuselah begat Lamech": CC-CEDICT has neither name, so the dictionary
    # alone judges nothing said; the name matcher finds Lamech (拉麦) in the neighbouring verse.
    from bilingual.check.neighbour import word_coverage
    from bilingual.check.partial import _moved

    verse = "And Methuselah lived an hundred eighty and seven years, and begat Lamech."
    assert _moved("玛土撒利生拉麦。", "zh", verse, "en") < 0.5
    assert word_coverage("玛土撒利生拉麦。", "zh", verse, "en") >= 0.5
    # an English side: its names are looked up in the Chinese text
    assert word_coverage("And Haran begat Lot.", "en", "哈兰生罗得。", "zh") >= 0.5


def test_word_coverage_of_an_unrelated_sentence_with_names_stays_low() -> None:
    from bilingual.check.neighbour import word_coverage

    verse = "And Methuselah lived an hundred eighty and seven years, and begat Lamech."
    assert word_coverage("默克尔在柏林会见了马克龙。", "zh", verse, "en") < 0.5
    assert word_coverage("价格上涨了。", "zh", verse, "en") == 0.0


def test_dropped_sentence_merged_into_its_neighbours_bead_is_an_omission() -> None:
    # The aligner pairs the neighbour of a dropped sentence with both source sentences (2:1);
    # the phrase channel's unlinked run is the whole dropped sentence: an omission of it.
    beads = good_beads()
    dropped = (
        "Engineers from three universities tested the steel cables for corrosion and "
        "found that several anchors had rusted through."
    )
    beads[4] = ([beads[4][0][0], dropped], beads[4][1])
    report = check_alignment(make_alignment(beads))
    src = make_alignment(beads).src
    [i] = [k for k, s in enumerate(src.segments) if s.text == dropped]
    hits = [f for f in report.findings if f.kind == "omission" and f.src_ids == (i,)]
    assert hits and hits[0].severity in ("warning", "error")
    assert "phrase_probability" in _names(hits[0])
