"""Progress bars on stderr: counts and time left, on a terminal only.

One display for ``align``, ``check`` and ``corpus``: a rich bar per stage (the library's
:func:`bilingual.progress.report` calls) with its count, rate and ETA, or a spinner for a
stage without counts. Nothing is drawn when stderr is not a terminal (a pipe, a file, a CI
log) or with ``-q``: the data on stdout and the files stay the same either way.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from bilingual.progress import Step, reporting

_QUIET = False


def set_quiet(quiet: bool) -> None:
    """``-q``: no progress display in this process."""
    global _QUIET
    _QUIET = quiet


def quiet() -> bool:
    """Whether ``-q`` was given."""
    return _QUIET


def shown() -> bool:
    """Whether progress is drawn: stderr is a terminal and ``-q`` was not given."""
    try:
        return not _QUIET and sys.stderr.isatty()
    except (AttributeError, ValueError):  # stderr replaced or closed
        return False


class _Bars:
    """One rich Progress; each stage gets its task the first time it reports."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
            refresh_per_second=8,
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, step: Step) -> None:
        task = self.tasks.get(step.stage)
        if task is None:
            # a new stage ends the phases before it that had no counts (their spinners go)
            for t in self.progress.tasks:
                if t.total is None:
                    self.progress.update(t.id, visible=False)
            task = self.progress.add_task(step.stage, total=step.total, unit=step.unit)
            self.tasks[step.stage] = task
        # Drawn at once: reports come per chunk of sentences, per check or per document, few
        # enough to draw each (the timer alone would skip the counts of a short run).
        self.progress.update(task, completed=step.done, total=step.total, unit=step.unit)
        self.progress.refresh()


@contextlib.contextmanager
def progress_display() -> Iterator[Any]:
    """Draw the reports made inside the block (when :func:`shown`); yields the rich Progress
    or None, for a command that adds a task of its own."""
    if not shown():
        yield None
        return
    bars = _Bars()
    with bars.progress, reporting(bars):
        yield bars.progress
