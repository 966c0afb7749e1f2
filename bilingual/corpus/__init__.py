"""Corpus mode: many document pairs → one filtered, deduplicated parallel corpus with a report.

``pair_inputs`` decides the pairs (manifest, two folders by name, mixed pages, or content),
``build_corpus`` aligns them on local workers or a Dask cluster (resumable through the state
store in the output folder) and writes the corpus files and reports. Importing this package
loads no model.
"""

from bilingual.corpus.build import (
    CorpusOptions,
    ProgressEvent,
    alignment_path,
    build_corpus,
    default_cache,
    pair_inputs,
)
from bilingual.corpus.filters import FilterConfig
from bilingual.corpus.pairing import DocPair, Pairing
from bilingual.corpus.report import CorpusReport
from bilingual.corpus.worker import Settings

__all__ = [
    "CorpusOptions",
    "CorpusReport",
    "DocPair",
    "FilterConfig",
    "Pairing",
    "ProgressEvent",
    "Settings",
    "alignment_path",
    "build_corpus",
    "default_cache",
    "pair_inputs",
]
