"""The `bilingual` command line: a typer app whose commands live in bilingual/commands/.

Exit codes: 0 ok, 1 findings at or above ``--fail-on`` (check), 2 usage or input error.
"""

from __future__ import annotations

import itertools
import logging
import sys
from typing import Annotated

import typer

from bilingual._version import __version__
from bilingual.commands import (
    align,
    check,
    convert,
    corpus,
    evaluate,
    review,
    score,
    segment,
    split,
)
from bilingual.commands._common import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    os_error_message,
    say,
    silence_stdout,
)
from bilingual.limits import Limits, set_limits

app = typer.Typer(
    name="bilingual",
    help="English–Chinese alignment and translation-consistency toolkit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich tables at 80 columns cut option names ("--adaptive-lexi…"),
    # broke choice lists mid-word and showed "<bool>" on flags.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from bilingual.extras import foreign_package

        typer.echo(f"bilingual {__version__}")
        clash = foreign_package()
        if clash:
            say(f"warning: {clash}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            metavar="",
            show_default=False,
            help="More logging: -v info, -vv debug (with tracebacks). A flag: repeat it, "
            "it takes no number.",
        ),
    ] = 0,
    max_file_mb: Annotated[
        float,
        typer.Option("--max-file-mb", min=0.001, help="Largest input file read, in MiB."),
    ] = Limits.file_bytes / (1 << 20),
    max_unzip_mb: Annotated[
        float,
        typer.Option(
            "--max-unzip-mb",
            min=0.001,
            help="Largest decompressed XLSX/ZIP member, and all members together, in MiB.",
        ),
    ] = Limits.unzip_bytes / (1 << 20),
    max_zip_ratio: Annotated[
        float,
        typer.Option("--max-zip-ratio", min=1.0, help="Largest expansion of an XLSX/ZIP member."),
    ] = Limits.zip_ratio,
    max_segment_chars: Annotated[
        int,
        typer.Option(
            "--max-segment-chars",
            min=1,
            help="Longest bead side the names and terms checks read (cost: its square).",
        ),
    ] = Limits.segment_chars,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress bars and no summary line on stderr (warnings and errors still show).",
        ),
    ] = False,
) -> None:
    """English–Chinese alignment and translation-consistency toolkit."""
    from bilingual.commands._progress import set_quiet

    set_quiet(quiet)
    set_limits(
        Limits(
            file_bytes=int(max_file_mb * (1 << 20)),
            unzip_bytes=int(max_unzip_mb * (1 << 20)),
            zip_ratio=max_zip_ratio,
            segment_chars=max_segment_chars,
        )
    )
    level = logging.WARNING - 10 * min(verbose, 2)
    handler = logging.StreamHandler()
    handler.setFormatter(_LogFormat(with_name=verbose > 0))
    logging.basicConfig(level=level, handlers=[handler])


class _LogFormat(logging.Formatter):
    """``warning: message`` like the CLI's own lines; with -v also the logger's name."""

    def __init__(self, *, with_name: bool) -> None:
        super().__init__()
        self.with_name = with_name

    def format(self, record: logging.LogRecord) -> str:
        where = f" {record.name}" if self.with_name else ""
        text = f"{record.levelname.lower()}{where}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


app.command("segment")(segment.segment)
app.command("split")(split.split)
app.command("align")(align.align)
app.command("convert")(convert.convert)
app.command("eval")(evaluate.evaluate)
app.command("check")(check.check)
app.command("score")(score.score)
app.command("corpus")(corpus.corpus)
app.command("review")(review.review)


def _verbose_with_number(argv: list[str]) -> str | None:
    """``-v 2`` / ``--verbose 2`` before the command: the count flag takes no number."""
    for flag, value in itertools.pairwise(argv):
        if flag in ("-v", "--verbose") and value.isdigit():
            return f"{flag} takes no number; repeat it instead (-v info, -vv debug)."
        if not flag.startswith("-"):
            break  # the command name: what follows belongs to the command
    return None


def main() -> None:
    """Console-script entry point: the last error boundary, around typer's own output too.

    ``--help > /dev/full`` or a reader that quits (``| head``) must not print a traceback:
    a failed write to stdout is one ``error:`` line (exit 2) or, for a broken pipe, a quiet
    exit 141 (see bilingual.commands._common).
    """
    wrong = _verbose_with_number(sys.argv[1:])
    if wrong:
        say(f"error: {wrong}")
        raise SystemExit(EXIT_ERROR)
    code: int | str | None = 0
    try:
        try:
            app()
        except SystemExit as e:
            code = e.code
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        code = EXIT_BROKEN_PIPE
    except OSError as e:
        silence_stdout()
        say(f"error: {os_error_message(e)}")
        code = EXIT_ERROR
    raise SystemExit(code)
