"""Reading every supported encoding, refusing bad inputs clearly, and atomic writing."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bilingual.errors import EmptyInputError, EncodingError, InputError, LanguageError
from bilingual.io import atomic_writer, decode_bytes, read_document, read_text, write_text_atomic

ZH = "这是一个测试文件。我们的图书馆在河上，每周借出三百本书。\n第二行：你好，世界！\n"
ZH_TRAD = "這是一個測試檔案。我們的圖書館在河上，每週借出三百本書。\n第二行：你好，世界！\n"
EN = "Plain English text.\nSecond line.\n"


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        (EN.encode("utf-8"), EN, "utf-8"),
        (ZH.encode("utf-8"), ZH, "utf-8"),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH, "utf-16"),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), ZH, "utf-16"),
        (ZH.encode("gb18030"), ZH, "gb18030"),
        (ZH.encode("gbk"), ZH, "gb18030"),
        (ZH_TRAD.encode("big5"), ZH_TRAD, "big5"),
    ],
    ids=["utf8-en", "utf8-zh", "utf8-bom", "utf16le", "utf16be", "gb18030", "gbk", "big5"],
)
def test_each_encoding(tmp_path: Path, data: bytes, expected: str, encoding: str) -> None:
    text, enc = decode_bytes(data)
    assert text == expected
    assert enc == encoding
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert read_text(path) == expected


def test_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"


def test_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(EncodingError, match="binary"):
        read_text(path)


def test_png_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    with pytest.raises(EncodingError):
        read_text(path)


def test_undecodable_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xff\xfe\xfd\x80\x81" * 3 + b"\xc0\xc1")
    with pytest.raises(EncodingError):
        read_text(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInputError, match="empty"):
        read_text(path)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_ten_megabyte_single_line(tmp_path: Path) -> None:
    line = ("word " * 2_000_000).encode("ascii")
    assert len(line) == 10_000_000
    path = tmp_path / "big.txt"
    path.write_bytes(line)
    text = read_text(path)
    assert len(text) == 10_000_000 and "\n" not in text


def test_read_document_detects_and_normalises_language(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_bytes(ZH.encode("gb18030"))
    doc = read_document(path)
    assert doc.lang == "zh" and doc.text == ZH and doc.name == str(path)
    assert read_document(path, "zh-TW").lang == "zh"
    with pytest.raises(LanguageError):
        read_document(path, "ja")


def test_atomic_write_success(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text_atomic(target, "中文\n")
    assert target.read_text("utf-8") == "中文\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_failure_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("new")
        raise RuntimeError("boom")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_text_atomic(tmp_path / "no" / "out.txt", "x")
