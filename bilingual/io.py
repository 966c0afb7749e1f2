"""Reading text in the encodings English and Chinese files come in, and writing files atomically.

Detection order: byte-order marks (UTF-8/16/32), strict UTF-8, then the Chinese legacy
encodings GB18030 (a superset of GBK/GB2312) and Big5, chosen by how plausible the decoded
characters are. Newlines are normalised to ``\\n`` so offsets mean the same on every platform.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import errno
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from bilingual.errors import EmptyInputError, EncodingError, InputError, LimitError
from bilingual.lang.script import CJK_PUNCT_OR_FULLWIDTH
from bilingual.limits import limits
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
        if c in _FREQUENT or CJK_PUNCT_OR_FULLWIDTH.match(c) is not None or c in "“”‘’—…·"
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
        except UnicodeDecodeError as utf8_error:
            bad = utf8_error.start
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
                line = data.count(b"\n", 0, bad) + 1
                raise EncodingError(
                    f"{name}: is not text in a supported encoding (UTF-8, UTF-16 with BOM, "
                    f"GB18030/GBK, Big5): the first byte that is not UTF-8 is at line {line}, "
                    f"byte {bad} (0x{data[bad]:02x}); convert the file to UTF-8, e.g. with iconv."
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


_MIB = 1 << 20


def _mib(n: float) -> str:
    return f"{n / _MIB:,.1f} MiB"


def check_file_size(size: int, name: str) -> None:
    """LimitError when an input of ``size`` bytes is over the per-file limit."""
    limit = limits().file_bytes
    if size > limit:
        raise LimitError(
            f"{name}: {_mib(size)} is over the limit of {_mib(limit)} per input file; raise it "
            f"with `bilingual --max-file-mb {max(1, -(-size // _MIB))} ...` if the file is meant."
        )


def check_zip(data: bytes, name: str) -> None:
    """Refuse a ZIP (XLSX) whose members would expand beyond the limits, before reading any.

    A zip bomb declares its sizes in the central directory; the reader (zipfile) stops at the
    declared size of each member, so checking the declarations bounds what is decompressed.
    """
    import io as _io
    import zipfile

    lim = limits()
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a ZIP the limits can judge; the format's reader reports it
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > lim.unzip_bytes:
            raise LimitError(
                f"{name}: member {m.filename} expands to {_mib(m.file_size)}, over the limit "
                f"of {_mib(lim.unzip_bytes)}; raise it with `bilingual --max-unzip-mb N ...` "
                "if the file is meant."
            )
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > _MIB and ratio > lim.zip_ratio:
            raise LimitError(
                f"{name}: member {m.filename} expands {ratio:,.0f} times (a zip bomb?), over "
                f"the limit of {lim.zip_ratio:g}; raise it with `bilingual --max-zip-ratio R "
                "...` if the file is meant."
            )
    if total > lim.unzip_bytes:
        raise LimitError(
            f"{name}: expands to {_mib(total)} in all, over the limit of "
            f"{_mib(lim.unzip_bytes)}; raise it with `bilingual --max-unzip-mb N ...` if the "
            "file is meant."
        )


def _read_capped(fh: IO[bytes], name: str) -> bytes:
    """Read a stream to its end, refusing as soon as it passes the per-file limit."""
    limit = limits().file_bytes
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise LimitError(
            f"{name}: more than {_mib(limit)}, the limit per input; raise it with "
            "`bilingual --max-file-mb N ...` if the input is meant."
        )
    return data


def read_input_bytes(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a file (or stdin for ``"-"``) as bytes; return them with the name for messages.

    Raises InputError for a missing path, a symlink loop, a directory or an unreadable file.
    The file is recorded as an input of the running command (see :func:`guard_outputs`).
    """
    name = str(path)
    if name == "-":
        guard = _GUARD.get()
        if guard is not None:
            if guard.stdin_read:
                raise InputError(
                    "stdin ('-') can be read only once; give the other input as a file."
                )
            guard.stdin_read = True
        return _read_capped(sys.stdin.buffer, "<stdin>"), "<stdin>"
    try:
        st = os.stat(path)
    except OSError as e:
        raise InputError(_path_problem(name, e, "check the path")) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory; give a text file.")
    if stat.S_ISREG(st.st_mode):
        check_file_size(st.st_size, name)
    _note_input(st, name)
    try:
        with open(path, "rb") as fh:
            # A FIFO or device has no size to check first: reading stops at the limit.
            return (fh.read() if stat.S_ISREG(st.st_mode) else _read_capped(fh, name)), name
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror}); check its permissions.") from None


