"""Shim: the abbreviation tables moved to :mod:`bilingual.lang.abbreviations` (issue 18).

Kept so branches written against the old tree still import; removed next round.
"""

from __future__ import annotations

from bilingual.lang.abbreviations import *  # noqa: F403
from bilingual.lang.abbreviations import __all__  # noqa: F401
