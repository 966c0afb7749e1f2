"""TMX 1.4b, written with xml.etree.ElementTree and read safely with defusedxml.

Writing: one ``<tu>`` per bead with a ``<tuv xml:lang=...>`` per side (``zh`` is written as
``zh-CN``, other codes as given), the bead's score and segment ids as ``<prop>``s, and the
alignment signature as a header ``<prop type="x-bilingual-signature">``. Characters XML 1.0
cannot hold (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) are removed and
CR/CRLF become LF.

Omission beads (1:0, 0:1) are SKIPPED by default: a translation memory is for CAT tools, which
expect a pair in every unit, and an unpaired sentence would be offered as a match for nothing.
Pass ``include_omissions=True`` to keep them as single-``<tuv>`` units (legal TMX), so every
segment appears exactly once. Multi-segment sides are joined into one ``<seg>`` (space for
English, nothing for Chinese), so a reader gets one segment per side of each unit.

Reading refuses DTD entity declarations and external references (XXE, billion laughs) with a
FormatError; a plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted and never fetched.
"""

from __future__ import annotations

import logging
import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped]

from bilingual._version import __version__
from bilingual.errors import FormatError
from bilingual.export._common import (
    BeadRecord,
    build_alignment,
    clean_xml_text,
    format_score,
    is_omission,
    parse_score,
    read_input_bytes,
    side_texts,
)
from bilingual.export.stream import CorpusPair, StreamTarget
from bilingual.lang import base_code
from bilingual.model import Alignment, Level
from bilingual.signature import make_signature

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PROP_SIGNATURE = "x-bilingual-signature"
PROP_SCORE = "x-bilingual-score"
PROP_SRC_IDS = "x-bilingual-src-ids"
PROP_TGT_IDS = "x-bilingual-tgt-ids"
PROP_TGT_LANG = "x-bilingual-tgtlang"
PROP_SRC_NAME = "x-bilingual-src-name"
PROP_TGT_NAME = "x-bilingual-tgt-name"
# corpus TMX (streamed): the document a unit comes from
PROP_DOC = "x-bilingual-doc"

# Language codes CAT tools expect with a region; everything else is written as given.
_TO_TMX = {"zh": "zh-CN"}
_FROM_TMX = {v.lower(): k for k, v in _TO_TMX.items()}
# TMX segtype values that are not bilingual levels, mapped to the nearest one.
_SEGTYPE_LEVEL: dict[str, Level] = {
    "sentence": "sentence",
    "phrase": "sentence",
    "paragraph": "paragraph",
    "block": "paragraph",
}
# Inline elements whose content is native markup (not text) in TMX 1.4b.
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def to_tmx_lang(code: str) -> str:
    """The xml:lang written for a bilingual language code (``zh`` -> ``zh-CN``)."""
    return _TO_TMX.get(code.lower(), code)


def from_tmx_lang(code: str) -> str:
    """The bilingual language code for a TMX xml:lang (``zh-CN`` -> ``zh``)."""
    return _FROM_TMX.get(code.lower(), code)


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    el = ET.SubElement(parent, "prop", {"type": kind})
    el.text = clean_xml_text(value)


def _tuv(parent: ET.Element, lang: str, text: str) -> None:
    tuv = ET.SubElement(parent, "tuv", {XML_LANG: to_tmx_lang(lang)})
    seg = ET.SubElement(tuv, "seg")
    seg.text = clean_xml_text(text)


