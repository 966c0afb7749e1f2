"""Quantities in English, Chinese and (more simply) other Latin-script text, normalised.

``extract_numbers`` finds digits, number words, money, percentages, scales, years, ordinals and
hedged or ranged amounts and returns them as :class:`Quantity` values; ``compare_quantities``
pairs two such lists as multisets. Both the lexical alignment channel and the drift checks use
this module, so it is tuned for precision: a numeral that is part of a word (统一, 万一, "no one")
is not a quantity.

Units are short strings:

- ``""`` a plain count or fraction (五分之一 = "a fifth part" = 0.2; twice = 2); ``"%"`` a
  percentage (also 个百分点, 千分之五 = 0.5 %, 三成 = 30 %);
- ``"year"`` a calendar year (2026, 2026年初, the 1990s, 八十年代); ``"month"`` a month of the
  year (May, the eighth month, 八月, 正月);
- ``"time"`` a clock time as hours on a 12-hour dial (13:00, 7.55am, nine in the evening, 晚上九点
  and 下午5：30 are 1, 7.92, 9 and 5.5): translations move between 24-hour and 12-hour clocks;
- ``"years"``, ``"months"``, ``"weeks"``, ``"days"``, ``"hours"``, ``"minutes"``,
  ``"seconds"`` durations (an age in 岁 / "years old" counts as ``"years"``);
- ``"ordinal"`` ranks and numbering (third, 3rd, 第三, 首次, Article 3 = 第三条, list items,
  60周年); a rank is compatible with a duration ("the eleventh year" = 十一年, "the 89th
  minute" = 89分钟);
- ``"x"`` multiples (3倍, threefold);
- ISO currency codes (``"USD"``, ``"CNY"``, ``"EUR"``, ``"GBP"``, ``"JPY"``, ``"HKD"``), with a
  period when there is one: ``"USD/month"`` ("$500/month", 每月2000美元).

``value`` is a point estimate; ``low``/``high`` bound what the text allows: a written range
gives its ends (5到10年 -> 5..10, value the midpoint, ``approx`` False), a hedge widens one side
(more than 100,000 -> 100,000..200,000; about 2,000 -> 1,700..2,300) and sets ``approx``;
"several"/数/几 forms span 2..9.999 of their scale (数千 -> 2,000..9,999, ``approx``).
``text``/``start``/``end`` locate the quantity: ``text == source[start:end]``.

English number words for one ("one", "a") and Chinese 一 on their own are not quantities (they
are articles far more often than counts); 第一, "first", "1" and "a thousand" are. "first" as an
adverb ("at first", "... first.") is not. ``numeral_words`` lists the numeral-like words that are
not quantities ("both" = 2, 唯一 = 1, "an hour" = 1), for callers that weigh a one-sided count.

Layout: ``model`` (Quantity, the atom found before ranges merge, hedges, merging), ``chinese``
and ``latin`` (extraction for each script), ``extract`` (the public entry points), ``compare``
(unit compatibility and multiset comparison). Import the public names from here.
"""

from bilingual.numbers.chinese import parse_chinese_numeral
from bilingual.numbers.compare import compare_quantities, quantities_match, units_compatible
from bilingual.numbers.extract import NumeralWord, extract_numbers, numeral_words
from bilingual.numbers.model import Quantity, QuantityDiff

__all__ = [
    "NumeralWord",
    "Quantity",
    "QuantityDiff",
    "compare_quantities",
    "extract_numbers",
    "numeral_words",
    "parse_chinese_numeral",
    "quantities_match",
    "units_compatible",
]
