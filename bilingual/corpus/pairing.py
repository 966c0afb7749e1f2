"""Which documents pair: a manifest, two folders by name, a folder of mixed pages, or content.

Every input file ends up either in a :class:`DocPair` or in ``Pairing.unpaired``; nothing is
dropped silently. Document ids are relative, path-like strings (``a/b``), unique per corpus:
they name the per-document alignment file ``alignments/<id>.jsonl``.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from bilingual.errors import FormatError, InputError
from bilingual.io import read_text

# Language marks that may appear in a file or folder name, as a whole name part.
_LANG_MARKS = frozenset(
    "en eng english zh zho chi chinese cn chs cht zh-cn zh-tw zh-hans zh-hant zhcn zhs zht "
    "hans hant".split()
)
_PART_SEP = re.compile(r"([._\-\s]+)")
_ID_UNSAFE = re.compile(r"[^\w.\-/]+")


@dataclass(frozen=True)
class DocPair:
    """One document pair to align; ``tgt`` is None for a mixed EN/ZH page split in two."""

    id: str
    src: str
    tgt: str | None
    src_lang: str = "en"
    tgt_lang: str = "zh"


@dataclass(frozen=True)
class Pairing:
    """The pairs (sorted by id), the input paths left without a partner, the input folders.

    ``roots``: the folders the inputs were listed from (none for a manifest); an output folder
    inside one of them would be read back as input on the next run, so it is refused.
    """

    pairs: tuple[DocPair, ...]
    unpaired: tuple[str, ...]
    roots: tuple[str, ...] = ()


def _safe_id(raw: str) -> str:
    """A relative id without '..', empty parts or characters unsafe in file names."""
    parts = [p for p in PurePosixPath(raw.replace("\\", "/")).parts if p not in ("", ".", "..")]
    parts = [_ID_UNSAFE.sub("_", p).strip("_") or "_" for p in parts if p != "/"]
    return "/".join(parts) or "doc"


def _unique_ids(pairs: list[DocPair]) -> tuple[DocPair, ...]:
    """Sorted by id; a repeated id gets ``~2``, ``~3`` ... in input order."""
    seen: dict[str, int] = {}
    out: list[DocPair] = []
    for p in pairs:
        n = seen.get(p.id, 0) + 1
        seen[p.id] = n
        out.append(p if n == 1 else DocPair(f"{p.id}~{n}", p.src, p.tgt, p.src_lang, p.tgt_lang))
    return tuple(sorted(out, key=lambda p: p.id))


def strip_language_marks(relpath: str) -> str:
    """``a.en.txt`` → ``a``; ``en/a.txt`` → ``a``; ``a_EN.md`` → ``a``: the name without marks.

    The last extension is dropped and every name part that is a language mark is removed.
    """
    parts = PurePosixPath(relpath.replace("\\", "/")).parts
    out: list[str] = []
    for k, part in enumerate(parts):
        if k == len(parts) - 1:
            part = os.path.splitext(part)[0]
        if part.lower() in _LANG_MARKS:
            continue
        pieces = _PART_SEP.split(part)
        kept = [p for p in pieces[::2] if p and p.lower() not in _LANG_MARKS]
        if kept:
            out.append("_".join(kept) if len(kept) > 1 else kept[0])
    return "/".join(out)


def list_inputs(spec: str) -> tuple[Path, list[Path]]:
    """The base folder and the files of a folder (recursively) or a glob pattern, sorted."""
    if any(c in spec for c in "*?["):
        files = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        base = Path(os.path.commonpath([str(f.parent) for f in files])) if files else Path(".")
        return base, files
    root = Path(spec)
    if not root.exists():
        raise InputError(f"{spec}: no such file or folder; check the path.")
    if root.is_file():
        return root.parent, [root]
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and not any(x.startswith(".") for x in p.parts)
    )
    return root, files


def _rel(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def pair_by_name(src_spec: str, tgt_spec: str) -> Pairing:
    """Pair two folders (or globs): same relative path first, else same language-free stem."""
    s_base, s_files = list_inputs(src_spec)
    t_base, t_files = list_inputs(tgt_spec)
    s_rel = {_rel(f, s_base): f for f in s_files}
    t_rel = {_rel(f, t_base): f for f in t_files}
    pairs: list[DocPair] = []
    for rel in sorted(set(s_rel) & set(t_rel)):
        pairs.append(DocPair(_safe_id(os.path.splitext(rel)[0]), str(s_rel[rel]), str(t_rel[rel])))
    rest_s = {r: f for r, f in s_rel.items() if r not in t_rel}
    rest_t = {r: f for r, f in t_rel.items() if r not in s_rel}
    by_stem_s: dict[str, list[Path]] = {}
    by_stem_t: dict[str, list[Path]] = {}
    for r, f in rest_s.items():
        by_stem_s.setdefault(strip_language_marks(r), []).append(f)
    for r, f in rest_t.items():
        by_stem_t.setdefault(strip_language_marks(r), []).append(f)
    unpaired: list[str] = []
    for stem, files in by_stem_s.items():
        partners = by_stem_t.get(stem, [])
        if stem and len(files) == 1 and len(partners) == 1:
            pairs.append(DocPair(_safe_id(stem), str(files[0]), str(partners[0])))
        else:
            unpaired.extend(str(f) for f in files)
    for stem, files in by_stem_t.items():
        partners = by_stem_s.get(stem, [])
        if not (stem and len(files) == 1 and len(partners) == 1):
            unpaired.extend(str(f) for f in files)
    return Pairing(_unique_ids(pairs), tuple(sorted(unpaired)), (str(s_base), str(t_base)))


def mixed_pages(spec: str) -> Pairing:
    """Each file of a folder (or glob) is one mixed EN/ZH page, split and aligned on its own."""
    base, files = list_inputs(spec)
    pairs = [DocPair(_safe_id(os.path.splitext(_rel(f, base))[0]), str(f), None) for f in files]
    return Pairing(_unique_ids(pairs), (), (str(base),))


def read_manifest(path: str | os.PathLike[str]) -> Pairing:
    """A manifest: TSV (``src<TAB>tgt[<TAB>id[<TAB>src_lang<TAB>tgt_lang]]``) or JSONL objects.

    JSONL keys: ``src``, ``tgt`` (required), ``id``, ``src_lang``, ``tgt_lang``. Relative paths
    are taken from the manifest's folder. A TSV header line starting with ``src`` is skipped.
    """
    text = read_text(path)
    base = Path(path).parent
    rows: list[tuple[str, str, str, str, str]] = []
    name = str(path)
    if str(path).endswith(".jsonl") or text.lstrip().startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise FormatError(f"{name}: line {number}: not valid JSON ({e.msg}).") from None
            if not isinstance(obj, dict) or not all(
                isinstance(obj.get(k), str) for k in ("src", "tgt")
            ):
                raise FormatError(
                    f"{name}: line {number}: needs an object with string 'src' and 'tgt' paths."
                )
            rows.append(
                (
                    obj["src"],
                    obj["tgt"],
                    str(obj.get("id") or ""),
                    str(obj.get("src_lang") or "en"),
                    str(obj.get("tgt_lang") or "zh"),
                )
            )
    else:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), start=1):
            if not cells or not "".join(cells).strip() or cells[0].startswith("#"):
                continue
            if number == 1 and cells[0].strip().lower() in ("src", "source"):
                continue
            if len(cells) < 2:
                raise FormatError(
                    f"{name}: line {number}: needs at least two tab-separated paths (src, tgt)."
                )
            cells = [c.strip() for c in cells] + ["", "", ""]
            rows.append((cells[0], cells[1], cells[2], cells[3] or "en", cells[4] or "zh"))
    if not rows:
        raise FormatError(f"{name}: lists no document pairs; add one 'src<TAB>tgt' line.")
    pairs = []
    for src, tgt, ident, sl, tl in rows:
        s, t = base / src, base / tgt
        pairs.append(DocPair(_safe_id(ident or os.path.splitext(src)[0]), str(s), str(t), sl, tl))
    return Pairing(_unique_ids(pairs), ())


@dataclass(frozen=True)
class ContentMatch:
    """Pairs of row indices found by :func:`match_documents`, with their margin scores."""

    pairs: tuple[tuple[int, int, float], ...]
    unmatched_src: tuple[int, ...]
    unmatched_tgt: tuple[int, ...]


def _topk(a: np.ndarray, b: np.ndarray, k: int, block: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a`` its ``k`` most similar rows of ``b`` (indices, cosines), blockwise."""
    k = min(k, len(b))
    idx = np.zeros((len(a), k), dtype=np.int64)
    sim = np.zeros((len(a), k), dtype=np.float32)
    for start in range(0, len(a), block):
        s = a[start : start + block] @ b.T
        part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        idx[start : start + block] = np.take_along_axis(part, order, axis=1)
        sim[start : start + block] = np.take_along_axis(vals, order, axis=1)
    return idx, sim


