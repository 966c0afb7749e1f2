"""`bilingual check` on one translation file, with --against and --glossary TBX, and the XLSX
reviewer's sheet read back with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_check_consistency import TBX
from test_formats import XLIFF12
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.finding_kinds import kind_names
from bilingual.report import report_schema

runner = CliRunner()


@pytest.fixture()
def xlf(tmp_path: Path) -> Path:
    p = tmp_path / "ui.xlf"
    p.write_text(XLIFF12, encoding="utf-8")
    return p


def test_one_translation_file_gives_json_findings_with_unit_ids(xlf: Path) -> None:
    import jsonschema

    result = runner.invoke(app, ["check", str(xlf), "--format", "json", "--fail-on", "error"])
    assert result.exit_code == 1, result.output  # a dropped placeholder is an error
    data = json.loads(result.stdout)
    jsonschema.validate(data, report_schema())
    fmt = [f for f in data["findings"] if f["kind"] == "format_mismatch"]
    assert {u for f in fmt for u in f["units"]} == {"ui.txt::save", "ui.txt::count"}
    span = next(f["spans"][0] for f in fmt if f["units"] == ["ui.txt::count"])
    assert span["side"] == "src" and span["text"] == "{0}"


def test_against_a_memory_and_a_tbx_glossary(xlf: Path, tmp_path: Path) -> None:
    mem = tmp_path / "memory.tsv"
    mem.write_text('Press <x id="2"/> to save the file.\t按<x id="2"/>保存文件。\n')
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(TBX, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(xlf), "--format", "json", "--against", str(mem), "--glossary", str(tbx)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [f] = [f for f in data["findings"] if f["kind"] == "inconsistent_translation"]
    assert f["units"] == ["ui.txt::save"] and f["evidence"][0]["tgt"] == ['按<x id="2"/>保存文件。']
    assert "against:" in data["signature"] and "termbase:" in data["signature"]


def test_xlsx_report_reads_back(xlf: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "review.xlsx"
    result = runner.invoke(app, ["check", str(xlf), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["#", "severity", "confidence", "kind"]
    assert "source" in header and "evidence" in header and "count" in header
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    col = {name: k for k, name in enumerate(header)}
    kinds = {r[col["kind"]] for r in rows}
    assert "format_mismatch" in kinds and kinds <= set(kind_names())
    save = next(r for r in rows if r[col["unit"]] == "ui.txt::save")
    assert save[col["source"]].startswith("Press") and save[col["target"]].startswith("按")
    assert save[col["severity"]] in ("info", "warning", "error") and save[col["evidence"]]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    assert book["Summary"]["A1"].value == "source"


def test_xlsx_needs_an_output_file(xlf: Path) -> None:
    result = runner.invoke(app, ["check", str(xlf), "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output


def test_unsafe_xml_is_one_error_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.xlf"
    p.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "a">]><xliff version="1.2">&e;</xliff>'
    )
    result = runner.invoke(app, ["check", str(p)])
    assert result.exit_code == 2 and "refused for safety" in result.output


def test_html_report_names_the_units_and_highlights_the_broken_code(xlf: Path) -> None:
    result = runner.invoke(app, ["check", str(xlf), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert 'data-units="ui.txt::count"' in result.stdout
    assert '<mark class="span sev-error" data-span-kind="format_mismatch"' in result.stdout


REPEATED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en" target-language="zh" datatype="plaintext" original="ui">
  <body>
   <trans-unit id="open.title"><source>Open the settings page.</source>
    <target>打开设置页面。</target></trans-unit>
   <trans-unit id="price"><source>The price is 25 dollars.</source>
    <target>价格是25美元。</target></trans-unit>
   <trans-unit id="open.again"><source>Open the settings page.</source>
    <target>请打开设定页。</target></trans-unit>
  </body>
 </file>
</xliff>
"""


def test_findings_name_other_units_by_id_not_bead_number(tmp_path: Path) -> None:
    p = tmp_path / "ui.xlf"
    p.write_text(REPEATED, encoding="utf-8")
    result = runner.invoke(app, ["check", str(p), "--format", "json"])
    assert result.exit_code == 0, result.output
    [f] = [
        f for f in json.loads(result.stdout)["findings"] if f["kind"] == "inconsistent_translation"
    ]
    assert "unit ui::open.title" in f["message"] and "bead" not in f["message"]
    assert f["units"] == ["ui::open.again"]
    assert "unit ui::open.title" in f["evidence"][0]["src"]
