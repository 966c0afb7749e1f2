"""Digests of today's outputs (numbers, names, terms, segmentation, drift checks) over fixed texts.

The restructuring of issue 8 must not change behaviour; ``tests/test_pinned_outputs.py`` compares
these digests with the golden files in ``tests/golden/``. Each section digests one function's
output over one text set, so a difference names the function and the text that changed.

Regenerate a golden file only when an output changes on purpose (and list the change in the
commit message): ``BILINGUAL_PIN_UPDATE=1 PYTHONPATH=$PWD python -m pytest -q
tests/test_pinned_outputs.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.model import Document


@dataclass(frozen=True)
class TextSet:
    """Parallel or one-sided lines of one corpus slice, and whole documents made of them."""

    name: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    paired: bool  # line i of ``en`` translates line i of ``zh``


def _digest(items: Iterable[object]) -> str:
    h = hashlib.sha256()
    for item in items:
        h.update(repr(item).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:20]


def _numbers(ts: TextSet) -> dict[str, str]:
    from bilingual.numbers import compare_quantities, extract_numbers, numeral_words

    out: dict[str, str] = {}
    for lang, lines in (("en", ts.en), ("zh", ts.zh)):
        found = [extract_numbers(line, lang) for line in lines]
        out[f"numbers.extract.{lang}"] = _digest(found)
        out[f"numbers.words.{lang}"] = _digest(
            numeral_words(line, lang, q) for line, q in zip(lines, found, strict=True)
        )
    if ts.paired:
        out["numbers.compare"] = _digest(
            compare_quantities(extract_numbers(e, "en"), extract_numbers(z, "zh"))
            for e, z in zip(ts.en, ts.zh, strict=True)
        )
    return out


def _names(ts: TextSet) -> dict[str, str]:
    from bilingual.check import names as n
    from bilingual.lang.script import is_cjk_text

    out = {
        "names.english": _digest(n.english_names(line) for line in ts.en),
        "names.chinese": _digest(n.chinese_names(line) for line in ts.zh),
        "names.latin_tokens": _digest(n.latin_tokens(line) for line in ts.zh),
        "names.runs": _digest(n.transliteration_runs(line) for line in ts.zh),
        "names.recurring": _digest(sorted(n.recurring_names(list(ts.zh)))),
        "terms.is_cjk_text": _digest(is_cjk_text(line) for line in ts.en + ts.zh),
    }
    if ts.paired:
        found = []
        for e, z in zip(ts.en, ts.zh, strict=True):
            for name, _, _ in n.english_names(e):
                m = n.find_in_chinese(name, z)
                found.append((name, m, n.known_name(name), n.is_common_word(name)))
                found.append(round(n.phonetic_similarity(name, z), 9))
                found.append(n.en_skeleton(name))
        out["names.find_in_chinese"] = _digest(found)
    return out


def _segmentation(docs: Sequence[Document]) -> dict[str, str]:
    from bilingual.segment import segment

    out = {}
    for level in ("paragraph", "sentence"):
        segs = [segment(d, level) for d in docs]  # type: ignore[arg-type]
        out[f"segment.{level}"] = _digest(
            (s.signature, [(x.start, x.end, x.paragraph) for x in s.segments]) for s in segs
        )
    return out


def _fresh() -> None:
    """Forget vectors cached by earlier checks in this process before the next check.

    The encoder gives a text the same vector in any batch, so a cached vector is the one a
    fresh ``bilingual check`` process computes; clearing keeps a test-registered encoder's
    vectors (same name, other weights) from reaching these checks.
    """
    from bilingual.encode import memo

    memo._CACHE.clear()


def _report(prefix: str, report: object) -> dict[str, str]:
    from bilingual.report import render_text, report_to_json
    from bilingual.report.html import render_html

    return {
        f"{prefix}.json": _digest([report_to_json(report)]),  # type: ignore[arg-type]
        f"{prefix}.text": _digest([render_text(report, width=120)]),  # type: ignore[arg-type]
        f"{prefix}.html": _digest([render_html(report)]),  # type: ignore[arg-type]
    }


def document_from_lines(lines: Sequence[str], lang: str, name: str, every: int) -> Document:
    """Lines grouped into paragraphs of ``every`` lines (blank line between paragraphs)."""
    joiner = "" if lang == "zh" else " "
    paras = [joiner.join(lines[i : i + every]) for i in range(0, len(lines), every)]
    return Document(text="\n\n".join(paras) + "\n", lang=lang, name=name)


def _checks(en: Document, zh: Document) -> dict[str, str]:
    from bilingual.check import check_documents
    from bilingual.check.names import english_names
    from bilingual.formats.terms import parse_glossary

    out = _segmentation([en, zh])
    _fresh()
    out.update(_report("check", check_documents(en, zh)))
    # The glossary path of the term check: the first names the document uses, each given a
    # rendering no translation contains, so every use is a finding.
    names = {name for line in en.text.splitlines() for name, _, _ in english_names(line)}
    picked = sorted(names)[:5]
    if picked:
        glossary = parse_glossary("".join(f"{p}\t甲乙丙\n" for p in picked), "pinned")
        _fresh()
        out.update(_report("check.glossary", check_documents(en, zh, glossary=glossary)))
    return out


def section_digests(
    sets: Sequence[TextSet],
    pages: Sequence[Document] = (),
    doc_pairs: Sequence[tuple[Document, Document]] = (),
) -> dict[str, str]:
    """``{"<set>/<section>": digest}`` over every text set, page and document pair."""
    from bilingual.check import check_page

    out: dict[str, str] = {}

    def add(prefix: str, fn: Callable[[], dict[str, str]]) -> None:
        for key, value in fn().items():
            out[f"{prefix}/{key}"] = value

    for ts in sets:
        add(ts.name, lambda ts=ts: {**_numbers(ts), **_names(ts)})
    for page in pages:
        _fresh()
        add(page.name, lambda page=page: _report("check_page", check_page(page)))
        add(page.name, lambda page=page: _segmentation([page]))
    for en, zh in doc_pairs:
        add(f"{en.name}+{zh.name}", lambda en=en, zh=zh: _checks(en, zh))
    return out


def compare_with_golden(path: Path, digests: dict[str, str], update: bool) -> list[str]:
    """Sections whose digest differs from ``path`` (written instead when ``update``)."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return []
    if not path.exists():
        return [f"{path} is missing; write it with BILINGUAL_PIN_UPDATE=1"]
    golden = json.loads(path.read_text(encoding="utf-8"))
    keys = sorted(set(golden) | set(digests))
    return [k for k in keys if golden.get(k) != digests.get(k)]
