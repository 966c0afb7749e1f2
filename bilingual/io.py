"""Reading text in the encodings English and Chinese files come in, and writing files atomically.

Detection order: byte-order marks (UTF-8/16/32), strict UTF-8, then the Chinese legacy
encodings GB18030 (a superset of GBK/GB2312) and Big5, chosen by how plausible the decoded
characters are. Newlines are normalised to ``\\n`` so offsets mean the same on every platform.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from bilingual.errors import EmptyInputError, EncodingError, InputError
from bilingual.model import Document

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Frequent characters of Simplified and of Traditional Chinese. A legacy-encoded file decoded
# with the wrong codec yields mostly rare characters, so the share of frequent ones tells
# GB18030 from Big5 even on a few lines.
_FREQUENT_HANS = set(
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着"
    "事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定"
    "见只主没公从已现样问题实点开关动力理己长气全因两间新最高情正被体把明等电机她没物本合应制"
)
_FREQUENT_HANT = set(
    "的一是不了人我在有他這為之大來以個中上們到說國和地也子時道出而要於就下得可你年生自會那後能對著"
    "事其裡所去行過家十用發天如然作方成者多日都三小軍二無同麼經法當起與好看學進種將還分此心前面又定"
    "見只主沒公從已現樣問題實點開關動力理己長氣全因兩間新最高情正被體把明等電機她物本合應制"
)
_FREQUENT = _FREQUENT_HANS | _FREQUENT_HANT
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are frequent CJK characters or common punctuation."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    good = sum(
        1
        for c in non_ascii
        if c in _FREQUENT
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
        or c in "“”‘’—…·"
    )
    return good / len(non_ascii)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    return controls > max(8, len(sample) // 50)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise EncodingError when it is not text.

    Newlines are normalised to ``\\n`` and a leading BOM is removed.
    """
    text: str | None = None
    encoding = ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"{name}: starts with a {codec} byte-order mark but is not valid {codec} "
                    f"({e.reason} at byte {e.start}); re-save it as UTF-8."
                ) from None
            encoding = codec
            text = text.lstrip("\ufeff")
            break
    if text is None:
        if b"\x00" in data[:65536]:
            raise EncodingError(
                f"{name}: looks like a binary file (it contains NUL bytes); give a plain-text "
                "file (UTF-8, UTF-16 with BOM, GB18030/GBK or Big5)."
            )
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            candidates: list[tuple[float, str, str]] = []
            for codec in ("gb18030", "big5"):
                try:
                    decoded = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                candidates.append((_plausibility(decoded), codec, decoded))
            # Prefer GB18030 on ties: it is the more common legacy encoding.
            candidates.sort(key=lambda c: (-c[0], c[1] != "gb18030"))
            if not candidates or candidates[0][0] < 0.2:
                raise EncodingError(
                    f"{name}: is not text in a supported encoding (UTF-8, UTF-16 with BOM, "
                    "GB18030/GBK, Big5); convert it to UTF-8, e.g. with iconv."
                ) from None
            _, encoding, text = candidates[0]
    if _looks_binary(text):
        raise EncodingError(
            f"{name}: looks like a binary file (too many control characters); give a "
            "plain-text file."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    log.debug("%s decoded as %s", name, encoding)
    return text, encoding


def read_text(path: str | os.PathLike[str], *, allow_empty: bool = False) -> str:
    """Read a text file (or stdin for ``"-"``), detecting its encoding.

    Raises InputError for a missing path, a directory or an unreadable file,
    EncodingError for binary input and EmptyInputError for whitespace-only input.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{name}: no such file; check the path.")
        if p.is_dir():
            raise InputError(f"{name}: is a directory; give a text file.")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError(
                f"{name}: cannot be read ({e.strerror}); check its permissions."
            ) from None
    text, _ = decode_bytes(data, name)
    if not allow_empty and not text.strip():
        raise EmptyInputError(f"{name}: is empty (no text to process); give a file with text.")
    return text


def _output_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """Return the folder ``path`` will be written into; raise InputError when it is missing.

    Commands call it before any work, so a wrong ``-o`` fails at once, not after aligning.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{target}: the folder {directory} does not exist; create it first.")
    return directory


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path`` for writing; rename it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left untouched, so a
    failed run never leaves a half-written output.
    """
    target = Path(path)
    directory = check_output_folder(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file 0600; give the output the mode a plain open() would have
        # (or keep the mode of the file it replaces), so shared reports stay readable.
        os.chmod(tmp, _output_mode(target))
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename)."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file + rename), like write_text_atomic."""
    target = Path(path)
    directory = check_output_folder(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, _output_mode(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_document(
    path: str | os.PathLike[str], lang: str = "auto", *, name: str | None = None
) -> Document:
    """Read a text file (``"-"`` for stdin) as a Document in ``lang`` (``"auto"`` detects it).

    Raises the errors of :func:`read_text` and LanguageError when the language cannot be
    detected or the code is not supported.
    """
    from bilingual.lang import resolve_language

    label = name or ("<stdin>" if str(path) == "-" else str(path))
    text = read_text(path)
    return Document(text=text, lang=resolve_language(text, lang, label), name=label)
