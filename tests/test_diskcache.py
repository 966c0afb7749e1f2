"""The disk cache of derived tables (bilingual/diskcache.py) and the views kept in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilingual import cedict, diskcache
from bilingual.check import wordalign


class _Builder:
    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(diskcache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


VALUE = ({"a": (1, 2), "b": ()}, frozenset({"x", "y"}), ("s", 1.5), 7)


def test_built_once_then_read(folder: Path) -> None:
    build = _Builder(VALUE)
    assert diskcache.load_or_build("t", (b"src",), build) == VALUE
    assert diskcache.load_or_build("t", (b"src",), build) == VALUE
    assert build.calls == 1
    assert len(list(folder.glob("t-*.marshal"))) == 1


def test_other_sources_build_again_and_old_files_are_pruned(folder: Path) -> None:
    for k in range(diskcache.KEEP + 2):
        build = _Builder(k)
        assert diskcache.load_or_build("t", (f"src{k}".encode(),), build) == k
        assert build.calls == 1
        newest = max(folder.glob("t-*.marshal"), key=lambda f: f.stat().st_mtime_ns)
        os.utime(newest, ns=(k * 10**9, k * 10**9))  # distinct mtimes on coarse file systems
    assert len(list(folder.glob("t-*.marshal"))) == diskcache.KEEP


def test_damaged_or_torn_file_is_rebuilt(folder: Path) -> None:
    diskcache.load_or_build("t", (b"src",), _Builder(VALUE))
    (path,) = folder.glob("t-*.marshal")
    data = path.read_bytes()
    for broken in (data[: len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b""):
        path.write_bytes(broken)
        build = _Builder(VALUE)
        assert diskcache.load_or_build("t", (b"src",), build) == VALUE
        assert build.calls == 1
        assert path.read_bytes() == data


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.cache_dir() is None
    build = _Builder(VALUE)
    diskcache.load_or_build("t", (b"src",), build)
    diskcache.load_or_build("t", (b"src",), build)
    assert build.calls == 2
    assert not any(tmp_path.iterdir())


def test_default_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(diskcache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert diskcache.cache_dir() == tmp_path / "bilingual"


def test_unwritable_folder_only_costs_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(diskcache.CACHE_ENV, str(blocker / "cache"))
    assert diskcache.load_or_build("t", (b"src",), _Builder(VALUE)) == VALUE


def test_cached_views_equal_the_built_ones(folder: Path) -> None:
    """What the dictionary modules read back is what they build (a cold and a warm read)."""
    built = (
        cedict._parse(),
        cedict._build_char_pinyin(),
        cedict._build_reverse(),
        wordalign._lexicon_pairs(
            wordalign.resources.files("bilingual.models")
            .joinpath(wordalign.PRIORS_FILE)
            .read_bytes()
        ),
    )
    for _ in range(2):
        for fn in (cedict._parsed, cedict._char_pinyin, cedict._reverse, wordalign.lexicon):
            fn.cache_clear()
        p, r = cedict._parsed(), cedict._reverse()
        assert (p.lines, p.index, p.traditional.pattern) == (
            built[0][0],
            built[0][1],
            "[" + cedict.re.escape(built[0][2]) + "]",
        )
        assert list(p.index) == list(built[0][1])  # the index's order is kept too
        assert cedict._char_pinyin() == built[1]
        assert (r.by_gloss, r.common, r.proper, r.max_proper) == built[2]
        assert wordalign.lexicon() == built[3]
    assert len(list(folder.glob("*.marshal"))) == 4


def test_no_home_folder_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(diskcache.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert diskcache.cache_dir() is None
    build = _Builder(VALUE)
    assert diskcache.load_or_build("t", (b"src",), build) == VALUE
