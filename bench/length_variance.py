"""Gale–Church parameters measured on gold alignments, against what calibration estimates blind.

For each gold set: the ratio estimated from the whole documents (calibrate_length_model, no gold
used), the ratio on gold beads, and the variance s² of the gold beads (robust: median of δ²
over the chi-square median), in characters and in sentencepiece pieces. Also how often the gold
bead costs less than the best wrong 1-1 neighbour under the calibrated model.

    python bench/length_variance.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import numpy as np

# Run from anywhere: the checkout root goes first on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bilingual.encode.length import (
    calibrate_length_model,
    length_cost,
    segment_lengths,
)

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
CHI2_MEDIAN = 0.4549364231195724  # median of chi-square with one degree of freedom


def _lines(p: Path) -> list[str]:
    return p.read_text(encoding="utf-8").splitlines()


def _gold(p: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in _lines(p):
        if line.strip():
            a, b = line.split(":")
            out.append((list(ast.literal_eval(a)), list(ast.literal_eval(b))))
    return out


def sets() -> list[tuple[str, str, str, list[tuple[list[str], list[str], list]]]]:
    tb = BENCH / "text+berg"
    bible = BENCH / "bible-en-zh"
    laws = BENCH / "prc-laws-zh-en" / "converted"
    ntx = BENCH / "ntrex128-en-zh"
    n = len(_lines(ntx / "newstest2019-src.eng.txt"))
    return [
        (
            "text+berg",
            "de",
            "fr",
            [
                (_lines(tb / "de" / d), _lines(tb / "fr" / d), _gold(tb / "gold" / d))
                for d in sorted(p.name for p in (tb / "de").iterdir())
            ],
        ),
        (
            "bible",
            "en",
            "zh",
            [
                (
                    _lines(bible / "src" / "006"),
                    _lines(bible / "tgt" / "006"),
                    _gold(bible / "gold" / "006.align"),
                )
            ],
        ),
        (
            "prc-constitution",
            "zh",
            "en",
            [(_lines(laws / "宪法.zh"), _lines(laws / "宪法.en"), _gold(laws / "宪法.align"))],
        ),
        (
            "ntrex128",
            "en",
            "zh",
            [
                (
                    _lines(ntx / "newstest2019-src.eng.txt"),
                    _lines(ntx / "newstest2019-ref.zho-CN.txt"),
                    [([i], [i]) for i in range(n)],
                )
            ],
        ),
    ]


def main() -> None:
    print(
        "| set | unit | ratio (blind) | ratio (gold) | s² gold | s²/ratio "
        "| gold 1-1 beats shifted |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, sl, tl, docs in sets():
        for unit in ("char", "spm"):
            if unit == "spm" and "de" in (sl, tl):
                continue
            l1s, l2s, blind = [], [], []
            wins = total = 0
            for src, tgt, gold in docs:
                a = segment_lengths(src, sl, unit)  # type: ignore[arg-type]
                b = segment_lengths(tgt, tl, unit)  # type: ignore[arg-type]
                model = calibrate_length_model(a, b)
                blind.append((model.ratio, float(a.sum())))
                for s_ids, t_ids in gold:
                    if s_ids and t_ids:
                        l1s.append(a[s_ids].sum())
                        l2s.append(b[t_ids].sum())
                    if len(s_ids) == 1 and len(t_ids) == 1:
                        i, j = s_ids[0], t_ids[0]
                        others = [k for k in (j - 1, j + 1) if 0 <= k < len(b)]
                        if others:
                            c_true = length_cost(a[i], b[j], model)
                            c_other = min(float(length_cost(a[i], b[k], model)) for k in others)
                            wins += int(c_true < c_other)
                            total += 1
            l1, l2 = np.array(l1s), np.array(l2s)
            ratio = l2.sum() / l1.sum()
            mean = (l1 + l2 / ratio) / 2
            keep = mean > 0
            d2 = (ratio * l1[keep] - l2[keep]) ** 2 / mean[keep]
            s2 = float(np.median(d2) / CHI2_MEDIAN)
            w = np.array([x[1] for x in blind])
            r_blind = float(np.average([x[0] for x in blind], weights=w))
            share = wins / total if total else float("nan")
            print(
                f"| {name} | {unit} | {r_blind:.3f} | {ratio:.3f} | {s2:.2f} | "
                f"{s2 / ratio:.2f} | {share:.3f} |"
            )


if __name__ == "__main__":
    main()
