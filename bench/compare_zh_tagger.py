"""check/zh_tagger against jieba.posseg: the same words and tags on every distinct line given.

A pure speed change must tag exactly as jieba does; this compares the two on real text and
times both (process CPU seconds). Lines are read as UTF-8 text, one per line (JSONL and TSV
lines are compared whole: the tagger sees the same characters as jieba).

    python bench/compare_zh_tagger.py ../shared/bench/bible-en-zh/tgt.verse \\
        ../shared/bench/mac-dev-zh-en/zh/* ../shared/seed/ai-news-open-vs-closed.txt

Exit 1 when any line differs (the first five are printed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="text files, one line a text")
    args = ap.parse_args(argv)
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        ap.error(f"no such file: {', '.join(missing)} (give text files, one line a text)")
    import jieba
    import jieba.posseg as posseg

    from bilingual.check.zh_tagger import tag

    jieba.setLogLevel(60)
    texts: list[str] = []
    for f in args.files:
        texts += f.read_text(encoding="utf-8", errors="replace").split("\n")
    texts = list(dict.fromkeys(texts))
    posseg.lcut("测试"), tag("测试")  # load both models before timing
    t0 = time.process_time()
    ref = [tuple((p.word, p.flag) for p in posseg.lcut(x)) for x in texts]
    t1 = time.process_time()
    ours = [tag(x) for x in texts]
    t2 = time.process_time()
    bad = [i for i, (a, b) in enumerate(zip(ref, ours, strict=True)) if a != b]
    print(
        f"{len(texts)} texts; jieba {t1 - t0:.2f} CPU s, zh_tagger {t2 - t1:.2f} CPU s "
        f"({(t1 - t0) / max(t2 - t1, 1e-9):.1f}x); mismatches {len(bad)}"
    )
    for i in bad[:5]:
        print(repr(texts[i]), ref[i], ours[i], sep="\n  ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
