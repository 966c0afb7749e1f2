"""English function words: too common to show that a passage was translated.

Data only; the check modules read them.
"""

from __future__ import annotations

# Function words (and a few very frequent content words) that say nothing about coverage.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    either else even ever every few for from further get gets got had has have having he her
    here hers herself him himself his how i if in into is it its itself just let like many may
    me might more most much must my myself of off on once one only or other our ours
    ourselves out over own same shall she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very
    was we were what when where which while who whom whose why will with would yet you your
    yours unto thee thou thy ye hath shalt said says say also well still already s t
    mr mrs ms dr new year years time times people way day days""".split()
)

# Early Modern English function words and verb forms (the KJV's "Thou Shalt", "Hath"): grammar
# that CC-CEDICT does not gloss, so the dictionary test cannot tell them from names.
ARCHAIC_WORDS = frozenset(
    "thou thee thy thine ye shalt shall hast hath doth dost art wilt wast wert canst couldst "
    "shouldst wouldst mayest mightest mayst didst hadst wherefore whence whither thereof "
    "therein thereto hither thither yea nay lo behold verily unto amen selah whosoever "
    "whatsoever whomsoever wheresoever howbeit peradventure".split()
)

# Function words a translation leaves unlinked (the phrase channel's word links, check/wordalign):
# Shorter than STOP_WORDS: the phrase channel and its confidence model were fitted with this list.
UNLINKED_WORDS = frozenset(
    "the a an of to and in on for is was are were be been by with that at as it its this has "
    "have had will from or which who".split()
)

# Capitalised words that are grammar, titles or calendar rather than names.
NOT_NAMES = frozenset(
    "I A An The This That These Those It Its He She We They You His Her Our Their My Your "
    "But And Or "
    "If In On At For From With By Of To As So Not No Yes Mr Mrs Ms Dr Sir St Jr Sr Prof Mt "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Lord God "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat "
    "Sun No".split()
)
