"""Progress bars: counts that advance on a terminal's stderr, nothing on a pipe or with -q."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path

import pytest
from corpus_fixtures import PYTHON, ROOT, worktree_env, write_docs

# Six CLI processes, each loading the encoder: slow on a loaded machine (run with -m slow).
pytestmark = pytest.mark.slow

DATA = ROOT / "data"
COUNT = re.compile(r"(\d+)/(\d+)")


def _in_pty(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``python -m bilingual ARGS`` with stderr (and stdout) on a pseudo-terminal."""
    env = {**worktree_env(), "TERM": "xterm", "COLUMNS": "120"}
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [PYTHON, "-m", "bilingual", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=cwd,
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(leader)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def _counts(screen: str, stage: str) -> list[tuple[int, int]]:
    """The ``done/total`` counts drawn on the lines of ``stage``, in order."""
    out = []
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)  # colours are inside a line
    for line in re.split(r"[\r\n]|\x1b\[[0-9;?]*[A-Za-z]", plain):
        if stage in line:
            out += [(int(a), int(b)) for a, b in COUNT.findall(line)]
    return out


def _advances(counts: list[tuple[int, int]]) -> bool:
    done = [d for d, _ in counts]
    return len(set(done)) >= 2 and done == sorted(done) and counts[-1][0] == counts[-1][1]


def _piped(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "bilingual", *args],
        capture_output=True,
        text=True,
        env=worktree_env(),
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_check_shows_advancing_counts_on_a_terminal_only(tmp_path: Path) -> None:
    args = ["check", str(DATA / "sample.en.txt"), str(DATA / "sample.zh.txt"), "-f", "json"]
    code, screen = _in_pty([*args, "-o", str(tmp_path / "a.json")], tmp_path)
    assert code in (0, 1), screen
    assert _advances(_counts(screen, "encoding")), screen
    assert _advances(_counts(screen, "checking")), screen
    piped = _piped([*args, "-o", str(tmp_path / "b.json")], tmp_path)
    assert piped.returncode in (0, 1) and piped.stderr == "", piped.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    code, quiet = _in_pty(["-q", *args, "-o", str(tmp_path / "c.json")], tmp_path)
    assert code in (0, 1) and quiet.strip() == "", quiet


def test_corpus_shows_advancing_document_counts_on_a_terminal_only(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=4, per=2)
    args = ["corpus", "en", "zh", "--jobs", "1", "--no-cache"]
    code, screen = _in_pty([*args, "-o", "out1"], tmp_path)
    assert code == 0, screen
    docs = _counts(screen, "documents")
    assert _advances(docs) and docs[-1] == (4, 4), screen
    piped = _piped([*args, "-o", "out2"], tmp_path)
    assert piped.returncode == 0, piped.stderr
    # the one summary line, no progress
    assert piped.stderr.count("\n") == 1 and piped.stderr.startswith("corpus: "), piped.stderr
    code, quiet = _in_pty(["-q", *args, "-o", "out3"], tmp_path)
    assert code == 0 and quiet.strip() == "", quiet
