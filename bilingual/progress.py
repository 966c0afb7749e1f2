"""Progress of long library stages, for a display that the command line installs.

As with logging, library code only reports (:func:`report`) and the caller decides whether and
how to show it (:func:`reporting`). Nothing happens while no reporter is installed, so library
users and tests pay one list lookup per report. ``bilingual.commands._progress`` draws the
reports as rich bars on a terminal's stderr.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["Step", "report", "reporting"]


@dataclass(frozen=True)
class Step:
    """``done`` of ``total`` units of ``stage`` (``total`` None: a phase without counts)."""

    stage: str
    done: int = 0
    total: int | None = None
    unit: str = ""


Reporter = Callable[[Step], None]
_REPORTERS: list[Reporter] = []


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send the reports made inside the block to ``reporter``."""
    _REPORTERS.append(reporter)
    try:
        yield
    finally:
        _REPORTERS.remove(reporter)


def report(stage: str, done: int = 0, total: int | None = None, unit: str = "") -> None:
    """Tell the installed reporter (if any) how far ``stage`` is."""
    if _REPORTERS:
        _REPORTERS[-1](Step(stage, done, total, unit))
