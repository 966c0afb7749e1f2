"""Translation files read as paired units: XLIFF 1.2/2.0, PO, TMX, TSV, XLSX, and XML safety.

The files are shaped like real exports (namespaces, inline codes, notes, states, a DOCTYPE,
a PO header, obsolete and fuzzy entries); findings must name the unit they concern.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.check import CheckConfig, check_translation_file
from bilingual.errors import FormatError
from bilingual.formats import detect_format, read_translation_file, units_alignment

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
  <file source-language="en-US" target-language="zh-CN" datatype="plaintext" original="ui.txt">
    <header><tool tool-id="x" tool-name="CAT"/></header>
    <body>
      <trans-unit id="greeting" approved="yes">
        <source>Hello, <g id="1">{name}</g>!</source>
        <target state="translated">你好，<g id="1">{name}</g>！</target>
        <note from="dev">Shown on the start page.</note>
      </trans-unit>
      <trans-unit id="save" sdl:locked="false">
        <source>Press <x id="2"/> to save the file.</source>
        <target state="needs-review-translation">按保存文件。</target>
      </trans-unit>
      <trans-unit id="count">
        <source>You have {0} new messages.</source>
        <target state="translated">您有新消息。</target>
      </trans-unit>
      <trans-unit id="empty">
        <source>Open the settings.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="zh-CN">
  <file id="f1" original="app.json">
    <unit id="title">
      <notes><note category="context">window title</note></notes>
      <segment state="final">
        <source>Welcome to the library.</source>
        <target>欢迎来到图书馆。</target>
      </segment>
    </unit>
    <unit id="link">
      <segment state="translated">
        <source>See https://example.com/help for help.</source>
        <target>请参阅帮助。</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

PO = r"""# Chinese translation of the app.
msgid ""
msgstr ""
"Project-Id-Version: app 1.0\n"
"Language: zh_CN\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. Button label
#: src/app.py:10
msgctxt "toolbar"
msgid "Save %s files"
msgstr "保存%s个文件"

#: src/app.py:12
#, fuzzy
msgid "Delete %d items?"
msgstr "删除项目？"

#~ msgid "Old text"
#~ msgstr "旧文本"
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="CAT" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en" srclang="en-US" datatype="plaintext"/>
  <body>
    <tu tuid="7" creationdate="20240101T000000Z">
      <prop type="x-domain">ui</prop>
      <note>checked</note>
      <tuv xml:lang="en-US"><seg>Write to help@example.org today.</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>今天就写信给我们。</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-CN"><seg>再见。</seg></tuv>
      <tuv xml:lang="en-US"><seg>Goodbye.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<xliff version="1.2"><file source-language="en" target-language="zh"><body>
<trans-unit id="1"><source>&b;</source><target>x</target></trans-unit></body></file></xliff>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv>
<tuv xml:lang="zh"><seg>x</seg></tuv></tu></body></tmx>
"""

NO_ENCODER = CheckConfig(encoder=None)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _by_unit(report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in report.findings:
        for u in f.units:
            out.setdefault(u, set()).add(f.kind)
    return out


def test_xliff12_units_inline_codes_and_states(tmp_path: Path) -> None:
    p = _write(tmp_path, "ui.xlf", XLIFF12)
    assert detect_format(p) == "xliff"
    tf = read_translation_file(p)
    assert (tf.src_lang, tf.tgt_lang) == ("en", "zh")
    ids = [u.id for u in tf.units]
    assert ids == ["ui.txt::greeting", "ui.txt::save", "ui.txt::count", "ui.txt::empty"]
    first = tf.units[0]
    assert first.source == 'Hello, <g id="1">{name}</g>!'
    assert first.note == "Shown on the start page."
    assert tf.units[1].source == 'Press <x id="2"/> to save the file.'
    assert tf.units[1].state == "fuzzy" and tf.units[3].target == ""
    a = units_alignment(tf)
    assert len(a.beads) == 4 and a.beads[3].tgt == ()
    report = check_translation_file(tf, config=NO_ENCODER)
    found = _by_unit(report)
    assert "format_mismatch" in found["ui.txt::save"]  # the <x/> code was dropped
    assert "format_mismatch" in found["ui.txt::count"]  # {0} was dropped
    assert "format_mismatch" not in found.get("ui.txt::greeting", set())
    assert "omission" in found["ui.txt::empty"]


def test_xliff20(tmp_path: Path) -> None:
    p = _write(tmp_path, "app.xliff", XLIFF20)
    assert detect_format(p) == "xliff2"
    tf = read_translation_file(p)
    assert [u.id for u in tf.units] == ["title", "link"] and tf.tgt_lang == "zh"
    found = _by_unit(check_translation_file(tf, config=NO_ENCODER))
    assert "format_mismatch" in found["link"] and "title" not in found


def test_po_header_context_fuzzy_obsolete(tmp_path: Path) -> None:
    p = _write(tmp_path, "zh_CN.po", PO)
    assert detect_format(p) == "po"
    tf = read_translation_file(p)
    assert [u.id for u in tf.units] == ["toolbar::Save %s files", "Delete %d items?"]
    assert (tf.src_lang, tf.tgt_lang) == ("en", "zh") and tf.units[1].state == "fuzzy"
    found = _by_unit(check_translation_file(tf, config=NO_ENCODER))
    assert found.get("toolbar::Save %s files", set()).isdisjoint({"format_mismatch"})
    assert "format_mismatch" in found["Delete %d items?"]


def test_tmx_with_doctype_tuid_and_reversed_tuv(tmp_path: Path) -> None:
    p = _write(tmp_path, "mem.tmx", TMX)
    assert detect_format(p) == "tmx"
    tf = read_translation_file(p)
    assert [(u.id, u.source, u.target) for u in tf.units][1] == ("tu2", "Goodbye.", "再见。")
    found = _by_unit(check_translation_file(tf, config=NO_ENCODER))
    assert "format_mismatch" in found["7"]  # the e-mail address is gone


def test_tsv_and_xlsx_tables(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    p = _write(tmp_path, "pairs.tsv", "source\ttarget\nClick {0}.\t点击。\nYes.\t是的。\n")
    tf = read_translation_file(p)
    assert [u.id for u in tf.units] == ["line 2", "line 3"]
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["id", "en", "zh"], ["k1", "Click {0}.", "点击。"], ["k2", "Yes.", "是的。"]):
        sheet.append(row)
    x = tmp_path / "review.xlsx"
    book.save(x)
    assert detect_format(x) == "xlsx"
    tf = read_translation_file(x)
    assert [(u.id, u.source) for u in tf.units] == [("k1", "Click {0}."), ("k2", "Yes.")]
    found = _by_unit(check_translation_file(tf, config=NO_ENCODER))
    assert "format_mismatch" in found["k1"] and "k2" not in found


@pytest.mark.parametrize(("name", "text"), [("bomb.xlf", BOMB), ("xxe.tmx", XXE)])
def test_entity_declarations_are_refused(tmp_path: Path, name: str, text: str) -> None:
    with pytest.raises(FormatError, match="refused for safety"):
        read_translation_file(_write(tmp_path, name, text))


def test_plain_text_is_not_a_translation_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "page.txt", "Hello world.\n你好，世界。\n")
    assert detect_format(p) is None
