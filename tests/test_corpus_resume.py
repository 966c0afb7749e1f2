"""A corpus run killed with SIGKILL mid-run resumes to byte-identical output.

The killed run is a real subprocess (this checkout on PYTHONPATH); the reference and the resumed
run go through the CLI in this process. The slow variants kill a run on a local pool of two workers
(SIGKILL: the workers must not outlive it; SIGTERM: exit 130) and resume on a pool, which
checks the pool against the single-process bytes too.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from corpus_fixtures import PYTHON, corpus_bytes, run_cli, worktree_env, write_docs

N_DOCS = 8


def _finished(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM docs WHERE status = 'ok'").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def _kill_and_resume(
    tmp_path: Path, resume_jobs: str, sig: int = signal.SIGKILL, kill_jobs: str = "1"
) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=N_DOCS, per=2)
    args = [str(tmp_path / "en"), str(tmp_path / "zh")]
    ref = tmp_path / "ref"
    r = run_cli(*args, "-o", str(ref), "--jobs", "1")
    assert r.exit_code == 0, r.output

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [PYTHON, "-m", "bilingual", "corpus", *args, "-o", str(out), "--jobs", kill_jobs],
        env=worktree_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while _finished(out / "state.sqlite") < 2:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the run never finished a document"
        time.sleep(0.02)
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(sig)
    code = proc.wait(timeout=60)
    _, alive = psutil.wait_procs(children, timeout=20)
    assert alive == [], "pool workers outlived the killed run"
    if sig == signal.SIGTERM:
        assert code == 130, proc.stderr.read().decode() if proc.stderr else ""
    done = _finished(out / "state.sqlite")
    assert 2 <= done < N_DOCS, f"killed too late ({done} of {N_DOCS} done)"
    assert not (out / "corpus.jsonl").exists()  # the corpus appears only at the end

    r = run_cli(*args, "-o", str(out), "--jobs", resume_jobs)
    assert r.exit_code == 0, r.output
    statuses = [d["status"] for d in json.loads((out / "report.json").read_text())["documents"]]
    assert statuses.count("skipped") >= done >= 2
    assert statuses.count("ok") == N_DOCS - statuses.count("skipped")
    assert corpus_bytes(out) == corpus_bytes(ref)
    assert not list(out.glob(".*.tmp"))


def test_sigkill_then_resume_gives_identical_output(tmp_path: Path) -> None:
    _kill_and_resume(tmp_path, "1")


@pytest.mark.slow
def test_sigkill_of_a_pool_run_then_resume_on_a_pool(tmp_path: Path) -> None:
    _kill_and_resume(tmp_path, "2", signal.SIGKILL, kill_jobs="2")


@pytest.mark.slow
def test_sigterm_then_resume_on_a_local_pool(tmp_path: Path) -> None:
    _kill_and_resume(tmp_path, "2", signal.SIGTERM, kill_jobs="2")
