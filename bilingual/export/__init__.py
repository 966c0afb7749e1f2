"""Writers and readers of alignment formats, and a small registry that picks one by name.

Formats: ``tmx`` (TMX 1.4b), ``tsv``, ``jsonl``, ``moses`` (two plain files), ``gold``
(Vecalign ``[0,1]:[2]`` lines) and ``md`` (Markdown side by side). Every writer is a pure
function ``Alignment -> str`` (Moses returns two strings); ``write_alignment`` writes the result
atomically through bilingual.io, or to stdout. ``tmx``, ``jsonl`` and ``moses`` also have a
streaming writer (:mod:`bilingual.export.stream`: pair by pair into files the caller stages;
corpus mode writes its corpus files with them, :func:`open_stream`). What each format keeps:

- jsonl keeps everything (segments, ids, paragraphs, scores, signature) and reads back exactly;
- tsv, moses, md keep every bead and every segment once, but a reader sees one segment per side
  of each bead (multi-segment sides are joined);
- tmx skips omission beads (see bilingual.export.tmx) and otherwise behaves like tsv;
- gold keeps only the ids; ``read_gold`` gives beads, not an Alignment.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import ConfigError
from bilingual.export.gold import parse_gold, read_gold, write_gold
from bilingual.export.jsonl import JsonlStream, parse_jsonl, read_jsonl, write_jsonl
from bilingual.export.markdown import parse_markdown, read_markdown, write_markdown
from bilingual.export.moses import MosesStream, moses_paths, parse_moses, read_moses, write_moses
from bilingual.export.stream import StreamTarget, StreamWriter
from bilingual.export.tmx import TmxStream, parse_tmx, read_tmx, write_tmx
from bilingual.export.tsv import parse_tsv, read_tsv, write_tsv
from bilingual.io import is_stdout, write_files_atomic, write_output
from bilingual.model import Alignment

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "Format",
    "format_from_path",
    "get_format",
    "moses_paths",
    "open_stream",
    "parse_gold",
    "parse_jsonl",
    "parse_markdown",
    "parse_moses",
    "parse_tmx",
    "parse_tsv",
    "read_alignment",
    "read_gold",
    "read_jsonl",
    "read_markdown",
    "read_moses",
    "read_tmx",
    "read_tsv",
    "render",
    "stream_paths",
    "write_alignment",
    "write_gold",
    "write_jsonl",
    "write_markdown",
    "write_moses",
    "write_tmx",
    "write_tsv",
]

Reader = Callable[[Path, str | None, str | None], Alignment]


@dataclass(frozen=True)
class Format:
    """One export format: the registry entry every place that offers formats reads.

    ``extensions`` imply the format when reading or writing; ``media_type`` and ``download``
    (default: the first extension) name a download; ``sides`` names the files of a format
    written as one file per language (Moses), downloaded one side at a time; ``stream`` opens
    the format's streaming writer (None: the format is written whole only).
    """

    name: str
    extensions: tuple[str, ...]
    description: str
    render: Callable[[Alignment], str] | None
    read: Reader | None
    media_type: str = "text/plain; charset=utf-8"
    sides: tuple[str, ...] = ()
    download: str | None = None
    stream: Callable[[StreamTarget], StreamWriter] | None = None

    @property
    def download_suffix(self) -> str:
        """The file suffix of a download, without the dot ("" for per-language files)."""
        ext = self.download or (self.extensions[0] if self.extensions else "")
        return ext.lstrip(".")


# The registry of export formats: `align --format`, the review server's downloads and the
# review page's list of them all come from here. Adding a format is one entry (and its module).
_FORMATS: tuple[Format, ...] = (
    Format(
        "tmx",
        (".tmx",),
        "TMX 1.4b translation memory",
        write_tmx,
        lambda p, s, t: read_tmx(p),
        "application/x-tmx+xml; charset=utf-8",
        stream=TmxStream,
    ),
    Format(
        "tsv",
        (".tsv",),
        "src<TAB>tgt<TAB>score lines",
        write_tsv,
        lambda p, s, t: read_tsv(p, src_lang=s, tgt_lang=t),
        "text/tab-separated-values; charset=utf-8",
    ),
    Format(
        "jsonl",
        (".jsonl",),
        "one JSON bead per line (exact round trip)",
        write_jsonl,
        lambda p, s, t: read_jsonl(p),
        "application/jsonl; charset=utf-8",
        stream=JsonlStream,
    ),
    Format(
        "moses",
        (),
        "PREFIX.<srclang> and PREFIX.<tgtlang>, one bead per line",
        None,
        None,
        sides=("src", "tgt"),
        stream=MosesStream,
    ),
    Format(
        "gold",
        (".gold", ".align"),
        "Vecalign [0,1]:[2] id lines",
        write_gold,
        None,
        download=".align",
    ),
    Format(
        "md",
        (".md", ".markdown"),
        "Markdown side-by-side table",
        write_markdown,
        lambda p, s, t: read_markdown(p),
        "text/markdown; charset=utf-8",
    ),
)
FORMATS: tuple[str, ...] = tuple(f.name for f in _FORMATS)
EXPORT_FORMATS: tuple[Format, ...] = _FORMATS


def get_format(name: str) -> Format:
    """The format called ``name`` (case-insensitive); ConfigError listing the known ones."""
    for fmt in _FORMATS:
        if fmt.name == name.lower():
            return fmt
    raise ConfigError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}.")


def format_from_path(path: str | os.PathLike[str]) -> str:
    """The format implied by a file name's extension (.tmx .tsv .jsonl .gold/.align .md)."""
    suffix = Path(path).suffix.lower()
    for fmt in _FORMATS:
        if suffix in fmt.extensions:
            return fmt.name
    known = ", ".join(e for f in _FORMATS for e in f.extensions)
    raise ConfigError(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; name the "
        f"file with one of {known} or give the format explicitly (one of {', '.join(FORMATS)})."
    )


