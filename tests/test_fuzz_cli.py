"""Every command over a corpus of hostile inputs and output targets (issues 7 and 24).

For each case: the exit code is 0, 1 or 2; no traceback reaches the user; no input file
changed (hashes before and after); nothing appears but the named output (no temporary file
left, no file replaced by a directory or the reverse). The cases run in-process through
typer's CliRunner (the encoder loads once); a few also run as real subprocesses.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

EN_TEXT = "The river library opened in 2019. Helen Ward bought a barge for $18,000.\n"
ZH_TEXT = "河上图书馆于2019年开放。海伦·沃德花一万八千美元买了一条驳船。\n"

# name -> bytes (None: made specially below). Small, so the whole corpus runs in seconds.
HOSTILE: dict[str, bytes | None] = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\n  \n",
    "nul.txt": b"abc\x00def\n",
    "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": "caf\xe9 na\xefve r\xe9sum\xe9 \xff\xfe\n".encode("latin-1"),
    "bad-bom16.txt": b"\xff\xfe\x00\xd8",
    "digits.txt": b"12 34 56\n2026-11-30 12:00\n",
    "japanese.txt": "これは日本語の文章です。ひらがなとカタカナがあります。\n".encode(),
    "korean.txt": "이것은 한국어 문장입니다. 한글이 있습니다.\n".encode(),
    "en.txt": EN_TEXT.encode(),
    "zh.txt": ZH_TEXT.encode(),
    "mixed.txt": (EN_TEXT + "\n" + ZH_TEXT).encode(),
    "crlf-gbk.txt": ZH_TEXT.replace("\n", "\r\n").encode("gb18030"),
    "long-line.txt": (("word " * 3000) + "\n").encode(),
    "controls.txt": bytes(range(1, 32)) * 20,
    "deep.jsonl": b"[" * 50_000 + b"]" * 50_000 + b"\n",
    "bad.jsonl": b'{"src": [0], "tgt": \n',
    "wrong-shape.jsonl": b'[1, 2, 3]\n{"a": 1}\n',
    "bad.tmx": b"<tmx><body><tu><tuv xml:lang='en'><seg>x</seg></tuv>",
    "xxe.tmx": (
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;'
        b"</seg></tuv></tu></body></tmx>"
    ),
    "one-col.tsv": b"only one column\nanother\n",
    "bad.gold": b"[0,1]:[2]\nnot a gold line\n",
    "huge-id.gold": b"[" + b"9" * 5000 + b"]:[0]\n",
    "neg.gold": b"[-1]:[0]\n",
    "bad.md": b"| a |\n|---|\n| only |\n",
    # issue 24: terminal control codes in checked text, a PO file with msgctxt variants, an
    # XLSX whose one member expands 1,000 times (made below)
    "ansi.txt": b"The price is \x1b[31m500\x1b[0m dollars.\x9b2J\x07 \x1b]0;title\x07\n",
    "ctx.po": (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "menu"\nmsgid "Open the file"\nmsgstr "打开文件"\n\n'
        'msgctxt "state"\nmsgid "Open the file"\nmsgstr "文件已打开"\n'
    ).encode(),
    "bomb.xlsx": None,
    "dir": None,
    "missing.txt": None,
    "loop": None,
    "dangling": None,
}


@dataclass(frozen=True)
class Case:
    """One invocation: its arguments and the outputs it may create."""

    args: tuple[str, ...]
    outputs: tuple[str, ...]
    stdin: str | None = None

    @property
    def id(self) -> str:
        return " ".join(Path(a).name if "/" in a else a for a in self.args)


def make_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    paths: dict[str, Path] = {}
    for name, data in HOSTILE.items():
        p = folder / name
        if data is not None:
            p.write_bytes(data)
        paths[name] = p
    paths["dir"].mkdir()
    with zipfile.ZipFile(paths["bomb.xlsx"], "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", b"<t>" + b"a" * (8 << 20) + b"</t>")
    paths["loop"].symlink_to(paths["loop"])
    paths["dangling"].symlink_to(folder / "nowhere")
    good = folder / "good.jsonl"
    result = CliRunner().invoke(
        app, ["align", str(paths["en.txt"]), str(paths["zh.txt"]), "-o", str(good)]
    )
    assert result.exit_code == 0, result.output
    paths["good.jsonl"] = good
    paths["good.gold"] = folder / "good.gold"
    paths["good.gold"].write_text("[0]:[0]\n[1]:[1]\n", "utf-8")
    return paths


def output_targets(own: Path, out: Path, ext: str) -> dict[str, str]:
    """Where a command reading ``own`` is asked to write: fine places and hostile ones."""
    (out / "a-dir").mkdir(exist_ok=True)
    (out / "a-file").write_text("existing\n", "utf-8")
    link = out / f"link-to-{own.name}"
    if not link.is_symlink():
        link.symlink_to(own)
    loop = out / "out-loop"
    if not loop.is_symlink():
        loop.symlink_to(loop)
    return {
        "stdout": "-",
        "new": str(out / f"new{ext}"),
        "existing": str(out / "a-file"),
        "input": str(own),
        "link-to-input": str(link),
        "dir": str(out / "a-dir"),
        "under-file": str(out / "a-file" / f"x{ext}"),
        "missing-folder": str(out / "no" / f"x{ext}"),
        "loop": str(loop),
    }


def cases(inputs: dict[str, Path], out: Path) -> Iterator[Case]:
    text_inputs = [n for n in HOSTILE if n.endswith(".txt") or n in ("dir", "loop", "dangling")]
    en, zh, mixed = inputs["en.txt"], inputs["zh.txt"], inputs["mixed.txt"]
    gold, jsonl = inputs["good.gold"], inputs["good.jsonl"]
    # 1. every hostile input into each command, output to stdout
    for name in text_inputs:
        p = str(inputs[name])
        yield Case(("segment", p), ())
        yield Case(("split", p, "--format", "jsonl"), ())
        yield Case(("align", p, str(zh)), ())
        yield Case(("align", str(en), p), ())
        yield Case(("check", p, str(zh)), ())
        yield Case(("score", p, str(en)), ())
    for name in [n for n in HOSTILE if not n.endswith(".txt")] + ["en.txt", "dir", "loop"]:
        p = str(inputs[name])
        yield Case(("convert", p, "-", "--to", "tsv"), ())
        yield Case(("convert", p, str(out / "c.jsonl")), (str(out / "c.jsonl"),))
        yield Case(("eval", p, str(gold)), ())
    # 2. every output target for each command, with good inputs; "input" is its own input
    commands: list[tuple[Path, tuple[str, ...], tuple[str, ...]]] = [
        (en, ("segment", str(en), "-o"), ()),
        (en, ("segment", str(en), "--no-clobber", "-o"), ()),
        (mixed, ("split", str(mixed), "--zh", str(out / "z.txt"), "--en"), (str(out / "z.txt"),)),
        (en, ("align", str(en), str(zh), "--format", "tsv", "-o"), ()),
        (zh, ("check", str(en), str(zh), "-o"), ()),
        (en, ("score", str(en), str(en), "-o"), ()),
        (gold, ("eval", str(gold), str(gold), "-o"), ()),
        (jsonl, ("convert", str(jsonl), "--to", "tsv"), ()),
    ]
    for own, args, extra in commands:
        for target in output_targets(own, out, ".txt").values():
            outs = () if target == "-" else (target,)
            yield Case((*args, target), (*outs, *extra))
    for key, target in output_targets(en, out, "").items():
        if key != "stdout":
            yield Case(
                ("align", str(en), str(zh), "-o", target, "--format", "moses"),
                (f"{target}.en", f"{target}.zh"),
            )
    # 3. issue 24: limits, zip bombs, control codes, msgctxt, corpus and review state
    bomb, ansi = str(inputs["bomb.xlsx"]), str(inputs["ansi.txt"])
    yield Case(("check", bomb), ())
    yield Case(("--max-unzip-mb", "1", "--max-zip-ratio", "1e9", "check", bomb), ())
    yield Case(("check", ansi, str(zh)), ())
    yield Case(("check", ansi, str(zh), "--format", "json"), ())
    yield Case(("check", str(inputs["ctx.po"])), ())
    yield Case(("--max-file-mb", "0.001", "segment", str(inputs["long-line.txt"])), ())
    yield Case(("--max-file-mb", "1", "segment", "/dev/zero"), ())
    yield Case(("--max-file-mb", "0.001", "check", str(en), str(inputs["long-line.txt"])), ())
    in_dir = inputs["dir"]
    yield Case(("corpus", str(in_dir), "-o", str(in_dir / "out")), ())
    yield Case(("corpus", str(in_dir), str(in_dir), "-o", str(in_dir)), ())
    review = ("review", str(jsonl), "--no-browser", "--no-checks", "--port", "0", "--save")
    yield Case((*review, str(out / "s1.jsonl")), ())  # its log is a link to a-file
    yield Case((*review, str(out / "s2.jsonl")), ())  # its lock is a link to a-file
    # 4. stdin in odd places
    yield Case(("align", "-", "-"), (), stdin="hello\n")
    yield Case(("segment", "-"), (), stdin="")
    yield Case(("split", "-", "--format", "jsonl"), (), stdin="\x00\x01")


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` with what it is and, for files, a hash of its bytes."""
    out: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def test_every_command_over_hostile_inputs_and_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    # Relative names ("-" taken as a file name) land in the snapshotted folder, not the checkout.
    monkeypatch.chdir(out)
    for own in ("en.txt", "zh.txt", "mixed.txt", "good.gold", "good.jsonl"):
        output_targets(inputs[own], out, ".txt")
    # a planted link as the review's log or lock: followed, it would overwrite a-file
    (out / "s1.jsonl.log").symlink_to(out / "a-file")
    (out / "s2.jsonl.lock").symlink_to(out / "a-file")
    in_before = snapshot(tmp_path / "in")
    runner = CliRunner()
    failures: list[str] = []
    n = 0
    for case in cases(inputs, out):
        n += 1
        out_before = snapshot(out)
        result = runner.invoke(app, list(case.args), input=case.stdin)
        problems = []
        if result.exit_code not in (0, 1, 2):
            problems.append(f"exit {result.exit_code}")
        if "Traceback" in result.output or (
            result.exception is not None and not isinstance(result.exception, SystemExit)
        ):
            problems.append(f"traceback/exception {result.exception!r}")
        in_after = snapshot(tmp_path / "in")
        named_in = {
            str(Path(o).relative_to(tmp_path / "in"))
            for o in case.outputs
            if o.startswith(str(tmp_path / "in") + "/")
        }
        named_in -= in_before.keys()  # an input named as output must stay as it was
        if {k: v for k, v in in_after.items() if k not in named_in} != in_before:
            problems.append("an input changed")
        for extra in named_in:  # a Moses PREFIX named after an input: new files beside it
            (tmp_path / "in" / extra).unlink(missing_ok=True)
        out_after = snapshot(out)
        allowed = {str(Path(o).relative_to(out)) for o in case.outputs if o.startswith(str(out))}
        changed = {
            k for k in out_after.keys() | out_before.keys() if out_after.get(k) != out_before.get(k)
        }
        if changed - allowed:
            problems.append(f"unexpected changes {sorted(changed - allowed)}")
        if case.args[0] == "check" and "\x1b" in result.output:
            problems.append("a control code reached the terminal")
        if result.exit_code == 2 and changed:
            problems.append(f"exit 2 but wrote {sorted(changed)}")
        if problems:
            failures.append(f"{case.id}: {problems}: {result.output[-300:]!r}")
        for o in case.outputs:  # the next case starts from the same folder
            p = Path(o)
            if p.parent == out and p.name.startswith(("new", "z.", "c.")) and p.is_file():
                p.unlink()
        (out / "a-file").write_text("existing\n", "utf-8")
        for leftover in out.glob(".*.tmp"):
            failures.append(f"{case.id}: temporary file left: {leftover.name}")
    print(f"fuzz: {n} hostile cases")
    assert n >= 250
    assert not failures, "\n".join(failures)


SUBPROCESS_CASES = [
    ["segment", "nul.txt"],
    ["segment", "loop", "-o", "loop"],
    ["align", "en.txt", "zh.txt", "-o", "dir", "--format", "tsv"],
    ["convert", "deep.jsonl", "-", "--to", "tsv"],
    ["eval", "huge-id.gold", "huge-id.gold"],
    ["split", "japanese.txt", "--en", "e", "--zh", "z"],
]


@pytest.mark.parametrize("args", SUBPROCESS_CASES, ids=[" ".join(a) for a in SUBPROCESS_CASES])
def test_real_process_gives_one_error_line(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "in"
    inputs = make_inputs(folder) if not folder.exists() else {}
    del inputs
    before = snapshot(folder)
    p = subprocess.run(
        [sys.executable, "-m", "bilingual", *args],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    err = p.stderr.decode()
    assert p.returncode == 2, err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("error:")] == err.splitlines()
    assert len(err.splitlines()) == 1
    assert snapshot(folder) == before
    json.dumps(err)  # printable
