"""Session-wide test settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilingual.diskcache import CACHE_ENV


@pytest.fixture(autouse=True, scope="session")
def _private_disk_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The disk cache of start-up tables (``bilingual.diskcache``) lives in a folder of the
    test session, never in the user's own cache; CLI subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("bilingual-cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = before
