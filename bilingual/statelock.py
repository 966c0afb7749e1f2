"""One writer per state: an exclusive lock file beside a review save file, in a corpus output
folder, beside a cache.

The lock is ``flock`` on a small file that holds the owner's process id. The kernel drops a
flock when its process dies (kill -9 included), so a lock left by a dead process is simply
taken over, and its stale id is replaced; a live holder makes the second process refuse with
one line naming that process. The lock file is never opened through a symlink (a planted link
would make us truncate its target) and is left in place on release: removing it would let a
third process lock a fresh file while a second still holds the old one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import InputError, StateLockedError

log = logging.getLogger(__name__)

__all__ = ["StateLock", "acquire", "holding", "lock_path_beside"]


@dataclass(frozen=True)
class StateLock:
    """A held lock: release() once the state is no longer written."""

    path: Path
    fd: int

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def lock_path_beside(path: Path) -> Path:
    """The lock file of a state file: ``PATH.lock`` next to it."""
    return path.with_name(path.name + ".lock")


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def acquire(path: Path, what: str) -> StateLock:
    """Lock ``path`` (created if missing) for this process, or refuse if another holds it.

    ``what`` names the state in the refusal ("the review save file r1.jsonl").
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(
                f"{path}: is a symlink; the lock file of {what} is never followed through a "
                "link: remove the link."
            ) from None
        raise InputError(
            f"{path}: cannot create the lock file of {what} ({e.strerror}); check the folder's "
            "permissions."
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        pid = _holder(fd)
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            who = f"process {pid}" if pid else "another process"
            raise StateLockedError(
                f"{what} is in use by {who} (lock {path}); stop that process or wait for it "
                "to finish, then run again."
            ) from None
        raise InputError(f"{path}: cannot lock ({e.strerror}).") from None
    stale = _holder(fd)
    if stale and int(stale) != os.getpid():
        log.info("%s: taking over the lock of process %s, which is no longer running", path, stale)
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    os.fsync(fd)
    return StateLock(path, fd)


@contextlib.contextmanager
def holding(path: Path, what: str) -> Iterator[StateLock]:
    """``acquire`` for the duration of a ``with`` block."""
    lock = acquire(path, what)
    try:
        yield lock
    finally:
        lock.release()
