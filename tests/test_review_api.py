"""The review JSON API through Starlette's test client, with the real aligner and checks."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import review_fixtures

with warnings.catch_warnings():  # starlette 1.x nudges towards httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from bilingual.export import (
    parse_gold,
    parse_jsonl,
    parse_markdown,
    parse_moses,
    parse_tmx,
    parse_tsv,
)
from bilingual.export._common import is_omission, side_texts
from bilingual.model import Alignment
from bilingual.review.inputs import open_state, resolve_input
from bilingual.review.server import create_app
from bilingual.review.session import ReviewSession, default_checks

TOKEN = "t0k3n-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def sample_jsonl() -> str:
    return review_fixtures.sample_jsonl()


def make_client(
    tmp_path: Path, text: str, checks: bool = False
) -> tuple[TestClient, ReviewSession]:
    path = tmp_path / "doc.jsonl"
    path.write_text(text, encoding="utf-8")
    state, store = open_state(resolve_input([str(path)]))
    session = ReviewSession(state, store, checks=default_checks() if checks else None)
    return TestClient(create_app(session, TOKEN, {"testserver"})), session


@pytest.fixture
def client(tmp_path: Path, sample_jsonl: str) -> Iterator[tuple[TestClient, ReviewSession]]:
    c, s = make_client(tmp_path, sample_jsonl)
    with c:
        yield c, s


def get(c: TestClient) -> dict[str, Any]:
    r = c.get("/api/alignment", headers=AUTH)
    assert r.status_code == 200, r.text
    return r.json()


def post(c: TestClient, path: str, body: dict[str, Any]) -> Any:
    return c.post(path, json=body, headers=AUTH)


def beads_of(d: dict[str, Any]) -> list[tuple[list[int], list[int], str]]:
    return [(b["src"], b["tgt"], b["status"]) for b in d["beads"]]


def test_alignment_payload_with_findings(tmp_path: Path, sample_jsonl: str) -> None:
    c, session = make_client(tmp_path, sample_jsonl, checks=True)
    assert session.wait_for_checks(120)
    d = get(c)
    align = parse_jsonl(sample_jsonl)
    assert d["src"]["sentences"] == [s.text for s in align.src.segments]
    assert d["tgt"]["sentences"] == [s.text for s in align.tgt.segments]
    assert [b["id"] for b in d["beads"]] == list(range(len(align.beads)))
    assert {b["status"] for b in d["beads"]} == {"auto"}
    assert d["version"] == 0 and d["findings_version"] == 0 and not d["checking"]
    assert d["findings"], "the sample pair drifts: the checks must find something"
    placed = sorted(n for b in d["beads"] for n in b["findings"])
    assert placed == list(range(len(d["findings"])))  # every finding on exactly one bead
    assert all(f["message"] for f in d["findings"])
    # the page shows each finding's calibrated confidence, as the report's JSON carries it
    assert all(f["confidence"] is None or 0 <= f["confidence"] <= 1 for f in d["findings"])
    assert any(f["confidence"] is not None for f in d["findings"])
    flagged = [b for b in d["beads"] if b["findings"]]
    assert min(b["doubt"] for b in flagged) > 0


EDITS = [
    {"op": "merge", "bead": 0},
    {"op": "split", "bead": "MULTI", "src_at": 1, "tgt_at": 1},
    {"op": "move", "bead": 1, "side": "src", "to": "prev"},
    {"op": "move", "bead": 1, "side": "tgt", "to": "next"},
    {"op": "detach", "bead": 0, "side": "tgt", "segment": 0},
    {"op": "confirm", "bead": 3},
    {"op": "confirm", "start": 2, "end": 4},
]


@pytest.mark.parametrize("body", EDITS, ids=lambda b: b["op"] + ("-range" if "start" in b else ""))
def test_every_edit(client: tuple[TestClient, ReviewSession], body: dict[str, Any]) -> None:
    c, session = client
    before = get(c)
    body = dict(body)
    if body["bead"] == "MULTI" if "bead" in body else False:
        body["bead"] = next(
            b["id"] for b in before["beads"] if len(b["src"]) + len(b["tgt"]) > 2 and b["src"]
        )
    r = post(c, "/api/edit", {**body, "version": before["version"]})
    assert r.status_code == 200, r.text
    res = r.json()
    after = get(c)
    assert res["version"] == after["version"] == before["version"] + 1
    # the splice in the reply turns the old beads into the new ones
    patched = list(before["beads"])
    sp = res["splice"]
    patched[sp["start"] : sp["start"] + sp["delete"]] = sp["beads"]
    assert [(b["src"], b["tgt"], b["status"]) for b in patched] == beads_of(after)
    # saved at once; the save file reads back with the project's JSONL reader
    saved = parse_jsonl(session.store.save.read_text(encoding="utf-8"))
    assert [(list(b.src), list(b.tgt)) for b in saved.beads] == [
        (b["src"], b["tgt"]) for b in after["beads"]
    ]
    if body["op"] == "confirm":
        end = body.get("end", body.get("bead"))
        start = body.get("start", 0)
        assert all(b["status"] == "confirmed" for b in after["beads"][start : end + 1])
        assert after["n_confirmed"] == end + 1 - start
    # undo brings back exactly the beads before
    r = post(c, "/api/undo", {"version": after["version"]})
    assert r.status_code == 200, r.text
    assert beads_of(get(c)) == beads_of(before)


INVALID = [
    {"op": "merge"},
    {"op": "merge", "bead": "0"},
    {"op": "merge", "bead": True},
    {"op": "merge", "bead": 10_000},
    {"op": "merge", "bead": -1},
    {"op": "split", "bead": 0, "src_at": 0, "tgt_at": 0},
    {"op": "split", "bead": 0, "src_at": 5, "tgt_at": 0},
    {"op": "move", "bead": 0, "side": "src", "to": "prev"},
    {"op": "move", "bead": 1, "side": "left", "to": "prev"},
    {"op": "detach", "bead": 0, "side": "src", "segment": 99},
    {"op": "confirm", "start": 3, "end": 1},
    {"op": "unconfirm", "bead": 0},
    {"op": "explode", "bead": 0},
    {},
]


@pytest.mark.parametrize("body", INVALID, ids=lambda b: json.dumps(b))
def test_invalid_edit_is_400_and_changes_nothing(
    client: tuple[TestClient, ReviewSession], body: dict[str, Any]
) -> None:
    c, session = client
    before, saved = get(c), session.store.save.read_bytes()
    r = post(c, "/api/edit", {**body, "version": before["version"]})
    assert r.status_code == 400, r.text
    assert r.json()["error"]
    assert get(c) == before
    assert session.store.save.read_bytes() == saved


def test_bodies_that_are_not_edits_are_400(client: tuple[TestClient, ReviewSession]) -> None:
    c, _ = client
    for raw in (b"not json", b"[1, 2]", b'{"op": "merge", "bead": 0}', b"\xff\xfe"):
        r = c.post("/api/edit", content=raw, headers={**AUTH, "content-type": "application/json"})
        assert r.status_code == 400, (raw, r.text)
    r = post(c, "/api/realign", {"version": 0, "start": 0})
    assert r.status_code == 400
    assert get(c)["version"] == 0


def test_stale_version_is_409_and_changes_nothing(
    client: tuple[TestClient, ReviewSession],
) -> None:
    c, session = client
    assert post(c, "/api/edit", {"op": "merge", "bead": 0, "version": 0}).status_code == 200
    before, saved = get(c), session.store.save.read_bytes()
    for path, body in (
        ("/api/edit", {"op": "merge", "bead": 2}),
        ("/api/undo", {}),
        ("/api/redo", {}),
        ("/api/realign", {"start": 0, "end": 3}),
    ):
        r = post(c, path, {**body, "version": 0})
        assert r.status_code == 409, (path, r.text)
        assert "version" in r.json()["error"]
    assert get(c) == before
    assert session.store.save.read_bytes() == saved


def bead_lines(path: Path) -> list[str]:
    return [x for x in path.read_text(encoding="utf-8").splitlines() if '"type": "bead"' in x]


def test_realign_keeps_confirmed_beads_byte_identical_and_undoes(
    client: tuple[TestClient, ReviewSession],
) -> None:
    c, session = client
    d = get(c)
    n = len(d["beads"])
    # break the alignment around two anchors, confirm the anchors, then re-align everything
    v = d["version"]
    for body in (
        {"op": "merge", "bead": 1},
        {"op": "merge", "bead": 6},
        {"op": "confirm", "start": 4, "end": 4},
        {"op": "confirm", "start": 9, "end": 9},
    ):
        r = post(c, "/api/edit", {**body, "version": v})
        assert r.status_code == 200, r.text
        v = r.json()["version"]
    before = get(c)
    lines_before = bead_lines(session.store.save)
    anchors = [k for k, b in enumerate(before["beads"]) if b["status"] == "confirmed"]
    anchor_lines = [lines_before[k] for k in anchors]
    r = post(c, "/api/realign", {"start": 0, "end": len(before["beads"]) - 1, "version": v})
    assert r.status_code == 200, r.text
    after = get(c)
    lines_after = bead_lines(session.store.save)
    kept = [k for k, b in enumerate(after["beads"]) if b["status"] == "confirmed"]
    assert [lines_after[k] for k in kept] == anchor_lines  # byte for byte
    # the two merges were undone by the aligner: the original beads are back
    assert len(after["beads"]) == n
    assert all(b["score"] is not None for b in after["beads"])
    # undo and redo a re-alignment
    r = post(c, "/api/undo", {"version": after["version"]})
    assert r.status_code == 200
    assert beads_of(get(c)) == beads_of(before)
    assert bead_lines(session.store.save) == lines_before
    r = post(c, "/api/redo", {"version": r.json()["version"]})
    assert r.status_code == 200
    assert beads_of(get(c)) == beads_of(after)
    assert post(c, "/api/redo", {"version": r.json()["version"]}).status_code == 400


def test_token_host_and_origin(client: tuple[TestClient, ReviewSession]) -> None:
    c, _ = client
    assert c.get("/api/alignment").status_code == 401
    assert c.get("/api/alignment", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get(f"/api/alignment?token={TOKEN}x").status_code == 401
    assert c.get("/").status_code == 401
    assert c.get(f"/?token={TOKEN}").status_code == 200
    assert c.get(f"/api/alignment?token={TOKEN}").status_code == 200
    assert c.post("/api/edit", json={"op": "merge", "bead": 0, "version": 0}).status_code == 401
    assert c.get("/static/app.js").status_code == 200  # code only, no data
    assert c.get("/static/../state.py").status_code in (401, 404)
    assert c.get("/static/secret.txt").status_code == 404
    # DNS rebinding: a foreign Host is refused even with the token
    r = c.get("/api/alignment", headers={**AUTH, "host": "evil.example:8000"})
    assert r.status_code == 403
    # CSRF: a foreign Origin is refused; our own origin is fine
    r = post_with(c, {"origin": "http://evil.example"})
    assert r.status_code == 403
    assert get(c)["version"] == 0
    r = post_with(c, {"origin": "http://testserver"})
    assert r.status_code == 200
    page = c.get(f"/?token={TOKEN}")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "'unsafe-inline'" not in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"


def post_with(c: TestClient, headers: dict[str, str]) -> Any:
    return c.post(
        "/api/edit", json={"op": "merge", "bead": 0, "version": 0}, headers={**AUTH, **headers}
    )


def pairs(a: Alignment) -> list[tuple[str, str]]:
    return [side_texts(a, b) for b in a.beads]


def test_export_round_trips_through_the_readers(client: tuple[TestClient, ReviewSession]) -> None:
    c, session = client
    assert post(c, "/api/edit", {"op": "merge", "bead": 2, "version": 0}).status_code == 200
    current = session.current_alignment()

    def export(fmt: str, side: str | None = None) -> str:
        q = f"/api/export?format={fmt}" + (f"&side={side}" if side else "")
        r = c.get(q, headers=AUTH)
        assert r.status_code == 200, r.text
        assert "attachment" in r.headers["content-disposition"]
        return r.text

    jl = parse_jsonl(export("jsonl"))
    assert [(b.src, b.tgt) for b in jl.beads] == [(b.src, b.tgt) for b in current.beads]
    assert [s.text for s in jl.src.segments] == [s.text for s in current.src.segments]
    assert pairs(parse_tsv(export("tsv"), src_lang="en", tgt_lang="zh")) == pairs(current)
    assert pairs(parse_markdown(export("md"))) == pairs(current)
    moses = parse_moses(
        export("moses", "src"), export("moses", "tgt"), src_lang="en", tgt_lang="zh"
    )
    assert pairs(moses) == pairs(current)
    paired = [p for p, b in zip(pairs(current), current.beads, strict=True) if not is_omission(b)]
    assert pairs(parse_tmx(export("tmx"))) == paired
    gold = parse_gold(export("gold"))
    assert [(b.src, b.tgt) for b in gold] == [(b.src, b.tgt) for b in current.beads]
    assert c.get("/api/export?format=docx", headers=AUTH).status_code == 400
    assert c.get("/api/export?format=moses&side=x", headers=AUTH).status_code == 400


def test_checks_rerun_after_edits_only_below_the_limit(tmp_path: Path, sample_jsonl: str) -> None:
    """The scheduling of the background checks (the runner here only counts its calls)."""
    from bilingual.review.store import ReviewStore, load_alignment_state

    for limit, runs in ((10_000, 2), (0, 1)):
        calls: list[int] = []

        def count(alignment: object, calls: list[int] = calls) -> tuple[()]:
            calls.append(1)
            return ()

        path = tmp_path / f"doc{limit}.jsonl"
        path.write_text(sample_jsonl, encoding="utf-8")
        store = ReviewStore(tmp_path / f"save{limit}.jsonl")
        state = load_alignment_state(path)
        store.begin(state)
        session = ReviewSession(state, store, checks=count, recheck_limit=limit)
        assert session.wait_for_checks(30)
        session.edit({"op": "merge", "bead": 0, "version": 0})
        assert session.wait_for_checks(30)
        assert len(calls) == runs
        assert session.alignment_json()["checking"] is False
