"""Placeholder for the `align` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def align() -> None:
    """Not available yet."""
    typer.echo("error: 'align' is not implemented yet.", err=True)
    raise typer.Exit(2)
