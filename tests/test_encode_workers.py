"""Encoding in two worker processes: the same vectors, and only for encoders a worker can load."""

from __future__ import annotations

import numpy as np
import pytest
from corpus_fixtures import corpus_bytes, run_cli, write_docs

from bilingual.encode import memo, workers
from bilingual.encode.base import (
    get_encoder,
    loads_in_a_new_process,
    register_encoder,
    unregister_encoder,
)

TEXTS = [f"Sentence number {k} of the test, with a few words." for k in range(30)] + [
    f"第{k}句测试句子，有几个词。" for k in range(30)
]


def test_workers_give_the_vectors_of_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 7)  # several tasks, shared by both workers
    here = get_encoder("use").encode(TEXTS)
    there = workers.encode_in_workers("use", TEXTS)
    assert there.dtype == np.float32
    assert np.array_equal(here, there)


def test_a_large_check_encoding_goes_to_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 10)
    calls: list[int] = []
    real = workers.encode_in_workers

    def spy(encoder: str, texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return real(encoder, texts)

    monkeypatch.setattr(workers, "encode_in_workers", spy)
    memo._CACHE.clear()
    try:
        got = memo.encode_cached("use", TEXTS[:12])
        assert calls == [12]
        assert np.array_equal(got, get_encoder("use").encode(TEXTS[:12]))
        memo.encode_cached("use", TEXTS[:5])  # known now, and too few anyway
        assert calls == [12]
    finally:
        memo._CACHE.clear()


def test_only_encoders_a_new_process_can_load_use_workers() -> None:
    assert loads_in_a_new_process("use")
    assert not loads_in_a_new_process("no-such-encoder")
    register_encoder("made-here", lambda: get_encoder("use"))
    try:
        assert not loads_in_a_new_process("made-here")
        assert not workers.use_workers("made-here", 10**6)
        assert workers.use_workers("use", workers.PARALLEL_MIN_TEXTS)
        assert not workers.use_workers("use", workers.PARALLEL_MIN_TEXTS - 1)
    finally:
        unregister_encoder("made-here")
    original = get_encoder("use")
    register_encoder("use", lambda: original)  # replaced in this process: a worker would differ
    try:
        assert not loads_in_a_new_process("use")
    finally:
        from bilingual.encode.base import _make_use

        register_encoder("use", _make_use)
    assert loads_in_a_new_process("use")


def test_corpus_aligns_a_document_over_the_worker_threshold(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus's caching encoder exists only in its own process: a document large enough
    for worker processes used to fail with "unknown encoder 'corpus-cache:…'"."""
    write_docs(tmp_path / "en", tmp_path / "zh", n=1, per=3)
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 4)
    out = tmp_path / "out"
    result = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 10**9)
    again = tmp_path / "again"
    result = run_cli(str(tmp_path / "en"), str(tmp_path / "zh"), "-o", str(again), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert corpus_bytes(out) == corpus_bytes(again)


def test_threads_keep_their_own_runs() -> None:
    """Two threads inside their own runs (a review server's, a threaded Dask worker's) see only
    their own remembered vectors."""
    import threading

    a_in, b_done = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def a() -> None:
        with memo.sharing():
            memo.remember("use", ["only in a"], np.zeros((1, 4), dtype=np.float32))
            a_in.set()
            b_done.wait(10)
            seen["a_sees_a"] = memo._known(("use", "only in a")) is not None

    def b() -> None:
        a_in.wait(10)
        with memo.sharing():
            seen["b_sees_a"] = memo._known(("use", "only in a")) is not None
        b_done.set()

    ta, tb = threading.Thread(target=a), threading.Thread(target=b)
    ta.start(), tb.start()
    ta.join(20), tb.join(20)
    assert seen == {"a_sees_a": True, "b_sees_a": False}
    assert not memo.is_sharing()


def test_a_prefetch_gives_the_same_vectors_and_is_collected_by_chunk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 10)
    monkeypatch.setattr(workers, "CHUNK", 7)
    memo._CACHE.clear()
    assert not memo.prefetch("use", TEXTS)  # outside a run: nothing to keep them in
    with memo.sharing():
        run = memo._RUNS.get()[-1]
        assert not memo.prefetch("use", TEXTS[:5])  # too few for a worker
        assert memo.prefetch("use", TEXTS)
        (_, _, job) = run.pending[0]
        first = memo.encode_cached("use", TEXTS[8:10])  # both in the second chunk
        if not all(f is None or f.done() for f in job.futures):  # else all are taken
            # the second chunk is taken (or was cancelled and encoded here), the third waits
            assert [f is None for f in job.futures][:3] == [False, True, False]
        every = memo.encode_cached("use", TEXTS)
        assert job.done and not run.pending and run.pool is None  # the worker has ended
    here = get_encoder("use").encode(TEXTS)
    assert np.array_equal(first, here[8:10])
    assert np.array_equal(every, here)
    memo._CACHE.clear()


def test_a_run_that_ends_first_stops_its_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 10)
    with memo.sharing():
        memo.prefetch("use", TEXTS)
        run = memo._RUNS.get()[-1]
        assert run.pool is not None
    assert run.pool is None and not run.pending


def test_a_dead_prefetch_worker_costs_only_its_head_start(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A prefetch worker killed mid-run: the check's process encodes the rest itself and gets
    the vectors one process gives (no BrokenProcessPool reaches the caller)."""
    import os
    import signal

    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 10)
    monkeypatch.setattr(workers, "CHUNK", 7)
    memo._CACHE.clear()
    with memo.sharing():
        assert memo.prefetch("use", TEXTS)
        run = memo._RUNS.get()[-1]
        assert run.pool is not None
        for pid in list(run.pool._processes):  # before it has encoded anything
            os.kill(pid, signal.SIGKILL)
        got = memo.encode_cached("use", TEXTS)
        assert not run.pending
    assert np.array_equal(got, get_encoder("use").encode(TEXTS))
    assert any("prefetch worker failed" in r.getMessage() for r in caplog.records)
    memo._CACHE.clear()


def test_workers_leave_ctrl_c_to_their_parent() -> None:
    import signal

    pool = workers.start_workers(1)
    try:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    finally:
        pool.shutdown()


def test_prefetched_calls_give_what_the_call_gives_here() -> None:
    from bilingual.check import zh_names

    texts = [f"第{k}章，摩西对亚伦说话。" for k in range(12)]
    assert not memo.prefetch_calls("tags", zh_names.tag_words, texts, 1, 5)  # no run
    with memo.sharing():
        assert not memo.prefetch_calls("tags", zh_names.tag_words, texts, 100, 5)  # too few
        assert memo.prefetch_calls("tags", zh_names.tag_words, texts, 1, 5)
        ((_, _, job),) = memo._RUNS.get()[-1].pending
        for f in job.futures:
            if f is not None:
                f.result()  # every chunk done: each result comes from the worker
        got = [memo.prefetched("tags", t) for t in texts]
        assert memo.prefetched("tags", "not asked") is None
    assert got == zh_names.tag_words(texts)
    with memo.sharing():
        # asked for at once: the chunks not started are left to the asker (None)
        memo.prefetch_calls("tags", zh_names.tag_words, texts, 1, 1)
        here = [memo.prefetched("tags", t) or zh_names.tag_words([t])[0] for t in texts]
    assert here == zh_names.tag_words(texts)


def test_a_check_with_its_texts_prefetched_reports_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from bilingual.check import check_documents, zh_names
    from bilingual.io import read_document
    from bilingual.report import report_to_json

    data = Path(__file__).resolve().parent.parent / "data"
    en = read_document(data / "sample.en.txt", "en")
    zh = read_document(data / "sample.zh.txt", "zh")
    started: list[str] = []
    real = memo._Run.start

    def spy(self: memo._Run, name: str, *args) -> None:  # type: ignore[no-untyped-def]
        started.append(name)
        real(self, name, *args)

    monkeypatch.setattr(memo._Run, "start", spy)
    memo._CACHE.clear()
    zh_names._chinese_names.cache_clear()
    plain = report_to_json(check_documents(en, zh))
    assert started == []
    memo._CACHE.clear()
    zh_names._chinese_names.cache_clear()
    monkeypatch.setattr(workers, "PARALLEL_MIN_TEXTS", 4)
    monkeypatch.setattr(zh_names, "PREFETCH_MIN_TEXTS", 4)
    prefetched = report_to_json(check_documents(en, zh))
    memo._CACHE.clear()
    assert started == ["use"]  # the tests' and the phrase channel's texts, in one prefetch
    assert prefetched == plain
