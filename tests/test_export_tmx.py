"""TMX: header and xml:lang checked with a plain XML parser, round trips, hostile input refused."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_export_common import (
    SIGNATURE,
    check_invariants,
    expected_sides,
    make_alignment,
    read_sides,
    sample_alignment,
)

from bilingual._version import __version__
from bilingual.errors import FormatError, InputError
from bilingual.export import parse_tmx, read_tmx, write_tmx
from bilingual.export.tmx import from_tmx_lang, to_tmx_lang

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _props(el: ET.Element) -> dict[str, str]:
    return {p.attrib["type"]: p.text or "" for p in el.findall("prop")}


def test_header_attributes_and_languages_with_plain_parser() -> None:
    alignment = sample_alignment()
    root = ET.fromstring(write_tmx(alignment).encode("utf-8"))
    assert root.tag == "tmx" and root.attrib["version"] == "1.4"
    header = root.find("header")
    assert header is not None
    assert header.attrib == {
        "creationtool": "bilingual",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "bilingual",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    }
    assert _props(header)["x-bilingual-signature"] == SIGNATURE
    tus = root.findall("body/tu")
    # Omission beads are skipped by default: 5 beads, 3 with both sides.
    assert len(tus) == 3
    for tu in tus:
        assert [tuv.attrib[XML_LANG] for tuv in tu.findall("tuv")] == ["en", "zh-CN"]
    assert [_props(tu)["x-bilingual-score"] for tu in tus] == ["0.95", "0.8", "0.7"]
    assert [_props(tu)["x-bilingual-src-ids"] for tu in tus] == ["0", "1 2", "4"]
    assert [_props(tu)["x-bilingual-tgt-ids"] for tu in tus] == ["0", "1 2", "4 5"]
    segs = [[s.text for s in tu.iter("seg")] for tu in tus]
    expected = [list(p) for p in expected_sides(alignment) if p[0] and p[1]]
    assert segs == expected


def test_paragraph_level_segtype() -> None:
    a = make_alignment(
        ["One.", "Two."], ["一。", "二。"], [([0], [0], 0.9), ([1], [1], 0.8)], level="paragraph"
    )
    header = ET.fromstring(write_tmx(a)).find("header")
    assert header is not None and header.attrib["segtype"] == "paragraph"
    assert read_tmx_text(write_tmx(a)).level == "paragraph"


def read_tmx_text(text: str) -> object:
    return parse_tmx(text.encode("utf-8"), "t.tmx")


def test_round_trip_texts_scores_languages() -> None:
    alignment = sample_alignment()
    back = parse_tmx(write_tmx(alignment).encode("utf-8"), "x.tmx")
    check_invariants(back)
    assert back.src.document.lang == "en" and back.tgt.document.lang == "zh"
    assert back.signature == SIGNATURE
    assert read_sides(back) == [p for p in expected_sides(alignment) if p[0] and p[1]]
    assert [b.score for b in back.beads] == [0.95, 0.8, 0.7]


def test_round_trip_with_omissions_keeps_every_segment_once() -> None:
    alignment = sample_alignment()
    back = parse_tmx(write_tmx(alignment, include_omissions=True).encode("utf-8"), "x.tmx")
    check_invariants(back)
    assert read_sides(back) == expected_sides(alignment)
    assert [b.score for b in back.beads] == [b.score for b in alignment.beads]


def test_one_to_one_round_trip_keeps_ids() -> None:
    a = make_alignment(
        ["A.", "B.", "C."],
        ["甲。", "乙。", "丙。"],
        [([0], [0], 0.5), ([1], [1], 1.0), ([2], [2], 0.0)],
    )
    back = parse_tmx(write_tmx(a).encode("utf-8"))
    assert [(b.src, b.tgt, b.score) for b in back.beads] == [
        (b.src, b.tgt, b.score) for b in a.beads
    ]


def test_control_characters_removed_and_file_parses() -> None:
    a = make_alignment(
        ["bad\x00\x01\x07\x1b text\ufffe."], ["坏\x0b\x0c字符\x1f。"], [([0], [0], 0.5)]
    )
    text = write_tmx(a)
    root = ET.fromstring(text.encode("utf-8"))  # a plain parser: must not choke
    assert [s.text for s in root.iter("seg")] == ["bad text.", "坏字符。"]


def test_nan_score_has_no_prop_and_reads_back_nan() -> None:
    a = make_alignment(["A."], ["甲。"], [([0], [0], float("nan"))])
    root = ET.fromstring(write_tmx(a))
    tu = root.find("body/tu")
    assert tu is not None and "x-bilingual-score" not in _props(tu)
    assert math.isnan(parse_tmx(write_tmx(a).encode()).beads[0].score)


def test_language_code_mapping() -> None:
    assert to_tmx_lang("zh") == "zh-CN" and to_tmx_lang("en") == "en"
    assert to_tmx_lang("de") == "de" and to_tmx_lang("zh-TW") == "zh-TW"
    assert from_tmx_lang("zh-CN") == "zh" and from_tmx_lang("ZH-cn") == "zh"
    a = make_alignment(["Hallo."], ["Bonjour."], [([0], [0], 1.0)], src_lang="de", tgt_lang="fr")
    root = ET.fromstring(write_tmx(a))
    assert [t.attrib[XML_LANG] for t in root.iter("tuv")] == ["de", "fr"]
    back = parse_tmx(write_tmx(a).encode())
    assert (back.src.document.lang, back.tgt.document.lang) == ("de", "fr")


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="en-US" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en-US">
          <seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
        <tuv xml:lang="zh-CN"><seg>点击<ph>&lt;br/&gt;</ph>这里。</seg></tuv></tu>
    <tu><tuv lang="en-US"><seg>Second <hi>bold</hi> one.</seg></tuv>
        <tuv lang="zh-CN"><seg>第二个。</seg></tuv></tu>
  </body>
</tmx>
"""


