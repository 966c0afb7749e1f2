"""The same corpus from one process and from a real Dask cluster: identical bytes.

Starts a real ``dask scheduler`` (port 0, address read from its scheduler file) and two
``dask worker ADDRESS --nworkers 1 --nthreads 1 --no-nanny`` processes (no nanny: two
fewer interpreters to start) on 127.0.0.1, each importing this
checkout's bilingual (PYTHONPATH), and tears the process groups down afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixtures import PYTHON, corpus_bytes, run_cli, worktree_env, write_docs

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [PYTHON, "-m", "dask", *args],
        env=worktree_env(),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the nanny's children die with it
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("dask")
    sched_file = base / "scheduler.json"
    procs = [
        _start(
            ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(sched_file)],
            base / "scheduler.log",
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() or not sched_file.read_text().strip():
            if time.monotonic() > deadline or procs[0].poll() is not None:
                pytest.fail("dask scheduler did not start: " + (base / "scheduler.log").read_text())
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        for k in range(2):
            procs.append(
                _start(
                    ["worker", address, "--nworkers", "1", "--nthreads", "1", "--no-nanny",
                     "--no-dashboard",
                     "--host", "127.0.0.1", "--local-directory", str(base / f"w{k}"),
                     "--death-timeout", "60"],
                    base / f"worker{k}.log",
                )
            )  # fmt: skip
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for p in reversed(procs):
            _stop(p)


def test_local_and_dask_give_identical_bytes(cluster: str, tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=4, per=2)
    outs = {}
    for name, extra in (("one", ["--jobs", "1"]), ("dask", ["--cluster", cluster])):
        out = tmp_path / name
        r = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(out), *extra)
        assert r.exit_code == 0, r.output
        outs[name] = corpus_bytes(out)
    assert len(outs["one"]) == 4 + 4
    assert outs["dask"] == outs["one"]
    report = json.loads((tmp_path / "dask" / "report.json").read_text("utf-8"))
    assert report["totals"]["ok"] == 4 and report["totals"]["kept"] > 0


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=1)
    r = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(tmp_path / "o"),
                "--cluster", "tcp://127.0.0.1:9")  # fmt: skip
    assert r.exit_code == 2
    assert "Dask scheduler" in r.output