def _coarse_buckets(x: np.ndarray, n_lists: int, seed: int = 0) -> np.ndarray:
    """A few k-means steps over ``x``: centroids that split the documents into blocks."""
    rng = np.random.default_rng(seed)
    cent = x[rng.choice(len(x), size=n_lists, replace=False)].copy()
    for _ in range(8):
        assign = np.argmax(x @ cent.T, axis=1)
        for c in range(n_lists):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                cent[c] = v / max(float(np.linalg.norm(v)), 1e-12)
    return cent


def _candidates(
    a: np.ndarray, b: np.ndarray, k: int, exact_max: int, probes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k neighbours of ``a`` in ``b``: exact below ``exact_max`` rows, else inverted lists.

    Inverted lists: both sides are bucketed by the nearest of ~sqrt(n) shared centroids and
    each ``a`` row is compared only with the ``b`` rows of its ``probes`` nearest buckets, so
    the cost grows like n·sqrt(n), not n².
    """
    if len(b) <= exact_max:
        return _topk(a, b, k, 1024)
    n_lists = max(2, int(np.sqrt(len(b))))
    cent = _coarse_buckets(np.vstack([a, b]), n_lists)
    b_assign = np.argmax(b @ cent.T, axis=1)
    members = [np.flatnonzero(b_assign == c) for c in range(n_lists)]
    near = np.argsort(-(a @ cent.T), axis=1)[:, :probes]
    idx = np.full((len(a), k), -1, dtype=np.int64)
    sim = np.full((len(a), k), -2.0, dtype=np.float32)
    for i in range(len(a)):
        cand = np.concatenate([members[c] for c in near[i]])
        if len(cand) == 0:
            continue
        s = b[cand] @ a[i]
        top = np.argsort(-s, kind="stable")[:k]
        idx[i, : len(top)] = cand[top]
        sim[i, : len(top)] = s[top]
    return idx, sim


def _best_by_margin(
    idx: np.ndarray, sim: np.ndarray, r_self: np.ndarray, r_other: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's candidate with the highest ratio margin: (index or -1, margin)."""
    denom = (r_self[:, None] + r_other[np.clip(idx, 0, None)]) / 2
    margin = np.where((idx >= 0) & (denom > 0), sim / np.where(denom > 0, denom, 1.0), -np.inf)
    best = np.argmax(margin, axis=1)
    rows = np.arange(len(idx))
    found = np.where(np.isfinite(margin[rows, best]), idx[rows, best], -1)
    return found, margin[rows, best]


def match_documents(
    src: np.ndarray,
    tgt: np.ndarray,
    *,
    src_len: np.ndarray | None = None,
    tgt_len: np.ndarray | None = None,
    k: int = 16,
    min_margin: float = 1.0,
    length_weight: float = 0.1,
    exact_max: int = 20_000,
    probes: int = 8,
) -> ContentMatch:
    """Pair unit document vectors by mutual best margin score (ratio margin, Artetxe & Schwenk).

    Candidates are each document's ``k`` nearest neighbours (blocked, see ``_candidates``).
    With lengths (log of a weighted character count), a candidate's cosine is lowered by
    ``length_weight`` times how far its log length ratio is from the corpus's typical one (the
    median over first-choice pairs): chapters of one book are close in content, their lengths
    tell them apart. ``margin(i, j) = s(i, j) / ((mean top-k s of i + mean top-k s of j) / 2)``;
    a pair is kept when i's best target is j, j's best source is i, and the margin is at least
    ``min_margin`` (a document equally close to everything pairs with nothing).
    """
    if len(src) == 0 or len(tgt) == 0:
        return ContentMatch((), tuple(range(len(src))), tuple(range(len(tgt))))
    if min(len(src), len(tgt)) == 1:
        min_margin = 0.0  # one candidate: its margin is 1 by construction
    s_idx, s_sim = _candidates(src, tgt, k, exact_max, probes)
    t_idx, t_sim = _candidates(tgt, src, k, exact_max, probes)
    if src_len is not None and tgt_len is not None and length_weight:
        typical = float(np.median(src_len - tgt_len[np.clip(s_idx[:, 0], 0, None)]))
        s_sim = _length_adjusted(s_sim, s_idx, src_len[:, None], tgt_len, typical, length_weight)
        t_sim = _length_adjusted(t_sim, t_idx, tgt_len[:, None], src_len, -typical, length_weight)
    r_s = np.where(s_idx >= 0, s_sim, 0).mean(axis=1)
    r_t = np.where(t_idx >= 0, t_sim, 0).mean(axis=1)
    best_t, m_t = _best_by_margin(s_idx, s_sim, r_s, r_t)
    best_s, _ = _best_by_margin(t_idx, t_sim, r_t, r_s)
    pairs = []
    for i, j in enumerate(best_t):
        if j >= 0 and best_s[j] == i and m_t[i] >= min_margin:
            pairs.append((i, int(j), round(float(m_t[i]), 6)))
    used_s = {p[0] for p in pairs}
    used_t = {p[1] for p in pairs}
    return ContentMatch(
        tuple(pairs),
        tuple(i for i in range(len(src)) if i not in used_s),
        tuple(j for j in range(len(tgt)) if j not in used_t),
    )


def _length_adjusted(
    sim: np.ndarray,
    idx: np.ndarray,
    own: np.ndarray,
    other: np.ndarray,
    typical: float,
    weight: float,
) -> np.ndarray:
    gap = np.abs(own - other[np.clip(idx, 0, None)] - typical)
    return np.where(idx >= 0, sim - weight * gap, sim).astype(np.float32)


def pair_by_content(
    src_files: Sequence[str],
    tgt_files: Sequence[str],
    src_vectors: np.ndarray,
    tgt_vectors: np.ndarray,
    src_base: str,
    *,
    src_sizes: np.ndarray | None = None,
    tgt_sizes: np.ndarray | None = None,
) -> Pairing:
    """Pairs from document vectors (rows in file order; a zero row = unreadable document).

    ``*_sizes`` are weighted character counts (see ``match_documents``); without them only the
    vectors decide.
    """
    s_ok = [i for i in range(len(src_files)) if np.any(src_vectors[i])]
    t_ok = [j for j in range(len(tgt_files)) if np.any(tgt_vectors[j])]
    lengths = {}
    if src_sizes is not None and tgt_sizes is not None:
        lengths = {
            "src_len": np.log(np.maximum(src_sizes[s_ok], 1.0)),
            "tgt_len": np.log(np.maximum(tgt_sizes[t_ok], 1.0)),
        }
    found = match_documents(src_vectors[s_ok], tgt_vectors[t_ok], **lengths)
    pairs = []
    for i, j, _ in found.pairs:
        s, t = src_files[s_ok[i]], tgt_files[t_ok[j]]
        rel = _rel(Path(s), Path(src_base))
        pairs.append(DocPair(_safe_id(os.path.splitext(rel)[0]), s, t))
    paired = {p.src for p in pairs} | {p.tgt for p in pairs if p.tgt}
    unpaired = [f for f in [*src_files, *tgt_files] if f not in paired]
    return Pairing(_unique_ids(pairs), tuple(sorted(unpaired)))
