"""Building a corpus: pair the inputs, align what is not done yet, filter, write, report.

The per-document stage (align + check) runs on workers and is recorded in the state store as
each document finishes; the corpus stage reads the stored candidates back in document-id
order, so its output depends only on the inputs and settings, never on which worker finished
first or whether the run was interrupted and resumed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from bilingual.corpus.execute import run_tasks
from bilingual.corpus.filters import (
    REASONS,
    Deduplicator,
    FilterConfig,
    length_ratio,
    pair_reasons,
    weighted_length,
)
from bilingual.corpus.outputs import CorpusWriter, clean_stale
from bilingual.corpus.pairing import (
    DocPair,
    Pairing,
    list_inputs,
    mixed_pages,
    pair_by_content,
    pair_by_name,
    read_manifest,
)
from bilingual.corpus.report import CorpusReport, DocReport, Histogram, write_reports
from bilingual.corpus.state import StateStore
from bilingual.corpus.worker import (
    DocResult,
    DocVector,
    Settings,
    Task,
    document_vector,
    process,
)
from bilingual.errors import ConfigError, InputError
from bilingual.export.stream import CorpusPair
from bilingual.io import check_file_size, write_text_atomic
from bilingual.statelock import holding, lock_path_beside

log = logging.getLogger(__name__)

ALIGNMENTS = "alignments"
LOCK = "corpus.lock"


@dataclass(frozen=True)
class CorpusOptions:
    """How to run: settings of the aligner, filters, workers and outputs."""

    settings: Settings = field(default_factory=Settings)
    filters: FilterConfig = field(default_factory=FilterConfig)
    jobs: int = 1
    cluster: str | None = None
    keep_rejected: bool = False
    src_lang: str = "en"
    tgt_lang: str = "zh"


@dataclass(frozen=True)
class ProgressEvent:
    """One document finished (or was skipped): counts so far, for a progress display."""

    done: int
    total: int
    failed: int
    sentences: int
    doc_id: str
    status: str


ProgressFn = Callable[[ProgressEvent], None]


def _hash_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_hash(doc: DocPair) -> str:
    """SHA-256 of the source and target files (InputError when one cannot be read)."""
    parts = []
    for path in (doc.src, doc.tgt):
        if path is None:
            continue
        problem = unreadable_kind(path)
        if problem:
            raise InputError(f"{path}: {problem}")
        check_file_size(os.stat(path).st_size, path)  # before hashing or reading it
        try:
            parts.append(_hash_file(path))
        except OSError as e:
            raise InputError(f"{path}: cannot be read ({e.strerror})") from None
    return ":".join(parts)


def unreadable_kind(path: str) -> str | None:
    """Why ``path`` is no document to read, naming what it is; None for a regular file.

    Checked before reading: a FIFO blocks forever, /dev/zero never ends, a folder is not text.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a document"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a document"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a document"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a document"
    return "is not a regular file"


def _read(path: str | None) -> bytes | None:
    return None if path is None else Path(path).read_bytes()


def alignment_path(out_dir: Path, doc_id: str) -> Path:
    """Where the per-document alignment of ``doc_id`` goes (``/`` in ids become folders)."""
    return out_dir / ALIGNMENTS / f"{doc_id}.jsonl"


def pair_inputs(
    inputs: Sequence[str],
    *,
    manifest: str | None = None,
    match: str = "name",
    options: CorpusOptions | None = None,
) -> Pairing:
    """Decide the document pairs from the command's inputs (see the four kinds in pairing)."""
    opts = options or CorpusOptions()
    if manifest is not None:
        if inputs:
            raise ConfigError("give either --manifest or INPUT folders, not both.")
        return read_manifest(manifest)
    if match not in ("name", "content"):
        raise ConfigError(f"--match {match!r}: use name or content.")
    if len(inputs) == 1:
        if match == "content":
            raise ConfigError("--match content needs two inputs: the EN and the ZH documents.")
        return mixed_pages(inputs[0])
    if len(inputs) != 2:
        raise ConfigError(
            "give one folder of mixed EN/ZH pages, two folders (EN then ZH), or --manifest FILE."
        )
    if match == "name":
        return pair_by_name(inputs[0], inputs[1])
    s_base, s_files = list_inputs(inputs[0])
    t_base, t_files = list_inputs(inputs[1])
    files = [(str(f), opts.src_lang) for f in s_files] + [(str(f), opts.tgt_lang) for f in t_files]

    def tasks() -> Iterator[Task]:
        for path, lang in files:
            doc = DocPair(path, path, None, lang, lang)
            yield Task(doc, Path(path).read_bytes(), None, opts.settings)

    found: dict[int, DocVector] = {}
    if opts.settings.cache_path:  # the vectors go through the cache of the output folder
        Path(opts.settings.cache_path).parent.mkdir(parents=True, exist_ok=True)
    jobs = min(opts.jobs, max(1, len(files)))
    for k, dv in run_tasks(
        document_vector, tasks(), opts.settings, jobs=jobs, cluster=opts.cluster
    ):
        found[k] = dv
    dim = max((len(v.vector) for v in found.values()), default=1)
    vectors = np.zeros((len(files), dim), dtype=np.float32)  # unreadable: a zero row
    sizes = np.zeros(len(files), dtype=np.float64)
    for k, dv in found.items():
        if len(dv.vector):
            vectors[k], sizes[k] = dv.vector, dv.size
    n = len(s_files)
    found_pairs = pair_by_content(
        [str(f) for f in s_files],
        [str(f) for f in t_files],
        vectors[:n],
        vectors[n:],
        str(s_base),
        src_sizes=sizes[:n],
        tgt_sizes=sizes[n:],
    )
    return replace(found_pairs, roots=(str(s_base), str(t_base)))


