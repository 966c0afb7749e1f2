"""`bilingual align` through the real CLI (typer's CliRunner), on small hand-written texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

EN = """The Old Harbour

The harbour was quiet in the early morning. Fishermen were mending their nets on the pier.

A small boat came in at seven o'clock. It carried twelve baskets of fish and a tired dog.
"""

ZH = """老港口

清晨的港口很安静。渔民们在码头上修补渔网。

七点钟，一条小船驶进港口。船上装着十二筐鱼，还有一条疲惫的狗。
"""


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, zh = tmp_path / "en.txt", tmp_path / "zh.txt"
    en.write_text(EN, encoding="utf-8")
    zh.write_text(ZH, encoding="utf-8")
    return en, zh


def _run(*args: str):
    return CliRunner().invoke(app, ["align", *args])


def test_tsv_to_stdout(pair) -> None:
    en, zh = pair
    r = _run(str(en), str(zh))
    assert r.exit_code == 0, r.output
    rows = [ln.split("\t") for ln in r.stdout.strip().split("\n")]
    assert len(rows) == 5
    assert rows[1][0].startswith("The harbour was quiet") and rows[1][1] == "清晨的港口很安静。"
    assert all(0.0 <= float(row[2]) <= 1.0 for row in rows)


def test_gold_format_and_eval_round_trip(pair, tmp_path: Path) -> None:
    en, zh = pair
    out = tmp_path / "out.align"
    r = _run(str(en), str(zh), "--format", "gold", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_text() == "".join(f"[{i}]:[{i}]\n" for i in range(5))
    r = CliRunner().invoke(app, ["eval", str(out), str(out)])
    assert "F1          1.0000   1.0000" in r.stdout


def test_jsonl_from_extension_with_paragraph_level(pair, tmp_path: Path) -> None:
    en, zh = pair
    out = tmp_path / "out.jsonl"
    r = _run(str(en), str(zh), "-o", str(out), "--level", "paragraph")
    assert r.exit_code == 0, r.output
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    beads = [x for x in records if x.get("type") == "bead"]
    assert [b["src_ids"] for b in beads] == [[0], [1], [2]]
    assert all(b["level"] == "paragraph" for b in beads)


def test_presplit_lines(tmp_path: Path) -> None:
    en, zh = tmp_path / "a.en", tmp_path / "a.zh"
    en.write_text("One apple fell.\nTwo birds sang and three cats slept.\n", encoding="utf-8")
    zh.write_text("一个苹果掉了下来。\n两只鸟在唱歌。\n三只猫在睡觉。\n", encoding="utf-8")
    r = _run(str(en), str(zh), "--presplit", "--format", "gold")
    assert r.exit_code == 0, r.output
    assert r.stdout == "[0]:[0]\n[1]:[1,2]\n"


def test_moses_needs_a_prefix_and_writes_two_files(pair, tmp_path: Path) -> None:
    en, zh = pair
    r = _run(str(en), str(zh), "--format", "moses")
    assert r.exit_code == 2
    assert "prefix" in r.output
    r = _run(str(en), str(zh), "--format", "moses", "-o", str(tmp_path / "corpus"))
    assert r.exit_code == 0, r.output
    a = (tmp_path / "corpus.en").read_text(encoding="utf-8").splitlines()
    b = (tmp_path / "corpus.zh").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b) == 5


def test_same_language_warning(pair) -> None:
    en, _ = pair
    r = _run(str(en), str(en), "--format", "gold")
    assert r.exit_code == 0, r.output
    assert "warning:" in r.stderr and "both look like 'en'" in r.stderr
    assert r.stdout == "".join(f"[{i}]:[{i}]\n" for i in range(5))


def test_mixed_page_alone(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "The harbour was quiet in the early morning. Fishermen were mending their nets.\n"
        "清晨的港口很安静。渔民们在修补渔网。\n\n"
        "A small boat came in at seven o'clock.\n七点钟，一条小船驶进港口。\n",
        encoding="utf-8",
    )
    r = _run(str(page), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    beads = [json.loads(x) for x in r.stdout.splitlines() if '"bead"' in x]
    assert all(b["src"] and b["tgt"] for b in beads)
    assert any("seven" in b["src"] and "七点钟" in b["tgt"] for b in beads)


def test_bad_inputs_exit_2(tmp_path: Path, pair) -> None:
    en, _ = pair
    r = _run(str(en), str(tmp_path / "missing.txt"))
    assert r.exit_code == 2 and "no such file" in r.output
    r = _run(str(en), str(en), "--encoder", "nonexistent-encoder")
    assert r.exit_code == 2 and "unknown encoder" in r.output
