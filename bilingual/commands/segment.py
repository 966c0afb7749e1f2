"""Placeholder for the `segment` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def segment() -> None:
    """Not available yet."""
    typer.echo("error: 'segment' is not implemented yet.", err=True)
    raise typer.Exit(2)
