"""What each of the corpus's check kinds adds to its per-document drift score, and what it costs.

In corpus mode (bilingual/corpus/worker.py) the omission and addition kinds feed only the drift
score of each document (its finding burden); the pair flags come from the four flag kinds and
the coverage term from the alignment's own 1:0 / 0:1 beads. This bench asks whether a kind earns
its CPU: Bible chapters and NTREX news documents (../shared/bench), each clean, with one target
sentence inserted (drawn from another document) and with one target sentence dropped; each
aligned with --presplit inside one shared run (as the corpus worker does) and checked with one
kind set per process (so no set profits from another's warm caches). It prints CPU seconds of
the alignment and of the check, and how well the drift score tells clean from damaged
documents: AUC over documents, and the share of documents whose damaged copy scores above its
clean one.

    python bench/bench_corpus_drift.py --chapters 40 --ntrex 30
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FLAGS = ("number_mismatch", "untranslated", "low_similarity", "length_ratio")
SETS = {
    "corpus's (omission, addition, 4 flag kinds)": ("omission", "addition", *FLAGS),
    "without addition": ("omission", *FLAGS),
    "flag kinds only": FLAGS,
}


def _documents(tmp: Path, chapters: int, ntrex: int) -> list[tuple[list[str], list[str]]]:
    import bench_corpus as bc

    found = bc.bible_docs(tmp / "bible", chapters, offset=200)
    names = bc.ntrex_docs(tmp / "ntrex", ntrex)
    stems = [("bible", c.name) for c in found] + [("ntrex", n) for n in names]
    paths = [(tmp / kind / "en" / f"{n}.txt", tmp / kind / "zh" / f"{n}.txt") for kind, n in stems]
    out = []
    for en, zh in paths:
        out.append((en.read_text("utf-8").strip("\n").split("\n"),
                    zh.read_text("utf-8").strip("\n").split("\n")))  # fmt: skip
    return out


def _one(kinds: tuple[str, ...], chapters: int, ntrex: int) -> dict:
    """Child: align and check every document variant with ``kinds``."""
    from bilingual.align import align_documents
    from bilingual.check import CheckConfig, check_alignment
    from bilingual.encode.memo import sharing
    from bilingual.model import Document

    with tempfile.TemporaryDirectory(prefix="bench-corpus-drift-") as t:
        docs = _documents(Path(t), chapters, ntrex)
    rng = random.Random(7)
    drift: dict[str, list[float]] = {"clean": [], "insert": [], "drop": []}
    align_cpu = check_cpu = 0.0
    for d, (en, zh) in enumerate(docs):
        other = docs[(d + 7) % len(docs)][1]
        k = rng.randrange(len(zh) + 1)
        inserted = [*zh[:k], rng.choice(other), *zh[k:]]
        j = rng.randrange(len(zh))
        dropped = zh[:j] + zh[j + 1 :]
        for variant, z in (("clean", zh), ("insert", inserted), ("drop", dropped)):
            src = Document(text="\n".join(en) + "\n", lang="en", name="en")
            tgt = Document(text="\n".join(z) + "\n", lang="zh", name="zh")
            with sharing():
                t0 = time.process_time()
                a = align_documents(src, tgt, presplit=True)
                t1 = time.process_time()
                r = check_alignment(a, config=CheckConfig(kinds=kinds))
                t2 = time.process_time()
            align_cpu += t1 - t0
            check_cpu += t2 - t1
            drift[variant].append(r.summary.drift_score)
    return {"align": align_cpu, "check": check_cpu, "drift": drift, "docs": len(docs)}


def _auc(neg: list[float], pos: list[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chapters", type=int, default=40)
    ap.add_argument("--ntrex", type=int, default=30)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(_one(tuple(a.one.split(",")), a.chapters, a.ntrex)))
        return
    print("| kinds | align CPU s | check CPU s | check / align | drift AUC clean vs insert | "
          "clean vs drop | paired: insert > clean | drop > clean | "
          "mean drift clean / insert / drop |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for label, kinds in SETS.items():
        cmd = [sys.executable, __file__, "--chapters", str(a.chapters), "--ntrex", str(a.ntrex),
               "--one", ",".join(kinds)]  # fmt: skip
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        dd = r["drift"]

        def up(v: str, dd: dict = dd) -> float:
            return sum(b > c for c, b in zip(dd["clean"], dd[v], strict=True)) / len(dd["clean"])

        means = " / ".join(f"{statistics.mean(dd[v]):.2f}" for v in ("clean", "insert", "drop"))
        print(f"| {label} | {r['align']:.2f} | {r['check']:.2f} | {r['check'] / r['align']:.2f} | "
              f"{_auc(dd['clean'], dd['insert']):.3f} | {_auc(dd['clean'], dd['drop']):.3f} | "
              f"{up('insert'):.3f} | {up('drop'):.3f} | {means} |", flush=True)  # fmt: skip
    print(f"documents: {r['docs']} ({a.chapters} Bible chapters from 200, {a.ntrex} NTREX), "
          "each clean, with a sentence inserted and with one dropped")  # fmt: skip


if __name__ == "__main__":
    main()