def read_text(path: str | os.PathLike[str], *, allow_empty: bool = False) -> str:
    """Read a text file (or stdin for ``"-"``), detecting its encoding.

    Raises InputError for a missing path, a directory or an unreadable file,
    EncodingError for binary input and EmptyInputError for whitespace-only input.
    """
    data, name = read_input_bytes(path)
    text, _ = decode_bytes(data, name)
    if not allow_empty and not text.strip():
        raise EmptyInputError(f"{name}: is empty (no text to process); give a file with text.")
    return text


def _path_problem(name: str, e: OSError, fix: str) -> str:
    """A one-line message for an OSError raised while looking up ``name``."""
    if e.errno == errno.ELOOP:
        return f"{name}: is a symlink loop (a link that leads back to itself); fix or remove it."
    if e.errno == errno.ENOTDIR:
        parent = _first_non_folder(Path(name))
        return f"{name}: {parent} is a file, not a folder; {fix}."
    if e.errno == errno.ENOENT:
        return f"{name}: no such file; {fix}."
    if e.errno == errno.ENAMETOOLONG:
        return f"{name[:80]}...: the file name is too long; {fix}."
    return f"{name}: {e.strerror}; {fix}."


def _first_non_folder(path: Path) -> Path:
    """The first ancestor of ``path`` that exists but is not a directory (for ENOTDIR)."""
    for parent in reversed(path.parents):
        if str(parent) not in ("", ".") and parent.exists() and not parent.is_dir():
            return parent
    return path.parent


# ---- the output door -----------------------------------------------------------------------
#
# Every output file goes through check_output/atomic_writer/write_files_atomic. The CLI runs
# each command inside guard_outputs(), and every reader above records the files it read, so
# an output that is the same file as an input is refused even when a command forgets to
# name its inputs: the guard, not the command, holds the list.


class OutputGuard:
    """What one command run has read (files by device and inode, stdin) and may replace."""

    def __init__(self, *, no_clobber: bool = False) -> None:
        self.no_clobber = no_clobber
        self.inputs: dict[tuple[int, int], str] = {}
        self.stdin_read = False


_GUARD: contextvars.ContextVar[OutputGuard | None] = contextvars.ContextVar(
    "bilingual_output_guard", default=None
)


@contextlib.contextmanager
def guard_outputs(*, no_clobber: bool = False) -> Iterator[OutputGuard]:
    """Within this block, outputs may not be inputs read in it (nor existing files if asked)."""
    guard = OutputGuard(no_clobber=no_clobber)
    token = _GUARD.set(guard)
    try:
        yield guard
    finally:
        _GUARD.reset(token)


def _note_input(st: os.stat_result, name: str) -> None:
    guard = _GUARD.get()
    if guard is not None:
        guard.inputs.setdefault((st.st_dev, st.st_ino), name)


def _stat_or_none(path: str | os.PathLike[str], what: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise InputError(_path_problem(str(path), e, what)) from None


def check_output(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str] | None] = ()
) -> Path:
    """Return the file ``path`` will really be written to; raise InputError when it cannot be.

    Refused: a directory, a symlink loop, a path under a file or a missing folder, a file that
    is one of ``inputs`` or was read in the running :func:`guard_outputs` block, and an
    existing regular file under ``--no-clobber``. A symlink is followed to its target.
    Commands call it for every output before any expensive work.
    """
    name = str(path)
    st = _stat_or_none(path, "choose another output file")
    target = Path(os.path.realpath(path))
    if st is None:
        directory = target.parent
        if not directory.exists():
            shown = Path(name).parent if str(Path(name).parent) else Path(".")
            raise InputError(f"{name}: the folder {shown} does not exist; create it first.")
        if not directory.is_dir():
            raise InputError(f"{name}: {directory} is a file, not a folder.")
        return target
    if stat.S_ISDIR(st.st_mode):
        raise InputError(
            f"{name}: is a directory; give a file name for the output (e.g. {name}/out.txt)."
        )
    key = (st.st_dev, st.st_ino)
    guard = _GUARD.get()
    known = dict(guard.inputs) if guard is not None else {}
    for other in inputs:
        if other is None or str(other) == "-":
            continue
        ost = _stat_or_none(other, "check the path")
        if ost is not None:
            known.setdefault((ost.st_dev, ost.st_ino), str(other))
    if key in known and stat.S_ISREG(st.st_mode):
        raise InputError(
            f"{name}: is also an input ({known[key]}); writing it would destroy that input, "
            "so choose another output file."
        )
    if guard is not None and guard.no_clobber and stat.S_ISREG(st.st_mode):
        raise InputError(
            f"{name}: exists and --no-clobber was given; remove it or choose another output file."
        )
    return target


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """Return the folder ``path`` will be written into; raise InputError when it cannot be.

    Commands call it before any work, so a wrong ``-o`` fails at once, not after aligning.
    All the checks of :func:`check_output` apply.
    """
    return check_output(path).parent


