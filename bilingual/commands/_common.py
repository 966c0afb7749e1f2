"""What every command shares: turning library errors into exit code 2 and writing outputs."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from bilingual.errors import BilingualError
from bilingual.io import write_text_atomic

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print a BilingualError as one line on stderr and exit 2, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except BilingualError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            typer.echo("error: interrupted; no output was written.", err=True)
            raise typer.Exit(130) from None

    return wrapper


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout when ``output`` is None."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(output, text)
        logging.getLogger(__name__).info("wrote %s", output)
