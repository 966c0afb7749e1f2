"""`bilingual corpus INPUT... -o OUT_DIR`: many document pairs into one filtered parallel corpus."""

from __future__ import annotations

import contextlib
import signal
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.commands._common import EXIT_FINDINGS, handles_errors
from bilingual.commands._options import DEFAULT_ENCODER, FILTER_DEFAULTS, Encoder, Presplit
from bilingual.commands._progress import progress_display, quiet
from bilingual.progress import report as report_step

if TYPE_CHECKING:
    from bilingual.corpus import CorpusOptions, Pairing, ProgressEvent
    from bilingual.corpus.report import Totals


class MatchBy(str, Enum):
    name = "name"
    content = "content"


class _Progress:
    """Documents done, sentences per second and time left as a bar on a terminal's stderr;
    nothing on a pipe or with ``-q`` (the report keeps the timings)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.stack = contextlib.ExitStack()
        self.bar = self.stack.enter_context(progress_display())

    def __call__(self, ev: ProgressEvent) -> None:
        if self.bar is None:
            return
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        unit = f"documents, {ev.sentences / elapsed:.0f} sent/s, {ev.failed} failed"
        report_step("documents", ev.done, ev.total, unit)

    def stop(self) -> None:
        self.stack.close()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C: workers stop, the state store keeps what finished."""
    raise KeyboardInterrupt


# The options, one alias each (as in commands/_options.py) so that the command's signature
# stays short; help texts as the user sees them in `bilingual corpus --help`.
_Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="EN_DIR ZH_DIR (folders or quoted globs), or one folder of mixed EN/ZH pages."
    ),
]
_Output = Annotated[Path, typer.Option("--output", "-o", help="Output folder.")]
_Manifest = Annotated[
    str | None,
    typer.Option("--manifest", help="TSV/JSONL list: src, tgt[, id, src_lang, tgt_lang]."),
]
_Jobs = Annotated[
    int | None, typer.Option("--jobs", "-j", help="Local worker processes (default: cores).")
]
_Cluster = Annotated[
    str | None,
    typer.Option("--cluster", help="A Dask scheduler address (tcp://host:port)."),
]
_Match = Annotated[
    MatchBy, typer.Option("--match", help="Pair two folders by file name or by content.")
]
_Strict = Annotated[bool, typer.Option("--strict", help="Exit 1 when any document failed.")]
_KeepRejected = Annotated[
    bool, typer.Option("--keep-rejected", help="Write rejected.jsonl (pair + reason).")
]
_MinConfidence = Annotated[
    float, typer.Option("--min-confidence", help="Drop pairs below this bead confidence.")
]
_MaxLengthRatio = Annotated[
    float,
    typer.Option("--max-length-ratio", help="Drop pairs whose longer side is more times longer."),
]
_MinChars = Annotated[int, typer.Option("--min-chars", help="Drop shorter sides.")]
_MaxChars = Annotated[int, typer.Option("--max-chars", help="Drop longer sides.")]
_Omissions = Annotated[
    bool, typer.Option("--omissions/--no-omissions", help="Keep 1:0/0:1 beads in the corpus.")
]
_NumberFilter = Annotated[
    bool, typer.Option("--number-filter/--no-number-filter", help="Drop number_mismatch.")
]
_UntranslatedFilter = Annotated[
    bool,
    typer.Option("--untranslated-filter/--no-untranslated-filter", help="Drop untranslated."),
]
_LanguageFilter = Annotated[
    bool,
    typer.Option("--language-filter/--no-language-filter", help="Drop wrong-script pairs."),
]
_Dedup = Annotated[bool, typer.Option("--dedup/--no-dedup", help="Drop exact and near duplicates.")]
_Cache = Annotated[
    str | None,
    typer.Option("--cache", help="Embedding cache file (default OUT_DIR/embeddings.sqlite)."),
]
_NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not cache embeddings.")]


