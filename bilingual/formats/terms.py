"""Term lists read from files: glossaries (``english<TAB>chinese`` lines) and term bases (TBX as
CAT tools export it, or TSV/CSV lines ``term<TAB>rendering[<TAB>status]``).

What the checks do with them: ``bilingual.check.terms`` (a glossary's required renderings) and
``bilingual.check.glossary`` (a term base's forbidden and do-not-translate terms). A glossary is
a UTF-8 file of ``english<TAB>chinese`` lines (``#`` starts a comment; several accepted
renderings are separated by ``|`` or given on several lines). A term base's statuses:
*preferred/admitted* renderings, *forbidden* ones (TBX ``deprecatedTerm``/``supersededTerm``,
status ``forbidden``) and *do-not-translate* terms (a TBX entry whose Chinese term is the
English one, a note saying "do not translate", status ``dnt``).

TBX is read with defusedxml (no entity expansion, no external references), TBX 2 (``martif``)
and TBX 3 (namespaced ``tbx``) alike; elements are matched by local name.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import FormatError
from bilingual.io import decode_bytes, read_input_bytes, read_text
from bilingual.lang import base_code
from bilingual.lang.script import is_cjk_text

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "TermBase",
    "TermRule",
    "load_glossary",
    "load_termbase",
    "parse_glossary",
    "parse_tbx",
    "parse_term_table",
]


@dataclass(frozen=True)
class GlossaryEntry:
    """One English term and its accepted Chinese renderings."""

    en: str
    zh: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """Required renderings of terms, English to Chinese."""

    entries: tuple[GlossaryEntry, ...]
    name: str = "<glossary>"


def parse_glossary(text: str, name: str = "<glossary>") -> Glossary:
    """Parse ``en<TAB>zh`` lines; raise FormatError naming the first bad line."""
    merged: dict[str, list[str]] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise FormatError(
                f"{name}:{n}: expected 'english<TAB>chinese', got {raw!r}; separate the two "
                "terms with one tab (several renderings with |)."
            )
        en, zh = parts
        if is_cjk_text(en) and not is_cjk_text(zh):
            en, zh = zh, en
        merged.setdefault(en, []).extend(z.strip() for z in zh.split("|") if z.strip())
    if not merged:
        raise FormatError(f"{name}: holds no terms; give lines of 'english<TAB>chinese'.")
    return Glossary(
        tuple(GlossaryEntry(en, tuple(dict.fromkeys(zh))) for en, zh in merged.items()), name
    )


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read a glossary file (any supported encoding)."""
    return parse_glossary(read_text(path), str(path))


_FORBIDDEN = ("deprecated", "superseded", "forbidden", "notrecommended", "obsolete")
_DNT = re.compile(r"do[\s_-]*not[\s_-]*translate|\bdnt\b|untranslatable", re.IGNORECASE)


@dataclass(frozen=True)
class TermRule:
    """One concept: its English term, accepted and forbidden Chinese renderings, and whether
    the term stays untranslated."""

    en: str
    zh: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    keep: bool = False


@dataclass(frozen=True)
class TermBase:
    """The rules of one term file."""

    rules: tuple[TermRule, ...]
    name: str = "<termbase>"

    @property
    def glossary(self) -> Glossary | None:
        """The required renderings as a Glossary for the term check (None when there are none)."""
        entries = tuple(GlossaryEntry(r.en, r.zh) for r in self.rules if r.zh and not r.keep)
        return Glossary(entries, self.name) if entries else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _lang(el: object) -> str:
    attrib = getattr(el, "attrib", {})
    for k, v in attrib.items():
        if _local(k) == "lang":
            return base_code(str(v))
    return ""


def _text(el: object) -> str:
    return " ".join("".join(el.itertext()).split())  # type: ignore[attr-defined]


