"""Doubt ordering: low confidence, findings, omissions and odd length ratios come first."""

from __future__ import annotations

from report_fixtures import seed_like_report

from bilingual.model import Finding
from bilingual.review.queue import doubt, findings_by_bead, queue_order
from bilingual.review.state import Confirm, apply_edit, start_review

# Beads of the fixture (confidence): 0:(0|0) .97  1:(1|1) .81  2:(2|2) .55  3:(3|-) .30
# 4:(-|3) .40  5:(-|4) .35  6:(4|5) .12


def test_doubt_orders_by_confidence_and_omission() -> None:
    s = start_review(seed_like_report().alignment)
    d = doubt(s, (), findings_by_bead(s, ()))
    order = queue_order(s, d)
    assert order[0] == 6 or order[0] in (3, 4, 5)  # lowest confidence or an omission
    assert order[-1] == 0  # the surest 1:1 bead last
    assert set(order[:4]) == {3, 4, 5, 6}


def test_findings_raise_doubt_and_land_on_their_bead() -> None:
    report = seed_like_report()
    s = start_review(report.alignment)
    findings = (
        Finding("number_mismatch", "error", (0,), (0,), "sentence", "a", "b", "numbers differ"),
    )
    per_bead = findings_by_bead(s, findings)
    assert per_bead[0] == [0] and all(not x for x in per_bead[1:])
    plain, flagged = doubt(s, (), findings_by_bead(s, ())), doubt(s, findings, per_bead)
    assert flagged[0] == plain[0] + 1.0
    assert (flagged[1:] == plain[1:]).all()
    # the report's own findings (sentence and paragraph level) each land on one bead; a
    # document-level finding (no ids) on none
    placed = findings_by_bead(s, report.findings)
    with_ids = [n for n, f in enumerate(report.findings) if f.src_ids or f.tgt_ids]
    assert sorted(n for x in placed for n in x) == with_ids
    assert placed[3] == [2, 3]  # the omitted sentence and its omitted paragraph


def test_confirmed_beads_leave_the_queue() -> None:
    s = apply_edit(start_review(seed_like_report().alignment), Confirm(0, 3))
    d = doubt(s, (), findings_by_bead(s, ()))
    assert (d[:4] == 0).all()
    assert queue_order(s, d) == sorted(queue_order(s, d), key=lambda k: (-d[k], k))
    assert set(queue_order(s, d)) == {4, 5, 6}


def test_page_chrome_sinks_to_the_end_of_the_queue() -> None:
    import dataclasses

    import numpy as np

    from bilingual.review.queue import is_chrome, page_chrome

    assert is_chrome("Share:") and is_chrome("分享：") and is_chrome("Home | News | About")
    assert not is_chrome("Why Open Source Wins Everywhere")  # a headline has more words
    assert not is_chrome("Yes.") and not is_chrome("好。") and not is_chrome("  ")
    report = seed_like_report()
    a = report.alignment
    # bead 6 (the least confident) becomes "Share:" ↔ "分享：" page chrome
    src = list(a.src.segments)
    tgt = list(a.tgt.segments)
    src[4] = dataclasses.replace(src[4], text="Share:")
    tgt[5] = dataclasses.replace(tgt[5], text="分享：")
    a = dataclasses.replace(
        a,
        src=dataclasses.replace(a.src, segments=tuple(src)),
        tgt=dataclasses.replace(a.tgt, segments=tuple(tgt)),
    )
    s = start_review(a)
    chrome = page_chrome(s)
    assert list(np.flatnonzero(chrome)) == [6]
    d = doubt(s, (), findings_by_bead(s, ()))
    assert 6 in queue_order(s, d)[:4]  # without the chrome flag: among the most doubtful
    assert queue_order(s, d, chrome)[-1] == 6
