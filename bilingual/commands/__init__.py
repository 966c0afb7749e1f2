"""CLI commands: each module holds one thin typer command that calls the library."""
