"""The shared CLI options' defaults are the library's (issue 18/23: one home per default)."""

from __future__ import annotations

import dataclasses

from bilingual.commands import _options
from bilingual.corpus.filters import FilterConfig
from bilingual.encode.base import DEFAULT_ENCODER


def test_encoder_default_is_the_registry_default() -> None:
    assert _options.DEFAULT_ENCODER == DEFAULT_ENCODER


def test_corpus_filter_defaults_are_the_filter_config_defaults() -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(FilterConfig)}
    for name, value in _options.FILTER_DEFAULTS.items():
        assert defaults[name] == value, name
