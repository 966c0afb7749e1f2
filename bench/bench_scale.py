"""Time and memory of aligning Bible prefixes end to end (cold processes), and where time goes.

For each prefix of ../shared/bench/bible-en-zh (meta_data.tsv: 5k…30k source sentences; the
target is cut where the gold of the last source sentence ends) a fresh Python process reads
the two files, encodes both sides (two worker processes), builds lexical vectors, runs the
banded DP and writes the gold-format alignment; the parent records wall time, the stage
times reported by the child, peak RSS of the main process and of the largest worker
(getrusage; these peaks need not coincide), the peak of the summed RSS of the whole process
tree (sampled every 0.1 s from /proc: what the run holds at once), and strict F1 against
the derived gold (raw, and verse-merged as Bertalign scores the Bible).

    python bench/bench_scale.py                 # all prefixes
    python bench/bench_scale.py --sizes 5000    # one prefix

``--check`` instead times `bilingual check --presplit -f json` against `bilingual align
--presplit` on each prefix (issue 22's target: check wall <= 1.5x align wall): cold CLI
processes in turn (align, check, align, check, ...), ``--repeats`` of each, medians of wall
and CPU seconds (the process and its encoder workers), the peak summed RSS of the process
tree, and the check/align ratio of each pair.

    python bench/bench_scale.py --check --sizes 30000 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "bible-en-zh"


def _one(src_path: str, tgt_path: str, out_path: str) -> None:
    """Child: the whole pipeline with stage timings, printed as one JSON line."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from bilingual.align.aligner import align_with_features
    from bilingual.align.encoding import build_features
    from bilingual.export import write_alignment
    from bilingual.io import read_document
    from bilingual.segment import presplit

    src = presplit(read_document(src_path, "en"))
    tgt = presplit(read_document(tgt_path, "zh"))
    t_read = time.perf_counter()
    sf, tf, timings = build_features(src.texts, "en", tgt.texts, "zh")
    t_feat = time.perf_counter()
    alignment, result = align_with_features(src, tgt, sf, tf)
    t_dp = time.perf_counter()
    write_alignment(alignment, "gold", Path(out_path))
    t_end = time.perf_counter()
    self_use = resource.getrusage(resource.RUSAGE_SELF)
    kids_use = resource.getrusage(resource.RUSAGE_CHILDREN)
    me, kids = self_use.ru_maxrss / 1024, kids_use.ru_maxrss / 1024
    print(
        json.dumps(
            {
                "read_segment": t_read - t0,
                "features": t_feat - t_read,
                "encode": timings.encode,
                "lexical": timings.lexical,
                "dp": t_dp - t_feat,
                "write": t_end - t_dp,
                "cells": result.n_cells,
                "rss_main_mb": me,
                "rss_worker_mb": kids,
                "cpu_main": self_use.ru_utime + self_use.ru_stime,
                "cpu_workers": kids_use.ru_utime + kids_use.ru_stime,
            }
        )
    )


def _prefix(n: int, tmp: Path) -> tuple[Path, Path, Path]:
    sys.path.insert(0, str(ROOT))
    from bilingual.export import parse_gold

    src = (BENCH / "src" / "006").read_text(encoding="utf-8").rstrip("\n").split("\n")
    tgt = (BENCH / "tgt" / "006").read_text(encoding="utf-8").rstrip("\n").split("\n")
    gold = [b for b in parse_gold((BENCH / "gold" / "006.align").read_text()) if b.src]
    keep = [b for b in gold if b.src[-1] < n]
    m = max(b.tgt[-1] for b in keep if b.tgt) + 1
    sp, tp, gp = tmp / f"en.{n}", tmp / f"zh.{n}", tmp / f"gold.{n}"
    sp.write_text("\n".join(src[:n]) + "\n", encoding="utf-8")
    tp.write_text("\n".join(tgt[:m]) + "\n", encoding="utf-8")
    gp.write_text(
        "".join(f"[{','.join(map(str, b.src))}]:[{','.join(map(str, b.tgt))}]\n" for b in keep)
    )
    return sp, tp, gp


def _f1(gold: Path, test: Path, n: int, m: int) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_align import Doc, verse_merge

    from bilingual.align import score_alignment
    from bilingual.export import read_gold

    g, t = read_gold(gold), read_gold(test)
    sv = (BENCH / "src.verse").read_text().split("\n")[:n]
    tv = (BENCH / "tgt.verse").read_text().split("\n")[:m]
    doc = Doc("bible", "test", None, None, (), tuple(sv), tuple(tv))  # type: ignore[arg-type]
    raw = score_alignment(g, t).f1_strict
    merged = score_alignment(g, verse_merge([(b.src, b.tgt) for b in t], doc)).f1_strict
    return raw, merged


