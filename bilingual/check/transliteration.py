"""Shim: English-name to Chinese transliteration moved to :mod:`bilingual.lang.zh.transliteration`.

Moved down a layer in issue 18 so the aligner can use it without importing ``check``; kept so
branches written against the old tree still import. Removed next round.
"""

from __future__ import annotations

from bilingual.lang.zh.transliteration import *  # noqa: F403
