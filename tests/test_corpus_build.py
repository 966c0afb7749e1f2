"""`bilingual corpus` end to end on small inputs: every input kind, failures, outputs, re-runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from corpus_fixtures import ROOT, corpus_bytes, paragraphs, run_cli, write_docs
from defusedxml import ElementTree as SafeET

from bilingual.export import read_jsonl


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("corpus-in")
    write_docs(base / "en", base / "zh", n=4)
    en, zh = paragraphs("en"), paragraphs("zh")
    (base / "en" / "orphan.en.txt").write_text(en[1], encoding="utf-8")
    bad = {
        "binary": (en[2], b"\x00\x01\x02 binary"),
        "undecodable": (en[2], b"text \x80\xff\xff\xff\xff " * 10),
        "wronglang": (en[2], en[3].encode()),
        "empty": (en[2], b"  \n\n "),
        "unequal": ("\n\n".join(en) * 8, zh[4].encode()[:9]),
    }
    for stem, (src, tgt) in bad.items():
        (base / "en" / f"{stem}.en.txt").write_text(src, encoding="utf-8")
        (base / "zh" / f"{stem}.zh.txt").write_bytes(tgt)
    return base


@pytest.fixture(scope="module")
def built(folders: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus-out") / "out"
    r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(out), "--jobs", "1",
                "--keep-rejected")  # fmt: skip
    assert r.exit_code == 0, r.output
    return out


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_bad_documents_fail_alone_with_one_line_reasons(built: Path) -> None:
    docs = {d["id"]: d for d in _report(built)["documents"]}
    assert {i for i, d in docs.items() if d["status"] == "ok"} == {f"doc{k}" for k in range(4)}
    reasons = {
        "binary": "binary",
        "undecodable": "encoding",
        "wronglang": "wrong language",
        "empty": "empty",
        "unequal": "50x",
    }
    for stem, word in reasons.items():
        assert docs[stem]["status"] == "failed"
        assert word in docs[stem]["error"], docs[stem]["error"]
        assert "\n" not in docs[stem]["error"]
        assert not (built / "alignments" / f"{stem}.jsonl").exists()
    report = _report(built)
    assert report["totals"]["failed"] == 5
    assert [Path(p).name for p in report["unpaired"]] == ["orphan.en.txt"]


def test_strict_makes_failures_exit_1_and_usage_errors_exit_2(
    folders: Path, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "o"
    shutil.copytree(built, out)  # resumes: nothing is re-aligned
    r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(out), "--jobs", "1", "--strict")
    assert r.exit_code == 1
    assert "5 failed" in r.output
    assert run_cli("a", "b", "c", "-o", str(out)).exit_code == 2
    assert run_cli(str(tmp_path / "missing"), str(tmp_path), "-o", str(out)).exit_code == 2
    bad = run_cli(str(folders / "en"), "--match", "content", "-o", str(out))
    assert bad.exit_code == 2 and "error:" in bad.output


def test_counts_add_up_and_corpus_files_agree(built: Path) -> None:
    report = _report(built)
    for d in report["documents"]:
        assert d["kept"] + sum(d["dropped"].values()) == d["pairs"]
    t = report["totals"]
    assert t["kept"] + sum(t["dropped"].values()) == t["pairs"]
    en = (built / "corpus.en").read_text(encoding="utf-8").splitlines()
    zh = (built / "corpus.zh").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in (built / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert len(en) == len(zh) == len(records) == t["kept"] > 0
    assert [r["src"] for r in records] == en
    rejected = (built / "rejected.jsonl").read_text("utf-8").splitlines()
    assert len(rejected) == sum(t["dropped"].values())
    assert all(json.loads(x)["reason"] in t["dropped"] for x in rejected)


def test_duplicated_documents_are_deduplicated(built: Path) -> None:
    # write_docs wraps around the sample, so later documents repeat earlier paragraphs
    t = _report(built)["totals"]
    assert t["dropped"].get("duplicate", 0) > 0
    pairs = [(r["src"], r["tgt"]) for r in map(json.loads, (built / "corpus.jsonl").open())]
    assert len(pairs) == len(set(pairs))


def test_pandas_and_parquet_load_the_corpus(built: Path) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_json(built / "corpus.jsonl", lines=True)
    assert list(df.columns) == ["doc", "src", "tgt", "score", "src_ids", "tgt_ids", "flags"]
    assert len(df) == _report(built)["totals"]["kept"]
    assert df["score"].between(0, 1).all()
    pytest.importorskip("pyarrow")
    pq = pd.read_parquet(built / "corpus.parquet")
    assert pq["src"].tolist() == df["src"].tolist()


def test_tmx_parses_with_props_per_unit(built: Path) -> None:
    root = SafeET.parse(built / "corpus.tmx").getroot()
    tus = root.findall("body/tu")
    assert len(tus) == _report(built)["totals"]["kept"]
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert {"x-bilingual-doc", "x-bilingual-score", "x-bilingual-src-ids"} <= set(props)
    assert props["x-bilingual-doc"] == "doc0"


def test_alignments_read_back_with_the_jsonl_reader(built: Path) -> None:
    files = sorted((built / "alignments").rglob("*.jsonl"))
    assert [f.stem for f in files] == [f"doc{k}" for k in range(4)]
    a = read_jsonl(files[0])
    assert a.src.document.lang == "en" and a.tgt.document.lang == "zh"
    covered = sorted(i for b in a.beads for i in b.src)
    assert covered == list(range(len(a.src)))


def test_rerun_skips_finished_documents_and_changed_filters_realign_nothing(
    folders: Path, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "o"
    shutil.copytree(built, out)
    before = corpus_bytes(out)
    r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(out), "--jobs", "1")
    assert r.exit_code == 0, r.output
    docs = {d["id"]: d["status"] for d in _report(out)["documents"]}
    assert {docs[f"doc{k}"] for k in range(4)} == {"skipped"}
    assert corpus_bytes(out) == before
    assert not (out / "rejected.jsonl").exists()  # only with --keep-rejected
    r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(out), "--jobs", "1",
                "--no-dedup", "--min-confidence", "0")  # fmt: skip
    assert r.exit_code == 0
    report = _report(out)
    assert report["totals"]["dropped"].get("duplicate", 0) == 0
    assert report["totals"]["kept"] > _report(built)["totals"]["kept"]


def test_a_changed_input_is_realigned(folders: Path, built: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(folders, src)
    out = tmp_path / "o"
    shutil.copytree(built, out)
    p = src / "en" / "doc1.en.txt"
    p.write_text(p.read_text("utf-8") + "\n\nA new closing line was added.", encoding="utf-8")
    r = run_cli(str(src / "en"), str(src / "zh"), "-o", str(out), "--jobs", "1")
    assert r.exit_code == 0
    docs = {d["id"]: d["status"] for d in _report(out)["documents"]}
    assert docs["doc1"] == "ok" and docs["doc0"] == "skipped"


def test_manifest_and_mixed_pages(tmp_path: Path) -> None:
    write_docs(tmp_path / "en", tmp_path / "zh", n=2)
    m = tmp_path / "list.tsv"
    m.write_text(
        "en/doc0.en.txt\tzh/doc0.zh.txt\tfirst\nen/doc1.en.txt\tzh/doc1.zh.txt\n"
        "en/gone.txt\tzh/gone.txt\tgone\n",
        "utf-8",
    )
    r = run_cli("--manifest", str(m), "-o", str(tmp_path / "m"), "--jobs", "1")
    assert r.exit_code == 0, r.output
    docs = {d["id"]: d for d in _report(tmp_path / "m")["documents"]}
    assert sorted(docs) == ["en/doc1.en", "first", "gone"]
    assert docs["first"]["status"] == "ok"
    assert docs["gone"]["status"] == "failed" and "no such file" in docs["gone"]["error"]
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(ROOT / "data" / "sample-page.txt", pages / "page1.txt")
    r = run_cli(str(pages), "-o", str(tmp_path / "p"), "--jobs", "1")
    assert r.exit_code == 0, r.output
    (doc,) = _report(tmp_path / "p")["documents"]
    assert doc["status"] == "ok" and doc["pairs"] > 3
    assert (tmp_path / "p" / "alignments" / "page1.jsonl").is_file()


def test_match_content_pairs_shuffled_names(tmp_path: Path) -> None:
    stems = write_docs(tmp_path / "en", tmp_path / "zh", n=4, per=2)
    # file names that say nothing: the Chinese side renamed in reverse order
    for k, stem in enumerate(stems):
        (tmp_path / "zh" / f"{stem}.zh.txt").rename(tmp_path / "zh" / f"x{len(stems) - k}.txt")
    r = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "--match", "content",
                "-o", str(tmp_path / "o"), "--jobs", "1")  # fmt: skip
    assert r.exit_code == 0, r.output
    report = _report(tmp_path / "o")
    got = {Path(d["src"]).name: Path(d["tgt"]).name for d in report["documents"]}
    assert got == {f"{s}.en.txt": f"x{len(stems) - k}.txt" for k, s in enumerate(stems)}
    assert report["unpaired"] == []


def test_embedding_cache_is_shared_and_changes_nothing(folders: Path, tmp_path: Path) -> None:
    cache = tmp_path / "emb.sqlite"
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(out), "--jobs", "1",
                    "--cache", str(cache))  # fmt: skip
        assert r.exit_code == 0, r.output
        outs.append(corpus_bytes(out))
    assert outs[0] == outs[1]
    nocache = tmp_path / "c"
    r = run_cli(str(folders / "en"), str(folders / "zh"), "-o", str(nocache), "--jobs", "1",
                "--no-cache")  # fmt: skip
    assert r.exit_code == 0
    assert corpus_bytes(nocache) == outs[0]  # vectors are per sentence, cached or not
