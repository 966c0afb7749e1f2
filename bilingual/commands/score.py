"""Placeholder for the `score` command (being built; replaced by its real module)."""

from __future__ import annotations

import typer


def score() -> None:
    """Not available yet."""
    typer.echo("error: 'score' is not implemented yet.", err=True)
    raise typer.Exit(2)
