"""Corpus mode: speed against a loop of `bilingual align`, throughput, memory, quality, resume,
and --match content pairing. Prints Markdown tables for BENCHMARKS.md.

Data (read from ../shared/bench, documents written to a scratch folder, never the repo):
- NTREX-128 en→zh: 123 news documents cut by DOCUMENT_IDS.tsv (one sentence per line);
- Bible en→zh (006, first 30,000 source lines): chapter documents cut by src.verse/tgt.verse
  (1,040 chapters), one verse-sentence per line, so the corpus runs with --presplit and its
  bead ids are gold line ids.

Every corpus run is a subprocess (`python -m bilingual corpus ...`, this checkout) watched by a
psutil sampler for peak RSS per process and CPU seconds; each throughput run gets a fresh output
folder and a fresh embedding cache.

    python bench/bench_corpus.py loop --docs 100 --loop-docs 5
    python bench/bench_corpus.py bible --chapters 130 --jobs 1 2 dask
    python bench/bench_corpus.py resume --chapters 130
    python bench/bench_corpus.py content --chapters 65 130 260
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
PY = sys.executable


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def ntrex_docs(out: Path, n: int) -> list[str]:
    """The first ``n`` NTREX documents as out/en/<id>.txt and out/zh/<id>.txt."""
    root = BENCH / "ntrex128-en-zh"
    ids = _lines(root / "DOCUMENT_IDS.tsv")
    en = _lines(root / "newstest2019-src.eng.txt")
    zh = _lines(root / "newstest2019-ref.zho-CN.txt")
    docs: dict[str, list[int]] = defaultdict(list)
    for k, d in enumerate(ids):
        docs[d.split("\t")[0]].append(k)
    names = list(docs)[:n]
    for side in ("en", "zh"):
        (out / side).mkdir(parents=True, exist_ok=True)
    for name in names:
        rows = docs[name]
        (out / "en" / f"{name}.txt").write_text("\n".join(en[k] for k in rows) + "\n", "utf-8")
        (out / "zh" / f"{name}.txt").write_text("\n".join(zh[k] for k in rows) + "\n", "utf-8")
    return names


@dataclass(frozen=True)
class Chapter:
    name: str
    src_verses: tuple[str, ...]
    tgt_verses: tuple[str, ...]


def bible_docs(out: Path, n: int, offset: int = 0) -> list[Chapter]:
    """``n`` chapters (from ``offset``) of the 30,000-line Bible as out/en/NNNN.txt, out/zh/..."""
    root = BENCH / "bible-en-zh"
    src, tgt = _lines(root / "src" / "006"), _lines(root / "tgt" / "006")
    sv, tv = _lines(root / "src.verse")[: len(src)], _lines(root / "tgt.verse")
    chapters: dict[str, tuple[list[int], list[int]]] = {}
    for k, v in enumerate(sv):
        chapters.setdefault(v.rsplit(":", 1)[0], ([], []))[0].append(k)
    for k, v in enumerate(tv[: len(tgt)]):
        key = v.rsplit(":", 1)[0]
        if key in chapters:
            chapters[key][1].append(k)
    keys = list(chapters)[offset : offset + n]
    for side in ("en", "zh"):
        (out / side).mkdir(parents=True, exist_ok=True)
    result = []
    for c, key in enumerate(keys):
        s_rows, t_rows = chapters[key]
        name = f"{offset + c:04d}"
        (out / "en" / f"{name}.txt").write_text("\n".join(src[k] for k in s_rows) + "\n", "utf-8")
        (out / "zh" / f"{name}.txt").write_text("\n".join(tgt[k] for k in t_rows) + "\n", "utf-8")
        result.append(Chapter(name, tuple(sv[k] for k in s_rows), tuple(tv[k] for k in t_rows)))
    return result


class Sampler:
    """Peak RSS per process and CPU seconds of a process tree (plus extra pids), every 0.2 s."""

    def __init__(self, pids: list[int]) -> None:
        self.roots = [psutil.Process(p) for p in pids]
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            procs = []
            for r in self.roots:
                with contextlib.suppress(psutil.Error):
                    procs += [r, *r.children(recursive=True)]
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    rss = p.memory_info().rss
                    t = p.cpu_times()
                    self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
                    self.cpu[p.pid] = t.user + t.system
                    self.names.setdefault(p.pid, " ".join(p.cmdline()[1:4]))
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop.set()
        self._t.join()


def corpus_run(
    args: list[str], watch: list[int] | None = None, kill_at: int | None = None
) -> dict[str, object]:
    """Run `bilingual corpus` under nice; wall, CPU, peak RSS per process; optional SIGKILL."""
    cmd = ["nice", "-n", "10", PY, "-m", "bilingual", "corpus", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, text=True)
    sampler = Sampler([proc.pid, *(watch or [])])
    killed = False
    out = Path(args[args.index("-o") + 1])
    if kill_at is not None:
        while proc.poll() is None:
            if _done(out / "state.sqlite") >= kill_at:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.05)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0 and not killed:
        raise SystemExit(f"corpus failed ({proc.returncode}): {err[-2000:]}")
    return {
        "wall": wall,
        "cpu": sum(sampler.cpu.values()),
        "peak_rss": {f"{p} {sampler.names.get(p, '')}": v for p, v in sampler.peak.items()},
        "max_rss": max(sampler.peak.values(), default=0),
        "stderr": err.strip().splitlines()[-1:] if err else [],
    }


def _done(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM docs").fetchone()[0])
    except sqlite3.Error:
        return 0


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text("utf-8"))


def _sentences(folder: Path) -> int:
    return sum(
        sum(1 for x in f.read_text("utf-8").splitlines() if x.strip())
        for f in folder.rglob("*.txt")
    )


def cmd_loop(a: argparse.Namespace, tmp: Path) -> None:
    data = tmp / "ntrex"
    names = ntrex_docs(data, a.docs)
    start = time.perf_counter()
    for name in names[: a.loop_docs]:
        subprocess.run(
            ["nice", "-n", "10", PY, "-m", "bilingual", "align", str(data / "en" / f"{name}.txt"),
             str(data / "zh" / f"{name}.txt"), "-o", str(tmp / f"{name}.jsonl")],
            env=ENV, check=True, capture_output=True,
        )  # fmt: skip
    per_doc = (time.perf_counter() - start) / a.loop_docs
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    loop_cpu = (cpu.ru_utime + cpu.ru_stime) / a.loop_docs
    loop_total = per_doc * len(names)
    print("| run | documents | wall s/doc | total wall s | CPU s |")
    print("|---|---|---|---|---|")
    print(f"| `bilingual align` loop | {a.loop_docs} measured | {per_doc:.2f} | "
          f"{loop_total:.0f} for {len(names)} (extrapolated) | {loop_cpu:.2f}/doc |")  # fmt: skip
    for jobs in a.jobs:
        r = corpus_run([str(data / "en"), str(data / "zh"), "-o", str(tmp / f"out{jobs}"),
                        "--jobs", jobs])  # fmt: skip
        print(f"| corpus --jobs {jobs} | {len(names)} | {r['wall'] / len(names):.3f} | "
              f"{r['wall']:.1f} | {r['cpu']:.1f} total |")  # fmt: skip
        print(
            f"speed-up --jobs {jobs}: {loop_total / r['wall']:.1f}x wall (goal >= 20x), "
            f"{loop_cpu * len(names) / r['cpu']:.1f}x CPU",
            flush=True,
        )


def _strict_f1(out: Path, chapters: list[Chapter]) -> tuple[float, float, float]:
    """Kept beads, verse-merged, against verse gold: strict precision, recall, F1."""
    by_doc: dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]] = defaultdict(list)
    for line in (out / "corpus.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        by_doc[r["doc"]].append((tuple(r["src_ids"]), tuple(r["tgt_ids"])))
    tp = n_test = n_gold = 0
    for ch in chapters:
        gold: dict[str, tuple[list[int], list[int]]] = {}
        for i, v in enumerate(ch.src_verses):
            gold.setdefault(v, ([], []))[0].append(i)
        for j, v in enumerate(ch.tgt_verses):
            gold.setdefault(v, ([], []))[1].append(j)
        gold_set = {(tuple(s), tuple(t)) for s, t in gold.values()}
        n_gold += len(gold_set)
        merged: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        last = None
        for s, t in by_doc.get(ch.name, []):
            vs = {ch.src_verses[i] for i in s} | {ch.tgt_verses[j] for j in t}
            verse = vs.pop() if len(vs) == 1 else None
            if verse is not None and verse == last and merged:
                merged[-1] = (merged[-1][0] + s, merged[-1][1] + t)
            else:
                merged.append((s, t))
            last = verse
        n_test += len(merged)
        tp += sum(1 for b in merged if b in gold_set)
    p, r = tp / max(n_test, 1), tp / max(n_gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-12)


@contextlib.contextmanager
def dask_cluster(tmp: Path, workers: int = 2):
    """A local `dask scheduler` and ``workers`` `dask worker` processes (nice'd); the address."""
    tmp.mkdir(parents=True, exist_ok=True)
    sched_file = tmp / "sched.json"
    procs = [
        subprocess.Popen(
            ["nice", "-n", "10", PY, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port",
             "0", "--no-dashboard", "--scheduler-file", str(sched_file)],
            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]  # fmt: skip
    try:
        while not sched_file.exists() or not sched_file.read_text().strip():
            if procs[0].poll() is not None:
                raise SystemExit("dask scheduler exited at start")
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        for k in range(workers):
            procs.append(
                subprocess.Popen(
                    ["nice", "-n", "10", PY, "-m", "dask", "worker", address, "--nworkers", "1",
                     "--nthreads", "1", "--no-dashboard", "--no-nanny", "--local-directory",
                     str(tmp / f"w{k}")],
                    env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )  # fmt: skip
        from distributed import Client

        with Client(address) as c:
            c.wait_for_workers(workers, timeout=120)
        yield address, [p.pid for p in procs[1:]]
    finally:
        for p in reversed(procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=15)


def cmd_bible(a: argparse.Namespace, tmp: Path) -> None:
    data = tmp / "bible"
    chapters = bible_docs(data, a.chapters)
    n_sent = _sentences(data)
    print(f"Bible: {len(chapters)} chapter documents, {n_sent} sentences (both sides)")
    # The same sentences as ONE document (chapters concatenated), aligned by `bilingual align
    # --presplit`: the single-document rate the corpus is measured against (per CPU second).
    one = tmp / "one"
    one.mkdir(parents=True, exist_ok=True)
    for side in ("en", "zh"):
        with open(one / f"all.{side}", "w", encoding="utf-8") as fh:
            for f in sorted((data / side).glob("*.txt")):
                fh.write(f.read_text("utf-8"))
    cmd = ["nice", "-n", "10", PY, "-m", "bilingual", "align", str(one / "all.en"),
           str(one / "all.zh"), "--presplit", "-o", str(one / "out.tsv")]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, text=True)
    sampler = Sampler([proc.pid])
    proc.communicate()
    one_wall = time.perf_counter() - start
    sampler.stop()
    one_cpu = sum(sampler.cpu.values())
    print(
        "| run | wall s | CPU s | sentences/s | sentences/CPU s (vs one document) | "
        "overhead ms/doc | peak RSS per worker (MiB) | kept | strict P/R/F1 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| `align --presplit`, one document | {one_wall:.1f} | {one_cpu:.1f} | "
          f"{n_sent / one_wall:.0f} | {n_sent / one_cpu:.0f} (1.00) | – | "
          f"{max(sampler.peak.values(), default=0) / 2**20:.0f} | – | – |", flush=True)  # fmt: skip
    for mode in a.jobs:
        out = tmp / f"bible-{mode}"
        common = [str(data / "en"), str(data / "zh"), "-o", str(out), "--presplit"]
        if mode == "dask":
            with dask_cluster(tmp / "dask") as (address, pids):
                r = corpus_run([*common, "--cluster", address], watch=pids)
                workers = {k: v for k, v in r["peak_rss"].items() if "worker" in k}
        else:
            r = corpus_run([*common, "--jobs", mode])
            workers = r["peak_rss"]
        rep = _report(out)
        p, rc, f1 = _strict_f1(out, chapters)
        rss = ", ".join(f"{v / 2**20:.0f}" for v in sorted(workers.values(), reverse=True)[:3])
        label = "--cluster (2 dask workers)" if mode == "dask" else f"--jobs {mode}"
        # Worker time not spent inside a document (scheduling, pickling, start-up, writing):
        # workers x wall minus the documents' own seconds, per document.
        n_workers = 2 if mode == "dask" else int(mode)
        docs = rep["documents"]
        inside = sum(d["seconds"] or 0 for d in docs)
        overhead = 1000 * (n_workers * r["wall"] - inside) / max(len(docs), 1)
        per_cpu = n_sent / r["cpu"]
        print(f"| {label} | {r['wall']:.1f} | {r['cpu']:.1f} | {n_sent / r['wall']:.0f} | "
              f"{per_cpu:.0f} ({per_cpu * one_cpu / n_sent:.2f}) | {overhead:.0f} | {rss} | "
              f"{rep['totals']['kept']}/{rep['totals']['pairs']} | {p:.3f}/{rc:.3f}/{f1:.3f} |",
              flush=True)  # fmt: skip
    if len(a.jobs) > 1:
        outs = [tmp / f"bible-{m}" for m in a.jobs]
        same = all(
            (o / f).read_bytes() == (outs[0] / f).read_bytes()
            for o in outs[1:]
            for f in ("corpus.en", "corpus.zh", "corpus.tmx", "corpus.jsonl")
        )
        print(f"corpus files identical across runs: {same}")


def cmd_resume(a: argparse.Namespace, tmp: Path) -> None:
    data = tmp / "bible"
    chapters = bible_docs(data, a.chapters)
    full = tmp / "full"
    common = [str(data / "en"), str(data / "zh"), "--presplit", "--jobs", str(a.jobs)]
    r_full = corpus_run([*common, "-o", str(full)])
    part = tmp / "part"
    r_kill = corpus_run([*common, "-o", str(part)], kill_at=len(chapters) // 2)
    done = _done(part / "state.sqlite")
    r_resume = corpus_run([*common, "-o", str(part)])
    same = all(
        (full / f).read_bytes() == (part / f).read_bytes()
        for f in ("corpus.en", "corpus.zh", "corpus.tmx", "corpus.jsonl")
    )
    print(f"| uninterrupted | {r_full['wall']:.1f} s |")
    print(f"| killed (SIGKILL) after {done}/{len(chapters)} documents | {r_kill['wall']:.1f} s |")
    print(f"| resumed | {r_resume['wall']:.1f} s = {100 * r_resume['wall'] / r_full['wall']:.0f} % "
          f"of uninterrupted | identical output: {same} |")  # fmt: skip


def cmd_content(a: argparse.Namespace, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bilingual.corpus import CorpusOptions, Settings, pair_inputs

    print("| set | documents | paired | correct | accuracy | unpaired | pairing s |")
    print("|---|---|---|---|---|---|---|")
    sets: list[tuple[str, Path, dict[str, str]]] = []
    if a.ntrex:
        d = tmp / "ntrex"
        names = ntrex_docs(d, 123)
        sets.append(("NTREX shuffled names", d, _shuffle_names(d, names)))
    for n in a.chapters:
        d = tmp / f"bible{n}"
        chapters = bible_docs(d, n)
        sets.append(("Bible chapters", d, _shuffle_names(d, [c.name for c in chapters])))
    for label, d, truth in sets:
        opts = CorpusOptions(
            settings=Settings(cache_path=str(d / "cache.sqlite"), presplit=True), jobs=a.jobs
        )
        start = time.perf_counter()
        pairing = pair_inputs([str(d / "en"), str(d / "zh")], match="content", options=opts)
        sec = time.perf_counter() - start
        correct = sum(truth[Path(p.src).name] == Path(p.tgt or "").name for p in pairing.pairs)
        print(f"| {label} | {len(truth)} | {len(pairing.pairs)} | {correct} | "
              f"{correct / len(truth):.3f} | {len(pairing.unpaired)} | {sec:.1f} |",
              flush=True)  # fmt: skip


def _shuffle_names(d: Path, names: list[str]) -> dict[str, str]:
    """Rename the zh files to random names; the truth map en file name -> zh file name."""
    rng = random.Random(12)
    new = [f"z{k:05d}.txt" for k in range(len(names))]
    rng.shuffle(new)
    truth = {}
    for name, other in zip(names, new, strict=True):
        (d / "zh" / f"{name}.txt").rename(d / "zh" / other)
        truth[f"{name}.txt"] = other
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("loop")
    p.add_argument("--docs", type=int, default=100)
    p.add_argument("--loop-docs", type=int, default=5)
    p.add_argument("--jobs", nargs="+", default=["1", "2"])
    p = sub.add_parser("bible")
    p.add_argument("--chapters", type=int, default=1040)
    p.add_argument("--jobs", nargs="+", default=["1", "2", "dask"])
    p = sub.add_parser("resume")
    p.add_argument("--chapters", type=int, default=1040)
    p.add_argument("--jobs", type=int, default=2)
    p = sub.add_parser("content")
    p.add_argument("--chapters", type=int, nargs="*", default=[260, 520, 1040])
    p.add_argument("--no-ntrex", dest="ntrex", action="store_false")
    # chapters 0-129 were used to choose k and the length weight of match_documents: test after
    p.add_argument("--offset", type=int, default=130)
    p.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    print(f"load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as t:
        {"loop": cmd_loop, "bible": cmd_bible, "resume": cmd_resume, "content": cmd_content}[a.cmd](
            a, Path(t)
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
