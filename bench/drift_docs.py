"""Seeded drift documents: real 1-1 translations with one edit users meet, and their gold.

Sources (read from ../shared/bench at run time, never copied): NTREX-128 news documents
(en→zh, by DOCUMENT_IDS.tsv), Tatoeba (en→zh, 1,000 short pairs cut into documents of 20),
debian-docs (en→zh translated paragraphs, the first 40 of each chapter).

Each base document yields one variant per edit kind, the edit's side and place drawn from a
generator seeded with the document's name (the same documents on every run):

- ``drop``: a line removed from one side; its counterpart stands alone (1:0 or 0:1);
- ``insert``: a line of another document (same language) inserted on one side (0:1 / 1:0);
- ``merge``: two neighbouring lines of one side joined into one (2:1 / 1:2);
- ``swap``: two neighbouring target lines exchanged (one 2:2 bead: a monotone aligner can
  only pair the two with the two);
- ``clean``: unchanged (the baseline that says what the edit itself made wrong).

``injected`` names the lines that have no counterpart (drop: the orphaned line; insert: the
inserted one). Documents with an even index in their source are DEVELOPMENT (calibration is
fitted on them), odd ones TEST.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
KINDS = ("clean", "drop", "insert", "merge", "swap")

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class DriftDoc:
    name: str  # source/document/kind
    source: str  # ntrex, tatoeba, debian
    split: str  # dev or test
    kind: str
    src: tuple[str, ...]  # English lines
    tgt: tuple[str, ...]  # Chinese lines
    gold: tuple[Link, ...]
    injected: tuple[tuple[str, int], ...] = ()  # ("src" | "tgt", line index)


def _ntrex() -> list[tuple[str, list[str], list[str]]]:
    root = BENCH / "ntrex128-en-zh"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    en = (root / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    zh = (root / "newstest2019-ref.zho-CN.txt").read_text(encoding="utf-8").splitlines()
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for d, e, z in zip(ids, en, zh, strict=True):
        docs.setdefault(d.strip(), ([], []))
        docs[d.strip()][0].append(e.strip())
        docs[d.strip()][1].append(z.strip())
    return [(name, e, z) for name, (e, z) in docs.items() if len(e) >= 6]


def _tatoeba(size: int = 20) -> list[tuple[str, list[str], list[str]]]:
    root = BENCH / "tatoeba-zh-en"
    en = (root / "tatoeba.cmn-eng.eng").read_text(encoding="utf-8").splitlines()
    zh = (root / "tatoeba.cmn-eng.cmn").read_text(encoding="utf-8").splitlines()
    return [
        (f"{k // size:02d}", en[k : k + size], zh[k : k + size])
        for k in range(0, len(en) - size + 1, size)
    ]


def _debian(limit: int = 40) -> list[tuple[str, list[str], list[str]]]:
    docs: dict[str, tuple[list[str], list[str]]] = {}
    path = BENCH / "debian-docs-en-zh" / "paragraphs.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        en, zh = " ".join(r["en"].split()), " ".join(r["zh"].split())
        if not r["translated"] or not en or not zh or en == zh:
            continue
        e, z = docs.setdefault(f"{r['corpus']}.{r['doc']}", ([], []))
        if len(e) < limit:
            e.append(en)
            z.append(zh)
    return [(name, e, z) for name, (e, z) in docs.items() if len(e) >= 10]


def _rng(name: str) -> random.Random:
    return random.Random(int(hashlib.sha1(name.encode()).hexdigest()[:12], 16))


def _variant(
    kind: str, name: str, en: list[str], zh: list[str], other: tuple[list[str], list[str]]
) -> tuple[list[str], list[str], list[Link], list[tuple[str, int]]]:
    rng = _rng(f"{name}/{kind}")
    n = len(en)
    gold: list[Link] = [((i,), (i,)) for i in range(n)]
    if kind == "clean":
        return en, zh, gold, []
    k = rng.randrange(1, n - 2)  # never the first or last line: edits in the body
    side = rng.choice(("src", "tgt"))
    if kind == "drop":
        if side == "tgt":  # the English line k loses its Chinese counterpart
            gold = [((i,), (i - (i > k),)) if i != k else ((k,), ()) for i in range(n)]
            return en, zh[:k] + zh[k + 1 :], gold, [("src", k)]
        gold = [((i - (i > k),), (i,)) if i != k else ((), (k,)) for i in range(n)]
        return en[:k] + en[k + 1 :], zh, gold, [("tgt", k)]
    if kind == "insert":
        pool = other[0] if side == "src" else other[1]
        line = pool[rng.randrange(len(pool))]
        gold = [
            ((i + (i >= k and side == "src"),), (i + (i >= k and side == "tgt"),)) for i in range(n)
        ]
        gold.insert(k, ((k,), ()) if side == "src" else ((), (k,)))
        if side == "src":
            return [*en[:k], line, *en[k:]], zh, gold, [("src", k)]
        return en, [*zh[:k], line, *zh[k:]], gold, [("tgt", k)]
    if kind == "merge":
        joiner = " " if side == "src" else ""
        merged = (en if side == "src" else zh)[k] + joiner + (en if side == "src" else zh)[k + 1]
        out: list[Link] = []
        for i in range(n):
            if i == k + 1:
                continue
            j = i - (i > k)
            if i == k:
                out.append(((k,), (k, k + 1)) if side == "src" else ((k, k + 1), (k,)))
                continue
            out.append(((j,), (i,)) if side == "src" else ((i,), (j,)))
        if side == "src":
            return [*en[:k], merged, *en[k + 2 :]], zh, out, []
        return en, [*zh[:k], merged, *zh[k + 2 :]], out, []
    if kind == "swap":
        zh2 = [*zh[:k], zh[k + 1], zh[k], *zh[k + 2 :]]
        out = [((i,), (i,)) for i in range(k)] + [((k, k + 1), (k, k + 1))]
        out += [((i,), (i,)) for i in range(k + 2, n)]
        return en, zh2, out, []
    raise ValueError(kind)


def drift_docs(
    kinds: tuple[str, ...] = KINDS, sources: tuple[str, ...] = ("ntrex", "tatoeba", "debian")
) -> Iterator[DriftDoc]:
    """Every variant of every base document, in a fixed order."""
    loaders = {"ntrex": _ntrex, "tatoeba": _tatoeba, "debian": _debian}
    for source in sources:
        base = loaders[source]()
        for idx, (name, en, zh) in enumerate(base):
            other = base[(idx + len(base) // 2) % len(base)]
            for kind in kinds:
                s, t, gold, inj = _variant(kind, f"{source}/{name}", en, zh, (other[1], other[2]))
                yield DriftDoc(
                    f"{source}/{name}/{kind}",
                    source,
                    "dev" if idx % 2 == 0 else "test",
                    kind,
                    tuple(s),
                    tuple(t),
                    tuple(gold),
                    tuple(inj),
                )
