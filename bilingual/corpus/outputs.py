"""The corpus files, streamed pair by pair into temporary files and renamed into place at the end.

``corpus.en``/``corpus.zh`` (Moses, line-parallel), ``corpus.tmx`` (TMX 1.4b, one ``<tu>`` per
pair with ``<prop>``s for document id, bead ids and score, each unit serialised by
ElementTree), ``corpus.jsonl`` (one uniform record per pair: doc, src, tgt, score, src_ids,
tgt_ids, flags), ``corpus.parquet`` when pyarrow is installed, and ``rejected.jsonl`` (each
dropped pair with its reason) on request. Nothing holds the corpus in memory: units are
written as they come (Parquet in row groups). On success every file is renamed over its final
name; on failure the temporary files are removed and earlier outputs stay as they were.
"""

from __future__ import annotations

import contextlib
import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from bilingual._version import __version__
from bilingual.export._common import clean_xml_text, format_score, one_line
from bilingual.export.tmx import XML_LANG, to_tmx_lang
from bilingual.io import StagedFile
from bilingual.precision import json_number

PROP_DOC = "x-bilingual-doc"
PROP_SCORE = "x-bilingual-score"
PROP_SRC_IDS = "x-bilingual-src-ids"
PROP_TGT_IDS = "x-bilingual-tgt-ids"
PROP_SIGNATURE = "x-bilingual-signature"
PARQUET_ROWS = 10_000


@dataclass(frozen=True)
class CorpusPair:
    """One pair of the corpus (kept) or of rejected.jsonl (with its ``reason``)."""

    doc: str
    src: str
    tgt: str
    score: float
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    flags: tuple[str, ...]


def pair_record(p: CorpusPair) -> dict[str, Any]:
    """The JSON object of a pair: the same keys and types on every line."""
    return {
        "doc": p.doc,
        "src": p.src,
        "tgt": p.tgt,
        "score": json_number(p.score),
        "src_ids": list(p.src_ids),
        "tgt_ids": list(p.tgt_ids),
        "flags": list(p.flags),
    }


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n"


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    el = ET.SubElement(parent, "prop", {"type": kind})
    el.text = clean_xml_text(value)


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
        self._rows: list[dict[str, Any]] = []
        self._pq: Any = None
        self.kept = 0
        self.rejected = 0

    def __enter__(self) -> CorpusWriter:
        d = self.out_dir
        self._src = self._stage(d / f"corpus.{self.src_lang}")
        self._tgt = self._stage(d / f"corpus.{self.tgt_lang}")
        self._tmx = self._stage(d / "corpus.tmx")
        self._jsonl = self._stage(d / "corpus.jsonl")
        self._rej = self._stage(d / "rejected.jsonl") if self.keep_rejected else None
        self._pqfile = self._stage(d / "corpus.parquet", binary=True) if self.parquet else None
        self._tmx_head()
        return self

    def _stage(self, final: Path, binary: bool = False) -> StagedFile:
        s = StagedFile(final, binary=binary)
        self._staged.append(s)
        return s

    def _tmx_head(self) -> None:
        header = ET.Element(
            "header",
            {
                "creationtool": "bilingual",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": "bilingual",
                "adminlang": "en",
                "srclang": to_tmx_lang(self.src_lang),
                "datatype": "plaintext",
            },
        )
        _prop(header, PROP_SIGNATURE, self.signature)
        _prop(header, "x-bilingual-tgtlang", to_tmx_lang(self.tgt_lang))
        ET.indent(header, space="  ", level=1)
        fh = self._tmx.fh
        fh.write("<?xml version='1.0' encoding='UTF-8'?>\n<tmx version=\"1.4\">\n  ")
        fh.write(ET.tostring(header, encoding="unicode"))
        fh.write("\n  <body>\n")

    def add(self, p: CorpusPair) -> None:
        """Append one kept pair to every corpus file."""
        self.kept += 1
        self._src.fh.write(one_line(p.src) + "\n")
        self._tgt.fh.write(one_line(p.tgt) + "\n")
        tu = ET.Element("tu", {"tuid": str(self.kept)})
        _prop(tu, PROP_DOC, p.doc)
        if not math.isnan(p.score):
            _prop(tu, PROP_SCORE, format_score(p.score))
        _prop(tu, PROP_SRC_IDS, " ".join(map(str, p.src_ids)))
        _prop(tu, PROP_TGT_IDS, " ".join(map(str, p.tgt_ids)))
        for lang, text in ((self.src_lang, p.src), (self.tgt_lang, p.tgt)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: to_tmx_lang(lang)})
            ET.SubElement(tuv, "seg").text = clean_xml_text(text)
        ET.indent(tu, space="  ", level=2)
        self._tmx.fh.write("    " + ET.tostring(tu, encoding="unicode") + "\n")
        record = pair_record(p)
        self._jsonl.fh.write(_dumps(record))
        if self._pqfile is not None:
            self._rows.append(record)
            if len(self._rows) >= PARQUET_ROWS:
                self._flush_parquet()

    def reject(self, p: CorpusPair, reason: str) -> None:
        """Count a dropped pair; with ``keep_rejected`` write it with its reason."""
        self.rejected += 1
        if self._rej is not None:
            self._rej.fh.write(_dumps({**pair_record(p), "reason": reason}))

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
            self._tmx.fh.write("  </body>\n</tmx>\n")
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