def stream_paths(fmt: str, prefix: Path, src_lang: str, tgt_lang: str) -> tuple[Path, ...]:
    """The files ``fmt`` streams to under ``prefix``: PREFIX.<srclang> and PREFIX.<tgtlang>
    for a per-language format (Moses), else PREFIX plus the format's first extension."""
    spec = get_format(fmt)
    if spec.sides:
        return moses_paths(prefix, src_lang, tgt_lang)
    return (prefix.with_name(prefix.name + spec.extensions[0]),)


def open_stream(fmt: str, target: StreamTarget) -> StreamWriter:
    """The streaming writer of ``fmt`` over ``target``'s files (see :func:`stream_paths`)."""
    spec = get_format(fmt)
    if spec.stream is None:
        streamed = ", ".join(f.name for f in _FORMATS if f.stream is not None)
        raise ConfigError(f"{spec.name} cannot be written pair by pair; use one of {streamed}.")
    return spec.stream(target)


def render(alignment: Alignment, fmt: str) -> str:
    """``alignment`` in a single-file format as text (Moses: use ``write_moses``)."""
    writer = get_format(fmt).render
    if writer is None:
        raise ConfigError(
            "moses output is two files; use write_moses or write_alignment with an output prefix."
        )
    return writer(alignment)


def write_alignment(alignment: Alignment, fmt: str, output: Path | None) -> None:
    """Write ``alignment`` as ``fmt`` to ``output`` atomically, or to stdout when it is None.

    For ``moses`` ``output`` is a PREFIX and two files are written, PREFIX.<srclang> and
    PREFIX.<tgtlang>; either both appear or neither does.
    """
    spec = get_format(fmt)
    if spec.name == "moses":
        if output is None or is_stdout(output):
            raise ConfigError(
                "moses output is two files; give an output prefix (e.g. -o "
                "corpus writes corpus.en and corpus.zh)."
            )
        src_lang, tgt_lang = alignment.src.document.lang, alignment.tgt.document.lang
        if src_lang == tgt_lang:
            raise ConfigError(
                f"both sides are {src_lang!r}, so PREFIX.{src_lang} would hold "
                "both; set distinct source and target languages."
            )
        src_text, tgt_text = write_moses(alignment)
        src_path, tgt_path = moses_paths(output, src_lang, tgt_lang)
        write_files_atomic({src_path: src_text, tgt_path: tgt_text})
        return
    write_output(render(alignment, spec.name), output)


def read_alignment(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Alignment:
    """Read an alignment in ``fmt`` (default: from the extension).

    ``src_lang``/``tgt_lang`` name the languages of formats that do not record them (TSV, and
    Moses, where ``path`` is the PREFIX and both are required); otherwise they are guessed.
    """
    if fmt is None:
        if str(path) == "-":
            raise ConfigError("reading stdin needs the input format; give it explicitly.")
        fmt = format_from_path(path)
    spec = get_format(fmt)
    if spec.name == "moses":
        if not src_lang or not tgt_lang:
            raise ConfigError(
                "reading moses needs the two languages, which name the files "
                "PREFIX.<srclang> and PREFIX.<tgtlang>."
            )
        return read_moses(path, src_lang, tgt_lang)
    if spec.read is None:
        raise ConfigError(
            f"{path}: {spec.name} files hold only segment ids, no texts, so they "
            "cannot be converted; score them with `bilingual eval GOLD TEST`, or convert the "
            "alignment they were written from (e.g. its .jsonl)."
        )
    return spec.read(Path(path), src_lang, tgt_lang)
