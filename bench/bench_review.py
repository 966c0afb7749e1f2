"""Review page on a book-length alignment: open time in headless Chromium, edits, re-alignment.

Usage (from the checkout; the Bible JSONL is aligned once and cached outside the repository)::

    PYTHONPATH=$PWD nice -n 10 python bench/bench_review.py [--cache /tmp/bilingual-bench]

Measures, against a real ``bilingual review`` server (subprocess, ``--no-checks`` so the drift
checks do not compete for the CPU while timing):

- server start: process start until the API answers (reading the 30k-bead JSONL);
- page open: ``page.goto`` until the page has fetched everything and drawn the visible rows
  (``body[data-ready]``), median of 3 fresh pages;
- responsiveness: milliseconds per cursor move (j) and for a jump to the end, in the page;
- one edit from the page (merge: request, autosave of the whole file and the edit log, redraw);
- re-alignment of a 200-bead stretch through the API (the encoder already loaded), 3 stretches.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from review_server import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

BIBLE = Path("/work/shared/bench/bible-en-zh")
if not BIBLE.is_dir():
    BIBLE = ROOT.parent / "shared" / "bench" / "bible-en-zh"


def cached_alignment(cache: Path) -> Path:
    """The Bible (30,000 en / 42,687 zh lines) aligned once with the default aligner."""
    out = cache / "bible-006.jsonl"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bilingual",
                "align",
                str(BIBLE / "src" / "006"),
                str(BIBLE / "tgt" / "006"),
                "--presplit",
                "--src-lang",
                "en",
                "--tgt-lang",
                "zh",
                "-o",
                str(out),
            ],
            check=True,
            cwd=ROOT,
        )
        print(f"aligned the Bible once in {time.perf_counter() - t:.1f} s -> {out}")
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bilingual-bench"))
    parser.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    doc = cached_alignment(args.cache)
    save = args.cache / "bible-006.review.jsonl"
    for p in (save, save.with_name(save.name + ".log")):
        if p.exists():
            p.unlink()
    t0 = time.perf_counter()
    server = Server(str(doc), "--save", str(save), "--no-checks", timeout=600)
    start_s = time.perf_counter() - t0
    try:
        d = server.get()
        n_beads, n_src, n_tgt = (
            len(d["beads"]),
            len(d["src"]["sentences"]),
            len(d["tgt"]["sentences"]),
        )
        print(f"alignment: {n_beads} beads, {n_src} en / {n_tgt} zh sentences")
        print(f"server start (read + first answer): {start_s:.2f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            opens, loads = [], []
            page = None
            for _ in range(3):
                if page is not None:
                    page.close()
                page = browser.new_page(viewport={"width": 1200, "height": 760})
                t = time.perf_counter()
                page.goto(server.url)
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                opens.append(time.perf_counter() - t)
                loads.append(int(page.get_attribute("body", "data-load-ms")) / 1000)
            rows = page.locator(".row").count()
            print(
                f"page open (goto -> rows drawn): median {statistics.median(opens):.2f} s "
                f"(runs {', '.join(f'{x:.2f}' for x in opens)}); fetch+parse+draw inside the "
                f"page {statistics.median(loads):.2f} s; {rows} row elements in the DOM"
            )
            t = time.perf_counter()
            for _ in range(50):
                page.keyboard.press("j")
            page.wait_for_selector(".row.cur[data-bead='50']")
            per_key = (time.perf_counter() - t) / 50 * 1000
            t = time.perf_counter()
            page.keyboard.press("End")
            page.wait_for_selector(f".row.cur[data-bead='{n_beads - 1}']")
            end_ms = (time.perf_counter() - t) * 1000
            print(f"cursor move: {per_key:.1f} ms per key; jump to the last bead {end_ms:.0f} ms")
            page.keyboard.press("Home")
            c = cpu_seconds(server.proc.pid)
            t = time.perf_counter()
            page.keyboard.press("m")
            page.wait_for_selector("body[data-version='1']", timeout=60_000)
            edit_s = time.perf_counter() - t
            edit_cpu = cpu_seconds(server.proc.pid) - c
            print(
                f"merge from the page (request, autosave of the file, redraw): {edit_s:.2f} s "
                f"wall, {edit_cpu:.2f} s server CPU"
            )
            if args.screenshot:
                page.screenshot(path=str(args.screenshot))
            browser.close()
        # re-alignment: a small stretch first so the encoder is loaded, then 200-bead ones
        v = server.get()["version"]
        t = time.perf_counter()
        r = server.post("/api/realign", {"start": 100, "end": 109, "version": v})
        r.raise_for_status()
        cold = time.perf_counter() - t
        v = r.json()["version"]
        times, cpus = [], []
        for start in (5000, 15000, 25000):
            c = cpu_seconds(server.proc.pid)
            t = time.perf_counter()
            r = server.post("/api/realign", {"start": start, "end": start + 199, "version": v})
            r.raise_for_status()
            times.append(time.perf_counter() - t)
            cpus.append(cpu_seconds(server.proc.pid) - c)
            v = r.json()["version"]
        print(
            f"re-align 200 beads: median {statistics.median(times):.2f} s wall, "
            f"{statistics.median(cpus):.2f} s server CPU "
            f"(wall {', '.join(f'{x:.2f}' for x in times)}; CPU "
            f"{', '.join(f'{x:.2f}' for x in cpus)}); first 10-bead call with encoder "
            f"load {cold:.2f} s"
        )
        size = save.stat().st_size / 1e6
        log_kb = save.with_name(save.name + ".log").stat().st_size / 1e3
        print(f"save file {size:.1f} MB, edit log {log_kb:.0f} kB")
    finally:
        server.stop()
    print(
        f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}"
    )


if __name__ == "__main__":
    main()
