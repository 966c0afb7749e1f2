"""Placeholder for the `evaluate` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def evaluate() -> None:
    """Not available yet."""
    typer.echo("error: 'evaluate' is not implemented yet.", err=True)
    raise typer.Exit(2)
