"""Placeholder for the `convert` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def convert() -> None:
    """Not available yet."""
    typer.echo("error: 'convert' is not implemented yet.", err=True)
    raise typer.Exit(2)
