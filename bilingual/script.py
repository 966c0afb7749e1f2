"""Shim: the script facts moved to :mod:`bilingual.lang.script` (issue 18).

Kept so branches written against the old tree still import; removed next round.
"""

from __future__ import annotations

from bilingual.lang.script import *  # noqa: F403
from bilingual.lang.script import __all__  # noqa: F401
