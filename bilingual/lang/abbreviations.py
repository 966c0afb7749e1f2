"""Language data for sentence splitting: abbreviations and frequent sentence openers.

Kept as data, one table per language (spaCy's style), so adding a language means adding rows.
All entries are lower case and without their final full stop; inner stops stay (``e.g``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ENGLISH", "FRENCH", "GENERIC", "GERMAN", "AbbreviationTable", "table_for"]


@dataclass(frozen=True)
class AbbreviationTable:
    """How a word followed by ``.`` behaves at a candidate sentence end.

    ``never_final``: titles and Latin shorthand that are always followed by more of the
    sentence (``Mr.``, ``e.g.``). ``before_number``: no break when a number follows
    (``No. 5``, ``p. 12``). ``maybe_final``: abbreviations that can also end a sentence
    (``etc.``, ``Inc.``, ``p.m.``): break only before a frequent sentence opener.
    ``openers``: capitalised words that usually start a sentence.
    """

    never_final: frozenset[str]
    before_number: frozenset[str]
    maybe_final: frozenset[str]
    openers: frozenset[str]
    months: frozenset[str] = frozenset()


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_EN_OPENERS = _words(
    "the a an he she it they we i you this that these those there here his her its their our my "
    "your but and so or yet in on at as if when while after before since then however also "
    "what how why who where which one some many most all no not now today yesterday tomorrow "
    "for from by with to of meanwhile still thus hence instead finally first second later"
)

ENGLISH = AbbreviationTable(
    never_final=_words(
        "mr mrs ms mssrs messrs dr prof rev hon gov sen rep pres gen col capt lt sgt cmdr adm "
        "maj st mt ft e.g i.e vs v cf viz approx ca esp incl dept univ assn"
    ),
    before_number=_words(
        "no nos nr p pp fig figs vol vols ch chap sec sect art arts eq eqs ed para par tab op "
        "ex pt pts ref refs app"
    ),
    maybe_final=_words(
        "etc inc ltd co corp llc plc bros jr sr esq al a.m p.m u.s u.k u.n e.u u.s.a b.c a.d "
        "ph.d m.d b.a m.a n.y d.c ave blvd rd ln hwy"
    ),
    openers=_EN_OPENERS,
    months=_words("jan feb mar apr jun jul aug sep sept oct nov dec"),
)

GERMAN = AbbreviationTable(
    never_final=_words(
        "hr hrn fr dr prof st z.b d.h u.a s.o s.u vgl bzw ca evtl ggf inkl insb sog u.ä "
        "z.t v.a o.ä zb dh"
    ),
    before_number=_words("nr s abs art bd kap abb tab ziff"),
    maybe_final=_words("usw etc u.s.w jh mio mrd gmbh ag co"),
    openers=_words(
        "der die das ein eine er sie es wir ich ihr aber und doch dann so in im am an auf "
        "als wenn da dies diese dieser man nach vor heute"
    ),
    months=_words(
        "januar februar märz april mai juni juli august september oktober november dezember "
        "jan feb mär apr jun jul aug sep sept okt nov dez"
    ),
)

FRENCH = AbbreviationTable(
    never_final=_words("m mm mme mmes mlle mlles dr pr me st ste cf c.-à-d env av apr vs"),
    before_number=_words("p pp n no vol chap art fig éd t"),
    maybe_final=_words("etc j.-c cie"),
    openers=_words(
        "le la les un une il elle ils elles on nous je vous ce cette ces mais et puis alors "
        "dans en au aux si quand après avant"
    ),
    months=_words("janv févr avr juil sept oct nov déc"),
)

GENERIC = AbbreviationTable(
    never_final=_words("dr prof st mr mrs ms e.g i.e vs cf"),
    before_number=_words("no nr p pp fig vol art"),
    maybe_final=_words("etc"),
    openers=frozenset(),
)

TABLES: dict[str, AbbreviationTable] = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH}


def table_for(lang: str) -> AbbreviationTable:
    """The abbreviation table of ``lang`` (a generic one for other Latin-script languages)."""
    return TABLES.get(lang, GENERIC)
