"""How well the lexical channel alone finds the true translation of 1-1 gold pairs.

For each source sentence, its candidates are the target sentences whose position lies within
``--window`` lines either side (the 50 nearest by position with the default, as an aligner's
band would see them) and, separately, all target sentences. A hit is the true translation
ranking first by cosine of the lexical vectors. Prints one table row per data set and direction.

    python bench/lexical_retrieval.py [--window 25] [--dim 1024]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

# Run from anywhere: the checkout root goes first on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bilingual.encode.lexical import lexical_vectors

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def datasets() -> list[tuple[str, str, list[str], str, list[str]]]:
    """(name, source language, source, target language, target) lists of 1-1 pairs."""
    tat = BENCH / "tatoeba-zh-en"
    ntx = BENCH / "ntrex128-en-zh"
    bible = BENCH / "bible-en-zh"
    tb = BENCH / "text+berg"
    en_b, zh_b = gold_one_to_one(
        _read(bible / "src" / "006"),
        _read(bible / "tgt" / "006"),
        _read(bible / "gold" / "006.align"),
        limit=3000,
    )
    de, fr = [], []
    for doc in sorted(p.name for p in (tb / "de").iterdir()):
        d, f = gold_one_to_one(
            _read(tb / "de" / doc), _read(tb / "fr" / doc), _read(tb / "gold" / doc)
        )
        de += d
        fr += f
    return [
        (
            "tatoeba-zh-en (1000)",
            "en",
            _read(tat / "tatoeba.cmn-eng.eng"),
            "zh",
            _read(tat / "tatoeba.cmn-eng.cmn"),
        ),
        (
            "ntrex128 zho-CN (1997)",
            "en",
            _read(ntx / "newstest2019-src.eng.txt"),
            "zh",
            _read(ntx / "newstest2019-ref.zho-CN.txt"),
        ),
        (
            "ntrex128 zho-TW (1997)",
            "en",
            _read(ntx / "newstest2019-src.eng.txt"),
            "zh",
            _read(ntx / "newstest2019-ref.zho-TW.txt"),
        ),
        (f"bible 1-1 beads ({len(en_b)})", "en", en_b, "zh", zh_b),
        (f"text+berg 1-1 beads ({len(de)})", "de", de, "fr", fr),
    ]


def gold_one_to_one(
    src: list[str], tgt: list[str], gold: list[str], limit: int | None = None
) -> tuple[list[str], list[str]]:
    """The 1-1 beads of a gold alignment (``[i]:[j]`` lines), as parallel lists."""
    out_src, out_tgt = [], []
    for line in gold:
        s, t = (part.strip("[] ") for part in line.split(":"))
        if s and t and "," not in s and "," not in t:
            out_src.append(src[int(s)])
            out_tgt.append(tgt[int(t)])
            if limit is not None and len(out_src) == limit:
                break
    return out_src, out_tgt


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    na[na == 0] = 1.0
    nb[nb == 0] = 1.0
    return (a / na) @ (b / nb).T


def first_rank_share(sim: np.ndarray, window: int | None) -> float:
    """Share of rows whose diagonal entry is the strict maximum among its candidates."""
    n = sim.shape[0]
    hits = 0
    for i in range(n):
        lo, hi = (0, n) if window is None else (max(0, i - window), min(n, i + window + 1))
        row = sim[i, lo:hi]
        true = sim[i, i]
        # Ties (e.g. all-zero rows) count as misses: the channel gave no evidence.
        hits += int(np.sum(row >= true) == 1 and true > 0)
    return hits / n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--window", type=int, default=25)
    ap.add_argument("--dim", type=int, default=1024)
    args = ap.parse_args()
    print(
        f"| data | direction | P@1 among {2 * args.window + 1} nearby | P@1 among all | "
        "zero rows src/tgt | seconds |"
    )
    print("|---|---|---|---|---|---|")
    for name, sl, src, tl, tgt in datasets():
        start = time.perf_counter()
        ve, vz = lexical_vectors(src, sl, tgt, tl, dim=args.dim)
        secs = time.perf_counter() - start
        sim = _cos(ve, vz)
        zero = f"{int((ve == 0).all(1).sum())}/{int((vz == 0).all(1).sum())}"
        for direction, s in ((f"{sl}->{tl}", sim), (f"{tl}->{sl}", sim.T)):
            print(
                f"| {name} | {direction} | {first_rank_share(s, args.window):.3f} | "
                f"{first_rank_share(s, None):.3f} | {zero} | {secs:.2f} |"
            )


if __name__ == "__main__":
    main()
