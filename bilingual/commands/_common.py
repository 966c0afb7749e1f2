"""What every command shares: the CLI error boundary, the output checks and writing outputs.

Exit codes: 0 ok, 1 findings (check --fail-on), 2 any error (bad input, bad option, a file
that cannot be read or written, a full disk), 130 Ctrl-C, 141 (128 + SIGPIPE, what a shell
reports for ``cat`` in ``cat big | head``) when the reader of stdout goes away: that exit is
quiet, as Unix tools are.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import click
import typer

from bilingual.errors import BilingualError
from bilingual.io import (
    check_distinct,
    check_output,
    guard_outputs,
    is_stdout,
    write_output,
)

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_BROKEN_PIPE = 141

log = logging.getLogger(__name__)

NoClobber = Annotated[
    bool,
    typer.Option(
        "--no-clobber",
        help="Refuse to replace an existing output file (like cp -n / mv -n).",
    ),
]


def say(message: str) -> None:
    """One line on stderr; a closed stderr is not worth a traceback."""
    with contextlib.suppress(OSError, ValueError):
        typer.echo(message, err=True)


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def os_error_message(e: OSError) -> str:
    """A one-line description of an OSError (which file, what went wrong, what to do)."""
    where = f"{e.filename}: " if e.filename else ""
    fixes = {
        errno.ENOSPC: "the disk is full; free some space and run again",
        errno.EDQUOT: "the disk quota is exceeded; free some space and run again",
        errno.EACCES: "permission denied; check the permissions or choose another path",
        errno.EPERM: "operation not permitted; choose another path",
        errno.EROFS: "the file system is read-only; write somewhere else",
        errno.EISDIR: "is a directory; give a file",
        errno.ENOENT: "no such file or folder; check the path",
    }
    fix = fixes.get(e.errno or 0, f"{e.strerror or e}; check the path and try again")
    return f"{where}{fix}."


def boundary_error(e: BaseException) -> str | None:
    """The ``error:`` message for an exception the CLI turns into exit 2, else None."""
    if isinstance(e, BilingualError):
        return str(e)
    if isinstance(e, OSError):
        return os_error_message(e)
    if isinstance(e, RecursionError):
        return (
            "the input is nested too deeply to read (e.g. a JSON array inside thousands of "
            "arrays); give a flat file."
        )
    if isinstance(e, ValueError):
        return f"{e}; check the input file."
    return None


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Run a command inside the output guard; turn any error into one ``error:`` line, exit 2.

    The guard records every file the command reads, so no output can replace an input. A
    ``no_clobber`` keyword of the command (the :data:`NoClobber` option) switches on refusing
    existing files. Run with ``-vv`` to log the traceback as well.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with guard_outputs(no_clobber=bool(kwargs.get("no_clobber", False))):
                return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.ClickException):
            raise  # click prints these itself (usage errors: exit 2)
        except KeyboardInterrupt:
            say("error: interrupted; no output was written.")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except Exception as e:
            log.debug("traceback of the error below", exc_info=True)
            message = boundary_error(e) or _internal_error(e)
            say(f"error: {message}")
            raise typer.Exit(EXIT_ERROR) from None

    return wrapper


def _internal_error(e: Exception) -> str:
    from bilingual.extras import foreign_package

    clash = foreign_package()
    if clash:  # a broken install, not a bug: say how to repair it
        return f"internal error ({type(e).__name__}: {e}); {clash}"
    return (
        f"internal error ({type(e).__name__}: {e}); this is a bug in bilingual, "
        "please report it with the command you ran (-vv shows the traceback)"
    )


def check_outputs(
    outputs: Iterable[Path | str | None], inputs: Iterable[Path | str | None] = ()
) -> None:
    """Refuse bad outputs before any work: call it first thing in a command that writes files.

    Each output (None and ``-`` mean stdout) must be a writable file that is no input and no
    other output; see bilingual.io.check_output.
    """
    files = [o for o in outputs if o is not None and str(o) != "-"]
    listed = list(inputs)
    for output in files:
        check_output(output, inputs=listed)
    check_distinct(files)


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout when ``output`` is None or ``-``."""
    write_output(text, output)
    if not is_stdout(output):
        log.info("wrote %s", output)
