"""`bilingual review` as a command: inputs, save paths, refusals, and surviving SIGKILL."""

from __future__ import annotations

import shutil
import signal
import socket
from pathlib import Path
from typing import Any

import pytest
from review_fixtures import sample_jsonl
from review_server import Server
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.review.app import allowed_hosts, is_loopback
from bilingual.review.inputs import corpus_documents, resolve_input

DATA = Path(__file__).resolve().parents[1] / "data"


def test_sigkill_loses_no_accepted_edit(tmp_path: Path) -> None:
    """`review SRC TGT` aligns, takes edits, is SIGKILLed; the same command resumes exactly."""
    src, tgt = tmp_path / "doc.en.txt", tmp_path / "doc.zh.txt"
    shutil.copy(DATA / "sample.en.txt", src)
    shutil.copy(DATA / "sample.zh.txt", tgt)
    server = Server(str(src), str(tgt), "--no-checks")
    initial = server.get()
    v = 0
    for body in (
        {"op": "merge", "bead": 0},
        {"op": "confirm", "bead": 2},
        {"op": "split", "bead": 0, "src_at": 1, "tgt_at": 1},
        {"op": "detach", "bead": 5, "side": "src", "segment": server.get()["beads"][5]["src"][0]},
    ):
        r = server.post("/api/edit", {**body, "version": v})
        assert r.status_code == 200, r.text
        v = r.json()["version"]
    r = server.post("/api/undo", {"version": v})
    assert r.status_code == 200
    before = server.get()
    server.kill()
    save = tmp_path / "doc.review.jsonl"
    assert save.exists() and (tmp_path / "doc.review.jsonl.log").exists()
    # restart on the saved file (running the same command again would resume from it too)
    assert resolve_input([str(src), str(tgt)]).save == save
    again = Server(str(save), "--no-checks")
    try:
        after = again.get()
        for key in ("beads", "version", "n_confirmed", "can_undo", "can_redo", "src", "tgt"):
            assert after[key] == before[key], key
        # the undo history came back too: redo the undone detach, undo everything
        r = again.post("/api/redo", {"version": after["version"]})
        assert r.status_code == 200, r.text
        v = r.json()["version"]
        while True:
            r = again.post("/api/undo", {"version": v})
            if r.status_code != 200:
                break
            v = r.json()["version"]
        assert beads(again.get()) == beads(initial)
        assert again.get()["n_confirmed"] == 0
    finally:
        assert again.stop(signal.SIGINT) == 0  # Ctrl-C: a clean stop
    # reopening the save file itself continues it in place
    assert resolve_input([str(save)]).save == save


def beads(d: dict[str, Any]) -> list[tuple[list[int], list[int], str]]:
    return [(b["src"], b["tgt"], b["status"]) for b in d["beads"]]


def test_allowed_hosts_and_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert allowed_hosts("127.0.0.1", 8123) == {"127.0.0.1:8123", "localhost:8123"}
    assert allowed_hosts("192.168.1.5", 80) == {"192.168.1.5:80"}
    assert allowed_hosts("::1", 9) == {"[::1]:9", "127.0.0.1:9", "localhost:9"}
    everywhere = allowed_hosts("0.0.0.0", 80)
    assert {"127.0.0.1:80", f"{socket.gethostname()}:80"} <= everywhere


def test_default_save_paths(tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "a.zh.txt").write_text("一。", encoding="utf-8")
    two = resolve_input([str(tmp_path / "a.en.txt"), str(tmp_path / "a.zh.txt")])
    assert two.save == tmp_path / "a.review.jsonl"
    (tmp_path / "x.jsonl").write_text(sample_jsonl(), encoding="utf-8")
    assert resolve_input([str(tmp_path / "x.jsonl")]).save == tmp_path / "x.review.jsonl"
    corpus = tmp_path / "out"
    (corpus / "alignments" / "news").mkdir(parents=True)
    for doc_id in ("news/b", "a"):
        (corpus / "alignments" / f"{doc_id}.jsonl").write_text(sample_jsonl(), encoding="utf-8")
    assert corpus_documents(corpus) == ["a", "news/b"]
    picked = resolve_input([str(corpus)], doc="news/b")
    assert picked.inputs == (corpus / "alignments" / "news" / "b.jsonl",)
    assert picked.save == corpus / "review" / "news" / "b.jsonl"
    assert picked.save.parent.is_dir()
    chosen = resolve_input([str(corpus)], choose=lambda docs: docs[0])
    assert chosen.doc_id == "a"


@pytest.mark.parametrize(
    "args,message",
    [
        (["missing.jsonl"], "no such file"),
        (["x.jsonl", "--save", "x.jsonl"], "is an input"),
        (["x.jsonl", "--save", "nowhere/s.jsonl"], "does not exist"),
        (["out"], "pick one with --doc"),
        (["out", "--doc", "zzz"], "no document"),
        (["empty"], "holds no alignments"),
        (["bad.jsonl"], "not valid JSON"),
    ],
)
def test_refusals_are_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.jsonl").write_text(sample_jsonl(), encoding="utf-8")
    Path("bad.jsonl").write_text("{nope\n", encoding="utf-8")
    Path("empty").mkdir()
    (tmp_path / "out" / "alignments").mkdir(parents=True)
    for doc_id in ("a", "b"):
        Path(f"out/alignments/{doc_id}.jsonl").write_text(sample_jsonl(), encoding="utf-8")
    result = CliRunner().invoke(app, ["review", *args, "--no-browser", "--no-checks"])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not Path("x.review.jsonl").exists()
