"""The finding-kind registry: the one list of kinds, each with how it is found, explained, tuned.

A kind is one :class:`KindSpec`; :mod:`bilingual.check.kinds` registers the shipped ones (with
their runners) when :mod:`bilingual.check` is imported. Everything that lists kinds reads this
registry at the time it needs the list: ``Finding`` kinds are checked against it where findings
are built (:func:`bilingual.check.context.finding`, :func:`bilingual.check.run.check_alignment`),
``CheckConfig.kinds`` defaults to it, the runner table, the summary's counts, the HTML legend and
the kind enums of the JSON schema (:func:`bilingual.report.report_schema`) are derived from it.

The registry lives in the bottom layer, below ``check/``, so that the model's kind names and
the config that validates ``--kinds`` need not import the checks; it stores the runners as
plain callables and never calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from bilingual.errors import ConfigError

__all__ = [
    "KindSpec",
    "check_kind",
    "get",
    "kind_names",
    "register",
    "registered",
    "unregister",
]


@dataclass(frozen=True)
class KindSpec:
    """One finding kind: its legend line in reports, its impact, its runner (None when only a
    multi-kind pass yields it) and the :class:`~bilingual.check.config.CheckConfig` fields
    that tune it."""

    name: str
    legend: str
    # What a confirmed finding costs a reader of the translation (1 = meaning lost or wrong;
    # lower: the text still says the same thing). Drift kinds change what the text says;
    # format breaks software; punctuation and typography are style. Severity follows from
    # confidence x impact (bilingual.check.rank).
    impact: float
    # CheckInputs -> list[Finding] (bilingual.check.kinds.Runner); typed loosely here because
    # this layer may not import the checks
    runner: Callable[[Any], list[Any]] | None
    config_fields: tuple[str, ...] = ()
    # "comparable": found by the claim analysis of bilingual.check.comparable (check --mode
    # comparable), which runs instead of the translation runners and passes
    mode: Literal["translation", "comparable"] = "translation"


# name -> spec, in registration order: the order in which reports sort findings of one place
_REGISTRY: dict[str, KindSpec] = {}


def register(*specs: KindSpec) -> None:
    """Add kinds at the end of the registry (a name registered twice is a programming error)."""
    for spec in specs:
        if spec.name in _REGISTRY:
            raise ConfigError(f"finding kind {spec.name!r} is registered twice; rename one.")
        _REGISTRY[spec.name] = spec


def unregister(name: str) -> None:
    """Remove a kind (tests register throwaway kinds and remove them again)."""
    _REGISTRY.pop(name, None)


def registered() -> tuple[KindSpec, ...]:
    """Every registered kind, in report order."""
    return tuple(_REGISTRY.values())


def kind_names() -> tuple[str, ...]:
    """The names of the registered kinds, in report order."""
    return tuple(_REGISTRY)


def get(name: str) -> KindSpec | None:
    """The spec of ``name``, or None when no such kind is registered."""
    return _REGISTRY.get(name)


def check_kind(name: str) -> str:
    """``name`` if it is a registered kind, else ConfigError naming the known ones."""
    if name not in _REGISTRY:
        raise ConfigError(
            f"unknown finding kind {name!r}; register it in bilingual/check/kinds.py "
            f"or use one of {', '.join(_REGISTRY)}."
        )
    return name
