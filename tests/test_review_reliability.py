"""Review state under faults (issue 24): one writer per save file, a log that heals after a
torn write, a full disk, a planted symlink, hostile request bodies."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_fixtures import seed_like_report
from starlette.requests import Request
from starlette.testclient import TestClient

from bilingual.errors import EditError, InputError, StateLockedError
from bilingual.review.inputs import open_state, resolve_input
from bilingual.review.server import MAX_BODY, _body, create_app
from bilingual.review.session import ReviewSession
from bilingual.review.state import Confirm, Merge, ReviewState, Split, apply_edit, start_review
from bilingual.review.store import ReviewStore, log_path
from bilingual.statelock import acquire, lock_path_beside

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "t" * 43
NO_BROWSER = ("--no-checks", "--no-browser", "--port", "0")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def view(s: ReviewState) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(b.src, b.tgt, b.status) for b in s.beads]


def _states() -> list[ReviewState]:
    s = start_review(seed_like_report().alignment)
    out = [s]
    for edit in (Merge(0), Confirm(0, 1), Split(0, 1, 1)):
        s = apply_edit(s, edit)
        out.append(s)
    return out


def _write(store: ReviewStore, states: list[ReviewState]) -> None:
    store.begin(states[0])
    for s in states[1:]:
        assert store.record(s, "do") is None


# -- one writer per save file ---------------------------------------------------------------


def _save_file(tmp_path: Path) -> Path:
    save = tmp_path / "r1.jsonl"
    _write(ReviewStore(save), _states()[:2])
    return save


def test_a_second_review_of_one_save_file_refuses_naming_the_holder(tmp_path: Path) -> None:
    save = _save_file(tmp_path)
    _, first = open_state(resolve_input([str(save)]))
    try:
        with pytest.raises(StateLockedError, match=rf"in use by process {os.getpid()}\b"):
            open_state(resolve_input([str(save)]))
    finally:
        first.close()
    _, again = open_state(resolve_input([str(save)]))  # released: the next one may write
    again.close()


def test_two_review_commands_on_one_save_file(tmp_path: Path) -> None:
    """The second `bilingual review` process exits 2 with one line naming the first's PID."""
    from review_server import Server

    save = _save_file(tmp_path)
    server = Server(str(save), "--no-checks")
    try:
        second = subprocess.run(
            [sys.executable, "-m", "bilingual", "review", str(save), *NO_BROWSER],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
        assert second.returncode == 2
        lines = [x for x in second.stderr.splitlines() if x.startswith("error:")]
        assert len(lines) == 1 and f"process {server.proc.pid}" in lines[0], second.stderr
        assert "Traceback" not in second.stderr
        v = server.get()["version"]
        r = server.post("/api/edit", {"op": "confirm", "bead": 1, "version": v})
        assert r.status_code == 200, r.text
    finally:
        server.stop()


def test_the_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl.lock"
    code = (
        "import sys, time; from pathlib import Path; from bilingual.statelock import acquire; "
        f"acquire(Path({str(path)!r}), 'x'); print('held', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    with pytest.raises(StateLockedError, match=f"process {child.pid}"):
        acquire(path, "x")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    lock = acquire(path, "x")  # the dead holder's lock is ours now, with our pid in it
    try:
        assert path.read_text().strip() == str(os.getpid())
    finally:
        lock.release()


def test_a_symlinked_lock_file_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    save = tmp_path / "s.jsonl"
    lock_path_beside(save).symlink_to(victim)
    with pytest.raises(InputError, match="symlink"):
        ReviewStore(save).lock()
    assert victim.read_text() == "keep me\n"


# -- a log that heals -----------------------------------------------------------------------


def test_a_log_torn_at_every_byte_of_its_last_line_heals(tmp_path: Path) -> None:
    """Cut the last line after each of its bytes: the restart gives the state before that
    change, cuts the fragment off, and the next change and restart work."""
    states = _states()
    save = tmp_path / "t1.jsonl"
    store = ReviewStore(save)
    _write(store, states[:-1])
    before = save.read_bytes()
    head = store.log.read_bytes()
    assert store.record(states[-1], "do") is None
    full = store.log.read_bytes()
    last = full[len(head) :]
    assert last.endswith(b"\n")
    for k in range(len(last)):  # k == len(last) - 1: everything but the newline
        save.write_bytes(before)  # the crash came before the save was replaced
        store.log.write_bytes(head + last[:k])
        r = ReviewStore(save).restore()
        assert view(r) == view(states[-2]) and r.version == states[-2].version, k
        assert store.log.read_bytes() == head, k  # the torn fragment is cut off
        again = ReviewStore(save)
        s = again.restore()
        s2 = apply_edit(s, Confirm(2, 2))
        assert again.record(s2, "do") is None
        back = ReviewStore(save).restore()
        assert view(back) == view(s2) and back.version == s2.version, k
        assert len(back.undo_stack) == len(s2.undo_stack)


def test_a_fragment_without_newline_gets_one_before_the_next_line(tmp_path: Path) -> None:
    states = _states()
    store = ReviewStore(tmp_path / "t2.jsonl")
    _write(store, states[:-1])
    with store.log.open("ab") as fh:
        fh.write(b'{"type": "do", "vers')  # a torn write this process did not see
    assert store.record(states[-1], "do") is None
    r = ReviewStore(store.save).restore()
    assert view(r) == view(states[-1]) and r.version == states[-1].version


def test_damage_in_the_middle_of_the_log_is_refused_with_the_line(tmp_path: Path) -> None:
    from bilingual.errors import FormatError

    states = _states()
    store = ReviewStore(tmp_path / "t3.jsonl")
    _write(store, states)
    lines = store.log.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"version": 2', b'"version": 7')  # checksum no longer holds
    store.log.write_bytes(b"\n".join(lines))
    with pytest.raises(FormatError, match=r"line 3: damaged.*Cut it before line 3"):
        ReviewStore(store.save).restore()


def test_a_log_without_checksums_still_restores(tmp_path: Path) -> None:
    """Logs written before issue 24 (plain JSON lines) are read as they are."""
    states = _states()
    store = ReviewStore(tmp_path / "t4.jsonl")
    _write(store, states)
    plain = [x.rpartition(b"\t")[0] for x in store.log.read_bytes().split(b"\n") if x]
    store.log.write_bytes(b"\n".join(plain) + b"\n")
    r = ReviewStore(store.save).restore()
    assert view(r) == view(states[-1]) and len(r.undo_stack) == 3


def test_a_symlinked_log_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    save = tmp_path / "s1.jsonl"
    log_path(save).symlink_to(victim)
    with pytest.raises(InputError, match="symlink"):
        ReviewStore(save).begin(_states()[0])
    assert victim.read_text() == "precious\n"


def test_review_command_refuses_a_symlinked_log(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilingual.cli import app

    src = tmp_path / "a.jsonl"
    src.write_text(_jsonl_of(_states()[0]), encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    save = tmp_path / "s1.jsonl"
    log_path(save).symlink_to(victim)
    result = CliRunner().invoke(
        app, ["review", str(src), "--save", str(save), "--no-browser", "--no-checks"]
    )
    assert result.exit_code == 2
    assert "symlink" in result.output and "Traceback" not in result.output
    assert victim.read_text() == "precious\n"


def _jsonl_of(s: ReviewState) -> str:
    from bilingual.export import write_jsonl

    return write_jsonl(s.alignment())


# -- the commit point under a full disk -----------------------------------------------------


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"x" * 4096)
        with contextlib.suppress(OSError):
            while True:  # the last bytes of a partly used page
                os.write(fd, b"x")
    finally:
        os.close(fd)


def test_a_full_disk_refuses_the_edit_and_the_restart_agrees(tmp_path: Path) -> None:
    states = _states()
    with tiny_tmpfs(tmp_path / "disk", "256k") as disk:
        store = ReviewStore(disk / "r.jsonl")
        _write(store, states[:-1])
        _fill(disk)
        with pytest.raises(InputError, match="not applied"):
            store.record(states[-1], "do")
        r = ReviewStore(store.save).restore()
        # the page was told the edit failed: after a restart it is not there either
        assert view(r) == view(states[-2]) and r.version == states[-2].version
        (disk / "filler").unlink()
        assert store.record(states[-1], "do") is None
        r = ReviewStore(store.save).restore()
        assert view(r) == view(states[-1])


def test_a_failed_save_takes_the_logged_edit_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The log line is durable, then the save fails: the line is cut, the answer is an error."""
    import bilingual.review.store as store_mod

    states = _states()
    store = ReviewStore(tmp_path / "r.jsonl")
    _write(store, states[:-1])
    head = store.log.read_bytes()

    def full(path: object, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod, "write_text_atomic", full)
    with pytest.raises(InputError, match=r"could not be saved.*not applied"):
        store.record(states[-1], "do")
    assert store.log.read_bytes() == head
    monkeypatch.undo()
    r = ReviewStore(store.save).restore()
    assert view(r) == view(states[-2])


def test_when_the_log_cannot_be_cut_back_the_edit_stands_and_the_page_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bilingual.review.store as store_mod

    states = _states()
    store = ReviewStore(tmp_path / "r.jsonl")
    _write(store, states[:-1])

    def full(path: object, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def no_cut(fd: int, size: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_mod, "write_text_atomic", full)
    monkeypatch.setattr(store_mod.os, "ftruncate", no_cut)
    warning = store.record(states[-1], "do")
    assert warning and "edit log only" in warning
    monkeypatch.undo()
    r = ReviewStore(store.save).restore()  # accepted, as the page was told: replayed
    assert view(r) == view(states[-1]) and r.version == states[-1].version


# -- hostile bodies -------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, ReviewSession]]:
    path = tmp_path / "doc.jsonl"
    path.write_text(_jsonl_of(_states()[0]), encoding="utf-8")
    state, store = open_state(resolve_input([str(path)]))
    session = ReviewSession(state, store, checks=None)
    with TestClient(create_app(session, TOKEN, {"testserver"})) as c:
        yield c, session
    store.close()


def test_a_5000_digit_version_is_a_400_not_a_500(
    client: tuple[TestClient, ReviewSession],
) -> None:
    c, _ = client
    for digits in ("9" * 5000, "9" * 4000):
        body = '{"op": "merge", "bead": 0, "version": ' + digits + "}"
        r = c.post("/api/edit", content=body, headers={**AUTH, "content-type": "application/json"})
        assert r.status_code == 400, r.text
        assert "error" in r.json()


def test_a_declared_oversized_body_is_refused_before_reading(
    client: tuple[TestClient, ReviewSession],
) -> None:
    c, _ = client
    r = c.post("/api/edit", content=b"{" + b" " * (MAX_BODY + 10) + b"}", headers=AUTH)
    assert r.status_code == 413


def test_a_streamed_body_stops_being_read_at_the_limit() -> None:
    """A body without Content-Length (chunked) of 150 MB: reading stops after MAX_BODY."""
    chunk = b" " * 8192
    sent = 0

    async def receive() -> dict[str, object]:
        nonlocal sent
        sent += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": sent < 150 * 2**20}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    with pytest.raises(EditError, match="over"):
        asyncio.run(_body(request))
    assert sent <= MAX_BODY + len(chunk)


def test_accepted_edits_answer_json_with_the_new_version(
    client: tuple[TestClient, ReviewSession],
) -> None:
    c, session = client
    r = c.post("/api/edit", json={"op": "merge", "bead": 0, "version": 0}, headers=AUTH)
    assert r.status_code == 200 and r.json()["version"] == 1 and "warning" not in r.json()
    restored = ReviewStore(session.store.save).restore()
    assert restored.version == 1
    assert json.loads(session.store.save.read_text().splitlines()[0])["review_version"] == 1
