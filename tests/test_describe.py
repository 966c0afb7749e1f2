"""Every config describes itself the same way in signatures: the fields that differ from their
defaults as ``name=value`` (issue 18), and the encoder as ``enc:<name>`` in every signature."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bilingual.align import AlignConfig
from bilingual.check import CheckConfig
from bilingual.corpus.filters import FilterConfig


@pytest.mark.parametrize("cls", [AlignConfig, CheckConfig, FilterConfig])
def test_default_config_describes_as_default(cls: type) -> None:
    assert cls().describe().endswith("default")


def _another(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return 1
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.25  # small enough to keep info_z <= warning_z
    raise AssertionError(f"no other value for {value!r}")


def test_every_field_of_each_config_shows_when_changed() -> None:
    # A hand-written describe used to leave fields out: two configs that check differently
    # must sign differently, whichever field differs.
    for cls, skip in ((AlignConfig, ()), (CheckConfig, ("encoder", "kinds")), (FilterConfig, ())):
        for f in fields(cls):
            if f.name in skip:
                continue
            changed = _another(getattr(cls(), f.name))
            assert f"{f.name}={changed}" in cls(**{f.name: changed}).describe(), (cls, f.name)


def test_check_signs_its_encoder_like_the_aligner() -> None:
    assert CheckConfig(encoder="use").describe() == "enc:use|params:default"
    assert CheckConfig(encoder=None, info_z=2.5).describe() == "enc:none|params:info_z=2.5"
    assert "kinds=omission+addition" in CheckConfig(kinds=("omission", "addition")).describe()
