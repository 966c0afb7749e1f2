"""Reading translation files into units, and units into an Alignment of one bead each."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import DependencyError, FormatError, InputError
from bilingual.extras import install_command
from bilingual.io import check_zip
from bilingual.lang import base_code
from bilingual.model import Alignment
from bilingual.signature import make_signature

__all__ = [
    "TranslationFile",
    "TranslationUnit",
    "detect_format",
    "read_translation_file",
    "units_alignment",
]

FORMATS = ("xliff", "xliff2", "po", "tmx", "tsv", "xlsx")
_EXTENSIONS = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mxliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".tsv": "tsv",
    ".xlsx": "xlsx",
}
_XML_ROOT = re.compile(rb"<(?:[\w.-]+:)?(xliff|tmx)\b([^>]*)>", re.IGNORECASE)
_PO_LINE = re.compile(rb'^msgid\s+"', re.MULTILINE)
_HEADER_WORDS = frozenset(
    "id key source target src tgt en zh english chinese 中文 英文 原文 译文 source_text "
    "target_text segment translation".split()
)


@dataclass(frozen=True)
class TranslationUnit:
    """One unit of a translation file: its id, source and target, and what the file says."""

    id: str
    source: str
    target: str
    note: str = ""
    state: str = ""
    # what tells two units of one source apart (PO msgctxt): they may be translated differently
    context: str = ""


@dataclass(frozen=True)
class TranslationFile:
    """The units of one file with its languages (base codes: ``en``, ``zh``)."""

    name: str
    format: str
    src_lang: str
    tgt_lang: str
    units: tuple[TranslationUnit, ...]


def detect_format(path: str | os.PathLike[str], data: bytes | None = None) -> str | None:
    """The translation-file format of ``path`` (content first, then extension), or None."""
    p = Path(path)
    if data is None:
        with open(p, "rb") as fh:  # the head decides; never the whole file just to look
            data = fh.read(1 << 16)
    head = data[:4096]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if p.suffix.lower() in (".xlsx", ".xlsm", "") else None
    m = _XML_ROOT.search(head)
    if m is not None and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        if m.group(1).lower() == b"tmx":
            return "tmx"
        return "xliff2" if re.search(rb'version\s*=\s*["\']2', m.group(2)) else "xliff"
    if _PO_LINE.search(head) and b"msgstr" in data:
        return "po"
    ext = _EXTENSIONS.get(p.suffix.lower())
    if ext == "tsv":
        return "tsv"
    if ext in ("xliff", "tmx", "po", "xlsx"):
        return ext  # the parser will say what is wrong with it
    return None


def _base_lang(code: str | None) -> str:
    return base_code(code or "")


def guard_xml(data: bytes, name: str) -> None:
    """Refuse XML with entity declarations or external references (defusedxml's rules)."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data)
    except DefusedXmlException as e:
        raise FormatError(
            f"{name}: the XML declares entities or external references ({type(e).__name__}); "
            "they are refused for safety. Remove the DOCTYPE's declarations."
        ) from None
    except SafeET.ParseError as e:
        raise FormatError(f"{name}: not well-formed XML ({e}); fix the file.") from None


def _rich_text(unit: object, side: str) -> str:
    """The unit's text with inline codes kept as tags (``<x id="2"/>``, ``<g id="1">…</g>``)."""
    try:
        rich = getattr(unit, "rich_source" if side == "src" else "rich_target")
    except Exception:  # translate-toolkit raises assorted errors for unsupported markup
        rich = None
    plain = str(getattr(unit, "source" if side == "src" else "target") or "")
    if not rich:
        return plain
    out: list[str] = []

    def walk(elem: object) -> None:
        from translate.storage.placeables.strelem import StringElem

        if isinstance(elem, str):
            out.append(elem)
            return
        kids = getattr(elem, "sub", [])
        name = type(elem).__name__.lower()
        ident = getattr(elem, "id", None)
        if type(elem) is StringElem or ident is None:
            for k in kids:
                walk(k)
            return
        inner = [k for k in kids if not (isinstance(k, str) and not k)]
        if name in ("g", "pc") or inner:
            out.append(f'<{name} id="{ident}">')
            for k in inner:
                walk(k)
            out.append(f"</{name}>")
        else:
            out.append(f'<{name} id="{ident}"/>')

    for elem in rich:
        walk(elem)
    text = "".join(out)
    return text if text.strip() or not plain else plain


def _unit_state(unit: object) -> str:
    if getattr(unit, "isfuzzy", lambda: False)():
        return "fuzzy"
    if getattr(unit, "isapproved", lambda: False)():
        return "approved"
    return "translated" if getattr(unit, "istranslated", lambda: False)() else "new"


def _ttk_units(store: object, fmt: str) -> list[TranslationUnit]:
    units = []
    for n, u in enumerate(getattr(store, "units", []), 1):
        if u.isheader() or getattr(u, "isobsolete", lambda: False)():
            continue
        if fmt == "tmx":
            xml = getattr(u, "xmlelement", None)
            uid = xml.get("tuid") if xml is not None else None
            ident = uid or f"tu{n}"
        else:
            ident = str(u.getid() or f"unit{n}").replace("\x04", "::")
        rich = fmt == "xliff"
        src = _rich_text(u, "src") if rich else str(u.source or "")
        tgt = _rich_text(u, "tgt") if rich else str(u.target or "")
        context = str(u.getcontext() or "") if fmt == "po" else ""
        units.append(
            TranslationUnit(ident, src, tgt, str(u.getnotes() or ""), _unit_state(u), context)
        )
    return units


def _read_ttk(data: bytes, fmt: str, name: str) -> TranslationFile:
    try:
        if fmt == "xliff":
            from translate.storage.xliff import xlifffile as store_class
        elif fmt == "xliff2":
            from translate.storage.xliff2 import Xliff2File as store_class
        elif fmt == "tmx":
            from translate.storage.tmx import tmxfile as store_class
        else:
            from translate.storage.po import pofile as store_class
    except ImportError as e:
        raise DependencyError(
            f"reading {fmt} files needs translate-toolkit; run: {install_command('formats')}"
        ) from e
    if fmt != "po":
        guard_xml(data, name)
    try:
        store = store_class.parsestring(data)
    except Exception as e:  # translate-toolkit's parsers raise ValueError, lxml errors ...
        raise FormatError(f"{name}: cannot be read as {fmt} ({e}); check the file.") from None
    units = _ttk_units(store, fmt)
    src_lang = _base_lang(store.getsourcelanguage()) if hasattr(store, "getsourcelanguage") else ""
    tgt_lang = _base_lang(store.gettargetlanguage()) if hasattr(store, "gettargetlanguage") else ""
    return _finish(name, fmt, src_lang, tgt_lang, units)


def _finish(
    name: str, fmt: str, src_lang: str, tgt_lang: str, units: list[TranslationUnit]
) -> TranslationFile:
    from bilingual.lang import guess_lang

    if not units:
        raise InputError(f"{name}: holds no translation units; check the file.")
    src_lang = src_lang or guess_lang(u.source for u in units)
    tgt_lang = tgt_lang or guess_lang(u.target for u in units)
    if src_lang == tgt_lang:
        # a PO file names only its target language; the source is then the other one
        other = guess_lang(u.source for u in units)
        src_lang = other if other != tgt_lang else ("en" if tgt_lang == "zh" else "zh")
    return TranslationFile(name, fmt, src_lang, tgt_lang, tuple(units))


def _header_like(cells: list[str]) -> bool:
    words = [c.strip().lower() for c in cells if c and c.strip()]
    return bool(words) and all(w.split("-")[0] in _HEADER_WORDS for w in words)


def _table_units(rows: list[list[str]], label: str) -> list[TranslationUnit]:
    """Units of a table: (source, target) or (id, source, target) columns, header optional."""
    start = 0
    has_id = False
    if rows and _header_like(rows[0]):
        has_id = rows[0][0].strip().lower() in ("id", "key")
        start = 1
    units = []
    for n, row in enumerate(rows[start:], start + 1):
        cells = [c if c is not None else "" for c in row]
        if not any(c.strip() for c in cells):
            continue
        if has_id and len(cells) >= 3:
            ident, src, tgt = cells[0].strip() or f"{label} {n}", cells[1], cells[2]
        else:
            src = cells[0] if cells else ""
            tgt = cells[1] if len(cells) > 1 else ""
            ident = f"{label} {n}"
        units.append(TranslationUnit(ident, src, tgt))
    return units


def _read_tsv(data: bytes, name: str) -> TranslationFile:
    from bilingual.io import decode_bytes

    text, _ = decode_bytes(data, name)
    rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n")]
    if any(len(r) > 3 for r in rows if any(c.strip() for c in r)):
        raise FormatError(f"{name}: a line has more than three tab-separated columns; "
                          "give source<TAB>target (or id<TAB>source<TAB>target).")  # fmt: skip
    return _finish(name, "tsv", "", "", _table_units(rows, "line"))


def _read_xlsx(data: bytes, name: str) -> TranslationFile:
    try:
        import openpyxl
    except ImportError as e:
        raise DependencyError(
            f"reading XLSX needs openpyxl; run: {install_command('formats')}"
        ) from e
    check_zip(data, name)  # a zip bomb is refused before openpyxl decompresses anything
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise FormatError(f"{name}: cannot be read as XLSX ({e}); check the file.") from None
    sheet = book.worksheets[0]
    rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _finish(name, "xlsx", "", "", _table_units(rows, "row"))


def read_translation_file(path: str | os.PathLike[str], fmt: str | None = None) -> TranslationFile:
    """Read the units of a translation file (format detected when not given)."""
    from bilingual.export._common import read_input_bytes

    data, name = read_input_bytes(path)
    fmt = fmt or detect_format(path, data)
    if fmt is None:
        raise FormatError(
            f"{name}: not a translation file (XLIFF, PO, TMX, TSV or XLSX); give two files "
            "to align, or one mixed page."
        )
    if fmt == "tsv":
        return _read_tsv(data, name)
    if fmt == "xlsx":
        return _read_xlsx(data, name)
    return _read_ttk(data, fmt, name)


def units_alignment(tf: TranslationFile) -> Alignment:
    """One sentence bead per unit (its own paragraph on each side); an empty target is 1:0."""
    from bilingual.export._common import BeadRecord, build_alignment

    records = []
    n_src = n_tgt = 0
    for u in tf.units:
        src = (u.source,) if u.source.strip() else ()
        tgt = (u.target,) if u.target.strip() else ()
        records.append(
            BeadRecord(
                src_texts=src,
                tgt_texts=tgt,
                src_segment_paragraphs=tuple(range(n_src, n_src + len(src))),
                tgt_segment_paragraphs=tuple(range(n_tgt, n_tgt + len(tgt))),
            )
        )
        n_src += len(src)
        n_tgt += len(tgt)
    signature = make_signature(seg="units", fmt=tf.format)
    return build_alignment(
        records,
        src_lang=tf.src_lang,
        tgt_lang=tf.tgt_lang,
        level="sentence",
        signature=signature,
        src_name=f"{tf.name}#src",
        tgt_name=f"{tf.name}#tgt",
        segmentation_signature=signature,
    )