def write_tmx(alignment: Alignment, *, include_omissions: bool = False) -> str:
    """Render ``alignment`` as a TMX 1.4b document (UTF-8 declared)."""
    src_lang = alignment.src.document.lang
    tgt_lang = alignment.tgt.document.lang
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "bilingual",
            "creationtoolversion": __version__,
            "segtype": alignment.level,
            "o-tmf": "bilingual",
            "adminlang": "en",
            "srclang": to_tmx_lang(src_lang),
            "datatype": "plaintext",
        },
    )
    _prop(header, PROP_SIGNATURE, alignment.signature)
    _prop(header, PROP_TGT_LANG, to_tmx_lang(tgt_lang))
    _prop(header, PROP_SRC_NAME, alignment.src.document.name)
    _prop(header, PROP_TGT_NAME, alignment.tgt.document.name)
    body = ET.SubElement(root, "body")
    skipped = 0
    for number, bead in enumerate(alignment.beads, start=1):
        if is_omission(bead) and not include_omissions:
            skipped += 1
            continue
        tu = ET.SubElement(body, "tu", {"tuid": str(number)})
        if not math.isnan(bead.score):
            _prop(tu, PROP_SCORE, format_score(bead.score))
        _prop(tu, PROP_SRC_IDS, " ".join(map(str, bead.src)))
        _prop(tu, PROP_TGT_IDS, " ".join(map(str, bead.tgt)))
        src, tgt = side_texts(alignment, bead)
        if bead.src:
            _tuv(tu, src_lang, src)
        if bead.tgt:
            _tuv(tu, tgt_lang, tgt)
    if skipped:
        log.info("TMX: skipped %d omission beads (one side empty)", skipped)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


class TmxStream:
    """TMX written unit by unit (the ``stream`` of the tmx format): the header with the run's
    signature first, then one ``<tu>`` per pair with ``<prop>``s for its document, score and
    segment ids, each unit serialised by ElementTree, and the closing tags on ``close``."""

    def __init__(self, target: StreamTarget) -> None:
        (self._fh,) = target.files
        self._langs = (target.src_lang, target.tgt_lang)
        self._n = 0
        header = ET.Element(
            "header",
            {
                "creationtool": "bilingual",
                "creationtoolversion": __version__,
                "segtype": "sentence",
                "o-tmf": "bilingual",
                "adminlang": "en",
                "srclang": to_tmx_lang(target.src_lang),
                "datatype": "plaintext",
            },
        )
        _prop(header, PROP_SIGNATURE, target.signature)
        _prop(header, PROP_TGT_LANG, to_tmx_lang(target.tgt_lang))
        ET.indent(header, space="  ", level=1)
        self._fh.write("<?xml version='1.0' encoding='UTF-8'?>\n<tmx version=\"1.4\">\n  ")
        self._fh.write(ET.tostring(header, encoding="unicode"))
        self._fh.write("\n  <body>\n")

    def add(self, pair: CorpusPair) -> None:
        """Write one ``<tu>`` (numbered from 1)."""
        self._n += 1
        tu = ET.Element("tu", {"tuid": str(self._n)})
        _prop(tu, PROP_DOC, pair.doc)
        if not math.isnan(pair.score):
            _prop(tu, PROP_SCORE, format_score(pair.score))
        _prop(tu, PROP_SRC_IDS, " ".join(map(str, pair.src_ids)))
        _prop(tu, PROP_TGT_IDS, " ".join(map(str, pair.tgt_ids)))
        for lang, text in zip(self._langs, (pair.src, pair.tgt), strict=True):
            _tuv(tu, lang, text)
        ET.indent(tu, space="  ", level=2)
        self._fh.write("    " + ET.tostring(tu, encoding="unicode") + "\n")

    def close(self) -> None:
        """Close the body and the document."""
        self._fh.write("  </body>\n</tmx>\n")


class _LineTreeBuilder(ET.TreeBuilder):
    """A TreeBuilder that remembers the source line of every element, for error messages."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: Any = None

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.parser.parser.CurrentLineNumber if self.parser else 0
        return element


def _parse_xml(data: bytes, name: str) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    parser = SafeET.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as e:
        raise FormatError(
            f"{name}: refused: the file declares XML entities or external references ({e}); "
            "bilingual does not expand entities or fetch external resources (XXE, "
            "billion laughs). Remove the <!DOCTYPE ...[...]> internal subset and entity uses."
        ) from None
    except ET.ParseError as e:
        raise FormatError(
            f"{name}: not well-formed XML ({e}); fix or re-export the TMX file."
        ) from None
    return root, builder.lines


def _seg_text(seg: ET.Element) -> str:
    """Text of a <seg>: inline code elements contribute only their tails, <hi>/<sub> their text."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _same_lang(tuv_lang: str, srclang: str) -> bool:
    # Tools write the header as "en" and the units as "en-US" (or the reverse): then compare
    # the primary subtag. Two regions (zh-CN vs zh-TW) stay different languages.
    a, b = tuv_lang.lower(), srclang.lower()
    one_bare = ("-" in a) != ("-" in b)
    return a == b or (one_bare and base_code(a) == base_code(b))


