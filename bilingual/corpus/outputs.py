"""The corpus files, streamed pair by pair into temporary files and renamed into place at the end.

``corpus.en``/``corpus.zh`` (Moses, line-parallel), ``corpus.tmx`` (TMX 1.4b, one ``<tu>`` per
pair with ``<prop>``s for document id, bead ids and score), ``corpus.jsonl`` (one uniform record
per pair: doc, src, tgt, score, src_ids, tgt_ids, flags) are written by the streaming writers of
those formats in the export registry (:func:`bilingual.export.open_stream`); ``corpus.parquet``
when pyarrow is installed, and ``rejected.jsonl`` (each dropped pair with its reason) on
request, are corpus-only. Nothing holds the corpus in memory: units are written as they come
(Parquet in row groups). Every file is staged by ``io.StagedFile``: on success renamed over its
final name; on failure the temporary files are removed and earlier outputs stay as they were.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from types import TracebackType
from typing import Any

from bilingual.export import open_stream, stream_paths
from bilingual.export.stream import (
    CorpusPair,
    StreamTarget,
    StreamWriter,
    corpus_record,
    dumps_line,
)
from bilingual.io import StagedFile

__all__ = ["CORPUS_FORMATS", "CorpusWriter", "clean_stale"]

# the registry formats a corpus is written in, each to OUT_DIR/corpus.<ext> (Moses: one file
# per language)
CORPUS_FORMATS = ("moses", "tmx", "jsonl")
PARQUET_ROWS = 10_000


class CorpusWriter:
    """Streams kept and rejected pairs into the corpus files of ``out_dir``.

    Use as a context manager; the files appear under their final names only when the block
    ends without an exception.
    """

    def __init__(
        self,
        out_dir: Path,
        *,
        src_lang: str = "en",
        tgt_lang: str = "zh",
        signature: str = "",
        keep_rejected: bool = False,
        parquet: bool | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.signature = signature
        self.keep_rejected = keep_rejected
        if parquet is None:
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                parquet = False
            else:
                parquet = True
        self.parquet = parquet
        self._staged: list[StagedFile] = []
        self._streams: list[StreamWriter] = []
        self._rows: list[dict[str, Any]] = []
        self._pq: Any = None
        self.kept = 0
        self.rejected = 0

    def __enter__(self) -> CorpusWriter:
        d = self.out_dir
        langs = (self.src_lang, self.tgt_lang)
        for fmt in CORPUS_FORMATS:
            staged = [self._stage(p) for p in stream_paths(fmt, d / "corpus", *langs)]
            target = StreamTarget(tuple(f.fh for f in staged), *langs, self.signature)
            self._streams.append(open_stream(fmt, target))
        self._rej = self._stage(d / "rejected.jsonl") if self.keep_rejected else None
        self._pqfile = self._stage(d / "corpus.parquet", binary=True) if self.parquet else None
        return self

    def _stage(self, final: Path, binary: bool = False) -> StagedFile:
        s = StagedFile(final, binary=binary)
        self._staged.append(s)
        return s

    def add(self, p: CorpusPair) -> None:
        """Append one kept pair to every corpus file."""
        self.kept += 1
        for stream in self._streams:
            stream.add(p)
        if self._pqfile is not None:
            self._rows.append(corpus_record(p))
            if len(self._rows) >= PARQUET_ROWS:
                self._flush_parquet()

    def reject(self, p: CorpusPair, reason: str) -> None:
        """Count a dropped pair; with ``keep_rejected`` write it with its reason."""
        self.rejected += 1
        if self._rej is not None:
            self._rej.fh.write(dumps_line({**corpus_record(p), "reason": reason}))

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [
                ("doc", pa.string()),
                ("src", pa.string()),
                ("tgt", pa.string()),
                ("score", pa.float64()),
                ("src_ids", pa.list_(pa.int64())),
                ("tgt_ids", pa.list_(pa.int64())),
                ("flags", pa.list_(pa.string())),
            ]
        )
        if self._pq is None and self._pqfile is not None:
            self._pq = pq.ParquetWriter(self._pqfile.fh, schema)
        self._pq.write_table(pa.Table.from_pylist(self._rows, schema=schema))
        self._rows = []

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            for s in self._staged:
                s.discard()
            return
        try:
            for stream in self._streams:
                stream.close()
            if self._pqfile is not None:
                if self._rows or self._pq is None:
                    self._flush_parquet()
                self._pq.close()
            for s in self._staged:
                s.finish()
        except BaseException:
            for s in self._staged:
                s.discard()
            raise
        for s in self._staged:
            s.publish()
        if not self.keep_rejected:
            with contextlib.suppress(FileNotFoundError):
                (self.out_dir / "rejected.jsonl").unlink()


def clean_stale(out_dir: Path) -> None:
    """Remove temporary files a killed run left in the output folder."""
    for p in out_dir.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            p.unlink()
    for p in (out_dir / "alignments").rglob(".*.tmp") if (out_dir / "alignments").is_dir() else ():
        with contextlib.suppress(OSError):
            p.unlink()
