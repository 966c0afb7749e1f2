"""Segmentation speed on the Bible (../shared/bench/bible-en-zh), one core, medians of runs.

    python bench/bench_segment.py [--runs 5] [--file 006]

Reads src/<file> (English) and tgt/<file> (Chinese) as documents with one paragraph per line
and times ``bilingual.segment.segment`` against baselines built in the same run:

* spaCy's stock tokenizers with our sentence component (``spacy.blank("en")`` with its default
  English rules; ``spacy.blank("zh")`` with its ``char`` segmenter and with ``jieba``), through
  the same driver, so the difference is the tokenizer alone;
* the text rules without spaCy (the floor: paragraphs + regex rules only).

Speed is characters (and UTF-8 megabytes) per CPU second of this process, pinned to one core;
wall time is printed too (other processes on the machine inflate it). The first run of a
configuration is "cold" (new words enter spaCy's vocabulary), later runs are warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH = ROOT.parent / "shared" / "bench" / "bible-en-zh"
NTREX = ROOT.parent / "shared" / "bench" / "ntrex128-en-zh"


@dataclass(frozen=True)
class Result:
    lang: str
    name: str
    chars: int
    nbytes: int
    sentences: int
    cold_cpu: float
    cpu: float
    wall: float
    runs: int


def pin_one_core() -> str:
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def measure(lang: str, name: str, text: str, fn: Callable[[], int], runs: int) -> Result:
    cpus: list[float] = []
    walls: list[float] = []
    n = 0
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        n = fn()
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    warm = cpus[1:] or cpus
    return Result(
        lang,
        name,
        len(text),
        len(text.encode("utf-8")),
        n,
        cpus[0],
        statistics.median(warm),
        statistics.median(walls[1:] or walls),
        runs,
    )


def boundary_recovery(lang: str, path: Path, sep: str) -> tuple[int, float, float, float]:
    """Join each NTREX document's gold sentences (one a line) into one paragraph and score
    the sentence ends our segmenter finds: (documents, precision, recall, F1)."""
    from collections import defaultdict

    from bilingual.model import Document
    from bilingual.segment import segment

    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text("utf-8").split("\n")
    docs: dict[str, list[str]] = defaultdict(list)
    for doc_id, line in zip(ids, path.read_text("utf-8").split("\n"), strict=False):
        if doc_id and line.strip():
            docs[doc_id].append(line.strip())
    tp = fp = fn = 0
    for lines in docs.values():
        text = sep.join(lines)
        gold: set[int] = set()
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            gold.add(pos)
            pos += len(sep)
        pred = {s.end for s in segment(Document(text, lang)).segments[:-1]}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return len(docs), p, r, 2 * p * r / (p + r)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--file", default="006")
    ap.add_argument(
        "--jieba-chars",
        type=int,
        default=100_000,
        help="jieba is slow: time it on this prefix of the Chinese text",
    )
    args = ap.parse_args()
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pinned = pin_one_core()

    import spacy

    from bilingual.io import read_document
    from bilingual.segment import run_pipeline, segment
    from bilingual.segment.paragraphs import paragraph_spans
    from bilingual.segment.pipeline import TextKeepingTokenizer, component_for
    from bilingual.segment.rules import boundaries_for

    def stock(lang: str, config: dict[str, object] | None = None) -> spacy.language.Language:
        nlp = spacy.blank(lang, config=config or {})
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
        nlp.add_pipe(component_for(lang))
        return nlp

    def via(nlp: spacy.language.Language, text: str) -> Callable[[], int]:
        return lambda: len(run_pipeline(nlp, text, paragraph_spans(text))[0])

    def rules_only(lang: str, text: str) -> Callable[[], int]:
        def run() -> int:
            return sum(len(boundaries_for(lang, text[s:e])) + 1 for s, e in paragraph_spans(text))

        return run

    results: list[Result] = []
    for lang, side in (("en", "src"), ("zh", "tgt")):
        doc = read_document(BENCH / side / args.file, lang)
        text = doc.text
        results.append(
            measure(lang, "bilingual segment()", text, lambda d=doc: len(segment(d)), args.runs)
        )
        if lang == "en":
            results.append(
                measure(
                    lang,
                    "spaCy blank('en') stock tokenizer + our rules",
                    text,
                    via(stock("en"), text),
                    max(2, args.runs // 2 + 1),
                )
            )
        else:
            results.append(
                measure(
                    lang,
                    "spaCy blank('zh') char segmenter + our rules",
                    text,
                    via(stock("zh"), text),
                    max(2, args.runs // 2 + 1),
                )
            )
            prefix = text[: args.jieba_chars]
            prefix = prefix[: prefix.rfind("\n") + 1] or prefix
            jieba_nlp = stock("zh", {"nlp": {"tokenizer": {"segmenter": "jieba"}}})
            results.append(
                measure(
                    lang,
                    f"spaCy blank('zh') jieba + our rules (first {len(prefix):,} chars)",
                    prefix,
                    via(jieba_nlp, prefix),
                    2,
                )
            )
        results.append(
            measure(lang, "rules only, no spaCy (floor)", text, rules_only(lang, text), args.runs)
        )

    print(
        f"# Segmentation speed: bible-en-zh {args.file}, {pinned}, "
        f"runs={args.runs}, spaCy {spacy.__version__}, Python {sys.version.split()[0]}"
    )
    print()
    print(
        "| lang | configuration | chars | sentences | cold CPU s | warm CPU s (median) "
        "| M chars/s | MB/s (UTF-8) | warm wall s | vs ours |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ours: dict[str, float] = {}
    for r in results:
        speed = r.chars / r.cpu
        if r.name.startswith("bilingual"):
            ours[r.lang] = speed
        print(
            f"| {r.lang} | {r.name} | {r.chars:,} | {r.sentences:,} | {r.cold_cpu:.2f} "
            f"| {r.cpu:.2f} | {speed / 1e6:.2f} | {r.nbytes / r.cpu / 1e6:.2f} "
            f"| {r.wall:.2f} | {speed / ours[r.lang]:.2f}x |"
        )
    if NTREX.is_dir():
        print()
        print("# Sentence-end recovery on NTREX-128 (each document's gold sentences joined)")
        print()
        print("| lang | documents | precision | recall | F1 |")
        print("|---|---:|---:|---:|---:|")
        for lang, name, sep in (
            ("en", "newstest2019-src.eng.txt", " "),
            ("zh", "newstest2019-ref.zho-CN.txt", ""),
        ):
            n, p, r, f = boundary_recovery(lang, NTREX / name, sep)
            print(f"| {lang} | {n} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
