"""Monolingual alignment inside `bilingual score`: accuracy and speed on simulated MT output.

A reference (NTREX English source or Chinese reference, ../shared/bench) is turned into a
"system output" by a seeded perturbation: words/characters replaced or dropped (noise), some
adjacent lines merged into one, some lines dropped and unrelated lines inserted. We know the
true beads, so we report the share of true beads recovered exactly (strict) and the time.

    python bench/bench_score_align.py [--lines 100 300 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from bilingual.score import align_monolingual

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "ntrex128-en-zh"


def perturb(
    refs: list[str],
    lang: str,
    rng: random.Random,
    noise: float,
    merge: float,
    drop: float,
    insert: float,
    pool: list[str],
):
    """Return (hyps, true beads) for a perturbed copy of refs."""

    def noisy(s: str) -> str:
        # Chinese MT keeps words: perturb two-character chunks, not single characters.
        units = [s[i : i + 2] for i in range(0, len(s), 2)] if lang == "zh" else s.split()
        out = []
        for u in units:
            r = rng.random()
            if r < noise / 2:
                continue
            out.append(rng.choice(units) if r < noise else u)
        return ("" if lang == "zh" else " ").join(out) or s

    hyps: list[str] = []
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    j = 0
    while j < len(refs):
        r = rng.random()
        if r < drop:
            beads.append(((), (j,)))
            j += 1
        elif r < drop + merge and j + 1 < len(refs):
            sep = "" if lang == "zh" else " "
            hyps.append(noisy(refs[j] + sep + refs[j + 1]))
            beads.append(((len(hyps) - 1,), (j, j + 1)))
            j += 2
        else:
            hyps.append(noisy(refs[j]))
            beads.append(((len(hyps) - 1,), (j,)))
            j += 1
        if rng.random() < insert:
            hyps.append(rng.choice(pool))
            beads.append(((len(hyps) - 1,), ()))
    return hyps, beads


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, nargs="+", default=[100, 300, 1000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not BENCH.is_dir():
        raise SystemExit(f"benchmark data not found at {BENCH}")
    data = {
        "en": (BENCH / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines(),
        "zh": (BENCH / "newstest2019-ref.zho-CN.txt").read_text(encoding="utf-8").splitlines(),
    }
    print(
        "lang  lines  noise  merge  drop  insert  true_beads  strict_recall  strict_prec  median_s"
    )
    for lang, lines in data.items():
        for n in args.lines:
            refs = lines[:n]
            pool = lines[-300:]
            for noise, merge, drop, insert in ((0.3, 0.1, 0.02, 0.02), (0.5, 0.2, 0.05, 0.05)):
                rng = random.Random(args.seed)
                hyps, gold = perturb(refs, lang, rng, noise, merge, drop, insert, pool)
                times = []
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    test = align_monolingual(hyps, refs)
                    times.append(time.perf_counter() - t0)
                g, t = set(gold), set(test)
                print(
                    f"{lang:4}  {n:5}  {noise:5}  {merge:5}  {drop:4}  {insert:6}  {len(gold):10}"
                    f"  {len(g & t) / len(g):13.3f}  {len(g & t) / len(t):11.3f}"
                    f"  {statistics.median(times):8.2f}"
                )


if __name__ == "__main__":
    main()
