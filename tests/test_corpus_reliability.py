"""Corpus runs under faults (issue 24): one run per output folder, no output inside an input
folder, a bad id pair fails alone, unreadable kinds named on stderr, Ctrl-C on a pool."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from corpus_fixtures import PYTHON, ROOT, run_cli, worktree_env, write_docs

from bilingual.statelock import acquire


def _inputs(tmp_path: Path) -> list[str]:
    return [str(tmp_path / "en"), str(tmp_path / "zh")]


def _errors(text: str) -> list[str]:
    return [x for x in text.splitlines() if x.startswith("error:")]


def test_a_second_run_on_one_output_folder_refuses_naming_the_first(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=2)
    out = tmp_path / "out"
    out.mkdir()
    held = acquire(out / "corpus.lock", "test")  # as a running corpus holds it
    try:
        r = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(out), "--jobs", "1")
    finally:
        held.release()
    assert r.exit_code == 2
    assert len(_errors(r.output)) == 1 and f"process {os.getpid()}" in r.output, r.output
    assert not (out / "state.sqlite").exists()  # refused before touching the state


def test_output_inside_an_input_folder_is_refused_on_the_first_run(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=2)
    for out in (tmp_path / "en" / "out", tmp_path / "zh", tmp_path / "zh" / "a" / "b"):
        r = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(out), "--jobs", "1")
        assert r.exit_code == 2, r.output
        assert "inside the input folder" in r.output and len(_errors(r.output)) == 1
        assert not (out / "state.sqlite").exists() and not (out / "report.json").exists()
    mixed = run_cli(str(tmp_path / "en"), "-o", str(tmp_path / "en" / "o"))
    assert mixed.exit_code == 2 and "inside the input folder" in mixed.output


def test_an_id_that_needs_another_documents_file_as_folder_fails_alone(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=2)
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"src": "en/doc0.en.txt", "tgt": "zh/doc0.zh.txt", "id": "d"},
        {"src": "en/doc1.en.txt", "tgt": "zh/doc1.zh.txt", "id": "d.jsonl/e"},
    ]
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("--manifest", str(manifest), "-o", str(out), "--jobs", "1")
    assert r.exit_code == 0, r.output
    docs = {d["id"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert docs["d"]["status"] == "ok" and (out / "alignments" / "d.jsonl").is_file()
    assert docs["d.jsonl/e"]["status"] == "failed"
    assert "alignments/d.jsonl" in docs["d.jsonl/e"]["error"]


def test_fifo_folder_and_device_inputs_are_named_on_stderr(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=1)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    manifest = tmp_path / "m.tsv"
    manifest.write_text(
        "pipe\tzh/doc0.zh.txt\tp\nfolder\tzh/doc0.zh.txt\tf\n/dev/zero\tzh/doc0.zh.txt\tz\n"
        "missing.txt\tzh/doc0.zh.txt\tm\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    proc = subprocess.run(
        [PYTHON, "-m", "bilingual", "corpus", "--manifest", str(manifest), "-o", str(out)],
        capture_output=True,
        text=True,
        env=worktree_env(),
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for doc_id, what in (("p", "FIFO"), ("f", "directory"), ("z", "device"), ("m", "no such")):
        line = next((x for x in proc.stderr.splitlines() if f"{doc_id}: failed" in x), "")
        assert what in line, (doc_id, proc.stderr)
    docs = {d["id"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert "FIFO" in docs["p"]["error"] and "device" in docs["z"]["error"]


@pytest.mark.slow
def test_ctrl_c_on_a_pool_prints_one_line_and_exits_130(tmp_path: Path) -> None:
    """SIGINT to the whole process group (what Ctrl-C does) while two workers align."""
    write_docs(tmp_path / "en", tmp_path / "zh", n=8, per=2)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [PYTHON, "-m", "bilingual", "corpus", *_inputs(tmp_path), "-o", str(out), "--jobs", "2"],
        env=worktree_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not (out / "alignments").is_dir() or not any((out / "alignments").iterdir()):
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "no document finished"
        time.sleep(0.05)
    children = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signal.SIGINT)
    code = proc.wait(timeout=60)
    err = proc.stderr.read() if proc.stderr else ""
    _, alive = psutil.wait_procs(children, timeout=20)
    assert code == 130, err
    assert alive == []
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert len(_errors(err)) == 1, err


def test_a_cache_file_shared_between_folders_has_one_writer(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=1)
    cache = tmp_path / "shared" / "emb.sqlite"
    cache.parent.mkdir()
    held = acquire(cache.with_name("emb.sqlite.lock"), "test")  # another run uses the cache
    try:
        r = run_cli(*_inputs(tmp_path), "-o", str(tmp_path / "o2"), "--cache", str(cache))
    finally:
        held.release()
    assert r.exit_code == 2 and "embedding cache" in _errors(r.output)[0], r.output
    assert f"process {os.getpid()}" in r.output
