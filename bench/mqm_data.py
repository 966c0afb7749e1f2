"""mqm-wmt23-zhen as the drift checks see it: documents, the dev/held-out split, the labels.

Read from ../shared/bench/mqm-wmt23-zhen at run time (its README describes the files). One
document per (system, news document): line i of the .zh file is translated by line i of the
.en file, so each line is one bead (checked as a translation file's units, no aligner).

Split: the 38 news documents sorted by id; every third (index 2, 5, 8, ...) is HELD OUT with
all ten systems' translations of it, the rest is DEVELOPMENT. The confidence model and the
phrase model are fitted on development documents only; bench_mqm.py reports both.

Labels per segment (``≥ 2 raters`` means at least two of the three distinct raters):
- ``major_omission_addition``: ≥ 2 raters marked a Major Accuracy/Omission or Accuracy/Addition;
- ``clean``: all three raters marked "No-error" and nothing else;
- a finding is *confirmed* when ≥ 2 raters marked an error of a category matching its kind
  (``MATCHING``) on the finding's segment, any severity.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MQM = ROOT.parent / "shared" / "bench" / "mqm-wmt23-zhen"
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from bilingual.model import Finding  # noqa: E402

_OMISSION = ("Accuracy/Omission",)
_ADDITION = ("Accuracy/Addition",)
_MISTRANSLATION = ("Accuracy/Mistranslation",)
# the MQM categories (prefixes) a reviewer would use to confirm a finding of each kind
MATCHING: dict[str, tuple[str, ...]] = {
    "omission": _OMISSION,
    "addition": _ADDITION,
    "partial_omission": _OMISSION,
    "partial_addition": _ADDITION,
    "length_ratio": _OMISSION + _ADDITION,
    "low_similarity": ("Accuracy/", "Non-translation"),
    "number_mismatch": (*_MISTRANSLATION, "Locale convention/"),
    "name_mismatch": (*_MISTRANSLATION, "Locale convention/Name format"),
    "untranslated": ("Accuracy/Source language fragment", "Non-translation"),
    "term_inconsistency": ("Terminology/", *_MISTRANSLATION),
    "inconsistent_translation": ("Terminology/Inconsistent", "Fluency/Inconsistency"),
    "format_mismatch": ("Fluency/Text-Breaking", "Fluency/Punctuation", "Source issue"),
    "punctuation_mismatch": ("Fluency/Punctuation",),
    "typography": ("Fluency/Spelling", "Fluency/Punctuation", "Fluency/Grammar"),
    "forbidden_term": ("Terminology/",),
}


@dataclass(frozen=True)
class Rating:
    rater: str
    category: str
    severity: str


@dataclass(frozen=True)
class MqmDoc:
    name: str
    doc: str
    system: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    ratings: tuple[tuple[Rating, ...], ...]  # per segment
    held_out: bool


def available() -> bool:
    return (MQM / "annotations.json").is_file()


def load() -> list[MqmDoc]:
    ann = json.loads((MQM / "annotations.json").read_text(encoding="utf-8"))
    news = sorted({v["doc"] for v in ann.values()})
    held = {d for i, d in enumerate(news) if i % 3 == 2}
    out = []
    for name in sorted(ann):
        v = ann[name]
        n = len(v["annotations"])
        zh = (MQM / "docs" / f"{name}.zh").read_text(encoding="utf-8").split("\n")[:n]
        en = (MQM / "docs" / f"{name}.en").read_text(encoding="utf-8").split("\n")[:n]
        ratings = tuple(
            tuple(Rating(a["rater"], a["category"], a["severity"]) for a in seg)
            for seg in v["annotations"]
        )
        out.append(
            MqmDoc(name, v["doc"], v["system"], tuple(zh), tuple(en), ratings, v["doc"] in held)
        )
    return out


def _raters(seg: tuple[Rating, ...], prefixes: tuple[str, ...], major: bool = False) -> int:
    return len(
        {
            r.rater
            for r in seg
            if r.category.startswith(prefixes) and (not major or r.severity == "Major")
        }
    )


def major_omission_addition(seg: tuple[Rating, ...]) -> bool:
    return _raters(seg, _OMISSION + _ADDITION, major=True) >= 2


def clean(seg: tuple[Rating, ...]) -> bool:
    return len({r.rater for r in seg}) >= 3 and all(r.category == "No-error" for r in seg)


def confirmed(kind: str, seg: tuple[Rating, ...]) -> bool:
    return _raters(seg, MATCHING.get(kind, ("Accuracy/",))) >= 2


def segment_of(f: Finding) -> int | None:
    """The unit (line) a finding is about: units are 1:1 beads, so src and tgt ids agree."""
    ids = f.src_ids or f.tgt_ids
    return ids[0] if ids else None


def translation_file(d: MqmDoc):  # -> TranslationFile
    from bilingual.formats.units import TranslationFile, TranslationUnit

    units = tuple(
        TranslationUnit(str(i), z, e) for i, (z, e) in enumerate(zip(d.zh, d.en, strict=True))
    )
    return TranslationFile(d.name, "tsv", "zh", "en", units)