def _failure(doc: DocPair, message: str) -> DocResult:
    return DocResult(doc.id, "failed", " ".join(message.split()), "", ())


def align_pending(
    pairing: Pairing,
    out_dir: Path,
    state: StateStore,
    opts: CorpusOptions,
    progress: ProgressFn | None = None,
) -> set[str]:
    """Align every document not already done with these inputs and settings; return skipped."""
    signature = opts.settings.signature()
    skipped: set[str] = set()
    todo: list[tuple[DocPair, str]] = []
    total = len(pairing.pairs)
    done = failed = sentences = 0
    clashes = _path_clashes(pairing)
    for doc in pairing.pairs:
        try:
            if doc.id in clashes:
                raise InputError(clashes[doc.id])
            h = input_hash(doc)
        except InputError as e:
            log.warning("%s: failed: %s", doc.id, e)  # named on stderr, not only in the report
            state.record(_failure(doc, str(e)), "", signature)
            done += 1
            failed += 1
            if progress:
                progress(ProgressEvent(done, total, failed, sentences, doc.id, "failed"))
            continue
        if state.done(doc.id, h, signature) and alignment_path(out_dir, doc.id).is_file():
            skipped.add(doc.id)
            done += 1
            if progress:
                progress(ProgressEvent(done, total, failed, sentences, doc.id, "skipped"))
            continue
        todo.append((doc, h))

    def tasks() -> Iterator[Task]:
        for doc, _ in todo:
            yield Task(doc, _read(doc.src) or b"", _read(doc.tgt), opts.settings)

    for k, result in run_tasks(
        process, tasks(), opts.settings, jobs=opts.jobs, cluster=opts.cluster
    ):
        doc, h = todo[k]
        target = alignment_path(out_dir, doc.id)
        if result.status == "ok":
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_text_atomic(target, result.alignment_jsonl)
            except OSError as e:  # this document fails; the others go on
                result = _failure(doc, f"{target}: cannot be written ({e.strerror})")
        if result.status != "ok":
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            log.warning("%s: failed: %s", doc.id, result.error)
        state.record(result, h, signature)
        done += 1
        failed += result.status != "ok"
        sentences += result.src_segments + result.tgt_segments
        if progress:
            progress(ProgressEvent(done, total, failed, sentences, doc.id, result.status))
    return skipped


def _path_clashes(pairing: Pairing) -> dict[str, str]:
    """Ids whose alignment file would need a folder that is another document's file.

    ``d`` writes alignments/d.jsonl; ``d.jsonl/e`` would need alignments/d.jsonl/ as a folder.
    The deeper id fails (alone, with this message); the run goes on.
    """
    files = {f"{p.id}.jsonl": p.id for p in pairing.pairs}
    out: dict[str, str] = {}
    for p in pairing.pairs:
        parts = p.id.split("/")
        for k in range(1, len(parts)):
            folder = "/".join(parts[:k])
            other = files.get(folder)
            if other is not None:
                out[p.id] = (
                    f"id {p.id!r} needs the folder {ALIGNMENTS}/{folder}, which is the alignment "
                    f"file of document {other!r}; give one of them another id in the manifest."
                )
                break
    return out


def _forget_stale(pairing: Pairing, out_dir: Path, state: StateStore) -> None:
    """Documents of an earlier run that this run no longer has leave the state and the folder."""
    wanted = {p.id for p in pairing.pairs}
    for doc_id in list(state.ids()):
        if doc_id not in wanted:
            state.forget(doc_id)
            with contextlib.suppress(FileNotFoundError):
                alignment_path(out_dir, doc_id).unlink()