@handles_errors
def corpus(
    inputs: _Inputs = None,
    output: _Output = Path("corpus"),
    manifest: _Manifest = None,
    jobs: _Jobs = None,
    cluster: _Cluster = None,
    match: _Match = MatchBy.name,
    strict: _Strict = False,
    keep_rejected: _KeepRejected = False,
    min_confidence: _MinConfidence = FILTER_DEFAULTS["min_confidence"],
    max_length_ratio: _MaxLengthRatio = FILTER_DEFAULTS["max_length_ratio"],
    min_chars: _MinChars = FILTER_DEFAULTS["min_chars"],
    max_chars: _MaxChars = FILTER_DEFAULTS["max_chars"],
    omissions: _Omissions = False,
    number_filter: _NumberFilter = True,
    untranslated_filter: _UntranslatedFilter = True,
    language_filter: _LanguageFilter = True,
    dedup: _Dedup = True,
    cache: _Cache = None,
    no_cache: _NoCache = False,
    presplit: Presplit = False,
    encoder: Encoder = DEFAULT_ENCODER,
) -> None:
    """Build a parallel corpus from many document pairs (resumable; local workers or Dask).

    Writes OUT_DIR/corpus.en, corpus.zh, corpus.tmx, corpus.jsonl (+ corpus.parquet with
    pyarrow), report.json, report.html, alignments/<doc id>.jsonl and state.sqlite. Re-running
    the same command skips finished documents. Exit 0 even when documents failed (they are in
    the report) unless --strict; 2 for usage errors.
    """
    from bilingual.corpus import (
        CorpusOptions,
        FilterConfig,
        Settings,
        default_cache,
        pair_inputs,
    )
    from bilingual.corpus.execute import default_jobs
    from bilingual.errors import InputError

    if cluster is not None:
        from bilingual.extras import require_extra

        require_extra("dask", "--cluster")  # before any folder is made or file is read
    existed = output.exists()
    cache_path = None if no_cache else (cache or default_cache(output))
    opts = CorpusOptions(
        settings=Settings(encoder=encoder, cache_path=cache_path, presplit=presplit),
        filters=FilterConfig(
            min_confidence=min_confidence,
            drop_omissions=not omissions,
            max_length_ratio=max_length_ratio,
            drop_number_mismatch=number_filter,
            drop_untranslated=untranslated_filter,
            check_language=language_filter,
            min_chars=min_chars,
            max_chars=max_chars,
            dedup=dedup,
            near_dedup=dedup,
        ),
        jobs=jobs or default_jobs(),
        cluster=cluster,
        keep_rejected=keep_rejected,
    )
    pairing = pair_inputs(inputs or [], manifest=manifest, match=match.value, options=opts)
    if not pairing.pairs:
        if not existed:  # default_cache made it; a refused run leaves nothing behind
            with contextlib.suppress(OSError):
                output.rmdir()
        raise InputError(_nothing_to_pair(inputs or [], manifest, len(pairing.unpaired)))
    totals = _build(pairing, output, opts)
    if strict and totals.failed:
        raise typer.Exit(EXIT_FINDINGS)


def _build(pairing: Pairing, output: Path, opts: CorpusOptions) -> Totals:
    """Run the build with a progress bar; SIGTERM and Ctrl-C keep what finished. Says on
    stderr what was kept (unless -q)."""
    from bilingual.corpus import build_corpus

    progress = _Progress()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        report = build_corpus(pairing, output, opts, progress)
    except KeyboardInterrupt:
        typer.echo(
            f"error: interrupted; finished documents are kept in {output / 'state.sqlite'}: "
            "re-run the same command to resume.",
            err=True,
        )
        raise typer.Exit(130) from None
    finally:
        progress.stop()
        signal.signal(signal.SIGTERM, previous)
    t = report.totals
    if not quiet():
        typer.echo(
            f"corpus: {t.kept} pairs kept of {t.pairs} from {t.documents} documents "
            f"({t.ok} aligned, {t.skipped} skipped as done, {t.failed} failed, {t.unpaired} "
            f"unpaired inputs) in {output}",
            err=True,
        )
    return t


def _nothing_to_pair(inputs: list[str], manifest: str | None, unpaired: int) -> str:
    """What the run looked for when it found no document pair: the fix depends on the mode."""
    if manifest is not None:
        return f"{manifest}: lists no document pairs; write one src<TAB>tgt line per pair."
    if len(inputs) == 1:
        return (
            f"nothing to pair: {inputs[0]} holds no files (one INPUT is read as a folder of "
            "mixed EN/ZH pages); give EN_DIR ZH_DIR to pair two folders."
        )
    return (
        f"nothing to pair: no file of {inputs[0]} has a partner in {inputs[1]} by relative path "
        f"or by name without language marks (a.en.txt↔a.zh.txt, en/a.txt↔zh/a.txt); {unpaired} "
        "files left unpaired. Rename them, use --match content, or give --manifest."
    )