def _is_regular_or_new(target: Path) -> bool:
    try:
        return stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        return True


def _output_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temp_beside(target: Path) -> tuple[int, str]:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:  # name the output in the message, not the temporary file
        raise OSError(e.errno, e.strerror, str(target)) from None
    # mkstemp makes the file 0600; give the output the mode a plain open() would have
    # (or keep the mode of the file it replaces), so shared reports stay readable.
    os.chmod(tmp, _output_mode(target))
    return fd, tmp


class StagedFile:
    """A temporary file beside ``target``, open for writing, that becomes ``target`` on publish.

    The one atomic-write sequence of the package (temporary file, flush, fsync, rename):
    :func:`atomic_writer`, :func:`write_bytes_atomic`, :func:`write_files_atomic` and the
    corpus writer all stage through it. ``target`` must be a regular file or not exist yet.
    """

    def __init__(self, target: Path, *, binary: bool = False, encoding: str = "utf-8") -> None:
        self.target = target
        fd, tmp = _temp_beside(target)
        self.tmp = Path(tmp)
        self.fh: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="\n")
        )

    def finish(self) -> None:
        """Flush the data to disk and close; the file is ready to be published."""
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()

    def discard(self) -> None:
        """Close and remove the temporary file (never raises)."""
        with contextlib.suppress(OSError):
            self.fh.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()

    def publish(self) -> None:
        """Rename the finished temporary file over ``target``."""
        os.replace(self.tmp, self.target)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``'s target for writing; rename it over on success.

    On any exception the temporary file is removed and ``path`` is left untouched, so a
    failed run never leaves a half-written output. A symlink is written through (its target
    is replaced, the link stays); a device or FIFO is written in place, never replaced.
    """
    target = check_output(path)
    if not _is_regular_or_new(target):
        with open(target, "w", encoding=encoding, newline="\n") as fh:
            yield fh
        return
    staged = StagedFile(target, encoding=encoding)
    try:
        yield staged.fh
        staged.finish()
        staged.publish()
    except BaseException:
        staged.discard()
        raise


def write_stdout(text: str, chunk: int = 1 << 16) -> None:
    """Write ``text`` to stdout in pieces, then flush.

    One huge write into a pipe whose reader has gone (``| head``) loses the data without an
    error in CPython; pieces make the broken pipe raise, so the CLI can exit as Unix tools do.
    """
    for start in range(0, len(text), chunk):
        sys.stdout.write(text[start : start + chunk])
    sys.stdout.flush()


def is_stdout(output: str | os.PathLike[str] | None) -> bool:
    """Whether an output option means stdout: not given, or ``-`` (the one place that decides)."""
    return output is None or str(output) == "-"


def write_output(text: str, output: str | os.PathLike[str] | None) -> None:
    """Write ``text`` to stdout when :func:`is_stdout` says so, else atomically to ``output``."""
    if output is None or is_stdout(output):
        write_stdout(text)
    else:
        write_text_atomic(output, text)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename); see atomic_writer."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` like write_text_atomic (same target checks, temp + rename)."""
    target = check_output(path)
    if not _is_regular_or_new(target):
        with open(target, "wb") as fh:
            fh.write(data)
        return
    staged = StagedFile(target, binary=True)
    try:
        staged.fh.write(data)
        staged.finish()
        staged.publish()
    except BaseException:
        staged.discard()
        raise


def check_distinct(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The targets of ``paths`` (see check_output); InputError when two are the same file."""
    seen: dict[Path, str] = {}
    targets: list[Path] = []
    for path in paths:
        target = check_output(path)
        if target in seen and _is_regular_or_new(target):
            raise InputError(
                f"{seen[target]} and {path} are the same file, so one output would overwrite "
                "the other; give two different files."
            )
        seen[target] = str(path)
        targets.append(target)
    return targets


def write_files_atomic(files: Mapping[str | os.PathLike[str], str]) -> None:
    """Write several files as a set: every temporary file first, then the renames.

    When anything fails before the renames, no output is created or changed. (A rename
    itself failing halfway, which needs the folder to vanish mid-run, is not undone.)
    """
    targets = check_distinct(files)
    staged: list[StagedFile] = []
    in_place: list[tuple[Path, str]] = []
    try:
        for target, text in zip(targets, files.values(), strict=True):
            if not _is_regular_or_new(target):
                in_place.append((target, text))
                continue
            staged.append(StagedFile(target))
            staged[-1].fh.write(text)
            staged[-1].finish()
        for target, text in in_place:
            with open(target, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except BaseException:
        for s in staged:
            s.discard()
        raise
    for s in staged:
        s.publish()


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
