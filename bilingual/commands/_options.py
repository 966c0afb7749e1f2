"""Options several commands share: one definition each (name, help) and the config's default.

The defaults are the library's (``bilingual.encode.base.DEFAULT_ENCODER``, the fields of
``bilingual.corpus.filters.FilterConfig``). They are repeated here as literals because importing
those modules would load numpy and the corpus package for every ``--help``;
tests/test_cli_options.py checks that each literal equals the config's value, so they cannot
drift apart.
"""

from __future__ import annotations

from typing import Annotated

import typer

# == bilingual.encode.base.DEFAULT_ENCODER
DEFAULT_ENCODER = "use"

# == the fields of bilingual.corpus.filters.FilterConfig of the same names
FILTER_DEFAULTS = {
    "min_confidence": 0.2,
    "max_length_ratio": 4.0,
    "min_chars": 2,
    "max_chars": 2000,
}

Encoder = Annotated[
    str,
    typer.Option(
        "--encoder",
        help="Sentence encoder: 'use' (bundled, offline), a registered name, or a "
        "sentence-transformers folder.",
    ),
]
SrcLang = Annotated[str, typer.Option("--src-lang", help="auto, en, zh, de, fr ...")]
TgtLang = Annotated[str, typer.Option("--tgt-lang", help="auto, en, zh, de, fr ...")]
Presplit = Annotated[
    bool, typer.Option("--presplit", help="One segment per non-blank line, used as given.")
]
SpacyModel = Annotated[
    str | None,
    typer.Option("--spacy-model", help="An installed trained spaCy pipeline (name or path)."),
]