def _props(element: ET.Element) -> dict[str, str]:
    return {p.get("type", ""): (p.text or "") for p in element.findall("prop")}


def _unit_sides(
    tu: ET.Element, srclang: str, tgtlang: str, where: Callable[[ET.Element], str]
) -> tuple[str, str, str, str]:
    """A ``<tu>``'s source and target text, and the source and target languages as known
    after it (an empty or ``*all*`` source language is the first language met)."""
    tuvs = tu.findall("tuv")
    if not tuvs:
        raise FormatError(
            f"{where(tu)}: <tu> without <tuv>; every unit needs a translation unit variant."
        )
    sides: dict[str, str] = {}
    for tuv in tuvs:
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        if not lang:
            raise FormatError(f"{where(tuv)}: <tuv> without xml:lang; add the language.")
        seg = tuv.find("seg")
        if seg is None:
            raise FormatError(f"{where(tuv)}: <tuv> without <seg>; add the segment.")
        if srclang in ("", "*all*"):
            srclang = lang
        role = "src" if _same_lang(lang, srclang) else "tgt"
        if role == "tgt":
            if tgtlang and lang.lower() != tgtlang.lower():
                raise FormatError(
                    f"{where(tuv)}: a third language {lang!r} besides {srclang!r} and "
                    f"{tgtlang!r}; bilingual reads two-language TMX only, filter it first."
                )
            tgtlang = lang
        if role in sides:
            raise FormatError(
                f"{where(tuv)}: two <tuv> of language {lang!r} in one <tu>; keep one per language."
            )
        sides[role] = _seg_text(seg)
    return sides.get("src", ""), sides.get("tgt", ""), srclang, tgtlang


def parse_tmx(data: bytes | str, name: str = "<tmx>", *, level: Level | None = None) -> Alignment:
    """Parse a bilingual TMX document into an Alignment (one segment per side of each unit).

    The source language is the header's ``srclang`` (or, for ``*all*``, the first unit's first
    language); every other ``<tuv>`` is the target, and a unit may hold one of each.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    root, lines = _parse_xml(data, name)

    def where(el: ET.Element) -> str:
        return f"{name}: line {lines.get(id(el), 0)}"

    if root.tag != "tmx":
        raise FormatError(
            f"{where(root)}: root element is <{root.tag}>, not <tmx>; give a TMX file."
        )
    header = root.find("header")
    body = root.find("body")
    if header is None or body is None:
        raise FormatError(
            f"{where(root)}: a TMX file needs a <header> and a <body>; "
            "the file is truncated or not TMX."
        )
    hprops = _props(header)
    srclang = header.get("srclang", "")
    tgtlang = hprops.get(PROP_TGT_LANG, "")
    if level is None:
        level = _SEGTYPE_LEVEL.get(header.get("segtype", "sentence"), "sentence")
    records: list[BeadRecord] = []
    for tu in body.iter("tu"):
        src, tgt, srclang, tgtlang = _unit_sides(tu, srclang, tgtlang, where)
        props = _props(tu)
        score = parse_score(props.get(PROP_SCORE, ""), where(tu))
        if not src.strip() and not tgt.strip():
            log.warning("%s: unit with no text on either side skipped", where(tu))
            continue
        records.append(
            BeadRecord(
                src_texts=(src,) if src.strip() else (),
                tgt_texts=(tgt,) if tgt.strip() else (),
                score=score,
                level=level,
            )
        )
    return build_alignment(
        records,
        src_lang=from_tmx_lang(srclang or "und"),
        tgt_lang=from_tmx_lang(tgtlang or "und"),
        level=level,
        signature=hprops.get(PROP_SIGNATURE) or make_signature(imported="tmx"),
        src_name=hprops.get(PROP_SRC_NAME) or f"{name}#src",
        tgt_name=hprops.get(PROP_TGT_NAME) or f"{name}#tgt",
    )


def read_tmx(path: str | os.PathLike[str], *, level: Level | None = None) -> Alignment:
    """Read a TMX file (``"-"`` for stdin) safely; see ``parse_tmx``."""
    data, name = read_input_bytes(path)
    return parse_tmx(data, name, level=level)