def write_corpus(
    pairing: Pairing, out_dir: Path, state: StateStore, opts: CorpusOptions, skipped: set[str]
) -> CorpusReport:
    """Filter and deduplicate the stored candidates in id order; stream the corpus files."""
    dedup = Deduplicator(opts.filters)
    conf_hist = Histogram.empty("confidence", 0.0, 1.0, 20)
    ratio_hist = Histogram.empty("length ratio (log2, src/tgt weighted)", -4.0, 4.0, 32)
    docs: list[DocReport] = []
    with CorpusWriter(
        out_dir,
        src_lang=opts.src_lang,
        tgt_lang=opts.tgt_lang,
        signature=opts.settings.signature(),
        keep_rejected=opts.keep_rejected,
    ) as writer:
        for doc in pairing.pairs:
            result = state.load(doc.id)
            if result is None:  # cannot happen after align_pending; report it, do not crash
                result = _failure(doc, "no result recorded")
            dropped: Counter[str] = Counter()
            kept = 0
            for c in result.candidates:
                pair = CorpusPair(doc.id, c.src, c.tgt, c.score, c.src_ids, c.tgt_ids, c.flags)
                if c.src_ids and c.tgt_ids:
                    conf_hist = conf_hist.add(c.score)
                    r = length_ratio(c.src, c.tgt)
                    if math.isfinite(r):
                        sign = 1 if weighted_length(c.src) >= weighted_length(c.tgt) else -1
                        ratio_hist = ratio_hist.add(sign * math.log2(r))
                reasons = pair_reasons(c, opts.filters, opts.src_lang, opts.tgt_lang)
                reason = reasons[0] if reasons else dedup.reason(c.src, c.tgt)
                if reason is None:
                    writer.add(pair)
                    kept += 1
                else:
                    writer.reject(pair, reason)
                    dropped[reason] += 1
            status = "skipped" if doc.id in skipped and result.status == "ok" else result.status
            docs.append(
                DocReport(
                    id=doc.id,
                    src=doc.src,
                    tgt=doc.tgt,
                    status=status,
                    error=result.error,
                    pairs=len(result.candidates),
                    kept=kept,
                    dropped=tuple((r, dropped[r]) for r in REASONS if dropped[r]),
                    mean_confidence=result.mean_confidence,
                    drift_score=result.drift_score,
                    src_coverage=result.src_coverage,
                    tgt_coverage=result.tgt_coverage,
                    seconds=result.seconds,
                )
            )
    return CorpusReport.build(
        docs,
        pairing.unpaired,
        signature=opts.settings.signature(),
        filters=opts.filters.describe(),
        histograms=(conf_hist, ratio_hist),
    )


def build_corpus(
    pairing: Pairing,
    out_dir: str | Path,
    options: CorpusOptions | None = None,
    progress: ProgressFn | None = None,
) -> CorpusReport:
    """Align, filter and write the corpus of ``pairing`` into ``out_dir``; return the report."""
    opts = options or CorpusOptions()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder; give a folder for -o.")
    _refuse_output_in_inputs(pairing, out)
    out.mkdir(parents=True, exist_ok=True)
    _refuse_inputs_inside(pairing, out)
    with contextlib.ExitStack() as held:
        # One run per output folder (and per cache file shared between folders), for the
        # whole run: the second refuses, naming the first's process.
        held.enter_context(holding(out / LOCK, f"the corpus folder {out}"))
        cache = opts.settings.cache_path
        if cache and Path(cache).resolve().parent != out.resolve():
            held.enter_context(
                holding(lock_path_beside(Path(cache)), f"the embedding cache {cache}")
            )
        clean_stale(out)
        start = time.perf_counter()
        state = StateStore(out / "state.sqlite")
        try:
            _forget_stale(pairing, out, state)
            skipped = align_pending(pairing, out, state, opts, progress)
            report = write_corpus(pairing, out, state, opts, skipped)
        finally:
            state.close()
        report = report.with_seconds(round(time.perf_counter() - start, 3))
        write_reports(report, out)
    return report


def _refuse_output_in_inputs(pairing: Pairing, out: Path) -> None:
    """OUT_DIR inside an input folder: the next run would read its outputs as inputs."""
    where = out.resolve()
    for root in pairing.roots:
        base = Path(root).resolve()
        if where == base or base in where.parents:
            raise ConfigError(
                f"-o {out}: is inside the input folder {root}; the next run would read the "
                "corpus back as input. Write the corpus outside the input folders."
            )


def _refuse_inputs_inside(pairing: Pairing, out: Path) -> None:
    """An input inside OUT_DIR could be overwritten by an output: refuse before any work."""
    root = out.resolve()
    for doc in pairing.pairs:
        for path in (doc.src, doc.tgt):
            if path is not None and root in Path(path).resolve().parents:
                raise ConfigError(
                    f"{path}: is inside the output folder {out}; write the corpus elsewhere."
                )


def default_cache(out_dir: str | Path) -> str:
    """The embedding cache of a corpus folder (shared by its runs and its workers).

    The folder is made by the run (after its checks), not here: a refused run leaves nothing.
    """
    return str(Path(out_dir) / "embeddings.sqlite")


__all__ = [
    "CorpusOptions",
    "ProgressEvent",
    "alignment_path",
    "build_corpus",
    "default_cache",
    "pair_inputs",
]
