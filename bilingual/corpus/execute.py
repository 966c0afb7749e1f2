"""Running one function over many tasks: in this process, a local process pool, or on Dask.

Every backend runs the same function (``bilingual.corpus.worker.process`` or
``document_vector``) and yields ``(index, result)`` as results complete; callers that need a
deterministic order write by index, never by completion. At most ``window`` tasks are in flight
(their input bytes included), so memory stays bounded whatever the number of documents.

- ``jobs == 1``: in this process (one model load, no pickling);
- ``jobs > 1``: ``ProcessPoolExecutor`` (spawn) whose initializer loads the models once per
  worker;
- ``cluster``: an existing Dask distributed scheduler (``dask worker ADDRESS`` processes must
  import the same bilingual); needs the ``dask`` extra.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import socket
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from bilingual.corpus.worker import Settings, warm_up
from bilingual.encode.workers import quiet_child
from bilingual.errors import ConfigError, DependencyError
from bilingual.extras import install_command

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """The usable cores of this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _in_process(
    fn: Callable[[T], R], tasks: Iterable[T], settings: Settings
) -> Iterator[tuple[int, R]]:
    for k, task in enumerate(tasks):
        if k == 0:
            warm_up(settings)  # only when there is work: a finished corpus loads no model
        yield k, fn(task)


def _init_worker(settings: Settings, parent: int) -> None:
    """Pool initializer: quiet on Ctrl-C and watching the parent, then the models, once."""
    quiet_child(parent)
    warm_up(settings)


def _pool(
    fn: Callable[[T], R], tasks: Iterable[T], settings: Settings, jobs: int
) -> Iterator[tuple[int, R]]:
    ctx = multiprocessing.get_context("spawn")
    window = 2 * jobs
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(settings, os.getpid()),
    ) as pool:
        pending: dict[Future[R], int] = {}
        it = iter(enumerate(tasks))
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < window:
                    try:
                        k, task = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    pending[pool.submit(fn, task)] = k
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in sorted(done, key=lambda f: pending[f]):
                    yield pending.pop(fut), fut.result()
        except BaseException:
            # Ctrl-C, or the caller gave up (GeneratorExit): leaving the block would wait
            # for every running document first.
            _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Interrupted: end the workers now instead of waiting for their documents to finish."""
    pool.shutdown(wait=False, cancel_futures=True)
    # The executor has no public way to stop running workers; SIGTERM ends them quietly.
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError):
            proc.terminate()


def _reachable(address: str) -> None:
    """Fail fast (OSError) when nothing listens at a tcp:// address, before Dask's retries."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if host and port.isdigit():
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()


def _dask(
    fn: Callable[[T], R], tasks: Iterable[T], address: str, window: int | None
) -> Iterator[tuple[int, R]]:
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise DependencyError(
            f"--cluster needs Dask distributed; run: {install_command('dask')}"
        ) from e
    try:
        _reachable(address)
        client = Client(address, timeout=20)
    except (OSError, TimeoutError) as e:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address} ({e}); start it with "
            "`dask scheduler` and give its tcp:// address."
        ) from None
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = window or 2 * n_workers
        index: dict[str, int] = {}
        it = iter(enumerate(tasks))
        queue: Any = as_completed()
        exhausted = False
        token = uuid.uuid4().hex

        def submit_more() -> None:
            nonlocal exhausted
            while not exhausted and len(index) < limit:
                try:
                    k, task = next(it)
                except StopIteration:
                    exhausted = True
                    return
                fut = client.submit(fn, task, pure=False, key=f"bilingual-{token}-{k}")
                index[fut.key] = k
                queue.add(fut)

        submit_more()
        while index:
            fut = next(queue)
            k = index.pop(fut.key)
            result = fut.result()
            fut.release()
            yield k, result
            submit_more()
    finally:
        client.close()


def run_tasks(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    settings: Settings,
    *,
    jobs: int = 1,
    cluster: str | None = None,
) -> Iterator[tuple[int, R]]:
    """Apply ``fn`` to every task; yield ``(task index, result)`` as they complete."""
    if jobs < 1:
        raise ConfigError(f"--jobs {jobs}: give at least 1 worker.")
    if cluster:
        return _dask(fn, tasks, cluster, None)
    if jobs == 1:
        return _in_process(fn, tasks, settings)
    return _pool(fn, tasks, settings, jobs)
