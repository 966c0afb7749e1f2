"""The `bilingual` command line: a typer app whose commands live in bilingual/commands/.

Exit codes: 0 ok, 1 findings at or above ``--fail-on`` (check), 2 usage or input error.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from bilingual._version import __version__
from bilingual.commands import align, check, convert, corpus, evaluate, score, segment, split

app = typer.Typer(
    name="bilingual",
    help="English–Chinese alignment and translation-consistency toolkit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilingual {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging.")] = 0,
) -> None:
    """English–Chinese alignment and translation-consistency toolkit."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


app.command("segment")(segment.segment)
app.command("split")(split.split)
app.command("align")(align.align)
app.command("convert")(convert.convert)
app.command("eval")(evaluate.evaluate)
app.command("check")(check.check)
app.command("score")(score.score)
app.command("corpus")(corpus.corpus)


def main() -> None:
    """Console-script entry point."""
    app()
