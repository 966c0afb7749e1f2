"""Placeholder for the `check` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def check() -> None:
    """Not available yet."""
    typer.echo("error: 'check' is not implemented yet.", err=True)
    raise typer.Exit(2)
