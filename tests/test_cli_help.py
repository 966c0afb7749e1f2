"""Help reads at 80 columns: every option name whole, choices unbroken, no type on flags."""

from __future__ import annotations

import click
import pytest
import typer
from typer.testing import CliRunner

from bilingual.cli import app

COMMAND = typer.main.get_command(app)
NAMES = sorted(COMMAND.commands)  # type: ignore[attr-defined]


def _help(name: str) -> str:
    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", NAMES)
def test_help_at_80_columns(name: str) -> None:
    text = _help(name)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = set(text.replace(",", " ").replace("/", " ").split())
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        for option in (*param.opts, *param.secondary_opts):
            assert option in words, f"{name}: {option} is not shown whole"
        if isinstance(param.type, click.Choice):
            shown = "|".join(str(c) for c in param.type.choices)
            assert shown in text, f"{name}: choices {shown} are broken"
    assert "<bool>" not in text
    assert "…" not in text


def test_every_command_is_covered() -> None:
    assert {"align", "check", "corpus", "review", "segment", "split"} <= set(NAMES)
