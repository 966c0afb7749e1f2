"""`bilingual check DIR`: 3 XLIFF, 2 PO and 2 document pairs give one report; the github and
junit outputs parse (issue 23)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

runner = CliRunner()


def _xliff(units: list[tuple[str, str, str]]) -> str:
    body = "\n".join(
        f'   <trans-unit id="{i}">\n    <source>{s}</source>\n    <target>{t}</target>\n'
        "   </trans-unit>"
        for i, s, t in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        ' <file source-language="en" target-language="zh" datatype="plaintext" original="ui">\n'
        f"  <body>\n{body}\n  </body>\n </file>\n</xliff>\n"
    )


def _po(units: list[tuple[str, str]]) -> str:
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh\\n"\n'
    return head + "".join(f'\nmsgid "{s}"\nmsgstr "{t}"\n' for s, t in units)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "ui").mkdir()
    (root / "ui" / "app.xlf").write_text(
        _xliff(
            [
                ("open", "Open the settings page.", "打开设置页面。"),
                ("price", "The price is 25 dollars.", "价格是35美元。"),
            ]
        )
    )
    (root / "ui" / "menu.xlf").write_text(
        _xliff([("save", "Save the file to %s now.", "现在保存文件。"), ("quit", "Quit", "退出")])
    )
    (root / "ui" / "web.xlf").write_text(
        _xliff([("open2", "Open the settings page.", "请打开设定页。")])
    )
    (root / "po").mkdir()
    (root / "po" / "cli.po").write_text(_po([("Delete %d items?", "删除 %d 个项目？")]))
    (root / "po" / "help.po").write_text(_po([("Show help and exit.", "显示帮助并退出。")]))
    (root / "docs").mkdir()
    (root / "docs" / "intro.en.txt").write_text(
        "Our company was founded in 1998 in Shanghai. It employs 300 people today.\n"
    )
    (root / "docs" / "intro.zh.txt").write_text("我们公司于1998年在上海成立。如今有300名员工。\n")
    (root / "docs" / "news.en.txt").write_text(
        "Sales grew by 12 percent last year. The new factory opens in May.\n"
    )
    (root / "docs" / "news.zh.txt").write_text("去年销售额增长了15%。新工厂将于五月开业。\n")
    (root / "docs" / "notes.txt").write_text("A lone note without a partner.\n")
    return root


def _run(*args: str) -> str:
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_one_json_report_with_every_file_and_cross_file_consistency(project: Path) -> None:
    data = json.loads(_run(str(project), "--format", "json"))
    paths = [Path(f["path"]).relative_to(project).as_posix() for f in data["files"]]
    assert paths == [
        "docs/intro.en.txt",
        "docs/news.en.txt",
        "po/cli.po",
        "po/help.po",
        "ui/app.xlf",
        "ui/menu.xlf",
        "ui/web.xlf",
    ]
    assert [Path(u).name for u in data["unpaired"]] == ["notes.txt"]
    by = {Path(f["path"]).name: f["report"]["findings"] for f in data["files"]}
    assert any(f["kind"] == "number_mismatch" for f in by["app.xlf"])
    assert any(f["kind"] == "number_mismatch" for f in by["news.en.txt"])
    [cross] = [f for f in by["web.xlf"] if f["kind"] == "inconsistent_translation"]
    assert cross["message"].startswith("an earlier file translates this source differently")
    assert "app.xlf unit ui::open" in cross["message"]


def test_github_annotations_point_at_file_and_line(project: Path) -> None:
    lines = _run(str(project), "--format", "github").splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert lines and all(parsed), lines
    hits = {(Path(m[2]).name, int(m[3])) for m in parsed if m and m[1] == "error"}
    # <trans-unit id="price"> is line 9 of app.xlf (4 header lines, 4 per unit); the unit that
    # drops %s opens line 5 of menu.xlf
    assert ("app.xlf", 9) in hits and ("menu.xlf", 5) in hits
    assert any(Path(m[2]).name == "news.en.txt" for m in parsed if m)


def test_junit_reads_back_with_a_parser(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = runner.invoke(app, ["check", str(project), "-f", "junit", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 7
    failures = root.findall(".//testcase/failure")
    assert int(root.get("failures", "-1")) == len(failures) > 0
    files = {
        Path(c.get("file", "")).name for c in root.iter("testcase") if c.find("failure") is not None
    }
    assert {"app.xlf", "menu.xlf"} <= files
    assert all(int(c.get("line", "0")) >= 1 for c in root.iter("testcase") if c.get("line"))


def test_project_fail_on_and_text_sections(project: Path) -> None:
    result = runner.invoke(app, ["check", str(project / "ui" / "*.xlf"), "--fail-on", "error"])
    assert result.exit_code == 1, result.output
    assert result.stdout.count("=== ") == 3 and "3 files checked" in result.stdout


def test_single_file_github_output(project: Path) -> None:
    out = _run(str(project / "ui" / "menu.xlf"), "--format", "github")
    assert out.startswith("::error file=") and ",line=5," in out


def test_the_mode_reaches_every_document_pair(project: Path) -> None:
    data = json.loads(_run(str(project / "docs"), "--format", "json", "--mode", "comparable"))
    modes = [f["report"]["mode"]["mode"] for f in data["files"]]
    assert modes == ["comparable", "comparable"]
    data = json.loads(_run(str(project / "docs"), "--format", "json", "--mode", "translation"))
    # an explicit translation check decides nothing: no mode block, no claim analysis
    assert not any({"mode", "comparable"} & set(f["report"]) for f in data["files"])
