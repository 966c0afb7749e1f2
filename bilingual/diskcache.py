"""Derived data kept on disk between processes: the one place that reads and writes it.

Some tables are built from data files at the start of every process that needs them (the
CC-CEDICT views, the learned lexicon's pairs): ~2.8 CPU s per ``bilingual check`` or corpus
worker, against ~0.6 s to read them back with :mod:`marshal` (BENCHMARKS.md, issue 22 round 4).
:func:`load_or_build` keeps such a table in a user cache folder:

- keyed by what it is made from: the source files' bytes, the code that builds it (its module's
  source), the package version and the Python version (marshal's format is Python's own), so a
  new dictionary, a code change or an upgrade builds it again; a table keeps its ``KEEP`` newest
  files, older ones are removed when a new one is written;
- written atomically (temporary file + rename) with a checksum of its bytes in front, so a
  torn or damaged file is rebuilt, never read;
- never downloaded: it only holds what this process would otherwise compute.

The folder is ``$BILINGUAL_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/bilingual``, else
``~/.cache/bilingual``; ``BILINGUAL_CACHE_DIR=off`` turns the cache off (every process builds
its tables). A folder that cannot be written only costs the build.

Only plain data goes in (dicts, tuples, strings, numbers, frozensets), read back with
:mod:`marshal`, which calls no class's code the way pickle does. marshal is not hardened against
crafted data and the checksum is no secret, so the folder must be the user's own: point
``$BILINGUAL_CACHE_DIR`` at a shared or world-writable place only if everyone who can write
there is trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from bilingual._version import __version__

log = logging.getLogger(__name__)

__all__ = ["CACHE_ENV", "cache_dir", "load_or_build"]

CACHE_ENV = "BILINGUAL_CACHE_DIR"
_OFF = frozenset({"off", "0", "none", "no", "false"})
# Bumped when the file layout below changes.
_LAYOUT = b"bilingual-diskcache-1"
_DIGEST = 32  # bytes of sha256 in front of the payload
_SUFFIX = ".marshal"
KEEP = 3  # files per table (see _prune)
_STALE_TMP_S = 3600.0  # a temporary file this old belongs to no live writer

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when ``$BILINGUAL_CACHE_DIR`` turns the cache off (or there is
    no home folder to hold it)."""
    env = os.environ.get(CACHE_ENV)
    if env is not None and env.strip():
        if env.strip().lower() in _OFF:
            return None
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and xdg.strip():
        return Path(xdg).expanduser() / "bilingual"
    try:
        return Path.home() / ".cache" / "bilingual"
    except RuntimeError:  # no home directory (a bare container user): build every time
        return None


def _key(name: str, sources: Sequence[bytes]) -> str:
    h = hashlib.sha256()
    for part in (_LAYOUT, name.encode(), __version__.encode(), sys.version.encode()):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    for src in sources:
        h.update(len(src).to_bytes(8, "little"))
        h.update(hashlib.sha256(src).digest())
    return h.hexdigest()[:24]


def _read(path: Path) -> object | None:
    """The value stored at ``path``; None when it is missing, torn or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, payload = data[:_DIGEST], data[_DIGEST:]
    if len(head) != _DIGEST or hashlib.sha256(payload).digest() != head:
        if path.exists():
            log.debug("disk cache %s is damaged; building it again", path.name)
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _prune(folder: Path, name: str) -> None:
    """Keep the table's ``KEEP`` newest files: older keys are stale, but two installations
    (or checkouts) that share the folder each keep theirs instead of rebuilding in turn."""
    files = []
    for f in folder.glob(f"{name}-*{_SUFFIX}"):
        try:
            files.append((f.stat().st_mtime, f))
        except OSError:
            continue
    for _, f in sorted(files, reverse=True)[KEEP:]:
        f.unlink(missing_ok=True)
    # a writer killed between its temporary file and the rename leaves the temporary file
    stale = time.time() - _STALE_TMP_S
    for f in folder.glob(f".{name}-*{_SUFFIX}.*.tmp"):
        with contextlib.suppress(OSError):
            if f.stat().st_mtime < stale:
                f.unlink()


def _write(folder: Path, name: str, path: Path, value: object) -> None:
    """Store ``value`` at ``path`` atomically and prune the table's older files; a folder that
    cannot be written is logged and left alone.

    Not ``bilingual.io.StagedFile``: this module sits in the facts layer below ``io`` (the
    dictionary module reads through it), and a cache file needs none of an output's checks;
    a temporary file renamed over the target keeps readers from seeing half a file, and the
    checksum catches whatever a crash could still tear.
    """
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data: a programming error of the caller, but never fatal
        log.warning("disk cache: %s is not plain data; not stored", name)
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(payload).digest())
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
        _prune(folder, name)
    except OSError as e:
        log.debug("disk cache %s not written (%s)", path, e)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load_or_build(name: str, sources: Sequence[bytes], build: Callable[[], T]) -> T:
    """``build()``'s value, read from the cache folder when a file made from the same
    ``sources`` (and code, package and Python version) is there, else built and stored.

    ``name`` names the table (a file name part: letters, digits, ``-``, ``_``, ``.``);
    ``sources`` are the bytes the table is made from, including the source of the code that
    builds it. ``build`` must return plain data (see the module's docstring).
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, sources)}{_SUFFIX}"
    start = time.perf_counter()
    value = _read(path)
    if value is not None:
        log.debug("disk cache %s read in %.2fs", name, time.perf_counter() - start)
        return value  # type: ignore[return-value]
    value = build()
    _write(folder, name, path, value)
    log.debug("disk cache %s built and stored in %.2fs", name, time.perf_counter() - start)
    return value
