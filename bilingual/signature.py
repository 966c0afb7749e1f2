"""Reproducibility signatures: a short string saying how an output was made (sacrebleu style).

``make_signature(seg="rules-1", enc="use-m3")`` gives
``bilingual:0.1.0|py:3.11|seg:rules-1|enc:use-m3``: version first, then the parts in the
order given. Values must not contain ``|``; they are replaced by ``/``.
"""

from __future__ import annotations

import platform
from dataclasses import fields
from typing import Any

from bilingual._version import __version__


def make_signature(**parts: object) -> str:
    """Join the package version, the Python version and ``parts`` into one signature."""
    fields = [f"bilingual:{__version__}", f"py:{'.'.join(platform.python_version_tuple()[:2])}"]
    for key, value in parts.items():
        fields.append(f"{key}:{str(value).replace('|', '/')}")
    return "|".join(fields)


def describe_fields(config: Any, *, skip: tuple[str, ...] = ()) -> str:
    """``name=value`` of every field of a config dataclass that differs from its default,
    comma-joined ("default" when none does): the one way configs describe themselves in
    signatures. Tuples are joined with ``+``; ``skip`` names fields signed elsewhere."""
    default = type(config)()
    parts = []
    for f in fields(config):
        value = getattr(config, f.name)
        if f.name in skip or value == getattr(default, f.name):
            continue
        shown = "+".join(map(str, value)) if isinstance(value, tuple) else str(value)
        parts.append(f"{f.name}={shown}")
    return ",".join(parts) if parts else "default"


def parse_signature(signature: str) -> list[tuple[str, str]]:
    """Split a signature back into its ``(key, value)`` parts, in order."""
    out: list[tuple[str, str]] = []
    for field in signature.split("|"):
        key, _, value = field.partition(":")
        out.append((key, value))
    return out
