"""Issue 7: no command destroys an input, a device or a link; errors are one line, exit 2.

Each case of the issue is one test here; the fuzz test (test_fuzz_cli.py) runs them all
against every command.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import EncodingError, InputError
from bilingual.io import decode_bytes, read_text, write_files_atomic, write_text_atomic

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
EN, ZH, PAGE = DATA / "sample.en.txt", DATA / "sample.zh.txt", DATA / "sample-page.txt"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def one_error(result: Result, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def cli(*args: str, cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bilingual", *args],
        env=ENV,
        cwd=cwd,
        capture_output=kw.pop("capture_output", True),  # type: ignore[arg-type]
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


# ---- data loss ---------------------------------------------------------------------------


def test_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "s.en"
    src.write_bytes(EN.read_bytes())
    r = run("align", str(src), str(ZH), "-o", str(src), "--format", "tsv")
    assert "is also an input" in one_error(r)
    assert src.read_bytes() == EN.read_bytes()
    r = run("segment", str(src), "-o", str(src))
    assert "is also an input" in one_error(r)
    link = tmp_path / "link.txt"
    link.symlink_to(src)
    assert "is also an input" in one_error(run("segment", str(src), "-o", str(link)))
    assert src.read_bytes() == EN.read_bytes()


def test_split_sides_to_one_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "o.txt"
    r = run("split", str(PAGE), "--en", str(out), "--zh", str(out))
    assert "same file" in one_error(r)
    assert not out.exists()


def test_writer_refuses_a_file_read_in_the_same_guarded_run(tmp_path: Path) -> None:
    from bilingual.io import guard_outputs

    src = tmp_path / "in.txt"
    src.write_text("hello there\n", "utf-8")
    with guard_outputs(), pytest.raises(InputError, match="is also an input"):
        read_text(src)
        write_text_atomic(src, "gone")
    assert src.read_text("utf-8") == "hello there\n"
    write_text_atomic(src, "library use outside a command may rewrite a file\n")


def test_symlink_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    r = run("segment", str(EN), "--level", "paragraph", "-o", str(link))
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text("utf-8").startswith("# The Library on the River")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = run("segment", str(EN), "--level", "paragraph", "-o", str(fifo))
    reader.join(10)
    assert r.exit_code == 0, r.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"# The Library on the River")


def test_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # same device as /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("mknod needs root")
    r = run("segment", str(EN), "-o", str(node))
    assert r.exit_code == 0, r.output
    assert stat.S_ISCHR(node.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_moses_pair_is_written_as_a_set(tmp_path: Path) -> None:
    (tmp_path / "pre.en").mkdir()
    r = run("align", str(EN), str(ZH), "--format", "moses", "-o", str(tmp_path / "pre"))
    assert "is a directory" in one_error(r)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pre.en"]


def test_split_sides_are_written_as_a_set(tmp_path: Path) -> None:
    (tmp_path / "zh").mkdir()
    r = run("split", str(PAGE), "--en", str(tmp_path / "en"), "--zh", str(tmp_path / "zh"))
    assert "is a directory" in one_error(r)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zh"]


def test_write_files_atomic_leaves_nothing_on_failure(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("old a", "utf-8")
    with pytest.raises(TypeError):
        write_files_atomic({a: "new a", tmp_path / "b.txt": 42})  # type: ignore[dict-item]
    assert a.read_text("utf-8") == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    write_files_atomic({a: "new a", tmp_path / "b.txt": "b"})
    assert a.read_text("utf-8") == "new a" and (tmp_path / "b.txt").read_text("utf-8") == "b"


def test_directory_output_is_refused_before_aligning(tmp_path: Path) -> None:
    start = time.process_time()
    r = run("align", str(EN), str(ZH), "-o", str(tmp_path))
    assert "is a directory" in one_error(r)
    assert time.process_time() - start < 1.0  # refused before the encoder loads
    assert list(tmp_path.iterdir()) == []


def test_no_clobber(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me", "utf-8")
    for args in (
        ["segment", str(EN)],
        ["score", str(EN), str(EN)],
        ["eval", str(tmp_path / "g.gold"), str(tmp_path / "g.gold")],
    ):
        (tmp_path / "g.gold").write_text("[0]:[0]\n", "utf-8")
        r = run(*args, "-o", str(out), "--no-clobber")
        assert "--no-clobber" in one_error(r)
        assert out.read_text("utf-8") == "keep me"
    r = run("segment", str(EN), "-o", str(tmp_path / "new.txt"), "--no-clobber")
    assert r.exit_code == 0 and (tmp_path / "new.txt").exists()
    r = run("split", str(PAGE), "--en", str(out), "--zh", str(tmp_path / "z"), "--no-clobber")
    assert "--no-clobber" in one_error(r)
    assert not (tmp_path / "z").exists()


# ---- the error boundary ---------------------------------------------------------------


def test_disk_full_on_stdout_and_on_output(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        p = cli(
            "segment",
            str(EN),
            "--level",
            "paragraph",
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
        )
        assert p.returncode == 2 and b"Traceback" not in p.stderr
        assert p.stderr.decode().strip().startswith("error:") and b"disk is full" in p.stderr
        p = cli("--help", stdout=full, capture_output=False, stderr=subprocess.PIPE)
        assert p.returncode == 2 and b"Traceback" not in p.stderr, p.stderr
    r = run("segment", str(EN), "--level", "paragraph", "-o", "/dev/full")
    assert "disk is full" in one_error(r)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_broken_pipe_exits_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("A short line of text here.\n\n" * 20_000), "utf-8")
    p = subprocess.Popen(
        [sys.executable, "-m", "bilingual", "segment", str(big), "--level", "paragraph"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(60) == 141
    assert err == b""


def test_unwritable_place_is_one_error_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        target = "/proc/version/x"  # under a file even for root
    else:
        (tmp_path / "ro").mkdir(mode=0o500)
        target = str(tmp_path / "ro" / "x")
    one_error(run("segment", str(EN), "-o", target))
    if Path("/sys/kernel").is_dir():  # sysfs refuses new files, even for root
        assert "/sys/x:" in one_error(run("segment", str(EN), "-o", "/sys/x"))


def test_long_gold_id_and_deep_json(tmp_path: Path) -> None:
    gold = tmp_path / "a.gold"
    gold.write_text("[" + "9" * 5000 + "]:[0]\n", "utf-8")
    assert "digits" in one_error(run("eval", str(gold), str(gold)))
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    one_error(run("convert", str(deep), "-", "--to", "tsv"))


# ---- input shape ------------------------------------------------------------------------


def test_forgotten_tgt(tmp_path: Path) -> None:
    for command in (["align"], ["check"]):
        assert "no Chinese text" in one_error(run(*command, str(EN)))
    msg = one_error(run("split", str(EN), "--en", str(tmp_path / "e"), "--zh", str(tmp_path / "z")))
    assert "no Chinese text" in msg and "TGT" in msg
    assert "no English text" in one_error(run("align", str(ZH)))
    assert list(tmp_path.iterdir()) == []


def test_stray_chinese_in_an_english_text_is_not_a_mixed_page(tmp_path: Path) -> None:
    en = tmp_path / "x.en.txt"
    en.write_text(
        "The company 华为 announced a new phone today. It costs 5000 yuan.\n\n"
        "Another paragraph about 北京 follows here, with more English text.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    for command in (["align"], ["check"], ["split", "--en", f"{out}.en", "--zh", f"{out}.zh"]):
        msg = one_error(run(command[0], str(en), *command[1:]))
        assert "only 11% Chinese text" in msg and "at least 20%" in msg and "TGT" in msg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.en.txt"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("これは日本語の文章です。ひらがなとカタカナがあります。", "Japanese"),
        ("이것은 한국어 문장입니다. 한글이 있습니다.", "Korean"),
    ],
)
def test_split_refuses_japanese_and_korean(tmp_path: Path, text: str, word: str) -> None:
    page = tmp_path / "p.txt"
    page.write_text(f"Some English here.\n\n{text}\n", "utf-8")
    msg = one_error(run("split", str(page), "--format", "jsonl"))
    assert word in msg


def test_src_lang_contradiction_warns(caplog: pytest.LogCaptureFixture) -> None:
    from bilingual.lang import resolve_language

    with caplog.at_level(logging.WARNING):
        assert resolve_language("This is plainly English text.", "zh", "a.txt") == "zh"
        assert resolve_language("这是中文。", "en", "b.txt") == "en"
        resolve_language("This is English.", "en", "c.txt")
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "a.txt" in messages[0] and "Latin-script" in messages[0]
    assert "b.txt" in messages[1] and "Chinese text" in messages[1]


def test_score_warns_on_language_mismatch() -> None:
    r = run("score", str(EN), str(ZH))
    assert r.exit_code == 0
    assert "warning: the hypothesis looks English and the reference Chinese" in r.output


def test_very_unequal_sides_align_what_they_can(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bilingual.align import align_documents
    from bilingual.model import Document

    en = "".join(f"Line {i} is about the river library and its {i} books.\n" for i in range(6))
    zh = "".join(f"第{i}行讲述河上图书馆和它的{i}本书。\n" for i in range(120))
    with caplog.at_level(logging.WARNING), warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy warning may escape
        a = align_documents(Document(en, "en", "e"), Document(zh, "zh", "z"), presplit=True)
    # Before: every sentence an omission. Now each English line is paired (these synthetic
    # lines differ only in a number, so the pairs may hold neighbouring Chinese lines too).
    pairs = [b for b in a.beads if b.src and b.tgt]
    assert [b.src for b in pairs] == [(i,) for i in range(6)]
    assert sorted(j for b in a.beads for j in b.tgt) == list(range(120))
    assert any("differ 20×" in r.getMessage() for r in caplog.records)


# ---- bounded cost -----------------------------------------------------------------------


def test_ter_is_skipped_on_very_long_lines() -> None:
    import math

    from bilingual.score import MAX_TER_TOKENS, score_segments

    long_zh = "的一是不了人我在有他这为之大来以个中上们到说国和地" * 60
    assert len(long_zh) > MAX_TER_TOKENS
    start = time.process_time()
    report = score_segments([long_zh, "你好世界"], [long_zh[::-1], "你好世界"], lang="zh")
    assert time.process_time() - start < 5
    assert report.ter_skipped == 1
    assert math.isnan(report.segments[0].ter) and report.segments[1].ter == 0.0
    assert report.metric("TER").score == 0.0  # over the pairs TER was computed for
    only_long = score_segments([long_zh], [long_zh[::-1]], lang="zh")
    assert math.isnan(only_long.metric("TER").score) and only_long.ter_skipped == 1


def test_eval_is_linear_in_bead_size() -> None:
    from bilingual.align.evaluate import score_alignment
    from bilingual.export.gold import parse_gold

    n = 30_000
    ids = ",".join(map(str, range(n)))
    start = time.process_time()
    gold = parse_gold(f"[{ids}]:[{ids}]\n")
    test = parse_gold("".join(f"[{i}]:[{i}]\n" for i in range(n)))
    scores = score_alignment(gold, test)
    assert time.process_time() - start < 3
    assert scores.precision_lax == 1.0 and scores.precision_strict == 0.0


def test_names_check_is_bounded_on_a_long_unpunctuated_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    en, zh = tmp_path / "l.en", tmp_path / "l.zh"
    en.write_text(" ".join(["Smith met Anna at the Millbrook library"] * 150) + "\n", "utf-8")
    zh.write_text("史密斯在米尔布鲁克图书馆见到安娜" * 150 + "\n", "utf-8")
    start = time.process_time()
    with caplog.at_level(logging.WARNING):
        r = run("check", str(en), str(zh), "--presplit", "--format", "json")
    assert r.exit_code == 0, r.output
    assert time.process_time() - start < 20
    assert any("names and terms not checked in 1 bead" in x.getMessage() for x in caplog.records)


# ---- messages ---------------------------------------------------------------------------


def test_messages(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert "symlink loop" in one_error(run("segment", str(loop)))
    assert "symlink loop" in one_error(run("segment", str(EN), "-o", str(loop)))
    afile = tmp_path / "file.txt"
    afile.write_text("x", "utf-8")
    assert "file.txt is a file, not a folder" in one_error(
        run("segment", str(EN), "-o", str(afile / "x"))
    )
    assert "only once" in one_error(run("align", "-", "-", stdin="hello\n"))
    assert "only once" in one_error(run("score", "-", "-", stdin="hello\n"))
    assert "only once" in one_error(run("eval", "-", "-", stdin="[0]:[0]\n"))
    gold = tmp_path / "x.gold"
    gold.write_text("[0]:[0]\n", "utf-8")
    assert "bilingual eval" in one_error(run("convert", str(gold), str(tmp_path / "x.tsv")))
    jp = tmp_path / "jp.txt"
    jp.write_text("これは日本語の文章です。ひらがなとカタカナがあります。\n", "utf-8")
    msg = one_error(run("align", str(jp), str(ZH)))
    assert "--src-lang" in msg and "--tgt-lang" in msg


def test_encoding_error_says_where() -> None:
    data = b"line one\nline two\nbad \xff\xff\xff\xff\xff\xff here\n"
    with pytest.raises(EncodingError, match=r"line 3, byte 22 \(0xff\)"):
        decode_bytes(data, "x.txt")


def test_verbose_takes_no_number() -> None:
    p = cli("-v", "2", "segment", str(EN))
    assert p.returncode == 2
    assert p.stderr.decode().strip() == (
        "error: -v takes no number; repeat it instead (-v info, -vv debug)."
    )
    help_text = run("--help").output
    assert "<int>" not in help_text.split("--verbose")[1].split("\n")[0]
