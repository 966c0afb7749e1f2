"""Placeholder for the `split` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def split() -> None:
    """Not available yet."""
    typer.echo("error: 'split' is not implemented yet.", err=True)
    raise typer.Exit(2)