def test_foreign_tmx_with_doctype_and_inline_codes() -> None:
    back = parse_tmx(FOREIGN.encode("utf-8"), "foreign.tmx")
    check_invariants(back)
    assert read_sides(back) == [("Click here.", "点击这里。"), ("Second bold one.", "第二个。")]
    assert back.src.document.lang == "en-US" and back.tgt.document.lang == "zh"
    assert all(math.isnan(b.score) for b in back.beads)


XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&secret;</seg></tuv><tuv xml:lang="zh-CN"><seg>x</seg></tuv></tu>
</body></tmx>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="zh-CN"><seg>x</seg></tuv></tu>
</body></tmx>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
"""


@pytest.mark.parametrize(
    "hostile",
    [XXE, BILLION_LAUGHS, PARAMETER_ENTITY],
    ids=["xxe", "billion-laughs", "parameter-entity"],
)
def test_hostile_tmx_refused(hostile: str, tmp_path: Path) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(hostile, encoding="utf-8")
    with pytest.raises(FormatError, match=r"evil\.tmx: refused.*entit") as info:
        read_tmx(path)
    assert "root:" not in str(info.value)  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (
            "<tmx version='1.4'><header srclang='en'/><body><tu>\n</body></tmx>",
            r"bad\.tmx: not well-formed XML.*line 2",
        ),
        ("<xliff/>", r"bad\.tmx: line 1: root element is <xliff>"),
        ("<tmx version='1.4'><header srclang='en'/></tmx>", r"needs a <header> and a <body>"),
        ("<tmx><header srclang='en'/><body>\n<tu/></body></tmx>", r"line 2: <tu> without <tuv>"),
        (
            "<tmx><header srclang='en'/><body>\n<tu><tuv><seg>a</seg></tuv></tu></body></tmx>",
            r"line 2: <tuv> without xml:lang",
        ),
        (
            "<tmx><header srclang='en'/><body><tu><tuv xml:lang='en'/></tu></body></tmx>",
            r"without <seg>",
        ),
        (
            "<tmx><header srclang='en'/><body><tu><tuv xml:lang='en'><seg>a</seg></tuv>"
            "<tuv xml:lang='zh'><seg>b</seg></tuv><tuv xml:lang='fr'><seg>c</seg></tuv></tu>"
            "</body></tmx>",
            r"third language 'fr'",
        ),
        (
            "<tmx><header srclang='en'/><body><tu><prop type='x-bilingual-score'>high</prop>"
            "<tuv xml:lang='en'><seg>a</seg></tuv></tu></body></tmx>",
            r"score 'high' is not",
        ),
        ("", r"not well-formed"),
    ],
)
def test_malformed_tmx(text: str, pattern: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=pattern):
        read_tmx(path)


def test_read_tmx_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_tmx(tmp_path / "nope.tmx")
    with pytest.raises(InputError, match="directory"):
        read_tmx(tmp_path)


def test_header_language_without_region_matches_units_with_region() -> None:
    text = (
        "<tmx version='1.4'><header srclang='en'/><body>"
        "<tu><tuv xml:lang='en-GB'><seg>Colour.</seg></tuv>"
        "<tuv xml:lang='zh-CN'><seg>颜色。</seg></tuv></tu></body></tmx>"
    )
    back = parse_tmx(text, "t.tmx")
    assert read_sides(back) == [("Colour.", "颜色。")]
    assert (back.src.document.lang, back.tgt.document.lang) == ("en", "zh")


def test_two_regions_of_one_language_are_two_sides() -> None:
    text = (
        "<tmx version='1.4'><header srclang='zh-CN'/><body>"
        "<tu><tuv xml:lang='zh-CN'><seg>软件</seg></tuv>"
        "<tuv xml:lang='zh-TW'><seg>軟體</seg></tuv></tu></body></tmx>"
    )
    back = parse_tmx(text)
    assert read_sides(back) == [("软件", "軟體")]
    assert (back.src.document.lang, back.tgt.document.lang) == ("zh", "zh-TW")
