"""Drift benchmark: inject known problems into real EN→ZH translations and score the checks.

Documents come from ../shared/bench at run time: NTREX-128 news documents (grouped by
DOCUMENT_IDS.tsv) and Bible chapters (src.verse/tgt.verse give the chapter of every line).
For each selected document the script aligns and checks

- the untouched translation (false alarms per 100 source sentences), and
- ``--variants`` corrupted copies, each with up to ``--per-doc`` injections of distinct types
  at sentences at least three apart:

  drop      a target sentence removed                        -> expected ``omission``
  insert    an unrelated Chinese sentence (another document) -> ``addition``
  number    a number in the target changed                   -> ``number_mismatch``
  copy      the target replaced by its English source        -> ``untranslated``
  name      a name's rendering replaced by another name's    -> ``name_mismatch``
  half      the second half of the target left in English    -> ``untranslated``

With ``--mode partial`` the injections happen inside a sentence instead (the rest of the
target sentence stays), each expected as ``partial_omission`` on that bead:

  pclause   one clause of the target sentence (between ，；：) removed
  pname     a name's Chinese rendering removed                (also accepts ``name_mismatch``)
  pnumber   a number of the target removed                    (also accepts ``number_mismatch``)
  pneg      the negation of the target removed (不, 没, 未, 无 ...)

and the clean documents report the share of source sentences with a partial_* warning.

Only warning and error findings count. An injection is found when a finding of its expected
kind points at it (the dropped source sentence, or the changed/inserted target sentence).
Precision of a kind is the share of its findings in corrupted documents that point at an
injection expecting that kind; ``lenient`` also accepts findings that point at any injection.
Everything is seeded: the same command prints the same table.

    python bench/bench_drift.py --docs 40 --seed 13
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
TYPES = ("drop", "insert", "number", "copy", "name", "half")
EXPECTED = {
    "drop": "omission",
    "insert": "addition",
    "number": "number_mismatch",
    "copy": "untranslated",
    "name": "name_mismatch",
    "half": "untranslated",
}
PARTIAL_TYPES = ("pclause", "pname", "pnumber", "pneg")
EXPECTED.update({t: "partial_omission" for t in PARTIAL_TYPES})
# a removed name or number is also found by the check made for it
ALSO = {"pname": "name_mismatch", "pnumber": "number_mismatch"}
LOUD = ("warning", "error")
_ZH_CLAUSE = re.compile(r"([，；：])")
_ZH_NEG = re.compile(r"没有|[不没未无]")
_EN_NEG = re.compile(r"\b(?:not|no|never|without|nothing|none|nor|cannot)\b|n't\b", re.I)
_ZH_NEG_WORDS = (
    "不过",
    "非常",
    "无论",
    "未来",
    "不断",
    "不久",
    "不少",
    "不仅",
    "不管",
    "无数",
    "不同",
    "差不多",
    "不得不",
    "毫不",
    "而不是",
)


@dataclass(frozen=True)
class Doc:
    """One parallel document: aligned-by-construction sentence lists (1-1 or verse groups)."""

    name: str
    corpus: str
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    # for each target sentence, the source sentences of the same unit (verse/line)
    tgt_unit: tuple[tuple[int, ...], ...]
    src_lang: str = "en"
    tgt_lang: str = "zh"


@dataclass
class Injection:
    kind: str
    src_index: int  # the source sentence it concerns (drop) or -1
    tgt_index: int  # the target sentence in the corrupted document or -1
    note: str = ""


@dataclass
class Variant:
    doc: Doc
    tgt: list[str]
    injections: list[Injection] = field(default_factory=list)


def load_ntrex() -> list[Doc]:
    root = BENCH / "ntrex128-en-zh"
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    src = (root / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    tgt = (root / "newstest2019-ref.zho-CN.txt").read_text(encoding="utf-8").splitlines()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(ids):
        groups[d.split("\t")[0]].append(i)
    docs = []
    for name, lines in groups.items():
        s = tuple(src[i].strip() for i in lines)
        t = tuple(tgt[i].strip() for i in lines)
        docs.append(Doc(name, "ntrex", s, t, tuple((k,) for k in range(len(lines)))))
    return docs


def load_bible() -> list[Doc]:
    root = BENCH / "bible-en-zh"
    src = (root / "src" / "006").read_text(encoding="utf-8").splitlines()
    tgt = (root / "tgt" / "006").read_text(encoding="utf-8").splitlines()
    sv = (root / "src.verse").read_text(encoding="utf-8").splitlines()[: len(src)]
    tv = (root / "tgt.verse").read_text(encoding="utf-8").splitlines()[: len(tgt)]
    chap = lambda v: v.rsplit(":", 1)[0]  # noqa: E731
    by_s: dict[str, list[int]] = defaultdict(list)
    by_t: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(sv):
        by_s[chap(v)].append(i)
    for j, v in enumerate(tv):
        by_t[chap(v)].append(j)
    last = chap(sv[-1])
    docs = []
    for c, s_lines in by_s.items():
        t_lines = by_t.get(c)
        if not t_lines or c == last:
            continue
        verse_src: dict[str, list[int]] = defaultdict(list)
        for k, i in enumerate(s_lines):
            verse_src[sv[i]].append(k)
        units = tuple(tuple(verse_src.get(tv[j], ())) for j in t_lines)
        docs.append(
            Doc(c, "bible", tuple(src[i] for i in s_lines), tuple(tgt[j] for j in t_lines), units)
        )
    return docs


def load_macdev() -> list[Doc]:
    """MAC-Dev: six literary chapters translated from Chinese (source) into English (target).

    Used for false alarms only (the injections are written for an English source)."""
    root = BENCH / "mac-dev-zh-en"
    docs = []
    for path in sorted((root / "zh").iterdir()):
        src = tuple(path.read_text(encoding="utf-8").splitlines())
        tgt = tuple((root / "en" / path.name).read_text(encoding="utf-8").splitlines())
        unit: dict[int, tuple[int, ...]] = {}
        for line in (root / "gold" / f"{path.name}.align").read_text().splitlines():
            s_ids, t_ids = (
                tuple(int(x) for x in side.strip("[]").split(",") if x.strip())
                for side in line.split(":")
            )
            for j in t_ids:
                unit[j] = s_ids
        units = tuple(unit.get(j, ()) for j in range(len(tgt)))
        docs.append(Doc(path.name, "macdev", src, tgt, units, "zh", "en"))
    return docs


_DIGITS = re.compile(r"\d+")


def _words(text: str) -> list[str]:
    return text.split()


def _units(doc: Doc) -> list[tuple[int, list[int]]]:
    """Source sentences translated by a contiguous block of target sentences of their own."""
    blocks: dict[int, list[int]] = defaultdict(list)
    for j, u in enumerate(doc.tgt_unit):
        if len(u) == 1:
            blocks[u[0]].append(j)
    shared = {k for u in doc.tgt_unit if len(u) > 1 for k in u}
    return [
        (k, js)
        for k, js in sorted(blocks.items())
        if k not in shared and js == list(range(js[0], js[-1] + 1))
    ]


def _candidates(
    doc: Doc, kind: str, rng: random.Random, name_pool: list[tuple[str, str]]
) -> list[tuple[int, list[int], list[str], str]]:
    """(source sentence, its target block, replacement lines, note) where ``kind`` applies."""
    from bilingual.check.names import en_skeleton, english_names, find_in_chinese
    from bilingual.numbers import extract_numbers

    out = []
    for k, block in _units(doc):
        s = doc.src[k]
        lines = [doc.tgt[j] for j in block]
        joined = "".join(lines)
        n_words = len(_words(s))
        if kind == "drop" and n_words >= 5:
            out.append((k, block, [], ""))
        elif kind == "insert" and n_words >= 5:
            out.append((k, block, lines, ""))
        elif kind == "copy" and n_words >= 5:
            out.append((k, block, [s], ""))
        elif kind == "half" and n_words >= 10:
            half_en = " ".join(_words(s)[n_words // 2 :])
            out.append((k, block, [joined[: max(1, len(joined) // 2)] + half_en], ""))
        elif kind == "pclause" and len(lines) == 1:
            parts = _ZH_CLAUSE.split(lines[0])
            spans = [i for i in range(0, len(parts), 2) if len(parts[i]) >= 6]
            if len(spans) >= 2 and len(parts) >= 3:
                i = rng.choice(spans)
                kept = parts[:i] + parts[i + 2 :] if i + 1 < len(parts) else parts[: i - 1]
                new = "".join(kept)
                if new.strip() and len(new) >= 6:
                    out.append((k, block, [new], parts[i]))
        elif kind == "pnumber" and len(lines) == 1:
            src_q = extract_numbers(s, "en")
            t = lines[0]
            for q in extract_numbers(t, "zh"):
                if _DIGITS.search(q.text) and any(p.value == q.value for p in src_q):
                    out.append((k, block, [t[: q.start] + t[q.end :]], q.text))
                    break
        elif kind == "pneg" and len(lines) == 1 and _EN_NEG.search(s):
            t = lines[0]
            masked = t
            for w in _ZH_NEG_WORDS:
                masked = masked.replace(w, "x" * len(w))
            m = _ZH_NEG.search(masked)
            if m:
                out.append((k, block, [t[: m.start()] + t[m.end() :]], m.group()))
        elif kind == "pname" and len(lines) == 1:
            t = lines[0]
            for name, _, _ in english_names(s):
                f = find_in_chinese(name, t)
                if f.how in ("gloss", "pinyin") and f.end - f.start >= 2:
                    out.append((k, block, [t[: f.start] + t[f.end :]], t[f.start : f.end]))
                    break
        elif kind == "number":
            src_q = extract_numbers(s, "en")
            done = False
            for pos, t in enumerate(lines):
                for q in extract_numbers(t, "zh"):
                    m = _DIGITS.search(q.text)
                    if not m or not any(p.value == q.value for p in src_q):
                        continue
                    old = int(m.group(0))
                    new = old + rng.choice((1, 2, 3, 5, 7)) * (10 ** max(0, len(m.group(0)) - 2))
                    a = q.start + m.start()
                    changed = list(lines)
                    changed[pos] = t[:a] + str(new) + t[a + len(m.group(0)) :]
                    out.append((k, block, changed, f"{old}->{new}"))
                    done = True
                    break
                if done:
                    break
        elif kind == "name":
            for name, _, _ in english_names(s):
                hit = [(pos, find_in_chinese(name, t)) for pos, t in enumerate(lines)]
                hit = [
                    (pos, f)
                    for pos, f in hit
                    if f.how in ("gloss", "pinyin") and f.end - f.start >= 2
                ]
                if not hit:
                    continue
                pos, found = hit[0]
                t = lines[pos]
                options = [
                    r
                    for n, r in name_pool
                    if en_skeleton(n) != en_skeleton(name)
                    and not find_in_chinese(name, r).how
                    and r not in joined
                ]
                if not options:
                    continue
                new = rng.choice(options)
                changed = list(lines)
                changed[pos] = t[: found.start] + new + t[found.end :]
                out.append((k, block, changed, f"{name}: {t[found.start : found.end]}->{new}"))
                break
    return out


def make_variant(
    doc: Doc,
    rng: random.Random,
    per_doc: int,
    fillers: list[str],
    name_pool: list[tuple[str, str]],
    types: tuple[str, ...] = TYPES,
) -> Variant:
    """A corrupted copy of ``doc`` with up to ``per_doc`` injections of distinct types."""
    kinds = rng.sample(types, k=min(per_doc, len(types)))
    plan: dict[int, tuple[str, int, list[str], str]] = {}  # first target line -> injection
    used: list[int] = []
    for kind in kinds:
        cands = [
            c
            for c in _candidates(doc, kind, rng, name_pool)
            if all(abs(c[0] - u) >= 3 for u in used)
        ]
        if not cands:
            continue
        k, block, lines, note = rng.choice(cands)
        used.append(k)
        plan[block[0]] = (kind, k, lines, note)
    skip: set[int] = set()
    for first, (_, k, _, _) in plan.items():
        skip.update(j for j in range(first, len(doc.tgt)) if doc.tgt_unit[j] == (k,))
    out_tgt: list[str] = []
    injections: list[Injection] = []
    for j, t in enumerate(doc.tgt):
        if j in plan:
            kind, k, lines, note = plan[j]
            if kind == "drop":
                injections.append(Injection(kind, k, -1, note))
            elif kind == "insert":
                out_tgt.extend(lines)
                filler = rng.choice(fillers)
                injections.append(Injection(kind, -1, len(out_tgt), filler[:20]))
                out_tgt.append(filler)
            else:
                changed = [
                    n
                    for n, (a, b) in enumerate(
                        zip(lines, [doc.tgt[x] for x in range(j, j + len(lines))], strict=False)
                    )
                    if a != b
                ]
                at = len(out_tgt) + (changed[0] if changed else 0)
                injections.append(Injection(kind, k, at, note))
                out_tgt.extend(lines)
            continue
        if j in skip:
            continue
        out_tgt.append(t)
    return Variant(doc, out_tgt, injections)


def _hits(f, inj: Injection) -> bool:
    if inj.kind == "drop":
        return inj.src_index in f.src_ids
    return inj.tgt_index in f.tgt_ids


def run_check(doc: Doc, tgt: list[str]):
    from bilingual.align import align_documents
    from bilingual.check import check_alignment
    from bilingual.model import Document

    a = align_documents(
        Document("\n".join(doc.src), doc.src_lang, doc.name),
        Document("\n".join(tgt), doc.tgt_lang, doc.name),
        presplit=True,
    )
    if a.level == "sentence" and len(a.src) != len(doc.src):
        raise RuntimeError(f"{doc.name}: presplit changed the sentence count")
    return check_alignment(a)


def name_pool_for(docs: list[Doc]) -> list[tuple[str, str]]:
    from bilingual.check.names import english_names, find_in_chinese

    pool: dict[str, str] = {}
    for d in docs:
        for j, t in enumerate(d.tgt):
            if len(d.tgt_unit[j]) != 1:
                continue
            for name, _, _ in english_names(d.src[d.tgt_unit[j][0]]):
                m = find_in_chinese(name, t)
                if m.how in ("gloss", "pinyin") and m.end - m.start >= 2:
                    pool.setdefault(name, t[m.start : m.end])
    return sorted(pool.items())


def sub_kind(f) -> str:
    """The test inside a kind that made ``f`` (the report's grouping key)."""
    from bilingual.check.rank import sub_kind as first_evidence

    return first_evidence(f) or "-"


def print_sub_kinds(alarms: Counter[tuple[str, str, str]], sentences: Counter[str]) -> None:
    """Clean warning+error findings per corpus by kind and sub-kind, largest first."""
    print("    by kind and sub-kind (count, per 100 source sentences)")
    for corpus in sorted(sentences):
        rows = sorted(((n, k, s) for (c, k, s), n in alarms.items() if c == corpus), reverse=True)
        for n, kind, sub in rows:
            per100 = 100 * n / sentences[corpus]
            print(f"    {corpus:<6} {kind:<22} {sub:<30} {n:>4} {per100:>6.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40, help="documents per corpus")
    ap.add_argument("--variants", type=int, default=2, help="corrupted copies per document")
    ap.add_argument("--per-doc", type=int, default=3, help="injections per copy")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--corpus",
        choices=("ntrex", "bible", "both", "macdev", "all"),
        default="both",
        help="both = NTREX + Bible; all adds MAC-Dev (its six chapters, false alarms only)",
    )
    ap.add_argument(
        "--clean-only",
        action="store_true",
        help="only the untouched documents: false alarms, no injections",
    )
    ap.add_argument(
        "--show", action="store_true", help="print every missed injection and false alarm"
    )
    ap.add_argument(
        "--mode",
        choices=("drift", "partial"),
        default="drift",
        help="inject whole-sentence drift (default) or partial omissions inside sentences",
    )
    args = ap.parse_args(argv)
    types = PARTIAL_TYPES if args.mode == "partial" else TYPES
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    docs: list[Doc] = []
    if args.corpus in ("ntrex", "both", "all"):
        docs += rng.sample(load_ntrex(), args.docs)
    if args.corpus in ("bible", "both", "all"):
        docs += rng.sample([d for d in load_bible() if len(d.src) >= 8], args.docs)
    if args.corpus in ("macdev", "all"):
        docs += load_macdev()
    fillers = {
        corpus: [
            t
            for d in docs
            if d.corpus != corpus and d.tgt_lang == "zh"
            for t in d.tgt
            if len(t) >= 15
        ]
        for corpus in ("ntrex", "bible")
    }
    if not all(fillers.values()):  # one corpus only: any other document
        fillers = {
            c: [t for d in docs if d.tgt_lang == "zh" for t in d.tgt if len(t) >= 15]
            for c in fillers
        }
    pool = name_pool_for([d for d in docs if d.src_lang == "en"])
    start = time.perf_counter()

    clean_sent: Counter[str] = Counter()
    clean_alarms: Counter[str] = Counter()
    clean_sub: Counter[tuple[str, str, str]] = Counter()
    found: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    total: Counter[str] = Counter()
    kind_tp: Counter[str] = Counter()
    kind_lenient: Counter[str] = Counter()
    kind_all: Counter[str] = Counter()
    drift_clean: list[float] = []
    drift_dirty: list[float] = []
    partial_flagged: Counter[str] = Counter()
    for d in docs:
        rep = run_check(d, list(d.tgt))
        loud = [f for f in rep.findings if f.severity in LOUD]
        clean_sent[d.corpus] += len(d.src)
        partial_flagged[d.corpus] += len(
            {i for f in loud if f.kind.startswith("partial_") for i in f.src_ids}
        )
        drift_clean.append(rep.summary.drift_score)
        for f in loud:
            clean_alarms[(d.corpus, f.kind)] += 1
            clean_sub[(d.corpus, f.kind, sub_kind(f))] += 1
            if args.show:
                print(f"ALARM {d.corpus} {d.name} {f.kind} {f.severity}: {f.message[:150]}")
        for _ in range(0 if args.clean_only or d.src_lang != "en" else args.variants):
            # An unrelated sentence: one from the other corpus (news in scripture, scripture in
            # news); a sentence of another chapter of the same book would be on topic.
            v = make_variant(d, rng, args.per_doc, fillers[d.corpus], pool, types)
            if not v.injections:
                continue
            rep = run_check(d, v.tgt)
            drift_dirty.append(rep.summary.drift_score)
            loud = [f for f in rep.findings if f.severity in LOUD]
            for inj in v.injections:
                total[inj.kind] += 1
                want = {EXPECTED[inj.kind], ALSO.get(inj.kind, "")}
                ok = any(f.kind in want and _hits(f, inj) for f in loud)
                strict[inj.kind] += any(
                    f.kind == EXPECTED[inj.kind] and _hits(f, inj) for f in loud
                )
                found[inj.kind] += ok
                if not ok and args.show:
                    got = sorted({f.kind for f in loud if _hits(f, inj)})
                    print(f"MISS {d.corpus} {d.name} {inj.kind} {inj.note} got={got}")
                    for b in rep.alignment.beads:
                        if inj.src_index in b.src or inj.tgt_index in b.tgt:
                            print(
                                f"     bead {b.src}:{b.tgt} score {b.score:.2f} "
                                f"sim {b.similarity:.2f}"
                            )
            for f in loud:
                kind_all[f.kind] += 1
                at = [i for i in v.injections if _hits(f, i)]
                kind_tp[f.kind] += any(EXPECTED[i.kind] == f.kind for i in at)
                kind_lenient[f.kind] += bool(at)
                if not at and args.show:
                    print(f"FP {d.corpus} {d.name} {f.kind} {f.severity}: {f.message[:150]}")
    elapsed = time.perf_counter() - start

    per_corpus = ", ".join(f"{c} {n}" for c, n in Counter(d.corpus for d in docs).items())
    print(f"documents: {len(docs)} ({per_corpus}); seed {args.seed}; {elapsed:.0f} s")
    print()
    print(f"{'injection':<10} {'kind expected':<16} {'n':>4} {'recall':>7} {'strict':>7}")
    for t in types:
        r = found[t] / total[t] if total[t] else float("nan")
        r0 = strict[t] / total[t] if total[t] else float("nan")
        print(f"{t:<10} {EXPECTED[t]:<16} {total[t]:>4} {r:>7.3f} {r0:>7.3f}")
    if args.mode == "partial":
        n_inj, n_found = sum(total.values()), sum(found.values())
        print(
            f"{'all':<10} {'':<16} {n_inj:>4} {n_found / max(n_inj, 1):>7.3f} "
            f"{sum(strict.values()) / max(n_inj, 1):>7.3f}"
        )
        print(
            "\nclean source sentences with a partial_* warning: "
            + ", ".join(
                f"{c} {partial_flagged[c]}/{clean_sent[c]} = "
                f"{partial_flagged[c] / clean_sent[c]:.3f}"
                for c in sorted(clean_sent)
            )
        )
    print()
    print(f"{'finding kind':<20} {'n':>4} {'precision':>9} {'lenient':>8}")
    for k in sorted(kind_all):
        print(
            f"{k:<20} {kind_all[k]:>4} {kind_tp[k] / kind_all[k]:>9.3f} "
            f"{kind_lenient[k] / kind_all[k]:>8.3f}"
        )
    print()
    print("false alarms on untouched documents (warning+error per 100 source sentences)")
    for corpus in sorted(clean_sent):
        n = sum(v for (c, _), v in clean_alarms.items() if c == corpus)
        by = ", ".join(f"{k} {v}" for (c, k), v in sorted(clean_alarms.items()) if c == corpus)
        print(
            f"  {corpus:<6} {clean_sent[corpus]:>5} sentences: {100 * n / clean_sent[corpus]:.2f}"
            f"  ({by or 'none'})"
        )
    n_all = sum(clean_alarms.values())
    n_sent = sum(clean_sent.values())
    if args.show:
        print_sub_kinds(clean_sub, clean_sent)
    print(f"  all    {n_sent:>5} sentences: {100 * n_all / n_sent:.2f}")
    drift_kinds = set(EXPECTED[t] for t in TYPES) | {"low_similarity", "length_ratio"}
    n_drift = sum(v for (_, k), v in clean_alarms.items() if k in drift_kinds)
    print(
        f"  drift kinds only (the kinds this benchmark injects, plus similarity and length): "
        f"{100 * n_drift / n_sent:.2f}"
    )
    med = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")  # noqa: E731
    print(
        f"\nmedian drift_score: untouched {med(drift_clean):.1f}, corrupted {med(drift_dirty):.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