def parse_tbx(data: bytes, name: str = "<tbx>") -> TermBase:
    """Rules of a TBX file (TBX 2 ``martif`` or TBX 3); FormatError when it is not TBX."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as e:
        raise FormatError(
            f"{name}: the TBX declares entities or external references ({type(e).__name__}); "
            "they are refused for safety."
        ) from None
    except SafeET.ParseError as e:
        raise FormatError(f"{name}: not well-formed XML ({e}); fix the file.") from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise FormatError(f"{name}: not a TBX file (root <{_local(root.tag)}>); export TBX.")
    rules: list[TermRule] = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        entry_note = " ".join(
            _text(e) for e in entry.iter() if _local(e.tag) in ("note", "descrip", "termNote")
        )
        terms: dict[str, list[tuple[str, str]]] = {"en": [], "zh": []}
        for lang_set in entry.iter():
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = _lang(lang_set)
            if lang not in terms:
                continue
            for group in lang_set.iter():
                if _local(group.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term = next((_text(t) for t in group.iter() if _local(t.tag) == "term"), "")
                status = " ".join(
                    _text(n)
                    for n in group.iter()
                    if _local(n.tag) == "termNote"
                    and n.get("type") in ("administrativeStatus", "normativeAuthorization")
                )
                if term:
                    terms[lang].append((term, status.lower().replace(" ", "")))
        for en, en_status in terms["en"]:
            if any(f in en_status for f in _FORBIDDEN):
                continue
            zh_ok = tuple(t for t, s in terms["zh"] if not any(f in s for f in _FORBIDDEN))
            zh_bad = tuple(t for t, s in terms["zh"] if any(f in s for f in _FORBIDDEN))
            keep = bool(_DNT.search(entry_note)) or any(t.lower() == en.lower() for t in zh_ok)
            rules.append(TermRule(en, zh_ok, zh_bad, keep))
    if not rules:
        raise FormatError(f"{name}: holds no English–Chinese term entries.")
    return TermBase(tuple(rules), name)


def parse_term_table(text: str, name: str = "<glossary>") -> TermBase:
    """Rules of ``term<TAB>rendering[<TAB>status]`` (or comma-separated) lines.

    ``status`` is ``preferred`` (default), ``forbidden`` or ``dnt``; several renderings are
    separated by ``|``; ``#`` starts a comment.
    """
    lines = [ln for ln in text.splitlines() if ln.split("#", 1)[0].strip()]
    delimiter = "\t" if any("\t" in ln for ln in lines) else ","
    merged: dict[str, dict[str, list[str]]] = {}
    keep: set[str] = set()
    for n, row in enumerate(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter), 1):
        cells = [c.split("#", 1)[0].strip() if k == len(row) - 1 else c.strip()
                 for k, c in enumerate(row)]  # fmt: skip
        if len(cells) < 2 or not cells[0] or (not cells[1] and cells[2:3] != ["dnt"]):
            raise FormatError(
                f"{name}:{n}: expected 'english<TAB>chinese[<TAB>preferred|forbidden|dnt]', "
                f"got {row!r}."
            )
        en, zh = cells[0], cells[1]
        if is_cjk_text(en) and not is_cjk_text(zh):
            en, zh = zh, en
        status = cells[2].lower() if len(cells) > 2 and cells[2] else "preferred"
        if status not in ("preferred", "admitted", "forbidden", "dnt"):
            raise FormatError(f"{name}:{n}: unknown status {status!r}; use preferred, "
                              "forbidden or dnt.")  # fmt: skip
        slot = merged.setdefault(en, {"zh": [], "forbidden": []})
        renderings = [z.strip() for z in zh.split("|") if z.strip()]
        if status == "dnt":
            keep.add(en)
        else:
            slot["forbidden" if status == "forbidden" else "zh"].extend(renderings)
    if not merged:
        raise FormatError(f"{name}: holds no terms.")
    return TermBase(
        tuple(
            TermRule(
                en, tuple(dict.fromkeys(v["zh"])), tuple(dict.fromkeys(v["forbidden"])), en in keep
            )
            for en, v in merged.items()
        ),
        name,
    )


def load_termbase(path: str | os.PathLike[str]) -> TermBase:
    """Read a TBX file (by extension or content) or a TSV/CSV term table."""
    data, name = read_input_bytes(path)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t")
    if Path(name).suffix.lower() == ".tbx" or (
        head.startswith(b"<") and re.search(rb"<(?:\w+:)?(martif|tbx)\b", head)
    ):
        return parse_tbx(data, name)
    text, _ = decode_bytes(data, name)
    return parse_term_table(text, name)