def _tree_rss_mib(root: int) -> float:
    """Summed resident memory (VmRSS) of ``root`` and all its descendants, in MiB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(d.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(d.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(rss.get(p, 0) for p in tree) / 1024


class _TreeSampler(threading.Thread):
    """Polls the summed RSS of a process tree: the peak that all its processes reach together."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, _tree_rss_mib(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak


def _cli_run(args: list[str]) -> tuple[float, float, float]:
    """One cold `python -m bilingual ARGS`: wall s, CPU s (with its children), peak tree MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bilingual", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    sampler = _TreeSampler(child.pid)
    sampler.start()
    _, stderr = child.communicate()
    wall = time.perf_counter() - start
    peak = sampler.stop()
    if child.returncode not in (0, 1):
        sys.exit(stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak


def check_vs_align(sizes: list[int], repeats: int) -> None:
    """Check against align on Bible prefixes: medians and the paired ratio."""
    print(f"load average before: {os.getloadavg()}")
    print(
        "| src × tgt sentences | align wall / CPU s | check wall / CPU s | check/align wall "
        "(paired median) | check/align CPU | peak RSS align / check MiB |\n"
        "|---|---|---|---|---|---|"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n in sizes:
            sp, tp, _ = _prefix(n, tmp)
            m = len(tp.read_text(encoding="utf-8").splitlines())
            a_runs, c_runs = [], []
            for _ in range(repeats):
                a_runs.append(_cli_run(["align", str(sp), str(tp), "--presplit", "-o",
                                        str(tmp / "a.tsv")]))  # fmt: skip
                c_runs.append(_cli_run(["check", str(sp), str(tp), "--presplit", "-f", "json",
                                        "-o", str(tmp / "c.json")]))  # fmt: skip
            med = statistics.median
            ratio = med(c[0] / a[0] for a, c in zip(a_runs, c_runs, strict=True))
            print(
                f"| {n:,} × {m:,} | {med(a[0] for a in a_runs):.1f} / "
                f"{med(a[1] for a in a_runs):.1f} | {med(c[0] for c in c_runs):.1f} / "
                f"{med(c[1] for c in c_runs):.1f} | {ratio:.2f} | "
                f"{med(c[1] for c in c_runs) / med(a[1] for a in a_runs):.2f} | "
                f"{max(a[2] for a in a_runs):,.0f} / {max(c[2] for c in c_runs):,.0f} |",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="5000,10000,15000,20000,25000,30000")
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--check", action="store_true", help="check against align (see above)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    if args.one:
        _one(*args.one)
        return
    if not BENCH.is_dir():
        sys.exit(f"benchmark data not found at {BENCH}")
    if args.check:
        check_vs_align(list(map(int, args.sizes.split(","))), args.repeats)
        return
    print(
        "| src × tgt sentences | wall s | encode s | lexical s | DP s | DP cells | "
        "CPU s main / workers | peak RSS main / worker MiB | peak RSS all processes MiB | "
        "strict F1 raw / verse-merged |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n in map(int, args.sizes.split(",")):
            sp, tp, gp = _prefix(n, tmp)
            m = len(tp.read_text(encoding="utf-8").splitlines())
            out = tmp / f"out.{n}"
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, __file__, "--one", str(sp), str(tp), str(out)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            sampler = _TreeSampler(child.pid)
            sampler.start()
            stdout, stderr = child.communicate()
            wall = time.perf_counter() - start
            peak_all = sampler.stop()
            if child.returncode != 0:
                sys.exit(stderr)
            r = json.loads(stdout.strip().splitlines()[-1])
            raw, merged = _f1(gp, out, n, m)
            print(
                f"| {n:,} × {m:,} | {wall:.1f} | {r['encode']:.1f} | {r['lexical']:.1f} | "
                f"{r['dp']:.1f} | {r['cells']:,} | {r['cpu_main']:.0f} / {r['cpu_workers']:.0f} | "
                f"{r['rss_main_mb']:.0f} / "
                f"{r['rss_worker_mb']:.0f} | {peak_all:,.0f} | {raw:.3f} / {merged:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
