"""Time and memory of `bilingual check` on one XLIFF file of 1k / 10k / 100k units (issue 24).

The file is generated (seeded): UI-like strings with numbers (counts, money, percentages,
years), repeated strings translated the same way and now and then differently, and about one
unit in twenty with a changed number. Each size runs in a fresh process (`python -m
bilingual.cli check FILE --format json`); the table gives wall and CPU seconds, peak RSS
(getrusage of the child) and the ratio of each time to the previous size.

    python bench/bench_check_units.py                    # 1k, 10k, 100k
    python bench/bench_check_units.py --sizes 1000 10000
    python bench/bench_check_units.py --numbers          # the document-level number pairing
                                                         # alone: pairwise vs indexed, in-process
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]

_PAIRS = (
    ("You have {n} new messages.", "您有{n}条新消息。"),
    ("Save {n} files to the folder?", "将{n}个文件保存到文件夹？"),
    ("The price is ${n}.", "价格为{n}美元。"),
    ("Battery at {n}%.", "电量为{n}%。"),
    ("Released in {y}.", "发布于{y}年。"),
    ("Page {n} of {m}", "第{n}页，共{m}页"),
    ("Delete the selected item?", "删除所选项目？"),
    ("Open the settings.", "打开设置。"),
    ("Retry in {n} seconds.", "{n}秒后重试。"),
    ("Uploaded {n} of {m} photos.", "已上传{n}张照片，共{m}张。"),
)


def make_xliff(n: int, seed: int = 24) -> str:
    """An XLIFF 1.2 file of ``n`` units (about 1 in 20 with a changed number)."""
    rnd = random.Random(seed)
    units = []
    for k in range(n):
        en, zh = rnd.choice(_PAIRS)
        vals = {"n": rnd.randint(1, 5000), "m": rnd.randint(1, 5000), "y": rnd.randint(1990, 2030)}
        wrong = dict(vals)
        if rnd.random() < 0.05:
            wrong["n"] = vals["n"] + rnd.randint(1, 9)
        src, tgt = en.format(**vals), zh.format(**wrong)
        units.append(
            f'<trans-unit id="u{k}"><source>{escape(src)}</source>'
            f'<target state="translated">{escape(tgt)}</target></trans-unit>'
        )
    body = "\n".join(units)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="en" target-language="zh-CN" datatype="plaintext" '
        f'original="ui.txt"><body>\n{body}\n</body></file></xliff>\n'
    )


def run_one(path: Path) -> tuple[float, float, float, int]:
    """Wall s, CPU s, peak RSS MB of one check run, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "cli.py", "check", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"check failed on {path} (exit {proc.returncode})")
    return wall, cpu, after.ru_maxrss / 1024, proc.returncode


def numbers_table(sizes: list[int], pairwise_up_to: int = 4000) -> None:
    """CPU seconds of the whole-document number pairing: compare_quantities vs the index."""
    sys.path.insert(0, str(ROOT))
    from bilingual.formats import units_alignment
    from bilingual.formats.units import _read_ttk
    from bilingual.numbers import compare_quantities, extract_numbers
    from bilingual.numbers.index import compare_quantities_indexed

    print("| units | quantities src/tgt | pairwise CPU s | indexed CPU s | same result |")
    print("|---:|---:|---:|---:|:---:|")
    for n in sizes:
        a = units_alignment(_read_ttk(make_xliff(n).encode(), "xliff", f"u{n}.xlf"))
        src = [q for s in a.src.segments for q in extract_numbers(s.text, "en")]
        tgt = [q for s in a.tgt.segments for q in extract_numbers(s.text, "zh")]
        t0 = time.process_time()
        fast = compare_quantities_indexed(src, tgt)
        t_fast = time.process_time() - t0
        slow_s, same = "–", "–"
        if n <= pairwise_up_to:
            t0 = time.process_time()
            slow = compare_quantities(src, tgt)
            slow_s = f"{time.process_time() - t0:.2f}"
            same = "yes" if slow == fast else "NO"
        row = f"| {n:,} | {len(src):,}/{len(tgt):,} | {slow_s} | {t_fast:.2f} | {same} |"
        print(row, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--numbers", action="store_true", help="time the number pairing alone")
    args = ap.parse_args()
    if args.numbers:
        numbers_table(args.sizes)
        return
    print("| units | wall s | CPU s | peak RSS MB | wall ratio to previous |")
    print("|---:|---:|---:|---:|---:|")
    prev = None
    with tempfile.TemporaryDirectory(prefix="bench-check-units-") as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"u{n}.xlf"
            path.write_text(make_xliff(n), encoding="utf-8")
            wall, cpu, rss, _ = run_one(path)
            ratio = f"{wall / prev:.1f}×" if prev else "–"
            print(f"| {n:,} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | {ratio} |", flush=True)
            prev = wall


if __name__ == "__main__":
    main()
